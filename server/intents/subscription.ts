import type Stripe from 'stripe';
import type { IntentStatus } from '../../protocol/index.ts';
import { ApiError } from '../errors.ts';
import { priceFor } from '../prices.ts';
import { customerFor, idempotencyKeyFor, orderMetadata, type ModeHandler } from './context.ts';

/**
 * A Subscription left `default_incomplete`, whose first invoice's PaymentIntent is confirmed with
 * the ConfirmationToken. On this API version that PaymentIntent is named only by the invoice's
 * `confirmation_secret` (there is no `invoice.payment_intent`).
 */
export const subscription: ModeHandler = async (context) => {
  const { stripe, request } = context;
  const customer = await customerFor(context);
  const { quote } = context;
  const price = await priceFor(stripe, { item: quote.item, name: quote.name, amount: quote.amount, currency: quote.currency, interval: quote.interval });
  const created = await stripe.subscriptions.create(
    {
      customer,
      items: [{ price }],
      payment_behavior: 'default_incomplete',
      payment_settings: { save_default_payment_method: 'on_subscription' },
      metadata: orderMetadata(context),
      expand: ['latest_invoice.confirmation_secret'],
    },
    { idempotencyKey: idempotencyKeyFor(request.attemptId, 'subscription') },
  );
  await context.record({ subscriptionId: created.id });
  const secret = (created.latest_invoice as Stripe.Invoice | null)?.confirmation_secret?.client_secret;
  const paymentIntentId = secret?.split('_secret_')[0];
  if (!paymentIntentId?.startsWith('pi_')) {
    console.error('[link-checkout] subscription without a first payment to confirm:', created.id);
    throw new ApiError(502, 'api_error', 'subscription_unpayable', 'The subscription could not be started. Nothing was charged.');
  }
  await context.record({ paymentIntentId });
  const intent = await stripe.paymentIntents.confirm(
    paymentIntentId,
    { confirmation_token: request.confirmationTokenId },
    { idempotencyKey: idempotencyKeyFor(request.attemptId, 'first_payment') },
  );
  return {
    status: intent.status as IntentStatus,
    clientSecret: intent.client_secret ?? secret!,
    patch: { customerId: customer, subscriptionId: created.id, paymentIntentId, intentStatus: intent.status },
  };
};
