import { h, setText } from '../dom.js';

/**
 * Asks for an API key or a token. `check` resolves when the API accepts it and throws an error with a `status`
 * otherwise; only then is it handed to `onSignedIn`.
 */
export function createSignIn({ check, onSignedIn, notice }) {
  const input = h('input', {
    id: 'credential',
    name: 'credential',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    placeholder: 'API key or access token',
    'aria-describedby': 'credential-help',
  });
  const button = h('button', { class: 'button primary', type: 'submit' }, 'Sign in');
  const error = h('p', { class: 'form-error', id: 'sign-in-error', role: 'alert', hidden: !notice }, notice ?? '');

  async function submit(event) {
    event.preventDefault();
    const credential = input.value.trim();
    if (!credential) return;
    button.disabled = true;
    error.hidden = true;
    try {
      await check(credential);
      onSignedIn(credential);
    } catch (e) {
      error.hidden = false;
      setText(error, e.status === 401 ? 'The API does not accept this key or token.' : `The API could not be reached: ${e.message}`);
      button.disabled = false;
      input.select();
    }
  }

  const element = h(
    'section',
    { class: 'sign-in card' },
    h('h1', {}, 'Sign in'),
    h('p', { class: 'lead' }, 'Live flow, power and energy of your meters and households.'),
    h(
      'form',
      { id: 'sign-in', onsubmit: submit },
      h('label', { for: 'credential' }, 'API key or access token'),
      input,
      h('p', { class: 'help', id: 'credential-help' },
        'Kept in this browser tab only (session storage) and sent to this server alone. ',
        h('code', {}, './run.sh'), ' writes an operator key to ', h('code', {}, '.data/operator-api-key'), '.'),
      error,
      button,
    ),
  );
  queueMicrotask(() => input.focus());
  return { element };
}
