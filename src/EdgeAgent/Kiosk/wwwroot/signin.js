// Masuk: the operator taps their name, then types the PIN on a big keypad. Five wrong PINs lock the name for a
// while (the agent says how long); the page keeps Masuk off until then.
import { api, AgentUnreachable } from './api.js';
import { fromServer, onLanguageChange, t } from './i18n.js';
import { buildKeypad, digitsKeys } from './keypad.js';

const RETRY_OPERATORS_MS = 2000;
const PIN_LENGTH = { min: 4, max: 8 };

const PIN_KEYS = digitsKeys([
  { value: 'clear', id: 'clear', label: 'keypad.clear', kind: 'action' },
  { value: '0' },
  { value: 'back', id: 'back', text: '⌫', aria: 'keypad.back', kind: 'action' },
]);

export function createSignIn(kiosk) {
  const screen = document.querySelector('[data-testid="screen-signin"]');
  const pick = screen.querySelector('[data-testid="signin-pick"]');
  const operators = screen.querySelector('[data-testid="operators"]');
  const none = screen.querySelector('[data-testid="signin-none"]');
  const pinPanel = screen.querySelector('[data-testid="signin-pin"]');
  const pinTitle = screen.querySelector('[data-testid="pin-title"]');
  const pinInput = screen.querySelector('[data-testid="pin-input"]');
  const submit = screen.querySelector('[data-testid="signin-submit"]');
  const change = screen.querySelector('[data-testid="signin-change"]');
  const error = screen.querySelector('[data-testid="signin-error"]');

  let chosen = null;
  const lockedUntil = new Map(); // name → when its sign-in opens again (the agent locks one name, not the kiosk)
  let retryTimer = 0;
  let message = null; // () => text, so a language switch re-words it

  function showMessage(next) {
    message = next;
    error.hidden = !next;
    error.textContent = next ? next() : '';
  }

  function pin() {
    return pinInput.value;
  }

  function setPin(value) {
    pinInput.value = value.replace(/\D/g, '').slice(0, PIN_LENGTH.max);
    renderSubmit();
  }

  function locked() {
    return Date.now() < (lockedUntil.get(chosen) ?? 0);
  }

  function renderSubmit() {
    submit.disabled = pin().length < PIN_LENGTH.min || locked();
  }

  function renderPinTitle() {
    pinTitle.textContent = chosen ? t('signin.pin', { name: chosen }) : '';
  }

  function choose(name) {
    chosen = name;
    setPin('');
    showMessage(null);
    renderPinTitle();
    pick.hidden = true;
    pinPanel.hidden = false;
    pinInput.focus();
  }

  function backToNames() {
    chosen = null;
    setPin('');
    showMessage(null);
    pinPanel.hidden = true;
    pick.hidden = false;
  }

  async function loadOperators() {
    clearTimeout(retryTimer);
    let answer;
    try {
      answer = await api.operators();
    } catch (failure) {
      if (!(failure instanceof AgentUnreachable)) {
        throw failure;
      }

      kiosk.setUnreachable(true);
      retryTimer = setTimeout(loadOperators, RETRY_OPERATORS_MS);
      return;
    }

    kiosk.setUnreachable(false);
    const names = answer.ok && Array.isArray(answer.body) ? answer.body : [];
    operators.replaceChildren(...names.map((name) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button operator-button';
      button.dataset.testid = `operator-${name}`;
      button.textContent = name;
      button.addEventListener('click', () => choose(name));
      return button;
    }));
    none.hidden = names.length > 0;
    if (!answer.ok) {
      showMessage(() => fromServer(answer.body, 'error.status', { status: answer.status }));
    }
  }

  function lockFor(name, seconds) {
    lockedUntil.set(name, Date.now() + seconds * 1000);
    setTimeout(() => {
      lockedUntil.delete(name);
      if (chosen === name) {
        showMessage(null);
        renderSubmit();
      }
    }, seconds * 1000);
    renderSubmit();
  }

  async function signIn() {
    if (submit.disabled) {
      return;
    }

    submit.disabled = true;
    let answer;
    try {
      answer = await api.signIn(chosen, pin());
    } catch (failure) {
      if (!(failure instanceof AgentUnreachable)) {
        throw failure;
      }

      showMessage(() => t('error.network'));
      renderSubmit();
      return;
    }

    if (answer.ok) {
      const session = { ...answer.body, operator: answer.body?.operator ?? chosen };
      backToNames();
      kiosk.signedIn(session);
      return;
    }

    setPin('');
    if (answer.status === 429) {
      const seconds = Number(answer.body?.retry_after_s ?? answer.body?.details?.retry_after_s ?? 60);
      lockFor(chosen, Number.isFinite(seconds) && seconds > 0 ? seconds : 60);
    }

    const body = answer.body;
    showMessage(() => fromServer(body, 'error.status', { status: answer.status }));
    renderSubmit();
  }

  function onKey(key) {
    if (!locked()) {
      showMessage(null); // a lockout's message stays until Masuk opens again
    }

    if (key === 'clear') {
      setPin('');
    } else if (key === 'back') {
      setPin(pin().slice(0, -1));
    } else {
      setPin(pin() + key);
    }
  }

  buildKeypad(screen.querySelector('[data-testid="pin-keypad"]'), PIN_KEYS, onKey, 'pin-key');
  pinInput.addEventListener('input', () => setPin(pin()));
  pinInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      signIn();
    }
  });
  submit.addEventListener('click', signIn);
  change.addEventListener('click', backToNames);
  onLanguageChange(() => {
    renderPinTitle();
    if (message) {
      error.textContent = message();
    }
  });

  return {
    enter({ notice } = {}) {
      backToNames();
      if (notice) {
        showMessage(() => t(notice));
      }

      loadOperators();
    },
    leave() {
      clearTimeout(retryTimer);
    },
  };
}
