// The mock 3D Secure page. Stripe.js shows the issuer's challenge in a modal over the page;
// here the customer picks the outcome. Escape counts as Fail, as closing Stripe's modal does.

export type ThreeDsOutcome = 'complete' | 'fail';

const TITLE = '3D Secure authentication (sandbox)';

export function showThreeDsModal(amountLabel?: string): Promise<ThreeDsOutcome> {
  return new Promise((resolve) => {
    const previousFocus = document.activeElement as HTMLElement | null;
    const overlay = document.createElement('div');
    overlay.setAttribute('data-sandbox-3ds', '');
    overlay.style.cssText =
      'position:fixed;inset:0;z-index:2147483647;display:flex;align-items:center;justify-content:center;background:rgba(0,0,0,.5);font:16px system-ui,sans-serif';

    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-labelledby', 'sandbox-3ds-title');
    dialog.setAttribute('aria-describedby', 'sandbox-3ds-text');
    dialog.style.cssText = 'background:#fff;color:#111;padding:24px;border-radius:8px;max-width:360px;box-shadow:0 8px 32px rgba(0,0,0,.3)';

    const title = document.createElement('h2');
    title.id = 'sandbox-3ds-title';
    title.textContent = TITLE;
    title.style.cssText = 'margin:0 0 12px;font-size:18px';
    const text = document.createElement('p');
    text.id = 'sandbox-3ds-text';
    text.textContent =
      `This page stands in for the card issuer's authentication${amountLabel ? ` of ${amountLabel}` : ''}. ` +
      'Choose an outcome.';

    const complete = button('Complete');
    const fail = button('Fail');
    const buttons = document.createElement('div');
    buttons.style.cssText = 'display:flex;gap:8px;justify-content:flex-end';
    buttons.append(fail, complete);
    dialog.append(title, text, buttons);
    overlay.append(dialog);

    const finish = (outcome: ThreeDsOutcome) => {
      overlay.remove();
      previousFocus?.focus?.();
      resolve(outcome);
    };
    complete.addEventListener('click', () => finish('complete'), { once: true });
    fail.addEventListener('click', () => finish('fail'), { once: true });
    overlay.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') finish('fail');
      // Keep Tab inside the dialog (aria-modal promises it).
      if (e.key === 'Tab') {
        e.preventDefault();
        (document.activeElement === complete ? fail : complete).focus();
      }
    });
    document.body.append(overlay);
    complete.focus();
  });
}

function button(label: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.style.cssText = 'padding:8px 16px;font:inherit;cursor:pointer';
  return b;
}
