import uPlot from 'uplot';
import { cssColor } from '../dom.js';
import { formatAxis, formatPower } from '../format.js';

const windowSeconds = 15 * 60;

/** uPlot's clock for a time zone (the household's), or the browser's own when none is given. */
export function inTimeZone(timeZone) {
  return timeZone ? (seconds) => uPlot.tzDate(new Date(seconds * 1000), timeZone) : (seconds) => new Date(seconds * 1000);
}

/** Keeps a uPlot chart as wide as its container. */
export function fitWidth(plot, container, height) {
  const observer = new ResizeObserver(() => {
    const width = Math.floor(container.clientWidth);
    if (width > 0 && width !== plot.width) plot.setSize({ width, height });
  });
  observer.observe(container);
  return () => observer.disconnect();
}

/**
 * A meter's live power over the last 15 minutes: import and export in W, one point per reading, drawn as steps
 * because a reading's power holds until the next one (that is how the meter integrates it). Times in `timeZone`.
 */
export function createPowerChart(container, { timeZone }) {
  const height = 190;
  const times = [];
  const imports = [];
  const exports = [];
  const importColor = cssColor('--import');
  const exportColor = cssColor('--export');

  const plot = new uPlot(
    {
      width: Math.max(280, Math.floor(container.clientWidth)),
      height,
      padding: [12, 12, 0, 0],
      tzDate: inTimeZone(timeZone),
      cursor: { points: { size: 6 } },
      legend: { live: true },
      scales: {
        x: { time: true },
        y: { range: (u, min, max) => [Math.min(0, min ?? 0), Math.max(100, (max ?? 0) * 1.15)] },
      },
      series: [
        {},
        { label: 'Import', stroke: importColor, fill: `${importColor}1f`, width: 2, paths: uPlot.paths.stepped({ align: 1 }), value: (u, v) => formatPower(v) },
        { label: 'Export', stroke: exportColor, fill: `${exportColor}1f`, width: 2, paths: uPlot.paths.stepped({ align: 1 }), value: (u, v) => formatPower(v) },
      ],
      axes: [
        { stroke: cssColor('--muted'), grid: { stroke: cssColor('--grid-line') }, ticks: { show: false } },
        { stroke: cssColor('--muted'), grid: { stroke: cssColor('--grid-line') }, ticks: { show: false }, size: 64, values: (u, values) => values.map((v) => formatAxis(v, 'W')) },
      ],
    },
    [times, imports, exports],
    container,
  );
  const unfit = fitWidth(plot, container, height);

  function redraw() {
    const now = Date.now() / 1000;
    while (times.length > 0 && times[0] < now - windowSeconds * 2) {
      times.shift();
      imports.shift();
      exports.shift();
    }
    plot.batch(() => {
      plot.setData([times, imports, exports], false);
      plot.setScale('x', { min: now - windowSeconds, max: now });
    });
  }

  return {
    /** Adds a reading's power (a reading at a time already drawn replaces it; late ones go where they belong). */
    add(instant, importW, exportW) {
      if (!instant) return;
      const t = new Date(instant).getTime() / 1000;
      let i = times.length;
      while (i > 0 && times[i - 1] > t) i--;
      if (i > 0 && times[i - 1] === t) {
        imports[i - 1] = importW ?? null;
        exports[i - 1] = exportW ?? null;
      } else {
        times.splice(i, 0, t);
        imports.splice(i, 0, importW ?? null);
        exports.splice(i, 0, exportW ?? null);
      }
      redraw();
    },
    /** Moves the window on with the clock. */
    tick: redraw,
    get points() {
      return times.length;
    },
    destroy() {
      unfit();
      plot.destroy();
    },
  };
}
