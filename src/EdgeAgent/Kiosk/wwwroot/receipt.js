// Struk: the receipt of one deposit, on screen and on a 58 mm thermal printer (print.css prints only the receipt).
// Its state follows the agent every 2 s, so the operator sees the deposit go from Menunggu to Tersimpan. A voided
// deposit's receipt (reopened from Hari ini) says DIBATALKAN with the reason, on screen and on paper.
import { api, AgentUnreachable } from './api.js';
import { kg, rupiah, wibDateTime } from './format.js';
import { language, onLanguageChange, t } from './i18n.js';

const REFRESH_MS = 2000;

export function statePill(pill, state) {
  pill.className = `pill pill-${state}`;
  pill.dataset.state = state;
  pill.textContent = t(`state.${state}`);
}

export function createReceipt(kiosk) {
  const screen = document.querySelector('[data-testid="screen-receipt"]');
  const field = (name) => screen.querySelector(`[data-testid="receipt-${name}"]`);
  const next = screen.querySelector('[data-testid="next-deposit"]');
  const sameMember = screen.querySelector('[data-testid="same-member"]');
  const back = screen.querySelector('[data-testid="receipt-back"]');

  const voidedBlock = field('voided');
  let receipt = null;
  let timer = 0;

  function render() {
    if (!receipt) {
      return;
    }

    field('bank').textContent = kiosk.state?.site ?? '';
    field('code').textContent = receipt.short_code;
    field('time').textContent = wibDateTime(receipt.t);
    field('member').textContent = receipt.member;
    field('category').textContent = language() === 'en' ? receipt.name_en : receipt.name_id;
    field('mass').textContent = kg(receipt.mass_kg);
    field('price').textContent = t('weigh.perKg', { price: rupiah(receipt.unit_price_idr) });
    field('value').textContent = rupiah(receipt.value_idr);
    field('operator').textContent = receipt.operator;
    field('price-table').textContent = receipt.price_table;
    field('id').textContent = receipt.id;
    statePill(field('state'), receipt.state);
    screen.querySelector('[data-testid="receipt"]').classList.toggle('voided', receipt.voided === true);
    voidedBlock.hidden = receipt.voided !== true;
    field('voided-stamp').textContent = receipt.voided ? t('receipt.voided') : '';
    field('voided-reason').textContent = receipt.voided ? t('receipt.voidedReason', { reason: receipt.void_reason ?? '' }) : '';
  }

  async function refresh() {
    const id = receipt?.id;
    try {
      const answer = await api.deposit(id);
      if (answer.ok && receipt?.id === id) {
        receipt = answer.body;
        render();
      }
    } catch (failure) {
      if (!(failure instanceof AgentUnreachable)) {
        throw failure;
      }
    }
  }

  next.addEventListener('click', () => kiosk.show('weigh'));
  sameMember.addEventListener('click', () => kiosk.show('weigh', { keepMember: true }));
  back.addEventListener('click', () => kiosk.show('today'));
  screen.querySelector('[data-testid="print"]').addEventListener('click', () => window.print());
  onLanguageChange(render);

  return {
    /** from: "weigh" right after Catat, "today" when reopened from the day's list. */
    enter({ deposit, from = 'weigh' } = {}) {
      receipt = deposit ?? receipt;
      const fromToday = from === 'today';
      next.hidden = fromToday;
      sameMember.hidden = fromToday;
      back.hidden = !fromToday;
      render();
      clearInterval(timer);
      timer = setInterval(refresh, REFRESH_MS);
    },
    leave() {
      clearInterval(timer);
    },
  };
}
