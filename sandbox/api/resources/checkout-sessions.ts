/**
 * Checkout Sessions (`cs_test_…`, https://docs.stripe.com/api/checkout/sessions): payment, setup
 * and subscription mode; `ui_mode` hosted_page (a sandbox page at `url`) or embedded_page
 * (`client_secret` for the stand-in's embedded checkout). The sandbox page plays the customer:
 * completing it creates and confirms the PaymentIntent / SetupIntent / Subscription.
 * ui_mode values follow 2026-03-25.dahlia: https://docs.stripe.com/changelog/dahlia/2026-03-25/updates-available-checkout-session-ui-modes
 */
import type Stripe from 'stripe';
import { type CardSecret, validateCard } from '../cards.ts';
import { invalidParam, invalidRequest, missingParam, resourceMissing } from '../errors.ts';
import { randomString } from '../ids.ts';
import { mergeMetadata } from '../params.ts';
import type { Ctx } from '../state.ts';
import { addressFrom, createCustomer, requireCustomer } from './customers.ts';
import { confirmPaymentIntent, finishAuthentication, newPaymentIntent } from './payment-intents.ts';
import { billingDetailsFrom, createCardPaymentMethod } from './payment-methods.ts';
import { lineItemFor, resolveLineItemPrice } from './products.ts';
import { confirmSetupIntent, finishSetupAuthentication, newSetupIntent } from './setup-intents.ts';
import { createSubscription } from './subscriptions.ts';

/** Sessions expire 24 hours after creation unless `expires_at` says otherwise (30 min .. 24 h). */
const TTL_SECONDS = 24 * 60 * 60;

export function createCheckoutSession(ctx: Ctx, p: Record<string, any>, from: { paymentLink?: string } = {}): Stripe.Checkout.Session {
  const mode: Stripe.Checkout.Session.Mode = p.mode;
  const uiMode: Stripe.Checkout.Session.UiMode = p.ui_mode ?? 'hosted_page';
  const embedded = uiMode === 'embedded_page';
  if (embedded) {
    if (p.success_url) throw invalidParam('success_url', 'success_url is not allowed when ui_mode is embedded_page; use return_url.');
    if (p.cancel_url) throw invalidParam('cancel_url', 'cancel_url is not allowed when ui_mode is embedded_page.');
    if (!p.return_url && p.redirect_on_completion !== 'never') throw missingParam('return_url');
  } else if (p.return_url) {
    throw invalidParam('return_url', 'return_url is only allowed when ui_mode is embedded_page or elements; use success_url.');
  }
  if (p.customer) requireCustomer(ctx, p.customer, 'customer');
  if (p.customer_creation && mode === 'subscription') {
    throw invalidParam('customer_creation', 'customer_creation can only be set in payment and setup mode (subscription mode always creates a Customer).');
  }
  if (p.customer && p.customer_email) {
    throw invalidRequest('You may only specify one of these parameters: customer, customer_email.', { code: 'parameters_exclusive', param: 'customer_email' });
  }

  const items: Record<string, any>[] = p.line_items ?? [];
  if (mode === 'setup') {
    if (items.length) throw invalidParam('line_items', 'line_items are not allowed in setup mode.');
    // Setup mode needs a currency when payment methods are chosen dynamically.
    if (!p.currency && !p.payment_method_types) throw missingParam('currency');
  } else if (items.length === 0) {
    throw missingParam('line_items');
  }
  const resolved = items.map((item, i) => {
    const r = resolveLineItemPrice(ctx, item, `line_items[${i}]`);
    if (mode === 'payment' && r.price.recurring) {
      throw invalidParam(`line_items[${i}][price]`, 'Recurring prices need mode=subscription; payment mode takes one-time prices.');
    }
    if (mode === 'subscription' && !r.price.recurring) {
      // Stripe allows one-time items next to recurring ones in subscription mode; the sandbox does not model that.
      throw invalidParam(`line_items[${i}][price]`, 'The sandbox models subscription mode with recurring prices only.');
    }
    return r;
  });
  const currency = (resolved[0]?.price.currency ?? p.currency ?? null)?.toLowerCase() ?? null;
  if (resolved.some((r) => r.price.currency !== currency)) throw invalidParam('line_items', 'All line items must use the same currency.');
  const total = resolved.reduce((n, r) => n + (r.price.unit_amount ?? 0) * r.quantity, 0);

  const created = ctx.now();
  const id = `cs_test_${randomString(58)}`;
  const customer = p.customer ? ctx.state.customers.get(p.customer) : undefined;
  const session: Stripe.Checkout.Session = {
    id,
    object: 'checkout.session',
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: null,
    amount_subtotal: mode === 'setup' ? null : total,
    amount_total: mode === 'setup' ? null : total,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: p.cancel_url ?? null,
    client_reference_id: p.client_reference_id ?? null,
    client_secret: embedded ? `${id}_secret_${randomString(24)}` : null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created,
    currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: p.customer ?? null,
    customer_account: null,
    customer_creation: mode !== 'subscription' && !p.customer ? (p.customer_creation ?? 'if_required') : null,
    customer_details: customer ? customerDetails(customer.email ?? null, customer.name ?? null, null) : p.customer_email ? customerDetails(p.customer_email, null, null) : null,
    customer_email: p.customer_email ?? null,
    discounts: [],
    expires_at: p.expires_at ?? created + TTL_SECONDS,
    integration_identifier: null,
    invoice: null,
    invoice_creation: mode === 'payment' ? { enabled: false, invoice_data: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: null, metadata: {}, rendering_options: null } } : null,
    livemode: false,
    locale: null,
    managed_payments: null,
    metadata: mergeMetadata({}, p.metadata),
    mode,
    origin_context: null,
    payment_intent: null,
    payment_link: from.paymentLink ?? null,
    payment_method_collection: mode === 'subscription' ? 'always' : null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: p.payment_method_types ?? ['card'],
    payment_status: mode === 'setup' ? 'no_payment_required' : 'unpaid',
    permissions: null,
    presentment_details: undefined,
    recovered_from: null,
    saved_payment_method_options: p.customer ? { allow_redisplay_filters: ['always'], payment_method_remove: null, payment_method_save: null } : null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: null,
    subscription: null,
    success_url: embedded ? null : p.success_url ?? null,
    total_details: mode === 'setup' ? null : { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: uiMode,
    url: embedded ? null : `${ctx.baseUrl ?? ctx.state.publicBaseUrl ?? ''}/_sandbox/checkout/${id}`,
    wallet_options: null,
  };
  delete (session as Partial<Stripe.Checkout.Session>).presentment_details;
  if (embedded) {
    session.return_url = p.return_url;
    session.redirect_on_completion = p.redirect_on_completion ?? 'always';
  }
  ctx.state.checkoutSessions.set(id, session);
  ctx.state.lineItems.set(id, resolved.map((r) => lineItemFor(ctx, r.price, r.quantity)));
  // PaymentIntent/SetupIntent/Subscription options the session passes on at completion.
  ctx.state.checkoutIntentData.set(id, { payment: p.payment_intent_data ?? {}, setup: p.setup_intent_data ?? {}, subscription: p.subscription_data ?? {} });
  return session;
}

