// The Payment Element's Link sign-up offer, shown under the card fields when the shopper's email
// (from the Link Authentication Element, or the Payment Element's own Email field) is not a Link
// account: a "Save my info for faster checkout with Link" checkbox which, ticked, asks for a phone
// number, as Link's sign-up does. The sandbox sends no SMS and says so.

export interface LinkOptIn {
  /** Shows or hides the offer for `email`. */
  show(offered: boolean, email: string): void;
}

export function linkOptIn(
  root: HTMLElement,
  uid: number,
  opts: { checked: boolean; onToggle(checked: boolean): void; phoneField(into: HTMLElement): HTMLInputElement },
): LinkOptIn {
  const block = document.createElement('div');
  block.className = 'SandboxLinkOptIn';
  block.hidden = true;
  const label = document.createElement('label');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.id = `sbx-link-optin-${uid}`;
  box.checked = opts.checked;
  label.htmlFor = box.id;
  label.textContent = 'Save my info for faster checkout with Link';
  const details = document.createElement('div');
  details.className = 'SandboxLinkOptIn-details';
  details.hidden = !opts.checked;
  const phone = opts.phoneField(details);
  phone.required = true;
  const note = document.createElement('p');
  note.className = 'SandboxLinkOptIn-note';
  details.append(note);
  box.addEventListener('change', () => {
    details.hidden = !box.checked;
    opts.onToggle(box.checked);
  });
  block.append(box, label, details);
  root.append(block);
  return {
    show(offered, email) {
      block.hidden = !offered;
      note.textContent = `Sandbox: paying creates a test Link account for ${email}; no code is sent to this phone. Next time, sign in with any 6 digits.`;
    },
  };
}
