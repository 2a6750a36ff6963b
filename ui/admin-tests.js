/*
 * Admin page, test all: the stored regression set (question → expected entry, or null for "should not answer"),
 * edited as JSONL or imported from a file, run against the live FAQ or a draft file before it is published.
 */
(() => {
  'use strict';
  const { $, h, t, api, attempt } = window.FD;

  const toJsonl = (cases) =>
    cases.map((c) => JSON.stringify({ text: c.text, expected: c.expected ?? null })).join('\n');

  async function load() {
    const { cases } = await api('/admin/tests');
    $('cases').value = toJsonl(cases);
  }

  // Saving goes through the import route, which checks every line and names the bad ones, then stores the set.
  $('cases-form').addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      const { cases } = await api('/admin/tests/import', {
        method: 'POST',
        body: { content: $('cases').value },
      });
      await api('/admin/tests', { method: 'PUT', body: { cases } });
      $('cases').value = toJsonl(cases);
      window.FD.toast(t('Saved {n} cases.', { n: cases.length }));
    }, $('cases-error'));
  });
  $('cases-file').addEventListener('change', async () => {
    const file = $('cases-file').files?.[0];
    if (file) $('cases').value = (await file.text()).trim();
  });

  $('run-form').addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      const body = {};
      if ($('run-form').elements.against.value === 'draft') {
        const file = $('run-file').files?.[0];
        if (!file) throw new Error(t('Choose the draft FAQ file first.'));
        body.draft = {
          content: await file.text(),
          format: /\.csv$/i.test(file.name) ? 'csv' : 'jsonl',
          mode: $('run-mode').value,
        };
      }
      render(await api('/admin/tests/run', { method: 'POST', body }), Boolean(body.draft));
    }, $('run-error'));
  });

  function render({ total, passed, failed, results }, draft) {
    const changes = draft
      ? results.filter((r) => r.live && (r.live.predicted !== r.predicted || r.live.ok !== r.ok))
      : [];
    $('run-summary').textContent = [
      t('{passed} of {total} passed, {failed} failed.', { total, passed, failed }),
      draft && t('{n} answers would change.', { n: changes.length }),
    ]
      .filter(Boolean)
      .join(' ');
    const mark = (ok) => h('span', { className: ok ? 'ok' : 'bad' }, ok ? '✓' : '✗');
    const head = [
      t('Question'),
      t('Expected'),
      t('Predicted'),
      t('Score'),
      t('Result'),
      draft && t('Live now'),
    ];
    // Failures and changes first: they are what to look at.
    const sorted = [...results].sort((a, b) => Number(a.ok && !changed(a)) - Number(b.ok && !changed(b)));
    $('run-results').replaceChildren(
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          head.filter(Boolean).map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        sorted.map((r) =>
          h(
            'tr',
            { className: [r.ok ? '' : 'failed', changed(r) ? 'changed' : ''].join(' ').trim() },
            h('td', {}, r.text),
            h('td', {}, r.expected ?? '–'),
            h('td', {}, r.predicted ?? '–'),
            h('td', {}, typeof r.score === 'number' ? r.score.toFixed(2) : '–'),
            h('td', {}, mark(r.ok)),
            draft && h('td', {}, r.live ? [r.live.predicted ?? '–', ' ', mark(r.live.ok)] : '–'),
          ),
        ),
      ),
    );
  }
  const changed = (r) => Boolean(r.live && (r.live.predicted !== r.predicted || r.live.ok !== r.ok));

  window.FD.sections.tests = { show: load };
})();
