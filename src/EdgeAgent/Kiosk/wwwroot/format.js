// How numbers and times read at the kiosk: kg with a decimal comma in Indonesian (a dot in English), rupiah always
// with Indonesian grouping ("Rp 7.035"), times in WIB (UTC+7, no daylight saving).
import { language } from './i18n.js';

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const NBSP = '\u00a0'; // keeps "Rp" and "kg" on the line of their number

const rupiahFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

function locale() {
  return language() === 'en' ? 'en-US' : 'id-ID';
}

/** The decimals a resolution is worth: 0.001 → 3, 0.005 → 3, 0.000023 → 5, 0.1 → 1, 1 → 0. */
export function decimalsFor(resolutionKg) {
  if (!(resolutionKg > 0)) {
    return 3;
  }

  return Math.min(9, Math.max(0, Math.ceil(-Math.log10(resolutionKg) - 1e-9)));
}

// Every mass on every screen (the live weight, the receipt, Hari ini) shows the decimals the bank's scale resolves,
// so "1,200 kg" on one screen is never "1,2 kg" or "1,19999 kg" on another. Until the scale has told its
// resolution (right after sign-in, or while it does not answer), grams: 3 decimals.
const DEFAULT_DECIMALS = 3;
let scaleDecimals = null;

/** Notes the scale's resolution (from the live feed or the state); true when the decimals shown change with it. */
export function noteScaleResolution(resolutionKg) {
  if (!(resolutionKg > 0)) {
    return false; // not known now: keep what is known
  }

  const next = decimalsFor(resolutionKg);
  const changed = next !== massDecimals();
  scaleDecimals = next;
  return changed;
}

/** The decimals every mass is shown with. */
export function massDecimals() {
  return scaleDecimals ?? DEFAULT_DECIMALS;
}

const kgFormats = new Map(); // the live weight is formatted five times a second

export function kgNumber(massKg, decimals = massDecimals()) {
  const key = `${locale()}|${decimals}`;
  if (!kgFormats.has(key)) {
    kgFormats.set(key, new Intl.NumberFormat(locale(), { minimumFractionDigits: decimals, maximumFractionDigits: decimals }));
  }

  return kgFormats.get(key).format(massKg);
}

/** "2,345 kg" (or "2.345 kg" in English), to the scale's resolution. */
export function kg(massKg, decimals = massDecimals()) {
  return `${kgNumber(massKg, decimals)}${NBSP}kg`;
}

export function rupiah(value) {
  return `Rp${NBSP}${rupiahFormat.format(value)}`;
}

function wib(iso) {
  return new Date(Date.parse(iso) + WIB_OFFSET_MS);
}

const pad = (n) => String(n).padStart(2, '0');

/** "10.20" in Indonesian, "10:20" in English (WIB). */
export function wibTime(iso) {
  const d = wib(iso);
  const separator = language() === 'en' ? ':' : '.';
  return `${pad(d.getUTCHours())}${separator}${pad(d.getUTCMinutes())}`;
}

/** "28/11/2026 10.20 WIB" (WIB). */
export function wibDateTime(iso) {
  const d = wib(iso);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${wibTime(iso)} WIB`;
}

/** A calendar day ("2026-11-28") in words: "Sabtu, 28 November 2026". */
export function longDate(day) {
  return new Intl.DateTimeFormat(locale(), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${day}T00:00:00Z`));
}

/** The WIB calendar day of an instant, in words. */
export function wibLongDate(iso) {
  return longDate(wib(iso).toISOString().slice(0, 10));
}

/** True when an instant is a WIB midnight, so its day alone says when it is. */
export function isWibMidnight(iso) {
  const d = wib(iso);
  return d.getUTCHours() === 0 && d.getUTCMinutes() === 0;
}
