import { authorizationHeaders } from './credentials.js';

/** A REST call that did not answer 2xx; `detail` is the problem+json detail when there is one. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
  }
}

// Relative to the page (served at /dashboard/), so a path prefix in front of the API keeps working.
function apiUrl(path, query = {}) {
  const url = new URL(`../api/v1/${path}`, window.location.href);
  for (const [name, value] of Object.entries(query)) {
    if (value != null) url.searchParams.set(name, value);
  }
  return url;
}

const id = (value) => encodeURIComponent(value);

/** The REST endpoints the dashboard reads, called with one credential. */
export function createApi(credential) {
  async function get(path, query) {
    const response = await fetch(apiUrl(path, query), {
      headers: { Accept: 'application/json', ...authorizationHeaders(credential) },
      cache: 'no-store',
    });
    if (!response.ok) {
      let detail = '';
      try {
        detail = (await response.json()).detail ?? '';
      } catch {
        // Not problem+json: the status says enough.
      }
      throw new ApiError(response.status, detail);
    }
    return response.json();
  }

  return {
    /** Any authenticated caller may list the gateways: the cheapest way to check a credential. */
    check: () => get('gateways'),
    household: (householdId) => get(`households/${id(householdId)}`),
    householdEnergy: (householdId, from) => get(`households/${id(householdId)}/energy`, { from, interval: '15m' }),
    meter: (meterId) => get(`meters/${id(meterId)}`),
    meterEnergy: (meterId, from) => get(`meters/${id(meterId)}/energy`, { from, interval: '15m' }),
    readings: (meterId, from) => get(`meters/${id(meterId)}/readings`, { from, limit: 1000 }),
    alerts: (subject, from) => get('alerts', { subject, from, limit: 100 }),
  };
}
