/*
 * Admin page, FAQ history: the last FAQ versions with a diff against the live one and rollback, and the drafts
 * agents saved without the right to publish (publish as a new entry or as a phrasing of one, or discard).
 */
(() => {
  'use strict';
  const { $, h, t, api, button, attempt, toast } = window.FD;

  async function loadVersions() {
    const { versions } = await api('/admin/faq/versions');
    const live = versions[0]?.version;
    $('versions').replaceChildren(
      ...versions.map((v) =>
        h(
          'li',
          { 'data-version': v.version },
          h('span', { className: 'id' }, `v${v.version}`),
          h(
            'span',
            { className: 'meta' },
            `${window.FD.when(v.createdAt)} · ${t('{n} entries', { n: v.entries })}`,
          ),
          v.note && h('span', { className: 'question' }, v.note),
          v.version === live
            ? h('span', { className: 'badge' }, t('live'))
            : h(
                'span',
                { className: 'actions' },
                button(t('Diff with live'), () => attempt(() => diff(v.version, live))),
                button(t('Roll back to this'), () => attempt(() => rollback(v.version)), 'danger'),
              ),
        ),
      ),
    );
  }
  async function diff(from, to) {
    const { added, removed, changed } = await api(`/admin/faq/versions/diff?from=${from}&to=${to}`);
    const entryLine = (sign, e) =>
      h(
        'li',
        { className: `diff-${sign === '+' ? 'add' : 'del'}` },
        `${sign} ${e.id}: ${e.questions?.[0] ?? ''}`,
      );
    const changes = changed.map(({ before, after }) =>
      h('li', { className: 'diff-change' }, `~ ${after.id}: `, describe(before, after)),
    );
    $('diff').replaceChildren(
      h('h4', {}, t('From v{from} to v{to}', { from, to })),
      added.length + removed.length + changed.length === 0
        ? h('p', { className: 'meta' }, t('No differences.'))
        : h(
            'ul',
            { className: 'diff' },
            added.map((e) => entryLine('+', e)),
            removed.map((e) => entryLine('-', e)),
            changes,
          ),
    );
  }
  /** What changed in one entry, in words. */
  function describe(before, after) {
    const parts = [];
    const gained = after.questions.filter((q) => !before.questions.includes(q));
    const lost = before.questions.filter((q) => !after.questions.includes(q));
    if (gained.length) parts.push(`${t('phrasings added')}: ${gained.join(' / ')}`);
    if (lost.length) parts.push(`${t('phrasings removed')}: ${lost.join(' / ')}`);
    if (before.answer !== after.answer) parts.push(`${t('answer')}: “${before.answer}” → “${after.answer}”`);
    if (String(before.tags ?? '') !== String(after.tags ?? ''))
      parts.push(`${t('tags')}: ${after.tags?.join(', ') ?? '–'}`);
    return parts.join('; ') || t('metadata');
  }
  async function rollback(version) {
    if (!confirm(t('Make version {version} live again?', { version }))) return;
    const done = await api(`/admin/faq/versions/${version}/rollback`, { method: 'POST' });
    toast(t('Rolled back: now version {version}.', done));
    await window.FD.sections.faq.reload();
    await loadVersions();
  }

  async function loadDrafts() {
    const { drafts } = await api('/admin/faq/drafts');
    $('drafts-count').textContent = String(drafts.length);
    $('drafts').replaceChildren(...drafts.map(draftRow));
    if (drafts.length) $('drafts-box').open = true;
  }
  function draftRow(d) {
    const target = h('input', {
      'aria-label': t('Add as a phrasing of entry (id), or leave empty for a new entry'),
      placeholder: t('entry id (optional)'),
      list: 'faq-ids',
    });
    const question = h('textarea', { rows: 2, value: d.question, 'aria-label': t('Question') });
    const answer = h('textarea', { rows: 3, value: d.answer, 'aria-label': t('Answer') });
    const error = h('p', { className: 'error', role: 'alert' });
    const publish = () =>
      attempt(async () => {
        const body = { question: question.value.trim(), answer: answer.value.trim() };
        if (target.value.trim()) body.entryId = target.value.trim();
        const done = await api(`/admin/faq/drafts/${encodeURIComponent(d.id)}/publish`, {
          method: 'POST',
          body,
        });
        toast(t('Published {id}.', { id: done.entry.id }));
        await Promise.all([loadDrafts(), window.FD.sections.faq.reload()]);
      }, error);
    const discard = () =>
      attempt(async () => {
        await api(`/admin/faq/drafts/${encodeURIComponent(d.id)}`, { method: 'DELETE' });
        await loadDrafts();
      }, error);
    return h(
      'li',
      { className: 'draft', 'data-id': d.id },
      h(
        'p',
        { className: 'meta' },
        `${d.agentName ?? d.agentId} · ${window.FD.when(d.createdAt)}${d.ticketId ? ` · ${t('ticket')} ${d.ticketId}` : ''}`,
      ),
      question,
      answer,
      target,
      error,
      h(
        'span',
        { className: 'actions' },
        button(t('Publish'), publish, 'primary'),
        button(t('Discard'), discard, 'danger'),
      ),
    );
  }

  window.FD.faqHistory = { load: () => Promise.all([loadVersions(), loadDrafts()]) };
})();
