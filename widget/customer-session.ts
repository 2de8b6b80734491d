import type { CheckoutUi } from '../protocol/index.ts';
import type { ApiClient } from './api-client.ts';
import type { CheckoutInputs } from './inputs.ts';

/**
 * What shows a returning customer's saved payment methods in the Payment Element (seed 002
 * § CustomerSession): the client secret the site's backend made, or one the server makes for the
 * customer the shop signed. Made once per signed reference; a failed one is asked for again.
 * Checkout Sessions need none: the server gives Checkout the Customer itself.
 */
export class CustomerSessions {
  private cached: { key: string; secret: Promise<string> } | undefined;

  secretFor(api: ApiClient, inputs: CheckoutInputs, ui: CheckoutUi): Promise<string | undefined> {
    const { customerSessionClientSecret, customer, customerSignature } = inputs;
    if (customerSessionClientSecret) return Promise.resolve(customerSessionClientSecret);
    if (!customer || ui !== 'elements') return Promise.resolve(undefined);
    const key = `${customer}|${customerSignature}`;
    if (this.cached?.key !== key) {
      const secret = api.createCustomerSession({ customer, customerSignature }).then(({ clientSecret }) => clientSecret);
      secret.catch(() => this.cached?.secret === secret && (this.cached = undefined));
      this.cached = { key, secret };
    }
    return this.cached.secret;
  }
}
