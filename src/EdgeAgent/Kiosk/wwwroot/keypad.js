// Big on-screen keypads (a kiosk next to a scale has no keyboard): each key is a button of at least 48 px.
import { t } from './i18n.js';

/** A key: {value, id? (for its test id), label? (an i18n key) or text?, aria? (an i18n key), kind?, span?}. */
export function digitsKeys(extra) {
  return ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((value) => ({ value })).concat(extra);
}

export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((value) => ({ value }));

export function buildKeypad(container, keys, onKey, testIdPrefix) {
  container.replaceChildren();
  for (const key of keys) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `key${key.kind ? ` key-${key.kind}` : ''}`;
    if (key.span) {
      button.style.gridColumn = `span ${key.span}`;
    }

    button.dataset.key = key.value;
    button.dataset.testid = `${testIdPrefix}-${key.id ?? key.value}`;
    if (key.label) {
      button.dataset.i18n = key.label;
      button.textContent = t(key.label);
    } else {
      button.textContent = key.text ?? key.value;
    }

    if (key.aria) {
      button.dataset.i18nAriaLabel = key.aria;
      button.setAttribute('aria-label', t(key.aria));
    }

    button.addEventListener('click', () => onKey(key.value));
    container.append(button);
  }
}