function customerDetails(email: string | null, name: string | null, address: Stripe.Address | null): Stripe.Checkout.Session.CustomerDetails {
  return { address, business_name: null, email, individual_name: null, name, phone: null, tax_exempt: 'none', tax_ids: [] };
}

export function requireCheckoutSession(ctx: Ctx, id: string, param = 'id'): Stripe.Checkout.Session {
  const session = ctx.state.checkoutSessions.get(id);
  if (!session) throw resourceMissing('checkout.session', id, param);
  return session;
}

/** Open sessions past `expires_at` expire lazily, when next looked at. */
export function refreshExpiry(ctx: Ctx, session: Stripe.Checkout.Session): void {
  if (session.status === 'open' && session.expires_at <= ctx.now()) expire(ctx, session);
}

function expire(ctx: Ctx, session: Stripe.Checkout.Session): void {
  session.status = 'expired';
  session.url = null;
  ctx.emit('checkout.session.expired', session);
}

export function expireCheckoutSession(ctx: Ctx, session: Stripe.Checkout.Session): void {
  refreshExpiry(ctx, session);
  if (session.status !== 'open') {
    throw invalidRequest(`Only Checkout Sessions with a status of open can be expired; this one is ${session.status}.`);
  }
  expire(ctx, session);
}

export interface CheckoutForm {
  card: CardSecret;
  email?: string;
  name?: string;
  postal_code?: string;
  country?: string;
}

/**
 * The customer pays (or saves a card) on the sandbox Checkout page. Declines leave the session
 * open and rethrow the 402 card_error. 3DS cards pass their challenge automatically here: the
 * sandbox page has no challenge step.
 */
