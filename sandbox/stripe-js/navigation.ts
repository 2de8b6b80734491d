// Where the stand-in sends the page (confirmPayment/confirmSetup redirects, embedded Checkout's
// return_url). Stripe.js assigns window.location; tests swap the hook to capture the URL instead.
export type Navigate = (url: string) => void;

const leavePage: Navigate = (url) => window.location.assign(url);
let current: Navigate = leavePage;

export function navigate(url: string): void {
  current(url);
}

/** Replaces the navigation hook; `null` restores window.location.assign. Returns the previous hook. */
export function setNavigate(hook: Navigate | null): Navigate {
  const previous = current;
  current = hook ?? leavePage;
  return previous;
}
