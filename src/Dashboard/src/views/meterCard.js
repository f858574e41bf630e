import { h, setText } from '../dom.js';
import { formatAge, formatEnergy, formatPower } from '../format.js';
import { createEnergyChart } from './energyChart.js';
import { createPowerChart } from './powerChart.js';

const roleNames = { grid: 'Grid meter', production: 'Production meter', consumption: 'Sub-circuit' };

function stat(label, field, extraClass = '') {
  const value = h('span', { class: `stat-value ${extraClass}`, dataset: { field } }, '–');
  return { element: h('div', { class: 'stat' }, h('span', { class: 'stat-label' }, label), value), value };
}

/**
 * One meter: live power, registers and online state from meterUpdated, a 15-minute power chart and today's
 * quarter-hour energy. `onRemove` is given for meters added by hand (a household's own meters stay).
 */
export function createMeterCard(meterId, { role, timeZone, onRemove }) {
  const importPower = stat('Import', 'importPowerW', 'import');
  const exportPower = stat('Export', 'exportPowerW', 'export');
  const importRegister = h('span', { class: 'register-value', dataset: { field: 'importRegisterWh' } }, '–');
  const exportRegister = h('span', { class: 'register-value', dataset: { field: 'exportRegisterWh' } }, '–');
  const badge = h('span', { class: 'badge', dataset: { field: 'online' } }, 'waiting');
  const roleLabel = h('span', { class: 'card-kicker' }, roleNames[role] ?? 'Meter');
  const age = h('span', { class: 'age', dataset: { field: 'lastReadingAt' } }, 'no reading yet');
  const message = h('p', { class: 'card-message', hidden: true });
  const powerChartHost = h('div', { class: 'chart' });
  const energyChartHost = h('div', { class: 'chart' });

  const element = h(
    'section',
    { class: 'card meter-card', dataset: { meter: meterId }, 'aria-label': `Meter ${meterId}` },
    h(
      'header',
      { class: 'card-header' },
      h('div', {}, roleLabel, h('h2', { class: 'card-title' }, meterId)),
      h(
        'div',
        { class: 'card-header-right' },
        badge,
        onRemove ? h('button', { class: 'icon-button', type: 'button', title: `Stop watching ${meterId}`, 'aria-label': `Stop watching ${meterId}`, onclick: onRemove }, '×') : null,
      ),
    ),
    message,
    h('div', { class: 'stats' }, importPower.element, exportPower.element),
    h('p', { class: 'registers' }, 'Registers: import ', importRegister, ' · export ', exportRegister),
    h('div', { class: 'chart-heading' }, h('h3', {}, 'Live power'), age),
    powerChartHost,
    h('div', { class: 'chart-heading' }, h('h3', {}, 'Today, per quarter-hour')),
    energyChartHost,
  );

  const powerChart = createPowerChart(powerChartHost, { timeZone });
  const energyChart = createEnergyChart(energyChartHost, { timeZone }, [
    { label: 'Import', color: '--import', values: (b) => b.importWh },
    { label: 'Export', color: '--export', values: (b) => -b.exportWh, shown: (b) => b.exportWh },
  ]);
  let lastReadingAt = null;

  function showMessage(text, kind = 'error') {
    message.hidden = !text;
    message.className = `card-message ${kind}`;
    setText(message, text ?? '');
  }

  return {
    element,

    set role(value) {
      setText(roleLabel, roleNames[value] ?? 'Meter');
    },

    /** A state from GET /meters/{id} or meterUpdated; an older one than shown is ignored. */
    update(state) {
      if (lastReadingAt && state.lastReadingAt && new Date(state.lastReadingAt) < new Date(lastReadingAt)) return;
      lastReadingAt = state.lastReadingAt ?? lastReadingAt;
      showMessage(null);
      setText(importPower.value, formatPower(state.importPowerW));
      setText(exportPower.value, formatPower(state.exportPowerW));
      setText(importRegister, formatEnergy(state.importRegisterWh));
      setText(exportRegister, formatEnergy(state.exportRegisterWh));
      setText(badge, state.online ? 'online' : 'offline');
      badge.dataset.state = state.online ? 'online' : 'offline';
      age.dataset.ts = lastReadingAt ?? '';
      setText(age, formatAge(lastReadingAt));
      powerChart.add(state.lastReadingAt, state.importPowerW, state.exportPowerW);
    },

    /** The stored readings of the last minutes, so the chart does not start empty. */
    seed(readings) {
      for (const r of readings) {
        if (r.importPowerW != null || r.exportPowerW != null) powerChart.add(r.ts, r.importPowerW, r.exportPowerW);
      }
    },

    showEnergy: (energy) => energyChart.show(energy),
    showWaiting: () => showMessage(`No reading from ${meterId} yet: its values appear here when it sends one.`, 'info'),
    showError: (text) => showMessage(text),

    tick(now) {
      powerChart.tick();
      setText(age, formatAge(lastReadingAt, now));
    },

    destroy() {
      powerChart.destroy();
      energyChart.destroy();
      element.remove();
    },
  };
}
