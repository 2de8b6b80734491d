// Saved methods the Payment Element can offer: a Link account's `link` PaymentMethod (after the
// one-time-code login, labelled by its funding card) and a Customer's cards reached through a
// CustomerSession client secret (elements option customerSessionClientSecret; seed 002, "Save
// and retrieve customer payment methods").
import type { ApiClient } from './api-client.ts';

export interface SavedCard {
  id: string;
  /** 'card', or 'link' for a Link account's method (its `card` is then the funding card shown). */
  type?: string;
  card: { brand: string; last4: string; exp_month: number; exp_year: number };
  billing_details?: {
    name?: string | null;
    email?: string | null;
    phone?: string | null;
    address?: Partial<Record<'line1' | 'line2' | 'city' | 'state' | 'postal_code' | 'country', string | null>> | null;
  };
}

export type SavedSource = 'link' | 'customer';
export interface SavedOption {
  pm: SavedCard;
  source: SavedSource;
}

const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
};

/** "Visa •••• 4242": how the Payment Element names a saved card. */
export function cardLabel(pm: SavedCard): string {
  const brand = BRANDS[pm.card.brand] ?? (pm.card.brand ? pm.card.brand[0]!.toUpperCase() + pm.card.brand.slice(1) : 'Card');
  return `${brand} •••• ${pm.card.last4}`;
}

/** The Customer's saved cards, or [] when the route answers with an error (Stripe.js then shows none). */
export async function fetchCustomerSessionCards(api: ApiClient, customerSessionClientSecret: string): Promise<SavedCard[]> {
  const result = await api.get<{ data?: SavedCard[] }>('/_sandbox/customer_sessions/payment_methods', {
    customer_session_client_secret: customerSessionClientSecret,
  });
  if (!result.ok) {
    console.warn(`[sandbox stripe-js] saved payment methods unavailable: ${result.error.message}`);
    return [];
  }
  return (result.body.data ?? []).filter((pm) => pm && typeof pm.id === 'string' && pm.card);
}

/** The change event's value.payment_method for a selected saved card. */
export function changeEventPaymentMethod(pm: SavedCard) {
  const b = pm.billing_details ?? {};
  const a = b.address ?? {};
  return {
    id: pm.id,
    type: pm.type ?? 'card',
    billing_details: {
      name: b.name ?? null,
      email: b.email ?? null,
      phone: b.phone ?? null,
      address: {
        city: a.city ?? null,
        country: a.country ?? null,
        line1: a.line1 ?? null,
        line2: a.line2 ?? null,
        postal_code: a.postal_code ?? null,
        state: a.state ?? null,
      },
    },
  };
}
