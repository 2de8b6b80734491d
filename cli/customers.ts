import type { AdminCustomer, AdminOrder, CheckoutSessionCreated } from '../protocol/admin.ts';
import { CommandError, UsageError, given, minorUnits, positionalArgs, required, type Command } from './args.ts';
import { ApiRefusal, segment } from './client.ts';
import { fields, money, table } from './format.ts';

function customerText(customer: AdminCustomer): string {
  const methods = customer.paymentMethods.length
    ? table(['payment method', 'type', 'shown as', 'default'], customer.paymentMethods.map((method) => [method.id, method.type, method.display, method.isDefault ? 'yes' : '']))
    : 'No saved payment methods.';
  return `${fields([['customer', customer.id], ['email', customer.email], ['name', customer.name]])}\n${methods}`;
}

export const customersShow: Command = {
  summary: 'Show a customer and their saved payment methods (by id, or search by --email)',
  usage: `link-checkout customers show <cus_…> [--json]
       link-checkout customers show --email jenny@example.com [--json]`,
  admin: true,
  options: { email: { type: 'string' } },
  async run({ values, positionals, api }) {
    if (typeof values.email === 'string') {
      positionalArgs(positionals);
      const found = await api().get<{ data: AdminCustomer[] }>('/customers', { email: values.email });
      return { json: found, text: found.data.length ? found.data.map(customerText).join('\n\n') : `No customer has the email ${values.email}.` };
    }
    const [customerId] = positionalArgs(positionals, '<cus_…>');
    const customer = await api().get<AdminCustomer>(`/customers/${segment(customerId!)}`);
    return { json: customer, text: customerText(customer) };
  },
};

export const customersDetach: Command = {
  summary: 'Detach a saved payment method from a customer',
  usage: 'link-checkout customers detach <cus_…> <pm_…> [--json]',
  admin: true,
  options: {},
  async run({ positionals, api }) {
    const [customerId, methodId] = positionalArgs(positionals, '<cus_…>', '<pm_…>');
    const customer = await api().delete<AdminCustomer>(`/customers/${segment(customerId!)}/payment_methods/${segment(methodId!)}`);
    return { json: customer, text: `Detached ${methodId} from ${customer.id}.\n\n${customerText(customer)}` };
  },
};

export const charge: Command = {
  summary: 'Charge a customer\'s saved payment method now (off-session)',
  usage: `link-checkout charge --customer cus_… --amount N --currency usd [--payment-method pm_…] [--description TEXT] [--json]

  --customer        the Customer to charge
  --amount          minor units (1500 is 15.00)
  --currency        three-letter ISO code
  --payment-method  one of their saved methods (default: their default, else the newest)
  --description     what the charge is for (default "Charge")

  A decline exits 1 with the bank's reason. When the bank asks the customer to authenticate
  (authentication_required), it exits 1 and prints the recovery URL to send them to.`,
  admin: true,
  options: { customer: { type: 'string' }, amount: { type: 'string' }, currency: { type: 'string' }, 'payment-method': { type: 'string' }, description: { type: 'string' } },
  async run({ values, positionals, api }) {
    positionalArgs(positionals);
    const request = {
      customer: required(values, 'customer'),
      amount: minorUnits(values.amount, '--amount'),
      currency: required(values, 'currency'),
      ...given(values, { 'payment-method': 'paymentMethod', description: 'description' }),
    };
    try {
      const { order } = await api().post<{ order: AdminOrder }>('/charges', request);
      return { json: { order }, text: `Charged ${money(order.amount, order.currency)} to ${order.customerId} (${order.paymentMethodId}): order ${order.id} is ${order.status}.` };
    } catch (err) {
      if (!(err instanceof ApiRefusal) || err.status !== 402) throw err;
      throw declined(err);
    }
  },
};

/** A 402 from /charges: what the bank said, and where the customer goes when they must authenticate. */
function declined(refusal: ApiRefusal): CommandError {
  const { error, order } = refusal.body as { error: { code: string; message: string; decline_code?: string }; order?: AdminOrder };
  if (error.code === 'authentication_required' && order?.recoveryUrl) {
    return new CommandError(
      `The bank asks the customer to authenticate this charge; nothing was charged yet (order ${order.id} is ${order.status}).`,
      refusal.body,
      refusal.exitCode,
      `Send the customer to: ${order.recoveryUrl}`,
    );
  }
  const reason = [error.code, error.decline_code].filter(Boolean).join(' / ');
  return new CommandError(`Declined: ${error.message} (${reason})${order ? `; order ${order.id} is ${order.status}` : ''}.`, refusal.body, refusal.exitCode);
}

export const sessionsCreate: Command = {
  summary: 'Create a Checkout Session to send a customer (save a method, or pay for an item)',
  usage: `link-checkout sessions create --mode setup|payment --ui hosted|embedded [--customer cus_…] [--email E] [--item ITEM] [--currency usd] [--json]

  --mode      setup (save a payment method for later) or payment (pay for --item)
  --ui        hosted (a Stripe page: send the URL) or embedded (this server's /pay page)
  --customer  an existing customer; without one, setup makes a new customer (with --email)
  --item      payment mode: the catalog item
  --currency  setup mode: the currency of the methods to set up (default usd)`,
  admin: true,
  options: { mode: { type: 'string' }, ui: { type: 'string' }, customer: { type: 'string' }, email: { type: 'string' }, item: { type: 'string' }, currency: { type: 'string' } },
  async run({ values, positionals, api }) {
    positionalArgs(positionals);
    required(values, 'mode');
    required(values, 'ui');
    if (values.mode === 'payment' && values.item === undefined) throw new UsageError('A payment session sells a catalog item: pass --item.');
    const created = await api().post<CheckoutSessionCreated>('/checkout-sessions', given(values, { mode: 'mode', ui: 'ui', customer: 'customer', email: 'email', item: 'item', currency: 'currency' }));
    const link = created.url ? ['send the customer to', created.url] as [string, string] : ['page', created.pageUrl] as [string, string | null];
    return {
      json: created,
      text: fields([['order', created.orderId], ['session', created.sessionId], link, ['client secret', created.clientSecret]]),
    };
  },
};
