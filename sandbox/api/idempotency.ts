/**
 * Idempotent POSTs (https://docs.stripe.com/api/idempotent_requests): the first response for a key
 * (status and body, errors included) is saved once the endpoint starts executing and replayed for
 * retries; reusing the key with other parameters or another endpoint is an `idempotency_error`.
 * Keys are scoped to the API key that sent them. Keys never expire here (Stripe prunes after 24 h).
 */
import { StripeApiError, invalidRequest } from './errors.ts';
import type { IdempotencyRecord } from './state.ts';

export type SavedResponse = NonNullable<IdempotencyRecord['saved']>;

export class IdempotencyStore {
  /** `entries` is the State's map (possibly restored): saved responses survive a restart. */
  constructor(private readonly entries: Map<string, IdempotencyRecord>) {
    // A request that was in flight when the state was saved never answered: its key is free again.
    for (const [id, entry] of entries) if (!entry.saved) entries.delete(id);
  }

  /**
   * Returns the saved response to replay, or null when the request should execute (and then be
   * saved with `save`/released with `release`). Throws for mismatches and concurrent use.
   */
  begin(apiKey: string, key: string, fingerprint: string): SavedResponse | null {
    const id = `${apiKey}\u0000${key}`;
    const entry = this.entries.get(id);
    if (!entry) {
      this.entries.set(id, { fingerprint });
      return null;
    }
    if (entry.fingerprint !== fingerprint) {
      throw new StripeApiError(400, {
        type: 'idempotency_error',
        message: `The idempotency key '${key}' was first used with different parameters or another endpoint; send a new key for a different request.`,
      });
    }
    if (!entry.saved) {
      // Stripe answers 409 while the first request with the key is still in flight.
      throw invalidRequest(`Another request using the idempotency key '${key}' is still in progress; retry once it completes.`, {
        code: 'idempotency_key_in_use',
        status: 409,
      });
    }
    return entry.saved;
  }

  save(apiKey: string, key: string, saved: SavedResponse): void {
    const entry = this.entries.get(`${apiKey}\u0000${key}`);
    if (entry) entry.saved = saved;
  }

  /** Forget a key whose request never started executing (validation failure, injected fault). */
  release(apiKey: string, key: string): void {
    const id = `${apiKey}\u0000${key}`;
    if (!this.entries.get(id)?.saved) this.entries.delete(id);
  }
}
