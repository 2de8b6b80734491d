import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import type { PaymentIntent, SetupIntent, Stripe } from '@stripe/stripe-js';
import type { CheckoutUi, ErrorDetail, PublicConfig, Quote, SuccessDetail } from '../protocol/index.ts';
import { ApiClient, CheckoutError, newAttemptId } from './api-client.ts';
import { CheckoutElements } from './checkout-elements.ts';
import { emit } from './events.ts';
import { formatAmount } from './format.ts';
import { quoteQuery, quoteRequestOf, snapshot, type CheckoutInputs } from './inputs.ts';
import type { CustomerSessions, Kit, SessionCheckout } from './link-checkout-extras.ts';
import { forShopper, stripeErrorDetail } from './messages.ts';
import type { MountSlots } from './mount-slots.ts';
import { outcomeOf, thanksFor } from './outcome.ts';
import { inlineConfig, inlineQuote, loadStripeFor } from './stripe-loader.ts';
import { EN, languageOf, sayIn, wordsFor, type Say } from './words.ts';

/** What few checkouts need (link-checkout-extras.ts), fetched the first time a page does. */
let extrasModule: Promise<typeof import('./link-checkout-extras.ts')> | undefined;
const loadExtras = () => (extrasModule ??= import('./link-checkout-extras.ts'));
/** Stripe's return parameters: a redirect-based method's, or a Checkout Session's. */
const RETURNED = /[?&](payment_intent|setup_intent|session_id)=/;

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

