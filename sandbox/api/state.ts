/**
 * The account's whole state, in memory. Public objects are stored in their Stripe shape; what
 * Stripe keeps private (card numbers, a token's source, a session's intent options) sits in maps
 * beside them, keyed by object id. Everything here is plain data (Maps of JSON values), so
 * snapshot.ts can save and restore it as is.
 */
import type Stripe from 'stripe';
import type { CardSecret } from './cards.ts';

export interface State {
  customers: Map<string, Stripe.Customer>;
  paymentMethods: Map<string, Stripe.PaymentMethod>;
  confirmationTokens: Map<string, Stripe.ConfirmationToken>;
  paymentIntents: Map<string, Stripe.PaymentIntent>;
  setupIntents: Map<string, Stripe.SetupIntent>;
  charges: Map<string, Stripe.Charge>;
  refunds: Map<string, Stripe.Refund>;
  /** Full card data, keyed by ConfirmationToken or PaymentMethod id. Never in an API answer. */
  cards: Map<string, CardSecret>;
  /** Where each ConfirmationToken's payment method comes from (by token id). */
  tokenSources: Map<string, TokenSource>;
  /** The Elements context Stripe.js sent with each token (by token id; see confirmation-tokens.ts). */
  tokenContexts: Map<string, ClientContext>;
  products: Map<string, Stripe.Product>;
  prices: Map<string, Stripe.Price>;
  /** Keyed by client secret (`cuss_secret_…`): CustomerSessions have no id or retrieve endpoint. */
  customerSessions: Map<string, Stripe.CustomerSession>;
  checkoutSessions: Map<string, Stripe.Checkout.Session>;
  /** Line items of each Checkout Session / Payment Link, returned only via expand or /line_items. */
  lineItems: Map<string, Stripe.LineItem[]>;
  paymentLinks: Map<string, Stripe.PaymentLink>;
  subscriptions: Map<string, Stripe.Subscription>;
  /** PaymentIntent / SetupIntent / Subscription options a Checkout Session passes on at completion. */
  checkoutIntentData: Map<string, CheckoutIntentData>;
  invoices: Map<string, Stripe.Invoice>;
  /** Includable invoice fields (returned only when expanded), by invoice id. */
  invoiceExtras: Map<string, InvoiceExtras>;
  paymentMethodDomains: Map<string, Stripe.PaymentMethodDomain>;
  webhookEndpoints: Map<string, WebhookEndpointRecord>;
  /** Every event, oldest first (events.ts lists them newest first). */
  events: EmittedEvent[];
  /** Idempotency records, keyed by API key and Idempotency-Key (idempotency.ts). */
  idempotency: Map<string, IdempotencyRecord>;
  /** Sandbox-only: emails registered as Link accounts (see resources/link-accounts.ts). */
  linkAccounts: Map<string, LinkAccount>;
  /** Where sandbox pages are served (origin + mount prefix), e.g. http://localhost:3000/sandbox/stripe. */
  publicBaseUrl: string | null;
}

/** A sandbox Link account: what the stand-in fills in after a successful one-time-code login. */
export interface LinkAccount {
  email: string;
  name: string | null;
  phone: string | null;
  shipping: { name: string | null; phone: string | null; address: Stripe.Address } | null;
  /** The one funding source the sandbox models: a card. */
  card: CardSecret;
  /**
   * `pending` from a sign-up in the Payment Element until a payment or setup with it succeeds;
   * only `active` accounts are recognised (lookup, one-time code). Older saved states lack it: active.
   */
  status?: 'pending' | 'active';
}

export type TokenSource = { card: CardSecret } | { paymentMethod: string };

/**
 * The Elements options Stripe.js sends as `client_context` when it creates a token (undocumented;
 * stripe-android #11721 and stripe-ios #5641 add it "to match web").
 */
export interface ClientContext {
  mode: 'payment' | 'setup' | 'subscription';
  currency?: string;
  setup_future_usage?: 'off_session' | 'on_session';
  capture_method?: 'automatic' | 'automatic_async' | 'manual';
  payment_method_types?: string[];
}

export interface CheckoutIntentData {
  payment: Record<string, any>;
  setup: Record<string, any>;
  subscription: Record<string, any>;
}

