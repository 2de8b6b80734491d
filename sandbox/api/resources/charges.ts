/**
 * Charges (`ch_…`): one per confirmation attempt of a PaymentIntent, in the shape of the pinned
 * API version's Charge. Emits charge.succeeded / charge.failed / charge.captured as Stripe does
 * (https://docs.stripe.com/api/events/types). Balance transactions, Radar and disputes are not
 * modelled: `balance_transaction` stays null and `outcome` carries no risk score.
 */
import type Stripe from 'stripe';
import { newId } from '../ids.ts';
import type { Ctx } from '../state.ts';

export type ChargeResult = { captured: boolean } | { failure_code: string; failure_message: string; decline_code: string };

export function createCharge(ctx: Ctx, pi: Stripe.PaymentIntent, pm: Stripe.PaymentMethod, result: ChargeResult): Stripe.Charge {
  const failed = 'failure_code' in result;
  const captured = !failed && result.captured;
  const charge: Stripe.Charge = {
    id: newId('ch'),
    object: 'charge',
    amount: pi.amount,
    amount_captured: captured ? pi.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: structuredClone(pm.billing_details),
    calculated_statement_descriptor: pi.statement_descriptor ?? 'SANDBOX',
    captured,
    created: ctx.now(),
    currency: pi.currency,
    customer: typeof pi.customer === 'string' ? pi.customer : null,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: failed ? result.failure_code : null,
    failure_message: failed ? result.failure_message : null,
    fraud_details: {},
    livemode: false,
    metadata: { ...pi.metadata },
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: failed ? 'declined_by_network' : 'approved_by_network',
      reason: failed ? result.decline_code : null,
      risk_level: 'normal',
      seller_message: failed ? 'The bank did not return any further details with this decline.' : 'Payment complete.',
      type: failed ? 'issuer_declined' : 'authorized',
    },
    paid: !failed,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: paymentMethodDetails(pm, pi.amount),
    receipt_email: pi.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: pi.shipping ? structuredClone(pi.shipping) : null,
    source: null,
    source_transfer: null,
    statement_descriptor: pi.statement_descriptor,
    statement_descriptor_suffix: pi.statement_descriptor_suffix,
    status: failed ? 'failed' : 'succeeded',
    transfer_data: null,
    transfer_group: null,
  };
  ctx.state.charges.set(charge.id, charge);
  ctx.emit(failed ? 'charge.failed' : 'charge.succeeded', charge);
  return charge;
}

/** `payment_method_details`: the card's public details, or for Link the funding country only. */
function paymentMethodDetails(pm: Stripe.PaymentMethod, amount: number): Stripe.Charge.PaymentMethodDetails {
  if (pm.type === 'link') return { type: 'link', link: { country: 'US' } };
  const c = pm.card;
  return {
    type: 'card',
    card: {
      amount_authorized: amount,
      authorization_code: null,
      brand: c?.brand ?? null,
      checks: c?.checks ?? null,
      country: c?.country ?? null,
      electronic_commerce_indicator: null,
      exp_month: c?.exp_month ?? 0,
      exp_year: c?.exp_year ?? 0,
      fingerprint: c?.fingerprint ?? null,
      funding: c?.funding ?? null,
      installments: null,
      last4: c?.last4 ?? null,
      mandate: null,
      network: c?.brand ?? null,
      network_transaction_id: null,
      regulated_status: c?.regulated_status ?? null,
      three_d_secure: null,
      transaction_link_id: null,
      wallet: null,
    },
  };
}

/** A manual-capture charge being captured (possibly partially): the uncaptured rest is released. */
export function captureCharge(ctx: Ctx, charge: Stripe.Charge, amount: number): void {
  const previous = { amount_captured: charge.amount_captured, captured: charge.captured, amount_refunded: charge.amount_refunded };
  charge.captured = true;
  charge.amount_captured = amount;
  if (amount < charge.amount) charge.amount_refunded = charge.amount - amount;
  ctx.emit('charge.captured', charge, previous);
}
