import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { createApi } from './api.js';
import { clearCredential, loadCredential, saveCredential } from './credentials.js';
import { h, setText } from './dom.js';
import { createLive } from './live.js';
import { startOfToday } from './today.js';
import { createAlertList } from './views/alertList.js';
import { createHouseholdPanel } from './views/householdPanel.js';
import { createMeterCard } from './views/meterCard.js';
import { createSignIn } from './views/signIn.js';

const app = document.getElementById('app');
const connectionPill = document.getElementById('connection');
const signOutButton = document.getElementById('sign-out');
const connectionTexts = { idle: 'Not connected', connecting: 'Connecting…', connected: 'Live', reconnecting: 'Reconnecting…', disconnected: 'Disconnected' };
const energyRefreshMs = 30_000;
const chartHistoryMs = 15 * 60_000;

function showConnection(state) {
  connectionPill.dataset.state = state;
  setText(connectionPill, connectionTexts[state]);
}

/** What the page shows, kept in the address (#household=h1&meter=m7) so a reload or a shared link shows it again. */
function readSelection() {
  const params = new URLSearchParams(window.location.hash.slice(1));
  return { household: params.get('household') || null, meters: params.getAll('meter').filter(Boolean) };
}

function writeSelection(household, meters) {
  const params = new URLSearchParams();
  if (household) params.set('household', household);
  for (const meter of meters) params.append('meter', meter);
  const hash = params.toString();
  history.replaceState(null, '', hash ? `#${hash}` : window.location.pathname);
}

function showSignIn(notice) {
  signOutButton.hidden = true;
  showConnection('idle');
  app.replaceChildren(
    createSignIn({
      check: (credential) => createApi(credential).check(),
      onSignedIn: (credential) => {
        saveCredential(credential);
        showDashboard(credential);
      },
      notice,
    }).element,
  );
}