export interface InvoiceExtras {
  confirmation_secret: Stripe.Invoice.ConfirmationSecret | null;
  payments: Stripe.InvoicePayment[];
}

/** A webhook endpoint as the emulator keeps it (the API shape is built in resources/webhook-endpoints.ts). */
export interface WebhookEndpointRecord {
  id: string;
  url: string;
  secret: string;
  enabledEvents: string[];
  description: string | null;
  metadata: Record<string, string>;
  status: 'enabled' | 'disabled';
  created: number;
  apiVersion: string | null;
}

export interface IdempotencyRecord {
  fingerprint: string;
  saved?: { status: number; body: string; requestId: string };
}

export function createState(): State {
  return {
    customers: new Map(),
    paymentMethods: new Map(),
    confirmationTokens: new Map(),
    paymentIntents: new Map(),
    setupIntents: new Map(),
    charges: new Map(),
    refunds: new Map(),
    cards: new Map(),
    tokenSources: new Map(),
    tokenContexts: new Map(),
    products: new Map(),
    prices: new Map(),
    customerSessions: new Map(),
    checkoutSessions: new Map(),
    lineItems: new Map(),
    paymentLinks: new Map(),
    subscriptions: new Map(),
    checkoutIntentData: new Map(),
    invoices: new Map(),
    invoiceExtras: new Map(),
    paymentMethodDomains: new Map(),
    webhookEndpoints: new Map(),
    events: [],
    idempotency: new Map(),
    linkAccounts: new Map(),
    publicBaseUrl: null,
  };
}

/** The things every resource module needs: state, a clock (unix seconds) and event emission. */
export interface Ctx {
  state: State;
  now(): number;
  emit: Emit;
  /** Base URL of this request's emulator (origin + mount prefix), for sandbox page URLs. */
  baseUrl?: string;
}

export type EmittedEvent =
  | Stripe.PaymentIntentCreatedEvent
  | Stripe.PaymentIntentSucceededEvent
  | Stripe.PaymentIntentPaymentFailedEvent
  | Stripe.PaymentIntentRequiresActionEvent
  | Stripe.PaymentIntentAmountCapturableUpdatedEvent
  | Stripe.PaymentIntentCanceledEvent
  | Stripe.SetupIntentCreatedEvent
  | Stripe.SetupIntentSucceededEvent
  | Stripe.SetupIntentSetupFailedEvent
  | Stripe.SetupIntentRequiresActionEvent
  | Stripe.SetupIntentCanceledEvent
  | Stripe.PaymentMethodAttachedEvent
  | Stripe.PaymentMethodDetachedEvent
  | Stripe.CustomerCreatedEvent
  | Stripe.CustomerUpdatedEvent
  | Stripe.ChargeSucceededEvent
  | Stripe.ChargeFailedEvent
  | Stripe.ChargeCapturedEvent
  | Stripe.ChargeRefundedEvent
  | Stripe.RefundCreatedEvent
  | Stripe.ProductCreatedEvent
  | Stripe.PriceCreatedEvent
  | Stripe.PriceUpdatedEvent
  | Stripe.CheckoutSessionCompletedEvent
  | Stripe.CheckoutSessionExpiredEvent
  | Stripe.PaymentLinkCreatedEvent
  | Stripe.PaymentLinkUpdatedEvent
  | Stripe.CustomerSubscriptionCreatedEvent
  | Stripe.CustomerSubscriptionUpdatedEvent
  | Stripe.CustomerSubscriptionDeletedEvent
  | Stripe.InvoiceCreatedEvent
  | Stripe.InvoiceFinalizedEvent
  | Stripe.InvoicePaidEvent
  | Stripe.InvoicePaymentSucceededEvent
  | Stripe.InvoicePaymentFailedEvent
  | Stripe.InvoicePaymentActionRequiredEvent;

export type EmittedType = EmittedEvent['type'];
export type EventObject<T extends EmittedType> = Extract<EmittedEvent, { type: T }>['data']['object'];
/** `previousAttributes` becomes `data.previous_attributes` (for `*.updated` events). */
export type Emit = <T extends EmittedType>(type: T, object: EventObject<T>, previousAttributes?: Record<string, unknown>) => void;
