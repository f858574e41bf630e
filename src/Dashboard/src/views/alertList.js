import { h, setText } from '../dom.js';
import { formatTime } from '../format.js';

const kindNames = {
  'meter-offline': 'Meter offline',
  'meter-online': 'Back online',
  'power-spike': 'Power spike',
  'register-backwards': 'Register went backwards',
  'register-stalled': 'Register stalled',
  'phase-dead': 'Phase dead',
  'phase-restored': 'Phase back',
};
const maxShown = 50;

/** Alerts of the watched meters and households, newest first: those stored today, then each one as it arrives. */
export function createAlertList() {
  const list = h('ol', { class: 'alerts', 'aria-live': 'polite' });
  const empty = h('p', { class: 'empty' }, 'No alerts. They appear here as they arrive.');
  const note = h('p', { class: 'card-message info', hidden: true });
  const element = h('section', { class: 'card alerts-card', 'aria-label': 'Alerts' },
    h('header', { class: 'card-header' }, h('h2', { class: 'card-title' }, 'Alerts')), note, empty, list);
  const seen = new Set();
  const items = [];

  return {
    element,

    /** Adds an alert once, however often it comes (from history and live, or for a meter and its household). */
    add(alert, { live = false } = {}) {
      const key = `${alert.kind}|${alert.subject}|${alert.ts}`;
      if (seen.has(key)) return;
      seen.add(key);
      const item = h(
        'li',
        { class: `alert severity-${alert.severity ?? 'info'}${live ? ' arrived' : ''}`, dataset: { kind: alert.kind, subject: alert.subject } },
        h('span', { class: 'alert-dot', 'aria-hidden': 'true' }),
        h('div', { class: 'alert-body' },
          h('div', { class: 'alert-title' }, h('strong', {}, kindNames[alert.kind] ?? alert.kind), ' · ', alert.subject),
          alert.message ? h('div', { class: 'alert-message' }, alert.message) : null),
        h('time', { class: 'alert-time', datetime: alert.ts }, formatTime(alert.ts)),
      );
      const ts = new Date(alert.ts).getTime();
      let index = items.findIndex((other) => other.ts < ts);
      if (index < 0) index = items.length;
      items.splice(index, 0, { ts, item });
      list.insertBefore(item, items[index + 1]?.item ?? null);
      while (items.length > maxShown) items.pop().item.remove();
      empty.hidden = true;
    },

    /** Says once why older alerts are missing (the history is for operators). */
    explain(text) {
      note.hidden = false;
      setText(note, text);
    },
  };
}
