// The agent's state every 2 s while an operator is signed in: the header's connection sign and the banners
// (offline with the deposits waiting, no or stale price table, new prices on their way, storage nearly full, scale
// problem).
import { api, AgentUnreachable } from './api.js';
import { isWibMidnight, wibLongDate, wibTime } from './format.js';
import { onLanguageChange, t } from './i18n.js';

const REFRESH_MS = 2000;

export function createStatus(kiosk) {
  const banner = (name) => document.querySelector(`[data-testid="banner-${name}"]`);
  const unreachable = banner('unreachable');
  const offline = banner('offline');
  const scale = banner('scale');
  const noPrices = banner('no-prices');
  const stale = banner('stale');
  const nextPrices = banner('next-prices');
  const scaleText = scale.querySelector('[data-testid="banner-scale-text"]');
  const scaleDetail = scale.querySelector('[data-testid="banner-scale-detail"]');
  const outboxFull = banner('outbox-full');
  const connection = document.querySelector('[data-testid="connection"]');
  const site = document.querySelector('[data-testid="site"]');
  let timer = 0;
  let running = false;

  function show(element, visible, text) {
    element.hidden = !visible;
    if (visible && text !== undefined && element.textContent !== text) {
      element.textContent = text;
    }
  }

  /** When a waiting price table applies: its WIB day, with the time when that is not midnight. */
  function startsAt(iso) {
    const date = wibLongDate(iso);
    return isWibMidnight(iso) ? date : t('prices.dayAt', { date, time: wibTime(iso) });
  }

  function nextPricesText(state) {
    const next = state?.next_price_table;
    if (!next) {
      return '';
    }

    // Without a table in force the no-prices banner stays; this one says until when.
    const key = state.price_table ? 'banner.nextPrices' : 'banner.firstPrices';
    return t(key, { version: next.version, when: startsAt(next.effective_from) });
  }

  /** The operator's sentence first; the driver's own message (often English) small, for the technician. */
  function renderScale(state, signedIn) {
    const visible = signedIn && Boolean(state.scale) && !state.scale.ok;
    scale.hidden = !visible;
    if (!visible) {
      return;
    }

    scaleText.textContent = t('banner.scale');
    const error = state.scale.error ?? '';
    scaleDetail.hidden = error === '';
    scaleDetail.textContent = error === '' ? '' : t('banner.scaleDetail', { error });
  }

  function render() {
    const state = kiosk.state;
    const signedIn = running && state !== null;
    connection.hidden = !signedIn;
    show(offline, signedIn && !state.online,
      signedIn && state.waiting > 0 ? t('banner.offline', { n: state.waiting }) : t('banner.offlineNone'));
    renderScale(state, signedIn);
    show(noPrices, signedIn && !state.price_table);
    show(stale, signedIn && Boolean(state.price_table?.stale),
      state?.price_table ? t('banner.stale', { version: state.price_table.version, date: wibLongDate(state.price_table.effective_from) }) : '');
    show(nextPrices, signedIn && Boolean(state.next_price_table), nextPricesText(state));
    show(outboxFull, signedIn && state.outbox_nearly_full);
    site.textContent = state?.site ?? '';
    if (signedIn) {
      connection.dataset.online = String(state.online);
      // Offline, the banner already counts what waits.
      connection.textContent = state.online && state.waiting > 0
        ? `${t('conn.online')} · ${t('conn.waiting', { n: state.waiting })}`
        : t(state.online ? 'conn.online' : 'conn.offline');
    }
  }

  async function load() {
    try {
      const answer = await api.state();
      kiosk.setUnreachable(false);
      if (answer.ok && running) {
        kiosk.setState(answer.body);
      }
    } catch (failure) {
      if (!(failure instanceof AgentUnreachable)) {
        throw failure;
      }

      kiosk.setUnreachable(true);
    }
  }

  kiosk.onState(render);
  onLanguageChange(render);

  return {
    /** Loads the state now and every 2 s; resolves after the first load. */
    async start() {
      running = true;
      clearInterval(timer);
      timer = setInterval(load, REFRESH_MS);
      await load();
    },
    stop() {
      running = false;
      clearInterval(timer);
      render();
    },
    showUnreachable(visible) {
      show(unreachable, visible);
    },
  };
}
