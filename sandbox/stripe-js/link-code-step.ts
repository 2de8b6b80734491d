// The one-time-code step the Link Authentication Element shows for a registered Link email:
// a labelled "Verification code" input (6 digits) and a polite live region for progress and
// errors. No SMS exists in the sandbox, and the step says so instead of pretending one was sent.
import type { CodeProblem } from './link-account.ts';

export type CodeOutcome = { ok: true } | { ok: false; problem: CodeProblem; message?: string };

const PROBLEM_TEXT: Record<CodeProblem, string> = {
  invalid: 'That code is invalid. Check it and try again.',
  expired: 'That code has expired.',
  max_attempts: 'Maximum attempts exceeded. Code entry is locked; continue without Link.',
  other: 'The code could not be checked.',
};

let nextId = 1;

/**
 * Builds the step. `verify` runs once six digits are entered; `skip` is the "continue without
 * Link" choice. Returns the step's root, to insert into the Element.
 */
export function codeStep(email: string, verify: (code: string) => Promise<CodeOutcome>, skip: () => void): HTMLElement {
  const id = `sbx-link-code-${nextId++}`;
  const step = document.createElement('div');
  step.className = 'SandboxLinkCode';
  step.setAttribute('role', 'group');
  step.setAttribute('aria-label', 'Link verification');

  const note = document.createElement('p');
  note.className = 'SandboxLinkCode-note';
  note.textContent = `${email} has a Link account. Sandbox: no code is sent; enter any 6 digits (000001, 000002, 000003 simulate errors).`;

  const wrap = document.createElement('div');
  wrap.className = 'SandboxField';
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = 'Verification code';
  const input = document.createElement('input');
  input.id = id;
  input.name = 'link_code';
  input.inputMode = 'numeric';
  input.autocomplete = 'one-time-code';
  // No maxLength: a pasted "123 456" must survive; input is cut to 6 digits below.
  input.size = 6;
  input.pattern = '\\d{6}';
  input.setAttribute('aria-describedby', `${id}-status`);
  const status = document.createElement('div');
  status.id = `${id}-status`;
  status.className = 'SandboxLinkCode-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  status.textContent = 'Enter the 6-digit verification code for your Link account.';
  wrap.append(label, input, status);

  const without = document.createElement('button');
  without.type = 'button';
  without.textContent = 'Continue without Link';
  without.addEventListener('click', skip);

  input.addEventListener('input', async () => {
    const code = input.value.replace(/\D/g, '').slice(0, 6);
    if (code !== input.value) input.value = code;
    input.removeAttribute('aria-invalid');
    if (code.length < 6) return;
    input.readOnly = true;
    status.textContent = 'Checking the code…';
    const outcome = await verify(code);
    if (outcome.ok) return; // the Element replaces this step
    input.readOnly = false;
    input.setAttribute('aria-invalid', 'true');
    status.textContent = outcome.problem === 'other' && outcome.message ? outcome.message : PROBLEM_TEXT[outcome.problem];
    if (outcome.problem === 'max_attempts') {
      input.disabled = true; // locked: no further attempts, as Link does after too many tries
    } else {
      input.select();
    }
  });

  step.append(note, wrap, without);
  return step;
}

/** The line shown once signed in, announced through the same kind of live region. */
export function signedInNote(email: string): HTMLElement {
  const p = document.createElement('p');
  p.className = 'SandboxLinkCode-status';
  p.setAttribute('role', 'status');
  p.setAttribute('aria-live', 'polite');
  p.textContent = `Signed in to Link as ${email}. Your saved details have been filled in.`;
  return p;
}
