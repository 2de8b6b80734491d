/**
 * The element's own words, in English. Other languages (locales/*.ts) load on demand, alongside
 * the quote, so an English page carries none of them. `{0}`, `{1}` are filled in by `say`.
 * Messages from the server are its own, in English.
 */
export const EN = {
  loading: 'Loading checkout…',
  sandbox: 'Sandbox',
  sandboxTitle: 'Test mode: no real money moves',
  amount: 'Amount ({0})',
  amountRange: 'Enter an amount from {0} to {1}.',
  pay: 'Pay',
  payAmount: 'Pay {0}',
  subscribe: 'Subscribe {0}/{1}',
  save: 'Save payment details',
  withStripe: '{0} with Stripe',
  continue: 'Continue',
  processing: 'Processing…',
  confirming: 'Confirming with Stripe…',
  paid: 'Paid',
  saved: 'Saved',
  subscribed: 'Subscribed',
  day: 'day',
  week: 'week',
  month: 'month',
  year: 'year',
  thanksPaid: 'Payment of {0} received. Thank you!',
  thanksAuthorized: 'Payment of {0} authorized. Thank you!',
  thanksProcessing: 'Your payment of {0} is processing. Thank you!',
  thanksActive: 'Your subscription is active. Thank you!',
  thanksSaved: 'Your payment details are saved. Thank you!',
  thanksSaving: 'Your payment details are being confirmed. Thank you!',
  order: 'Your order is {0}.',
  notCompleted: 'The payment was not completed. Please try again or use another payment method.',
  authFailed: 'Your bank could not confirm this payment. Try again, or use another payment method.',
  offline: 'Could not reach the payment server. Check your connection and try again.',
  unexpected: 'The payment server answered with an unexpected response (HTTP {0}). Please try again.',
  formFailed: 'The payment form could not be loaded. Check your connection and reload the page.',
  liveKey: 'This checkout is misconfigured (sandbox mode with a live key). No payment can be taken.',
  completeFirst: 'Complete the checkout first.',
};

export type Words = typeof EN;
export type Say = (key: keyof Words, ...args: string[]) => string;

export const sayIn = (words: Words): Say => (key, ...args) => words[key].replace(/\{(\d)\}/g, (_, i: string) => args[Number(i)] ?? '');

/** Vite makes each its own chunk (link-checkout-<lang>-<hash>.js). */
const LOCALES: Record<string, () => Promise<{ words: Partial<Words> }>> = {
  de: () => import('./locales/de.ts'),
  es: () => import('./locales/es.ts'),
  fr: () => import('./locales/fr.ts'),
  ja: () => import('./locales/ja.ts'),
};

/** The language of `locale` (the attribute; `auto` or none: the browser's), as the two letters we know. */
export const languageOf = (locale: string) => (locale && locale !== 'auto' ? locale : navigator.language).slice(0, 2).toLowerCase();

/** The words for a language: English, over which a translation is laid (a missing word stays English). */
export async function wordsFor(language: string): Promise<Words> {
  const load = Object.hasOwn(LOCALES, language) ? LOCALES[language] : undefined;
  return load ? { ...EN, ...(await load()).words } : EN;
}
