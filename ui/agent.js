/*
 * frontdesk agent console: sign in with an agent token, watch the queue, claim a ticket, talk to the user.
 * Plain DOM over the agent API (/agent/..., bearer token). The queue and the open ticket are polled every 2 s.
 */
(() => {
  'use strict';
  // The API sits where this page does: '' normally, or a stage prefix such as /prod behind API Gateway.
  const BASE = location.pathname.replace(/\/agent(\.html)?\/?$/, '');
  const TOKEN_KEY = 'frontdesk:agentToken';
  const POLL_MS = 2000;
  const LATE_MS = 2 * 60 * 1000; // waiting longer than this shows in red
  const KIND = { transfer: 'Transfer · 转人工', message: 'Message · 留言' };
  const ROLE = { user: 'User · 用户', bot: 'Bot · 机器人' };
  const $ = (id) => document.getElementById(id);

  let token = sessionStorage.getItem(TOKEN_KEY);
  let me = null; // { id, name }
  let openId = null; // the ticket in the pane
  let current = null; // its { ticket, transcript }
  const stops = []; // stop functions of the running pollers
  let stopPane = null;

  async function api(path, { method = 'GET', body } = {}) {
    const headers = { authorization: `Bearer ${token}` };
    if (body) headers['content-type'] = 'application/json';
    let res;
    try {
      res = await fetch(BASE + path, { method, headers, body: body && JSON.stringify(body) });
    } catch {
      setConnection(false);
      throw Object.assign(new Error('Could not reach the server.'), { status: 0 });
    }
    setConnection(true);
    const data = await res.json().catch(() => ({}));
    if (res.status === 401 && me) signOut('Your token was rejected. Please sign in again.');
    if (!res.ok) {
      const message = data.error?.message || `Request failed (${res.status}).`;
      throw Object.assign(new Error(message), { status: res.status, code: data.error?.code });
    }
    return data;
  }
  const setConnection = (ok) => ($('connection').hidden = ok);

  /** Runs fn now and then every ms after it finishes (never overlapping); returns a stop function. */
  function every(ms, fn) {
    let stopped = false;
    let timer = 0;
    const run = async () => {
      await fn().catch(() => {});
      if (!stopped) timer = setTimeout(run, ms);
    };
    run();
    return () => ((stopped = true), clearTimeout(timer));
  }

  /** A small element builder: h('li', { className: 'x', 'data-id': 1 }, child, 'text'). */
  function h(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null) continue;
      if (key.startsWith('data-') || key.startsWith('aria-')) node.setAttribute(key, value);
      else node[key] = value;
    }
    node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
    return node;
  }
  /** 14:05 for today, with the date for anything older. */
  function clock(at) {
    const date = new Date(at);
    const style = date.toDateString() === new Date().toDateString() ? {} : { dateStyle: 'short' };
    return date.toLocaleString([], { ...style, timeStyle: 'short' });
  }
  function duration(ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    const mmss = `${Math.floor((s % 3600) / 60)}:${String(s % 60).padStart(2, '0')}`;
    return s >= 3600 ? `${Math.floor(s / 3600)}:${mmss.padStart(5, '0')}` : mmss;
  }
  function toast(text, bad = false) {
    const box = $('toast');
    box.textContent = text;
    box.classList.toggle('bad', bad);
    box.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => (box.hidden = true), 5000);
  }

  // ---- sign in / out ----
  async function signIn(candidate) {
    token = candidate;
    try {
      me = await api('/agent/me');
    } catch (e) {
      token = null;
      $('signin-error').textContent =
        e.status === 401
          ? 'That token was not accepted. Check it and try again. · 令牌无效，请检查后重试。'
          : `Could not sign in: ${e.message}`;
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, token);
    $('signin-view').hidden = true;
    $('desk').hidden = $('me').hidden = $('sign-out').hidden = false;
    $('me').textContent = me.name;
    stops.push(every(POLL_MS, pollQueue));
    const tick = setInterval(tickTimes, 1000);
    stops.push(() => clearInterval(tick));
  }
  function signOut(message = '') {
    stops.splice(0).forEach((stop) => stop());
    closeTicket();
    token = me = null;
    sessionStorage.removeItem(TOKEN_KEY);
    $('desk').hidden = $('me').hidden = $('sign-out').hidden = true;
    $('signin-view').hidden = false;
    $('signin-error').textContent = message;
    $('token').value = '';
    $('token').focus();
    document.title = 'Agent console · frontdesk';
  }
  $('signin').addEventListener('submit', (e) => {
    e.preventDefault();
    const value = $('token').value.trim();
    if (value) signIn(value);
    else $('signin-error').textContent = 'Enter your agent token. · 请输入令牌。';
  });
  $('sign-out').addEventListener('click', () => signOut());

  // ---- the queue ----
  const rendered = {}; // list id → what it showed last, so unchanged lists are not rebuilt under the cursor
  async function pollQueue() {
    const { tickets } = await api('/agent/tickets');
    const byAge = [...tickets].sort((a, b) => a.createdAt - b.createdAt);
    const lists = {
      waiting: byAge.filter((t) => t.status === 'queued'),
      mine: byAge.filter((t) => t.status === 'claimed' && t.agentId === me?.id),
      others: byAge.filter((t) => t.status === 'claimed' && t.agentId !== me?.id),
    };
    for (const [id, list] of Object.entries(lists)) renderList(id, list);
    const waiting = lists.waiting.length;
    document.title = `${waiting ? `(${waiting}) ` : ''}Agent console · frontdesk`;
  }
  function renderList(id, list) {
    const signature = JSON.stringify([openId, list]);
    if (rendered[id] === signature) return;
    rendered[id] = signature;
    const ul = $(id);
    // Keep keyboard focus on the same control when the list is rebuilt, without scrolling to it: on a phone the
    // ticket just opened (drawn below the queue) has been scrolled into view meanwhile.
    const focused = ul.contains(document.activeElement) ? document.activeElement.dataset.focusKey : null;
    ul.replaceChildren(...list.map(ticketItem));
    if (focused)
      ul.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
    $(`count-${id}`).textContent = String(list.length);
    document.querySelector(`.empty[data-for="${id}"]`).hidden = list.length > 0;
    tickTimes();
  }
  function ticketItem(t) {
    const waiting = t.status === 'queued';
    const since = waiting ? t.createdAt : (t.claimedAt ?? t.createdAt);
    const open = h(
      'button',
      {
        type: 'button',
        className: 'open',
        'data-focus-key': `open:${t.id}`,
        'aria-current': t.id === openId || null,
      },
      h(
        'span',
        { className: 'badges' },
        h('span', { className: `badge ${t.kind}`, textContent: KIND[t.kind] ?? t.kind }),
        h('span', { className: 'badge', textContent: t.ref.channel }),
        h('span', { className: 'badge', textContent: t.lang === 'zh' ? '中文' : 'EN' }),
        // A reply to this customer keeps failing and is being retried (cleared once it is delivered).
        t.delivery &&
          h('span', {
            className: 'badge pending',
            textContent: 'Delivery pending · 发送中',
            title: `${t.delivery.attempts} attempts: ${t.delivery.lastError}`,
          }),
      ),
      h('span', { className: 'question', textContent: t.question }),
      t.message && h('span', { className: 'extra', textContent: `✉ ${t.message}` }),
      t.contact && h('span', { className: 'extra', textContent: `☎ ${t.contact}` }),
      h('span', {
        className: 'since',
        'data-since': since,
        'data-prefix': waiting ? 'Waiting · 已等待' : `Claimed by ${t.agentName ?? 'an agent'} ·`,
        'data-late': waiting ? 'yes' : null,
      }),
    );
    open.addEventListener('click', () => openTicket(t.id));
    const claimButton =
      waiting && h('button', { type: 'button', className: 'claim primary', textContent: 'Claim · 接单' });
    if (claimButton) {
      claimButton.dataset.focusKey = `claim:${t.id}`;
      claimButton.addEventListener('click', () => claim(t.id));
    }
    return h('li', { className: 'ticket', 'data-id': t.id }, open, claimButton);
  }
  /** Waiting times tick every second without re-rendering the lists. */
  function tickTimes() {
    for (const node of document.querySelectorAll('[data-since]')) {
      const age = Date.now() - Number(node.dataset.since);
      node.textContent = `${node.dataset.prefix} ${duration(age)}`;
      node.classList.toggle('late', node.dataset.late === 'yes' && age > LATE_MS);
    }
  }

  // ---- the open ticket ----
  const PHONE = matchMedia('(max-width: 760px)');
  let revealOnLoad = false;
  function openTicket(id) {
    const opening = openId !== id;
    if (opening) closeTicket();
    openId = id;
    $('placeholder').hidden = true;
    $('ticket').hidden = false;
    // On a phone the pane is drawn below the whole queue: bring it into view once it has its content.
    if (opening) revealOnLoad = PHONE.matches;
    stopPane ??= every(POLL_MS, loadTicket);
    pollQueue().catch(() => {}); // mark it selected in the queue
  }
  function closeTicket() {
    stopPane?.();
    stopPane = openId = current = null;
    $('ticket').hidden = true;
    $('placeholder').hidden = false;
    $('transcript').replaceChildren();
    $('reply-text').value = '';
  }
  async function loadTicket() {
    const id = openId;
    const data = await api(`/agent/tickets/${encodeURIComponent(id)}`);
    if (id !== openId) return; // another ticket was opened meanwhile
    current = data;
    renderTicket();
    if (revealOnLoad) ((revealOnLoad = false), $('ticket').scrollIntoView({ block: 'start' }));
  }
  function renderTicket() {
    const { ticket: t, transcript } = current;
    const mine = t.status === 'claimed' && t.agentId === me.id;
    $('t-title').textContent = KIND[t.kind] ?? t.kind;
    const user = t.ref.userId.length > 14 ? `${t.ref.userId.slice(0, 12)}…` : t.ref.userId; // web ids are UUIDs
    const lang = t.lang === 'zh' ? '中文' : 'English';
    $('t-meta').textContent = [
      t.ref.channel,
      `user ${user}`,
      lang,
      `opened ${clock(t.createdAt)}`,
      t.status,
    ].join(' · ');
    $('t-meta').title = `${t.ref.channel} user ${t.ref.userId}`;
    const details = [
      ['Question · 问题', t.question],
      ['Message · 留言', t.message],
      ['Contact · 联系方式', t.contact],
      ['Added later · 补充', t.followUps?.map((f) => f.text).join('\n')],
      [
        'Delivery pending · 发送中',
        t.delivery &&
          `since ${clock(t.delivery.pendingSince)}, ${t.delivery.attempts} attempts, retrying: ${t.delivery.lastError}`,
      ],
    ];
    $('t-details').replaceChildren(
      ...details
        .filter(([, v]) => v)
        .flatMap(([k, v]) => [h('dt', { textContent: k }), h('dd', { textContent: v })]),
    );
    const notice =
      t.status === 'claimed' && !mine
        ? `Claimed by ${t.agentName ?? 'another agent'}. · 已被 ${t.agentName ?? '同事'} 接单`
        : t.status === 'queued' || mine
          ? ''
          : `This ticket is ${t.status}. · 工单已关闭`;
    $('t-notice').textContent = notice;
    $('t-notice').hidden = !notice;
    $('claim').hidden = t.status !== 'queued';
    $('resolve').hidden = $('release').hidden = $('reply').hidden = !mine;
    renderTranscript(transcript);
  }
  function renderTranscript(transcript) {
    const list = $('transcript');
    const last = transcript.at(-1);
    const signature = `${transcript.length}:${last?.cursor ?? ''}`;
    if (list.dataset.signature === signature) return;
    list.dataset.signature = signature;
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.replaceChildren(...transcript.map(entryItem));
    if (atBottom) list.scrollTop = list.scrollHeight;
  }

  function entryItem(m) {
    const who = m.role === 'agent' ? (m.agentName ?? 'Agent') : ROLE[m.role];
    return h(
      'li',
      { className: `entry ${m.role}` },
      h(
        'div',
        { className: 'head' },
        h('span', { className: 'who', textContent: who }),
        h('time', { textContent: clock(m.at), dateTime: new Date(m.at).toISOString() }),
      ),
      h('div', { className: 'text', textContent: m.text }),
      m.choices?.length &&
        h('div', { className: 'choices', textContent: m.choices.map((c) => c.label).join(' / ') }),
    );
  }

  // ---- actions ----
  async function act(label, path) {
    try {
      await api(path, { method: 'POST' });
      toast(label);
    } catch (e) {
      toast(
        e.status === 409 ? 'Someone else changed this ticket first. · 工单已被他人处理' : e.message,
        true,
      );
    }
    await Promise.all([pollQueue(), openId ? loadTicket() : null]).catch(() => {});
  }
  async function claim(id) {
    try {
      await api(`/agent/tickets/${encodeURIComponent(id)}/claim`, { method: 'POST' });
      toast('Claimed. · 已接单');
      openTicket(id);
      // The reply box shows once the pane knows the ticket is ours; focus it then, not a hidden box.
      await loadTicket().catch(() => {});
      if (!$('reply').hidden) $('reply-text').focus();
    } catch (e) {
      if (e.status !== 409) return toast(e.message, true);
      const latest = await api(`/agent/tickets/${encodeURIComponent(id)}`).catch(() => null);
      const who = latest?.ticket.agentName;
      toast(
        who ? `Already claimed by ${who}. · 已被 ${who} 接单` : 'This ticket is no longer waiting.',
        true,
      );
    } finally {
      await pollQueue().catch(() => {});
    }
  }
  const ticketPath = (suffix) => `/agent/tickets/${encodeURIComponent(openId)}/${suffix}`;
  $('claim').addEventListener('click', () => claim(openId));
  $('resolve').addEventListener('click', () => act('Resolved. · 已解决', ticketPath('resolve')));
  $('release').addEventListener('click', () =>
    act('Handed back to the bot. · 已交回机器人', ticketPath('release')),
  );

  $('reply').addEventListener('submit', async (e) => {
    e.preventDefault();
    const box = $('reply-text');
    const text = box.value.trim();
    if (!text || !openId) return;
    box.disabled = true;
    try {
      await api(ticketPath('messages'), { method: 'POST', body: { text } });
      box.value = '';
      await loadTicket();
    } catch (err) {
      toast(err.status === 409 ? 'You no longer own this ticket. · 您已不再负责此工单' : err.message, true);
    } finally {
      box.disabled = false;
      box.focus();
    }
  });
  $('reply-text').addEventListener('keydown', (e) => {
    // Enter sends, Shift+Enter is a newline, and Enter that picks an IME candidate is left to the IME.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      $('reply').requestSubmit();
    }
  });

  /** The agent's reply that answered the ticket's question: the first one after the customer asked it. */
  function answerOf(ticket, transcript) {
    const asked = transcript.findLastIndex((m) => m.role === 'user' && m.text === ticket.question);
    const agentLines = transcript.filter((m, i) => m.role === 'agent' && i > asked);
    return (agentLines[0] ?? transcript.filter((m) => m.role === 'agent').at(-1))?.text ?? '';
  }

  // ---- save as FAQ: the ticket's question plus the agent reply that answered it, editable before saving ----
  $('save-faq').addEventListener('click', () => {
    if (!current) return;
    $('faq-question').value = current.ticket.question;
    $('faq-answer').value = answerOf(current.ticket, current.transcript);
    $('faq-lang').value = current.ticket.lang;
    $('faq-error').textContent = '';
    $('faq-dialog').showModal();
  });
  $('faq-form').addEventListener('submit', async (e) => {
    if (e.submitter?.value === 'cancel') return; // let the dialog close
    e.preventDefault();
    const question = $('faq-question').value.trim();
    const answer = $('faq-answer').value.trim();
    if (!question || !answer) return ($('faq-error').textContent = 'Both question and answer are needed.');
    try {
      const { message } = await api('/agent/faq', {
        method: 'POST',
        body: { question, answer, lang: $('faq-lang').value, ticketId: current.ticket.id },
      });
      $('faq-dialog').close();
      // The server says whether the entry is live or a draft awaiting an admin's review.
      toast(message ?? 'Saved. · 已保存');
    } catch (err) {
      $('faq-error').textContent = err.message;
    }
  });

  if (token) signIn(token);
  else $('token').focus();
})();
