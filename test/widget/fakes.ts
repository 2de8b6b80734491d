/**
 * Test doubles for widget unit tests: a recording `window.Stripe` and a routed `fetch`.
 * They test our flow against Stripe.js's documented contract; the real stand-in is covered
 * by sandbox.test.ts and the end-to-end tests.
 */
import type { CheckoutResponse, PublicConfig, Quote } from '../../protocol/index.ts';

type Handler = (...args: any[]) => void;

export interface FakeElement {
  type: string;
  options: any;
  /** Every `element.update()` argument, in order. */
  updates: any[];
  /** What `getValue()` answers (the Address Element). */
  value?: any;
  target?: HTMLElement;
  destroyed: boolean;
  emit(event: string, payload?: unknown): void;
}

export interface FakeEmbeddedCheckout {
  clientSecret: string;
  target?: HTMLElement;
  destroyed: boolean;
  mount(target: HTMLElement): void;
  unmount(): void;
  destroy(): void;
}

/** A deferred value a test resolves when it wants a Stripe call to finish. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export class FakeStripe {
  /** Every Stripe and server call in order, e.g. 'submit', 'POST /api/checkout'. */
  readonly log: string[] = [];
  readonly created: FakeElement[] = [];
  elementsOptions: any;
  /** Every `elements.update()` argument, in order. */
  elementsUpdates: any[] = [];
  /** Fire 'ready' right after mount; switch off to hold the element in loading. */
  autoReady = true;
  submit: () => Promise<{ error?: any }> = async () => ({});
  tokenParams: { return_url?: string; payment_method_data?: any } | undefined;
  createConfirmationToken: () => Promise<any> = async () => ({ confirmationToken: { id: 'ctoken_test_1', payment_method_preview: { billing_details: {} } } });
  retrieveSetupIntent: (clientSecret: string) => Promise<any> = async () => ({ setupIntent: { id: 'seti_test_1', status: 'succeeded' } });
  retrievePaymentIntent: (clientSecret: string) => Promise<any> = async () => ({
    paymentIntent: { id: 'pi_test_1', status: 'succeeded' },
  });
  handleNextAction: (options: { clientSecret: string }) => Promise<any> = async () => ({
    paymentIntent: { id: 'pi_test_1', status: 'succeeded' },
  });
  /** Embedded Checkout instances, as `createEmbeddedCheckoutPage` made them. */
  readonly embedded: FakeEmbeddedCheckout[] = [];

  element(type: string): FakeElement {
    const found = this.created.find((element) => element.type === type && !element.destroyed);
    if (!found) throw new Error(`no ${type} element`);
    return found;
  }

  /** What `Stripe(key)` returns. */
  instance(key: string) {
    this.log.push(`Stripe(${key})`);
    const fake = this;
    return {
      elements(options: any) {
        fake.log.push('elements');
        fake.elementsOptions = options;
        return {
          create(type: string, options: any) {
            fake.log.push(`create ${type}`);
            const handlers = new Map<string, Handler[]>();
            const element: FakeElement & Record<string, unknown> = {
              type,
              options,
              updates: [],
              destroyed: false,
              emit(event, payload) {
                for (const handler of handlers.get(event) ?? []) handler(payload);
              },
              on(event: string, handler: Handler) {
                handlers.set(event, [...(handlers.get(event) ?? []), handler]);
                return element;
              },
              update(options: any) {
                fake.log.push(`update ${type}`);
                element.updates.push(options);
              },
              async getValue() {
                return { value: element.value ?? {} };
              },
              mount(target: HTMLElement) {
                // What Stripe.js does: iframes cannot be mounted inside a shadow root.
                if (target.getRootNode() instanceof ShadowRoot) throw new Error('Cannot mount in a ShadowRoot');
                fake.log.push(`mount ${type}`);
                element.target = target;
                target.append(Object.assign(document.createElement('div'), { className: `fake-${type}`, style: 'height: 20px' }));
                if (fake.autoReady) setTimeout(() => element.emit('ready', { elementType: type }));
              },
              destroy() {
                element.destroyed = true;
                element.target?.replaceChildren();
              },
            };
            fake.created.push(element);
            return element;
          },
          submit: () => {
            fake.log.push('submit');
            return fake.submit();
          },
          update: async (options: any) => {
            fake.log.push('elements.update');
            fake.elementsUpdates.push(options);
          },
        };
      },
      createConfirmationToken: (options: { elements: unknown; params?: { return_url?: string } }) => {
        fake.log.push('createConfirmationToken');
        fake.tokenParams = options.params;
        if (!options.elements) throw new Error('elements required');
        return fake.createConfirmationToken();
      },
      retrievePaymentIntent: (clientSecret: string) => {
        fake.log.push(`retrievePaymentIntent ${clientSecret}`);
        return fake.retrievePaymentIntent(clientSecret);
      },
      retrieveSetupIntent: (clientSecret: string) => {
        fake.log.push(`retrieveSetupIntent ${clientSecret}`);
        return fake.retrieveSetupIntent(clientSecret);
      },
      handleNextAction: (options: { clientSecret: string }) => {
        fake.log.push(`handleNextAction ${options.clientSecret}`);
        return fake.handleNextAction(options);
      },
      createEmbeddedCheckoutPage: async (options: { clientSecret?: string }) => {
        fake.log.push(`createEmbeddedCheckoutPage ${options.clientSecret}`);
        // Stripe.js: one embedded Checkout at a time.
        if (fake.embedded.some((checkout) => !checkout.destroyed)) throw new Error('Only one Embedded Checkout may exist at a time');
        const checkout: FakeEmbeddedCheckout = {
          clientSecret: options.clientSecret ?? '',
          destroyed: false,
          mount(target: HTMLElement) {
            if (target.getRootNode() instanceof ShadowRoot) throw new Error('Cannot mount in a ShadowRoot');
            fake.log.push('mount checkout');
            checkout.target = target;
            target.append(Object.assign(document.createElement('div'), { className: 'fake-checkout', style: 'height: 20px' }));
          },
          unmount() {
            checkout.target?.replaceChildren();
          },
          destroy() {
            checkout.destroyed = true;
            checkout.target?.replaceChildren();
          },
        };
        fake.embedded.push(checkout);
        return checkout;
      },
    };
  }
}

