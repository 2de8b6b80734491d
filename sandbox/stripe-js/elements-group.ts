// stripe.elements() in deferred mode (no clientSecret): the group that creates Elements,
// validates them on submit(), and remembers whether submit() succeeded since the last change
// (createConfirmationToken requires it).
// Options: https://docs.stripe.com/js/elements_object/create_without_intent
import type {
  Appearance,
  StripeAddressElement,
  StripeAddressElementOptions,
  StripeElements,
  StripeElementsOptionsMode,
  StripeElementsUpdateOptions,
  StripeError,
  StripeLinkAuthenticationElement,
  StripeLinkAuthenticationElementOptions,
  StripePaymentElement,
  StripePaymentElementOptions,
} from '@stripe/stripe-js';
import { AddressElement } from './address-element.ts';
import type { ApiClient } from './api-client.ts';
import type { ElementHost, SandboxElement } from './element-base.ts';
import { IntegrationError } from './errors.ts';
import { type LinkAccount, lookupLinkAccount } from './link-account.ts';
import { LinkAuthenticationElement } from './link-authentication-element.ts';
import { PaymentElement } from './payment-element.ts';
import { ELEMENTS_UPDATABLE, refuseFixedOptions } from './update-options.ts';

/** The overloads of StripeElements we implement; `_drift` below keeps them in step with the official ones. */
export interface ModeledElements {
  create(elementType: 'linkAuthentication', options?: StripeLinkAuthenticationElementOptions): StripeLinkAuthenticationElement;
  create(elementType: 'address', options: StripeAddressElementOptions): StripeAddressElement;
  create(elementType: 'payment', options?: StripePaymentElementOptions): StripePaymentElement;
  getElement(elementType: 'linkAuthentication'): StripeLinkAuthenticationElement | null;
  getElement(elementType: 'address', options?: { mode: 'shipping' | 'billing' }): StripeAddressElement | null;
  getElement(elementType: 'payment'): StripePaymentElement | null;
}
type Implemented = ModeledElements & Pick<StripeElements, 'update' | 'fetchUpdates' | 'submit'>;
// Compile-time check: the official StripeElements must still offer every signature we model.
export const _drift = (official: StripeElements): Implemented => official;

const MODES = ['payment', 'setup', 'subscription'];

export function checkDeferredOptions(options: Partial<StripeElementsOptionsMode> & { clientSecret?: string }): void {
  if (options.clientSecret !== undefined) {
    throw new IntegrationError('The sandbox models deferred Elements only (mode, amount, currency); clientSecret is not modeled by the sandbox.');
  }
  const { mode } = options;
  if (mode === undefined || !MODES.includes(mode)) {
    throw new IntegrationError(`stripe.elements(): "mode" must be one of ${MODES.join(', ')} when no clientSecret is given; got ${JSON.stringify(mode)}.`);
  }
  if (typeof options.currency !== 'string' || !/^[a-z]{3}$/i.test(options.currency)) {
    throw new IntegrationError(`stripe.elements(): "currency" is required (a three-letter ISO code) in ${mode} mode.`);
  }
  if (mode !== 'setup') {
    const amount = (options as { amount?: unknown }).amount;
    if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0) {
      throw new IntegrationError(`stripe.elements(): "amount" is required in ${mode} mode, a non-negative integer in the currency's minor unit.`);
    }
  }
}

export class SandboxElements implements ElementHost {
  private readonly created: SandboxElement[] = [];
  private submittedOk = false;
  private readonly updateEndHandlers = new Set<() => void>();
  private readonly linkLookups = new Map<string, Promise<boolean>>();
  private readonly linkAnswers = new Map<string, boolean>();

  constructor(
    private opts: StripeElementsOptionsMode,
    readonly api: ApiClient,
  ) {
    checkDeferredOptions(opts);
  }

  /** The current options (mode, amount, currency, appearance, locale, …). */
  get options(): StripeElementsOptionsMode {
    return this.opts;
  }

  /** True when submit() resolved without error and nothing changed since. */
  get submitted(): boolean {
    return this.submittedOk;
  }

  create(elementType: string, options?: object): any {
    let element: SandboxElement;
    if (elementType === 'linkAuthentication') element = new LinkAuthenticationElement(this, (options ?? {}) as StripeLinkAuthenticationElementOptions);
    else if (elementType === 'payment') element = new PaymentElement(this, (options ?? {}) as StripePaymentElementOptions);
    else if (elementType === 'address') {
      const mode = (options as StripeAddressElementOptions | undefined)?.mode;
      if (mode !== 'shipping' && mode !== 'billing') {
        throw new IntegrationError('elements.create("address"): "mode" is required and must be "shipping" or "billing".');
      }
      element = new AddressElement(this, options as StripeAddressElementOptions);
    } else {
      throw new IntegrationError(`elements.create("${elementType}"): not modeled by the sandbox (it offers linkAuthentication, address, payment).`);
    }
    // Stripe.js allows one Element per type per group (Address: one per mode).
    if (this.find(elementType, (options as { mode?: string } | undefined)?.mode)) {
      const which = elementType === 'address' ? `an address Element in ${(options as StripeAddressElementOptions).mode} mode` : `a ${elementType} Element`;
      throw new IntegrationError(`Can only create one Element of type ${elementType} per Elements group; this group already has ${which}.`);
    }
    this.created.push(element);
    this.submittedOk = false;
    if (element instanceof LinkAuthenticationElement) this.emailSourceChanged();
    return element;
  }

