/**
 * What Stripe checks before it confirms an intent, given the request and the ConfirmationToken.
 * Each check runs before anything changes, so a refused confirm leaves the intent (and the token)
 * as they were. Message wording is paraphrased; see sandbox/api/NOTES.md for what is unverified.
 */
import type Stripe from 'stripe';
import { invalidRequest } from '../errors.ts';
import type { Ctx } from '../state.ts';
import { clientContextOf } from './confirmation-tokens.ts';

export type IntentKind = 'PaymentIntent' | 'SetupIntent';

/** The intent fields the checks read, with any values the confirm request itself sets applied. */
export interface ConfirmTarget {
  automatic_payment_methods?: { enabled: boolean | null; allow_redirects?: string } | null;
  excluded_payment_method_types: string[] | null;
  setup_future_usage?: string | null;
  capture_method?: string;
}

export interface ConfirmRequest {
  confirmation_token?: string;
  return_url?: string;
  off_session?: boolean;
  /**
   * Only secret-key confirms are checked for a return_url: whether Stripe.js adds one of its own to
   * publishable-key confirms is not documented.
   */
  secretKey: boolean;
}

export function checkConfirm(ctx: Ctx, intent: ConfirmTarget, kind: IntentKind, req: ConfirmRequest): void {
  const token = req.confirmation_token ? ctx.state.confirmationTokens.get(req.confirmation_token) : undefined;
  if (req.secretKey) checkReturnUrl(intent, kind, req, token);
  if (token && kind === 'PaymentIntent') checkTokenAgreesWithIntent(ctx, token, intent);
  // A Link token still pays with Link; anything else the sandbox makes is a card.
  const paysWithLink = token?.payment_method_preview?.type === 'link';
  if (!paysWithLink && intent.excluded_payment_method_types?.includes('card')) {
    throw invalidRequest(`This ${kind} excludes the payment method type card (excluded_payment_method_types), so it cannot be confirmed with a card.`, {
      param: 'excluded_payment_method_types',
    });
  }
}

/**
 * Automatic payment methods may include redirect-based ones, so Stripe wants to know where to send
 * the customer back: a return_url on the request or on the token. `allow_redirects=never` and
 * off-session confirms (seed 001 / 003 charge saved cards without one) need none.
 */
function checkReturnUrl(intent: ConfirmTarget, kind: IntentKind, req: ConfirmRequest, token: Stripe.ConfirmationToken | undefined): void {
  const apm = intent.automatic_payment_methods;
  if (!apm?.enabled || apm.allow_redirects === 'never' || req.off_session) return;
  if (req.return_url || token?.return_url) return;
  throw invalidRequest(
    `A return_url is required to confirm this ${kind}: it accepts the payment methods enabled in the Dashboard automatically, ` +
      'and some of them may need a full-page redirect. Pass return_url, or create the intent with ' +
      'automatic_payment_methods[enabled]=true and automatic_payment_methods[allow_redirects]=never to accept only methods without redirects.',
    { param: 'return_url' },
  );
}

/**
 * A token carries the Elements options it was made with; Stripe refuses it for a PaymentIntent set
 * up differently. setup_future_usage is a documented token field; capture_method is only known
 * from the client context, so tokens without one (the test helper's) are not checked for it.
 */
function checkTokenAgreesWithIntent(ctx: Ctx, token: Stripe.ConfirmationToken, intent: ConfirmTarget): void {
  const intentSfu = intent.setup_future_usage || null;
  if ((token.setup_future_usage || null) !== intentSfu) {
    throw invalidRequest(
      `This PaymentIntent's setup_future_usage (${intentSfu}) does not match the setup_future_usage of the ConfirmationToken (${token.setup_future_usage}). ` +
        'Create the ConfirmationToken from Elements configured with the same setupFutureUsage as the PaymentIntent.',
      { param: 'setup_future_usage' },
    );
  }
  const context = clientContextOf(ctx, token);
  if (!context) return;
  // Elements default to automatic capture; automatic and automatic_async both capture at once.
  const tokenManual = context.capture_method === 'manual';
  const intentManual = intent.capture_method === 'manual';
  if (tokenManual !== intentManual) {
    throw invalidRequest(
      `This PaymentIntent's capture_method (${intent.capture_method}) does not match the captureMethod of the Elements that created the ConfirmationToken (${context.capture_method ?? 'automatic'}). ` +
        'Create the ConfirmationToken from Elements configured with the same captureMethod as the PaymentIntent.',
      { param: 'capture_method' },
    );
  }
}

/**
 * An intent confirms only with a PaymentMethod of one of its payment_method_types (automatic
 * payment methods list card and link here). Stripe's wording and code are unverified: 400, param
 * payment_method.
 */
export function checkPaymentMethodType(intent: { payment_method_types: string[] }, type: string, kind: IntentKind): void {
  if (intent.payment_method_types.includes(type)) return;
  throw invalidRequest(
    `The PaymentMethod's type (${type}) is not one of this ${kind}'s payment_method_types (${intent.payment_method_types.join(', ')}).`,
    { param: 'payment_method' },
  );
}
