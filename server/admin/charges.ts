import { Hono } from 'hono';
import type Stripe from 'stripe';
import type { AppDeps } from '../deps.ts';
import { ApiError, declinedIntentId, fromStripeError, invalidRequest } from '../errors.ts';
import { adminBody, actionKey, adminOrder, optionalAmount, publicUrlOf } from './views.ts';
import { customerOr404 } from './customers.ts';

/** The method a charge uses: the one named, else the customer's default, else their newest. */
async function methodFor(stripe: Stripe, customer: Stripe.Customer, named: unknown): Promise<string> {
  if (named !== undefined) {
    if (typeof named !== 'string' || !/^pm_\w{1,100}$/.test(named)) throw invalidRequest('parameter_invalid', 'paymentMethod must be a PaymentMethod id (pm_…).', 'paymentMethod');
    const method = await stripe.paymentMethods.retrieve(named).catch(() => null);
    if (!method || method.customer !== customer.id) throw invalidRequest('payment_method_not_saved', `${named} is not saved on ${customer.id}.`, 'paymentMethod');
    return method.id;
  }
  const fallback = customer.invoice_settings?.default_payment_method;
  if (fallback) return typeof fallback === 'string' ? fallback : fallback.id;
  const saved = await stripe.customers.listPaymentMethods(customer.id, { limit: 1 });
  if (!saved.data[0]) throw new ApiError(409, 'invalid_request_error', 'no_saved_payment_method', `${customer.id} has no saved payment method to charge.`);
  return saved.data[0].id;
}

/**
 * Charge later (seed 001 § Charge the saved payment method later; seed 003 § Charge later): an
 * off-session PaymentIntent on a saved method. A decline is recorded on the order; a bank that asks
 * the customer to authenticate makes it `action_required`, with a recovery page to send them to.
 */
export function adminChargeRoutes({ stripe, store, config }: AppDeps) {
  return new Hono().post('/charges', async (c) => {
    const body = await adminBody(c);
    const amount = optionalAmount(body);
    if (amount === undefined) throw invalidRequest('parameter_missing', 'Say how much to charge (amount, minor units).', 'amount');
    const currency = typeof body.currency === 'string' ? body.currency.toLowerCase() : '';
    if (!/^[a-z]{3}$/.test(currency)) throw invalidRequest('parameter_invalid', 'currency must be a three-letter ISO code.', 'currency');
    const description = body.description === undefined ? 'Charge' : String(body.description).slice(0, 200);
    const customer = await customerOr404(stripe, body.customer);
    const paymentMethod = await methodFor(stripe, customer, body.paymentMethod);

    const key = await actionKey(c, 'charge', customer.id, { amount, currency, paymentMethod, description });
    const { order } = await store.createOrder({
      attemptId: key, mode: 'payment', priceRule: 'charge_later', item: null, name: description, amount, currency,
      interval: null, email: customer.email ?? null, captureMethod: 'automatic', customerId: customer.id,
    });
    const publicUrl = publicUrlOf(c, config);
    try {
      const intent = await stripe.paymentIntents.create(
        { amount, currency, customer: customer.id, payment_method: paymentMethod, off_session: true, confirm: true, description, metadata: { order_id: order.id } },
        { idempotencyKey: key },
      );
      const paid = intent.status === 'succeeded' && intent.amount_received === amount;
      const updated = await store.updateOrder(
        order.id,
        { paymentIntentId: intent.id, intentStatus: intent.status, paymentMethodId: paymentMethod, ...(paid ? { status: 'paid', amountReceived: amount } : {}) },
        'admin: charge',
      );
      return c.json({ order: adminOrder(updated!, publicUrl) });
    } catch (err) {
      const error = fromStripeError(err);
      if (error.type !== 'card_error') throw error;
      const raw = (err as { raw?: { payment_intent?: { id?: string } } }).raw;
      const intentId = declinedIntentId(err) ?? raw?.payment_intent?.id;
      const needsCustomer = error.code === 'authentication_required';
      const updated = await store.updateOrder(
        order.id,
        {
          status: needsCustomer ? 'action_required' : 'failed',
          paymentMethodId: paymentMethod,
          intentStatus: 'requires_payment_method',
          lastError: { code: error.code, message: error.message, ...(error.extra.decline_code ? { declineCode: error.extra.decline_code } : {}) },
          ...(intentId ? { paymentIntentId: intentId } : {}),
        },
        `admin: charge ${error.code}`,
      );
      return c.json({ ...error.toBody(), order: adminOrder(updated!, publicUrl) }, 402);
    }
  });
}
