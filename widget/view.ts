import type { CheckoutFlow } from './checkout-flow.ts';
import { formatAmount, minorUnitsPerMajor } from './format.ts';
import type { CheckoutInputs } from './inputs.ts';

/** What the view reads of the element besides the flow. */
interface ViewHost extends HTMLElement, Pick<CheckoutInputs, 'locale' | 'amountEditable' | 'currency' | 'emailCollection' | 'address' | 'collectPhone' | 'ui'> {
  readonly isDisabled: boolean;
  pay(): Promise<void>;
}

/**
 * The height the Elements will take, in px, so the skeleton holds it and the page does not jump
 * when they appear. Measured on the sandbox's Elements (the Stripe.js stand-in); Stripe's own are
 * close but not the same, and embedded Checkout sizes itself.
 */
function formHeight(host: ViewHost): number {
  if (host.ui === 'embedded' || host.ui === 'hosted') return 0;
  const heights = [219 + (host.emailCollection === 'payment' ? 60 : 0)];
  if (host.emailCollection === 'link' || !host.emailCollection) heights.push(60);
  if (host.address !== 'none') heights.push(422 + (host.collectPhone ? 60 : 0));
  return heights.reduce((sum, height) => sum + height + 12);
}

/** Embedded Checkout brings its own button; ours only takes an open amount to it first, or says it is done. */
function hasOwnButton({ ui, quote, state, embeddedMounted }: CheckoutFlow): boolean {
  return ui !== 'embedded' || state === 'succeeded' || (Boolean(quote?.range) && !embeddedMounted);
}

function payLabel({ state, quote, amount, ui, say }: CheckoutFlow, money: (minor: number) => string): string {
  if (state === 'processing') return say('processing');
  if (state === 'succeeded') return say(quote?.mode === 'setup' ? 'saved' : quote?.mode === 'subscription' ? 'subscribed' : 'paid');
  // Embedded Checkout has its own button; ours shows it once the shopper chose the amount.
  if (ui === 'embedded') return say('continue');
  if (!quote) return say('pay');
  const label = quote.mode === 'setup' ? say('save') : quote.mode === 'subscription' ? say('subscribe', money(amount), say(quote.interval ?? 'month')) : say('payAmount', money(amount));
  return ui === 'hosted' ? say('withStripe', label) : label;
}

const el = (tag: string, attributes: Record<string, string> = {}, ...children: Array<Node | string>) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
};

/**
 * The element's own UI in its shadow root: a handful of nodes built once and patched on every
 * update. Written by hand rather than with lit-html, which would double the script's size for
 * seven nodes. Optional parts are taken out of the tree, not hidden, so they leave no trace.
 */
export function createView(root: ShadowRoot, host: ViewHost, flow: CheckoutFlow): () => void {
  const name = el('span', { part: 'item-name' });
  const badge = el('span', { part: 'badge' });
  const caption = document.createTextNode('');
  const input = el('input', { part: 'amount-input', type: 'number', inputmode: 'decimal' }) as HTMLInputElement;
  const amount = el('label', { part: 'amount' }, caption, input);
  const waiting = document.createTextNode('');
  // The skeleton holds the form's place while it loads, with the loading status on top.
  const loading = el('div', { part: 'loading', role: 'status' }, el('span', { class: 'spinner', 'aria-hidden': 'true' }), waiting);
  const fields = el('div', { part: 'fields' }, ...['link-authentication', 'address', 'payment', 'checkout'].map((slot) => el('slot', { name: slot })));
  const button = el('button', { part: 'pay-button', type: 'button' }) as HTMLButtonElement;
  const message = el('div', { part: 'message', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const anchors = new Map<Element, Comment>();
  const place = (node: Element, shown: boolean) => {
    if (shown) anchors.get(node)!.after(node);
    else node.remove();
  };
  for (const node of [badge, amount, loading, button]) anchors.set(node, new Comment());
  fields.append(anchors.get(loading)!);
  root.append(el('div', { part: 'header' }, name, anchors.get(badge)!), anchors.get(amount)!, fields, anchors.get(button)!, message);

  button.addEventListener('click', () => void host.pay());
  input.addEventListener('input', () => {
    const range = flow.quote?.range;
    if (!range) return;
    const ok = flow.chooseAmount(Math.round(Number(input.value) * minorUnitsPerMajor(flow.quote!.currency)));
    input.setCustomValidity(ok ? '' : flow.say('amountRange', money(range.min), money(range.max)));
    input.reportValidity();
  });
  const money = (minor: number) => formatAmount(minor, flow.quote!.currency, host.locale || undefined);
  let shownAmount: number | undefined;
  let shownMessage: unknown;

  return () => {
    const { state, quote, config, say } = flow;
    name.textContent = quote?.name ?? '';
    badge.textContent = say('sandbox');
    badge.title = say('sandboxTitle');
    waiting.data = say('loading');
    place(badge, Boolean(config?.sandbox));
    // Shown from the start when asked for, so it does not push the form down when the quote comes.
    place(amount, (Boolean(quote?.range) || (host.amountEditable && !quote)) && state !== 'succeeded');
    input.disabled = !quote?.range;
    caption.data = say('amount', (quote?.currency ?? host.currency ?? '').toUpperCase());
    if (quote?.range) {
      const unit = minorUnitsPerMajor(quote.currency);
      Object.assign(input, { min: String(quote.range.min / unit), max: String(quote.range.max / unit), step: String(1 / unit) });
      // Only a new amount from outside is written back: the shopper's own typing stays as typed.
      if (shownAmount !== flow.amount) input.value = String((shownAmount = flow.amount) / unit);
      input.disabled = state === 'processing' || flow.embeddedMounted || host.isDisabled;
    }
    place(loading, state === 'loading');
    fields.style.minHeight = state === 'loading' ? `${formHeight(host)}px` : '';
    fields.setAttribute('aria-busy', String(state === 'loading' || state === 'processing'));
    fields.hidden = state === 'succeeded';
    place(button, state !== 'error' && hasOwnButton(flow));
    button.disabled = !flow.canPay || host.isDisabled;
    button.setAttribute('aria-busy', String(state === 'processing'));
    button.textContent = payLabel(flow, money);
    // A new node per message, so screen readers announce it (an alert for errors).
    if (flow.message !== shownMessage) {
      shownMessage = flow.message;
      message.replaceChildren(...(flow.message ? [el('p', flow.message.kind === 'error' ? { class: 'error', role: 'alert' } : {}, flow.message.text)] : []));
    }
  };
}