export function completeCheckoutSession(ctx: Ctx, session: Stripe.Checkout.Session, form: CheckoutForm): void {
  refreshExpiry(ctx, session);
  if (session.status !== 'open') {
    throw invalidRequest(`This Checkout Session is ${session.status} and can no longer be completed.`, { code: 'checkout_session_not_open' });
  }
  validateCard(form.card, new Date(ctx.now() * 1000), 'card');
  const email = form.email || session.customer_email || session.customer_details?.email || null;
  const address = addressFrom({ postal_code: form.postal_code ?? '', country: form.country ?? '' });
  const billing = billingDetailsFrom({ name: form.name, email: email ?? undefined, address: { postal_code: form.postal_code, country: form.country } });
  const data = ctx.state.checkoutIntentData.get(session.id) ?? { payment: {}, setup: {}, subscription: {} };
  const allowRedisplay = session.mode === 'payment' ? 'unspecified' : 'always';
  const pm = createCardPaymentMethod(ctx, form.card, billing, allowRedisplay);

  if (session.mode === 'payment') {
    const customerId = sessionCustomer(ctx, session, email, form.name);
    const pi = newPaymentIntent(ctx, {
      amount: session.amount_total,
      currency: session.currency,
      customer: customerId ?? undefined,
      metadata: data.payment.metadata,
      description: data.payment.description,
      capture_method: data.payment.capture_method,
      setup_future_usage: data.payment.setup_future_usage,
      payment_method_types: session.payment_method_types,
    });
    ctx.state.paymentIntents.set(pi.id, pi);
    session.payment_intent = pi.id;
    ctx.emit('payment_intent.created', pi);
    confirmPaymentIntent(ctx, pi, { payment_method: pm.id });
    if (pi.status === 'requires_action') finishAuthentication(ctx, pi, 'complete');
    session.payment_status = pi.status === 'succeeded' || pi.status === 'requires_capture' ? 'paid' : 'unpaid';
  } else if (session.mode === 'setup') {
    // The card is attached to the session's customer: the one given, or one created with
    // customer_creation=always. Otherwise the SetupIntent has no customer and the card stays
    // unattached (the Session object docs: only subscription mode and customer_creation=always
    // create a Customer).
    const customerId = sessionCustomer(ctx, session, email, form.name);
    const si = newSetupIntent(ctx, { customer: customerId ?? undefined, metadata: data.setup.metadata, payment_method_types: session.payment_method_types });
    ctx.state.setupIntents.set(si.id, si);
    session.setup_intent = si.id;
    ctx.emit('setup_intent.created', si);
    confirmSetupIntent(ctx, si, { payment_method: pm.id });
    if (si.status === 'requires_action') finishSetupAuthentication(ctx, si, 'complete');
  } else {
    const customerId = (session.customer as string | null) ?? createCustomer(ctx, { email, name: form.name }).id;
    session.customer = customerId;
    const items = (ctx.state.lineItems.get(session.id) ?? []).map((li) => ({ price: li.price!.id, quantity: li.quantity }));
    const { subscription, invoice, paymentIntent } = createSubscription(ctx, {
      customer: customerId,
      items,
      metadata: data.subscription.metadata,
      payment_settings: { save_default_payment_method: 'on_subscription' },
    });
    session.subscription = subscription.id;
    session.invoice = invoice.id;
    if (paymentIntent) {
      confirmPaymentIntent(ctx, paymentIntent, { payment_method: pm.id });
      if (paymentIntent.status === 'requires_action') finishAuthentication(ctx, paymentIntent, 'complete');
    }
    session.payment_status = 'paid';
  }
  const customer = typeof session.customer === 'string' ? ctx.state.customers.get(session.customer) : undefined;
  // "Customer's address details are not present on Sessions in setup mode" (Session object docs).
  session.customer_details = customerDetails(email ?? customer?.email ?? null, form.name || customer?.name || null, session.mode === 'setup' ? null : address);
  session.status = 'complete';
  session.url = null;
  ctx.emit('checkout.session.completed', session);
}

/** The session's customer: the one it was created with, or a new one when customer_creation is always. */
function sessionCustomer(ctx: Ctx, session: Stripe.Checkout.Session, email: string | null, name: string | undefined): string | null {
  if (typeof session.customer === 'string') return session.customer;
  if (session.customer_creation !== 'always') return null;
  session.customer = createCustomer(ctx, { email, name }).id;
  return session.customer;
}

/** Where the customer goes after completing: success_url / return_url with {CHECKOUT_SESSION_ID} filled in. */
export function redirectAfterCompletion(session: Stripe.Checkout.Session, fallback: string): string {
  const target = session.ui_mode === 'embedded_page' ? session.return_url : session.success_url;
  return (target ?? fallback).replaceAll('{CHECKOUT_SESSION_ID}', session.id);
}

/** What the embedded stand-in may read with the session's client secret (sandbox-only shape). */
export function embeddedView(ctx: Ctx, session: Stripe.Checkout.Session) {
  return {
    id: session.id,
    object: 'checkout.session',
    mode: session.mode,
    status: session.status,
    payment_status: session.payment_status,
    currency: session.currency,
    amount_subtotal: session.amount_subtotal,
    amount_total: session.amount_total,
    customer_email: session.customer_email ?? session.customer_details?.email ?? null,
    line_items: (ctx.state.lineItems.get(session.id) ?? []).map((li) => ({
      description: li.description,
      quantity: li.quantity,
      amount_total: li.amount_total,
      currency: li.currency,
      unit_amount: li.price?.unit_amount ?? null,
      recurring: li.price?.recurring ? { interval: li.price.recurring.interval, interval_count: li.price.recurring.interval_count } : null,
    })),
    return_url: session.return_url ?? null,
  };
}
