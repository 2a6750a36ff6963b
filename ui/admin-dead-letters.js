/*
 * Admin page, dead letters: how many messages each queue gave up on, the messages of one with the reason each
 * failed, and redrive (one, or all) back to the source queue once the cause is fixed.
 */
(() => {
  'use strict';
  const { $, h, t, api, attempt, button, toast } = window.FD;
  const QUEUES = {
    inbound: 'Inbound messages',
    tickets: 'Tickets',
    outbound: 'Outbound replies',
    'outbound-botframework': 'Outbound replies to Teams',
  };
  let open = null; // the queue whose messages are listed

  async function load() {
    const { queues } = await api('/admin/dead-letters');
    $('dl-queues').replaceChildren(
      ...queues.map((q) =>
        h(
          'button',
          {
            type: 'button',
            className: `tile${q.count ? ' alert' : ''}`,
            'data-queue': q.name,
            'aria-pressed': String(q.name === open),
            onclick: () => attempt(() => list(q.name)),
          },
          h('span', { className: 'label' }, t(QUEUES[q.name] ?? q.name)),
          h('strong', {}, String(q.count)),
        ),
      ),
    );
    if (open) await list(open);
  }

  async function list(queue) {
    open = queue;
    const { messages } = await api(`/admin/dead-letters/${encodeURIComponent(queue)}`);
    const redrive = (ids) =>
      attempt(async () => {
        const { redriven } = await api(`/admin/dead-letters/${encodeURIComponent(queue)}/redrive`, {
          method: 'POST',
          body: ids ? { ids } : {},
        });
        toast(t('{n} messages sent back to their queue.', { n: redriven }));
        await load();
      });
    $('dl-messages').replaceChildren(
      h(
        'div',
        { className: 'toolbar' },
        h('h3', {}, t(QUEUES[queue] ?? queue)),
        messages.length > 0 && button(t('Redrive all'), () => redrive(), 'primary'),
      ),
      messages.length === 0
        ? h('p', { className: 'meta' }, t('No dead letters here.'))
        : h(
            'ul',
            { className: 'rows' },
            messages.map((m) =>
              h(
                'li',
                { className: 'dead-letter', 'data-id': m.id },
                h(
                  'p',
                  {},
                  h('strong', {}, m.reason ?? t('no reason recorded')),
                  h(
                    'span',
                    { className: 'meta' },
                    ` · ${t('{n} attempts', { n: m.attempts })} · ${window.FD.when(m.failedAt)}`,
                  ),
                ),
                h(
                  'details',
                  {},
                  h('summary', {}, t('Message')),
                  h('pre', { className: 'mono' }, pretty(m.body)),
                ),
                button(t('Redrive'), () => redrive([m.id])),
              ),
            ),
          ),
    );
    for (const tile of $('dl-queues').children)
      tile.setAttribute('aria-pressed', String(tile.dataset.queue === queue));
  }
  const pretty = (body) => {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      return String(body);
    }
  };

  window.FD.sections['dead-letters'] = { show: load };
})();
