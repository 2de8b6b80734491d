import type { QuoteRequest } from '../protocol/index.ts';

/** Where the email comes from: the Link Authentication Element, the Payment Element, or the site. */
export type EmailCollection = 'link' | 'payment' | 'none';
export type AddressCollection = 'shipping' | 'billing' | 'none';

/** What the checkout reads from the element: its attributes, as properties. */
export interface CheckoutInputs {
  server: string;
  // What is bought (claims the server's price rules check).
  item: string;
  mode: string;
  amount: number | undefined;
  currency: string;
  signature: string;
  label: string;
  interval: string;
  amountEditable: boolean;
  capture: string;
  save: string;
  /** An existing order to complete (its page, `/pay/:orderId`). */
  order: string;
  // A returning customer: signed by the shop, or a CustomerSession the site made itself.
  customer: string;
  customerSignature: string;
  customerSessionClientSecret: string;
  /** `elements` (default), `embedded` or `hosted`: a Stripe Checkout Session instead of Elements. */
  ui: string;
  // Prefill.
  customerEmail: string;
  customerName: string;
  customerPhone: string;
  addressLine1: string;
  addressLine2: string;
  addressCity: string;
  addressState: string;
  addressPostalCode: string;
  addressCountry: string;
  // What is collected, and how it looks.
  emailCollection: EmailCollection;
  address: AddressCollection;
  allowedCountries: string;
  collectPhone: boolean;
  theme: string;
  layout: string;
  locale: string;
}

/**
 * Every input's value when its attribute is absent. A removed attribute makes Lit set `null`,
 * which `snapshot()` maps back to these, so removing `email-collection` means `link` again.
 */
export const DEFAULTS: Omit<CheckoutInputs, 'server'> = {
  item: '', mode: '', amount: undefined, currency: '', signature: '', label: '', interval: '', amountEditable: false,
  capture: '', save: '', order: '', customer: '', customerSignature: '', customerSessionClientSecret: '', ui: 'elements', customerEmail: '', customerName: '', customerPhone: '', addressLine1: '', addressLine2: '',
  addressCity: '', addressState: '', addressPostalCode: '', addressCountry: '', emailCollection: 'link',
  address: 'shipping', allowedCountries: '', collectPhone: false, theme: 'stripe', layout: 'tabs', locale: '',
};

/** A copy of the inputs, absent ones at their defaults (properties are accessors a spread would miss). */
export function snapshot(host: CheckoutInputs): CheckoutInputs {
  const inputs = { server: host.server } as Record<string, unknown>;
  for (const [key, fallback] of Object.entries(DEFAULTS)) inputs[key] = host[key as keyof CheckoutInputs] ?? fallback;
  return inputs as unknown as CheckoutInputs;
}

/** The attributes that are price claims, as the quote and checkout requests carry them. */
export function quoteRequestOf(host: CheckoutInputs): QuoteRequest {
  const inputs = snapshot(host);
  const request: Record<string, unknown> = {
    item: inputs.item,
    mode: inputs.mode,
    amount: inputs.amount,
    currency: inputs.currency.toLowerCase(),
    signature: inputs.signature,
    label: inputs.label,
    interval: inputs.interval,
    amountEditable: inputs.amountEditable || undefined,
    capture: inputs.capture,
    save: inputs.save,
    order: inputs.order,
    customer: inputs.customer,
    customerSignature: inputs.customerSignature,
  };
  for (const key of Object.keys(request)) if (request[key] === '' || request[key] === undefined) delete request[key];
  return request as QuoteRequest;
}

/** POST /api/checkout-sessions for the inputs: their claims, the open amount chosen, and this page to come back to. */
export function quoteQuery(request: QuoteRequest): string {
  return new URLSearchParams(Object.entries(request).map(([key, value]) => [key, String(value)])).toString();
}

const or = (value: string) => value || undefined;

/** The prefilled address, in Stripe's shape; undefined when the site gave none. */
export function prefillAddress(inputs: CheckoutInputs) {
  const fields = {
    line1: inputs.addressLine1,
    line2: inputs.addressLine2,
    city: inputs.addressCity,
    state: inputs.addressState,
    postal_code: inputs.addressPostalCode,
    country: inputs.addressCountry.toUpperCase(),
  };
  const address: Partial<typeof fields> = Object.fromEntries(Object.entries(fields).filter(([, value]) => value));
  return Object.keys(address).length ? address : undefined;
}

/** Options of the Address Element (seed 000 § Collect shipping addresses); null when none is shown. */
export function addressOptions(inputs: CheckoutInputs) {
  if (inputs.address === 'none') return null;
  const countries = inputs.allowedCountries.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean);
  const address = prefillAddress(inputs);
  return {
    mode: inputs.address === 'billing' ? ('billing' as const) : ('shipping' as const),
    ...(countries.length ? { allowedCountries: countries } : {}),
    ...(inputs.collectPhone ? { fields: { phone: 'always' as const }, validation: { phone: { required: 'always' as const } } } : {}),
    defaultValues: {
      name: or(inputs.customerName),
      phone: or(inputs.customerPhone),
      ...(address ? { address: { ...address, country: address.country ?? countries[0] ?? 'US' } } : {}),
    },
  };
}

/** Options of the Payment Element: billing prefill (seed 000 § Prefill), layout, and who asks for the email. */
export function paymentOptions(inputs: CheckoutInputs) {
  const address = inputs.address === 'none' ? prefillAddress(inputs) : undefined;
  return {
    layout: inputs.layout === 'accordion' ? ('accordion' as const) : ('tabs' as const),
    defaultValues: {
      billingDetails: {
        name: or(inputs.customerName),
        email: or(inputs.customerEmail),
        phone: or(inputs.customerPhone),
        ...(address ? { address } : {}),
      },
    },
    // The site passes the email itself; Stripe then needs it on the token (see checkout-flow).
    ...(inputs.emailCollection === 'none' ? { fields: { billingDetails: { email: 'never' as const } } } : {}),
  };
}
