// <link-checkout> in Svelte markup, checked by svelte-check. Svelte 5 sets an attribute as a
// property when the element has one (`amount`, `customerName`), else as an attribute; `on` + an
// event's name listens for it (`onlink-checkout-success`).
import type { HTMLAttributes } from 'svelte/elements';
import type { LinkCheckout, LinkCheckoutEventMap } from 'link-checkout';

type Listeners = { [Name in keyof LinkCheckoutEventMap as `on${Name}`]?: (event: LinkCheckoutEventMap[Name]) => void };
type Properties = Partial<Pick<LinkCheckout, 'server' | 'item' | 'mode' | 'amount' | 'currency' | 'signature' | 'label' | 'theme' | 'layout' | 'locale' | 'customerEmail' | 'customerName' | 'disabled'>>;
type Attributes = { 'customer-email'?: string; 'customer-name'?: string; 'amount-editable'?: boolean };

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'link-checkout': Omit<HTMLAttributes<LinkCheckout>, keyof Properties> & Properties & Attributes & Listeners;
  }
}
