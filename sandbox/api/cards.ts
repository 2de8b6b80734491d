/**
 * Test-card behaviour, after https://docs.stripe.com/testing. The full number never leaves the
 * emulator's private store; objects expose brand/last4/expiry only.
 */
import type Stripe from 'stripe';
import { cardError } from './errors.ts';
import { fingerprint } from './ids.ts';

export interface CardSecret {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc?: string;
}

export type Outcome =
  | { kind: 'succeed' }
  | { kind: 'authenticate' }
  | { kind: 'decline'; code: string; decline_code: string; message: string };

const DECLINED = 'Your card was declined.';

/** Numbers Stripe documents as succeeding (no authentication). */
const SUCCEEDS = new Set([
  '4242424242424242', '4000056655665556', '5555555555554444', '2223003122003222', '5200828282828210',
  '5105105105105100', '378282246310005', '371449635398431', '6011111111111117', '6011000990139424',
  '3566002020360505', '36227206271667', '3056930009020004', '6200000000000005',
]);

/** Numbers that always need 3D Secure (3220: 3DS2; 3184: authentication on every payment). */
const AUTHENTICATES = new Set(['4000000000003220', '4000002760003184']);

const DECLINES: Record<string, { code: string; decline_code: string; message: string }> = {
  '4000000000000002': { code: 'card_declined', decline_code: 'generic_decline', message: DECLINED },
  '4000000000009995': { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  '4000000000009987': { code: 'card_declined', decline_code: 'lost_card', message: DECLINED },
  '4000000000009979': { code: 'card_declined', decline_code: 'stolen_card', message: DECLINED },
  '4000000000000069': { code: 'expired_card', decline_code: 'expired_card', message: 'Your card has expired.' },
  '4000000000000127': { code: 'incorrect_cvc', decline_code: 'incorrect_cvc', message: "Your card's security code is incorrect." },
  '4000000000000119': { code: 'processing_error', decline_code: 'processing_error', message: 'An error occurred while processing your card. Try again in a little bit.' },
};

/** `payment_method: 'pm_card_visa'`-style test tokens accepted in test mode. */
export const TEST_PAYMENT_METHODS: Record<string, string> = {
  pm_card_visa: '4242424242424242',
  pm_card_mastercard: '5555555555554444',
  pm_card_authenticationRequired: '4000002760003184',
  pm_card_threeDSecure2Required: '4000000000003220',
  pm_card_chargeDeclined: '4000000000000002',
  pm_card_chargeDeclinedInsufficientFunds: '4000000000009995',
  // Names as listed on https://docs.stripe.com/testing (declined payments, by card brand).
  pm_card_visa_debit: '4000056655665556',
  pm_card_mastercard_debit: '5200828282828210',
  pm_card_amex: '378282246310005',
  pm_card_visa_chargeDeclined: '4000000000000002',
  pm_card_visa_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_visa_chargeDeclinedLostCard: '4000000000009987',
  pm_card_visa_chargeDeclinedStolenCard: '4000000000009979',
  pm_card_chargeDeclinedExpiredCard: '4000000000000069',
  pm_card_chargeDeclinedIncorrectCvc: '4000000000000127',
  pm_card_chargeDeclinedProcessingError: '4000000000000119',
};

export function luhnValid(number: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = number.length - 1; i >= 0; i--) {
    let d = number.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export function brandOf(number: string): string {
  if (/^4/.test(number)) return 'visa';
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^(6011|65|64[4-9])/.test(number)) return 'discover';
  if (/^35/.test(number)) return 'jcb';
  if (/^(36|30[0-5]|38)/.test(number)) return 'diners';
  if (/^62/.test(number)) return 'unionpay';
  return 'unknown';
}

function fundingOf(number: string): string {
  if (number === '4000056655665556' || number === '5200828282828210') return 'debit';
  if (number === '5105105105105100') return 'prepaid';
  return 'credit';
}

/**
 * Validates raw card data the way card creation does; errors are 402 card_error.
 * Luhn failures are `incorrect_number` (docs.stripe.com/testing, "invalid data"); malformed numbers
 * `invalid_number`. The exact `param` Stripe reports on ConfirmationToken creation is unverified.
 */
export function validateCard(card: CardSecret, now: Date, paramPrefix: string): void {
  const number = card.number;
  if (!/^\d{12,19}$/.test(number)) {
    throw cardError({ code: 'invalid_number', message: 'Your card number is invalid.', param: `${paramPrefix}[number]` });
  }
  if (!luhnValid(number)) {
    throw cardError({ code: 'incorrect_number', message: 'Your card number is incorrect.', param: `${paramPrefix}[number]` });
  }
  if (card.exp_month < 1 || card.exp_month > 12) {
    throw cardError({ code: 'invalid_expiry_month', message: "Your card's expiration month is invalid.", param: `${paramPrefix}[exp_month]` });
  }
  const year = card.exp_year < 100 ? 2000 + card.exp_year : card.exp_year;
  const nowYear = now.getUTCFullYear();
  if (year < nowYear || year > nowYear + 50) {
    throw cardError({ code: 'invalid_expiry_year', message: "Your card's expiration year is invalid.", param: `${paramPrefix}[exp_year]` });
  }
  if (year === nowYear && card.exp_month < now.getUTCMonth() + 1) {
    throw cardError({ code: 'invalid_expiry_month', message: "Your card's expiration month is invalid.", param: `${paramPrefix}[exp_month]` });
  }
  if (card.cvc !== undefined && !/^\d{3,4}$/.test(card.cvc)) {
    throw cardError({ code: 'invalid_cvc', message: "Your card's security code is invalid.", param: `${paramPrefix}[cvc]` });
  }
}

/** What happens when this card is charged. Other Luhn-valid numbers are "live" cards in test mode. */
export function outcomeOf(number: string): Outcome {
  if (SUCCEEDS.has(number)) return { kind: 'succeed' };
  if (AUTHENTICATES.has(number)) return { kind: 'authenticate' };
  const decline = DECLINES[number];
  if (decline) return { kind: 'decline', ...decline };
  return {
    kind: 'decline',
    code: 'card_declined',
    decline_code: 'test_mode_live_card',
    message: `${DECLINED} Your request was in test mode, but used a non test (live) card. For a list of valid test cards, visit: https://docs.stripe.com/testing.`,
  };
}

export function publicCard(card: CardSecret): Stripe.PaymentMethod.Card {
  const brand = brandOf(card.number);
  return {
    brand,
    checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: card.cvc ? 'unchecked' : null },
    country: 'US',
    display_brand: brand,
    exp_month: card.exp_month,
    exp_year: card.exp_year < 100 ? 2000 + card.exp_year : card.exp_year,
    fingerprint: fingerprint(card.number),
    funding: fundingOf(card.number),
    generated_from: null,
    last4: card.number.slice(-4),
    networks: { available: [brand], preferred: null },
    regulated_status: 'unregulated',
    three_d_secure_usage: { supported: true },
    wallet: null,
  };
}
