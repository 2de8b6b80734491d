// Link sign-in against the emulator's sandbox-only routes (/_sandbox/link/lookup and /verify).
// Real Stripe.js looks the email up and sends an SMS one-time code through Link's private
// consumer API; the sandbox sends nothing and accepts the documented sandbox codes instead
// (seed 000, "Test the integration": 000001 invalid, 000002 expired, 000003 max attempts, any
// other 6 digits succeed).
import type { StripeError } from '@stripe/stripe-js';
import type { ApiClient } from './api-client.ts';
import type { SavedCard } from './saved-methods.ts';

export interface LinkAddress {
  line1: string | null;
  line2?: string | null;
  city: string | null;
  state?: string | null;
  postal_code: string | null;
  country: string | null;
}

/** The account's funding card, as Link shows it ("Visa •••• 4242"). */
export interface LinkFunding {
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
}

/** What a successful verification returns: the account's saved contact and shipping, a `link` PaymentMethod and its funding card. */
export interface LinkAccount {
  email: string;
  name?: string | null;
  phone?: string | null;
  shipping?: { name: string | null; address: LinkAddress } | null;
  payment_method: { id: string; type: string; billing_details?: SavedCard['billing_details'] };
  funding: LinkFunding;
}

/** The Link method as a saved option of the Payment Element: its id and type, labelled by its funding card. */
export function linkOption(pm: LinkAccount['payment_method'], funding: LinkFunding): SavedCard {
  return { id: pm.id, type: pm.type, card: { ...funding }, billing_details: pm.billing_details };
}

export type CodeProblem = 'invalid' | 'expired' | 'max_attempts' | 'other';

/** True when `email` belongs to a sandbox Link account; any failure counts as "not registered". */
export async function lookupLinkAccount(api: ApiClient, email: string): Promise<boolean> {
  const result = await api.post<{ registered?: boolean }>('/_sandbox/link/lookup', { email });
  return result.ok && result.body.registered === true;
}

export async function verifyLinkCode(
  api: ApiClient,
  email: string,
  code: string,
): Promise<{ account: LinkAccount } | { problem: CodeProblem; error: StripeError }> {
  const result = await api.post<LinkAccount>('/_sandbox/link/verify', { email, code });
  if (result.ok) return { account: result.body };
  return { problem: classify(result.error), error: result.error };
}

/** Sorts the emulator's 400 into the three documented outcomes by its code (or message). */
function classify(error: StripeError): CodeProblem {
  const text = `${error.code ?? ''} ${error.message ?? ''}`.toLowerCase();
  if (/max|attempt/.test(text)) return 'max_attempts';
  if (/expire/.test(text)) return 'expired';
  if (/invalid|incorrect/.test(text)) return 'invalid';
  return 'other';
}
