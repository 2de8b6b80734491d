/**
 * After a card is saved the merchant makes it the customer's default and may later remove it:
 * customers.update(invoice_settings.default_payment_method), customer.updated, payment_method.detached.
 * Sources: docs.stripe.com/api/customers/update (invoice_settings.default_payment_method), stripe@23
 * types (CustomerUpdatedEvent "occurs whenever any property of a customer changes",
 * PaymentMethodDetachedEvent), docs.stripe.com/testing (pm_card_visa attaches a fresh card).
 */
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import { TEST_PM, contractCase, createTarget, customer, eventFor, rejection } from './target.ts';

const target = createTarget();
const { stripe } = target;

const eventAbout = (type: string, id: string) => eventFor(target, type, (object: { id: string }) => object.id === id);

contractCase(
  "an attached card becomes the customer's default: retrieve (and expand) shows it, and customer.updated names the previous value",
  'docs.stripe.com/api/customers/update; stripe@23 CustomerUpdatedEvent; docs.stripe.com/expand',
  async () => {
    const cus = await customer(target);
    const pm = await stripe.paymentMethods.attach(TEST_PM.visa, { customer: cus.id });
    const updated = await stripe.customers.update(cus.id, { invoice_settings: { default_payment_method: pm.id } });
    assert.equal(updated.invoice_settings.default_payment_method, pm.id);
    const seen = (await stripe.customers.retrieve(cus.id, { expand: ['invoice_settings.default_payment_method'] })) as Stripe.Customer;
    assert.equal((seen.invoice_settings.default_payment_method as Stripe.PaymentMethod).id, pm.id);
    const event = await eventAbout('customer.updated', cus.id);
    assert.equal((event.data.object as Stripe.Customer).invoice_settings.default_payment_method, pm.id);
    const previous = event.data.previous_attributes as Partial<Stripe.Customer> | undefined;
    assert.equal(previous?.invoice_settings?.default_payment_method, null);
  },
);

contractCase(
  'a PaymentMethod not attached to the customer cannot be its default (400 invalid_request_error)',
  'docs.stripe.com/api/customers/update (the default must be one of the customer\'s payment methods)',
  async () => {
    const cus = await customer(target);
    const other = await customer(target);
    const theirs = await stripe.paymentMethods.attach(TEST_PM.visa, { customer: other.id });
    const err = await rejection(() => stripe.customers.update(cus.id, { invoice_settings: { default_payment_method: theirs.id } }));
    assert.equal(err.statusCode, 400);
    assert.equal(err.rawType, 'invalid_request_error');
    assert.equal(((await stripe.customers.retrieve(cus.id)) as Stripe.Customer).invoice_settings.default_payment_method, null);
  },
);

contractCase(
  'detaching a saved card emits payment_method.detached (the PaymentMethod, customer now null)',
  'stripe@23 PaymentMethodDetachedEvent ("occurs whenever a payment method is detached from a customer"); paymentMethods.detach',
  async () => {
    const cus = await customer(target);
    const pm = await stripe.paymentMethods.attach(TEST_PM.visa, { customer: cus.id });
    await stripe.paymentMethods.detach(pm.id);
    const event = await eventAbout('payment_method.detached', pm.id);
    assert.equal((event.data.object as Stripe.PaymentMethod).customer, null);
  },
);
