import type { StripeEmulator } from '../../sandbox/api/index.ts';

/**
 * ConfirmationTokens for a 4242 card, made as Stripe.js makes them (publishable key, card
 * details), straight through the emulator in-process: the bench makes them before a timed window.
 */
export async function makeTokens(emulator: StripeEmulator, count: number): Promise<string[]> {
  const body = new URLSearchParams({
    return_url: 'https://shop.example/checkout',
    'payment_method_data[type]': 'card',
    'payment_method_data[card][number]': '4242424242424242',
    'payment_method_data[card][exp_month]': '12',
    'payment_method_data[card][exp_year]': String(new Date().getFullYear() + 2),
    'payment_method_data[card][cvc]': '123',
    'payment_method_data[billing_details][email]': 'jenny@example.com',
  }).toString();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await emulator.fetch(new Request('http://api.stripe.sandbox/v1/confirmation_tokens', {
      method: 'POST',
      headers: { Authorization: `Bearer ${emulator.publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
    }));
    const json = (await response.json()) as { id?: string };
    if (!json.id) throw new Error(`confirmation token refused: ${JSON.stringify(json)}`);
    ids.push(json.id);
  }
  return ids;
}
