// Demo page glue. The options form is turned into the element's attributes; changes are applied to
// the live element (it re-quotes and updates its Stripe Elements in place), and the page rebuilds
// it only when the element cannot take the change live. Every event is logged, and the order
// status is polled from the server, since the webhook, not the browser, is the source of truth.
const options = document.getElementById('options');
const stage = document.getElementById('stage');
const log = document.getElementById('log');
const snippet = document.getElementById('snippet');
const orderStatus = document.getElementById('order-status');
const elementState = document.getElementById('element-state');
const signCommand = document.getElementById('sign-command');
const signStatus = document.getElementById('sign-status');

const EVENTS = [
  'link-checkout-ready', 'link-checkout-change', 'link-checkout-email', 'link-checkout-address',
  'link-checkout-submit', 'link-checkout-success', 'link-checkout-error',
];

/** Form fields that are attributes as they are (empty means "not set", i.e. the default). */
const PLAIN_FIELDS = [
  'capture', 'save', 'customer-email', 'customer-name', 'customer-phone', 'address-line1', 'address-line2',
  'address-city', 'address-state', 'address-postal-code', 'address-country', 'email-collection', 'address',
  'allowed-countries', 'theme', 'layout', 'locale',
];
const BOUGHT = ['item', 'amount-editable', 'mode', 'amount', 'currency', 'label', 'interval'];
const CUSTOM_PROPERTIES = ['--link-checkout-accent', '--link-checkout-radius'];

// Stripe counts in minor units; a few currencies have none (https://docs.stripe.com/currencies#zero-decimal).
const minorUnitsPerMajor = (currency) => (['jpy', 'krw', 'vnd', 'clp'].includes(currency) ? 1 : 100);

// ---- Options form → configuration -------------------------------------------------------------

let shownRule = 'catalog';
/** Shows the fields of the chosen price rule; the others are hidden and disabled (so not read). */
function showRuleFields() {
  const rule = options.elements.rule.value;
  const leftSetupOnly = shownRule === 'none' && rule !== 'none';
  shownRule = rule;
  for (const group of options.querySelectorAll('[data-rule]')) {
    const applies = group.dataset.rule.split(' ').includes(rule);
    group.hidden = !applies;
    for (const control of group.matches('fieldset') ? [group] : group.querySelectorAll('input, select')) control.disabled = !applies;
  }
  // A setup is what "nothing" buys; the other rules leave the mode to the developer.
  const mode = options.elements.mode;
  if (rule === 'none') mode.value = 'setup';
  else if (leftSetupOnly) mode.value = '';
  mode.disabled = rule === 'none';
  document.getElementById('o-amount-label').textContent = rule === 'open' ? 'Starting amount (optional)' : 'Amount';
}

/** Says what the major-unit amount in the form becomes on the element. */
function showAmountHint(attributes) {
  const amount = attributes.find(([name]) => name === 'amount')?.[1];
  const currency = options.elements.currency.value.toUpperCase();
  document.getElementById('o-amount-hint').textContent = amount
    ? `${options.elements.amount.value} ${currency} is amount="${amount}": the attribute counts minor units, as Stripe does.`
    : 'In major units here (25.00); the attribute counts minor units (2500), as Stripe does.';
}

/**
 * What the form asks for: the attributes in snippet order (`true` is a boolean attribute), the
 * custom properties, and whether the element sits in a form. The signature is added later.
 */
function readOptions() {
  const data = new FormData(options);
  const text = (name) => String(data.get(name) ?? '').trim();
  const rule = text('rule');
  const attributes = [];
  const set = (name, value) => value !== '' && value !== false && attributes.push([name, value]);

  const currency = text('currency');
  const minor = text('amount') === '' ? '' : String(Math.round(Number(text('amount')) * minorUnitsPerMajor(currency)));
  if (rule === 'catalog') set('item', text('item'));
  if (rule === 'open') set('amount-editable', true);
  set('mode', rule === 'none' ? 'setup' : text('mode'));
  if (rule === 'signed' || rule === 'open') set('amount', minor);
  if (rule !== 'catalog') set('currency', currency);
  if (rule !== 'catalog') set('label', text('label'));
  if (rule === 'signed') set('interval', text('interval'));

  for (const name of PLAIN_FIELDS) set(name, text(name));
  set('collect-phone', data.has('collect-phone'));
  const inForm = data.has('in-form');
  if (inForm) set('name', 'order');
  if (inForm) set('required', true);
  set('disabled', data.has('disabled'));
  set('server', text('server'));

  const style = CUSTOM_PROPERTIES.map((name) => [name, text(name)])
    .filter(([name, value]) => value && value !== options.elements[name].dataset.default)
    .map(([name, value]) => `${name}: ${value}`)
    .join('; ');
  return { rule, attributes, style, inForm, tamper: rule === 'signed' && data.has('tamper') };
}

