// The credential lives in this tab's session storage only: it is gone when the tab closes and no other tab sees it.
const storageKey = 'metergrains.credential';

export function loadCredential() {
  return sessionStorage.getItem(storageKey);
}

export function saveCredential(credential) {
  sessionStorage.setItem(storageKey, credential);
}

export function clearCredential() {
  sessionStorage.removeItem(storageKey);
}

/** A JWT is three base64url parts joined by dots; the API keys of MeterGrains have no dots. */
export function isBearerToken(credential) {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(credential);
}

/** The header a REST call sends: a token as `Authorization: Bearer`, a key as `X-Api-Key`. */
export function authorizationHeaders(credential) {
  return isBearerToken(credential) ? { Authorization: `Bearer ${credential}` } : { 'X-Api-Key': credential };
}
