// <link-checkout> in JSX. React 19 sets a prop as a property when the element has one
// (`amount`, `customerName`), else as an attribute (`customer-email`); `on` + an event's name
// adds a listener for it (`onlink-checkout-success`).
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { LinkCheckout, LinkCheckoutEventMap } from 'link-checkout';

type Listeners = { [Name in keyof LinkCheckoutEventMap as `on${Name}`]?: (event: LinkCheckoutEventMap[Name]) => void };
type Properties = Partial<Pick<LinkCheckout, 'server' | 'item' | 'mode' | 'amount' | 'currency' | 'signature' | 'label' | 'theme' | 'layout' | 'locale' | 'customerEmail' | 'customerName' | 'disabled'>>;
type Attributes = { 'customer-email'?: string; 'customer-name'?: string; 'amount-editable'?: boolean; 'address-country'?: string };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'link-checkout': DetailedHTMLProps<HTMLAttributes<LinkCheckout>, LinkCheckout> & Properties & Attributes & Listeners;
    }
  }
}
