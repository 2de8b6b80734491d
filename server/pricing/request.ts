import type { CheckoutMode, QuoteRequest, RecurringInterval, SetupFutureUsage } from '../../protocol/index.ts';
import { invalidRequest } from '../errors.ts';
import { CURRENCY, INTERVALS } from './catalog.ts';

const MODES: readonly CheckoutMode[] = ['payment', 'setup', 'subscription'];
const SAVE: readonly SetupFutureUsage[] = ['off_session', 'on_session'];
const CAPTURE = ['automatic', 'manual'] as const;

function oneOf<T extends string>(value: unknown, allowed: readonly T[], param: string): T | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw invalidRequest('parameter_invalid', `${param} must be one of ${allowed.join(', ')}.`, param);
}

/**
 * The element's attributes, from a query string (all strings) or a JSON body, checked for shape
 * only. Whether they make a price is the rules' business.
 */
export function parseQuoteRequest(raw: Record<string, unknown>): QuoteRequest {
  const { item, amount, currency, signature, label, amountEditable } = raw;
  const request: QuoteRequest = {};
  if (item !== undefined && item !== null && item !== '') {
    if (typeof item !== 'string') throw invalidRequest('parameter_invalid', 'item must be a string.', 'item');
    request.item = item;
  }
  const mode = oneOf(raw.mode, MODES, 'mode');
  if (mode) request.mode = mode;
  if (amount !== undefined && amount !== null && amount !== '') {
    const value = typeof amount === 'string' && /^\d{1,12}$/.test(amount) ? Number(amount) : amount;
    if (!Number.isSafeInteger(value) || (value as number) < 0) {
      throw invalidRequest('parameter_invalid', 'amount must be a whole number of minor units (2500 is 25.00).', 'amount');
    }
    request.amount = value as number;
  }
  if (currency !== undefined && currency !== null && currency !== '') {
    if (typeof currency !== 'string' || !CURRENCY.test(currency.toLowerCase())) {
      throw invalidRequest('parameter_invalid', 'currency must be a three-letter ISO code such as usd.', 'currency');
    }
    request.currency = currency.toLowerCase();
  }
  if (signature !== undefined && signature !== null && signature !== '') {
    if (typeof signature !== 'string' || signature.length > 200) throw invalidRequest('signature_invalid', 'signature is malformed.', 'signature');
    request.signature = signature;
  }
  if (label !== undefined && label !== null && label !== '') {
    // Printable text only: it is shown to shoppers and becomes the payment's description.
    if (typeof label !== 'string' || label.length > 100 || /[\u0000-\u001f\u007f]/.test(label)) {
      throw invalidRequest('parameter_invalid', 'label must be plain text of at most 100 characters.', 'label');
    }
    request.label = label.trim();
  }
  const interval = oneOf<RecurringInterval>(raw.interval, INTERVALS, 'interval');
  if (interval) request.interval = interval;
  if (amountEditable === true || amountEditable === 'true' || amountEditable === '1') request.amountEditable = true;
  else if (amountEditable !== undefined && amountEditable !== false && amountEditable !== 'false' && amountEditable !== '') {
    throw invalidRequest('parameter_invalid', 'amountEditable must be true or false.', 'amountEditable');
  }
  const capture = oneOf(raw.capture, CAPTURE, 'capture');
  if (capture) request.capture = capture;
  const save = oneOf(raw.save, SAVE, 'save');
  if (save) request.save = save;
  if (raw.order !== undefined && raw.order !== null && raw.order !== '') {
    if (typeof raw.order !== 'string' || !/^ord_[A-Za-z0-9]{1,40}$/.test(raw.order)) throw invalidRequest('parameter_invalid', 'order must be an order id (ord_…).', 'order');
    request.order = raw.order;
  }
  return request;
}
