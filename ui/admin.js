/*
 * frontdesk admin page, the shell: language, sign-in with the admin token (kept in sessionStorage), the API
 * helper and the section tabs. Each section is its own file (admin-*.js) that registers itself in FD.sections;
 * everything goes through the admin API (docs/admin-api.md), so ops can script all of it too.
 */
(() => {
  'use strict';
  const FD = (window.FD = window.FD || { sections: {} });
  // The API sits where this page does: '' normally, or a stage prefix such as /prod behind API Gateway.
  const BASE = location.pathname.replace(/\/admin(\.html)?\/?$/, '');
  const TOKEN_KEY = 'frontdesk:adminToken';
  const LANG_KEY = 'frontdesk:adminLang';
  const $ = (id) => document.getElementById(id);
  FD.$ = $;

  // ---- language: the browser's unless the switch chose one; English text is the key of FD.zh ----
  const chosen = new URLSearchParams(location.search).get('lang') || localStorage.getItem(LANG_KEY);
  FD.lang = (chosen || navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
  FD.t = (text, vars = {}) => {
    const template = FD.lang === 'zh' ? (FD.zh[text] ?? text) : text;
    return template.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
  };
  function translatePage() {
    document.documentElement.lang = FD.lang === 'zh' ? 'zh-CN' : 'en';
    for (const node of document.querySelectorAll('[data-t]')) {
      node.dataset.t ||= node.textContent.trim();
      node.textContent = FD.t(node.dataset.t);
    }
    for (const attr of ['placeholder', 'aria-label', 'title']) {
      for (const node of document.querySelectorAll(`[data-t-${attr}]`)) {
        node.setAttribute(attr, FD.t(node.getAttribute(`data-t-${attr}`)));
      }
    }
    $('lang-switch').textContent = FD.lang === 'zh' ? 'English' : '中文';
  }
  $('lang-switch').addEventListener('click', () => {
    FD.lang = FD.lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem(LANG_KEY, FD.lang);
    translatePage();
    if (token) show(current, true);
  });

  // ---- API ----
  let token = sessionStorage.getItem(TOKEN_KEY);
  /** Calls the admin API; resolves to the JSON answer (or the text for `raw`), throws Error with .status. */
  FD.api = async (path, { method = 'GET', body, raw = false } = {}) => {
    const headers = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res;
    try {
      res = await fetch(BASE + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw Object.assign(new Error(FD.t('Could not reach the server.')), { status: 0 });
    }
    if (res.status === 401 && $('workspace').hidden === false)
      signOut(FD.t('Your token was rejected. Please sign in again.'));
    if (raw && res.ok) return res.text();
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      const issues = (data.error?.issues ?? []).map((i) =>
        i.line === undefined ? i.message : `${FD.t('line {n}', { n: i.line })}: ${i.message}`,
      );
      const message = [
        data.error?.message || FD.t('Request failed ({status}).', { status: res.status }),
        ...issues,
      ];
      throw Object.assign(new Error(message.join('\n')), { status: res.status, code: data.error?.code });
    }
    return data;
  };
  /** Fetches a file with the token and hands it to the browser as a download. */
  FD.download = async (path, filename) => {
    try {
      const text = await FD.api(path, { raw: true });
      const link = FD.h('a', { href: URL.createObjectURL(new Blob([text])), download: filename });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (e) {
      FD.toast(e.message, true);
    }
  };

  // ---- small DOM helpers shared by the sections ----
  /** h('li', { className: 'x', 'data-id': 1, onclick }, child, 'text'). */
  FD.h = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      // `list` is read-only as a property; data-*/aria-* are attributes only.
      else if (key.includes('-') || key === 'list') node.setAttribute(key, value === true ? '' : value);
      else node[key] = value;
    }
    node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
    return node;
  };
  FD.button = (label, onclick, className = '') =>
    FD.h('button', { type: 'button', className, onclick }, label);
  FD.toast = (text, bad = false) => {
    const box = $('toast');
    box.textContent = text;
    box.classList.toggle('bad', bad);
    box.hidden = false;
    clearTimeout(FD.toast.timer);
    FD.toast.timer = setTimeout(() => (box.hidden = true), 6000);
  };
  /** Runs an action, showing its error in the toast (and in `errorBox` when given) instead of throwing. */
  FD.attempt = async (fn, errorBox) => {
    if (errorBox) errorBox.textContent = '';
    try {
      return await fn();
    } catch (e) {
      if (errorBox) errorBox.textContent = e.message;
      else FD.toast(e.message, true);
      return undefined;
    }
  };
  /** A moment as the stack's clock shows it (the zone hours, reports and the inbox are counted in). */
  FD.when = (at) => {
    if (!at) return '–';
    const locale = FD.lang === 'zh' ? 'zh-CN' : 'en';
    const options = { dateStyle: 'medium', timeStyle: 'short' };
    try {
      return new Date(at).toLocaleString(locale, { ...options, timeZone: FD.timeZone });
    } catch {
      return new Date(at).toLocaleString(locale, options);
    }
  };
  FD.percent = (rate) => (rate === null || rate === undefined ? '–' : `${Math.round(rate * 1000) / 10} %`);
  /** The last `days` days as YYYY-MM-DD in the stack's time zone (reports and the inbox count days there). */
  FD.dateRange = (days = 7) => {
    let format;
    try {
      format = new Intl.DateTimeFormat('en-CA', { timeZone: FD.timeZone });
    } catch {
      format = new Intl.DateTimeFormat('en-CA'); // a zone this browser does not know: its own
    }
    const day = (ms) => format.format(new Date(ms));
    return { from: day(Date.now() - (days - 1) * 86_400_000), to: day(Date.now()) };
  };
  const RANGE_LABELS = { from: 'From', to: 'To' };
  const ranges = []; // forms with a date range, set again once the stack's time zone is known
  /**
   * Fills a form with from/to date fields and a button that calls onLoad. `days`: the default span ending today;
   * null leaves the fields empty, so the server's own default range applies until `set` shows what it chose.
   * Returns { query(): 'from=…&to=…' (or '' while empty), set(from, to) }.
   */
  FD.rangeForm = (form, onLoad, days = 7) => {
    const field = (name) =>
      FD.h(
        'label',
        {},
        FD.h('span', { 'data-t': RANGE_LABELS[name] }, RANGE_LABELS[name]),
        ' ',
        FD.h('input', { type: 'date', name }),
      );
    form.replaceChildren(
      field('from'),
      field('to'),
      FD.h('button', { type: 'submit', 'data-t': 'Show' }, 'Show'),
    );
    const set = (from, to) => {
      form.elements.from.value = from;
      form.elements.to.value = to;
    };
    if (days) {
      const reset = () => set(FD.dateRange(days).from, FD.dateRange(days).to);
      ranges.push(reset);
      reset();
    }
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      FD.attempt(onLoad);
    });
    const query = () => {
      const { from, to } = form.elements;
      return from.value && to.value ? new URLSearchParams({ from: from.value, to: to.value }).toString() : '';
    };
    return { query, set };
  };

  // ---- sign in / out ----
  async function signIn(candidate) {
    token = candidate;
    try {
      await FD.api('/admin/faq?limit=1');
    } catch (e) {
      token = null;
      $('signin-error').textContent =
        e.status === 401 ? FD.t('That token was not accepted. Check it and try again.') : e.message;
      return;
    }
    // Reports and the inbox count days in the stack's time zone: the staffed hours' zone.
    FD.timeZone = (await FD.api('/admin/hours').catch(() => undefined))?.hours?.timeZone;
    ranges.forEach((reset) => reset());
    sessionStorage.setItem(TOKEN_KEY, token);
    $('signin-view').hidden = true;
    $('workspace').hidden = $('sign-out').hidden = $('tabs').hidden = false;
    show(location.hash.slice(1) || 'faq', true);
  }
  function signOut(message = '') {
    token = null;
    sessionStorage.removeItem(TOKEN_KEY);
    $('workspace').hidden = $('sign-out').hidden = $('tabs').hidden = true;
    $('signin-view').hidden = false;
    $('signin-error').textContent = message;
    $('token').value = '';
    $('token').focus();
  }
  $('signin').addEventListener('submit', (e) => {
    e.preventDefault();
    const value = $('token').value.trim();
    if (value) signIn(value);
    else $('signin-error').textContent = FD.t('Enter the admin token.');
  });
  $('sign-out').addEventListener('click', () => signOut());

  // ---- sections: one visible at a time, chosen by the tabs (links to #name, so reload and back work) ----
  let current = 'faq';
  function show(name, force = false) {
    if (!FD.sections[name]) name = 'faq';
    if (name === current && !force) return;
    current = name;
    for (const section of document.querySelectorAll('main#workspace > section'))
      section.hidden = section.id !== name;
    for (const tab of document.querySelectorAll('nav.tabs a')) {
      tab.setAttribute('aria-current', tab.getAttribute('href') === `#${name}` ? 'page' : 'false');
    }
    // aria-busy tells assistive technology (and the tests) when the section's data has arrived.
    const section = $(name);
    section.setAttribute('aria-busy', 'true');
    FD.attempt(() => FD.sections[name].show()).finally(() => section.setAttribute('aria-busy', 'false'));
  }
  window.addEventListener('hashchange', () => token && show(location.hash.slice(1)));

  document.addEventListener('DOMContentLoaded', () => {
    for (const section of Object.values(FD.sections)) section.init?.();
    translatePage();
    if (token) signIn(token);
    else $('token').focus();
  });
})();
