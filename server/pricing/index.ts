import type { CheckoutMode, ElementsIntentOptions, Quote, QuoteRequest } from '../../protocol/index.ts';
import { invalidRequest } from '../errors.ts';
import type { Catalog } from './catalog.ts';
import { verifyPrice } from './signature.ts';

export { parseCatalog, type Catalog, type CatalogEntry } from './catalog.ts';
export { parseQuoteRequest } from './request.ts';
export { signPrice, verifyPrice, signCustomer, verifyCustomer, checkSigningSecret, type SignedPrice } from './signature.ts';

/** Per-currency range of open amounts (donations, pay what you want), minor units. */
export type OpenAmounts = Record<string, { min: number; max: number }>;

export interface PricingOptions {
  catalog: Catalog;
  /** Without it, signed amounts are refused. */
  signingSecret?: string;
  /** Without it (or for a currency it lacks), open amounts are refused. */
  openAmounts?: OpenAmounts;
}

export interface PriceRules {
  /**
   * The price the server will charge for a request; throws an ApiError when there is none.
   * `checkout`: the shopper's final word, so an open amount must be there and in range.
   */
  quote(request: QuoteRequest, phase?: 'quote' | 'checkout'): Promise<PricedQuote>;
}

/** A quote the price rules made (an existing order's quote is the recovery page's). */
export type PricedQuote = Quote & { rule: Exclude<Quote['rule'], 'order'> };

/** Seed 002: the deferred-intent flow does not support BLIK or ACSS pre-authorized debits. */
export const EXCLUDED_PAYMENT_METHOD_TYPES = ['blik', 'acss_debit'];

/** `usd:100-100000,eur:100-50000` (minor units), as OPEN_AMOUNTS holds it. */
export function parseOpenAmounts(text: string): OpenAmounts {
  const ranges: OpenAmounts = Object.create(null);
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([a-z]{3}):(\d+)-(\d+)$/.exec(part.toLowerCase());
    if (!match) throw new Error(`OPEN_AMOUNTS: "${part}" is not currency:min-max in minor units (usd:100-100000)`);
    const [, currency, min, max] = match as unknown as [string, string, string, string];
    if (Number(min) < 1 || Number(min) > Number(max)) throw new Error(`OPEN_AMOUNTS: ${currency} needs 1 <= min <= max`);
    ranges[currency] = { min: Number(min), max: Number(max) };
  }
  return ranges;
}

const modeMismatch = (message: string) => invalidRequest('mode_mismatch', message, 'mode');

function elementsOptions(mode: CheckoutMode, amount: number, currency: string, request: QuoteRequest): ElementsIntentOptions {
  const options: ElementsIntentOptions = { mode, currency, excludedPaymentMethodTypes: EXCLUDED_PAYMENT_METHOD_TYPES };
  if (mode !== 'setup') options.amount = amount;
  if (request.capture === 'manual') {
    if (mode !== 'payment') throw invalidRequest('capture_unsupported', 'capture="manual" applies to one-time payments only.', 'capture');
    options.captureMethod = 'manual';
  }
  if (request.save) {
    if (mode !== 'payment') throw invalidRequest('save_unsupported', `save applies to one-time payments; ${mode} mode always saves the payment method.`, 'save');
    options.setupFutureUsage = request.save;
  }
  return options;
}

/**
 * The three price rules of ARCHITECTURE.md § The price decision, in one place: a catalog item, a
 * fixed amount signed by the merchant, or an open amount within configured bounds. The browser's
 * amount is a claim these check, never a price.
 */
