// <link-checkout> in Vue templates, checked by vue-tsc. Vue sets a bound value as a property
// when the element has one (`:amount`, `.customerName` with the .prop modifier), else as an
// attribute; `@link-checkout-success` listens for the event by its exact name.
import type { DefineComponent } from 'vue';
import type { LinkCheckout, LinkCheckoutEventMap } from 'link-checkout';

type Props = Partial<Pick<LinkCheckout, 'server' | 'item' | 'mode' | 'amount' | 'currency' | 'signature' | 'label' | 'theme' | 'layout' | 'locale' | 'customerEmail' | 'customerName' | 'disabled'>>
  & { 'customer-email'?: string; 'customer-name'?: string; 'amount-editable'?: boolean };
type Emits = { [Name in keyof LinkCheckoutEventMap]: (event: LinkCheckoutEventMap[Name]) => void };

declare module 'vue' {
  interface GlobalComponents {
    'link-checkout': DefineComponent<Props, {}, {}, {}, {}, {}, {}, Emits>;
  }
}
