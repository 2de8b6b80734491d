// What every sandbox Element shares: mounting in light DOM, Stripe.js's event API
// (on/once/off), the StripeElement--* state classes on the mount node, and labelled fields.
import type { Appearance, StripeElementBase, StripeElementsOptionsMode } from '@stripe/stripe-js';
import type { ApiClient } from './api-client.ts';
import { IntegrationError } from './errors.ts';
import type { LinkAccount } from './link-account.ts';
import { applyAppearance, applyLocale, ensureStyles } from './styles.ts';
import { refuseFixedOptions } from './update-options.ts';
import type { FieldError } from './validation.ts';

export type SandboxElementType = 'linkAuthentication' | 'address' | 'payment';
// Handlers are typed per event by the official overloads; internally one shape serves all.
export type Handler = (event: any) => unknown;

/** The Elements group an Element belongs to (elements-group.ts). */
export interface ElementHost {
  elementChanged(element: SandboxElement): void;
  elementDestroyed(element: SandboxElement): void;
  appearance(): Appearance | undefined;
  /** The group's current options (mode, customerSessionClientSecret, …). */
  readonly options: StripeElementsOptionsMode;
  /** The emulator client of the Stripe instance that made the group. */
  readonly api: ApiClient;
  /** Called by the Link Authentication Element after a successful one-time-code login. */
  linkSignedIn(account: LinkAccount): void;
  /** Called when the customer changes the email after logging in: Link's saved card goes away. */
  linkSignedOut(): void;
  /** Whether `email` is a Link account (one lookup per email per group; Elements are told when it answers). */
  lookupLink(email: string): Promise<boolean>;
  /** The answer of an earlier lookupLink, if it has arrived. */
  knownLinkAccount(email: string): boolean | undefined;
  /** The email Link would use: the Link Authentication Element's, else the Payment Element's own field. */
  linkEmail(): string;
  /** Called when a Link email changes or a lookup answers: the Payment Element updates its Link offer. */
  linkEmailChanged(): void;
  /** Whether the group has a live (created, not destroyed) Element of this type. */
  hasElement(elementType: SandboxElementType): boolean;
}

type Field = HTMLInputElement | HTMLSelectElement;
export interface FieldSpec {
  type?: string;
  autocomplete?: string;
  inputMode?: string;
  placeholder?: string;
  value?: string;
  optional?: boolean;
}

let nextUid = 1;

export abstract class SandboxElement<Options extends object = object> implements StripeElementBase {
  abstract readonly elementType: SandboxElementType;
  protected readonly uid = nextUid++;
  protected readonly fields = new Map<string, Field>();
  private readonly handlers = new Map<string, Array<{ handler: Handler; once: boolean }>>();
  private mountNode: HTMLElement | null = null;
  private container: HTMLElement | null = null;
  private focused = false;
  private destroyed = false;
  protected invalid = false;

  constructor(
    protected readonly host: ElementHost,
    protected options: Options,
  ) {}

  /** Builds the fields into `root`, via field()/selectField(). */
  protected abstract render(root: HTMLElement): void;
  /** The payload of this Element's 'change' event. */
  abstract changeEvent(): { elementType: SandboxElementType; empty: boolean; complete: boolean };
  /** Every problem in the current input, for elements.submit(). */
  abstract validate(): FieldError[];
  /** Option names update() accepts (update-options.ts); the rest throw IntegrationError. */
  protected abstract readonly updatable: readonly string[];

  get mounted(): boolean {
    return this.mountNode !== null;
  }

