/**
 * Sandbox-only pages standing in for checkout.stripe.com and buy.stripe.com: the hosted Checkout
 * page, its completion, the embedded-checkout data route, and Payment Link visits. Hosted pages
 * are plain HTML forms (no API key, like Stripe's own pages); the embedded routes take the
 * publishable key plus the session's client_secret.
 */
import type { Context, Hono } from 'hono';
import type Stripe from 'stripe';
import { StripeApiError, invalidRequest, missingParam } from '../errors.ts';
import { decodeForm } from '../form.ts';
import { type RouterDeps, baseUrlOf, defineRoute } from '../http.ts';
import { type Parsed, type Spec, obj, parseParams } from '../params.ts';
import type { Ctx } from '../state.ts';
import {
  completeCheckoutSession,
  embeddedView,
  redirectAfterCompletion,
  refreshExpiry,
  requireCheckoutSession,
} from '../resources/checkout-sessions.ts';
import { checkoutSessionForLink } from '../resources/payment-links.ts';

const COMPLETE: Record<string, Spec> = {
  client_secret: 'string',
  card: obj({ number: 'string', exp_month: 'int', exp_year: 'int', cvc: 'string' }, ['number', 'exp_month', 'exp_year']),
  billing_details: obj({ name: 'string', email: 'string', address: obj({ postal_code: 'string', country: 'string' }) }),
};

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function money(amount: number | null, currency: string | null): string {
  if (amount === null || !currency) return '';
  return `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;
}

function html(c: Context, status: number, title: string, body: string): Response {
  return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><main><h1>${esc(title)}</h1>${body}</main></body></html>`, status as 200);
}

function checkoutPage(c: Context, ctx: Ctx, session: Stripe.Checkout.Session, error?: string): Response {
  const items = ctx.state.lineItems.get(session.id) ?? [];
  const rows = items.map((li) => `<li>${esc(li.description ?? '')} × ${li.quantity}: ${esc(money(li.amount_total, li.currency))}</li>`).join('');
  const action = session.mode === 'setup' ? 'Save card' : session.mode === 'subscription' ? 'Subscribe' : 'Pay';
  const total = session.mode === 'setup' ? '' : `<p>Total: <output id="total">${esc(money(session.amount_total, session.currency))}</output></p>`;
  const email = session.customer_email ?? session.customer_details?.email ?? '';
  const year = new Date(ctx.now() * 1000).getUTCFullYear() + 2;
  return html(
    c,
    error ? 402 : 200,
    'Sandbox Checkout',
    `<ul>${rows}</ul>${total}${error ? `<p role="alert">${esc(error)}</p>` : ''}
<form method="post" action="${esc(`${session.id}/complete`)}">
<label>Email <input name="billing_details[email]" type="email" value="${esc(email)}"></label>
<label>Card number <input name="card[number]" inputmode="numeric" autocomplete="cc-number" required></label>
<label>Expiry month <input name="card[exp_month]" inputmode="numeric" value="12" required></label>
<label>Expiry year <input name="card[exp_year]" inputmode="numeric" value="${year}" required></label>
<label>CVC <input name="card[cvc]" inputmode="numeric" value="123"></label>
<label>Name on card <input name="billing_details[name]" autocomplete="cc-name"></label>
<button type="submit">${action}</button>
</form>${session.cancel_url ? `<p><a href="${esc(session.cancel_url)}">Cancel</a></p>` : ''}`,
  );
}

function formOf(p: Parsed) {
  return {
    card: { number: String(p.card.number).replace(/[\s-]/g, ''), exp_month: p.card.exp_month, exp_year: p.card.exp_year, cvc: p.card.cvc || undefined },
    email: p.billing_details?.email || undefined,
    name: p.billing_details?.name || undefined,
    postal_code: p.billing_details?.address?.postal_code,
    country: p.billing_details?.address?.country,
  };
}