/**
 * The checkout state machine: load config, quote and Stripe; mount the Elements (checkout-elements)
 * or a Checkout Session (link-checkout-session, `ui`); apply attribute changes in place; then run
 * each press of Pay through submit → ConfirmationToken → server → next action, the same for every
 * mode. It knows nothing of the sandbox: that difference ends in stripe-loader.ts.
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
  /** The element's own words, in the language of its `locale` (or the browser's). */
  say: Say = sayIn(EN);
  #language = 'en';

  readonly #host: FlowHost;
  readonly #mounts: MountSlots;
  #api: ApiClient | undefined;
  #server: string | undefined;
  #stripe: Stripe | undefined;
  #group: CheckoutElements | undefined;
  #session: SessionCheckout | undefined;
  #customerSessions: CustomerSessions | undefined;
  #quoteKey = '';
  /** Set synchronously on press, so a second click in the same tick is refused too. */
  #inFlight = false;
  #scheduled = false;
  /** A return from a redirect-based method is looked at once, on the first load. */
  #returnChecked = false;
  /** Stripe.js as started on connect, for the refresh that follows to take over. */
  #early: { server: string; stripe: Promise<Stripe> } | undefined;
  /** Bumped on every (re)load and teardown, so a stale async step stops where it is. */
  #generation = 0;

  constructor(host: FlowHost, mounts: MountSlots) {
    this.#host = host;
    this.#mounts = mounts;
    host.addController(this);
  }

  hostConnected(): void {
    // Stripe.js is the longest wait before the form. With the config the server put in its
    // script, start it now rather than after the first render and the coalesced refresh.
    const config = this.#stripe ? undefined : inlineConfig(this.#host.server);
    if (config && this.#early?.server !== this.#host.server) {
      const server = this.#host.server;
      const api = new ApiClient(server);
      const stripe = loadStripeFor(config, (path) => api.resolve(path));
      stripe.catch(() => {}); // reported where refresh awaits it
      this.#early = { server, stripe };
    }
    this.inputsChanged();
  }

  hostDisconnected(): void {
    this.#teardown();
    this.#server = undefined;
  }

  /** Attributes changed: coalesced into one refresh after the current update. */
  inputsChanged(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.#host.isConnected) void this.#refresh();
    });
  }

  get canPay(): boolean {
    return !this.#inFlight && (this.state === 'ready' || this.state === 'failed') && !this.#session?.mounted;
  }

  /** Elements, or a Checkout Session: the `ui` attribute's, or the one an order page must complete. */
  get ui(): CheckoutUi {
    const given = this.quote?.checkoutSession?.ui;
    const ui = this.#host.ui;
    return given ?? (ui === 'hosted' || ui === 'embedded' ? ui : 'elements');
  }

  /** Embedded Checkout is on the page: it has its own button, and the amount is fixed. */
  get embeddedMounted(): boolean {
    return this.#session?.mounted ?? false;
  }

  /** The shopper typed an open amount (minor units); out-of-range values are refused. */
  chooseAmount(amount: number): boolean {
    const range = this.quote?.range;
    if (!range || !Number.isSafeInteger(amount) || amount < range.min || amount > range.max) return false;
    this.amount = amount;
    this.#group?.setAmount(amount);
    this.#host.requestUpdate();
    return true;
  }

  setReadOnly(readOnly: boolean): void {
    this.#group?.setReadOnly(readOnly);
  }

  /** `form.reset()`: a fresh checkout, as if the element had just been added. */
  restart(): void {
    this.#teardown();
    this.orderId = null;
    this.#quoteKey = '';
    this.#set('loading', undefined);
    this.inputsChanged();
  }

  /** One press of Pay. Ignored unless ready (or failed, to retry). */
  async pay(): Promise<void> {
    const stripe = this.#stripe, group = this.#group, session = this.#session, api = this.#api, quote = this.quote, host = this.#host;
    if (!this.canPay || !stripe || !(group || session) || !api || !quote) return;
    if (!emit(host, 'link-checkout-submit', { mode: quote.mode, amount: this.amount, currency: quote.currency })) return;
    this.#inFlight = true;
    // One id per press; the api client reuses it for its network retries.
    const attemptId = newAttemptId();
    this.#set('processing', { kind: 'status', text: this.say('processing') });
    try {
      if (session) return await this.#pressSession(session, quote);
      if (!group) return;
      const { elements } = group;
      // Validates the fields and collects wallet data; must come before any other async work.
      const submitted = await elements.submit();
      if (submitted.error) return this.#fail(stripeErrorDetail(submitted.error), 'ready');

      // The site passes the email itself when no Element asks for it (email-collection="none").
      const inputs = snapshot(host);
      const siteEmail = inputs.emailCollection === 'none' ? inputs.customerEmail : '';
      // The token carries where a redirect-based method returns to; Stripe refuses a server-side
      // confirm of automatic payment methods without one.
      const { confirmationToken, error } = await stripe.createConfirmationToken({
        elements,
        params: { return_url: location.href, ...(siteEmail ? { payment_method_data: { billing_details: { email: siteEmail } } } : {}) },
      });
      if (error) return this.#fail(stripeErrorDetail(error), 'failed', true);

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
        if (next.error) return this.#fail(stripeErrorDetail(next.error), 'failed', true);
        const intent = (next.paymentIntent ?? next.setupIntent) as PaymentIntent | SetupIntent | undefined;
        status = intent?.status ?? 'requires_payment_method';
        lastError = next.paymentIntent?.last_payment_error ?? next.setupIntent?.last_setup_error ?? undefined;
      }
      const outcome = outcomeOf(result.mode, status);
      if (!outcome) {
        return this.#fail({ type: 'card_error', code: lastError?.code ?? 'payment_not_completed', message: lastError?.message ?? '' }, 'failed', true);
      }
      const { orderId, mode, paymentIntentId, setupIntentId, subscriptionId, customerId } = result;
      this.#succeed({ orderId, mode, status: outcome, paymentIntentId, setupIntentId, subscriptionId, customerId });
    } catch (cause) {
      this.#fail(CheckoutError.from(cause).detail);
    } finally {
      this.#inFlight = false;
      this.#host.requestUpdate();
    }
  }

  /** Hosted: off to Stripe's page (back from it, the page may come from the back-forward cache). Embedded: mounted. */
  async #pressSession(session: SessionCheckout, quote: Quote): Promise<void> {
    const ui = this.ui as 'hosted' | 'embedded';
    await session.press(ui, quote);
    if (ui === 'hosted') addEventListener('pageshow', () => this.#set('ready', undefined), { once: true });
    else this.#set('ready', undefined);
  }

  /** Brings config, quote, Stripe and the Elements in line with the attributes. */
  async #refresh(): Promise<void> {
    const host = this.#host;
    if (this.state === 'succeeded' || this.#inFlight) return;
    if (host.server !== this.#server) {
      this.#teardown();
      this.#server = host.server;
      this.#api = new ApiClient(host.server);
      this.config = this.#stripe = this.quote = undefined;
    }
    const generation = ++this.#generation;
    const current = () => generation === this.#generation;
    const api = this.#api!;
    const request = quoteRequestOf(host);
    const key = JSON.stringify(request);
    if (!this.#group && !this.#session) this.#set('loading', undefined);
    try {
      const inputs = snapshot(host);
      // Only a return, Stripe Checkout or a returning customer needs the extras: fetched alongside the rest.
      const returning = !this.#returnChecked && RETURNED.test(location.search);
      const extras = returning || this.ui !== 'elements' || inputs.customer || inputs.customerSessionClientSecret ? loadExtras() : undefined;
      const kit = (): Kit => ({ api, outcomeOf, stripeErrorDetail });
      // A Checkout Session's return comes first: its order, once done, has no quote any more.
      const sessionId = returning ? (await extras!).returnedSessionId() : null;
      const wait = () => this.#set('loading', { kind: 'status', text: this.say('confirming') });
      const sessionReturn = sessionId ? await (await extras!).returnedSession(api, sessionId, inputs, wait) : null;
      if (!current()) return;
      if (sessionReturn) (await extras!).forgetReturn();
      if (sessionReturn && sessionReturn !== 'failed') {
        Object.assign(this, { config: this.config ?? inlineConfig(host.server) ?? (await api.getConfig()), quote: sessionReturn.quote, amount: sessionReturn.quote.amount });
        return this.#succeed(sessionReturn.detail);
      }
      // Stripe.js starts loading as soon as the key is known (at once with the config the server
      // put in its script), in parallel with the quote: no round trip waits on another it needn't.
      const configured = this.config ?? inlineConfig(host.server) ?? api.getConfig();
      const early = this.#early?.server === host.server ? this.#early.stripe : undefined;
      this.#early = undefined;
      const loadingStripe = this.#stripe ? Promise.resolve(this.#stripe) : (early ?? Promise.resolve(configured).then((config) => loadStripeFor(config, (path) => api.resolve(path))));
      loadingStripe.catch(() => {}); // its failure is reported where it is awaited, below
      const language = languageOf(inputs.locale);
      const [config, quote, customerSession, words] = await Promise.all([
        configured,
        key === this.#quoteKey && this.quote ? this.quote : (inlineQuote(host.server, quoteQuery(request)) ?? api.getQuote(request)),
        extras?.then((module) => (this.#customerSessions ??= new module.CustomerSessions()).secretFor(api, inputs, this.ui)),
        language === this.#language ? undefined : wordsFor(language),
      ]);
      if (!current()) return;
      if (words) {
        this.#language = language;
        this.say = sayIn(words);
      }
      if (quote !== this.quote) this.amount = quote.amount;
      this.config = config;
      this.quote = quote;
      this.#quoteKey = key;
      host.requestUpdate(); // show the amount and the badge while Stripe loads
      const stripe = (this.#stripe ??= await loadingStripe);
      if (!current()) return;
      const notCompleted = { type: 'card_error' as const, code: 'payment_not_completed', message: '' };
      const returned = sessionReturn ? notCompleted : returning ? await (await extras!).returnedOutcome(kit(), stripe, quote) : null;
      this.#returnChecked = true;
      if (!current()) return;
      if (returned && 'orderId' in returned) return this.#succeed(returned);
      const ui = this.ui;
      if (ui !== 'elements') {
        this.#group?.destroy();
        this.#group = undefined;
        const { SessionCheckout, sessionRequestOf } = await loadExtras();
        const amount = (quote: Quote) => (quote.range ? this.amount : undefined);
        const request = (ui: 'embedded' | 'hosted', quote: Quote) => sessionRequestOf(snapshot(host), quoteRequestOf(host), ui, amount(quote), newAttemptId());
        const session = (this.#session ??= new SessionCheckout(this.#mounts, stripe, api, request));
        if (!session.differs(ui, quote)) {
          if (this.state === 'error') this.#set('ready', undefined);
          return;
        }
        this.#set('loading', undefined);
        await session.show(ui, quote);
      } else if (this.#group?.sync(quote, customerSession)) {
        if (this.state === 'error') this.#set('ready', undefined);
        return;
      } else {
        this.#session?.destroy();
        this.#session = undefined;
        this.#group?.destroy();
        const group = (this.#group = new CheckoutElements(host, this.#mounts, stripe, quote, customerSession));
        this.#set('loading', undefined);
        await group.mount();
      }
      if (!current()) return;
      this.#set('ready', undefined);
      emit(host, 'link-checkout-ready');
      if (returned) this.#fail(returned, 'failed', true);
    } catch (cause) {
      if (!current()) return;
      this.#teardown();
      // No quote stands once the attributes fail to make one: the header must not name the old item.
      this.quote = undefined;
      this.#quoteKey = '';
      this.#fail(CheckoutError.from(cause).detail, 'error');
    }
  }

  #succeed(detail: SuccessDetail): void {
    this.orderId = detail.orderId;
    const amount = this.quote ? formatAmount(this.amount, this.quote.currency, this.#host.locale || undefined) : '';
    this.#set('succeeded', { kind: 'status', text: thanksFor(detail, amount, this.say) });
    for (const key of Object.keys(detail) as Array<keyof SuccessDetail>) if (detail[key] === undefined) delete detail[key];
    emit(this.#host, 'link-checkout-success', detail);
  }

  #teardown(): void {
    this.#generation++;
    this.#group?.destroy();
    this.#session?.destroy();
    this.#group = this.#session = undefined;
  }

  #set(state: CheckoutState, message: CheckoutMessage | undefined): void {
    this.state = state;
    this.message = message;
    this.#host.requestUpdate();
  }

  /** Shows and announces a failure, in the shopper's words (messages.ts); `fromStripe`: Stripe wrote it. */
  #fail(detail: ErrorDetail, state: CheckoutState = 'failed', fromStripe = false): void {
    const shown = forShopper(detail, fromStripe, this.say);
    this.#set(state, { kind: 'error', text: shown.message });
    emit(this.#host, 'link-checkout-error', shown);
  }
}
