// Timbang: the live weight with its stable sign, Nol/Tara, the category, the member number and Catat. Catat is on
// only when a deposit can really be recorded, and a line under it says why not. The agent records the scale's own
// stable weight, never the number on this page.
import { api, AgentUnreachable } from './api.js';
import { decimalsFor, kg, kgNumber, rupiah } from './format.js';
import { fromServer, language, onLanguageChange, t } from './i18n.js';
import { buildKeypad, LETTERS } from './keypad.js';

// The contract's member number (src/Contracts TextRules): a letter or digit, then up to 31 of these.
const MEMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$/;

// After a deposit the platform must be emptied (or zeroed) before the next Catat, so one bag is never recorded
// twice and a bag put on top of a recorded one is never recorded with it. "Empty" allows for a little noise.
const EMPTY_BELOW_KG = 0.005;

// Four columns: the digits where a phone has them, the separators member numbers use beside them.
const DIGIT_KEYS = [
  { value: '1' }, { value: '2' }, { value: '3' }, { value: 'back', id: 'back', text: '⌫', aria: 'keypad.back', kind: 'action' },
  { value: '4' }, { value: '5' }, { value: '6' }, { value: '-', id: 'dash' },
  { value: '7' }, { value: '8' }, { value: '9' }, { value: '/', id: 'slash' },
  { value: 'clear', id: 'clear', label: 'keypad.clear', kind: 'action' }, { value: '0' },
  { value: 'letters', id: 'letters', label: 'keypad.letters', kind: 'action', span: 2 },
];

const LETTER_KEYS = LETTERS.concat([
  { value: '.', id: 'dot' },
  { value: '-', id: 'dash' },
  { value: 'digits', id: 'digits', label: 'keypad.digits', kind: 'action' },
  { value: 'back', id: 'back', text: '⌫', aria: 'keypad.back', kind: 'action' },
]);

