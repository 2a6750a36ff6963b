/*
 * Admin page, FAQ: search and filter the live entries, edit / create / delete one, import a file, export, and a
 * "try a question" box that shows what the bot would do and the words that counted.
 */
(() => {
  'use strict';
  const { $, h, t, api } = window.FD;
  let cursor = null; // the next page of the list
  let editing = null; // the id of the entry in the form, null for a new one
  const entries = new Map(); // id → entry, of the rows shown

  const filters = () => {
    const query = new URLSearchParams({ limit: '50' });
    if ($('faq-q').value.trim()) query.set('q', $('faq-q').value.trim());
    if ($('faq-tag').value.trim()) query.set('tag', $('faq-tag').value.trim());
    if ($('faq-lang').value) query.set('lang', $('faq-lang').value);
    return query;
  };

  /** Loads the first page of the list (more = the next page, appended). */
  async function load(more = false) {
    const query = filters();
    if (more && cursor) query.set('cursor', cursor);
    const page = await api(`/admin/faq?${query}`);
    if (!more) {
      entries.clear();
      $('faq-list').replaceChildren();
    }
    cursor = page.nextCursor ?? null;
    for (const entry of page.entries) entries.set(entry.id, entry);
    $('faq-list').append(...page.entries.map(row));
    $('faq-more').hidden = !cursor;
    $('faq-count').textContent = t('Entries: {total} · version {version}', page);
    const tags = new Set([...entries.values()].flatMap((e) => e.tags ?? []));
    $('faq-tags').replaceChildren(...[...tags].sort().map((tag) => h('option', { value: tag })));
    $('faq-ids').replaceChildren(...[...entries.keys()].map((id) => h('option', { value: id })));
  }
  function row(entry) {
    return h(
      'li',
      { 'data-id': entry.id },
      h(
        'button',
        { type: 'button', className: 'open', onclick: () => edit(entry.id) },
        h('span', { className: 'id' }, entry.id),
        h('span', { className: 'question' }, entry.questions[0] ?? ''),
        h('span', { className: 'badges' }, [
          entry.lang && h('span', { className: 'badge' }, entry.lang === 'zh' ? '中文' : 'EN'),
          h('span', { className: 'badge' }, t('{n} phrasings', { n: entry.questions.length })),
          ...(entry.tags ?? []).map((tag) => h('span', { className: 'badge tag' }, tag)),
        ]),
      ),
    );
  }

  async function edit(id) {
    const entry = id ? (await api(`/admin/faq/${encodeURIComponent(id)}`)).entry : null;
    openForm(entry);
  }
  /** Opens the editor on an entry, or empty (with optional prefilled fields) for a new one. */
  function openForm(entry, prefill = {}) {
    editing = entry?.id ?? null;
    const value = entry ?? prefill;
    $('faq-form').hidden = false;
    $('faq-form-title').textContent = editing ? t('Edit {id}', { id: editing }) : t('New entry');
    $('faq-id').value = value.id ?? '';
    $('faq-id').readOnly = Boolean(editing);
    $('faq-questions').value = (value.questions ?? []).join('\n');
    $('faq-answer').value = value.answer ?? '';
    $('faq-entry-lang').value = value.lang ?? '';
    $('faq-entry-tags').value = (value.tags ?? []).join(', ');
    $('faq-delete').hidden = !editing;
    $('faq-error').textContent = '';
    (editing ? $('faq-questions') : $('faq-id')).focus();
  }
  window.FD.openFaqForm = openForm;
  function closeForm() {
    $('faq-form').hidden = true;
    editing = null;
  }

  $('faq-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const lines = (text) =>
      text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    const body = {
      questions: lines($('faq-questions').value),
      answer: $('faq-answer').value.trim(),
      tags: $('faq-entry-tags')
        .value.split(/[,，]/)
        .map((s) => s.trim())
        .filter(Boolean),
    };
    if ($('faq-entry-lang').value) body.lang = $('faq-entry-lang').value;
    window.FD.attempt(async () => {
      const id = editing ?? $('faq-id').value.trim();
      const saved = editing
        ? await api(`/admin/faq/${encodeURIComponent(id)}`, { method: 'PUT', body })
        : await api('/admin/faq', { method: 'POST', body: { id, ...body } });
      window.FD.toast(t('Saved {id} (version {version}).', { id, version: saved.version }));
      closeForm();
      await load();
    }, $('faq-error'));
  });
  $('faq-delete').addEventListener('click', () => {
    if (!editing || !confirm(t('Delete {id}?', { id: editing }))) return;
    window.FD.attempt(async () => {
      await api(`/admin/faq/${encodeURIComponent(editing)}`, { method: 'DELETE' });
      window.FD.toast(t('Deleted {id}.', { id: editing }));
      closeForm();
      await load();
    }, $('faq-error'));
  });
  $('faq-cancel').addEventListener('click', closeForm);
  $('faq-new').addEventListener('click', () => openForm(null));
  $('faq-more').addEventListener('click', () => window.FD.attempt(() => load(true)));
  let searchTimer = 0;
  for (const id of ['faq-q', 'faq-tag', 'faq-lang']) {
    $(id).addEventListener('input', () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => window.FD.attempt(() => load()), 250);
    });
  }
  $('faq-export-jsonl').addEventListener('click', () =>
    window.FD.download('/admin/faq/export?format=jsonl', 'faq.jsonl'),
  );
  $('faq-export-csv').addEventListener('click', () =>
    window.FD.download('/admin/faq/export?format=csv', 'faq.csv'),
  );

  $('import-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const file = $('import-file').files?.[0];
    if (!file) return ($('import-error').textContent = t('Choose a file first.'));
    window.FD.attempt(async () => {
      const content = await file.text();
      const format = /\.csv$/i.test(file.name) ? 'csv' : 'jsonl';
      const mode = $('import-mode').value;
      if (mode === 'replace' && !confirm(t('Replace the whole FAQ with this file?'))) return;
      const done = await api('/admin/faq/import', { method: 'POST', body: { content, format, mode } });
      window.FD.toast(t('Imported: version {version}.', done));
      $('import-file').value = '';
      await load();
    }, $('import-error'));
  });

  // ---- try a question: asked as the customer types, the newest answer wins ----
  let asked = 0;
  async function tryQuestion() {
    const text = $('try-text').value.trim();
    const mine = ++asked;
    if (!text) return $('try-result').replaceChildren();
    const result = await api('/admin/faq/try', { method: 'POST', body: { text } });
    if (mine === asked) $('try-result').replaceChildren(...tryView(result).filter(Boolean));
  }
  const BANDS = { answer: 'answers', suggest: 'suggests', none: 'falls back' };
  function tryView({ band, best, suggestions = [], terms = [] }) {
    const score = (n) => (typeof n === 'number' ? n.toFixed(2) : '–');
    return [
      h(
        'p',
        { className: `band ${band}` },
        t('The bot {what}', { what: t(BANDS[band] ?? band) }),
        best && ` · ${t('score')} ${score(best.score)}`,
      ),
      best &&
        h(
          'p',
          {},
          h('button', { type: 'button', className: 'link', onclick: () => edit(best.id) }, best.id),
          ` ${best.question}`,
        ),
      best && band === 'answer' && h('blockquote', {}, best.answer),
      suggestions.length > 0 &&
        h(
          'ol',
          { className: 'suggestions' },
          suggestions.map((s) => h('li', {}, `${s.question} (${s.id}, ${score(s.score)})`)),
        ),
      terms.length > 0 &&
        h(
          'p',
          { className: 'terms' },
          t('Words that counted:'),
          ' ',
          terms.map((w) => h('span', { className: 'badge term' }, `${w.term} ${score(w.weight)}`)),
        ),
    ];
  }
  let tryTimer = 0;
  $('try-text').addEventListener('input', () => {
    clearTimeout(tryTimer);
    tryTimer = setTimeout(() => window.FD.attempt(tryQuestion), 200);
  });
  $('try-form').addEventListener('submit', (e) => {
    e.preventDefault();
    window.FD.attempt(tryQuestion);
  });

  window.FD.sections.faq = {
    show: async () => {
      await load();
      await window.FD.faqHistory?.load();
    },
    reload: load,
  };
})();
