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
  };
}

/** The things every resource module needs: state, a clock (unix seconds) and event emission. */
export interface Ctx {
  state: State;
  now(): number;
  emit: Emit;
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
  | Stripe.CustomerCreatedEvent;

export type EmittedType = EmittedEvent['type'];
export type EventObject<T extends EmittedType> = Extract<EmittedEvent, { type: T }>['data']['object'];
export type Emit = <T extends EmittedType>(type: T, object: EventObject<T>) => void;
