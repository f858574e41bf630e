// The start of "today" in a time zone, as an instant: the energy bars ask for today's quarter-hours from there.

function wallClock(timeZone, instant) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const value = (type) => Number(parts.find((p) => p.type === type).value);
  return { year: value('year'), month: value('month'), day: value('day'), hour: value('hour'), minute: value('minute'), second: value('second') };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(timeZone, instant) {
  const c = wallClock(timeZone, instant);
  const wallAsUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return wallAsUtc - Math.floor(instant / 1000) * 1000;
}

/** Midnight of today in timeZone (the browser's zone when none is given), as an ISO instant in UTC. */
export function startOfToday(timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone, now = Date.now()) {
  const today = wallClock(timeZone, now);
  const midnightAsUtc = Date.UTC(today.year, today.month - 1, today.day);
  // The offset at midnight can differ from the offset now (a DST change in the night): look it up at midnight itself.
  let midnight = midnightAsUtc - offsetAt(timeZone, now);
  midnight = midnightAsUtc - offsetAt(timeZone, midnight);
  return new Date(midnight).toISOString().replace('.000Z', 'Z');
}
