// Field validation run by elements.submit(). Codes follow Stripe's client-side validation codes
// (Payment Element / Card Element: incomplete_number, invalid_number, incomplete_expiry,
// invalid_expiry_month, invalid_expiry_month_past, invalid_expiry_year_past, incomplete_cvc;
// see https://docs.stripe.com/error-codes and https://docs.stripe.com/js/element/input_validation).
// Messages are our own wording. Codes for the Address and Link Authentication Elements
// (incomplete_*, email_invalid) are sandbox choices in the same style.

export interface FieldError {
  /** The input's name inside its element, e.g. 'number', 'line1', 'email'. */
  field: string;
  code: string;
  message: string;
}

const digits = (s: string) => s.replace(/[\s-]/g, '');

export function luhnValid(number: string): boolean {
  const d = digits(number);
  if (!/^\d+$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let n = Number(d[d.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

/** American Express numbers have 15 digits; the card brands we model otherwise have 16. */
function expectedLength(number: string): number {
  return /^3[47]/.test(number) ? 15 : 16;
}

export function validateCardNumber(raw: string): FieldError | null {
  const n = digits(raw);
  if (n !== '' && !/^\d+$/.test(n)) return { field: 'number', code: 'invalid_number', message: 'The card number is not valid.' };
  if (n.length < expectedLength(n)) return { field: 'number', code: 'incomplete_number', message: 'The card number is incomplete.' };
  if (n.length > 19 || !luhnValid(n)) return { field: 'number', code: 'invalid_number', message: 'The card number is not valid.' };
  return null;
}

/** Parses `MM / YY` (spaces and the slash optional) into month and full year. */
export function parseExpiry(raw: string): { month: number; year: number } | null {
  const m = /^\s*(\d{1,2})\s*\/?\s*(\d{2})\s*$/.exec(raw);
  if (!m) return null;
  return { month: Number(m[1]), year: 2000 + Number(m[2]) };
}

export function validateExpiry(raw: string, now = new Date()): FieldError | null {
  const parsed = parseExpiry(raw);
  if (!parsed) return { field: 'expiry', code: 'incomplete_expiry', message: 'The expiration date is incomplete.' };
  const { month, year } = parsed;
  if (month < 1 || month > 12) return { field: 'expiry', code: 'invalid_expiry_month', message: 'The expiration month is not valid.' };
  const thisYear = now.getFullYear();
  if (year < thisYear) return { field: 'expiry', code: 'invalid_expiry_year_past', message: "The expiration year is in the past." };
  if (year === thisYear && month < now.getMonth() + 1) {
    return { field: 'expiry', code: 'invalid_expiry_month_past', message: 'The expiration date is in the past.' };
  }
  return null;
}

export function validateCvc(raw: string): FieldError | null {
  return /^\d{3,4}$/.test(raw.trim()) ? null : { field: 'cvc', code: 'incomplete_cvc', message: 'The security code is incomplete.' };
}

// Deliberately simple: one @, no spaces, a dot in the domain. Stripe's own check is not published.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateEmail(raw: string): FieldError | null {
  const v = raw.trim();
  if (v === '') return { field: 'email', code: 'incomplete_email', message: 'Enter your email address.' };
  if (!EMAIL.test(v)) return { field: 'email', code: 'email_invalid', message: 'The email address is not valid.' };
  return null;
}

/** The Link sign-up phone number: 7 to 15 digits, an optional leading +, separators allowed. */
export function validatePhone(raw: string, field: string): FieldError | null {
  const v = raw.trim();
  if (v === '') return { field, code: 'incomplete_phone', message: 'Enter your phone number.' };
  const digits = v.replace(/\D/g, '').length;
  if (!/^\+?[\d\s().-]+$/.test(v) || digits < 7 || digits > 15) return { field, code: 'invalid_phone', message: 'The phone number is not valid.' };
  return null;
}

/** Countries whose addresses need a state or province. */
export const STATE_REQUIRED = new Set(['US', 'CA', 'AU']);

export interface AddressInput {
  name: string;
  line1: string;
  city: string;
  state: string;
  postal_code: string;
  country: string;
  phone?: string;
}

export function validateAddress(a: AddressInput, phoneRequired = false): FieldError[] {
  const errors: FieldError[] = [];
  const need = (field: keyof AddressInput, what: string) => {
    if (!(a[field] ?? '').trim()) errors.push({ field, code: `incomplete_${field}`, message: `Enter the ${what}.` });
  };
  need('name', 'full name');
  need('line1', 'address');
  need('city', 'city');
  if (STATE_REQUIRED.has(a.country)) need('state', 'state');
  need('postal_code', 'ZIP or postal code');
  need('country', 'country');
  if (phoneRequired) need('phone', 'phone number');
  if (a.country === 'US' && a.postal_code.trim() && !/^\d{5}(-\d{4})?$/.test(a.postal_code.trim())) {
    errors.push({ field: 'postal_code', code: 'invalid_postal_code', message: 'The ZIP code is not valid.' });
  }
  return errors;
}
