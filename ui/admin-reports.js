/*
 * Admin page, reports over a date range (in the stack's time zone): the totals as tiles, charts of the answer
 * rate per day, tickets by channel, response times and CSAT, the weekday × hour heatmap, top entries, CSV links.
 */
(() => {
  'use strict';
  const { $, h, t, api, percent } = window.FD;
  const { chart, heatmap, observe } = window.FD.charts;
  let range = { query: () => '' };
  const TABLES = ['daily', 'channels', 'top-faq', 'heatmap', 'csat', 'tickets'];

  /** Seconds as "42 s", "3.5 min" or "2.1 h". */
  function duration(seconds) {
    if (seconds === null || seconds === undefined) return '–';
    if (seconds < 90) return `${Math.round(seconds)} s`;
    if (seconds < 5400) return `${Math.round(seconds / 6) / 10} min`;
    return `${Math.round(seconds / 360) / 10} h`;
  }
  const tile = (label, value, detail) =>
    h(
      'div',
      { className: 'tile' },
      h('span', { className: 'label' }, label),
      h('strong', {}, value),
      detail && h('span', { className: 'meta' }, detail),
    );

  async function load() {
    // The first time, the server picks the range (the last 7 days in its time zone) and the form shows it.
    const report = await api(`/admin/reports?${range.query()}`);
    range.set(report.from, report.to);
    const { totals: n, firstResponse: fr, resolution: res, csat } = report;
    $('report-totals').replaceChildren(
      tile(t('Conversations'), String(n.conversations), t('{n} messages', { n: n.messages })),
      tile(t('Answer rate'), percent(n.answerRate), t('{answered} of {questions} questions', n)),
      tile(t('Suggestion clicks'), percent(n.suggestionClickRate), t('{suggestionClicks} of {suggested}', n)),
      tile(t('Handoff rate'), percent(n.handoffRate), t('{n} handoffs', { n: n.handoffs })),
      tile(
        t('First response'),
        duration(fr.median),
        `p90 ${duration(fr.p90)} · ${t('staffed')} ${duration(fr.staffedMedian)}`,
      ),
      tile(t('SLA met'), percent(fr.slaMet), t('within {target}', { target: duration(fr.target) })),
      tile(
        t('Resolution'),
        duration(res.median),
        `p90 ${duration(res.p90)} · ${t('staffed')} ${duration(res.staffedMedian)}`,
      ),
      tile(
        t('CSAT'),
        csat.average === null ? '–' : csat.average.toFixed(2),
        t('{n} ratings · +{up} / −{down}', {
          n: csat.count,
          up: n.feedbackUp,
          down: n.feedbackDown,
        }),
      ),
    );
    const days = report.daily.map((d) => d.date.slice(5));
    chart($('chart-daily'), {
      kind: 'line',
      labels: days,
      series: [
        {
          label: t('Answer rate'),
          values: report.daily.map((d) => (d.answerRate === null ? null : d.answerRate * 100)),
        },
      ],
      format: (v) => `${Math.round(v)} %`,
      max: 100,
      xLabel: t('Day'),
    });
    const channels = Object.entries(report.tickets.byChannel);
    chart($('chart-channels'), {
      labels: channels.map(([name]) => name),
      series: [{ label: t('Tickets'), values: channels.map(([, count]) => count) }],
      counts: true,
      xLabel: t('Channel'),
    });
    const minutes = (s) => (s === null || s === undefined ? null : Math.round(s / 6) / 10);
    chart($('chart-times'), {
      labels: [t('First response'), t('staffed'), t('Resolution'), t('staffed')],
      series: [
        {
          label: t('median'),
          values: [fr.median, fr.staffedMedian, res.median, res.staffedMedian].map(minutes),
        },
        { label: 'p90', values: [fr.p90, fr.staffedP90, res.p90, res.staffedP90].map(minutes) },
      ],
      format: (v) => String(Math.round(v * 10) / 10),
      xLabel: t('Measure'),
    });
    const scores = ['1', '2', '3', '4', '5'];
    chart($('chart-csat'), {
      labels: scores.map((s) => `${s} ★`),
      series: [{ label: t('Ratings'), values: scores.map((s) => csat.distribution[s] ?? 0) }],
      counts: true,
      xLabel: t('Score'),
    });
    heatmap($('heatmap'), report.heatmap);
    renderTop(report.topFaq);
    await window.FD.reportTickets.load(range.query());
  }

  function renderTop(top) {
    $('top-faq').replaceChildren(
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [t('Entry'), t('Question'), t('Answers')].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        top.map((e) =>
          h(
            'tr',
            {},
            h('td', {}, e.id),
            h('td', {}, e.question),
            h('td', { className: 'num' }, String(e.count)),
          ),
        ),
      ),
    );
  }

  function init() {
    range = window.FD.rangeForm($('report-range'), load, null);
    for (const id of ['chart-daily', 'chart-channels', 'chart-times', 'chart-csat']) observe($(id));
    $('report-exports').replaceChildren(
      h('span', { className: 'meta', 'data-t': 'CSV:' }, 'CSV:'),
      ...TABLES.map((table) =>
        window.FD.button(
          table,
          () =>
            window.FD.download(
              `/admin/reports/export?${range.query()}&table=${table}`,
              `frontdesk-${table}.csv`,
            ),
          'link',
        ),
      ),
    );
  }

  window.FD.sections.reports = { init, show: load };
})();
