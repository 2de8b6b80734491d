// Errors the stand-in throws where Stripe.js throws. Stripe.js names its synchronous
// integration mistakes `IntegrationError`, so callers can tell them from API errors.

export class IntegrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntegrationError';
  }
}

/** For Stripe.js methods the sandbox does not emulate: fail loudly, never pretend. */
export function notModeled(name: string): never {
  throw new Error(`not modeled by the sandbox: ${name}`);
}
