import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Stripe, StripeElements, StripeError } from '@stripe/stripe-js';
import type { ErrorDetail, IntentStatus, PublicConfig, Quote } from '../protocol/index.ts';
import { ApiClient, CheckoutError } from './api-client.ts';
import { appearanceFrom } from './appearance.ts';
import { emit } from './events.ts';
import { MountSlots } from './mount-slots.ts';
import { forgetReturnedPayment, returnedPayment } from './return-page.ts';
import { loadStripeFor } from './stripe-loader.ts';

/**
 * `error` is a load failure nothing but a page reload (or a new `item`/`server`) can fix;
 * `failed` is a payment attempt that failed, and Pay works again.
 */
export type CheckoutState = 'loading' | 'ready' | 'processing' | 'succeeded' | 'failed' | 'error';

export interface CheckoutMessage {
  kind: 'status' | 'error';
  text: string;
}

/** What the flow reads from the element: its attributes. */
export interface CheckoutInputs {
  item: string;
  email: string;
  name: string;
  phone: string;
  server: string;
}

type FlowHost = ReactiveControllerHost & HTMLElement & CheckoutInputs;

/** Intent statuses after which the money is on its way and the order can be shown as paid. */
const PAID: ReadonlySet<IntentStatus> = new Set(['succeeded', 'processing', 'requires_capture']);

const NOT_COMPLETED = 'The payment was not completed. Please try again or use another payment method.';

type ReturnedOutcome = { paid: true; orderId: string; paymentIntentId: string } | { paid: false; error: ErrorDetail };

/**
 * The checkout state machine: load config, quote and Stripe; mount the three Elements in one
 * deferred-intent group; then run each press of Pay through submit → ConfirmationToken → server →
 * next action. It knows nothing of the sandbox: that difference ends in stripe-loader.ts.
 */
export class CheckoutFlow implements ReactiveController {
  state: CheckoutState = 'loading';
  message: CheckoutMessage | undefined;
  config: PublicConfig | undefined;
  quote: Quote | undefined;

  private readonly host: FlowHost;
  private readonly mounts: MountSlots;
  private api: ApiClient | undefined;
  private stripe: Stripe | undefined;
  private elements: StripeElements | undefined;
  private mounted: Array<{ destroy(): void }> = [];
  /** Email typed into (or autofilled by) the Link Authentication Element. */
  private customerEmail: string | undefined;
  /** Set synchronously on press, so a second click in the same tick is refused too. */
  private inFlight = false;
  /** The inputs the current load started from; a change restarts the load. */
  private loadedFor: string | undefined;
  /** Bumped on every (re)start and teardown, so a stale async load stops where it is. */
  private generation = 0;

  constructor(host: FlowHost, mounts: MountSlots) {
    this.host = host;
    this.mounts = mounts;
    host.addController(this);
  }

  hostUpdated(): void {
    const key = `${this.host.server}\n${this.host.item}`;
    if (this.host.isConnected && key !== this.loadedFor) {
      this.loadedFor = key;
      // After this update has finished, so the state change schedules a fresh one.
      void Promise.resolve().then(() => {
        if (this.loadedFor === key && this.host.isConnected) void this.load();
      });
    }
  }

  hostConnected(): void {
    // A moved element is disconnected (torn down) and reconnected without any property change;
    // an update gets hostUpdated to load it again.
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.teardown();
    this.loadedFor = undefined;
  }

  get canPay(): boolean {
    return !this.inFlight && (this.state === 'ready' || this.state === 'failed');
  }

  /** One press of Pay. Ignored unless ready (or failed, to retry). */
  async pay(): Promise<void> {
    const { stripe, elements, api } = this;
    if (!this.canPay || !stripe || !elements || !api) return;
    this.inFlight = true;
    // One id per press; the api client reuses it for its network retries.
    const attemptId = newAttemptId();
    this.set('processing', { kind: 'status', text: 'Processing your payment…' });
    try {
      // Validates the fields and collects wallet data; must come before any other async work.
      const submitted = await elements.submit();
      if (submitted.error) return this.fail(stripeErrorDetail(submitted.error), 'ready');

      // The token carries where a redirect-based method returns to; Stripe refuses a server-side
      // confirm of automatic payment methods without one.
      const { confirmationToken, error } = await stripe.createConfirmationToken({ elements, params: { return_url: location.href } });
      if (error) return this.fail(stripeErrorDetail(error));

      const result = await api.checkout({
        attemptId,
        confirmationTokenId: confirmationToken.id,
        item: this.host.item,
        email: this.customerEmail || this.host.email || undefined,
      });
      let status: IntentStatus = result.status;
      let declineMessage: string | undefined;
      if (status === 'requires_action') {
        const next = await stripe.handleNextAction({ clientSecret: result.clientSecret });
        if (next.error) return this.fail(stripeErrorDetail(next.error));
        status = (next.paymentIntent?.status ?? 'requires_payment_method') as IntentStatus;
        declineMessage = next.paymentIntent?.last_payment_error?.message;
      }
      if (!PAID.has(status)) {
        return this.fail({ type: 'card_error', code: 'payment_not_completed', message: declineMessage ?? NOT_COMPLETED });
      }
      this.succeed(result.orderId, result.paymentIntentId);
    } catch (cause) {
      this.fail(CheckoutError.from(cause).detail);
    } finally {
      this.inFlight = false;
      this.host.requestUpdate();
    }
  }

