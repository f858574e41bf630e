import uPlot from 'uplot';
import { cssColor } from '../dom.js';
import { formatAxis, formatEnergy } from '../format.js';
import { fitWidth, inTimeZone } from './powerChart.js';

const day = 24 * 3600;

/**
 * Today's quarter-hour energy as bars from midnight to midnight. `series` are { label, color, values(bucket), shown(bucket)? }:
 * values give the bar's top (negative ones hang below zero), `shown` what the legend says when that differs (a stacked
 * bar). Series are painted in order, so a shorter bar after a taller one at the same time reads as a stack. Times in
 * `timeZone` (the browser's when none is given).
 */
export function createEnergyChart(container, { timeZone }, series) {
  const height = 170;
  let buckets = [];
  const bars = uPlot.paths.bars({ size: [0.86, 48], align: 1 });
  const plot = new uPlot(
    {
      width: Math.max(280, Math.floor(container.clientWidth)),
      height,
      padding: [12, 12, 0, 0],
      tzDate: inTimeZone(timeZone),
      cursor: { points: { show: false } },
      scales: {
        // The range stops a minute short of the next midnight, whose tick label would not fit.
        x: { time: true, range: (u, min) => [Math.floor(min ?? 0), Math.floor(min ?? 0) + day - 60] },
        y: { range: (u, min, max) => [Math.min(0, (min ?? 0) * 1.15), Math.max(10, (max ?? 0) * 1.15)] },
      },
      series: [
        {},
        ...series.map((s) => {
          const color = cssColor(s.color);
          return {
            label: s.label,
            stroke: color,
            fill: `${color}d9`,
            width: 0,
            paths: bars,
            points: { show: false },
            value: (u, v, seriesIndex, index) => {
              const bucket = index == null ? null : buckets[index];
              return bucket ? formatEnergy((s.shown ?? s.values)(bucket)) : '–';
            },
          };
        }),
      ],
      axes: [
        { stroke: cssColor('--muted'), grid: { stroke: cssColor('--grid-line') }, ticks: { show: false } },
        { stroke: cssColor('--muted'), grid: { stroke: cssColor('--grid-line') }, ticks: { show: false }, size: 64, values: (u, values) => values.map((v) => formatAxis(v, 'Wh')) },
      ],
    },
    [[], ...series.map(() => [])],
    container,
  );
  const unfit = fitWidth(plot, container, height);

  return {
    /** Draws the buckets of an /energy answer (`from` is midnight, the first bucket's start). */
    show(energy) {
      buckets = energy.buckets;
      const from = new Date(energy.from).getTime() / 1000;
      const x = buckets.map((b) => new Date(b.start).getTime() / 1000);
      plot.setData([x.length > 0 ? x : [from], ...series.map((s) => (x.length > 0 ? buckets.map((b) => s.values(b)) : [null]))]);
      plot.setScale('x', { min: from, max: from + day - 60 });
    },
    destroy() {
      unfit();
      plot.destroy();
    },
  };
}
