import { checkSigningSecret, signPrice, type SignedPrice } from '../server/pricing/index.ts';
import { SANDBOX_SIGNING_SECRET } from '../sandbox/defaults.ts';
import { UsageError, minorUnits, type Command } from './args.ts';

const MODES = ['payment', 'subscription'];
const INTERVALS = ['day', 'week', 'month', 'year'];
const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * `sign`: the signature a fixed, non-catalog price needs. Signing is local (an HMAC with the
 * server's LINK_CHECKOUT_SIGNING_SECRET), so it needs no server and no admin token.
 */
export const sign: Command = {
  summary: 'Sign a fixed price for a <link-checkout> snippet',
  usage: `link-checkout sign --amount 2500 --currency eur [--mode payment|subscription] [--interval month] [--label "Workshop ticket"] [--sandbox] [--json]

  --amount     minor units (2500 is 25.00 EUR)
  --currency   three-letter ISO code
  --mode       payment (default) or subscription
  --interval   day, week, month or year: required for, and only for, a subscription
  --label      the name shoppers see; signed too, so it cannot be changed
  --sandbox    sign with the sandbox's public secret (demo and tests), not LINK_CHECKOUT_SIGNING_SECRET`,
  options: {
    amount: { type: 'string' },
    currency: { type: 'string' },
    mode: { type: 'string', default: 'payment' },
    interval: { type: 'string' },
    label: { type: 'string' },
    sandbox: { type: 'boolean' },
  },
  async run(values) {
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
    let secret = SANDBOX_SIGNING_SECRET;
    if (!values.sandbox) {
      const configured = process.env.LINK_CHECKOUT_SIGNING_SECRET?.trim();
      if (!configured) throw new UsageError('Set LINK_CHECKOUT_SIGNING_SECRET to the server\'s signing secret (or pass --sandbox for the sandbox).');
      secret = checkSigningSecret(configured);
    }
    const price: SignedPrice = { mode: mode as SignedPrice['mode'], amount: minorUnits(values.amount, '--amount'), currency, ...(interval ? { interval } : {}), ...(label ? { label } : {}) };
    const signature = await signPrice(secret, price);
    const attributes = [
      ...(mode === 'payment' ? [] : [['mode', mode]]),
      ['amount', String(price.amount)],
      ['currency', currency],
      ...(interval ? [['interval', interval]] : []),
      ...(label ? [['label', label]] : []),
      ['signature', signature],
    ];
    const snippet = `<link-checkout ${attributes.map(([name, value]) => `${name}="${escapeAttribute(value!)}"`).join(' ')}></link-checkout>`;
    return { signature, ...price, snippet };
  },
};
