// Entry of the classic-script build served at <server>/sandbox/stripe.js. The emulator sits
// next to it at <server>/sandbox/stripe; a data-api-base attribute on the script overrides that.
import { installStripeStandIn } from './index.ts';

const script = document.currentScript as HTMLScriptElement | null;
const override = script?.dataset.apiBase;
const apiBase = override
  ? new URL(override, document.baseURI).href
  : new URL('stripe', script?.src || document.baseURI).href;
installStripeStandIn({ apiBase: apiBase.replace(/\/$/, '') });
