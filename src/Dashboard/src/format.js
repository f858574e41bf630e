// Numbers and times in the reader's locale; power switches to kW and energy to kWh from 1000 on.
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const threeDecimals = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dayAndClock = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

const dash = '–';

/** 512.5 W, 1.5 kW, 12.35 kW. */
export function formatPower(watts) {
  if (watts == null || !Number.isFinite(watts)) return dash;
  const w = watts + 0; // no "-0"
  return Math.abs(w) < 1000 ? `${oneDecimal.format(w)} W` : `${twoDecimals.format(w / 1000)} kW`;
}

/** 812.3 Wh, 123.457 kWh. */
export function formatEnergy(wattHours) {
  if (wattHours == null || !Number.isFinite(wattHours)) return dash;
  const wh = wattHours + 0;
  return Math.abs(wh) < 1000 ? `${oneDecimal.format(wh)} Wh` : `${threeDecimals.format(wh / 1000)} kWh`;
}

/** Axis labels: whole units, kW/kWh from 1000 on. */
export function formatAxis(value, unit) {
  return Math.abs(value) < 1000 ? `${oneDecimal.format(value)} ${unit}` : `${twoDecimals.format(value / 1000)} k${unit}`;
}

export function formatPercent(fraction) {
  return fraction == null || !Number.isFinite(fraction) ? dash : percent.format(fraction);
}

/** 14:05:09 today, "Nov 22, 14:05" on other days. */
export function formatTime(instant) {
  if (!instant) return dash;
  const date = new Date(instant);
  return date.toDateString() === new Date().toDateString() ? clock.format(date) : dayAndClock.format(date);
}

/** "just now", "12 s ago", "4 min ago", then the time. */
export function formatAge(instant, now = Date.now()) {
  if (!instant) return 'no reading yet';
  const seconds = Math.round((now - new Date(instant).getTime()) / 1000);
  if (seconds < 2) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return formatTime(instant);
}
