/*
 * Admin page, agents: add one (its token is shown once, here), change role and the right to publish FAQ entries,
 * disable (the token is refused at once) or rotate the token.
 */
(() => {
  'use strict';
  const { $, h, t, api, attempt, button } = window.FD;

  async function load() {
    const { agents } = await api('/admin/agents');
    const head = [t('Name'), t('Role'), t('May publish FAQ'), t('Active'), t('Added'), ''];
    $('agent-list').replaceChildren(
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          head.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h('tbody', {}, agents.map(row)),
    );
  }

  function row(agent) {
    const patch = (body) =>
      attempt(
        async () => (
          await api(`/admin/agents/${encodeURIComponent(agent.id)}`, { method: 'PATCH', body }),
          load()
        ),
      );
    const label = (what) => `${what}: ${agent.name}`;
    const role = h(
      'select',
      { 'aria-label': label(t('Role')), onchange: () => patch({ role: role.value }) },
      ['agent', 'admin'].map((r) => h('option', { value: r, selected: agent.role === r }, t(r))),
    );
    const publish = h('input', {
      type: 'checkbox',
      checked: agent.canPublish,
      'aria-label': label(t('May publish FAQ')),
      onchange: () => patch({ canPublish: publish.checked }),
    });
    const active = h('input', {
      type: 'checkbox',
      checked: !agent.disabled,
      'aria-label': label(t('Active')),
      onchange: () => patch({ disabled: !active.checked }),
    });
    const rotate = () => {
      if (!confirm(t('Give {name} a new token? The old one stops working at once.', agent))) return;
      attempt(async () =>
        showToken(await api(`/admin/agents/${encodeURIComponent(agent.id)}/rotate`, { method: 'POST' })),
      );
    };
    return h(
      'tr',
      { className: agent.disabled ? 'disabled' : '', 'data-id': agent.id },
      h('td', {}, agent.name),
      h('td', {}, role),
      h('td', {}, publish),
      h('td', {}, active),
      h('td', {}, window.FD.when(agent.createdAt)),
      h('td', {}, button(t('Rotate token'), rotate)),
    );
  }

  /** The one time a token is visible: with a copy button, until the page shows something else. */
  function showToken({ agent, token }) {
    const box = $('agent-token');
    const value = h('code', { className: 'mono' }, token);
    const copy = button(t('Copy'), () =>
      navigator.clipboard?.writeText(token).then(() => window.FD.toast(t('Copied.'))),
    );
    box.replaceChildren(h('p', {}, t('The token of {name}, shown only this once:', agent)), value, ' ', copy);
    box.hidden = false;
    copy.focus();
    return load();
  }

  $('agent-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const name = $('agent-name').value.trim();
    if (!name) return;
    attempt(async () => {
      const body = { name, role: $('agent-role').value, canPublish: $('agent-publish').checked };
      await showToken(await api('/admin/agents', { method: 'POST', body }));
      $('agent-name').value = '';
    });
  });

  window.FD.sections.agents = {
    show: () => {
      $('agent-token').hidden = true;
      return load();
    },
  };
})();
