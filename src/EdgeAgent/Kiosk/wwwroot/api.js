// The agent's kiosk API (docs/kiosk-api.md). Every answer comes back as {status, ok, body}; a 401 outside sign-in
// means the session ended, and the page goes back to Masuk; an agent that does not answer throws AgentUnreachable.

export class AgentUnreachable extends Error {}

let sessionEnded = () => {};

/** What to do when any call finds the session gone: handler(body), the agent's {error_id, error_en, details: {reason}}. */
export function onSessionEnded(handler) {
  sessionEnded = handler;
}

export async function call(method, path, body, { signingIn = false } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (error) {
    throw new AgentUnreachable(String(error));
  }

  const text = await response.text().catch(() => '');
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null; // not JSON (a proxy's error page): the status still says what happened
  }

  if (response.status === 401 && !signingIn) {
    sessionEnded(parsed);
  }

  return { status: response.status, ok: response.ok, body: parsed };
}

export const api = {
  operators: () => call('GET', '/api/kiosk/operators'),
  session: () => call('GET', '/api/kiosk/session', undefined, { signingIn: true }),
  signIn: (operator, pin) => call('POST', '/api/kiosk/session', { operator, pin }, { signingIn: true }),
  signOut: () => call('DELETE', '/api/kiosk/session', undefined, { signingIn: true }),
  sessionLeft: () => call('GET', '/api/kiosk/session'),
  here: () => call('POST', '/api/kiosk/session/activity'),
  state: () => call('GET', '/api/kiosk/state'),
  tare: () => call('POST', '/api/kiosk/scale/tare'),
  record: (member, category, requestId) => call('POST', '/api/kiosk/deposits', { member, category, request_id: requestId }),
  deposit: (id) => call('GET', `/api/kiosk/deposits/${encodeURIComponent(id)}`),
  today: () => call('GET', '/api/kiosk/today'),
  voidDeposit: (id, reason) => call('POST', `/api/kiosk/deposits/${encodeURIComponent(id)}/void`, { reason }),
  scaleStreamUrl: '/api/kiosk/scale/stream',
};