export function createPriceRules({ catalog, signingSecret, openAmounts = {} }: PricingOptions): PriceRules {
  return {
    async quote(request, phase = 'quote') {
      const { item, amount, currency, signature, label, interval, amountEditable } = request;
      let quote: Omit<PricedQuote, 'elements'>;
      if (item !== undefined) {
        if (signature || amountEditable) {
          throw invalidRequest('conflicting_price', 'Choose one price: a catalog item, a signed amount or an editable amount.', 'item');
        }
        const entry = Object.hasOwn(catalog, item) ? catalog[item] : undefined;
        if (!entry) throw invalidRequest('unknown_item', `There is no item "${item.slice(0, 64)}" for sale here.`, 'item');
        const mode = request.mode ?? (entry.interval ? 'subscription' : 'payment');
        if (entry.interval && mode !== 'subscription') {
          throw modeMismatch(`"${entry.name}" is a subscription (every ${entry.interval}); it cannot be bought with mode="${mode}".`);
        }
        if (!entry.interval && mode === 'subscription') {
          throw modeMismatch(`"${entry.name}" has a one-time price; it cannot be a subscription.`);
        }
        quote = { rule: 'catalog', item, name: entry.name, amount: mode === 'setup' ? 0 : entry.amount, currency: entry.currency, mode, ...(entry.interval ? { interval: entry.interval } : {}) };
      } else if (amountEditable) {
        if (signature) throw invalidRequest('conflicting_price', 'An editable amount is not signed; remove signature or amount-editable.', 'signature');
        const mode = request.mode ?? 'payment';
        if (mode !== 'payment') throw modeMismatch('An editable amount is a one-time payment; it cannot be used with mode="' + mode + '".');
        const configured = Object.keys(openAmounts);
        const chosenCurrency = currency ?? (configured.length === 1 ? configured[0] : undefined);
        if (!chosenCurrency) throw invalidRequest('parameter_missing', 'Say which currency the amount is in (currency).', 'currency');
        const range = openAmounts[chosenCurrency];
        if (!range) throw invalidRequest('open_amount_unavailable', `This shop does not take amounts of your choice in ${chosenCurrency.toUpperCase()}.`, 'currency');
        if (amount === undefined && phase === 'checkout') throw invalidRequest('parameter_missing', 'Enter the amount to pay.', 'amount');
        const chosen = amount ?? range.min;
        if (chosen < range.min || chosen > range.max) {
          throw invalidRequest('amount_out_of_range', `The amount must be between ${range.min} and ${range.max} (minor units of ${chosenCurrency.toUpperCase()}).`, 'amount');
        }
        quote = { rule: 'open', name: label || 'Amount of your choice', amount: chosen, currency: chosenCurrency, mode, range };
      } else if (amount !== undefined || signature) {
        if (!signingSecret) throw invalidRequest('signed_amounts_unavailable', 'This shop does not sell signed amounts (no signing secret is configured).', 'signature');
        if (!signature) throw invalidRequest('signature_missing', 'A price that is not in the catalog must be signed by the shop (`link-checkout sign`).', 'signature');
        if (amount === undefined || amount < 1) throw invalidRequest('parameter_missing', 'A signed price needs its amount.', 'amount');
        if (!currency) throw invalidRequest('parameter_missing', 'A signed price needs its currency.', 'currency');
        const mode = request.mode ?? 'payment';
        if (mode === 'setup') throw modeMismatch('A setup saves a payment method and charges nothing; it takes no amount.');
        if ((mode === 'subscription') !== (interval !== undefined)) {
          throw invalidRequest('parameter_invalid', 'A signed subscription needs an interval, and only a subscription takes one.', 'interval');
        }
        const signed = { mode, amount, currency, ...(interval ? { interval } : {}), ...(label ? { label } : {}) };
        if (!(await verifyPrice(signingSecret, signed, signature))) {
          throw invalidRequest('signature_mismatch', 'This price was not signed by the shop, or was changed after signing. Nothing was charged.', 'signature');
        }
        quote = { rule: 'signed', name: label || 'Payment', amount, currency, mode, ...(interval ? { interval } : {}) };
      } else if (request.mode === 'setup') {
        quote = { rule: 'none', name: label || 'Save a payment method', amount: 0, currency: currency ?? 'usd', mode: 'setup' };
      } else {
        throw invalidRequest('parameter_missing', 'Say what to buy: an item, a signed amount or an editable amount.', 'item');
      }
      return { ...quote, elements: elementsOptions(quote.mode, quote.amount, quote.currency, request) };
    },
  };
}
