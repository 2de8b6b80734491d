import type { IntentStatus } from '../../protocol/index.ts';
import { customerFor, idempotencyKeyFor, orderMetadata, type ModeHandler } from './context.ts';

/** Seed 001: a Customer and a SetupIntent saving the method for off-session charges; nothing is charged. */
export const setup: ModeHandler = async (context) => {
  const { stripe, quote, request } = context;
  const customer = await customerFor(context);
  const intent = await stripe.setupIntents.create(
    {
      customer,
      confirm: true,
      confirmation_token: request.confirmationTokenId,
      usage: 'off_session',
      description: quote.name,
      metadata: orderMetadata(context),
      excluded_payment_method_types: quote.elements.excludedPaymentMethodTypes,
    },
    { idempotencyKey: idempotencyKeyFor(request.attemptId, 'setup_intent') },
  );
  return {
    status: intent.status as IntentStatus,
    clientSecret: intent.client_secret ?? '',
    patch: { customerId: customer, setupIntentId: intent.id, intentStatus: intent.status },
  };
};
