/**
 * Payment Links (`plink_…`, https://docs.stripe.com/payment-links/api): a reusable URL that opens
 * a new Checkout Session for its line items each time it is visited. Links cannot be deleted,
 * only deactivated (`active=false`); a visit to an inactive link shows an expiry page.
 */
import type Stripe from 'stripe';
import { invalidParam, missingParam, resourceMissing } from '../errors.ts';
import { newId } from '../ids.ts';
import { mergeMetadata } from '../params.ts';
import type { Ctx } from '../state.ts';
import { createCheckoutSession } from './checkout-sessions.ts';
import { lineItemFor, resolveLineItemPrice } from './products.ts';

export function createPaymentLink(ctx: Ctx, p: Record<string, any>): Stripe.PaymentLink {
  const items: Record<string, any>[] = p.line_items ?? [];
  if (items.length === 0) throw missingParam('line_items');
  if (items.length > 20) throw invalidParam('line_items', 'A payment link can have at most 20 line items.');
  const resolved = items.map((item, i) => {
    if (!item.price) throw missingParam(`line_items[${i}][price]`);
    if (item.quantity === undefined) throw missingParam(`line_items[${i}][quantity]`);
    return resolveLineItemPrice(ctx, item, `line_items[${i}]`);
  });
  const currency = resolved[0].price.currency;
  if (resolved.some((r) => r.price.currency !== currency)) throw invalidParam('line_items', 'All line items must use the same currency.');
  const recurring = resolved.some((r) => r.price.recurring);
  const after = afterCompletion(p.after_completion);
  const id = newId('plink');
  const link: Stripe.PaymentLink = {
    id,
    object: 'payment_link',
    active: p.active ?? true,
    after_completion: after,
    allow_promotion_codes: false,
    application: null,
    application_fee_amount: null,
    application_fee_percent: null,
    automatic_tax: { enabled: false, liability: null },
    billing_address_collection: 'auto',
    consent_collection: null,
    currency,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer_creation: recurring ? 'always' : 'if_required',
    inactive_message: p.inactive_message ?? null,
    invoice_creation: null,
    livemode: false,
    managed_payments: null,
    metadata: mergeMetadata({}, p.metadata),
    on_behalf_of: null,
    payment_intent_data: recurring ? null : paymentIntentData(p.payment_intent_data),
    payment_method_collection: 'always',
    payment_method_options: null,
    payment_method_types: p.payment_method_types ?? null,
    phone_number_collection: { enabled: false },
    restrictions: null,
    shipping_address_collection: null,
    shipping_options: [],
    submit_type: 'auto',
    subscription_data: recurring ? subscriptionData(p.subscription_data) : null,
    tax_id_collection: { enabled: false, required: 'never' },
    transfer_data: null,
    url: `${ctx.baseUrl ?? ctx.state.publicBaseUrl ?? ''}/_sandbox/payment_links/${id}`,
  };
  // Stripe's links look like https://buy.stripe.com/test_…; the sandbox serves its own page.
  ctx.state.paymentLinks.set(id, link);
  ctx.state.lineItems.set(id, resolved.map((r) => lineItemFor(ctx, r.price, r.quantity)));
  ctx.emit('payment_link.created', link);
  return link;
}

/** What the link passes on to each PaymentIntent it creates (payment mode). */
function paymentIntentData(d: Record<string, any> | undefined): Stripe.PaymentLink.PaymentIntentData | null {
  if (!d) return null;
  return {
    capture_method: d.capture_method ?? null,
    description: d.description ?? null,
    metadata: mergeMetadata({}, d.metadata),
    setup_future_usage: d.setup_future_usage ?? null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    transfer_group: null,
  };
}

/** What the link passes on to each Subscription it creates (subscription mode). */
function subscriptionData(d: Record<string, any> | undefined): Stripe.PaymentLink.SubscriptionData {
  return {
    description: d?.description ?? null,
    invoice_settings: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: { type: 'self' } },
    metadata: mergeMetadata({}, d?.metadata),
    trial_period_days: null,
    trial_settings: null,
  };
}

