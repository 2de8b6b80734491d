import type { Stripe, StripeElements, StripeElementsOptionsMode, StripeElementsUpdateOptions } from '@stripe/stripe-js';
import type { Quote } from '../protocol/index.ts';
import { appearanceFrom } from './appearance.ts';
import { emit } from './events.ts';
import { addressOptions, paymentOptions, snapshot, type CheckoutInputs } from './inputs.ts';
import type { MountName, MountSlots } from './mount-slots.ts';
import { CheckoutError } from './api-client.ts';
import { EN } from './words.ts';

export type Element = {
  on(event: string, handler: (event: any) => void): unknown;
  mount(target: HTMLElement): void;
  destroy(): void;
  update?(options: object): void;
  getValue?(): Promise<{ value: any }>;
};
export type Kind = 'linkAuthentication' | 'address' | 'payment';
const SLOT: Record<Kind, MountName> = { linkAuthentication: 'link-authentication', address: 'address', payment: 'payment' };

/** What decides which Elements exist; a change here remounts them (the group is kept). */
const structureOf = (i: CheckoutInputs) => `${i.emailCollection}|${i.address}|${i.allowedCountries}|${i.collectPhone}`;
const prefillOf = (i: CheckoutInputs) =>
  [i.customerEmail, i.customerName, i.customerPhone, i.addressLine1, i.addressLine2, i.addressCity, i.addressState, i.addressPostalCode, i.addressCountry].join('|');

/**
 * One deferred-intent Elements group with the Link Authentication, Address and Payment Elements,
 * mounted in the order Link needs to autofill. After mounting, attribute changes are applied in
 * place: `elements.update()` for the amount, look and language, `update()` or a re-created Element
 * for prefill, so what the shopper typed elsewhere is kept.
 */
export class CheckoutElements {
  readonly elements: StripeElements;
  readonly mode: Quote['mode'];
  /** Email typed into (or autofilled by) the Link Authentication Element. */
  email: string | undefined;
  readonly #mounted = new Map<Kind, Element>();
  readonly #states = new Map<Kind, { complete: boolean; empty: boolean }>();
  #applied: CheckoutInputs;
  #amount: number | undefined;
  #readOnly = false;
  readonly #host: HTMLElement & CheckoutInputs;
  readonly #mounts: MountSlots;
  #quote: Quote;
  readonly #customerSessionClientSecret: string | undefined;

