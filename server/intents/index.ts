import type { CheckoutMode } from '../../protocol/index.ts';
import type { ModeHandler } from './context.ts';
import { payment } from './payment.ts';
import { setup } from './setup.ts';
import { subscription } from './subscription.ts';

export { idempotencyKeyFor, type IntentContext, type IntentOutcome } from './context.ts';

/** ARCHITECTURE.md § Modes: each mode turns (quote, token, attempt) into an intent; the route only picks one. */
export const MODES: Record<CheckoutMode, ModeHandler> = { payment, setup, subscription };
