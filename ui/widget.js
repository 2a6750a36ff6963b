/*
 * frontdesk chat widget. Embed it with one tag:
 *   <script src="https://HOST/widget.js" defer></script>
 * Optional data-lang="zh|en" on the tag; otherwise <html lang> decides (zh* → Chinese, anything else → English).
 * The API is assumed to live next to this file (https://HOST/prod/widget.js → https://HOST/prod).
 * Everything renders inside a Shadow DOM root, so the host page's CSS and ours never touch. Host pages may
 * theme it with the CSS variable --frontdesk-accent and drive it with window.frontdeskWidget.open()/close()/ask(text).
 */
(() => {
  'use strict';
  const script = document.currentScript;
  if (!script || window.frontdeskWidget) return; // not a classic <script>, or loaded twice

  const API = new URL('.', script.src).href.replace(/\/$/, '');
  const LANG = (script.dataset.lang || document.documentElement.lang || '').toLowerCase().startsWith('zh')
    ? 'zh'
    : 'en';
  const STORE_KEY = `frontdesk:conversation:${API}`;
  const OPEN_KEY = `frontdesk:open:${API}`; // per tab: reopen the panel after a reload
  // Every string the user sees, as [English, Chinese].
  const T = Object.fromEntries(
    Object.entries({
      launcher: ['Chat with us', '在线客服'],
      unread: ['Chat with us (new message)', '在线客服（有新消息）'],
      title: ['Customer service', '在线客服'],
      close: ['Close chat', '关闭对话'],
      input: ['Your message', '输入消息'],
      placeholder: ['Type your question…', '请输入您的问题…'],
      send: ['Send', '发送'],
      typing: ['Typing…', '正在输入…'],
      you: ['You:', '我：'],
      bot: ['Assistant:', '智能助手：'],
      agent: ['Agent', '客服'],
      greeting: [
        'Hi! How can we help? Ask a question, or type “agent” to talk to a person.',
        '您好！请问有什么可以帮您？直接提问即可，输入“人工”可转接人工客服。',
      ],
      tooLong: ['That message is too long. Please shorten it and try again.', '消息太长了，请精简后再发送。'],
      rateLimited: [
        'You are sending messages quickly. Please wait a moment.',
        '发送太频繁了，请稍等片刻再试。',
      ],
      offline: [
        'We could not reach the server. Check your connection and try again.',
        '无法连接服务器，请检查网络后重试。',
      ],
      failed: ['Something went wrong. Please try again.', '出了点问题，请重试。'],
    }).map(([key, [en, zh]]) => [key, LANG === 'zh' ? zh : en]),
  );

  const CSS = `
    :host { all: initial; }
    * { box-sizing: border-box; }
    .root { --accent: var(--frontdesk-accent, #2456a6); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC",
      "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; color: #1f2328; }
    button, textarea { font: inherit; }
    .launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; width: 56px; height: 56px;
      border: 0; border-radius: 50%; background: var(--accent); color: #fff; cursor: pointer;
      box-shadow: 0 4px 14px rgba(0,0,0,.25); display: grid; place-items: center; }
    .launcher svg { width: 26px; height: 26px; fill: currentColor; }
    .launcher.unread::after { content: ""; position: absolute; top: 4px; right: 4px; width: 12px; height: 12px;
      border-radius: 50%; background: #e5484d; border: 2px solid #fff; }
    :focus-visible { outline: 3px solid #f5a524; outline-offset: 2px; }
    .panel { position: fixed; right: 20px; bottom: 88px; z-index: 2147483000; width: 370px; height: min(580px, calc(100vh - 110px));
      display: flex; flex-direction: column; background: #fff; border-radius: 14px; overflow: hidden;
      box-shadow: 0 10px 40px rgba(0,0,0,.22); }
    .panel[hidden] { display: none; }
    header { display: flex; align-items: center; gap: 8px; padding: 12px 12px 12px 16px; background: var(--accent); color: #fff; }
    h2 { flex: 1; margin: 0; font-size: 16px; font-weight: 600; }
    .close { border: 0; background: transparent; color: inherit; font-size: 22px; line-height: 1; width: 36px; height: 36px;
      border-radius: 8px; cursor: pointer; }
    .close:hover { background: rgba(255,255,255,.15); }
    .log { flex: 1; overflow-y: auto; padding: 14px; display: flex; flex-direction: column; gap: 10px; background: #f6f7f9; }
    .msg { display: flex; flex-direction: column; align-items: flex-start; max-width: 85%; }
    .msg.user { align-self: flex-end; align-items: flex-end; }
    .bubble { padding: 8px 12px; border-radius: 12px; background: #fff; border: 1px solid #e3e6ea; white-space: pre-wrap;
      overflow-wrap: anywhere; }
    .user .bubble { background: var(--accent); border-color: transparent; color: #fff; }
    .agent .bubble { background: #eaf6ee; border-color: #bfe3cb; }
    .pending .bubble { opacity: .6; }
    .who { font-size: 12px; color: #57606a; margin: 0 4px 2px; }
    .bubble a { color: inherit; }
    .choices { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
    .choices button { border: 1px solid var(--accent); color: var(--accent); background: #fff; border-radius: 999px;
      padding: 4px 12px; cursor: pointer; }
    .choices button:disabled { border-color: #d0d7de; color: #8c959f; cursor: default; }
    .typing { padding: 0 14px 8px; background: #f6f7f9; display: flex; gap: 4px; }
    .typing[hidden] { display: none; }
    .typing i { width: 7px; height: 7px; border-radius: 50%; background: #8c959f; animation: blink 1.2s infinite; }
    .typing i:nth-child(2) { animation-delay: .2s; } .typing i:nth-child(3) { animation-delay: .4s; }
    @keyframes blink { 50% { opacity: .25; } }
    @media (prefers-reduced-motion: reduce) { .typing i { animation: none; } }
    .error { margin: 0; padding: 8px 14px; background: #fff1f0; color: #a40e26; font-size: 13px; }
    .error[hidden] { display: none; }
    form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #e3e6ea; background: #fff; }
    textarea { flex: 1; resize: none; max-height: 120px; padding: 8px 10px; border: 1px solid #d0d7de; border-radius: 10px;
      color: inherit; }
    textarea:focus-visible { outline: 2px solid var(--accent); outline-offset: -1px; }
    form button { border: 0; border-radius: 10px; padding: 0 16px; background: var(--accent); color: #fff; cursor: pointer; }
    form button:disabled { opacity: .5; cursor: default; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    @media (max-width: 480px) { /* phones: the panel takes the whole screen */
      .panel { inset: 0; width: auto; height: 100%; border-radius: 0; }
      .open .launcher { display: none; }
    }`;

  // ---- DOM: static markup only; every piece of conversation text goes in through textContent ----
  const host = document.createElement('div');
  host.setAttribute('data-frontdesk-widget', '');
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.innerHTML = `<style>${CSS}</style><div class="root">
    <button class="launcher" type="button" aria-expanded="false" aria-controls="fd-panel" aria-label="${T.launcher}">
      <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>
    </button>
    <section class="panel" id="fd-panel" role="dialog" aria-labelledby="fd-title" lang="${LANG === 'zh' ? 'zh-CN' : 'en'}" hidden>
      <header><h2 id="fd-title">${T.title}</h2><button class="close" type="button" aria-label="${T.close}">×</button></header>
      <div class="log" role="log" aria-live="polite" aria-label="${T.title}"></div>
      <div class="typing" role="status" hidden><i></i><i></i><i></i><span class="sr">${T.typing}</span></div>
      <p class="error" role="alert" hidden></p>
      <form><textarea rows="1" aria-label="${T.input}" placeholder="${T.placeholder}"></textarea>
        <button type="submit">${T.send}</button></form>
    </section></div>`;
  const $ = (sel) => shadow.querySelector(sel);
  const [rootEl, launcher, panel, log] = ['.root', '.launcher', '.panel', '.log'].map($);
  const [typing, errorEl, form, input] = ['.typing', '.error', 'form', 'textarea'].map($);

  // ---- state ----
  let conv = readStore(); // { conversationId, token, cursor } or null
  let starting = null; // the in-flight POST /web/conversations, so two clicks make one conversation
  const seen = new Set(); // cursors already on screen
  let pending = null; // the user's bubble shown before the server has it: { el, text }
  let sending = false;
  let syncing = null; // the running sync(), if any
  let again = false; // someone asked for news while a sync was running
  let socket = null;
  let backoff = 1000;
  let reconnectTimer = 0;
  let pollTimer = 0;

  /** Storage can throw (blocked cookies, private modes); the widget then simply forgets on reload. */
  function quietly(fn) {
    try {
      return fn();
    } catch {
      return null;
    }
  }
  function readStore() {
    return quietly(() => JSON.parse(localStorage.getItem(STORE_KEY) || 'null'));
  }
  function writeStore() {
    quietly(() =>
      conv ? localStorage.setItem(STORE_KEY, JSON.stringify(conv)) : localStorage.removeItem(STORE_KEY),
    );
  }

  async function api(path, { method = 'GET', body } = {}) {
    const headers = {};
    if (body) headers['content-type'] = 'application/json';
    if (conv) headers.authorization = `Bearer ${conv.token}`;
    const res = await fetch(API + path, { method, headers, body: body && JSON.stringify(body) });
    const data = await res.json().catch(() => ({}));
    if (!res.ok)
      throw Object.assign(new Error(data.error?.message || res.statusText), {
        status: res.status,
        code: data.error?.code,
      });
    return data;
  }
  const convPath = () => `/web/conversations/${encodeURIComponent(conv.conversationId)}`;

  // ---- transcript rendering ----
  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }
  /** Appends text, turning http(s) URLs into links (built as elements, never as HTML). */
  function fill(node, text) {
    text.split(/(https?:\/\/[^\s<>"'，。）)]+)/).forEach((part, i) => {
      if (i % 2 === 0) return part && node.append(part);
      const a = el('a', '', part);
      Object.assign(a, { href: part, target: '_blank', rel: 'noopener noreferrer' });
      node.append(a);
    });
  }
  function render(entry) {
    const item = el('div', `msg ${entry.role}`);
    item.dataset.role = entry.role;
    if (entry.role === 'agent') item.append(el('span', 'who', entry.agentName || T.agent));
    const bubble = el('div', 'bubble');
    if (entry.role !== 'agent') bubble.append(el('span', 'sr', entry.role === 'user' ? T.you : T.bot));
    fill(bubble, entry.text);
    item.append(bubble);
    // `buttons` (the 👍/👎 under an answer) show like choices; the server keeps them apart for text-only channels.
    const choices = [...(entry.choices ?? []), ...(entry.buttons ?? [])];
    if (choices.length) {
      const row = el('div', 'choices');
      row.setAttribute('role', 'group');
      for (const choice of choices) {
        const button = el('button', '', choice.label);
        button.type = 'button';
        button.addEventListener('click', () => send(choice.label, choice.id));
        row.append(button);
      }
      item.append(row);
    }
    log.append(item);
    refreshChoices();
    log.scrollTop = log.scrollHeight;
    return item;
  }
  /** Only the latest message's choices can be clicked; older ones no longer apply. */
  function refreshChoices() {
    const last = log.lastElementChild;
    for (const b of log.querySelectorAll('.choices button'))
      b.disabled = sending || b.closest('.msg') !== last;
  }
  function apply(messages, live) {
    for (const m of messages) {
      if (seen.has(m.cursor)) continue;
      seen.add(m.cursor);
      conv.cursor = m.cursor;
      // The server's copy of the message we showed early replaces our early bubble.
      if (pending && m.role === 'user') pending = (pending.el.remove(), null);
      render(m);
      if (live && m.role !== 'user' && panel.hidden) setUnread(true);
    }
    writeStore();
  }
  function showError(text) {
    errorEl.textContent = text;
    errorEl.hidden = !text;
  }
  function setUnread(on) {
    launcher.classList.toggle('unread', on);
    launcher.setAttribute('aria-label', on ? T.unread : T.launcher);
  }

  // ---- conversation lifecycle ----
  function ensureConversation() {
    if (conv) return Promise.resolve(conv);
    starting ??= api('/web/conversations', { method: 'POST', body: { lang: LANG } })
      .then((data) => {
        // liveUrl (optional) lets a deployment put the live socket elsewhere, e.g. an API Gateway WebSocket API.
        const { conversationId, token, liveUrl } = data;
        conv = { conversationId, token, liveUrl, cursor: '' };
        writeStore();
        connect();
        return conv;
      })
      .finally(() => (starting = null));
    return starting;
  }
  /** Drops a conversation the server no longer accepts (expired or bad token); the next message starts afresh. */
  function forget() {
    disconnect();
    conv = null;
    writeStore();
    seen.clear();
    for (const node of log.querySelectorAll('.msg:not(.greeting)')) if (node !== pending?.el) node.remove();
  }
  /** Fetches whatever is newer than the last cursor; calls made while one runs fold into one more round. */
  function sync() {
    if (!conv) return Promise.resolve();
    if (syncing) return ((again = true), syncing);
    const current = conv;
    syncing = (async () => {
      do {
        again = false;
        const live = seen.size > 0; // the first read restores the transcript; later ones bring news
        const after = live ? `?after=${encodeURIComponent(conv.cursor)}` : '';
        const { messages } = await api(`${convPath()}/messages${after}`);
        if (conv !== current) return; // the conversation was dropped meanwhile
        apply(messages, live);
      } while (again);
    })()
      .catch((e) => (e.status === 401 || e.status === 404) && forget())
      .finally(() => (syncing = null));
    return syncing;
  }
  async function send(text, choice) {
    text = text.trim();
    if (!text || sending) return false;
    sending = true;
    showError('');
    pending = { text, el: null };
    pending.el = render({ role: 'user', text });
    pending.el.classList.add('pending');
    typing.hidden = false;
    refreshChoices();
    const post = () =>
      api(`${convPath()}/messages`, { method: 'POST', body: choice ? { text, choice } : { text } });
    try {
      await ensureConversation();
      const res = await post().catch(async (e) => {
        if (e.status !== 401 && e.status !== 404) throw e;
        forget(); // a stale stored token: start a new conversation and send there
        await ensureConversation();
        return post();
      });
      await sync(); // the transcript gives every line its cursor (and anything an agent said meanwhile)
      if (pending) {
        // The transcript could not be read just now: show the replies from the POST itself.
        pending.el.classList.remove('pending');
        pending = null;
        for (const reply of res.replies) render({ role: 'bot', ...reply });
        if (res.cursor) ((conv.cursor = res.cursor), seen.add(res.cursor), writeStore());
      }
      return true;
    } catch (e) {
      pending?.el.remove();
      pending = null;
      const status = e.status ?? 0; // 0: the request never got an answer
      showError(
        e.code === 'too_long' ? T.tooLong : status === 429 ? T.rateLimited : status ? T.failed : T.offline,
      );
      return false;
    } finally {
      sending = false;
      typing.hidden = true;
      refreshChoices();
    }
  }

  // ---- live updates: WebSocket, with 3 s polling while it is down and reconnects with backoff ----
  function connect() {
    if (!conv || socket) return;
    clearTimeout(reconnectTimer);
    startPolling();
    const url =
      conv.liveUrl ||
      `${API.replace(/^http/, 'ws')}${convPath()}/live?token=${encodeURIComponent(conv.token)}`;
    const ws = (socket = new WebSocket(url));
    ws.onopen = () => {
      backoff = 1000;
      stopPolling();
      sync(); // catch up on anything said while we were away
    };
    ws.onmessage = () => sync(); // every frame ({"type":"message"}) just means "the transcript has news"
    ws.onclose = () => {
      if (socket !== ws) return; // closed on purpose by disconnect()
      socket = null;
      startPolling();
      reconnectTimer = setTimeout(connect, backoff * (0.5 + Math.random())); // jitter spreads reconnects
      backoff = Math.min(backoff * 2, 30000);
    };
  }
  function disconnect() {
    const ws = socket;
    socket = null;
    ws?.close();
    clearTimeout(reconnectTimer);
    stopPolling();
  }
  function startPolling() {
    pollTimer ||= setInterval(sync, 3000);
  }
  function stopPolling() {
    clearInterval(pollTimer);
    pollTimer = 0;
  }

  // ---- opening, closing, typing ----
  function open() {
    panel.hidden = false;
    rootEl.classList.add('open');
    launcher.setAttribute('aria-expanded', 'true');
    setUnread(false);
    quietly(() => sessionStorage.setItem(OPEN_KEY, '1'));
    input.focus();
    log.scrollTop = log.scrollHeight;
    ensureConversation().catch(() => showError(T.offline));
  }
  function close() {
    panel.hidden = true;
    rootEl.classList.remove('open');
    launcher.setAttribute('aria-expanded', 'false');
    quietly(() => sessionStorage.removeItem(OPEN_KEY));
    launcher.focus();
  }
  launcher.addEventListener('click', () => (panel.hidden ? open() : close()));
  $('.close').addEventListener('click', close);
  panel.addEventListener('keydown', (e) => e.key === 'Escape' && close());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value;
    setInput('');
    send(text).then((ok) => !ok && !input.value && setInput(text)); // give back what did not go through
  });
  input.addEventListener('keydown', (e) => {
    // Enter sends; Shift+Enter is a newline; Enter that confirms an IME candidate (Chinese input) is left alone.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener('input', grow);
  /** Grows the box with its text (up to its CSS max-height). */
  function grow() {
    input.style.height = '';
    if (input.value) input.style.height = `${input.scrollHeight + 2}px`;
  }
  function setInput(text) {
    input.value = text;
    grow();
  }

  // A greeting of our own: it is not part of the stored transcript.
  render({ role: 'bot', text: T.greeting }).classList.add('greeting');
  document.body.append(host);
  if (conv) (connect(), sync());
  if (quietly(() => sessionStorage.getItem(OPEN_KEY))) open();

  window.frontdeskWidget = { open, close, ask: (text) => (open(), send(String(text))) };
})();