  private async load(): Promise<void> {
    this.teardown();
    const generation = this.generation;
    const isCurrent = () => generation === this.generation;
    const { item, server } = this.host;
    this.config = this.quote = undefined;
    this.set('loading', undefined);
    try {
      if (!item) {
        throw new CheckoutError({ type: 'invalid_request_error', code: 'missing_item', message: 'No item to buy: set the item attribute.' });
      }
      const api = (this.api = new ApiClient(server));
      const [config, quote] = await Promise.all([api.getConfig(), api.getQuote(item)]);
      if (!isCurrent()) return;
      this.config = config;
      this.quote = quote;
      if (quote.mode !== 'payment') {
        throw new CheckoutError({ type: 'invalid_request_error', code: 'unsupported_mode', message: `This checkout takes one-time payments only (the item is a ${quote.mode}).` });
      }
      this.host.requestUpdate(); // show the amount and the badge while Stripe loads
      const stripe = await loadStripeFor(config, (path) => api.resolve(path));
      if (!isCurrent()) return;
      this.stripe = stripe;
      const returned = await this.returnedOutcome(stripe, api, item);
      if (!isCurrent()) return;
      if (returned?.paid) return this.succeed(returned.orderId, returned.paymentIntentId);
      await this.mountElements(stripe, quote);
      if (!isCurrent()) return;
      this.set('ready', undefined);
      emit(this.host, 'link-checkout-ready');
      if (returned) this.fail(returned.error);
    } catch (cause) {
      if (isCurrent()) this.fail(CheckoutError.from(cause).detail, 'error');
    }
  }

  /**
   * When this page is the return_url of a redirect-based payment this checkout made, its outcome:
   * paid means no form at all (paying again would charge twice); failed shows why, above the form.
   */
  private async returnedOutcome(stripe: Stripe, api: ApiClient, item: string): Promise<ReturnedOutcome | null> {
    const returned = returnedPayment();
    if (!returned) return null;
    // Several checkouts may share a page: only the one that sold this item claims the payment.
    const payment = await api.getPayment(returned.paymentIntentId).catch(() => null);
    if (!payment || payment.item !== item) return null;
    forgetReturnedPayment();
    const { paymentIntent, error } = await stripe.retrievePaymentIntent(returned.clientSecret);
    if (paymentIntent && PAID.has(paymentIntent.status as IntentStatus)) {
      return { paid: true, orderId: payment.orderId, paymentIntentId: paymentIntent.id };
    }
    const message = paymentIntent?.last_payment_error?.message ?? NOT_COMPLETED;
    return { paid: false, error: error ? stripeErrorDetail(error) : { type: 'card_error', code: 'payment_not_completed', message } };
  }

  private succeed(orderId: string, paymentIntentId: string): void {
    this.set('succeeded', { kind: 'status', text: `Payment received. Thank you! Your order is ${orderId}.` });
    emit(this.host, 'link-checkout-success', { orderId, paymentIntentId });
  }

  /** One deferred-intent Elements group; mounted in the order Link needs to autofill. */
  private mountElements(stripe: Stripe, quote: Quote): Promise<unknown> {
    const { email, name, phone } = this.host;
    const elements = (this.elements = stripe.elements({
      mode: 'payment',
      amount: quote.amount,
      currency: quote.currency.toLowerCase(),
      appearance: appearanceFrom(this.host),
    }));
    const linkAuthentication = elements.create('linkAuthentication', { defaultValues: { email: email || '' } });
    linkAuthentication.on('change', (event) => {
      this.customerEmail = event.value.email;
    });
    const address = elements.create('address', {
      mode: 'shipping',
      defaultValues: { name: name || null, phone: phone || null },
    });
    const payment = elements.create('payment', {
      defaultValues: { billingDetails: { name: name || undefined, email: email || undefined, phone: phone || undefined } },
    });
    this.mounted = [linkAuthentication, address, payment];
    const ready = [
      new Promise((resolve) => linkAuthentication.on('ready', resolve)),
      new Promise((resolve) => address.on('ready', resolve)),
      new Promise((resolve, reject) => {
        payment.on('ready', resolve);
        payment.on('loaderror', (event) => reject(stripeLoadError(event.error)));
      }),
    ];
    linkAuthentication.mount(this.mounts.target('link-authentication'));
    address.mount(this.mounts.target('address'));
    payment.mount(this.mounts.target('payment'));
    return Promise.all(ready);
  }

  private teardown(): void {
    this.generation++;
    for (const element of this.mounted.splice(0)) element.destroy();
    this.mounts.release();
    this.elements = this.stripe = undefined;
    this.customerEmail = undefined;
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
    message: error.message ?? 'The payment could not be completed. Please try again.',
  };
}

function stripeLoadError(error: StripeError): CheckoutError {
  return new CheckoutError({ ...stripeErrorDetail(error), message: error.message ?? 'The payment form failed to load.' });
}

/** crypto.randomUUID exists only in secure contexts; a CMS page on plain http still needs an id. */
function newAttemptId(): string {
  if (typeof crypto.randomUUID === 'function' && isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
