// The Link Authentication Element: a labelled "Email" field (defaultValues.email). When the email
// belongs to a sandbox Link account (checked when the Element mounts with it and when the field
// changes, i.e. on blur), it asks for a one-time code; a successful login hands the account to the
// group, which fills the Address and Payment Elements (elements-group.ts).
// https://docs.stripe.com/js/elements_object/create_link_authentication_element
import type { StripeLinkAuthenticationElementChangeEvent, StripeLinkAuthenticationElementOptions } from '@stripe/stripe-js';
import { SandboxElement } from './element-base.ts';
import { verifyLinkCode } from './link-account.ts';
import { codeStep, signedInNote, type CodeOutcome } from './link-code-step.ts';
import { LINK_AUTHENTICATION_UPDATABLE } from './update-options.ts';
import { validateEmail, type FieldError } from './validation.ts';

type LinkState = { step: 'none' } | { step: 'code'; email: string } | { step: 'signedIn'; email: string } | { step: 'declined'; email: string };

export class LinkAuthenticationElement extends SandboxElement<StripeLinkAuthenticationElementOptions> {
  readonly elementType = 'linkAuthentication' as const;
  protected readonly updatable = LINK_AUTHENTICATION_UPDATABLE;
  private link: LinkState = { step: 'none' };
  private lookedUp = '';
  private slot: HTMLElement | null = null;

  protected render(root: HTMLElement): void {
    const input = this.field(root, 'email', 'Email', { type: 'email', autocomplete: 'email', value: this.options.defaultValues?.email ?? '' });
    // 'change' fires when the customer leaves the field after editing it.
    input.addEventListener('change', () => void this.checkLink());
    input.addEventListener('input', () => {
      this.host.linkEmailChanged();
      if (this.link.step === 'none' || this.link.email === this.email) return;
      const wasSignedIn = this.link.step === 'signedIn';
      this.setLink({ step: 'none' });
      // Another email is another customer: the Link card must not stay selectable (sandbox choice).
      if (wasSignedIn) this.host.linkSignedOut();
    });
    this.slot = document.createElement('div');
    this.slot.className = 'SandboxLinkSlot';
    root.append(this.slot);
    this.showLink();
    if (this.email) void this.checkLink();
  }

  get email(): string {
    return this.value('email');
  }

  /** Whether the customer completed the one-time-code login (for tests and the group). */
  get signedIn(): boolean {
    return this.link.step === 'signedIn';
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

  private async checkLink(): Promise<void> {
    const email = this.email;
    if (validateEmail(email) !== null || email === this.lookedUp) return;
    this.lookedUp = email;
    const registered = await this.host.lookupLink(email);
    if (registered && this.email === email && this.mounted) this.setLink({ step: 'code', email });
  }

  private async verify(email: string, code: string): Promise<CodeOutcome> {
    const result = await verifyLinkCode(this.host.api, email, code);
    if ('problem' in result) return { ok: false, problem: result.problem, message: result.error.message };
    if (this.email !== email) return { ok: false, problem: 'other', message: 'The email changed; enter it again.' };
    this.setLink({ step: 'signedIn', email });
    this.host.linkSignedIn(result.account);
    return { ok: true };
  }

  private setLink(state: LinkState): void {
    this.link = state;
    this.showLink();
  }

  private showLink(): void {
    const slot = this.slot;
    if (!slot) return;
    const s = this.link;
    if (s.step === 'code') {
      slot.replaceChildren(codeStep(s.email, (code) => this.verify(s.email, code), () => this.setLink({ step: 'declined', email: s.email })));
    } else if (s.step === 'signedIn') {
      slot.replaceChildren(signedInNote(s.email));
    } else {
      slot.replaceChildren();
    }
  }
}
