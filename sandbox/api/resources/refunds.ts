/**
 * Refunds (`re_…`, https://docs.stripe.com/api/refunds/create) of a PaymentIntent's succeeded,
 * captured charge: full or partial, several times, never more than is left. Card refunds succeed
 * at once in test mode. The charge gets `amount_refunded` (and `refunded` once nothing is left);
 * `refund.created` and `charge.refunded` are emitted (stripe@23 Event types). The PaymentIntent
 * itself does not change. Refusal codes per docs.stripe.com/error-codes (`charge_already_refunded`,
 * `amount_too_large`); the other refusals' wording and missing codes are in NOTES.md.
 */
import type Stripe from 'stripe';
import { invalidParam, invalidRequest, missingParam, resourceMissing } from '../errors.ts';
import { newId } from '../ids.ts';
import { mergeMetadata } from '../params.ts';
import type { Ctx } from '../state.ts';
import { requirePaymentIntent } from './payment-intents.ts';

/** The charge a refund request names, checked to be refundable at all. */
function refundableCharge(ctx: Ctx, p: { payment_intent?: string; charge?: string }): Stripe.Charge {
  if (!p.payment_intent && !p.charge) throw missingParam('charge');
  let charge: Stripe.Charge | undefined;
  if (p.payment_intent) {
    const pi = requirePaymentIntent(ctx, p.payment_intent, 'payment_intent');
    if (pi.status === 'requires_capture') throw uncaptured(pi.id);
    if (pi.status !== 'succeeded' || typeof pi.latest_charge !== 'string') {
      throw invalidRequest(`This PaymentIntent (${pi.id}) has a status of ${pi.status} and no successful charge to refund.`, { param: 'payment_intent' });
    }
    charge = ctx.state.charges.get(pi.latest_charge)!;
    if (p.charge && p.charge !== charge.id) throw invalidParam('charge', `The charge ${p.charge} does not belong to the PaymentIntent ${pi.id}.`);
  } else {
    charge = ctx.state.charges.get(p.charge!);
    if (!charge) throw resourceMissing('charge', p.charge!, 'charge');
    if (charge.status !== 'succeeded') throw invalidRequest(`The charge ${charge.id} did not succeed, so there is nothing to refund.`, { param: 'charge' });
    if (!charge.captured) throw uncaptured(charge.payment_intent as string);
  }
  return charge;
}

/** An authorization is released by canceling its PaymentIntent, not by a refund. */
const uncaptured = (pi: string) =>
  invalidRequest(`The charge of the PaymentIntent ${pi} is not captured. Cancel the PaymentIntent to release the authorization instead of refunding it.`);

export function createRefund(ctx: Ctx, p: Record<string, any>): Stripe.Refund {
  const charge = refundableCharge(ctx, p);
  // A partial capture already counts the released rest as refunded (captureCharge).
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining <= 0) {
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded' });
  }
  const amount: number = p.amount ?? remaining;
  if (amount <= 0) throw invalidParam('amount', 'Invalid amount: a refund must be a positive amount.');
  if (amount > remaining) {
    throw invalidRequest(`The refund amount (${amount}) is greater than the amount left to refund on charge ${charge.id} (${remaining}).`, {
      code: 'amount_too_large',
      param: 'amount',
    });
  }
  const refund: Stripe.Refund = {
    id: newId('re'),
    object: 'refund',
    amount,
    balance_transaction: null,
    charge: charge.id,
    created: ctx.now(),
    currency: charge.currency,
    customer: charge.customer,
    customer_account: null,
    metadata: mergeMetadata({}, p.metadata),
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: p.reason ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
  ctx.state.refunds.set(refund.id, refund);
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount;
  ctx.emit('refund.created', refund);
  ctx.emit('charge.refunded', charge, previous);
  return refund;
}

export function requireRefund(ctx: Ctx, id: string): Stripe.Refund {
  const refund = ctx.state.refunds.get(id);
  if (!refund) throw resourceMissing('refund', id);
  return refund;
}

/** Newest first, optionally for one PaymentIntent or charge. */
export function listRefunds(ctx: Ctx, filter: { payment_intent?: string; charge?: string }): Stripe.Refund[] {
  return [...ctx.state.refunds.values()]
    .reverse()
    .filter((r) => (!filter.payment_intent || r.payment_intent === filter.payment_intent) && (!filter.charge || r.charge === filter.charge));
}
