import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PaymentIntent, SetupIntent, Stripe, StripeError } from '@stripe/stripe-js';
import type { CheckoutMode, CheckoutOutcome, ErrorDetail, PublicConfig, Quote, SuccessDetail } from '../protocol/index.ts';
import { ApiClient, CheckoutError } from './api-client.ts';
import { CheckoutElements } from './checkout-elements.ts';
import { emit } from './events.ts';
import { formatAmount } from './format.ts';
import { quoteRequestOf, snapshot, type CheckoutInputs } from './inputs.ts';
import { forShopper, NOT_COMPLETED } from './messages.ts';
import type { MountSlots } from './mount-slots.ts';
import { forgetReturnedIntent, returnedIntent } from './return-page.ts';
import { loadStripeFor } from './stripe-loader.ts';

/**
 * `error` is a load failure nothing but new attributes (or a reload) can fix;
 * `failed` is a payment attempt that failed, and Pay works again.
 */
export type CheckoutState = 'loading' | 'ready' | 'processing' | 'succeeded' | 'failed' | 'error';

export interface CheckoutMessage {
  kind: 'status' | 'error';
  text: string;
}

type FlowHost = ReactiveControllerHost & HTMLElement & CheckoutInputs;

/** What an intent's status means for each mode; null: not done (declined, or authentication failed). */
function outcomeOf(mode: CheckoutMode, status: string): CheckoutOutcome | null {
  if (status === 'processing') return 'processing';
  if (status === 'requires_capture' && mode === 'payment') return 'authorized';
  if (status !== 'succeeded') return null;
  return mode === 'setup' ? 'saved' : mode === 'subscription' ? 'active' : 'paid';
}

/** What the shopper reads once done; `%` is the amount. */
const THANKS: Record<CheckoutOutcome, string> = {
  paid: 'Payment of % received. Thank you!',
  authorized: 'Payment of % authorized. Thank you!',
  saved: 'Your payment details are saved. Thank you!',
  active: 'Your subscription is active. Thank you!',
  processing: 'Your payment of % is processing. Thank you!',
};

/**
 * The checkout state machine: load config, quote and Stripe; mount the Elements (checkout-elements);
 * apply attribute changes in place; then run each press of Pay through submit → ConfirmationToken
 * → server → next action, the same for every mode. It knows nothing of the sandbox: that
 * difference ends in stripe-loader.ts.
 */
export class CheckoutFlow implements ReactiveController {
  state: CheckoutState = 'loading';
  message: CheckoutMessage | undefined;
  config: PublicConfig | undefined;
  quote: Quote | undefined;
  /** The amount shown and charged: the quote's, or the shopper's choice of an open amount. */
  amount = 0;
  /** The order id once the checkout succeeded (the form value). */
  orderId: string | null = null;

  private readonly host: FlowHost;
  private readonly mounts: MountSlots;
  private api: ApiClient | undefined;
  private server: string | undefined;
  private stripe: Stripe | undefined;
  private group: CheckoutElements | undefined;
  private quoteKey = '';
  /** Set synchronously on press, so a second click in the same tick is refused too. */
  private inFlight = false;
  private scheduled = false;
  /** A return from a redirect-based method is looked at once, on the first load. */
  private returnChecked = false;
  /** Bumped on every (re)load and teardown, so a stale async step stops where it is. */
  private generation = 0;

  constructor(host: FlowHost, mounts: MountSlots) {
    this.host = host;
    this.mounts = mounts;
    host.addController(this);
  }

  hostConnected(): void {
    this.inputsChanged();
  }

  hostDisconnected(): void {
    this.teardown();
    this.server = undefined;
  }

