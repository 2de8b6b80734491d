import type { Appearance } from '@stripe/stripe-js';

/**
 * Stripe Elements live in iframes that page CSS cannot reach, so the host's documented custom
 * properties are read once at mount time and handed to Stripe as Appearance variables.
 */
const VARIABLES = {
  '--link-checkout-accent': 'colorPrimary',
  '--link-checkout-text': 'colorText',
  '--link-checkout-background': 'colorBackground',
  '--link-checkout-danger': 'colorDanger',
  '--link-checkout-font': 'fontFamily',
  '--link-checkout-radius': 'borderRadius',
} as const satisfies Record<string, keyof NonNullable<Appearance['variables']>>;

export function appearanceFrom(host: Element): Appearance {
  const style = getComputedStyle(host);
  const variables: Record<string, string> = {};
  for (const [property, variable] of Object.entries(VARIABLES)) {
    const value = style.getPropertyValue(property).trim();
    if (value) variables[variable] = value;
  }
  return { theme: 'stripe', variables };
}
