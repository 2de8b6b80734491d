/**
 * Anchor: the same checkout in React 19 with @stripe/react-stripe-js: the Link Authentication,
 * Address and Payment Elements in one deferred-intent <Elements> group, paid through the server's
 * POST /api/checkout with a ConfirmationToken. Measured for size only.
 */
import { useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';
import { loadStripe } from '@stripe/stripe-js/pure';
import type { StripeElementsOptionsMode } from '@stripe/stripe-js';
import { AddressElement, Elements, LinkAuthenticationElement, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';

interface CheckoutData {
  publishableKey: string;
  quote: { elements: StripeElementsOptionsMode };
}

const ITEM = 'tshirt';
const EMAIL = 'jenny@example.com';
const data: CheckoutData = JSON.parse(document.getElementById('checkout-data')!.textContent!);
const stripePromise = loadStripe(data.publishableKey);

function CheckoutForm() {
  const stripe = useStripe();
  const elements = useElements();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  async function pay(event: FormEvent) {
    event.preventDefault();
    if (!stripe || !elements) return;
    setBusy(true);
    try {
      const submitted = await elements.submit();
      if (submitted.error) return setMessage(submitted.error.message ?? 'Check your details.');
      const { confirmationToken, error } = await stripe.createConfirmationToken({ elements, params: { return_url: location.href } });
      if (error) return setMessage(error.message ?? 'Payment failed.');
      const response = await fetch('/api/checkout', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ item: ITEM, attemptId: crypto.randomUUID(), confirmationTokenId: confirmationToken.id, email: EMAIL }),
      });
      const result = await response.json();
      if (!response.ok) return setMessage(result.error.message);
      if (result.status === 'requires_action') {
        const next = await stripe.handleNextAction({ clientSecret: result.clientSecret });
        if (next.error) return setMessage(next.error.message ?? 'Payment failed.');
      }
      setMessage('Thank you!');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={pay}>
      <LinkAuthenticationElement options={{ defaultValues: { email: EMAIL } }} />
      <AddressElement options={{ mode: 'shipping' }} />
      <PaymentElement options={{ layout: 'tabs' }} />
      <button disabled={!stripe || busy}>Pay</button>
      <p role="status">{message}</p>
    </form>
  );
}

createRoot(document.getElementById('checkout')!).render(
  <Elements stripe={stripePromise} options={data.quote.elements}>
    <CheckoutForm />
  </Elements>,
);
