import { HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';
import { isBearerToken } from './credentials.js';

const restartDelayMs = 5000;

/** The hub's error text without SignalR's "An unexpected error occurred invoking ..." preamble. */
export function hubErrorMessage(error) {
  return String(error?.message ?? error).replace(/^.*HubException: /s, '');
}

/**
 * The connection to /hubs/live. It keeps the subscriptions the page asked for and makes them again after a reconnect
 * (a new connection starts with none). State changes go to onState: connecting, connected, reconnecting, disconnected.
 */
export function createLive(credential, { onState, onMeter, onHousehold, onAlert, onUnauthorized }) {
  const url = new URL('../hubs/live', window.location.href);
  const options = {};
  if (isBearerToken(credential)) {
    // Sent as Authorization: Bearer on HTTP requests and as access_token on the WebSocket, as SignalR does for tokens.
    options.accessTokenFactory = () => credential;
  } else {
    // An API key goes as X-Api-Key where headers can be sent, and as access_token where a browser cannot send them
    // (the WebSocket); never as a bearer token, which the API reserves for JWTs.
    url.searchParams.set('access_token', credential);
    options.headers = { 'X-Api-Key': credential };
  }

  const connection = new HubConnectionBuilder()
    .withUrl(url.href, options)
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (retry) => Math.min(30000, 500 * 2 ** retry.previousRetryCount) })
    .configureLogging(LogLevel.Warning)
    .build();

  const topics = new Map();
  let stopped = false;
  let restartTimer = 0;

  connection.on('meterUpdated', onMeter);
  connection.on('householdUpdated', onHousehold);
  connection.on('alert', onAlert);
  connection.onreconnecting(() => onState('reconnecting'));
  connection.onreconnected(() => {
    onState('connected');
    resubscribe();
  });
  connection.onclose(() => {
    if (stopped) return;
    onState('disconnected');
    scheduleRestart();
  });

  async function start() {
    if (stopped) return;
    onState('connecting');
    try {
      await connection.start();
    } catch (error) {
      if (/\b401\b/.test(String(error?.message))) {
        onUnauthorized();
        return;
      }
      onState('disconnected');
      scheduleRestart();
      return;
    }
    onState('connected');
    resubscribe();
  }

  function scheduleRestart() {
    clearTimeout(restartTimer);
    restartTimer = setTimeout(start, restartDelayMs);
  }

  function resubscribe() {
    for (const topic of topics.values()) {
      connection.invoke(topic.subscribe, topic.id).catch((error) => topic.onError(hubErrorMessage(error)));
    }
  }

  function topic(kind, topicId) {
    return `${kind}:${topicId}`;
  }

  return {
    start,

    /**
     * Watches a meter or household from now on, also across reconnects. A refusal (unknown id, not the caller's to
     * see) goes to onError; the topic is then forgotten.
     */
    subscribe(kind, topicId, onError) {
      const method = kind === 'meter' ? 'Meter' : 'Household';
      const key = topic(kind, topicId);
      const entry = {
        id: topicId,
        subscribe: `Subscribe${method}`,
        unsubscribe: `Unsubscribe${method}`,
        onError: (message) => {
          topics.delete(key);
          onError(message);
        },
      };
      topics.set(key, entry);
      if (connection.state === HubConnectionState.Connected) {
        connection.invoke(entry.subscribe, topicId).catch((error) => entry.onError(hubErrorMessage(error)));
      }
    },

    unsubscribe(kind, topicId) {
      const key = topic(kind, topicId);
      const entry = topics.get(key);
      topics.delete(key);
      if (entry && connection.state === HubConnectionState.Connected) {
        connection.invoke(entry.unsubscribe, topicId).catch(() => {});
      }
    },

    async stop() {
      stopped = true;
      clearTimeout(restartTimer);
      await connection.stop();
    },
  };
}
