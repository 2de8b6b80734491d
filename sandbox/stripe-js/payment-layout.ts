// How the Payment Element lays out its one modeled method (card): 'tabs' (a tab list with a
// Card tab and its panel) or 'accordion' (a Card header button that expands its region).
// 'auto' and no layout render as accordion, Stripe's default since 2025-03-31 (changelog
// "Updates the default layout for Payment Element"); with a single method it starts expanded
// unless layout.defaultCollapsed is true.
// https://docs.stripe.com/js/elements_object/create_payment_element#payment_element_create-options-layout
import type { StripePaymentElementOptions } from '@stripe/stripe-js';

export interface LayoutChoice {
  type: 'tabs' | 'accordion';
  defaultCollapsed: boolean;
}

export function layoutOf(layout: StripePaymentElementOptions['layout']): LayoutChoice {
  const spec = typeof layout === 'string' ? { type: layout } : layout ?? { type: 'accordion' as const };
  return {
    type: spec.type === 'tabs' ? 'tabs' : 'accordion',
    defaultCollapsed: 'defaultCollapsed' in spec && spec.defaultCollapsed === true,
  };
}

/**
 * Renders the method switcher into `root` and returns the panel the card fields go in.
 * `expand` is called when the customer opens the collapsed card method.
 */
export function methodPanel(root: HTMLElement, uid: string, layout: LayoutChoice, collapsed: boolean, expand: () => void): HTMLElement {
  const headerId = `sbx-pm-${uid}-card`;
  const panel = document.createElement('div');
  panel.id = `${headerId}-panel`;
  panel.className = 'SandboxMethodPanel';
  panel.hidden = collapsed;
  panel.setAttribute('aria-labelledby', headerId);
  const header = document.createElement('button');
  header.type = 'button';
  header.id = headerId;
  header.textContent = 'Card';
  header.setAttribute('aria-controls', panel.id);
  header.addEventListener('click', () => {
    if (collapsed) expand();
  });

  if (layout.type === 'tabs') {
    const tabs = document.createElement('div');
    tabs.className = 'SandboxTabs';
    tabs.setAttribute('role', 'tablist');
    tabs.setAttribute('aria-label', 'Payment method');
    header.setAttribute('role', 'tab');
    header.setAttribute('aria-selected', String(!collapsed));
    panel.setAttribute('role', 'tabpanel');
    tabs.append(header);
    root.append(tabs, panel);
  } else {
    const item = document.createElement('div');
    item.className = 'SandboxAccordionItem';
    header.setAttribute('aria-expanded', String(!collapsed));
    panel.setAttribute('role', 'region');
    item.append(header, panel);
    root.append(item);
  }
  root.dataset.layout = layout.type;
  return panel;
}
