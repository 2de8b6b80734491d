/** Charges (`ch_…`), reduced to the fields the emulator models (see MinimalCharge). */
import type Stripe from 'stripe';
import { newId } from '../ids.ts';
import type { Ctx, MinimalCharge } from '../state.ts';

export function createCharge(
  ctx: Ctx,
  pi: Stripe.PaymentIntent,
  pm: Stripe.PaymentMethod,
  result: { captured: boolean } | { failure_code: string; failure_message: string },
): MinimalCharge {
  const failed = 'failure_code' in result;
  const captured = !failed && result.captured;
  const charge: MinimalCharge = {
    id: newId('ch'),
    object: 'charge',
    amount: pi.amount,
    amount_captured: captured ? pi.amount : 0,
    amount_refunded: 0,
    billing_details: pm.billing_details,
    captured,
    created: ctx.now(),
    currency: pi.currency,
    customer: typeof pi.customer === 'string' ? pi.customer : null,
    description: pi.description,
    failure_code: failed ? result.failure_code : null,
    failure_message: failed ? result.failure_message : null,
    livemode: false,
    metadata: { ...pi.metadata },
    paid: !failed,
    payment_intent: pi.id,
    payment_method: pm.id,
    receipt_email: pi.receipt_email,
    refunded: false,
    status: failed ? 'failed' : 'succeeded',
  };
  ctx.state.charges.set(charge.id, charge);
  return charge;
}

/** A manual-capture charge being captured (possibly partially). */
export function captureCharge(charge: MinimalCharge, amount: number): void {
  charge.captured = true;
  charge.amount_captured = amount;
  if (amount < charge.amount) {
    charge.amount_refunded = charge.amount - amount;
  }
}
