// The merchant's page at /admin: asks for the admin token (kept for this tab only), then shows
// orders, charge later, Payment Links and domains, all through /admin/api.
import { api, token } from './admin-api.js';
import { notify } from './admin-ui.js';
import { ordersPanel } from './admin-orders.js';
import { chargePanel, domainsPanel, linksPanel } from './admin-shop.js';

const signIn = document.getElementById('sign-in');
const tokenForm = document.getElementById('token-form');
const workspace = document.getElementById('workspace');
const forget = document.getElementById('forget');

/** Every call goes through here: a refused token sends the merchant back to the token form. */
const call = (method, path, body) => api(method, path, body, { onUnauthorized: () => signOut() });

const orders = ordersPanel(call);
const links = linksPanel(call);
const domains = domainsPanel(call);
chargePanel(call, { openOrder: (orderId) => orders.openDetail(orderId), refreshOrders: () => orders.refresh() });

async function open() {
  signIn.hidden = true;
  workspace.hidden = false;
  forget.hidden = false;
  await Promise.all([orders.start(), links.load(), domains.load()]);
}

/** Back to the token form: after a refused token (an error), or when the merchant forgets it. */
function close(message, { error }) {
  token.forget();
  orders.stop();
  workspace.hidden = true;
  forget.hidden = true;
  signIn.hidden = false;
  tokenForm.reset();
  tokenForm.elements.token.focus();
  notify(message, { error });
}
const signOut = () => close('The server refused this admin token. Enter it again.', { error: true });

tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  token.set(tokenForm.elements.token.value.trim());
  notify('');
  open();
});
forget.addEventListener('click', () => close('The token is forgotten in this tab.', { error: false }));

if (token.get()) open();