function afterCompletion(a: Record<string, any> | undefined): Stripe.PaymentLink.AfterCompletion {
  if (!a) return { type: 'hosted_confirmation', hosted_confirmation: { custom_message: null } };
  if (a.type === 'redirect') {
    if (!a.redirect?.url) throw missingParam('after_completion[redirect][url]');
    return { type: 'redirect', redirect: { url: a.redirect.url } };
  }
  return { type: 'hosted_confirmation', hosted_confirmation: { custom_message: a.hosted_confirmation?.custom_message ?? null } };
}

export function updatePaymentLink(ctx: Ctx, link: Stripe.PaymentLink, p: Record<string, any>): Stripe.PaymentLink {
  const previous: Record<string, unknown> = {};
  if (p.active !== undefined && p.active !== link.active) {
    previous.active = link.active;
    link.active = p.active;
  }
  if (p.metadata !== undefined) {
    previous.metadata = link.metadata;
    link.metadata = mergeMetadata(link.metadata, p.metadata);
  }
  if (p.after_completion !== undefined) {
    previous.after_completion = link.after_completion;
    link.after_completion = afterCompletion(p.after_completion);
  }
  // Declarative, as the update params document: the metadata given replaces the old metadata.
  if (p.payment_intent_data !== undefined) {
    if (link.subscription_data) throw invalidParam('payment_intent_data', 'payment_intent_data applies to payment-mode links; this link sells a subscription.');
    previous.payment_intent_data = link.payment_intent_data;
    link.payment_intent_data = paymentIntentData({ ...link.payment_intent_data, ...p.payment_intent_data });
  }
  if (p.subscription_data !== undefined) {
    if (!link.subscription_data) throw invalidParam('subscription_data', 'subscription_data applies to links that sell a subscription.');
    previous.subscription_data = link.subscription_data;
    link.subscription_data = subscriptionData({ ...link.subscription_data, ...p.subscription_data });
  }
  if (p.inactive_message !== undefined) {
    previous.inactive_message = link.inactive_message;
    link.inactive_message = p.inactive_message || null;
  }
  ctx.emit('payment_link.updated', link, previous);
  return link;
}

export function requirePaymentLink(ctx: Ctx, id: string, param = 'id'): Stripe.PaymentLink {
  const link = ctx.state.paymentLinks.get(id);
  if (!link) throw resourceMissing('payment_link', id, param);
  return link;
}

/**
 * A visit to an active link: a fresh hosted Checkout Session with `payment_link` set. The link's
 * `metadata` is copied to the session, `payment_intent_data` / `subscription_data` go on to the
 * PaymentIntent / Subscription (PaymentLinkCreateParams docs, stripe@23).
 */
export function checkoutSessionForLink(ctx: Ctx, link: Stripe.PaymentLink): Stripe.Checkout.Session {
  const items = ctx.state.lineItems.get(link.id) ?? [];
  const recurring = items.some((li) => li.price?.recurring);
  const successUrl = link.after_completion.type === 'redirect' ? link.after_completion.redirect!.url : undefined;
  return createCheckoutSession(
    ctx,
    {
      mode: recurring ? 'subscription' : 'payment',
      ui_mode: 'hosted_page',
      line_items: items.map((li) => ({ price: li.price!.id, quantity: li.quantity })),
      success_url: successUrl,
      payment_method_types: link.payment_method_types ?? undefined,
      metadata: { ...link.metadata },
      payment_intent_data: link.payment_intent_data
        ? {
            metadata: { ...link.payment_intent_data.metadata },
            description: link.payment_intent_data.description ?? undefined,
            capture_method: link.payment_intent_data.capture_method ?? undefined,
            setup_future_usage: link.payment_intent_data.setup_future_usage ?? undefined,
          }
        : undefined,
      subscription_data: link.subscription_data
        ? { metadata: { ...link.subscription_data.metadata }, description: link.subscription_data.description ?? undefined }
        : undefined,
    },
    { paymentLink: link.id },
  );
}

