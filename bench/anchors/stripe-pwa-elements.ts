/** Anchor: stripe-pwa-elements (Stencil): the payment and address elements, defined as custom elements. */
import { defineCustomElement as definePaymentElement } from 'stripe-pwa-elements/dist/components/stripe-payment-element.js';
import { defineCustomElement as defineAddressElement } from 'stripe-pwa-elements/dist/components/stripe-address-element.js';

definePaymentElement();
defineAddressElement();
