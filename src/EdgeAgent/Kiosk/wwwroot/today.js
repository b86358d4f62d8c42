// Hari ini: the day's deposits (newest first) with where each one is (Menunggu, Terkirim, Tersimpan, Ditolak) and
// the totals per category, voided deposits netted out by the agent. A wrong deposit is never edited: Batalkan
// records a correction with a reason, and the deposit stays in the list, marked Dibatalkan.
import { api, AgentUnreachable } from './api.js';
import { kg, longDate, massDecimals, rupiah, wibTime } from './format.js';
import { fromServer, language, onLanguageChange, t } from './i18n.js';
import { statePill } from './receipt.js';

const REFRESH_MS = 2000;

export function createToday(kiosk) {
  const screen = document.querySelector('[data-testid="screen-today"]');
  const date = screen.querySelector('[data-testid="today-date"]');
  const totals = screen.querySelector('[data-testid="totals-rows"]');
  const totalDeposits = screen.querySelector('[data-testid="total-deposits"]');
  const totalMass = screen.querySelector('[data-testid="total-mass"]');
  const totalValue = screen.querySelector('[data-testid="total-value"]');
  const list = screen.querySelector('[data-testid="deposits"]');
  const empty = screen.querySelector('[data-testid="today-empty"]');
  const dialog = createVoidDialog(kiosk, () => load());

  let day = null;
  let shown = ''; // the answer on screen (and its decimals), so an unchanged day is not redrawn under a finger
  let timer = 0;

  const name = (row) => (language() === 'en' ? row.name_en : row.name_id);

  function cell(tag, text, className) {
    const element = document.createElement(tag);
    element.textContent = text;
    if (className) {
      element.className = className;
    }

    return element;
  }

  function renderTotals() {
    totals.replaceChildren(...day.totals.map((row) => {
      const tr = document.createElement('tr');
      tr.dataset.testid = 'total-row';
      tr.dataset.category = row.category;
      const th = cell('th', name(row));
      th.scope = 'row';
      tr.append(th, cell('td', String(row.deposits), 'number'), cell('td', kg(row.mass_kg), 'number'), cell('td', rupiah(row.value_idr), 'number'));
      return tr;
    }));
    totalDeposits.textContent = String(day.total.deposits);
    totalMass.textContent = kg(day.total.mass_kg);
    totalValue.textContent = rupiah(day.total.value_idr);
  }

  function depositRow(row) {
    const li = document.createElement('li');
    li.className = `deposit${row.voided ? ' voided' : ''}`;
    li.dataset.testid = 'deposit-row';
    li.dataset.id = row.id;
    li.dataset.code = row.short_code;
    li.dataset.state = row.state;
    li.dataset.voided = String(row.voided);

    const when = cell('span', wibTime(row.t), 'deposit-time');
    const code = cell('span', row.short_code, 'deposit-code');
    code.dataset.testid = 'deposit-code';
    const memberNumber = cell('span', row.member, 'deposit-member');
    memberNumber.dataset.testid = 'deposit-member';
    const category = cell('span', name(row), 'deposit-category');
    const mass = cell('span', kg(row.mass_kg), 'deposit-mass');
    mass.dataset.testid = 'deposit-mass';
    const value = cell('span', rupiah(row.value_idr), 'deposit-value');
    value.dataset.testid = 'deposit-value';

    const pills = cell('span', '', 'deposit-pills');
    const state = document.createElement('span');
    state.dataset.testid = 'deposit-state';
    statePill(state, row.state);
    pills.append(state);
    if (row.voided) {
      const voided = document.createElement('span');
      voided.dataset.testid = 'deposit-voided';
      statePill(voided, 'voided');
      pills.append(voided);
    }

    const actions = cell('span', '', 'deposit-actions');
    const receipt = cell('button', t('today.receipt'), 'button small secondary');
    receipt.type = 'button';
    receipt.dataset.testid = 'deposit-receipt';
    receipt.addEventListener('click', () => openReceipt(row.id));
    actions.append(receipt);
    if (!row.voided) {
      const voidButton = cell('button', t('today.void'), 'button small danger');
      voidButton.type = 'button';
      voidButton.dataset.testid = 'deposit-void';
      voidButton.addEventListener('click', () => dialog.open(row));
      actions.append(voidButton);
    }

    li.append(when, code, memberNumber, category, mass, value, pills, actions);
    if (row.voided && row.void_reason) {
      const reason = cell('span', t('today.reason', { reason: row.void_reason }), 'deposit-reason');
      reason.dataset.testid = 'deposit-reason';
      li.append(reason);
    }

    return li;
  }

  function render() {
    if (!day) {
      return;
    }

    date.textContent = longDate(day.date);
    renderTotals();
    empty.hidden = day.deposits.length > 0;
    list.replaceChildren(...day.deposits.slice().reverse().map(depositRow));
  }

  async function load() {
    let answer;
    try {
      answer = await api.today();
    } catch (failure) {
      if (!(failure instanceof AgentUnreachable)) {
        throw failure;
      }

      return; // the banner says the agent is unreachable; the last day stays on screen
    }

    if (!answer.ok) {
      return;
    }

    // The scale's resolution may become known after the first answer: its masses are redrawn with its decimals.
    const text = `${massDecimals()}|${JSON.stringify(answer.body)}`;
    if (text !== shown) {
      shown = text;
      day = answer.body;
      render();
    }
  }

  async function openReceipt(id) {
    try {
      const answer = await api.deposit(id);
      if (answer.ok) {
        kiosk.showReceipt(answer.body, { from: 'today' });
      }
    } catch (failure) {
      if (!(failure instanceof AgentUnreachable)) {
        throw failure;
      }

      kiosk.toast(() => t('error.network'), { error: true });
    }
  }

  onLanguageChange(render);

  return {
    enter() {
      load();
      clearInterval(timer);
      timer = setInterval(load, REFRESH_MS);
    },
    leave() {
      clearInterval(timer);
      dialog.close();
    },
    reset() {
      day = null;
      shown = '';
      list.replaceChildren();
      totals.replaceChildren();
    },
  };
}