export function createWeigh(kiosk, feed) {
  const screen = document.querySelector('[data-testid="screen-weigh"]');
  const panel = screen.querySelector('[data-testid="scale-panel"]');
  const weight = screen.querySelector('[data-testid="weight-number"]');
  const stability = screen.querySelector('[data-testid="stability"]');
  const announcer = screen.querySelector('[data-testid="weight-announcer"]');
  const tare = screen.querySelector('[data-testid="tare"]');
  const categories = screen.querySelector('[data-testid="categories"]');
  const noCategories = screen.querySelector('[data-testid="categories-none"]');
  const member = screen.querySelector('[data-testid="member-input"]');
  const keypad = screen.querySelector('[data-testid="member-keypad"]');
  const hint = screen.querySelector('[data-testid="record-hint"]');
  const record = screen.querySelector('[data-testid="record"]');
  const error = screen.querySelector('[data-testid="record-error"]');

  let category = null;
  let lastMember = ''; // the member of the last deposit, for the receipt's "Anggota sama"
  let busy = false;
  let mustEmpty = false;
  let wasStable = false;
  let shownTable = null; // "version|language" of the buttons on screen
  let message = null; // () => text of the last refusal, re-worded on a language switch
  // The Catat whose answer never came: pressed again for the same member and category, it goes with the same id, and
  // the agent answers with the deposit it may already have recorded instead of recording the bag twice.
  let unanswered = null; // { member, category, requestId }

  function priceTable() {
    return kiosk.state?.price_table ?? null;
  }

  function chosenCategory() {
    return priceTable()?.categories.find((c) => c.code === category) ?? null;
  }

  function showError(next) {
    message = next;
    error.hidden = !next;
    error.textContent = next ? next() : '';
  }

  /** The first thing that keeps Catat off, as an i18n key, or null when a deposit can be recorded. */
  function blocker(reading) {
    if (busy) {
      return 'why.busy';
    }

    if (!priceTable()) {
      return 'why.noPrices';
    }

    if (!reading || !reading.ok || reading.mass_kg === null || reading.mass_kg === undefined) {
      return 'why.scale';
    }

    if (mustEmpty) {
      return 'why.liftFirst';
    }

    if (!(reading.mass_kg > 0)) {
      return 'why.empty';
    }

    if (!chosenCategory()) {
      return 'why.category';
    }

    if (!member.value) {
      return 'why.member';
    }

    if (!MEMBER_PATTERN.test(member.value)) {
      return 'why.memberInvalid';
    }

    if (!reading.stable) {
      return 'why.unstable';
    }

    return null;
  }

  function renderScale(reading) {
    const state = !reading || !reading.ok || reading.mass_kg === null ? 'none' : reading.stable ? 'stable' : 'unstable';
    panel.dataset.state = state;
    stability.dataset.state = state;
    stability.textContent = t(state === 'stable' ? 'weigh.stable' : state === 'unstable' ? 'weigh.unstable' : 'weigh.noReading');
    weight.textContent = state === 'none' ? '—' : kgNumber(reading.mass_kg, decimalsFor(reading.resolution_kg));
    tare.disabled = state === 'none';
    if (state === 'stable' && !wasStable) {
      announcer.textContent = t('weigh.announceStable', { kg: kg(reading.mass_kg, decimalsFor(reading.resolution_kg)) });
    }

    wasStable = state === 'stable';
  }

  function renderRecord() {
    const reading = feed.reading;
    const why = blocker(reading);
    record.disabled = why !== null;
    if (why) {
      hint.textContent = t(why);
      hint.dataset.ready = 'false';
      return;
    }

    const chosen = chosenCategory();
    const value = Math.round(Number((reading.mass_kg * chosen.price_idr_per_kg).toFixed(6)));
    hint.textContent = t('why.ready', {
      kg: kg(reading.mass_kg, decimalsFor(reading.resolution_kg)),
      price: t('weigh.perKg', { price: rupiah(chosen.price_idr_per_kg) }),
      value: rupiah(value),
    });
    hint.dataset.ready = 'true';
  }

  function renderCategories() {
    const table = priceTable();
    const key = table ? `${table.version}|${language()}` : null;
    if (key !== shownTable) {
      shownTable = key;
      const list = table?.categories ?? [];
      if (!list.some((c) => c.code === category)) {
        category = null;
      }

      categories.replaceChildren(...list.map((c) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'category';
        button.setAttribute('role', 'radio');
        button.dataset.code = c.code;
        button.dataset.testid = `category-${c.code}`;
        const name = document.createElement('span');
        name.className = 'category-name';
        name.textContent = language() === 'en' ? c.name_en : c.name_id;
        const price = document.createElement('span');
        price.className = 'category-price';
        price.textContent = t('weigh.perKg', { price: rupiah(c.price_idr_per_kg) });
        button.append(name, price);
        button.addEventListener('click', () => {
          category = c.code;
          showError(null);
          renderSelection();
          renderRecord();
        });
        return button;
      }));
      noCategories.hidden = list.length > 0;
    }

    renderSelection();
  }

  function renderSelection() {
    for (const button of categories.children) {
      const selected = button.dataset.code === category;
      button.setAttribute('aria-checked', String(selected));
      button.classList.toggle('selected', selected);
    }
  }

  function setMember(value) {
    // Upper case: "a-0042" and "A-0042" would otherwise be two members in the city's books.
    member.value = value.toUpperCase().replace(/\s/g, '').slice(0, 32);
    showError(null);
    renderRecord();
  }

  function onKey(key) {
    if (key === 'letters' || key === 'digits') {
      showKeys(key === 'letters' ? LETTER_KEYS : DIGIT_KEYS);
    } else if (key === 'clear') {
      setMember('');
    } else if (key === 'back') {
      setMember(member.value.slice(0, -1));
    } else {
      setMember(member.value + key);
    }
  }

  function showKeys(keys) {
    keypad.dataset.layout = keys === LETTER_KEYS ? 'letters' : 'digits';
    buildKeypad(keypad, keys, onKey, 'member-key');
  }

  async function recordDeposit() {
    if (record.disabled) {
      return;
    }

    busy = true;
    renderRecord();
    if (unanswered?.member !== member.value || unanswered?.category !== category) {
      unanswered = { member: member.value, category, requestId: newRequestId() };
    }

    let answer;
    try {
      answer = await api.record(member.value, category, unanswered.requestId);
      unanswered = null;
    } catch (failure) {
      if (!(failure instanceof AgentUnreachable)) {
        throw failure;
      }

      answer = null;
    } finally {
      busy = false;
    }

    // 201: recorded now; 200: recorded by the earlier Catat whose answer was lost.
    if (answer?.status === 201 || answer?.status === 200) {
      // Nothing of this deposit stays on screen for the next one by mistake.
      mustEmpty = true;
      lastMember = member.value;
      member.value = '';
      category = null;
      renderSelection();
      renderRecord();
      kiosk.showReceipt(answer.body, { from: 'weigh' });
      return;
    }

    if (answer === null) {
      showError(() => t('error.network'));
    } else if (answer.status !== 401) {
      const body = answer.body;
      showError(() => fromServer(body, 'error.status', { status: answer.status }));
    }

    renderRecord();
  }

  async function zero() {
    showError(null);
    tare.disabled = true;
    try {
      const answer = await api.tare();
      if (answer.status === 204) {
        kiosk.toast(() => t('weigh.tared'));
      } else if (answer.status !== 401) {
        const body = answer.body;
        showError(() => fromServer(body, 'error.status', { status: answer.status }));
      }
    } catch (failure) {
      if (!(failure instanceof AgentUnreachable)) {
        throw failure;
      }

      showError(() => t('error.network'));
    } finally {
      renderScale(feed.reading);
    }
  }

  feed.onChange((reading) => {
    if (mustEmpty && reading?.ok && reading.mass_kg !== null && reading.mass_kg < EMPTY_BELOW_KG) {
      mustEmpty = false;
    }

    renderScale(reading);
    renderRecord();
  });
  kiosk.onState(() => {
    renderCategories();
    renderRecord();
  });
  onLanguageChange(() => {
    renderScale(feed.reading);
    renderCategories();
    renderRecord();
    if (message) {
      error.textContent = message();
    }
  });

  member.addEventListener('input', () => setMember(member.value));
  member.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      recordDeposit();
    }
  });
  record.addEventListener('click', recordDeposit);
  tare.addEventListener('click', zero);
  showKeys(DIGIT_KEYS);
  renderScale(null);

  return {
    /** keepMember: the same member brings another category (the receipt's "Anggota sama"). */
    enter({ keepMember = false } = {}) {
      if (keepMember) {
        member.value = lastMember;
      }

      showError(null);
      showKeys(DIGIT_KEYS);
      renderCategories();
      renderRecord();
    },
    leave() {},
    /** A new operator: nothing of the last one's stays on screen. */
    reset() {
      unanswered = null;
      category = null;
      member.value = '';
      lastMember = '';
      mustEmpty = false;
      showError(null);
    },
  };
}

/** 128 random bits as hex (crypto.randomUUID needs HTTPS, and the kiosk is plain HTTP on the bank's LAN). */
function newRequestId() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