export function sandboxPageRoutes(app: Hono, deps: RouterDeps): void {
  const ctxOf = (c: Context) => deps.ctxFor(null, baseUrlOf(c));

  app.get('/_sandbox/checkout/:id', (c) => {
    const ctx = ctxOf(c);
    const session = ctx.state.checkoutSessions.get(c.req.param('id'));
    if (!session || session.ui_mode !== 'hosted_page') return html(c, 404, 'Checkout Session not found', '<p>No such hosted Checkout Session.</p>');
    refreshExpiry(ctx, session);
    if (session.status === 'expired') return html(c, 410, 'Checkout Session expired', '<p>This checkout page has expired.</p>');
    if (session.status === 'complete') return html(c, 200, 'Already complete', '<p>This checkout is already complete.</p>');
    return checkoutPage(c, ctx, session);
  });

  // Hosted form submission (no Authorization header): 303 to success_url, or the page again with the error.
  app.post('/_sandbox/checkout/:id/complete', async (c, next) => {
    if (c.req.header('Authorization')) return next();
    const ctx = ctxOf(c);
    const session = ctx.state.checkoutSessions.get(c.req.param('id'));
    if (!session || session.ui_mode !== 'hosted_page') return html(c, 404, 'Checkout Session not found', '<p>No such hosted Checkout Session.</p>');
    try {
      const p = parseParams(decodeForm(await c.req.text()), COMPLETE, ['card']);
      completeCheckoutSession(ctx, session, formOf(p));
    } catch (err) {
      if (!(err instanceof StripeApiError)) throw err;
      if (session.status !== 'open') return html(c, 410, 'Checkout Session unavailable', `<p>${esc(err.body.message)}</p>`);
      return checkoutPage(c, ctx, session, err.body.message);
    }
    return c.redirect(redirectAfterCompletion(session, `${ctx.baseUrl}/_sandbox/checkout/${session.id}/done`), 303);
  });

  // Embedded completion by the stand-in: publishable key + client_secret + card fields.
  defineRoute(
    app,
    deps,
    'POST',
    '/_sandbox/checkout/:id/complete',
    'browser',
    (req, ctx) => {
      const p = parseParams(req.params, COMPLETE, ['card']);
      const session = embeddedSession(ctx, req.path.id, p.client_secret, req.keyKind);
      completeCheckoutSession(ctx, session, formOf(p));
      return { session: embeddedView(ctx, session), redirect_url: session.redirect_on_completion === 'never' ? null : redirectAfterCompletion(session, '') };
    },
    { customerAction: true },
  );

  defineRoute(app, deps, 'GET', '/_sandbox/checkout/:id/embedded', 'browser', (req, ctx) => {
    const p = parseParams(req.params, { client_secret: 'string' });
    const session = embeddedSession(ctx, req.path.id, p.client_secret, req.keyKind);
    refreshExpiry(ctx, session);
    return embeddedView(ctx, session);
  });

  app.get('/_sandbox/checkout/:id/done', (c) => {
    const ctx = ctxOf(c);
    const session = ctx.state.checkoutSessions.get(c.req.param('id'));
    if (!session || session.status !== 'complete') return html(c, 404, 'Not found', '<p>No completed Checkout Session here.</p>');
    const link = typeof session.payment_link === 'string' ? ctx.state.paymentLinks.get(session.payment_link) : undefined;
    const message = link?.after_completion.hosted_confirmation?.custom_message ?? 'Thanks for your order.';
    return html(c, 200, 'Payment complete', `<p>${esc(message)}</p>`);
  });

  // A Payment Link visit. Inactive links answer 410 with an expiry page (a sandbox choice: Stripe
  // shows its own "link expired/deactivated" page; its HTTP status is not documented).
  app.get('/_sandbox/payment_links/:id', (c) => {
    const ctx = ctxOf(c);
    const link = ctx.state.paymentLinks.get(c.req.param('id'));
    if (!link) return html(c, 404, 'Link not found', '<p>This payment link does not exist.</p>');
    if (!link.active) return html(c, 410, 'This link has expired', `<p>${esc(link.inactive_message ?? 'This payment link is no longer active.')}</p>`);
    const session = checkoutSessionForLink(ctx, link);
    return c.redirect(session.url!, 303);
  });
}

function embeddedSession(ctx: Ctx, id: string, clientSecret: string | undefined, keyKind: string): Stripe.Checkout.Session {
  const session = requireCheckoutSession(ctx, id);
  if (session.ui_mode !== 'embedded_page') throw invalidRequest('This Checkout Session is not an embedded_page session.', { param: 'id' });
  if (keyKind === 'publishable' || clientSecret !== undefined) {
    if (!clientSecret) throw missingParam('client_secret');
    if (clientSecret !== session.client_secret) throw invalidRequest('The client_secret does not match this Checkout Session.', { param: 'client_secret' });
  }
  return session;
}

