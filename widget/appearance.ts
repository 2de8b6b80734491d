import type { Appearance } from '@stripe/stripe-js';

/**
 * Stripe Elements live in iframes that page CSS cannot reach, so the host's documented custom
 * properties are read at mount time and handed to Stripe as Appearance variables. They win over
 * the theme's own values, as page CSS wins over the element's defaults.
 */
const VARIABLES = {
  '--link-checkout-accent': 'colorPrimary',
  '--link-checkout-text': 'colorText',
  '--link-checkout-background': 'colorBackground',
  '--link-checkout-danger': 'colorDanger',
  '--link-checkout-font': 'fontFamily',
  '--link-checkout-radius': 'borderRadius',
} as const satisfies Record<string, keyof NonNullable<Appearance['variables']>>;

const THEMES = ['stripe', 'night', 'flat'] as const;

export function appearanceFrom(host: Element, theme: string): Appearance {
  const style = getComputedStyle(host);
  const variables: Record<string, string> = {};
  for (const [property, variable] of Object.entries(VARIABLES)) {
    const value = style.getPropertyValue(property).trim();
    if (value) variables[variable] = value;
  }
  return { theme: (THEMES as readonly string[]).includes(theme) ? (theme as Appearance['theme']) : 'stripe', variables };
}