/**
 * A signed amount needs the merchant's signature. The sandbox signs for the demo; a real server's
 * owner runs the CLI instead, which the page shows. Tampering changes the amount after signing.
 */
async function sign(config) {
  if (config.rule !== 'signed') return config;
  const attrs = Object.fromEntries(config.attributes);
  const price = { mode: attrs.mode || 'payment', amount: attrs.amount ?? '', currency: attrs.currency ?? '', interval: attrs.interval ?? '', label: attrs.label ?? '' };
  const flags = [`--amount ${price.amount || '…'}`, `--currency ${price.currency}`];
  if (attrs.mode) flags.push(`--mode ${attrs.mode}`);
  if (price.interval) flags.push(`--interval ${price.interval}`);
  if (price.label) flags.push(`--label ${JSON.stringify(price.label)}`);
  signCommand.textContent = `npx link-checkout sign ${flags.join(' ')}`;
  let signature = '';
  try {
    const response = await fetch(`/sandbox/sign?${new URLSearchParams(price)}`);
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    ({ signature } = await response.json());
    signStatus.textContent = config.tamper ? 'Signed, then the amount was changed: the server will refuse it.' : 'Signed by the sandbox.';
  } catch (error) {
    signStatus.textContent = `Could not sign (${error.message}); signing here needs the sandbox server.`;
  }
  const attributes = config.attributes.map(([name, value]) =>
    name === 'amount' && config.tamper ? [name, String(Number(value) + minorUnitsPerMajor(price.currency))] : [name, value]);
  // Next to the price it signs, in the snippet.
  if (signature) attributes.splice(attributes.findLastIndex(([name]) => BOUGHT.includes(name)) + 1, 0, ['signature', signature]);
  return { ...config, attributes };
}

// ---- Configuration → snippet and live element -------------------------------------------------

const escapeAttribute = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function snippetFor({ attributes, style, inForm }) {
  const parts = attributes.map(([name, value]) => (value === true ? name : `${name}="${escapeAttribute(value)}"`));
  if (style) parts.push(`style="${escapeAttribute(style)}"`);
  const indent = inForm ? '  ' : '';
  const oneLine = `${indent}<link-checkout${parts.map((p) => ` ${p}`).join('')}></link-checkout>`;
  const tag = oneLine.length <= 100 ? oneLine : `${indent}<link-checkout\n${parts.map((p) => `${indent}  ${p}`).join('\n')}\n${indent}></link-checkout>`;
  const body = inForm ? `<form>\n${tag}\n  <button>Place order</button>\n</form>` : tag;
  return `<script type="module" src="${location.origin}/link-checkout.js"></script>\n${body}`;
}

/** The configuration the live element was built or last updated with. */
let current;

function build(config) {
  const element = document.createElement('link-checkout');
  for (const [name, value] of config.attributes) element.setAttribute(name, value === true ? '' : value);
  if (config.style) element.setAttribute('style', config.style);
  if (config.inForm) {
    const form = document.createElement('form');
    form.id = 'order-form';
    form.setAttribute('aria-label', 'Order');
    const submit = Object.assign(document.createElement('button'), { type: 'submit', textContent: 'Place order' });
    const reset = Object.assign(document.createElement('button'), { type: 'reset', textContent: 'Reset the form' });
    const submitted = Object.assign(document.createElement('output'), { id: 'form-data', htmlFor: 'order-form' });
    submitted.textContent = 'Not submitted yet.';
    const buttons = document.createElement('div');
    buttons.className = 'actions';
    buttons.append(submit, reset);
    form.append(element, buttons, submitted);
    form.addEventListener('submit', (event) => {
      event.preventDefault(); // the demo shows what would be posted instead of leaving the page
      const fields = [...new FormData(form)].map(([name, value]) => `${name}=${value}`);
      submitted.textContent = `Submitted: ${fields.join('&') || '(no fields)'}`;
    });
    form.addEventListener('reset', () => (submitted.textContent = 'Not submitted yet.'));
    stage.replaceChildren(form);
  } else {
    stage.replaceChildren(element);
  }
  watchState(element);
  orderStatus.textContent = 'none yet';
}

