import { css } from '@lit/reactive-element';

/** Defaults for every documented --link-checkout-* property live here, in one place. */
export const styles = css`
  :host {
    display: block;
    font-family: var(--link-checkout-font, system-ui, sans-serif);
    color: var(--link-checkout-text, #1a1f36);
    background: var(--link-checkout-background, transparent);
    max-width: var(--link-checkout-max-width, 32rem);
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  :host([theme='night']) {
    color: var(--link-checkout-text, #e3e8ee);
  }
  [part='header'] {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    margin-block-end: var(--link-checkout-gap, 0.75rem);
  }
  [part='badge'] {
    font-size: 0.75rem;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    padding: 0.125rem 0.5rem;
    border-radius: 999px;
    background: var(--link-checkout-badge-background, #fff4d6);
    color: var(--link-checkout-badge-text, #6a4b00);
  }
  [part='fields'] {
    display: grid;
    gap: var(--link-checkout-gap, 0.75rem);
  }
  [part='fields'][aria-busy='true'] {
    opacity: 0.5;
  }
  [part='amount'] {
    display: grid;
    gap: 0.25rem;
    font-weight: 600;
    margin-block-end: var(--link-checkout-gap, 0.75rem);
  }
  [part='amount-input'] {
    font: inherit;
    font-weight: 400;
    padding: 0.625rem 0.75rem;
    border: 1px solid #c0c8d2;
    border-radius: var(--link-checkout-radius, 6px);
  }
  [part='loading'] {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin-block-end: var(--link-checkout-gap, 0.75rem);
  }
  .spinner {
    inline-size: 1em;
    block-size: 1em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }
  [part='pay-button'] {
    margin-block-start: var(--link-checkout-gap, 0.75rem);
    inline-size: 100%;
    padding: 0.75rem 1rem;
    font: inherit;
    font-weight: 600;
    border: 0;
    border-radius: var(--link-checkout-radius, 6px);
    background: var(--link-checkout-accent, #635bff);
    color: var(--link-checkout-accent-text, #fff);
    cursor: pointer;
  }
  [part='pay-button']:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  [part='pay-button']:focus-visible {
    outline: 2px solid var(--link-checkout-accent, #635bff);
    outline-offset: 2px;
  }
  [part='message'] {
    margin-block-start: var(--link-checkout-gap, 0.75rem);
    min-block-size: 1.5em;
  }
  [part='message'] .error {
    color: var(--link-checkout-danger, #df1b41);
  }
  p {
    margin: 0;
  }
`;