  mount(domElement: string | HTMLElement): void {
    this.assertAlive();
    const target = typeof domElement === 'string' ? document.querySelector<HTMLElement>(domElement) : domElement;
    if (!target || !(target instanceof HTMLElement)) {
      throw new IntegrationError(`Invalid DOM element or selector passed to mount(): ${String(domElement)}.`);
    }
    // Stripe.js refuses shadow DOM: its iframes and focus handling need the light DOM.
    if (target.getRootNode() instanceof ShadowRoot) {
      throw new IntegrationError(
        `Elements cannot be mounted in a ShadowRoot. Please mount in the light DOM (the ${this.elementType} Element target is inside a shadow root).`,
      );
    }
    if (this.mountNode) throw new IntegrationError(`This ${this.elementType} Element is already mounted; call unmount() first.`);
    this.mountNode = target;
    const container = document.createElement('div');
    container.className = `SandboxElement SandboxElement--${this.elementType}`;
    container.addEventListener('focusin', () => this.setFocused(true));
    container.addEventListener('focusout', (e) => {
      if (!container.contains(e.relatedTarget as Node | null)) this.setFocused(false);
    });
    this.container = container;
    ensureStyles();
    this.restyle();
    this.fields.clear();
    this.render(container);
    target.append(container);
    this.refreshClasses();
    // Stripe.js fires 'ready' asynchronously once the Element has rendered.
    setTimeout(() => {
      if (this.mountNode !== target) return;
      this.emit('ready', { elementType: this.elementType });
      const change = this.changeEvent();
      if (!change.empty) this.emit('change', change); // prefilled values are reported like typed ones
    }, 0);
  }

  unmount(): void {
    this.assertAlive();
    if (!this.mountNode) return;
    this.container?.remove();
    this.mountNode.classList.remove(...[...this.mountNode.classList].filter((c) => c.startsWith('StripeElement')));
    this.mountNode = null;
    this.container = null;
    this.focused = false;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.unmount();
    this.destroyed = true;
    this.handlers.clear();
    this.host.elementDestroyed(this);
  }

  on(eventType: string, handler: Handler): this {
    return this.addHandler(eventType, handler, false);
  }

  once(eventType: string, handler: Handler): this {
    return this.addHandler(eventType, handler, true);
  }

  off(eventType: string, handler?: Handler): this {
    const list = this.handlers.get(eventType);
    if (list) this.handlers.set(eventType, handler ? list.filter((h) => h.handler !== handler) : []);
    return this;
  }

  /** Applies the group's current appearance and locale (called again after elements.update()). */
  restyle(): void {
    if (!this.container) return;
    applyAppearance(this.container, this.host.appearance());
    applyLocale(this.container, this.host.options.locale);
  }

  update(options: Partial<Options>): this {
    this.assertAlive();
    this.checkUpdate(options);
    this.options = { ...this.options, ...options };
    this.rerender();
    return this;
  }

  /** Refuses options Stripe.js fixes at creation; Elements with nested rules extend it. */
  protected checkUpdate(options: Partial<Options>): void {
    refuseFixedOptions(`${this.elementType} Element`, options, this.updatable);
  }

  /** Renders again from the current options and state, keeping what the customer typed. */
  protected rerender(): void {
    if (!this.container) return;
    const typed = new Map([...this.fields].map(([name, f]) => [name, f.value]));
    this.container.replaceChildren();
    this.fields.clear();
    this.render(this.container);
    for (const [name, value] of typed) {
      const f = this.fields.get(name);
      if (f && value) f.value = value;
    }
    this.refreshClasses();
  }

  focus(): void {
    this.fields.values().next().value?.focus();
  }

  blur(): void {
    const active = document.activeElement;
    if (active instanceof HTMLElement && this.container?.contains(active)) active.blur();
  }

  clear(): void {
    for (const f of this.fields.values()) f.value = f instanceof HTMLSelectElement ? f.options[0]?.value ?? '' : '';
    this.showErrors([]);
    this.changed();
  }

  /** Shows inline messages (aria-invalid + aria-describedby) for `errors`, clears the rest. */
  showErrors(errors: FieldError[]): void {
    for (const [name, f] of this.fields) {
      const err = errors.find((e) => e.field === name);
      this.setFieldError(name, f, err?.message ?? null);
    }
    this.invalid = errors.length > 0;
    this.refreshClasses();
  }

