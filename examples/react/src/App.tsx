import { useState } from 'react';
import 'link-checkout'; // defines <link-checkout>
import type { ErrorDetail, SuccessDetail } from 'link-checkout';

/** The checkout server (`npx link-checkout serve`); the widget calls it, whatever serves this page. */
const SERVER = import.meta.env.VITE_LINK_CHECKOUT_SERVER ?? 'http://localhost:8787';

export function App() {
  const [paid, setPaid] = useState<SuccessDetail | null>(null);
  const [error, setError] = useState<ErrorDetail | null>(null);
  return (
    <main>
      <h1>T-shirt</h1>
      <link-checkout
        server={SERVER}
        item="tshirt"
        customer-email="jenny@example.com"
        customerName="Jenny Rosen"
        theme="flat"
        onlink-checkout-success={(event) => setPaid(event.detail)}
        onlink-checkout-error={(event) => setError(event.detail)}
      />
      <p id="result" role="status">
        {paid ? `${paid.status}: ${paid.orderId}` : error ? `error: ${error.message}` : ''}
      </p>
    </main>
  );
}
