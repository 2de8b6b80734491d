import { checkSigningSecret, signCustomer, signPrice, type SignedPrice } from '../server/pricing/index.ts';
import { SANDBOX_SIGNING_SECRET } from '../sandbox/defaults.ts';
import { UsageError, minorUnits, positionalArgs, type Command, type Values } from './args.ts';
import { objectFields } from './format.ts';

const MODES = ['payment', 'subscription'];
const INTERVALS = ['day', 'week', 'month', 'year'];
const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The server's secret, or with --sandbox the sandbox's public one. */
function signingSecret(values: Values): string {
  if (values.sandbox) return SANDBOX_SIGNING_SECRET;
  const configured = process.env.LINK_CHECKOUT_SIGNING_SECRET?.trim();
  if (!configured) throw new UsageError('Set LINK_CHECKOUT_SIGNING_SECRET to the server\'s signing secret (or pass --sandbox for the sandbox).');
  return checkSigningSecret(configured);
}

function priceOf(values: Values): SignedPrice {
  const mode = String(values.mode);
  if (!MODES.includes(mode)) throw new UsageError(`--mode must be one of ${MODES.join(', ')} (a setup charges nothing, so it is never signed).`);
  const currency = String(values.currency ?? '').toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) throw new UsageError('--currency takes a three-letter ISO code, e.g. eur.');
  const interval = values.interval as SignedPrice['interval'];
  if ((mode === 'subscription') !== Boolean(interval) || (interval && !INTERVALS.includes(interval))) {
    throw new UsageError(`A subscription needs --interval (${INTERVALS.join(', ')}), and only a subscription takes one.`);
  }
  const label = typeof values.label === 'string' ? values.label.trim() : '';
  if (label.length > 100) throw new UsageError('--label is at most 100 characters.');
  return { mode: mode as SignedPrice['mode'], amount: minorUnits(values.amount, '--amount'), currency, ...(interval ? { interval } : {}), ...(label ? { label } : {}) };
}

const priceAttributes = (price: SignedPrice, signature: string) => [
  ...(price.mode === 'payment' ? [] : [['mode', price.mode]]),
  ['amount', String(price.amount)],
  ['currency', price.currency],
  ...(price.interval ? [['interval', price.interval]] : []),
  ...(price.label ? [['label', price.label]] : []),
  ['signature', signature],
];

/**
 * `sign`: the signature a fixed, non-catalog price needs, and (--customer) the one a returning
 * customer's reference needs. Signing is local (an HMAC with the server's
 * LINK_CHECKOUT_SIGNING_SECRET), so it needs no server and no admin token.
 */
export const sign: Command = {
  summary: 'Sign a fixed price, or a returning customer, for a <link-checkout> snippet',
  usage: `link-checkout sign --amount 2500 --currency eur [--mode payment|subscription] [--interval month] [--label "Workshop ticket"] [--sandbox] [--json]
       link-checkout sign --customer cus_… [--sandbox] [--json]   (add the price flags to sign both)

  --amount     minor units (2500 is 25.00 EUR)
  --currency   three-letter ISO code
  --mode       payment (default) or subscription
  --interval   day, week, month or year: required for, and only for, a subscription
  --label      the name shoppers see; signed too, so it cannot be changed
  --customer   a returning customer (cus_…): prints customer-signature for customer="cus_…"
  --sandbox    sign with the sandbox's public secret (demo and tests), not LINK_CHECKOUT_SIGNING_SECRET`,
  options: {
    amount: { type: 'string' },
    currency: { type: 'string' },
    mode: { type: 'string', default: 'payment' },
    interval: { type: 'string' },
    label: { type: 'string' },
    customer: { type: 'string' },
    sandbox: { type: 'boolean' },
  },
  async run({ values, positionals }) {
    positionalArgs(positionals);
    const customer = typeof values.customer === 'string' ? values.customer.trim() : undefined;
    if (customer !== undefined && !/^cus_\w{1,100}$/.test(customer)) throw new UsageError('--customer takes a Customer id (cus_…).');
    const withPrice = customer === undefined || values.amount !== undefined || values.currency !== undefined;
    const price = withPrice ? priceOf(values) : undefined;
    const secret = signingSecret(values);
    const signature = price && (await signPrice(secret, price));
    const customerSignature = customer && (await signCustomer(secret, customer));
    const attributes = [
      ...(price ? priceAttributes(price, signature!) : []),
      ...(customer ? [['customer', customer], ['customer-signature', customerSignature!]] : []),
    ];
    const snippet = `<link-checkout ${attributes.map(([name, value]) => `${name}="${escapeAttribute(value!)}"`).join(' ')}></link-checkout>`;
    const result = { ...(price ? { signature, ...price } : {}), ...(customer ? { customer, customerSignature } : {}), snippet };
    return { json: result, text: objectFields(result) };
  },
};
