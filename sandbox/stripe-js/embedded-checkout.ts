// stripe.initEmbeddedCheckout / createEmbeddedCheckoutPage for Checkout Sessions with
// ui_mode embedded: the session's line items and labelled card inputs, in the light DOM rather
// than Stripe's iframe, completed through the emulator's sandbox-only routes.
// https://docs.stripe.com/js/embedded_checkout (init resolves with { mount, unmount, destroy })
import type { StripeEmbeddedCheckout, StripeEmbeddedCheckoutOptions } from '@stripe/stripe-js';
import { intentIdFromClientSecret, type ApiClient } from './api-client.ts';
import { checkoutForm, type CheckoutSessionView } from './embedded-checkout-form.ts';
import { IntegrationError } from './errors.ts';
import type { FormValue } from './form.ts';
import { navigate } from './navigation.ts';

/** One live embedded Checkout per Stripe instance: Stripe.js rejects a second one until destroy(). */
export interface EmbeddedSlot {
  live: boolean;
}

export async function initEmbeddedCheckout(api: ApiClient, slot: EmbeddedSlot, options: StripeEmbeddedCheckoutOptions): Promise<StripeEmbeddedCheckout> {
  const { clientSecret, fetchClientSecret, onComplete } = options ?? {};
  if ((clientSecret === undefined) === (fetchClientSecret === undefined)) {
    throw new IntegrationError('initEmbeddedCheckout: pass exactly one of fetchClientSecret (a function) or clientSecret.');
  }
  if (fetchClientSecret !== undefined && typeof fetchClientSecret !== 'function') {
    throw new IntegrationError('initEmbeddedCheckout: fetchClientSecret must be a function returning a Promise of the client secret.');
  }
  if (onComplete !== undefined && typeof onComplete !== 'function') throw new IntegrationError('initEmbeddedCheckout: onComplete must be a function.');
  // Stripe.js reports this as a rejected promise (IntegrationError), e.g. github.com/joshnuss/svelte-stripe/issues/97.
  if (slot.live) throw new IntegrationError('Only one Embedded Checkout may exist at a time; destroy() the previous one before creating another.');
  slot.live = true;
  try {
    const secret = clientSecret ?? (await fetchClientSecret!());
    if (typeof secret !== 'string' || !/^cs_(test|live)_\w+_secret_\w+$/.test(secret)) {
      throw new IntegrationError('initEmbeddedCheckout: the client secret must be a Checkout Session client_secret (cs_…_secret_…).');
    }
    const id = intentIdFromClientSecret(secret);
    const loaded = await api.get<CheckoutSessionView>(`/_sandbox/checkout/${id}/embedded`, { client_secret: secret });
    if (!loaded.ok) throw new IntegrationError(`initEmbeddedCheckout: the Checkout Session could not be loaded: ${loaded.error.message}`);
    return new SandboxEmbeddedCheckout(api, slot, secret, loaded.body, onComplete);
  } catch (e) {
    slot.live = false;
    throw e;
  }
}

class SandboxEmbeddedCheckout implements StripeEmbeddedCheckout {
  private node: HTMLElement | null = null;
  private root: HTMLElement | null = null;
  private destroyed = false;

  constructor(
    private readonly api: ApiClient,
    private readonly slot: EmbeddedSlot,
    private readonly clientSecret: string,
    private readonly session: CheckoutSessionView,
    private readonly onComplete: (() => void) | undefined,
  ) {}

  mount(location: string | HTMLElement): void {
    if (this.destroyed) throw new IntegrationError('This Embedded Checkout was destroyed; create a new one with initEmbeddedCheckout().');
    const target = typeof location === 'string' ? document.querySelector<HTMLElement>(location) : location;
    if (!(target instanceof HTMLElement)) throw new IntegrationError(`Invalid DOM element or selector passed to mount(): ${String(location)}.`);
    if (this.node) throw new IntegrationError('This Embedded Checkout is already mounted; call unmount() first.');
    this.node = target;
    this.root = checkoutForm(this.session, (fields) => this.complete(fields));
    target.append(this.root);
  }

  unmount(): void {
    this.root?.remove();
    this.root = this.node = null;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.unmount();
    this.destroyed = true;
    this.slot.live = false;
  }

  private async complete(fields: { [key: string]: FormValue }): Promise<string | null> {
    const id = this.session.id;
    // The emulator answers with the completed session and where Checkout would send the customer
    // (return_url with {CHECKOUT_SESSION_ID} filled in; null for redirect_on_completion 'never').
    const result = await this.api.post<{ redirect_url?: string | null }>(`/_sandbox/checkout/${id}/complete`, {
      client_secret: this.clientSecret,
      ...fields,
    });
    if (!result.ok) return result.error.message ?? 'The payment could not be completed.';
    this.finish(result.body.redirect_url);
    return null;
  }

  /**
   * onComplete is documented for sessions with redirect_on_completion 'if_required' (cards never
   * need a redirect) or 'never'; 'always' sends the customer to return_url with the session id.
   */
  private finish(redirectUrl: string | null | undefined): void {
    const redirect = this.session.redirect_on_completion ?? (redirectUrl === null ? 'never' : undefined);
    if (this.onComplete && redirect !== 'always') this.onComplete();
    else if (redirectUrl) navigate(new URL(redirectUrl, location.href).href);
    else this.onComplete?.();
  }
}
