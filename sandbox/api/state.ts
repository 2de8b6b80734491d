/** In-memory account state. Public objects are stored in their Stripe shape; card numbers apart. */
import type Stripe from 'stripe';
import type { CardSecret } from './cards.ts';

/** Stripe's Charge has ~50 fields; the emulator keeps the subset it models (expand returns this). */
export type MinimalCharge = Pick<
  Stripe.Charge,
  | 'id' | 'object' | 'amount' | 'amount_captured' | 'amount_refunded' | 'captured' | 'created' | 'currency'
  | 'customer' | 'description' | 'failure_code' | 'failure_message' | 'livemode' | 'metadata' | 'paid'
  | 'payment_intent' | 'payment_method' | 'receipt_email' | 'refunded' | 'status' | 'billing_details'
>;

export interface State {
  customers: Map<string, Stripe.Customer>;
  paymentMethods: Map<string, Stripe.PaymentMethod>;
  confirmationTokens: Map<string, Stripe.ConfirmationToken>;
  paymentIntents: Map<string, Stripe.PaymentIntent>;
  setupIntents: Map<string, Stripe.SetupIntent>;
  charges: Map<string, MinimalCharge>;
  /** Full card data, keyed by ConfirmationToken or PaymentMethod id. Never serialized. */
  cards: Map<string, CardSecret>;
  products: Map<string, Stripe.Product>;
  prices: Map<string, Stripe.Price>;
  /** Keyed by client secret (`cuss_secret_…`): CustomerSessions have no id or retrieve endpoint. */
  customerSessions: Map<string, Stripe.CustomerSession>;
  checkoutSessions: Map<string, Stripe.Checkout.Session>;
  /** Line items of each Checkout Session / Payment Link, returned only via expand or /line_items. */
  lineItems: Map<string, Stripe.LineItem[]>;
  paymentLinks: Map<string, Stripe.PaymentLink>;
  subscriptions: Map<string, Stripe.Subscription>;
  invoices: Map<string, Stripe.Invoice>;
  /** Sandbox-only: emails registered as Link accounts (see resources/link-accounts.ts). */
  linkAccounts: Map<string, LinkAccount>;
  /** Where sandbox pages are served (origin + mount prefix), e.g. http://localhost:3000/sandbox/stripe. */
  publicBaseUrl: string | null;
}

/** A sandbox Link account: what the stand-in fills in after a successful one-time-code login. */
export interface LinkAccount {
  email: string;
  name: string;
  phone: string | null;
  shipping: { name: string; phone: string | null; address: Stripe.Address };
  card: CardSecret;
}

export function createState(): State {
  return {
    customers: new Map(),
    paymentMethods: new Map(),
    confirmationTokens: new Map(),
    paymentIntents: new Map(),
    setupIntents: new Map(),
    charges: new Map(),
    cards: new Map(),
    products: new Map(),
    prices: new Map(),
    customerSessions: new Map(),
    checkoutSessions: new Map(),
    lineItems: new Map(),
    paymentLinks: new Map(),
    subscriptions: new Map(),
    invoices: new Map(),
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
