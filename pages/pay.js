// The page a customer completes an order on, /pay/:orderId: an off-session charge the bank wants
// authenticated, or a Checkout Session the shop sent. The element does the work; this file puts
// it on the page for the order in the address, and titles the page after the outcome. No inline
// script, so the page runs under a CSP that forbids it.

const ORDER_PATH = /^\/pay\/(ord_[A-Za-z0-9]{1,40})\/?$/;

/** Headlines for the outcomes that leave nothing to pay; the element itself says why. */
const SETTLED = {
  order_already_paid: 'Already paid',
  order_already_saved: 'Already saved',
  order_expired: 'Link expired',
  order_not_found: 'Order not found',
  order_not_payable: 'Nothing to pay',
};

const main = document.querySelector('main');
const title = document.getElementById('title');
const intro = document.getElementById('intro');

/** The page says what happened; focus moves to the headline so it is read first. */
function announce(headline, text = '') {
  title.textContent = headline;
  document.title = headline;
  intro.textContent = text;
  title.focus();
}

const orderId = ORDER_PATH.exec(location.pathname)?.[1];
if (!orderId) {
  announce('Link not valid', 'This payment link is incomplete. Check the link the shop sent you.');
} else {
  const checkout = document.createElement('link-checkout');
  checkout.setAttribute('order', orderId);
  // The shop has the address already; only the payment is asked for.
  checkout.setAttribute('address', 'none');
  main.append(checkout);
  checkout.addEventListener('link-checkout-success', (event) => {
    const saved = event.detail.mode === 'setup';
    announce(saved ? 'Payment details saved' : 'Thank you');
  });
  checkout.addEventListener('link-checkout-error', (event) => {
    const headline = SETTLED[event.detail.code];
    if (headline) announce(headline);
  });
}