let current: FakeStripe | undefined;

/**
 * loadStripe caches the first `window.Stripe` it sees for the page's lifetime, so we install one
 * stable constructor that forwards to the current test's fake.
 */
export function installFakeStripe(): FakeStripe {
  current = new FakeStripe();
  const constructor = Object.assign((key: string) => current!.instance(key), { version: 'endive' });
  (window as any).Stripe ??= constructor;
  (window as any).__fakeStripeConstructor = constructor;
  return current;
}

export type Route = (request: { url: URL; init: RequestInit; body: any }) => Response | Promise<Response>;

export const CONFIG: PublicConfig = { publishableKey: 'pk_test_fake', sandbox: false };
/** A quote as the server makes one (protocol Quote), for a catalog item by default. */
export function quote(overrides: Partial<Quote> = {}): Quote {
  const base = { rule: 'catalog' as const, item: 'tshirt', name: 'T-shirt', amount: 2500, currency: 'usd', mode: 'payment' as const, ...overrides };
  const elements = { mode: base.mode, currency: base.currency, excludedPaymentMethodTypes: ['blik', 'acss_debit'], ...(base.mode === 'setup' ? {} : { amount: base.amount }) };
  return { ...base, elements: { ...elements, ...overrides.elements } };
}
export const QUOTE: Quote = quote();
export const PAID: CheckoutResponse = {
  orderId: 'ord_1',
  mode: 'payment',
  paymentIntentId: 'pi_test_1',
  status: 'succeeded',
  clientSecret: 'pi_test_1_secret_x',
};

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export interface FetchStub {
  /** Checkout request bodies, in order. */
  checkouts: any[];
  /** Every POST, in order: its path and JSON body. */
  posts: Array<{ path: string; body: any }>;
  routes: Record<string, Route>;
  restore(): void;
}

/** Replaces window.fetch with routes keyed by "METHOD /path"; unknown routes answer 404. */
export function stubFetch(log: string[], routes: Record<string, Route> = {}): FetchStub {
  const original = window.fetch;
  const stub: FetchStub = {
    checkouts: [],
    posts: [],
    routes: {
      'GET /api/config': () => json(CONFIG),
      'GET /api/quote': ({ url }) => json(quote({ item: url.searchParams.get('item') ?? 'tshirt' })),
      'POST /api/checkout': () => json(PAID),
      ...routes,
    },
    restore: () => {
      window.fetch = original;
    },
  };
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    const key = `${method} ${url.pathname}`;
    log.push(key);
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    if (key === 'POST /api/checkout') stub.checkouts.push(body);
    if (method === 'POST') stub.posts.push({ path: url.pathname, body });
    const route = stub.routes[key];
    return route ? route({ url, init, body }) : json({ error: { type: 'invalid_request_error', code: 'not_found', message: 'nope' } }, 404);
  };
  return stub;
}

/** A fresh fake Stripe and fetch stub around each test of the calling file, handed to `use`. */
export function withFakes(use: (stripe: FakeStripe, server: FetchStub) => void, routes?: Record<string, Route>): void {
  let server: FetchStub | undefined;
  beforeEach(() => {
    const stripe = installFakeStripe();
    server = stubFetch(stripe.log, routes);
    use(stripe, server);
  });
  afterEach(() => server?.restore());
}
