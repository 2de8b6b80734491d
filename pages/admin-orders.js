// Orders: the filtered, paged table, and one order's detail with the actions its state allows.
// Live: the table and the open order refresh every POLL_MS while the tab is visible, and at once
// after each action.
import { busy } from './admin-api.js';
import { copyButton, h, money, notify, statusChip, toMajorText, toMinorUnits, when } from './admin-ui.js';

const POLL_MS = 5000;
const PAGE_SIZE = 20;

/** What the server allows (server/admin/orders.ts), so only buttons that can work are shown. */
const canCapture = (order) => order.status === 'authorized' || (order.status === 'needs_review' && order.captureMethod === 'manual' && order.amountReceived === 0);
const canCancel = (order) =>
  (order.mode === 'subscription' && order.status === 'active' && order.subscriptionId !== null) ||
  (['authorized', 'pending', 'action_required', 'needs_review'].includes(order.status) && order.paymentIntentId !== null);
const refundable = (order) => (['paid', 'active', 'needs_review'].includes(order.status) ? order.amountReceived - order.amountRefunded : 0);

export function ordersPanel(call) {
  const form = document.getElementById('order-filters');
  const rows = document.getElementById('orders-rows');
  const pageLabel = document.getElementById('orders-page');
  const newer = document.getElementById('orders-newer');
  const older = document.getElementById('orders-older');
  const detail = document.getElementById('order-detail');
  /** The filters as last submitted (read before the form is disabled while loading). */
  let filters = [];
  /** `starting_after` of each page seen, so Newer goes back the way Older came. */
  let cursors = [null];
  let nextCursor = null;
  let shownList = '';
  let openOrder = null;
  let shownDetail = '';

  async function loadList() {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    for (const [name, value] of filters) query.set(name, value);
    const cursor = cursors.at(-1);
    if (cursor) query.set('starting_after', cursor);
    const list = await call('GET', `/orders?${query}`);
    nextCursor = list.nextCursor;
    showPager();
    const signature = JSON.stringify(list.data);
    if (signature === shownList) return;
    shownList = signature;
    // Keep focus on the same row's button across a refresh.
    const focused = document.activeElement?.dataset?.orderId;
    rows.replaceChildren(...(list.data.length ? list.data.map(orderRow) : [h('tr', {}, h('td', { colspan: 6 }, 'No orders match these filters.'))]));
    if (focused) rows.querySelector(`[data-order-id="${CSS.escape(focused)}"]`)?.focus();
  }

  function showPager() {
    if (older.dataset.busy) return; // busy() restores the buttons, then turn() calls this again
    newer.disabled = cursors.length === 1;
    older.disabled = !nextCursor;
    pageLabel.textContent = `Page ${cursors.length}`;
  }

  const orderRow = (order) =>
    h('tr', { class: order.id === openOrder ? 'open' : null },
      h('th', { scope: 'row' },
        h('button', { type: 'button', class: 'link', 'data-order-id': order.id, 'aria-controls': 'order-detail', onclick: () => openDetail(order.id) }, h('span', { class: 'visually-hidden' }, 'Show order '), order.id),
        // Phones have no Email column: it goes under the id (display: none hides one of the two).
        order.email ? h('span', { class: 'narrow email' }, order.email) : null),
      h('td', { class: 'wide' }, when(order.createdAt)),
      h('td', {}, statusChip(order.status)),
      h('td', { class: 'wide' }, order.mode),
      h('td', { class: 'num' }, order.mode === 'setup' ? '—' : money(order.amount, order.currency)),
      h('td', { class: 'email roomy' }, order.email ?? ''));

  async function openDetail(orderId) {
    openOrder = orderId;
    shownDetail = '';
    await refreshDetail();
    detail.hidden = false;
    detail.querySelector('h2').focus();
    for (const row of rows.children) row.classList.toggle('open', row.querySelector(`[data-order-id="${CSS.escape(orderId)}"]`) !== null);
  }

  async function refreshDetail() {
    if (!openOrder || detail.dataset.busy) return;
    const shown = await call('GET', `/orders/${encodeURIComponent(openOrder)}`);
    const signature = JSON.stringify(shown);
    if (signature === shownDetail) return;
    shownDetail = signature;
    renderDetail(shown);
  }

  function renderDetail({ order, history }) {
    const hadFocus = detail.contains(document.activeElement);
    const amount = (value) => money(value, order.currency);
    const facts = [
      ['Status', statusChip(order.status)],
      ['Mode', `${order.mode}, ${order.source.replaceAll('_', ' ')}${order.captureMethod === 'manual' ? ', manual capture' : ''}`],
      ['Item', order.name ?? order.item],
      ...(order.mode === 'setup' ? [] : [['Amount', amount(order.amount)], ['Received', amount(order.amountReceived)], ['Refunded', amount(order.amountRefunded)]]),
      ['Email', order.email],
      ['Customer', order.customerId],
      ['Payment', order.paymentIntentId ?? order.setupIntentId],
      ['Subscription', order.subscriptionId],
      ['Payment method', order.paymentMethodId],
      ['Last error', order.lastError && `${order.lastError.message} (${[order.lastError.code, order.lastError.declineCode].filter(Boolean).join(', ')})`],
      ['Created', when(order.createdAt)],
      ['Updated', when(order.updatedAt)],
    ].filter(([, value]) => value);
    detail.replaceChildren(...[
      h('div', { class: 'detail-head' },
        h('h2', { id: 'detail-title', tabindex: '-1' }, `Order ${order.id}`),
        h('button', { type: 'button', class: 'secondary', onclick: closeDetail }, 'Close')),
      h('dl', { class: 'facts' }, facts.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)])),
      order.recoveryUrl ? recovery(order.recoveryUrl) : null,
      actions(order),
      h('h3', {}, 'History'),
      h('ol', { class: 'history' }, history.map((entry) => h('li', {},
        h('p', {}, when(entry.at), ' ',
          entry.from ? [statusChip(entry.from), h('span', { 'aria-hidden': 'true' }, ' → '), h('span', { class: 'visually-hidden' }, ' to ')] : null,
          statusChip(entry.to)),
        h('p', { class: 'cause' }, entry.cause)))),
    ].filter(Boolean));
    // The button that was pressed is gone: keep the reader in the panel, at its heading.
    if (hadFocus) detail.querySelector('h2').focus();
  }

  function closeDetail() {
    const id = openOrder;
    openOrder = null;
    detail.hidden = true;
    for (const row of rows.children) row.classList.remove('open');
    rows.querySelector(`[data-order-id="${CSS.escape(id)}"]`)?.focus();
  }

  /** capture, cancel and refund, each shown only when the order's state allows it. */
  function actions(order) {
    const forms = [];
    if (canCapture(order)) {
      forms.push(amountAction(order, 'capture', 'Capture', `Amount to capture (at most ${money(order.amount, order.currency)}; empty captures it all)`));
    }
    if (refundable(order) > 0) {
      forms.push(amountAction(order, 'refund', 'Refund', `Amount to refund (at most ${money(refundable(order), order.currency)}; empty refunds it all)`));
    }
    if (canCancel(order)) {
      forms.push(h('form', { class: 'action', onsubmit: (event) => act(event, order, 'cancel', {}, `Cancel order ${order.id}? The customer is not charged.`) },
        h('button', { type: 'submit', class: 'danger' }, order.mode === 'subscription' ? 'Cancel subscription' : 'Cancel payment')));
    }
    return forms.length ? h('div', { class: 'actions' }, h('h3', {}, 'Actions'), forms) : null;
  }

  function amountAction(order, action, label, hint) {
    const id = `${action}-amount`;
    return h('form', {
      class: 'action',
      onsubmit: (event) => {
        const text = event.currentTarget.elements.amount.value;
        const amount = text.trim() ? toMinorUnits(text, order.currency) : undefined;
        if (amount === null) {
          event.preventDefault();
          return notify(`Enter the amount as a number, like ${toMajorText(order.amount, order.currency)}.`, { error: true });
        }
        const confirmation = action === 'refund' ? `Refund ${amount ? money(amount, order.currency) : 'everything left'} on order ${order.id}?` : null;
        act(event, order, action, amount ? { amount } : {}, confirmation);
      },
    },
    h('label', { for: id }, hint),
    h('div', { class: 'row' },
      h('input', { id, name: 'amount', inputmode: 'decimal', autocomplete: 'off', placeholder: toMajorText(action === 'refund' ? refundable(order) : order.amount, order.currency) }),
      h('button', { type: 'submit' }, label)));
  }

  async function act(event, order, action, body, confirmation) {
    event.preventDefault();
    if (confirmation && !window.confirm(confirmation)) return;
    await busy(detail, async () => {
      try {
        const result = await call('POST', `/orders/${encodeURIComponent(order.id)}/${action}`, body);
        const done = { capture: 'Captured', refund: 'Refunded', cancel: 'Canceled' }[action];
        notify(`${done}: order ${order.id} is now ${result.order.status.replaceAll('_', ' ')}.`);
        shownDetail = JSON.stringify(result);
        renderDetail(result);
      } catch (error) {
        notify(error.message, { error: true });
      }
    });
    await refresh();
  }

  function recovery(url) {
    return h('div', { class: 'recovery' },
      h('p', {}, 'The bank wants the customer to confirm this payment. Send them this link:'),
      h('div', { class: 'row' }, h('a', { href: url, class: 'url' }, url), copyButton(url, 'Copy the recovery link')));
  }

  /** `quiet` (the poll): a failure is announced once, not every few seconds. */
  async function refresh({ quiet = false } = {}) {
    try {
      await Promise.all([loadList(), refreshDetail()]);
    } catch (error) {
      const message = `Could not load the orders: ${error.message}`;
      if (!quiet || document.getElementById('notice').textContent !== message) notify(message, { error: true });
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    filters = [...new FormData(form)].map(([name, value]) => [name, String(value).trim()]).filter(([, value]) => value);
    cursors = [null];
    busy(form, refresh);
  });
  /** Older and Newer: move the cursor, load, then show where the pages end. */
  async function turn(pressed, other, move) {
    if (pressed.dataset.busy) return;
    move();
    await busy([older, newer], refresh);
    showPager();
    // At the first or last page the pressed button turns off: keep the keyboard on the pager.
    if (pressed.disabled && [pressed, document.body].includes(document.activeElement)) other.focus();
  }
  older.addEventListener('click', () => nextCursor && turn(older, newer, () => cursors.push(nextCursor)));
  newer.addEventListener('click', () => cursors.length > 1 && turn(newer, older, () => cursors.pop()));

  let timer = null;
  return {
    refresh,
    openDetail,
    start() {
      clearInterval(timer);
      timer = setInterval(() => document.visibilityState === 'visible' && refresh({ quiet: true }), POLL_MS);
      return refresh();
    },
    stop() {
      clearInterval(timer);
      shownList = '';
      rows.replaceChildren();
      if (openOrder) closeDetail();
    },
  };
}
