// Charge a saved payment method, Payment Links and payment method domains.
import { busy } from './admin-api.js';
import { copyButton, h, loading, money, notify, statusChip, toMinorUnits } from './admin-ui.js';

/** Charge later: find the customer's saved methods, then charge one (or their default). */
export function chargePanel(call, { openOrder, refreshOrders }) {
  const form = document.getElementById('charge-form');
  const methods = document.getElementById('charge-method');
  const result = document.getElementById('charge-result');
  const find = document.getElementById('charge-find');

  find.addEventListener('click', () => busy(form, async () => {
    const customer = form.elements.customer.value.trim();
    if (!customer) return notify('Enter the customer id (cus_…) first.', { error: true });
    try {
      const found = await call('GET', `/customers/${encodeURIComponent(customer)}`);
      methods.replaceChildren(
        h('option', { value: '' }, 'Their default (or newest) method'),
        ...found.paymentMethods.map((method) => h('option', { value: method.id }, `${method.display}${method.isDefault ? ' (default)' : ''}`)),
      );
      notify(found.paymentMethods.length
        ? `${found.email ?? found.id} has ${found.paymentMethods.length} saved payment method${found.paymentMethods.length === 1 ? '' : 's'}.`
        : `${found.email ?? found.id} has no saved payment method to charge.`, { error: !found.paymentMethods.length });
    } catch (error) {
      notify(error.message, { error: true });
    }
  }));
  // Another customer's methods are not theirs: forget the list when the id changes.
  form.elements.customer.addEventListener('input', () => methods.replaceChildren(h('option', { value: '' }, 'Their default (or newest) method')));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const fields = form.elements;
    const currency = fields.currency.value.trim().toLowerCase();
    const amount = toMinorUnits(fields.amount.value, currency || 'usd');
    if (!amount) return notify('Enter the amount as a number, like 15.00.', { error: true });
    const body = { customer: fields.customer.value.trim(), amount, currency, ...(methods.value ? { paymentMethod: methods.value } : {}), ...(fields.description.value.trim() ? { description: fields.description.value.trim() } : {}) };
    busy(form, async () => {
      result.replaceChildren();
      try {
        const { order } = await call('POST', '/charges', body);
        notify(`Charged ${money(order.amount, order.currency)}: order ${order.id} is ${order.status}.`);
        result.replaceChildren(h('p', {}, 'Order ', h('button', { type: 'button', class: 'link', onclick: () => openOrder(order.id) }, order.id), ' ', statusChip(order.status)));
      } catch (error) {
        notify(error.message, { error: true });
        const order = error.body?.order;
        if (order?.recoveryUrl) {
          result.replaceChildren(h('p', {}, 'Recovery link for order ', order.id, ':'), h('div', { class: 'row' }, h('a', { href: order.recoveryUrl, class: 'url' }, order.recoveryUrl), copyButton(order.recoveryUrl, 'Copy the recovery link')));
        }
      }
      await refreshOrders();
    });
  });
}

/** Payment Links for catalog items: create, list, copy, deactivate and activate. */
export function linksPanel(call) {
  const form = document.getElementById('link-form');
  const rows = document.getElementById('link-rows');

  const row = (link) => {
    const sells = link.name ?? link.item ?? '';
    return h('li', { class: 'card' },
      h('p', { class: 'link-head' },
        h('strong', {}, sells), ' ',
        link.amount !== null && link.currency ? money(link.amount, link.currency) : '', ' ',
        h('span', { class: `chip chip-${link.active ? 'active' : 'canceled'}` }, link.active ? 'active' : 'inactive')),
      h('p', {}, h('a', { href: link.url, class: 'url' }, link.url)),
      h('div', { class: 'row' }, copyButton(link.url, `Copy the link for ${sells}`), h('button', {
        type: 'button',
        class: 'secondary',
        onclick: (event) => busy(event.currentTarget, async () => {
          try {
            await call('POST', `/payment-links/${encodeURIComponent(link.id)}/${link.active ? 'deactivate' : 'activate'}`);
            notify(`The link for ${sells} is ${link.active ? 'off: it no longer sells' : 'on again'}.`);
          } catch (error) {
            notify(error.message, { error: true });
          }
          await load();
        }),
      }, link.active ? 'Deactivate' : 'Activate', h('span', { class: 'visually-hidden' }, ` the link for ${sells}`))));
  };

  const load = () => loading(rows, async () => {
    try {
      const { data } = await call('GET', '/payment-links');
      rows.replaceChildren(...(data.length ? data.map(row) : [h('li', {}, 'No Payment Links yet.')]));
    } catch (error) {
      notify(`Could not load the Payment Links: ${error.message}`, { error: true });
    }
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(form, async () => {
      try {
        const link = await call('POST', '/payment-links', { item: form.elements.catalogItem.value.trim() });
        notify(`Created a link for ${link.name ?? link.item}.`);
        form.reset();
      } catch (error) {
        notify(error.message, { error: true });
      }
      await load();
    });
  });
  return { load };
}

/** Payment method domains: Link shows only on domains registered with Stripe. */
export function domainsPanel(call) {
  const form = document.getElementById('domain-form');
  const rows = document.getElementById('domain-rows');

  const load = () => loading(rows, async () => {
    try {
      const { data } = await call('GET', '/domains');
      rows.replaceChildren(...(data.length
        ? data.map((domain) => h('tr', {},
          h('th', { scope: 'row' }, domain.domain),
          h('td', {}, domain.enabled ? 'yes' : 'no'),
          h('td', {}, h('span', { class: `chip chip-${domain.link.status === 'active' ? 'active' : 'failed'}` }, domain.link.status)),
          h('td', {}, domain.link.reason ?? '')))
        : [h('tr', {}, h('td', { colspan: 4 }, 'No domains registered yet.'))]));
    } catch (error) {
      notify(`Could not load the payment method domains: ${error.message}`, { error: true });
    }
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(form, async () => {
      try {
        const added = await call('POST', '/domains', { domain: form.elements.domain.value.trim() });
        notify(`${added.domain} is registered; Link is ${added.link.status} there.`);
        form.reset();
      } catch (error) {
        notify(error.message, { error: true });
      }
      await load();
    });
  });
  return { load };
}
