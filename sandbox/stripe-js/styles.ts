// Plain, readable field styling, tuned by the Elements appearance themes and variables Stripe
// documents (https://docs.stripe.com/elements/appearance-api): 'stripe' (default, light with
// borders), 'night' (dark fields, light text), 'flat' (borderless grey fields). Variables win over
// the theme's values. Rules are scoped to .SandboxElement and read CSS custom properties set per
// Element. The look is an approximation; Stripe's own themes differ in detail.
import type { Appearance } from '@stripe/stripe-js';

const STYLE_ID = 'sandbox-stripe-elements-style';
const CSS = `
.SandboxElement{font-family:var(--sbx-font);font-size:var(--sbx-font-size);color:var(--sbx-text)}
.SandboxField{margin-bottom:calc(var(--sbx-spacing) * 3)}
.SandboxField label{display:block;margin-bottom:var(--sbx-spacing)}
.SandboxField input,.SandboxField select{box-sizing:border-box;width:100%;padding:calc(var(--sbx-spacing) * 3);font:inherit;color:inherit;background:var(--sbx-bg);border:var(--sbx-border);border-radius:var(--sbx-radius)}
.SandboxField input:focus,.SandboxField select:focus{outline:2px solid var(--sbx-primary);outline-offset:1px}
.SandboxField [aria-invalid=true]{border-color:var(--sbx-danger);box-shadow:inset 0 0 0 1px var(--sbx-danger)}
.SandboxField-error{color:var(--sbx-danger);margin-top:var(--sbx-spacing)}
.SandboxTabs [role=tab],.SandboxAccordionItem>button{font:inherit;color:inherit;background:var(--sbx-bg);border:var(--sbx-border);border-radius:var(--sbx-radius);padding:calc(var(--sbx-spacing) * 3);margin-bottom:calc(var(--sbx-spacing) * 3)}
.SandboxTabs [aria-selected=true],.SandboxAccordionItem>[aria-expanded=true]{border-color:var(--sbx-primary);box-shadow:0 0 0 1px var(--sbx-primary)}
.SandboxAccordionItem>button{display:block;width:100%;text-align:start}
.SandboxSaved{border:0;padding:0;margin:0 0 calc(var(--sbx-spacing) * 3)}
.SandboxSaved legend{margin-bottom:var(--sbx-spacing)}
.SandboxSaved-note,.SandboxLinkCode-note,.SandboxLinkOptIn-note{opacity:.75}
.SandboxLinkOptIn{margin-bottom:calc(var(--sbx-spacing) * 3)}
.SandboxLinkOptIn>label{margin-inline-start:calc(var(--sbx-spacing) * 2)}
.SandboxLinkOptIn-details{margin-top:calc(var(--sbx-spacing) * 3)}
.SandboxLinkCode-status,.SandboxEmbeddedCheckout-status{margin-top:var(--sbx-spacing)}
.SandboxEmbeddedCheckout button[type=submit]{font:inherit;color:#fff;background:var(--sbx-primary);border:0;border-radius:var(--sbx-radius);padding:calc(var(--sbx-spacing) * 4) calc(var(--sbx-spacing) * 8)}
`;

export function ensureStyles(): void {
  if (document.getElementById(STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = CSS;
  document.head.append(style);
}

/** Each theme's defaults for what the variables do not set. */
const THEMES = {
  stripe: { text: '#30313d', bg: '#ffffff', border: '1px solid #8a8f98' },
  night: { text: '#e6e6e6', bg: '#30313d', border: '1px solid #6b6c7b' },
  flat: { text: '#30313d', bg: '#e9ecef', border: 'none' },
} as const;

/** Sets the custom properties the rules above read, from appearance.theme and variables. */
export function applyAppearance(container: HTMLElement, appearance: Appearance | undefined): void {
  const theme = THEMES[appearance?.theme === 'night' || appearance?.theme === 'flat' ? appearance.theme : 'stripe'];
  const v = appearance?.variables ?? {};
  const props: Record<string, string> = {
    '--sbx-font': v.fontFamily ?? 'system-ui, sans-serif',
    '--sbx-font-size': v.fontSizeBase ?? '16px',
    '--sbx-spacing': v.spacingUnit ?? '2px',
    '--sbx-radius': v.borderRadius ?? '4px',
    '--sbx-primary': v.colorPrimary ?? '#0570de',
    '--sbx-text': v.colorText ?? theme.text,
    '--sbx-bg': v.colorBackground ?? theme.bg,
    '--sbx-border': theme.border,
    '--sbx-danger': v.colorDanger ?? '#df1b41',
  };
  for (const [name, value] of Object.entries(props)) container.style.setProperty(name, value);
  container.dataset.theme = appearance?.theme ?? 'stripe';
}

/**
 * The group's `locale` as the fields' `lang` (no translations: labels stay English); 'auto' or
 * none leaves the page's language.
 */
export function applyLocale(container: HTMLElement, locale: string | undefined): void {
  if (locale && locale !== 'auto') container.lang = locale;
  else container.removeAttribute('lang');
}
