import type { IntentStatus } from '../../protocol/index.ts';
import { idempotencyKeyFor, intentCustomer, orderMetadata, type ModeHandler } from './context.ts';

/** A one-time payment: captured now or (capture="manual") authorized for later, saving the method when asked. */
export const payment: ModeHandler = async (context) => {
  const { stripe, quote, request, email } = context;
  const { captureMethod, setupFutureUsage, excludedPaymentMethodTypes } = quote.elements;
  const customer = await intentCustomer(context, Boolean(setupFutureUsage));
  const intent = await stripe.paymentIntents.create(
    {
      amount: quote.amount,
      currency: quote.currency,
      confirm: true,
      confirmation_token: request.confirmationTokenId,
      description: quote.name,
      metadata: orderMetadata(context),
      excluded_payment_method_types: excludedPaymentMethodTypes,
      ...(captureMethod ? { capture_method: captureMethod } : {}),
      ...(customer ? { customer } : {}),
      ...(setupFutureUsage ? { setup_future_usage: setupFutureUsage } : {}),
      ...(email ? { receipt_email: email } : {}),
    },
    { idempotencyKey: idempotencyKeyFor(request.attemptId) },
  );
  return {
    status: intent.status as IntentStatus,
    clientSecret: intent.client_secret ?? '',
    patch: { paymentIntentId: intent.id, intentStatus: intent.status, ...(customer ? { customerId: customer } : {}) },
  };
};
