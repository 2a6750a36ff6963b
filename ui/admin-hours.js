/*
 * Admin page, hours: the weekly intervals and time zone as a form, holidays and make-up workdays as JSON (the
 * `hours set` file's other fields, sent back as edited), and the next 7 days as the server computes them, drawn on a 24-hour line.
 */
(() => {
  'use strict';
  const { $, h, t, api, attempt } = window.FD;
  const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const DAY_NAMES = {
    mon: 'Monday',
    tue: 'Tuesday',
    wed: 'Wednesday',
    thu: 'Thursday',
    fri: 'Friday',
    sat: 'Saturday',
    sun: 'Sunday',
  };

  function init() {
    $('hours-week').append(
      ...DAYS.map((day) =>
        h(
          'label',
          { className: 'day' },
          h('span', { 'data-t': DAY_NAMES[day] }, DAY_NAMES[day]),
          h('input', { name: day, placeholder: t('closed') }),
        ),
      ),
    );
  }

  function render(answer) {
    const { timeZone, weekly, ...extra } = answer.hours;
    $('hours-zone').value = timeZone ?? '';
    for (const day of DAYS) {
      $('hours-week').querySelector(`[name="${day}"]`).value = (weekly?.[day] ?? [])
        .map(([a, b]) => `${a}-${b}`)
        .join(', ');
    }
    $('hours-extra').value = JSON.stringify(extra, null, 2);
    const now = answer.staffedNow ? t('Staffed now.') : t('Not staffed now.');
    const next = answer.staffedNow
      ? answer.nextClose && t('Closes {at}.', { at: window.FD.when(answer.nextClose) })
      : answer.nextOpen && t('Opens {at}.', { at: window.FD.when(answer.nextOpen) });
    $('hours-now').textContent = [now, next, timeZone && `(${timeZone})`].filter(Boolean).join(' ');
    $('hours-preview').replaceChildren(...answer.week.map(dayBar));
  }

  const minutes = (hhmm) => {
    const [hh, mm] = hhmm.split(':').map(Number);
    return hh * 60 + mm;
  };
  function dayBar({ date, intervals }) {
    const label = new Date(`${date}T12:00:00`).toLocaleDateString(window.FD.lang === 'zh' ? 'zh-CN' : 'en', {
      weekday: 'short',
      month: 'numeric',
      day: 'numeric',
    });
    const bar = h('div', { className: 'timeline', 'aria-hidden': 'true' });
    for (const { from, to } of intervals) {
      const start = minutes(from);
      const end = to === '24:00' || minutes(to) <= start ? 1440 : minutes(to);
      const block = h('span', { className: 'open' });
      block.style.left = `${(start / 1440) * 100}%`;
      block.style.width = `${((end - start) / 1440) * 100}%`;
      bar.append(block);
    }
    const text = intervals.length ? intervals.map((i) => `${i.from}–${i.to}`).join(', ') : t('closed');
    return h('li', {}, h('span', { className: 'date' }, label), bar, h('span', { className: 'meta' }, text));
  }

  /** "09:00-12:00, 13:00-18:00" → [["09:00","12:00"],["13:00","18:00"]]; the server checks the times themselves. */
  function intervals(text, day) {
    return text
      .split(/[,，;]/)
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const match = part.match(/^(\d{1,2}:\d{2})\s*[-–~至到]\s*(\d{1,2}:\d{2})$/);
        if (!match)
          throw new Error(
            t('{day}: “{part}” is not an interval like 09:00-18:00.', { day: t(DAY_NAMES[day]), part }),
          );
        return [match[1].padStart(5, '0'), match[2].padStart(5, '0')];
      });
  }

  $('hours-form').addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      let extra;
      try {
        extra = JSON.parse($('hours-extra').value || '{}');
      } catch (error) {
        throw new Error(`${t('Holidays and make-up workdays (JSON)')}: ${error.message}`);
      }
      const weekly = Object.fromEntries(
        DAYS.map((day) => [day, intervals($('hours-week').querySelector(`[name="${day}"]`).value, day)]),
      );
      const hours = { ...extra, timeZone: $('hours-zone').value.trim(), weekly };
      render(await api('/admin/hours', { method: 'PUT', body: { hours } }));
      window.FD.toast(t('Hours saved.'));
    }, $('hours-error'));
  });

  window.FD.sections.hours = { init, show: async () => render(await api('/admin/hours')) };
})();