function createVoidDialog(kiosk, voided) {
  const dialog = document.querySelector('[data-testid="void-dialog"]');
  const form = dialog.querySelector('form');
  const title = dialog.querySelector('[data-testid="void-title"]');
  const summary = dialog.querySelector('[data-testid="void-summary"]');
  const reason = dialog.querySelector('[data-testid="void-reason"]');
  const confirm = dialog.querySelector('[data-testid="void-confirm"]');
  const error = dialog.querySelector('[data-testid="void-error"]');
  let row = null;
  let busy = false;
  let message = null;

  function showError(next) {
    message = next;
    error.hidden = !next;
    error.textContent = next ? next() : '';
  }

  function renderConfirm() {
    confirm.disabled = busy || reason.value.trim().length === 0;
  }

  function render() {
    if (!row) {
      return;
    }

    title.textContent = t('void.title', { code: row.short_code });
    summary.textContent = `${row.member} · ${language() === 'en' ? row.name_en : row.name_id} · ${kg(row.mass_kg)} · ${rupiah(row.value_idr)}`;
    if (message) {
      error.textContent = message();
    }
  }

  async function submit(event) {
    event.preventDefault();
    if (confirm.disabled) {
      return;
    }

    busy = true;
    renderConfirm();
    const target = row;
    let answer = null;
    try {
      answer = await api.voidDeposit(target.id, reason.value.trim());
    } catch (failure) {
      if (!(failure instanceof AgentUnreachable)) {
        throw failure;
      }
    } finally {
      busy = false;
      renderConfirm();
    }

    if (answer?.status === 201) {
      close();
      kiosk.toast(() => t('void.done', { code: target.short_code }));
      voided();
    } else if (answer === null) {
      showError(() => t('error.network'));
    } else if (answer.status !== 401) {
      const body = answer.body;
      showError(() => fromServer(body, 'error.status', { status: answer.status }));
    }
  }

  function close() {
    row = null;
    if (dialog.open) {
      dialog.close();
    }
  }

  for (const quick of dialog.querySelectorAll('[data-reason]')) {
    quick.addEventListener('click', () => {
      reason.value = t(quick.dataset.reason);
      showError(null);
      renderConfirm();
    });
  }

  reason.addEventListener('input', () => {
    showError(null);
    renderConfirm();
  });
  form.addEventListener('submit', submit);
  dialog.querySelector('[data-testid="void-cancel"]').addEventListener('click', close);
  onLanguageChange(render);

  return {
    open(next) {
      row = next;
      reason.value = '';
      showError(null);
      renderConfirm();
      render();
      dialog.showModal();
    },
    close,
  };
}