  /** Attributes changed: coalesced into one refresh after the current update. */
  inputsChanged(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (this.host.isConnected) void this.refresh();
    });
  }

  get canPay(): boolean {
    return !this.inFlight && (this.state === 'ready' || this.state === 'failed');
  }

  /** The shopper typed an open amount (minor units); out-of-range values are refused. */
  chooseAmount(amount: number): boolean {
    const range = this.quote?.range;
    if (!range || !Number.isSafeInteger(amount) || amount < range.min || amount > range.max) return false;
    this.amount = amount;
    this.group?.setAmount(amount);
    this.host.requestUpdate();
    return true;
  }

  setReadOnly(readOnly: boolean): void {
    this.group?.setReadOnly(readOnly);
  }

  /** `form.reset()`: a fresh checkout, as if the element had just been added. */
  restart(): void {
    this.teardown();
    this.orderId = null;
    this.quoteKey = '';
    this.set('loading', undefined);
    this.inputsChanged();
  }

  /** One press of Pay. Ignored unless ready (or failed, to retry). */
  async pay(): Promise<void> {
    const { stripe, group, api, quote, host } = this;
    if (!this.canPay || !stripe || !group || !api || !quote) return;
    if (!emit(host, 'link-checkout-submit', { mode: quote.mode, amount: this.amount, currency: quote.currency })) return;
    this.inFlight = true;
    // One id per press; the api client reuses it for its network retries.
    const attemptId = newAttemptId();
    this.set('processing', { kind: 'status', text: 'Processing…' });
    try {
      const { elements } = group;
      // Validates the fields and collects wallet data; must come before any other async work.
      const submitted = await elements.submit();
      if (submitted.error) return this.fail(stripeErrorDetail(submitted.error), 'ready');

      // The site passes the email itself when no Element asks for it (email-collection="none").
      const inputs = snapshot(host);
      const siteEmail = inputs.emailCollection === 'none' ? inputs.customerEmail : '';
      // The token carries where a redirect-based method returns to; Stripe refuses a server-side
      // confirm of automatic payment methods without one.
      const { confirmationToken, error } = await stripe.createConfirmationToken({
        elements,
        params: { return_url: location.href, ...(siteEmail ? { payment_method_data: { billing_details: { email: siteEmail } } } : {}) },
      });
      if (error) return this.fail(forShopper(stripeErrorDetail(error), true));

      const result = await api.checkout({
        ...quoteRequestOf(inputs),
        ...(quote.range ? { amount: this.amount } : {}),
        attemptId,
        confirmationTokenId: confirmationToken.id,
        email: group.email || confirmationToken.payment_method_preview?.billing_details?.email || inputs.customerEmail || undefined,
      });
      let status: string = result.status;
      let lastError: { code?: string; message?: string } | undefined;
      if (status === 'requires_action') {
        const next = await stripe.handleNextAction({ clientSecret: result.clientSecret });
        if (next.error) return this.fail(forShopper(stripeErrorDetail(next.error), true));
        const intent = (next.paymentIntent ?? next.setupIntent) as PaymentIntent | SetupIntent | undefined;
        status = intent?.status ?? 'requires_payment_method';
        lastError = next.paymentIntent?.last_payment_error ?? next.setupIntent?.last_setup_error ?? undefined;
      }
      const outcome = outcomeOf(result.mode, status);
      if (!outcome) {
        const detail = { type: 'card_error' as const, code: lastError?.code ?? 'payment_not_completed', message: lastError?.message ?? NOT_COMPLETED };
        return this.fail(forShopper(detail, true));
      }
      const { orderId, mode, paymentIntentId, setupIntentId, subscriptionId, customerId } = result;
      this.succeed({ orderId, mode, status: outcome, paymentIntentId, setupIntentId, subscriptionId, customerId });
    } catch (cause) {
      this.fail(CheckoutError.from(cause).detail);
    } finally {
      this.inFlight = false;
      this.host.requestUpdate();
    }
  }

  /** Brings config, quote, Stripe and the Elements in line with the attributes. */
  private async refresh(): Promise<void> {
    const { host } = this;
    if (this.state === 'succeeded' || this.inFlight) return;
    if (host.server !== this.server) {
      this.teardown();
      this.server = host.server;
      this.api = new ApiClient(host.server);
      this.config = this.stripe = this.quote = undefined;
    }
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    const api = this.api!;
    const request = quoteRequestOf(host);
    const key = JSON.stringify(request);
    if (!this.group) this.set('loading', undefined);
    try {
      const [config, quote] = await Promise.all([
        this.config ?? api.getConfig(),
        key === this.quoteKey && this.quote ? this.quote : api.getQuote(request),
      ]);
      if (!current()) return;
      if (quote !== this.quote) this.amount = quote.amount;
      Object.assign(this, { config, quote, quoteKey: key });
      host.requestUpdate(); // show the amount and the badge while Stripe loads
      const stripe = (this.stripe ??= await loadStripeFor(config, (path) => api.resolve(path)));
      if (!current()) return;
      const returned = this.returnChecked ? null : await this.returnedOutcome(stripe, api, quote);
      this.returnChecked = true;
      if (!current()) return;
      if (returned && 'orderId' in returned) return this.succeed(returned);
      if (this.group?.sync(quote)) {
        if (this.state === 'error') this.set('ready', undefined);
        return;
      }
      this.group?.destroy();
      const group = (this.group = new CheckoutElements(host, this.mounts, stripe, quote));
      this.set('loading', undefined);
      await group.mount();
      if (!current()) return;
      this.set('ready', undefined);
      emit(host, 'link-checkout-ready');
      if (returned) this.fail(returned);
    } catch (cause) {
      if (!current()) return;
      this.group?.destroy();
      // No quote stands once the attributes fail to make one: the header must not name the old item.
      this.group = this.quote = undefined;
      this.quoteKey = '';
      this.fail(CheckoutError.from(cause).detail, 'error');
    }
  }

  /**
   * When this page is the return_url of a redirect-based payment this checkout made, its outcome:
   * done means no form at all (paying again would charge twice); failed shows why, above the form.
   */
  private async returnedOutcome(stripe: Stripe, api: ApiClient, quote: Quote): Promise<SuccessDetail | ErrorDetail | null> {
    const returned = returnedIntent();
    if (!returned) return null;
    // Several checkouts may share a page: only the one that sold this purchase claims it.
    const order = await api.getPayment(returned.intentId).catch(() => null);
    if (!order || (order.item ?? '') !== (quote.item ?? '') || order.mode !== quote.mode) return null;
    forgetReturnedIntent();
    const setup = returned.intentId.startsWith('seti_');
    const result = setup ? await stripe.retrieveSetupIntent(returned.clientSecret) : await stripe.retrievePaymentIntent(returned.clientSecret);
    const intent = 'setupIntent' in result ? result.setupIntent : 'paymentIntent' in result ? result.paymentIntent : undefined;
    const outcome = intent && outcomeOf(order.mode, intent.status);
    if (outcome) {
      const ids = setup ? { setupIntentId: returned.intentId } : { paymentIntentId: returned.intentId };
      return { orderId: order.orderId, mode: order.mode, status: outcome, ...ids, subscriptionId: order.subscriptionId, customerId: order.customerId };
    }
    if (result.error) return forShopper(stripeErrorDetail(result.error), true);
    const lastError = (intent as PaymentIntent | undefined)?.last_payment_error ?? (intent as SetupIntent | undefined)?.last_setup_error;
    return forShopper({ type: 'card_error', code: lastError?.code ?? 'payment_not_completed', message: lastError?.message ?? NOT_COMPLETED }, true);
  }

  private succeed(detail: SuccessDetail): void {
    this.orderId = detail.orderId;
    const amount = this.quote ? formatAmount(this.amount, this.quote.currency, this.host.locale || undefined) : '';
    const thanks = THANKS[detail.status].replace('%', amount);
    const text = detail.mode === 'setup' ? thanks : `${thanks} Your order is ${detail.orderId}.`;
    this.set('succeeded', { kind: 'status', text });
    for (const key of Object.keys(detail) as Array<keyof SuccessDetail>) if (detail[key] === undefined) delete detail[key];
    emit(this.host, 'link-checkout-success', detail);
  }

  private teardown(): void {
    this.generation++;
    this.group?.destroy();
    this.group = undefined;
  }

  private set(state: CheckoutState, message: CheckoutMessage | undefined): void {
    this.state = state;
    this.message = message;
    this.host.requestUpdate();
  }

  private fail(detail: ErrorDetail, state: CheckoutState = 'failed'): void {
    this.set(state, { kind: 'error', text: detail.message });
    emit(this.host, 'link-checkout-error', detail);
  }
}

function stripeErrorDetail(error: StripeError): ErrorDetail {
  return {
    type: error.type === 'api_connection_error' ? 'network_error' : error.type,
    code: error.code ?? error.type,
    message: error.message ?? NOT_COMPLETED,
  };
}

/** crypto.randomUUID exists only in secure contexts; a CMS page on plain http still needs an id. */
function newAttemptId(): string {
  if (typeof crypto.randomUUID === 'function' && isSecureContext) return crypto.randomUUID();
  const hex = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
