/*
 * Admin page, charts: thin wrappers over uPlot (served from /admin/vendor/) for the report's category charts
 * (one x position per day, channel or score) and an HTML table heatmap, so the numbers stay readable as text.
 */
(() => {
  'use strict';
  const { h, t } = window.FD;
  const COLORS = ['#2456a6', '#d4731c', '#2f8f5b', '#8a4fbf'];
  const INTEGER_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000];
  const drawn = new Map(); // container → its uPlot, to replace and resize

  /**
   * Draws series over categorical labels: kind 'bars' or 'line'; `format` turns a y value into text; `counts`
   * keeps the y axis on whole numbers; `xLabel` names the labels in the legend.
   */
  function chart(
    el,
    { labels, series, kind = 'bars', format = (v) => String(v), max, counts = false, xLabel = '' },
  ) {
    drawn.get(el)?.destroy();
    el.replaceChildren();
    const xs = labels.map((_, i) => i);
    // Two bar series stand side by side around their label (align -1 ends a bar at x, 1 starts one there).
    const pair = series.length > 1;
    const bars = (i) =>
      window.uPlot.paths.bars({ size: [pair ? 0.35 : 0.6, 48], align: pair ? (i === 0 ? -1 : 1) : 0 });
    const opts = {
      width: Math.max(240, el.clientWidth),
      height: 220,
      cursor: { drag: { x: false, y: false } },
      // A single series is named by the chart's caption; a legend only helps to tell two apart.
      legend: { show: series.length > 1 },
      scales: {
        x: { time: false, range: [-0.5, Math.max(labels.length - 0.5, 0.5)] },
        y: { range: (u, lo, hi) => [0, max ?? Math.max(1, hi * 1.1)] },
      },
      axes: [
        {
          splits: () => xs,
          // Every label while they fit (about 48 px each), else every second, third, … one.
          values: (u, splits) => {
            const step = Math.ceil((labels.length * 48) / Math.max(u.bbox.width / devicePixelRatio, 1));
            return splits.map((i) => (i % step === 0 ? (labels[i] ?? '') : ''));
          },
          grid: { show: false },
        },
        { values: (u, splits) => splits.map(format), size: 56, incrs: counts ? INTEGER_STEPS : undefined },
      ],
      series: [
        { label: xLabel, value: (u, i) => (i === null ? '–' : (labels[i] ?? '')) },
        ...series.map((s, i) => ({
          label: s.label,
          stroke: COLORS[i % COLORS.length],
          fill: kind === 'bars' ? `${COLORS[i % COLORS.length]}cc` : undefined,
          width: kind === 'bars' ? 0 : 2,
          paths: kind === 'bars' ? bars(i) : undefined,
          points: { show: kind !== 'bars', size: 6 },
          value: (u, v) => (v === null || v === undefined ? '–' : format(v)),
        })),
      ],
    };
    const plot = new window.uPlot(opts, [xs, ...series.map((s) => s.values)], el);
    drawn.set(el, plot);
    el.setAttribute('role', 'img');
    el.setAttribute('aria-label', describe(labels, series, format));
    return plot;
  }
  /** The chart as a sentence, for screen readers. */
  const describe = (labels, series, format) =>
    series
      .map(
        (s) =>
          `${s.label}: ${labels.map((l, i) => `${l} ${s.values[i] === null ? '–' : format(s.values[i])}`).join(', ')}`,
      )
      .join('. ');

  // Charts follow their container's width (a phone turned, a window resized).
  const resize = new ResizeObserver((changes) => {
    for (const change of changes) {
      const plot = drawn.get(change.target);
      const width = Math.max(240, Math.floor(change.contentRect.width));
      if (plot && plot.width !== width) plot.setSize({ width, height: 220 });
    }
  });
  const observe = (el) => resize.observe(el);

  const WEEKDAYS = {
    en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    zh: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  };
  /** A 7 × 24 table (Monday first) whose cells are shaded by their share of the busiest hour. */
  function heatmap(table, matrix) {
    const top = Math.max(1, ...matrix.flat());
    const hours = Array.from({ length: 24 }, (_, i) => i);
    table.replaceChildren(
      h('caption', { className: 'sr' }, t('Conversations by weekday and hour')),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('td'),
          hours.map((hr) => h('th', { scope: 'col' }, String(hr))),
        ),
      ),
      h(
        'tbody',
        {},
        matrix.map((row, day) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, WEEKDAYS[window.FD.lang][day]),
            row.map((n) => {
              const cell = h('td', { title: String(n) }, n ? String(n) : '');
              // Set through the CSSOM, which a strict style-src allows (inline style attributes it would not).
              cell.style.backgroundColor = n ? `rgba(36, 86, 166, ${0.12 + 0.88 * (n / top)})` : '';
              if (n / top > 0.55) cell.classList.add('strong');
              return cell;
            }),
          ),
        ),
      ),
    );
  }

  window.FD.charts = { chart, heatmap, observe };
})();
