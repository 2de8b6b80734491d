import { css } from '@lit/reactive-element';

/**
 * The shadow styles. Every documented --link-checkout-* property is read once, with its default,
 * into a short private one (--a, --r, --g, …), which keeps the text the bundler cannot minify short.
 */
export const styles = css`
:host{--a:var(--link-checkout-accent,#635bff);--r:var(--link-checkout-radius,6px);--g:var(--link-checkout-gap,.75rem);display:block;font-family:var(--link-checkout-font,system-ui,sans-serif);color:var(--link-checkout-text,#1a1f36);background:var(--link-checkout-background,transparent);max-width:var(--link-checkout-max-width,32rem)}
:host([theme=night]){color:var(--link-checkout-text,#e3e8ee)}
:host([hidden]),[hidden]{display:none!important}
[part=header],[part=loading]{display:flex;gap:.5rem}
[part=header]{align-items:center;justify-content:space-between;min-block-size:1.5em;margin-block-end:var(--g)}
[part=fields]{position:relative}
[part=loading]{position:absolute;inset:0;background:repeating-linear-gradient(transparent 0 1.75rem,#8881 1.75rem 3.5rem,transparent 3.5rem 3.75rem)}
:host([state=loading]) slot::slotted(*){visibility:hidden}
[part=badge]{font-size:.75rem;font-weight:600;text-transform:uppercase;letter-spacing:.04em;padding:.125rem .5rem;border-radius:999px;background:var(--link-checkout-badge-background,#fff4d6);color:var(--link-checkout-badge-text,#6a4b00)}
[part=fields],[part=amount]{display:grid;gap:var(--g)}
[aria-busy=true]{opacity:.5}
[part=amount]{gap:.25rem;font-weight:600;margin-block-end:var(--g)}
input{font:inherit;font-weight:400;padding:.625rem .75rem;border:1px solid #c0c8d2;border-radius:var(--r)}
.spinner{inline-size:1em;block-size:1em;border:2px solid;border-inline-end-color:transparent;border-radius:50%;animation:s .8s linear infinite}
@keyframes s{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.spinner{animation-duration:3s}}
button{margin-block-start:var(--g);inline-size:100%;padding:.75rem 1rem;font:inherit;font-weight:600;border:0;border-radius:var(--r);background:var(--a);color:var(--link-checkout-accent-text,#fff);cursor:pointer}
button:disabled{opacity:.6;cursor:not-allowed}
button:focus-visible{outline:2px solid var(--a);outline-offset:2px}
[part=message]{margin-block-start:var(--g);min-block-size:1.5em}
.error{color:var(--link-checkout-danger,#df1b41)}
p{margin:0}
`;