  hasElement(elementType: string): boolean {
    return this.created.some((e) => e.elementType === elementType);
  }

  /** A Link Authentication Element came or went: the Payment Element's own Email field follows. */
  private emailSourceChanged(): void {
    this.created.forEach((e) => e instanceof PaymentElement && e.emailSourceChanged());
  }

  getElement(elementType: string, options?: { mode?: string }): any {
    return this.find(elementType, options?.mode) ?? null;
  }

  async update(options: StripeElementsUpdateOptions): Promise<void> {
    // Options outside StripeElementsUpdateOptions (clientSecret, paymentMethodCreation, loader, …)
    // are fixed when the group is created.
    refuseFixedOptions('elements', options, ELEMENTS_UPDATABLE);
    const next = { ...this.opts, ...options } as StripeElementsOptionsMode;
    checkDeferredOptions(next);
    this.opts = next;
    this.submittedOk = false; // an amount or mode change needs a fresh submit, as in Stripe.js
    if (options.appearance || 'locale' in options) this.mountedElements().forEach((e) => e.restyle());
    if ('customerSessionClientSecret' in options) this.created.forEach((e) => e instanceof PaymentElement && e.groupUpdated());
    queueMicrotask(() => this.updateEndHandlers.forEach((h) => h()));
  }

  on(eventType: 'update-end', handler: () => void): void {
    if (eventType !== 'update-end') throw new IntegrationError(`elements.on("${eventType}"): only "update-end" exists.`);
    this.updateEndHandlers.add(handler);
  }

  /** Deferred Elements have no Intent to fetch from, so there is nothing to update. */
  async fetchUpdates(): Promise<{ error?: { message: string; status?: string } }> {
    return {};
  }

  async submit(): Promise<{ error?: StripeError; selectedPaymentMethod?: undefined } | { selectedPaymentMethod: string; error?: undefined }> {
    let first: StripeError | undefined;
    for (const element of this.mountedElements()) {
      const errors = element.validate();
      element.showErrors(errors);
      if (errors.length && !first) {
        const [e] = errors;
        first = { type: 'validation_error', code: e!.code, message: e!.message, param: e!.field };
      }
    }
    this.submittedOk = !first;
    if (first) return { error: first };
    const payment = this.mountedElements().find((e): e is PaymentElement => e instanceof PaymentElement);
    return payment ? { selectedPaymentMethod: payment.selectedSaved()?.type ?? 'card' } : {};
  }

  mountedElements(): SandboxElement[] {
    return this.created.filter((e) => e.mounted);
  }

  appearance(): Appearance | undefined {
    return this.opts.appearance;
  }

  /** After a Link login: shipping Address Element and Payment Element take the saved details. */
  linkSignedIn(account: LinkAccount): void {
    for (const e of this.mountedElements()) {
      if (e instanceof AddressElement) e.fillFromLink(account);
      else if (e instanceof PaymentElement) e.useLinkAccount(account);
    }
    this.submittedOk = false;
  }

  linkSignedOut(): void {
    this.created.forEach((e) => e instanceof PaymentElement && e.dropLinkAccount());
    this.submittedOk = false;
  }

  lookupLink(email: string): Promise<boolean> {
    const key = email.trim().toLowerCase();
    let pending = this.linkLookups.get(key);
    if (!pending) {
      pending = lookupLinkAccount(this.api, key).then((registered) => {
        this.linkAnswers.set(key, registered);
        this.linkEmailChanged();
        return registered;
      });
      this.linkLookups.set(key, pending);
    }
    return pending;
  }

  knownLinkAccount(email: string): boolean | undefined {
    return this.linkAnswers.get(email.trim().toLowerCase());
  }

  linkEmail(): string {
    const la = this.created.find((e): e is LinkAuthenticationElement => e instanceof LinkAuthenticationElement);
    if (la) return la.email;
    return this.created.find((e): e is PaymentElement => e instanceof PaymentElement)?.email ?? '';
  }

  linkEmailChanged(): void {
    this.created.forEach((e) => e instanceof PaymentElement && e.linkOfferChanged());
  }

  elementChanged(): void {
    this.submittedOk = false;
  }

  elementDestroyed(element: SandboxElement): void {
    this.created.splice(this.created.indexOf(element), 1);
    this.submittedOk = false;
    if (element instanceof LinkAuthenticationElement) this.emailSourceChanged();
  }

  private find(elementType: string, mode?: string): SandboxElement | undefined {
    return this.created.find(
      (e) => e.elementType === elementType && (!(e instanceof AddressElement) || mode === undefined || e.mode === mode),
    );
  }
}
