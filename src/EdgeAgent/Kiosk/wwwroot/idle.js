// A kiosk left alone signs its operator out. The agent decides: it ends a session Kiosk:IdleTimeout after the
// operator's last action (signing in, Nol/Tara, Catat, Batalkan, or this page's "I'm here"), and the page's own polls
// never count. This page tells the agent "I'm here" when the operator presses a key or taps, keeps its own count of the
// time left from the agent's answers, warns in the last minute with a button to stay, and when its count runs out asks
// the agent, which answers how long is left or 401 (the page then goes back to Masuk, through the API's handler).
import { api, AgentUnreachable } from './api.js';
import { onLanguageChange, t } from './i18n.js';

const TICK_MS = 1000;
const WARN_MS = 60_000;
// "I'm here" at most this often: a key press a few seconds after the last one tells the agent nothing new.
const HERE_AFTER_MS = 15_000;

export function createIdleWatch() {
  const warning = document.querySelector('[data-testid="idle-warning"]');
  const text = warning.querySelector('[data-testid="idle-warning-text"]');
  const stay = warning.querySelector('[data-testid="idle-stay"]');
  let running = false;
  let timeoutMs = 0;
  let deadline = 0; // when the agent ends the session unless the operator acts (this page's clock)
  let timer = 0;
  let telling = false;
  let asking = false;

  /** Takes the agent's word on the session: {idle_timeout_s, idle_remaining_s}. */
  function note(session) {
    if (!running || !Number.isFinite(session?.idle_remaining_s) || !Number.isFinite(session?.idle_timeout_s)) {
      return;
    }

    timeoutMs = session.idle_timeout_s * 1000;
    deadline = Date.now() + session.idle_remaining_s * 1000;
    render();
  }

  function left() {
    return deadline - Date.now();
  }

  // A short timeout (the agent allows 1 minute) still leaves time to act before the warning.
  function warnMs() {
    return Math.min(WARN_MS, timeoutMs / 2);
  }

  function render() {
    const visible = running && left() <= warnMs();
    if (visible) {
      text.textContent = t('idle.warning', { s: Math.max(0, Math.ceil(left() / 1000)) });
      if (!warning.open) {
        warning.showModal();
      }
    } else if (warning.open) {
      warning.close();
    }
  }

  async function tellHere({ now = false } = {}) {
    const sinceNoted = timeoutMs - left();
    if (!running || telling || (!now && sinceNoted < Math.min(HERE_AFTER_MS, timeoutMs / 4))) {
      return;
    }

    telling = true;
    try {
      await noteAnswer(api.here());
    } finally {
      telling = false;
    }
  }

  async function ask() {
    if (asking) {
      return;
    }

    asking = true;
    try {
      await noteAnswer(api.sessionLeft());
    } finally {
      asking = false;
    }
  }

  /** Takes the time left from the agent's answer; a 401 ends the session through the API's handler, no answer changes nothing. */
  async function noteAnswer(request) {
    try {
      const answer = await request;
      if (answer.ok) {
        note(answer.body);
      }
    } catch (failure) {
      if (!(failure instanceof AgentUnreachable)) {
        throw failure;
      }
    }
  }

  function tick() {
    render();
    if (running && left() <= 0) {
      ask();
    }
  }

  function onOperator() {
    if (running) {
      tellHere();
    }
  }

  // Capture: a tap counts wherever it lands, even on a button that stops it.
  document.addEventListener('pointerdown', onOperator, { capture: true, passive: true });
  document.addEventListener('keydown', onOperator, { capture: true, passive: true });
  stay.addEventListener('click', () => tellHere({ now: true }));
  warning.addEventListener('cancel', (event) => event.preventDefault()); // Escape is a key press: it counts, it does not close
  onLanguageChange(render);

  return {
    /** The operator signed in: session is the agent's answer ({idle_timeout_s, idle_remaining_s}). */
    start(session) {
      running = true;
      note(session);
      clearInterval(timer);
      timer = setInterval(tick, TICK_MS);
    },
    stop() {
      running = false;
      clearInterval(timer);
      render();
    },
  };
}
