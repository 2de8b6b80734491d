// Small DOM and formatting helpers for the admin page. Text from the server (emails, names, causes)
// only ever goes in as text, never as HTML.

/** `h('td', {class: 'num'}, 'text', childNode)`: an element; attributes `on*` take listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

const fractionDigits = (currency) => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};

/** Minor units as money in the reader's locale: 2500 usd is $25.00; 500 jpy is ¥500. */
export function money(amount, currency) {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency.toUpperCase() }).format(amount / 10 ** fractionDigits(currency));
  } catch {
    return `${amount} ${currency}`;
  }
}

/** What a person types (`12.5`, `12.50`, `1200` for yen) in minor units; null if it is not an amount. */
export function toMinorUnits(text, currency) {
  const digits = fractionDigits(currency);
  const match = /^(\d{1,9})(?:[.,](\d*))?$/.exec(text.trim());
  if (!match || (match[2] ?? '').length > digits) return null;
  const minor = Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0') || 0);
  return minor > 0 ? minor : null;
}

/** Minor units as the plain number an amount field shows: 1200 usd is "12.00". */
export const toMajorText = (amount, currency) => (amount / 10 ** fractionDigits(currency)).toFixed(fractionDigits(currency));

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const when = (iso) => h('time', { datetime: iso }, dateFormat.format(new Date(iso)));

/** Marks `element` busy while `work` runs: a list being (re)loaded. */
export async function loading(element, work) {
  element.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    element.removeAttribute('aria-busy');
  }
}

/** The page's one live region: what happened, or what went wrong, in words. */
export function notify(message, { error = false } = {}) {
  const notice = document.getElementById('notice');
  notice.replaceChildren(...(message ? [h('p', { class: error ? 'error' : 'ok' }, message)] : []));
}

/** A button that copies `text` and says so. */
export function copyButton(text, label) {
  return h('button', {
    type: 'button',
    class: 'secondary',
    'aria-label': label,
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(text);
        notify('Copied.');
      } catch {
        notify('Your browser did not let the page copy; select the link and copy it yourself.', { error: true });
      }
    },
  }, 'Copy');
}

/** A status as a labelled chip: the word is the information; the colour only repeats it. */
export const statusChip = (status) => h('span', { class: `chip chip-${status}` }, status.replaceAll('_', ' '));
