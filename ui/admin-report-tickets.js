/*
 * Admin page, reports: the tickets created in the report's range, any status, each with its conversation's
 * transcript to download (JSONL or CSV).
 */
(() => {
  'use strict';
  const { $, h, t, api, button } = window.FD;
  const KINDS = { transfer: 'Transfer', message: 'Left a message' };
  const STATUSES = {
    queued: 'waiting',
    claimed: 'claimed',
    resolved: 'resolved',
    returned: 'back to the bot',
    cancelled: 'cancelled',
  };

  async function load(query) {
    const { tickets } = await api(`/admin/tickets?${query}`);
    const head = [
      t('Created'),
      t('Kind'),
      t('Channel'),
      t('Status'),
      t('Agent'),
      t('Question'),
      t('CSAT'),
      t('Transcript'),
    ];
    $('report-tickets').replaceChildren(
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          head.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h('tbody', {}, [...tickets].reverse().map(row)),
    );
    $('report-tickets-empty').hidden = tickets.length > 0;
  }

  function row(ticket) {
    const file = (format) => () =>
      window.FD.download(
        `/admin/conversations/${encodeURIComponent(ticket.conversationKey)}/transcript?format=${format}`,
        `transcript-${ticket.id}.${format}`,
      );
    return h(
      'tr',
      { 'data-id': ticket.id },
      h('td', {}, window.FD.when(ticket.createdAt)),
      h('td', {}, t(KINDS[ticket.kind] ?? ticket.kind)),
      h('td', {}, ticket.ref.channel),
      h('td', {}, t(STATUSES[ticket.status] ?? ticket.status)),
      h('td', {}, ticket.agentName ?? '–'),
      h('td', {}, ticket.question),
      h('td', { className: 'num' }, ticket.csat ? String(ticket.csat) : '–'),
      h('td', {}, button('JSONL', file('jsonl'), 'link'), button('CSV', file('csv'), 'link')),
    );
  }

  window.FD.reportTickets = { load };
})();
