// The embedded Checkout's page content: an order summary of the session's line items and a
// labelled card form with inline errors and a polite live region, in plain light DOM.
import type { FormValue } from './form.ts';
import { applyAppearance, ensureStyles } from './styles.ts';
import { parseExpiry, validateCardNumber, validateCvc, validateEmail, validateExpiry, type FieldError } from './validation.ts';

/** GET /_sandbox/checkout/:id/embedded (sandbox/api embeddedView). */
export interface CheckoutSessionView {
  id: string;
  mode: 'payment' | 'setup' | 'subscription';
  status: string;
  currency: string | null;
  amount_total: number | null;
  customer_email: string | null;
  line_items: Array<{ description: string | null; quantity: number | null; amount_total: number; currency: string; recurring?: { interval: string; interval_count: number } | null }>;
  return_url: string | null;
  redirect_on_completion?: 'always' | 'if_required' | 'never';
}

/** Resolves null on success, else the message to show. */
export type Submit = (fields: { [key: string]: FormValue }) => Promise<string | null>;

// Two-decimal currencies only; zero-decimal currencies (JPY, …) are not modeled here.
const money = (amount: number, currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);

let nextUid = 1;

export function checkoutForm(session: CheckoutSessionView, submit: Submit): HTMLElement {
  const uid = nextUid++;
  const root = document.createElement('section');
  // Styled like the Elements (default appearance): Checkout takes its look from the Dashboard, not from code.
  root.className = 'SandboxElement SandboxEmbeddedCheckout';
  ensureStyles();
  applyAppearance(root, undefined);
  root.setAttribute('aria-label', 'Checkout');

  if (session.status !== 'open') {
    // A finished or expired session shows no form (Checkout shows its own completed/expired page).
    const p = document.createElement('p');
    p.setAttribute('role', 'status');
    p.textContent = session.status === 'complete' ? 'This checkout is already complete.' : 'This checkout session has expired.';
    root.append(p);
    return root;
  }

  if (session.mode !== 'setup') {
    const list = document.createElement('ul');
    list.setAttribute('aria-label', 'Order summary');
    for (const li of session.line_items) {
      const item = document.createElement('li');
      const every = li.recurring ? ` / ${li.recurring.interval_count > 1 ? `${li.recurring.interval_count} ` : ''}${li.recurring.interval}` : '';
      item.textContent = `${li.description ?? 'Item'} × ${li.quantity ?? 1}: ${money(li.amount_total, li.currency)}${every}`;
      list.append(item);
    }
    const total = document.createElement('p');
    total.className = 'SandboxEmbeddedCheckout-total';
    total.textContent = `Total: ${money(session.amount_total ?? 0, session.currency ?? 'usd')}`;
    root.append(list, total);
  } else {
    const p = document.createElement('p');
    p.textContent = 'Save a card for future payments.';
    root.append(p);
  }

  const form = document.createElement('form');
  form.noValidate = true;
  const inputs = new Map<string, HTMLInputElement>();
  const add = (name: string, label: string, attrs: { type?: string; autocomplete: string; inputMode?: string; placeholder?: string }) => {
    const id = `sbx-ec-${uid}-${name}`;
    const wrap = document.createElement('div');
    wrap.className = 'SandboxField';
    const l = document.createElement('label');
    l.htmlFor = id;
    l.textContent = label;
    const input = document.createElement('input');
    input.id = id;
    input.name = name;
    input.type = attrs.type ?? 'text';
    input.autocomplete = attrs.autocomplete as AutoFill;
    if (attrs.inputMode) input.inputMode = attrs.inputMode;
    if (attrs.placeholder) input.placeholder = attrs.placeholder;
    const error = document.createElement('div');
    error.id = `${id}-error`;
    error.className = 'SandboxField-error';
    error.hidden = true;
    wrap.append(l, input, error);
    form.append(wrap);
    inputs.set(name, input);
  };
  if (!session.customer_email) add('email', 'Email', { type: 'email', autocomplete: 'email' });
  add('number', 'Card number', { autocomplete: 'cc-number', inputMode: 'numeric', placeholder: '1234 1234 1234 1234' });
  add('expiry', 'Expiration date', { autocomplete: 'cc-exp', inputMode: 'numeric', placeholder: 'MM / YY' });
  add('cvc', 'Security code', { autocomplete: 'cc-csc', inputMode: 'numeric', placeholder: 'CVC' });
  add('name', 'Cardholder name', { autocomplete: 'cc-name' });

  const button = document.createElement('button');
  button.type = 'submit';
  button.textContent = session.mode === 'setup' ? 'Save card' : session.mode === 'subscription' ? 'Subscribe' : `Pay ${money(session.amount_total ?? 0, session.currency ?? 'usd')}`;
  const status = document.createElement('div');
  status.className = 'SandboxEmbeddedCheckout-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  form.append(button, status);

  const value = (name: string) => inputs.get(name)?.value.trim() ?? '';
  const showErrors = (errors: FieldError[]) => {
    for (const [name, input] of inputs) {
      const err = errors.find((e) => e.field === name);
      const box = form.querySelector<HTMLElement>(`#${input.id}-error`)!;
      box.textContent = err?.message ?? '';
      box.hidden = !err;
      if (err) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', box.id);
      } else {
        input.removeAttribute('aria-invalid');
        input.removeAttribute('aria-describedby');
      }
    }
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errors = [
      inputs.has('email') ? validateEmail(value('email')) : null,
      validateCardNumber(value('number')),
      validateExpiry(value('expiry')),
      validateCvc(value('cvc')),
    ].filter((e): e is FieldError => e !== null);
    showErrors(errors);
    if (errors.length) {
      status.textContent = errors[0]!.message;
      inputs.get(errors[0]!.field)?.focus();
      return;
    }
    const expiry = parseExpiry(value('expiry'))!;
    button.disabled = true;
    status.textContent = 'Processing…';
    const fields: { [key: string]: FormValue } = {
      card: { number: value('number').replace(/[\s-]/g, ''), exp_month: expiry.month, exp_year: expiry.year, cvc: value('cvc') },
    };
    const billing = { email: inputs.has('email') ? value('email') : undefined, name: value('name') || undefined };
    if (billing.email || billing.name) fields.billing_details = billing;
    const problem = await submit(fields);
    button.disabled = false;
    status.textContent = problem ?? (session.mode === 'setup' ? 'Card saved.' : 'Payment complete.');
  });

  root.append(form);
  return root;
}
