/**
 * PaymentMethods (`pm_…`): `card` from card data, `link` for a Link account (its funding card is
 * kept privately under the PaymentMethod's id, so it decides the outcome of a charge as a card
 * would); lookup, attach/detach.
 */
import type Stripe from 'stripe';
import { type CardSecret, TEST_PAYMENT_METHODS, publicCard } from '../cards.ts';
import { invalidRequest, resourceMissing } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Ctx } from '../state.ts';
import { requireCustomer } from './customers.ts';

export function emptyBillingDetails(): Stripe.PaymentMethod.BillingDetails {
  return {
    address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
    email: null,
    name: null,
    phone: null,
    tax_id: null,
  };
}

/** Billing details from `billing_details[...]` params, with Stripe's all-null defaults. */
export function billingDetailsFrom(p: Record<string, any> | undefined): Stripe.PaymentMethod.BillingDetails {
  const out = emptyBillingDetails();
  if (!p) return out;
  const a = p.address ?? {};
  out.address = {
    city: a.city || null,
    country: a.country || null,
    line1: a.line1 || null,
    line2: a.line2 || null,
    postal_code: a.postal_code || null,
    state: a.state || null,
  };
  out.email = p.email || null;
  out.name = p.name || null;
  out.phone = p.phone || null;
  return out;
}

export function createCardPaymentMethod(
  ctx: Ctx,
  card: CardSecret,
  billing: Stripe.PaymentMethod.BillingDetails,
  allowRedisplay: Stripe.PaymentMethod.AllowRedisplay = 'unspecified',
): Stripe.PaymentMethod {
  const pm: Stripe.PaymentMethod = {
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: allowRedisplay,
    billing_details: billing,
    card: publicCard(card),
    created: ctx.now(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
  ctx.state.paymentMethods.set(pm.id, pm);
  ctx.state.cards.set(pm.id, { ...card });
  return pm;
}

/**
 * A `link` PaymentMethod: the PaymentMethod object's `link` hash carries the account's email
 * (stripe@23 PaymentMethod.Link; its `persistent_token` is deprecated and not set).
 */
export function createLinkPaymentMethod(ctx: Ctx, email: string, funding: CardSecret, billing: Stripe.PaymentMethod.BillingDetails): Stripe.PaymentMethod {
  const pm: Stripe.PaymentMethod = {
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: billing,
    created: ctx.now(),
    customer: null,
    customer_account: null,
    link: { email },
    livemode: false,
    metadata: {},
    type: 'link',
  };
  ctx.state.paymentMethods.set(pm.id, pm);
  ctx.state.cards.set(pm.id, { ...funding });
  return pm;
}

/** A card valid for the next years, for Stripe's `pm_card_*` test tokens. */
export function testCard(number: string, ctx: Ctx): CardSecret {
  return { number, exp_month: 12, exp_year: new Date(ctx.now() * 1000).getUTCFullYear() + 3, cvc: '123' };
}

/**
 * Resolves a `payment_method` parameter: an existing `pm_…`, or a test token such as
 * `pm_card_visa`, from which Stripe creates a fresh PaymentMethod on each use.
 * https://docs.stripe.com/testing#cards
 */
export function resolvePaymentMethod(ctx: Ctx, id: string, param = 'payment_method'): Stripe.PaymentMethod {
  const testNumber = TEST_PAYMENT_METHODS[id];
  if (testNumber) return createCardPaymentMethod(ctx, testCard(testNumber, ctx), emptyBillingDetails());
  const pm = ctx.state.paymentMethods.get(id);
  if (!pm) throw resourceMissing('PaymentMethod', id, param);
  return pm;
}

export function requirePaymentMethod(ctx: Ctx, id: string, param = 'id'): Stripe.PaymentMethod {
  const pm = ctx.state.paymentMethods.get(id);
  if (!pm) throw resourceMissing('PaymentMethod', id, param);
  return pm;
}

export function attachPaymentMethod(ctx: Ctx, pm: Stripe.PaymentMethod, customerId: string): Stripe.PaymentMethod {
  requireCustomer(ctx, customerId, 'customer');
  if (pm.customer === customerId) return pm;
  if (pm.customer) {
    throw invalidRequest('The payment method you provided has already been attached to a customer.', { param: 'payment_method' });
  }
  pm.customer = customerId;
  ctx.emit('payment_method.attached', pm);
  return pm;
}

export function detachPaymentMethod(ctx: Ctx, pm: Stripe.PaymentMethod): Stripe.PaymentMethod {
  if (!pm.customer) {
    throw invalidRequest('The payment method you provided is not attached to a customer so detachment is impossible.', { param: 'payment_method' });
  }
  const previous = { customer: pm.customer };
  pm.customer = null;
  ctx.emit('payment_method.detached', pm, previous);
  return pm;
}
