// Demo page glue: rebuilds the element from the form, logs its events, and shows the order
// status the webhook sets (polled from the server, since the webhook is the source of truth).
const stage = document.getElementById('stage');
const form = document.getElementById('options');
const log = document.getElementById('log');
const snippet = document.getElementById('snippet');
const orderStatus = document.getElementById('order-status');

const ATTRIBUTES = ['item', 'email', 'name', 'phone'];

function logEvent(name, detail) {
  const entry = document.createElement('li');
  entry.textContent = `${new Date().toLocaleTimeString()} ${name} ${detail ? JSON.stringify(detail) : ''}`;
  entry.dataset.event = name;
  log.prepend(entry);
}

function render() {
  const data = new FormData(form);
  const element = document.createElement('link-checkout');
  for (const name of ATTRIBUTES) {
    const value = String(data.get(name) ?? '').trim();
    if (value) element.setAttribute(name, value);
  }
  stage.replaceChildren(element);
  const attrs = ATTRIBUTES.filter((n) => element.hasAttribute(n)).map((n) => ` ${n}="${element.getAttribute(n)}"`).join('');
  snippet.textContent = `<script type="module" src="${location.origin}/link-checkout.js"></script>\n<link-checkout${attrs}></link-checkout>`;
  orderStatus.textContent = 'none yet';
}

async function followOrder(orderId) {
  for (let i = 0; i < 20; i++) {
    const response = await fetch(`/api/orders/${encodeURIComponent(orderId)}`);
    if (response.ok) {
      const order = await response.json();
      orderStatus.textContent = `${order.id}: ${order.status}`;
      if (order.status !== 'pending') return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

for (const name of ['link-checkout-ready', 'link-checkout-success', 'link-checkout-error']) {
  document.addEventListener(name, (event) => {
    logEvent(name, event.detail);
    if (name === 'link-checkout-success') followOrder(event.detail.orderId);
  });
}
form.addEventListener('submit', (event) => {
  event.preventDefault();
  render();
});
render();
