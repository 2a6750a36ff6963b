/*
 * Admin page, unanswered inbox: what the bot could not answer (or answered weakly, or got a 👎 for), grouped by
 * need. One click attaches a cluster to the suggested entry; or to any entry, or a new entry from it; or dismiss.
 */
(() => {
  'use strict';
  const { $, h, t, api, button, attempt, toast } = window.FD;
  let range = { query: () => '' };

  async function load() {
    const { clusters } = await api(`/admin/unanswered?${range.query()}`);
    $('inbox-count').textContent = clusters.length
      ? t('Groups of questions the bot could not answer well: {n}.', { n: clusters.length })
      : t('Nothing waiting: every question was answered.');
    $('clusters').replaceChildren(...clusters.map(clusterItem));
  }

  const REASONS = { none: 'no answer', low: 'low confidence', down: '👎' };
  function clusterItem(cluster) {
    const error = h('p', { className: 'error', role: 'alert' });
    const done = (message) => async () => {
      toast(message);
      await load();
    };
    const questions = cluster.questions;
    const attach = (entryId) =>
      attempt(async () => {
        const { entry } = await api('/admin/unanswered/attach', {
          method: 'POST',
          body: { entryId, questions },
        });
        await done(t('Added {n} phrasings to {id}.', { n: questions.length, id: entry.id }))();
      }, error);
    const dismiss = () =>
      attempt(async () => {
        await api('/admin/unanswered/dismiss', { method: 'POST', body: { questions } });
        await done(t('Dismissed.'))();
      }, error);

    const target = h('input', {
      list: 'faq-ids',
      'aria-label': t('Entry id'),
      placeholder: t('entry id'),
      value: cluster.suggestion?.id ?? '',
    });
    const form = createForm(cluster, error, done);
    const reasons = Object.entries(cluster.reasons ?? {})
      .filter(([, n]) => n > 0)
      .map(([reason, n]) =>
        h('span', { className: `badge reason-${reason}` }, `${t(REASONS[reason] ?? reason)} ${n}`),
      );
    return h(
      'li',
      { className: 'card cluster', 'data-id': cluster.id },
      h('h3', {}, h('span', { className: 'count' }, String(cluster.count)), ' ', cluster.label),
      h('p', { className: 'badges' }, reasons),
      h(
        'ul',
        { className: 'examples' },
        (cluster.examples ?? []).map((ex) =>
          h(
            'li',
            {},
            `“${ex.text}”`,
            h('span', { className: 'meta' }, ` ${ex.channel} · ${window.FD.when(ex.at)}`),
          ),
        ),
      ),
      h(
        'div',
        { className: 'actions' },
        cluster.suggestion &&
          button(
            t('Attach to {id} ({question})', cluster.suggestion),
            () => attach(cluster.suggestion.id),
            'primary',
          ),
        target,
        button(t('Attach'), () => target.value.trim() && attach(target.value.trim())),
        button(t('New entry…'), () => {
          form.hidden = !form.hidden;
          if (!form.hidden) form.elements.id.focus();
        }),
        button(t('Dismiss'), dismiss, 'quiet'),
      ),
      form,
      error,
    );
  }

  /** The small form that makes a new entry from a cluster: its phrasings, plus an id and an answer. */
  function createForm(cluster, error, done) {
    const form = h(
      'form',
      { className: 'create', hidden: true },
      h('label', {}, t('Id'), h('input', { name: 'id', required: true, pattern: '[A-Za-z0-9._\\-]+' })),
      h(
        'label',
        {},
        t('Questions, one per line'),
        h('textarea', { name: 'questions', rows: 3, value: cluster.questions.join('\n') }),
      ),
      h('label', {}, t('Answer'), h('textarea', { name: 'answer', rows: 3, required: true })),
      h('button', { type: 'submit', className: 'primary' }, t('Create entry')),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const questions = form.elements.questions.value
        .split('\n')
        .map((q) => q.trim())
        .filter(Boolean);
      const body = {
        id: form.elements.id.value.trim(),
        answer: form.elements.answer.value.trim(),
        questions,
      };
      attempt(async () => {
        await api('/admin/unanswered/create', { method: 'POST', body });
        await done(t('Created {id}.', body))();
      }, error);
    });
    return form;
  }

  window.FD.sections.unanswered = {
    init: () => (range = window.FD.rangeForm($('inbox-range'), load, 30)),
    show: load,
  };
})();
