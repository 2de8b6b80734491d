/**
 * Sandbox-only Link accounts, standing in for Link's private consumer API that Stripe.js uses.
 * What the Link guide documents for test mode (seed 001 § Test the integration): any valid email
 * can become a test Link account; a registered email asks for a one-time code; 000001 / 000002 /
 * 000003 fail (invalid / expired / too many attempts), any other 6 digits sign in.
 *
 * Sign-up: the Payment Element's "save my info" choice sends email, phone and the card here; the
 * account stays `pending` until a payment or setup with its PaymentMethod succeeds, so a declined
 * card creates no account. Paying with Link makes a `link` PaymentMethod (a fresh one per sign-in),
 * whose funding card is kept privately and decides the outcome (3220 asks for 3DS, 0002 declines).
 * One funding card per account; no phone verification, no bank accounts, no several funding sources.
 * The error codes (`link_code_invalid`, `link_code_expired`, `link_code_max_attempts`,
 * `link_account_exists`, `phone_invalid`) are sandbox names.
 */
import type Stripe from 'stripe';
import { type CardSecret, publicCard, validateCard } from '../cards.ts';
import { invalidParam, invalidRequest } from '../errors.ts';
import type { Ctx, LinkAccount, State } from '../state.ts';
import { billingDetailsFrom, createLinkPaymentMethod } from './payment-methods.ts';

export interface LinkAccountInput {
  name: string;
  phone?: string;
  shipping: { name?: string; phone?: string; address: Partial<Stripe.Address> };
  card: { number: string; exp_month?: number; exp_year?: number; cvc?: string };
}

const normalize = (email: string) => email.trim().toLowerCase();

function addressOf(a: Partial<Stripe.Address> | undefined): Stripe.Address {
  return { line1: a?.line1 ?? null, line2: a?.line2 ?? null, city: a?.city ?? null, state: a?.state ?? null, postal_code: a?.postal_code ?? null, country: a?.country ?? null };
}

/** An active account (the emulator's registerLinkAccount, and the seeded demo account). */
export function registerLinkAccount(state: State, email: string, input: LinkAccountInput, nowYear: number): LinkAccount {
  const card: CardSecret = {
    number: input.card.number.replace(/[\s-]/g, ''),
    exp_month: input.card.exp_month ?? 12,
    exp_year: input.card.exp_year ?? nowYear + 3,
    cvc: input.card.cvc ?? '123',
  };
  validateCard(card, new Date(Date.UTC(nowYear, 0, 1)), 'card');
  const account: LinkAccount = {
    email: normalize(email),
    name: input.name,
    phone: input.phone ?? null,
    shipping: {
      name: input.shipping.name ?? input.name,
      phone: input.shipping.phone ?? input.phone ?? null,
      address: addressOf(input.shipping.address),
    },
    card,
    status: 'active',
  };
  state.linkAccounts.set(account.email, account);
  return account;
}

function activeAccount(ctx: Ctx, email: string): LinkAccount | undefined {
  const account = ctx.state.linkAccounts.get(normalize(email));
  return account && account.status !== 'pending' ? account : undefined;
}

export function lookupLinkAccount(ctx: Ctx, email: string): { registered: boolean } {
  return { registered: activeAccount(ctx, email) !== undefined };
}

/** What the stand-in shows for the account's funding card ("Visa •••• 4242"); never the number. */
function fundingOf(card: CardSecret) {
  const c = publicCard(card);
  return { type: 'card' as const, brand: c.brand, last4: c.last4, exp_month: c.exp_month, exp_year: c.exp_year };
}

function paymentMethodFor(ctx: Ctx, account: LinkAccount): Stripe.PaymentMethod {
  const billing = billingDetailsFrom({
    name: account.name ?? undefined,
    email: account.email,
    phone: account.phone ?? undefined,
    address: account.shipping ? { ...account.shipping.address } : undefined,
  });
  return createLinkPaymentMethod(ctx, account.email, account.card, billing);
}

const CODE_ERRORS: Record<string, { code: string; message: string }> = {
  '000001': { code: 'link_code_invalid', message: 'The verification code is invalid.' },
  '000002': { code: 'link_code_expired', message: 'The verification code has expired.' },
  '000003': { code: 'link_code_max_attempts', message: 'Too many verification attempts. Try again later.' },
};

/** Verifies the one-time code; on success the account's saved details and a fresh `link` PaymentMethod. */
export function verifyLinkAccount(ctx: Ctx, email: string, code: string) {
  const account = activeAccount(ctx, email);
  if (!account) throw invalidRequest(`No Link account is registered for ${email}.`, { code: 'resource_missing', param: 'email', status: 404 });
  if (!/^\d{6}$/.test(code)) throw invalidParam('code', 'The verification code must be 6 digits.');
  const failure = CODE_ERRORS[code];
  if (failure) throw invalidRequest(failure.message, { code: failure.code, param: 'code' });
  return {
    email: account.email,
    name: account.name,
    phone: account.phone,
    shipping: account.shipping ? { name: account.shipping.name, phone: account.shipping.phone, address: { ...account.shipping.address } } : null,
    payment_method: paymentMethodFor(ctx, account),
    funding: fundingOf(account.card),
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Loose international phone check: 7 to 15 digits, an optional leading +, spaces, dashes, dots, parentheses. */
export function phoneProblem(phone: string): string | null {
  if (!/^\+?[\d\s().-]+$/.test(phone)) return 'Enter a phone number of digits, optionally starting with +.';
  const digits = phone.replace(/\D/g, '').length;
  return digits < 7 || digits > 15 ? 'Enter a phone number of 7 to 15 digits.' : null;
}

/** The shopper chose to save their details with Link while paying by card. */
export function signUpForLink(ctx: Ctx, p: Record<string, any>) {
  const email = normalize(p.email);
  if (!EMAIL.test(email)) throw invalidParam('email', `${p.email} is not a valid email address.`);
  if (activeAccount(ctx, email)) {
    throw invalidRequest(`${email} already has a Link account; sign in with a one-time code instead.`, { code: 'link_account_exists', param: 'email' });
  }
  const problem = phoneProblem(p.phone);
  if (problem) throw invalidRequest(problem, { code: 'phone_invalid', param: 'phone' });
  const card: CardSecret = { number: String(p.card.number).replace(/[\s-]/g, ''), exp_month: p.card.exp_month, exp_year: p.card.exp_year, cvc: p.card.cvc };
  validateCard(card, new Date(ctx.now() * 1000), 'card');
  const billing = billingDetailsFrom({ ...p.billing_details, email });
  const s = p.shipping;
  const account: LinkAccount = {
    email,
    name: p.name || billing.name || null,
    phone: p.phone,
    shipping: s ? { name: s.name ?? null, phone: s.phone ?? null, address: addressOf(s.address) } : null,
    card,
    status: 'pending',
  };
  ctx.state.linkAccounts.set(email, account);
  const pm = createLinkPaymentMethod(ctx, email, card, { ...billing, phone: billing.phone ?? p.phone });
  return { payment_method: pm, funding: fundingOf(card) };
}

/** A payment or setup with a `link` PaymentMethod succeeded: a pending sign-up becomes an account. */
export function activateLinkAccount(ctx: Ctx, pm: Stripe.PaymentMethod): void {
  const account = pm.type === 'link' && pm.link?.email ? ctx.state.linkAccounts.get(normalize(pm.link.email)) : undefined;
  if (account?.status === 'pending') account.status = 'active';
}
