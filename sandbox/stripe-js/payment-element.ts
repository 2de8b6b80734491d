// The Payment Element, card only: "Card number", "Expiration date" (MM / YY), "Security code".
// defaultValues.billingDetails is kept for the ConfirmationToken's billing_details.
import type { StripePaymentElementChangeEvent, StripePaymentElementOptions } from '@stripe/stripe-js';
import { SandboxElement } from './element-base.ts';
import { parseExpiry, validateCardNumber, validateCvc, validateExpiry, type FieldError } from './validation.ts';

export interface CardData {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc: string;
}

export class PaymentElement extends SandboxElement<StripePaymentElementOptions> {
  readonly elementType = 'payment' as const;

  protected render(root: HTMLElement): void {
    this.field(root, 'number', 'Card number', { autocomplete: 'cc-number', inputMode: 'numeric', placeholder: '1234 1234 1234 1234' });
    this.field(root, 'expiry', 'Expiration date', { autocomplete: 'cc-exp', inputMode: 'numeric', placeholder: 'MM / YY' });
    this.field(root, 'cvc', 'Security code', { autocomplete: 'cc-csc', inputMode: 'numeric', placeholder: 'CVC' });
  }

  get billingDetails(): NonNullable<StripePaymentElementOptions['defaultValues']>['billingDetails'] {
    return this.options.defaultValues?.billingDetails;
  }

  /** The card as the emulator expects it; call only after validate() returned no errors. */
  cardData(): CardData {
    const expiry = parseExpiry(this.value('expiry')) ?? { month: 0, year: 0 };
    return {
      number: this.value('number').replace(/[\s-]/g, ''),
      exp_month: expiry.month,
      exp_year: expiry.year,
      cvc: this.value('cvc'),
    };
  }

  changeEvent(): StripePaymentElementChangeEvent {
    return {
      elementType: 'payment',
      empty: ['number', 'expiry', 'cvc'].every((f) => this.value(f) === ''),
      complete: this.validate().length === 0,
      collapsed: false,
      value: { type: 'card' },
    };
  }

  validate(): FieldError[] {
    return [
      validateCardNumber(this.value('number')),
      validateExpiry(this.value('expiry')),
      validateCvc(this.value('cvc')),
    ].filter((e): e is FieldError => e !== null);
  }
}