  constructor(
    host: HTMLElement & CheckoutInputs,
    mounts: MountSlots,
    stripe: Stripe,
    quote: Quote,
    /** A returning customer's CustomerSession: the Payment Element lists their saved methods. */
    customerSessionClientSecret?: string,
  ) {
    this.#host = host;
    this.#mounts = mounts;
    this.#quote = quote;
    this.#customerSessionClientSecret = customerSessionClientSecret;
    const inputs = (this.#applied = snapshot(host));
    this.mode = quote.mode;
    this.#amount = quote.elements.amount;
    // The server's options are Stripe's deferred-intent ones by construction (protocol ElementsIntentOptions).
    const options = {
      ...quote.elements,
      ...(customerSessionClientSecret ? { customerSessionClientSecret } : {}),
      appearance: appearanceFrom(host, inputs.theme),
      locale: inputs.locale || 'auto',
    } as StripeElementsOptionsMode;
    this.elements = stripe.elements(options);
  }

  /** Creates and mounts every Element the inputs ask for; resolves once all are ready. */
  mount(): Promise<unknown> {
    const inputs = this.#applied;
    const ready: Promise<unknown>[] = [];
    if (inputs.emailCollection === 'link') ready.push(this.#create('linkAuthentication', { defaultValues: { email: inputs.customerEmail } }));
    const address = addressOptions(inputs);
    if (address) ready.push(this.#create('address', address));
    ready.push(this.#create('payment', paymentOptions(inputs)));
    return Promise.all(ready);
  }

  /** Applies what changed since the last call; false when the group must be rebuilt instead. */
  sync(quote: Quote, customerSessionClientSecret?: string): boolean {
    const inputs = snapshot(this.#host);
    const before = this.#applied;
    if (quote.mode !== this.mode || structureOf(inputs) !== structureOf(before)) return false;
    if (customerSessionClientSecret !== this.#customerSessionClientSecret) return false;
    this.#applied = inputs;
    const update: StripeElementsUpdateOptions = {};
    if (quote !== this.#quote) {
      this.#quote = quote;
      const { amount, currency, captureMethod, setupFutureUsage } = quote.elements;
      Object.assign(update, { currency, captureMethod: captureMethod ?? 'automatic', setupFutureUsage: setupFutureUsage ?? null });
      if (amount !== undefined) update.amount = this.#amount = amount;
    }
    if (inputs.theme !== before.theme) update.appearance = appearanceFrom(this.#host, inputs.theme);
    if (inputs.locale !== before.locale) update.locale = (inputs.locale || 'auto') as 'auto';
    if (Object.keys(update).length) void this.elements.update(update);
    if (inputs.layout !== before.layout) this.#mounted.get('payment')?.update?.({ layout: paymentOptions(inputs).layout });
    if (prefillOf(inputs) !== prefillOf(before)) void this.#prefill(inputs, before);
    return true;
  }

  /** The shopper chose an open amount: Elements show it (wallets, BNPL) without a rebuild. */
  setAmount(amount: number): void {
    if (amount === this.#amount) return;
    this.#amount = amount;
    void this.elements.update({ amount });
  }

  setReadOnly(readOnly: boolean): void {
    if (readOnly === this.#readOnly) return;
    this.#readOnly = readOnly;
    this.#mounted.get('payment')?.update?.({ readOnly });
  }

  get complete(): boolean {
    return [...this.#mounted.keys()].every((kind) => this.#states.get(kind)?.complete);
  }

  destroy(): void {
    for (const element of this.#mounted.values()) element.destroy();
    this.#mounted.clear();
    this.#mounts.release();
  }

  /**
   * New prefill after load (link-checkout-extras.ts, loaded then): the Payment Element takes new
   * defaultValues; the other two are re-created with what the shopper typed kept.
   */
  async #prefill(inputs: CheckoutInputs, before: CheckoutInputs): Promise<void> {
    const { prefillAgain } = await import('./link-checkout-extras.ts');
    await prefillAgain({ mounted: this.#mounted, create: (kind, options) => void this.#create(kind, options) }, inputs, before, addressOptions(inputs), paymentOptions(inputs).defaultValues);
  }

  #create(kind: Kind, options: object): Promise<unknown> {
    const element = (this.elements.create as (kind: Kind, options: object) => Element)(kind, options);
    this.#mounted.set(kind, element);
    this.#states.set(kind, { complete: false, empty: true });
    element.on('change', (event: { complete: boolean; empty: boolean; value: any }) => {
      this.#states.set(kind, { complete: event.complete, empty: event.empty });
      if (kind === 'linkAuthentication' && event.value?.email !== this.email) {
        this.email = event.value.email;
        emit(this.#host, 'link-checkout-email', { email: event.value.email });
      }
      if (kind === 'address') emit(this.#host, 'link-checkout-address', { complete: event.complete, value: event.value });
      const { mode, currency } = this.#quote;
      const empty = [...this.#states.values()].every((state) => state.empty);
      emit(this.#host, 'link-checkout-change', { complete: this.complete, empty, mode, amount: this.#amount ?? 0, currency });
    });
    const ready = new Promise((resolve, reject) => {
      element.on('ready', resolve);
      element.on('loaderror', (event: { error: { message?: string; type: string; code?: string } }) =>
        reject(new CheckoutError({ type: 'api_error', code: event.error.code ?? 'element_load_failed', message: EN.formFailed })),
      );
    });
    element.mount(this.#mounts.target(SLOT[kind]));
    return ready;
  }
}
