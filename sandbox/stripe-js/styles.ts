// Plain, readable field styling, tuned by the Elements appearance variables Stripe documents
// (https://docs.stripe.com/elements/appearance-api). The theme 'night' flips the defaults.
// Rules are scoped to .SandboxElement and read CSS custom properties set per Element.
import type { Appearance } from '@stripe/stripe-js';

const STYLE_ID = 'sandbox-stripe-elements-style';
const CSS = `
.SandboxElement{font-family:var(--sbx-font);font-size:var(--sbx-font-size);color:var(--sbx-text)}
.SandboxField{margin-bottom:calc(var(--sbx-spacing) * 3)}
.SandboxField label{display:block;margin-bottom:var(--sbx-spacing)}
.SandboxField input,.SandboxField select{box-sizing:border-box;width:100%;padding:calc(var(--sbx-spacing) * 3);font:inherit;color:inherit;background:var(--sbx-bg);border:1px solid #8a8f98;border-radius:var(--sbx-radius)}
.SandboxField input:focus,.SandboxField select:focus{outline:2px solid var(--sbx-primary);outline-offset:1px}
.SandboxField [aria-invalid=true]{border-color:var(--sbx-danger)}
.SandboxField-error{color:var(--sbx-danger);margin-top:var(--sbx-spacing)}
.SandboxTabs [role=tab],.SandboxAccordionItem>button{font:inherit;color:inherit;background:var(--sbx-bg);border:1px solid #8a8f98;border-radius:var(--sbx-radius);padding:calc(var(--sbx-spacing) * 3);margin-bottom:calc(var(--sbx-spacing) * 3)}
.SandboxTabs [aria-selected=true],.SandboxAccordionItem>[aria-expanded=true]{border-color:var(--sbx-primary);box-shadow:0 0 0 1px var(--sbx-primary)}
.SandboxAccordionItem>button{display:block;width:100%;text-align:start}
.SandboxSaved{border:0;padding:0;margin:0 0 calc(var(--sbx-spacing) * 3)}
.SandboxSaved legend{margin-bottom:var(--sbx-spacing)}
.SandboxSaved-note,.SandboxLinkCode-note{opacity:.75}
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

/** Sets the custom properties the rules above read, from appearance.theme and variables. */
export function applyAppearance(container: HTMLElement, appearance: Appearance | undefined): void {
  const night = appearance?.theme === 'night';
  const v = appearance?.variables ?? {};
  const props: Record<string, string> = {
    '--sbx-font': v.fontFamily ?? 'system-ui, sans-serif',
    '--sbx-font-size': v.fontSizeBase ?? '16px',
    '--sbx-spacing': v.spacingUnit ?? '2px',
    '--sbx-radius': v.borderRadius ?? '4px',
    '--sbx-primary': v.colorPrimary ?? '#0570de',
    '--sbx-text': v.colorText ?? (night ? '#e6e6e6' : '#30313d'),
    '--sbx-bg': v.colorBackground ?? (night ? '#30313d' : '#ffffff'),
    '--sbx-danger': v.colorDanger ?? '#df1b41',
  };
  for (const [name, value] of Object.entries(props)) container.style.setProperty(name, value);
}
