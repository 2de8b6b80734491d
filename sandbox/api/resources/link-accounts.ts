/**
 * Sandbox-only Link accounts for the Stripe.js stand-in's Link Authentication Element. Stripe's
 * Link lookup/verification endpoints are private to Stripe.js; these stand-ins follow what the
 * Link guide documents for test mode: a registered email asks for a one-time code, 000001 /
 * 000002 / 000003 fail (invalid / expired / too many attempts), any other 6 digits log in.
 * https://docs.stripe.com/payments/link/add-link-elements-integration (testing section)
 * The error codes (`link_code_invalid`, `link_code_expired`, `link_code_max_attempts`) are sandbox names.
 */
import type Stripe from 'stripe';
import { type CardSecret, validateCard } from '../cards.ts';
import { invalidParam, invalidRequest } from '../errors.ts';
import type { Ctx, LinkAccount, State } from '../state.ts';
import { billingDetailsFrom, createCardPaymentMethod } from './payment-methods.ts';

export interface LinkAccountInput {
  name: string;
  phone?: string;
  shipping: { name?: string; phone?: string; address: Partial<Stripe.Address> };
  card: { number: string; exp_month?: number; exp_year?: number; cvc?: string };
}

export function registerLinkAccount(state: State, email: string, input: LinkAccountInput, nowYear: number): LinkAccount {
  const card: CardSecret = {
    number: input.card.number.replace(/[\s-]/g, ''),
    exp_month: input.card.exp_month ?? 12,
    exp_year: input.card.exp_year ?? nowYear + 3,
    cvc: input.card.cvc ?? '123',
  };
  validateCard(card, new Date(Date.UTC(nowYear, 0, 1)), 'card');
  const a = input.shipping.address;
  const account: LinkAccount = {
    email: email.toLowerCase(),
    name: input.name,
    phone: input.phone ?? null,
    shipping: {
      name: input.shipping.name ?? input.name,
      phone: input.shipping.phone ?? input.phone ?? null,
      address: { line1: a.line1 ?? null, line2: a.line2 ?? null, city: a.city ?? null, state: a.state ?? null, postal_code: a.postal_code ?? null, country: a.country ?? null },
    },
    card,
  };
  state.linkAccounts.set(account.email, account);
  return account;
}

export function lookupLinkAccount(ctx: Ctx, email: string): { registered: boolean } {
  return { registered: ctx.state.linkAccounts.has(email.trim().toLowerCase()) };
}

const CODE_ERRORS: Record<string, { code: string; message: string }> = {
  '000001': { code: 'link_code_invalid', message: 'The verification code is invalid.' },
  '000002': { code: 'link_code_expired', message: 'The verification code has expired.' },
  '000003': { code: 'link_code_max_attempts', message: 'Too many verification attempts. Try again later.' },
};

/** Verifies the one-time code; on success returns the account's saved details and a fresh card PaymentMethod. */
export function verifyLinkAccount(ctx: Ctx, email: string, code: string) {
  const account = ctx.state.linkAccounts.get(email.trim().toLowerCase());
  if (!account) throw invalidRequest(`No Link account is registered for ${email}.`, { code: 'resource_missing', param: 'email', status: 404 });
  if (!/^\d{6}$/.test(code)) throw invalidParam('code', 'The verification code must be 6 digits.');
  const failure = CODE_ERRORS[code];
  if (failure) throw invalidRequest(failure.message, { code: failure.code, param: 'code' });
  const billing = billingDetailsFrom({ name: account.name, email: account.email, phone: account.phone ?? undefined, address: { ...account.shipping.address } });
  // A Link wallet's saved card, represented as a card PaymentMethod (no `link` type is modelled).
  const pm = createCardPaymentMethod(ctx, account.card, billing, 'always');
  return {
    email: account.email,
    name: account.name,
    phone: account.phone,
    shipping: { name: account.shipping.name, phone: account.shipping.phone, address: { ...account.shipping.address } },
    payment_method: {
      id: pm.id,
      type: pm.type,
      card: { brand: pm.card!.brand, last4: pm.card!.last4, exp_month: pm.card!.exp_month, exp_year: pm.card!.exp_year },
      billing_details: pm.billing_details,
    },
  };
}