/**
 * Applies the configuration to the live element where it takes the change, else rebuilds it.
 * Removing a text attribute rebuilds too: Lit then sets the property to null, which the element
 * does not yet read as "not set" (it asks for item "null", or throws on a null currency).
 */
function applyToElement(config, { rebuild = false } = {}) {
  const element = stage.querySelector('link-checkout');
  const wanted = new Map(config.attributes);
  const removed = current ? current.attributes.filter(([name]) => !wanted.has(name)) : [];
  const needsRebuild = rebuild || !element || !current || config.inForm !== current.inForm ||
    // Stripe reads the custom properties when it mounts; a finished checkout takes no changes.
    config.style !== current.style || element.state === 'succeeded' ||
    removed.some(([, value]) => value !== true);
  if (needsRebuild) {
    build(config);
  } else {
    const before = new Map(current.attributes);
    for (const [name] of removed) element.removeAttribute(name); // booleans only, see above
    for (const [name, value] of wanted) if (before.get(name) !== value) element.setAttribute(name, value === true ? '' : value);
  }
  current = config;
}

let latest = 0;
async function update({ rebuild = false } = {}) {
  const run = ++latest;
  showRuleFields();
  const asked = readOptions();
  showAmountHint(asked.attributes); // the amount as typed, before any tampering
  const config = await sign(asked);
  if (run !== latest) return; // a newer change is on its way
  snippet.textContent = snippetFor(config);
  applyToElement(config, { rebuild });
}

// ---- Events, state and order status ------------------------------------------------------------

function logEvent(name, detail) {
  const entry = document.createElement('li');
  entry.dataset.event = name;
  entry.textContent = `${new Date().toLocaleTimeString()} ${name}${detail === undefined || detail === null ? '' : ` ${JSON.stringify(detail)}`}`;
  log.prepend(entry);
  while (log.children.length > 200) log.lastElementChild.remove();
}

let stateObserver;
function watchState(element) {
  stateObserver?.disconnect();
  const show = () => (elementState.textContent = element.getAttribute('state') ?? 'loading');
  stateObserver = new MutationObserver(show);
  stateObserver.observe(element, { attributes: true, attributeFilter: ['state'] });
  show();
}

/** Polls until the order leaves `pending`: paid, authorized, saved, active, failed, canceled or needs_review. */
async function followOrder(orderId) {
  for (let attempt = 0; attempt < 40; attempt++) {
    const response = await fetch(`/api/orders/${encodeURIComponent(orderId)}`);
    if (response.ok) {
      const order = await response.json();
      orderStatus.textContent = `${order.id}: ${order.status}`;
      if (order.status !== 'pending') return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

for (const name of EVENTS) {
  document.addEventListener(name, (event) => {
    logEvent(name, event.detail);
    if (name === 'link-checkout-success') void followOrder(event.detail.orderId);
  });
}

// ---- Wiring ------------------------------------------------------------------------------------

let typing;
options.addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(() => void update(), 300); // one update per pause in typing
});
options.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(typing);
  void update({ rebuild: true });
});
options.addEventListener('reset', () => setTimeout(() => void update(), 0)); // after the fields are reset

document.getElementById('clear-log').addEventListener('click', () => log.replaceChildren());
document.getElementById('copy-snippet').addEventListener('click', async () => {
  const status = document.getElementById('copy-status');
  try {
    await navigator.clipboard.writeText(snippet.textContent);
    status.textContent = 'Copied.';
  } catch {
    status.textContent = 'Copy failed: select the text instead.';
  }
});

// Each attribute name shown next to a field also describes that field to assistive technology.
for (const [index, code] of [...options.querySelectorAll('.field > code')].entries()) {
  code.id = `attribute-${index}`;
  code.parentElement.querySelector('input, select')?.setAttribute('aria-describedby', code.id);
}

// The static tag in the page is the default configuration; adopt it rather than replace it.
showRuleFields();
current = readOptions();
snippet.textContent = snippetFor(current);
watchState(stage.querySelector('link-checkout'));