  protected value(name: string): string {
    return this.fields.get(name)?.value.trim() ?? '';
  }

  protected field(root: HTMLElement, name: string, label: string, spec: FieldSpec = {}): HTMLInputElement {
    const input = document.createElement('input');
    input.type = spec.type ?? 'text';
    if (spec.autocomplete) input.autocomplete = spec.autocomplete as AutoFill;
    if (spec.inputMode) input.inputMode = spec.inputMode;
    if (spec.placeholder) input.placeholder = spec.placeholder;
    input.value = spec.value ?? '';
    if (!spec.optional) input.setAttribute('aria-required', 'true');
    this.addField(root, name, label, input);
    return input;
  }

  protected selectField(root: HTMLElement, name: string, label: string, options: string[], value: string): HTMLSelectElement {
    const select = document.createElement('select');
    for (const code of options) select.add(new Option(code, code, false, code === value));
    this.addField(root, name, label, select);
    return select;
  }

  protected emit(eventType: string, event: object): void {
    const list = this.handlers.get(eventType) ?? [];
    this.handlers.set(eventType, list.filter((h) => !h.once));
    for (const { handler } of list) handler(event);
  }

  private addField(root: HTMLElement, name: string, label: string, control: Field): void {
    const id = `sbx-${this.elementType}-${this.uid}-${name}`;
    const wrap = document.createElement('div');
    wrap.className = 'SandboxField';
    const labelEl = document.createElement('label');
    labelEl.htmlFor = id;
    labelEl.textContent = label;
    control.id = id;
    // No `name`: real Elements are iframes, so a form around the checkout never submits card data.
    const error = document.createElement('div');
    error.id = `${id}-error`;
    error.className = 'SandboxField-error';
    error.hidden = true;
    error.setAttribute('aria-live', 'polite');
    control.addEventListener(control instanceof HTMLSelectElement ? 'change' : 'input', () => {
      this.setFieldError(name, control, null);
      this.invalid = [...this.fields.values()].some((f) => f.getAttribute('aria-invalid') === 'true');
      this.changed();
    });
    wrap.append(labelEl, control, error);
    root.append(wrap);
    this.fields.set(name, control);
  }

  protected setFieldError(name: string, control: Field, message: string | null): void {
    const error = this.container?.querySelector<HTMLElement>(`#sbx-${this.elementType}-${this.uid}-${name}-error`);
    if (message) {
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', `${control.id}-error`);
    } else {
      control.removeAttribute('aria-invalid');
      control.removeAttribute('aria-describedby');
    }
    if (error) {
      error.textContent = message ?? '';
      error.hidden = !message;
    }
  }

  protected changed(): void {
    this.refreshClasses();
    this.emit('change', this.changeEvent());
    this.host.elementChanged(this);
  }

  private setFocused(focused: boolean): void {
    if (this.focused === focused) return;
    this.focused = focused;
    this.refreshClasses();
    this.emit(focused ? 'focus' : 'blur', { elementType: this.elementType });
  }

  private refreshClasses(): void {
    const node = this.mountNode;
    if (!node) return;
    const { empty, complete } = this.changeEvent();
    node.classList.add('StripeElement');
    node.classList.toggle('StripeElement--empty', empty);
    node.classList.toggle('StripeElement--complete', complete);
    node.classList.toggle('StripeElement--invalid', this.invalid);
    node.classList.toggle('StripeElement--focus', this.focused);
  }

  private addHandler(eventType: string, handler: Handler, once: boolean): this {
    if (typeof handler !== 'function') throw new IntegrationError(`${eventType} handler must be a function.`);
    this.handlers.set(eventType, [...(this.handlers.get(eventType) ?? []), { handler, once }]);
    return this;
  }

  private assertAlive(): void {
    if (this.destroyed) throw new IntegrationError(`This ${this.elementType} Element has been destroyed and cannot be used.`);
  }
}
