// The kiosk page: which screen shows (Masuk, Timbang, Struk, Hari ini), the header, the session, the language.
// Plain modules, no framework and nothing from the internet: the bank's LAN may have no way out.
import { api, AgentUnreachable, onSessionEnded } from './api.js';
import { noteScaleResolution } from './format.js';
import { language, onLanguageChange, setLanguage, t, translate } from './i18n.js';
import { createIdleWatch } from './idle.js';
import { createReceipt } from './receipt.js';
import { createScaleFeed } from './scale.js';
import { createSignIn } from './signin.js';
import { createStatus } from './status.js';
import { createToday } from './today.js';
import { createWeigh } from './weigh.js';

const TOAST_MS = 4000;

const stateListeners = [];
const screens = {};
let current = null;
let toastTimer = 0;
let toastText = null;

const kiosk = {
  operator: null,
  state: null, // the last GET /api/kiosk/state

  onState(listener) {
    stateListeners.push(listener);
  },

  setState(state) {
    kiosk.state = state;
    noteScaleResolution(state?.scale?.resolution_kg);
    for (const listener of stateListeners) {
      listener(state);
    }
  },

  setUnreachable(visible) {
    status.showUnreachable(visible);
  },

  show(name, options) {
    if (current && current !== name) {
      screens[current].leave();
    }

    current = name;
    for (const section of document.querySelectorAll('main > .screen')) {
      section.hidden = section.id !== `screen-${name}`;
    }

    for (const button of document.querySelectorAll('.nav-button')) {
      const here = button.dataset.screen === name;
      button.classList.toggle('current', here);
      if (here) {
        button.setAttribute('aria-current', 'page');
      } else {
        button.removeAttribute('aria-current');
      }
    }

    document.body.dataset.screen = name;
    screens[name].enter(options);
    window.scrollTo(0, 0);
  },

  showReceipt(deposit, { from }) {
    kiosk.show('receipt', { deposit, from });
  },

  /** session: the agent's answer ({operator, idle_timeout_s, idle_remaining_s}). */
  async signedIn(session) {
    kiosk.operator = session.operator;
    renderHeader();
    screens.weigh.reset();
    screens.today.reset();
    idle.start(session);
    await status.start();
    feed.open();
    kiosk.show('weigh');
  },

  signedOut(notice) {
    kiosk.operator = null;
    kiosk.state = null;
    idle.stop();
    feed.close();
    status.stop();
    renderHeader();
    kiosk.show('signin', { notice });
    // Nothing half-typed (a member number, a category, a Catat whose answer was lost) waits for whoever signs in next.
    screens.weigh.reset();
    screens.today.reset();
  },

  /** A short message at the bottom; text is a function so a language switch re-words it. */
  toast(text, { error = false } = {}) {
    const toast = document.querySelector('[data-testid="toast"]');
    toastText = text;
    toast.textContent = text();
    toast.classList.toggle('toast-error', error);
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => {
      toast.hidden = true;
      toastText = null;
    }, TOAST_MS);
  },
};

function renderHeader() {
  const signedIn = kiosk.operator !== null;
  const operator = document.querySelector('[data-testid="operator"]');
  operator.hidden = !signedIn;
  operator.textContent = signedIn ? t('header.operator', { name: kiosk.operator }) : '';
  document.querySelector('[data-testid="nav"]').hidden = !signedIn;
  document.querySelector('[data-testid="signout"]').hidden = !signedIn;
  for (const button of document.querySelectorAll('.language-button')) {
    button.setAttribute('aria-pressed', String(button.dataset.language === language()));
  }
}

const feed = createScaleFeed();
const idle = createIdleWatch();
const status = createStatus(kiosk);
screens.signin = createSignIn(kiosk);
screens.weigh = createWeigh(kiosk, feed);
screens.receipt = createReceipt(kiosk);
screens.today = createToday(kiosk);

onSessionEnded((body) => {
  if (kiosk.operator !== null) {
    kiosk.signedOut(body?.details?.reason === 'idle' ? 'signin.idle' : 'signin.ended');
  }
});

onLanguageChange(() => {
  renderHeader();
  if (toastText) {
    document.querySelector('[data-testid="toast"]').textContent = toastText();
  }
});

for (const button of document.querySelectorAll('.language-button')) {
  button.addEventListener('click', () => setLanguage(button.dataset.language));
}

for (const button of document.querySelectorAll('.nav-button')) {
  button.addEventListener('click', () => kiosk.show(button.dataset.screen));
}

document.querySelector('[data-testid="signout"]').addEventListener('click', async () => {
  try {
    await api.signOut();
  } catch (failure) {
    if (!(failure instanceof AgentUnreachable)) {
      throw failure;
    }
  }

  kiosk.signedOut();
});

async function start() {
  translate();
  renderHeader();
  let session = null;
  try {
    session = await api.session();
  } catch (failure) {
    if (!(failure instanceof AgentUnreachable)) {
      throw failure;
    }
  }

  if (session?.ok && session.body?.operator) {
    await kiosk.signedIn(session.body);
  } else {
    // Reloaded after the agent ended the session as idle: say so, as the open page would have.
    kiosk.show('signin', { notice: session?.body?.details?.reason === 'idle' ? 'signin.idle' : undefined });
  }

  document.body.dataset.ready = 'true';
}

start();
