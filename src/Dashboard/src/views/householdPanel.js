import { h, s, setText } from '../dom.js';
import { formatAge, formatPercent, formatPower } from '../format.js';
import { createEnergyChart } from './energyChart.js';

// Simple line icons, drawn here so the page needs no icon font.
const icons = {
  grid: () =>
    s('svg', { viewBox: '0 0 32 32', class: 'icon', 'aria-hidden': 'true' },
      s('path', { d: 'M16 3 L9 29 M16 3 L23 29 M7 10 H25 M9.5 17 H22.5 M11 22 L21 29 M21 22 L11 29' })),
  home: () =>
    s('svg', { viewBox: '0 0 32 32', class: 'icon', 'aria-hidden': 'true' },
      s('path', { d: 'M4 15 L16 4 L28 15 M8 12 V28 H24 V12 M13 28 V20 H19 V28' })),
  solar: () =>
    s('svg', { viewBox: '0 0 32 32', class: 'icon', 'aria-hidden': 'true' },
      s('circle', { cx: 16, cy: 16, r: 6 }),
      s('path', { d: 'M16 2 V6 M16 26 V30 M2 16 H6 M26 16 H30 M6 6 L9 9 M23 23 L26 26 M6 26 L9 23 M23 9 L26 6' })),
};

/** A connector between two nodes; its dashes run the way the energy flows (class forward/backward), or rest. */
function connector(name) {
  const line = s('line', { x1: 0, y1: 10, x2: 100, y2: 10, class: 'flow-line' });
  const element = s('svg', { viewBox: '0 0 100 20', preserveAspectRatio: 'none', class: 'connector', 'data-connector': name, 'aria-hidden': 'true' }, line);
  return {
    element,
    set(direction) {
      element.setAttribute('class', `connector ${direction}`);
    },
  };
}

function node(kind, title, ...rows) {
  return h('div', { class: `flow-node ${kind}` }, h('div', { class: 'flow-icon' }, icons[kind]()), h('div', { class: 'flow-title' }, title), ...rows);
}

function value(field, extraClass) {
  return h('div', { class: `flow-value ${extraClass}`, dataset: { field } }, '–');
}

/**
 * A household: its live flow (grid import and export, production, consumption) from householdUpdated, drawn as
 * grid → home ← solar with the energy's direction, and today's quarter-hour energy: consumption stacked from grid
 * import and own production, export below zero.
 */
export function createHouseholdPanel(householdId, { onClose }) {
  const gridImport = value('gridImportW', 'import');
  const gridExport = value('gridExportW', 'export');
  const production = value('productionW', 'production');
  const consumption = value('consumptionW', 'consumption');
  const selfSufficiency = h('div', { class: 'flow-note', dataset: { field: 'selfSufficiency' } }, '');
  const gridLink = connector('grid');
  const solarLink = connector('solar');
  const details = h('span', { class: 'card-kicker' }, 'Household');
  const age = h('span', { class: 'age', dataset: { field: 'updatedAt' } }, 'no reading yet');
  const message = h('p', { class: 'card-message', hidden: true });
  const energyChartHost = h('div', { class: 'chart' });

  const element = h(
    'section',
    { class: 'card household-card', dataset: { household: householdId }, 'aria-label': `Household ${householdId}` },
    h(
      'header',
      { class: 'card-header' },
      h('div', {}, details, h('h2', { class: 'card-title' }, householdId)),
      h('div', { class: 'card-header-right' }, age,
        h('button', { class: 'icon-button', type: 'button', title: 'Close the household', 'aria-label': 'Close the household', onclick: onClose }, '×')),
    ),
    message,
    h(
      'div',
      { class: 'flow' },
      node('grid', 'Grid', h('div', { class: 'flow-pair' }, h('span', { class: 'flow-label' }, 'import'), gridImport),
        h('div', { class: 'flow-pair' }, h('span', { class: 'flow-label' }, 'export'), gridExport)),
      gridLink.element,
      node('home', 'Consumption', consumption, selfSufficiency),
      solarLink.element,
      node('solar', 'Production', production),
    ),
    h('div', { class: 'chart-heading' }, h('h3', {}, 'Today, per quarter-hour')),
    energyChartHost,
  );

  const energySeries = [
    // Consumption = grid import + own production used at home; the import part is painted first, full height,
    // and the own part over its lower end.
    { label: 'From grid', color: '--import', values: (b) => b.consumptionWh, shown: (b) => b.importWh },
    { label: 'Own production', color: '--production', values: (b) => Math.max(0, b.productionWh - b.exportWh) },
    { label: 'Export', color: '--export', values: (b) => -b.exportWh, shown: (b) => b.exportWh },
  ];
  let energyChart = null; // made with the first energy, when the household's time zone is known
  let updatedAt = null;
  let timeZone;

  function showMessage(text, kind = 'error') {
    message.hidden = !text;
    message.className = `card-message ${kind}`;
    setText(message, text ?? '');
  }

  return {
    element,

    get timeZone() {
      return timeZone;
    },

    /** The metadata of GET /households/{id}: what kind of household, and its time zone for "today". */
    define(household) {
      timeZone = household.timeZone;
      const people = household.occupants === 1 ? '1 person' : `${household.occupants} people`;
      setText(details, `Household · ${household.type} · ${people} · ${household.timeZone}`);
    },

    /** A flow from GET /households/{id} or householdUpdated; an older one than shown is ignored. */
    update(flow) {
      if (updatedAt && flow.updatedAt && new Date(flow.updatedAt) < new Date(updatedAt)) return;
      updatedAt = flow.updatedAt ?? updatedAt;
      setText(gridImport, formatPower(flow.gridImportW));
      setText(gridExport, formatPower(flow.gridExportW));
      setText(production, formatPower(flow.productionW));
      setText(consumption, formatPower(flow.consumptionW));
      const own = flow.consumptionW > 0 ? Math.min(1, Math.max(0, 1 - flow.gridImportW / flow.consumptionW)) : null;
      setText(selfSufficiency, own == null ? '' : `${formatPercent(own)} self-sufficient`);
      gridLink.set(flow.gridImportW > flow.gridExportW ? 'forward' : flow.gridExportW > flow.gridImportW ? 'backward' : 'rest');
      solarLink.set(flow.productionW > 0 ? 'backward' : 'rest');
      setText(age, updatedAt ? `updated ${formatAge(updatedAt)}` : 'no reading yet');
    },

    showEnergy(energy) {
      energyChart ??= createEnergyChart(energyChartHost, { timeZone }, energySeries);
      energyChart.show(energy);
    },
    showError: (text) => showMessage(text),

    tick(now) {
      if (updatedAt) setText(age, `updated ${formatAge(updatedAt, now)}`);
    },

    destroy() {
      energyChart?.destroy();
      element.remove();
    },
  };
}
