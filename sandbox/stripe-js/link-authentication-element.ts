// The Link Authentication Element: one labelled "Email" field (defaultValues.email).
// Link one-time-code login is not modeled yet (see README "not modeled").
import type { StripeLinkAuthenticationElementChangeEvent, StripeLinkAuthenticationElementOptions } from '@stripe/stripe-js';
import { SandboxElement } from './element-base.ts';
import { validateEmail, type FieldError } from './validation.ts';

export class LinkAuthenticationElement extends SandboxElement<StripeLinkAuthenticationElementOptions> {
  readonly elementType = 'linkAuthentication' as const;

  protected render(root: HTMLElement): void {
    this.field(root, 'email', 'Email', { type: 'email', autocomplete: 'email', value: this.options.defaultValues?.email ?? '' });
  }

  get email(): string {
    return this.value('email');
  }

  changeEvent(): StripeLinkAuthenticationElementChangeEvent {
    return {
      elementType: 'linkAuthentication',
      empty: this.email === '',
      complete: validateEmail(this.email) === null,
      value: { email: this.email },
    };
  }

  validate(): FieldError[] {
    const error = validateEmail(this.email);
    return error ? [error] : [];
  }
}
