import type { MiddlewareHandler } from 'hono';

/**
 * Where Stripe.js loads from and talks to, per Stripe's CSP guidance for Stripe.js and Elements
 * (docs.stripe.com/security/guide#content-security-policy): its scripts and frames on
 * js.stripe.com, 3D Secure frames on hooks.stripe.com, API calls to api.stripe.com, address
 * autocomplete on maps.googleapis.com, and embedded Checkout on checkout.stripe.com.
 */
const STRIPE = {
  script: ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://maps.googleapis.com'],
  frame: ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com', 'https://checkout.stripe.com', 'https://m.stripe.network'],
  connect: ['https://api.stripe.com', 'https://maps.googleapis.com', 'https://checkout.stripe.com'],
  img: ['https://*.stripe.com'],
};

export interface PageSecurityOptions {
  /** On the sandbox the Stripe.js stand-in and its pages come from our own origin: no Stripe hosts. */
  sandbox: boolean;
  /** Who may frame the page (CSP frame-ancestors); default nobody. */
  frameAncestors?: string;
}

/** The Content-Security-Policy of our HTML pages. */
export function pageContentSecurityPolicy({ sandbox, frameAncestors = "'none'" }: PageSecurityOptions): string {
  const stripe = (hosts: string[]) => (sandbox ? [] : hosts);
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...stripe(STRIPE.script)],
    'frame-src': ["'self'", ...stripe(STRIPE.frame)],
    'connect-src': ["'self'", ...stripe(STRIPE.connect)],
    'img-src': ["'self'", 'data:', ...stripe(STRIPE.img)],
    // Elements and Lit set styles at run time; inline styles cannot run script.
    'style-src': ["'self'", "'unsafe-inline'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': [frameAncestors],
  };
  return Object.entries(directives).map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/**
 * Security headers for HTML pages (the demo, and pages such as /admin or /pay/*): apply it to
 * their routes with `app.use(path, pageSecurityHeaders({sandbox}))`.
 */
export function pageSecurityHeaders(options: PageSecurityOptions): MiddlewareHandler {
  const policy = pageContentSecurityPolicy(options);
  const frameOptions = (options.frameAncestors ?? "'none'") === "'none'" ? 'DENY' : 'SAMEORIGIN';
  return async (c, next) => {
    await next();
    c.header('Content-Security-Policy', policy);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    // For browsers without frame-ancestors.
    c.header('X-Frame-Options', frameOptions);
  };
}