function showDashboard(credential) {
  const api = createApi(credential);
  const meters = new Map(); // meterId → { card, byHand }
  let household = null; // { id, panel, meterIds }
  let signedOut = false;

  const householdInput = h('input', { id: 'household-id', name: 'household', placeholder: 'household id', autocomplete: 'off', required: true });
  const meterInput = h('input', { id: 'meter-id', name: 'meter', placeholder: 'meter id', autocomplete: 'off', required: true });
  const toolbar = h(
    'div',
    { class: 'toolbar' },
    h('form', { class: 'inline-form', id: 'open-household', onsubmit: (e) => { e.preventDefault(); openHousehold(householdInput.value.trim()); householdInput.value = ''; } },
      h('label', { for: 'household-id' }, 'Household'), householdInput, h('button', { class: 'button primary', type: 'submit' }, 'Open')),
    h('form', { class: 'inline-form', id: 'add-meter', onsubmit: (e) => { e.preventDefault(); addMeter(meterInput.value.trim(), { byHand: true }); meterInput.value = ''; } },
      h('label', { for: 'meter-id' }, 'Meter'), meterInput, h('button', { class: 'button', type: 'submit' }, 'Watch')),
  );
  const emptyState = h('section', { class: 'card empty-state' },
    h('h2', {}, 'Nothing watched yet'),
    h('p', {}, 'Open a household to see its live flow between grid, production and consumption, or watch single meters by id.'));
  const householdSlot = h('div', { class: 'household-slot' });
  const meterGrid = h('div', { class: 'meter-grid' });
  const alerts = createAlertList();
  app.replaceChildren(toolbar, h('div', { class: 'layout' }, h('div', { class: 'main-column' }, emptyState, householdSlot, meterGrid), h('aside', { class: 'side-column' }, alerts.element)));
  signOutButton.hidden = false;

  const live = createLive(credential, {
    onState: showConnection,
    onMeter: (state) => meters.get(state.meterId)?.card.update(state),
    onHousehold: (flow) => household?.id === flow.householdId && household.panel.update(flow),
    onAlert: (alert) => alerts.add(alert, { live: true }),
    onUnauthorized: () => signOut('The API no longer accepts this key or token. Sign in again.'),
  });

  function failed(error, show) {
    if (error.status === 401) signOut('The API no longer accepts this key or token. Sign in again.');
    else show(error.message);
  }

  function save() {
    emptyState.hidden = household !== null || meters.size > 0;
    writeSelection(household?.id, [...meters].filter(([, m]) => m.byHand).map(([id]) => id));
  }

  let historyNoted = false;
  async function loadAlertHistory(subject) {
    try {
      for (const alert of await api.alerts(subject, startOfToday(household?.panel.timeZone))) alerts.add(alert);
    } catch (error) {
      if (error.status === 403 && !historyNoted) {
        historyNoted = true;
        alerts.explain('Earlier alerts are for operators; new ones appear here as they arrive.');
      }
    }
  }

  function loadEnergy() {
    const from = startOfToday(household?.panel.timeZone);
    if (household) {
      const { id, panel } = household;
      api.householdEnergy(id, from).then(panel.showEnergy, (e) => failed(e, panel.showError));
    }
    for (const [meterId, { card }] of meters) {
      api.meterEnergy(meterId, from).then(card.showEnergy, () => {});
    }
  }

  function addMeter(meterId, { byHand = false, role } = {}) {
    if (!meterId) return;
    const known = meters.get(meterId);
    if (known) {
      known.byHand ||= byHand;
      if (role) known.card.role = role;
      save();
      return;
    }

    const card = createMeterCard(meterId, { role, timeZone: household?.panel.timeZone, onRemove: byHand ? () => removeMeter(meterId) : null });
    meters.set(meterId, { card, byHand });
    meterGrid.append(card.element);
    save();
    // Subscribe before reading, so nothing that happens in between is missed; the card keeps the newer of the two.
    live.subscribe('meter', meterId, card.showError);
    api.meter(meterId).then(card.update, (e) => (e.status === 404 ? card.showWaiting() : failed(e, card.showError)));
    api.readings(meterId, new Date(Date.now() - chartHistoryMs).toISOString()).then((r) => card.seed(r.readings), () => {});
    api.meterEnergy(meterId, startOfToday(household?.panel.timeZone)).then(card.showEnergy, () => {});
    loadAlertHistory(meterId);
  }

  function removeMeter(meterId) {
    const entry = meters.get(meterId);
    if (!entry) return;
    meters.delete(meterId);
    live.unsubscribe('meter', meterId);
    entry.card.destroy();
    save();
  }

  async function openHousehold(householdId) {
    if (!householdId) return;
    closeHousehold();
    const panel = createHouseholdPanel(householdId, { onClose: closeHousehold });
    const current = { id: householdId, panel, meterIds: [] };
    household = current;
    householdSlot.append(panel.element);
    save();
    live.subscribe('household', householdId, panel.showError);
    loadAlertHistory(householdId);
    try {
      const definition = await api.household(householdId);
      if (household !== current) return;
      panel.define(definition);
      panel.update(definition);
      api.householdEnergy(householdId, startOfToday(definition.timeZone)).then(panel.showEnergy, (e) => failed(e, panel.showError));
      for (const meter of definition.meters) {
        current.meterIds.push(meter.meterId);
        addMeter(meter.meterId, { role: meter.role });
      }
    } catch (error) {
      failed(error, panel.showError);
    }
  }

  function closeHousehold() {
    if (!household) return;
    live.unsubscribe('household', household.id);
    household.panel.destroy();
    for (const meterId of household.meterIds) {
      if (!meters.get(meterId)?.byHand) removeMeter(meterId);
    }
    household = null;
    save();
  }

  const ticker = setInterval(() => {
    const now = Date.now();
    household?.panel.tick(now);
    for (const { card } of meters.values()) card.tick(now);
  }, 1000);
  const energyTimer = setInterval(loadEnergy, energyRefreshMs);

  async function signOut(notice) {
    if (signedOut) return;
    signedOut = true;
    clearInterval(ticker);
    clearInterval(energyTimer);
    signOutButton.removeEventListener('click', onSignOutClick);
    clearCredential();
    await live.stop().catch(() => {});
    showSignIn(notice);
  }
  const onSignOutClick = () => signOut();
  signOutButton.addEventListener('click', onSignOutClick);

  live.start();
  const selection = readSelection();
  if (selection.household) openHousehold(selection.household);
  for (const meterId of selection.meters) addMeter(meterId, { byHand: true });
  save();
}

const credential = loadCredential();
if (credential) showDashboard(credential);
else showSignIn();
