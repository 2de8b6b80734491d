import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';

/** What <link-checkout> mounts, by slot name: the Stripe Elements, or embedded Checkout. */
export type MountName = 'link-authentication' | 'address' | 'payment' | 'checkout';

let relayCounter = 0;

/**
 * Light-DOM mount points for Stripe Elements.
 *
 * Stripe.js refuses to mount into a node whose root is a ShadowRoot. So the host renders
 * `<slot name="payment">` in its shadow root and gets a `<div slot="payment">` child in light DOM.
 * When the host itself sits in another element's shadow root, that div would still be inside a
 * ShadowRoot, so we relay: the host gets `<slot name="relay" slot="payment">` instead, the
 * enclosing shadow host gets `<div slot="relay">`, and so on up until a node lives in the
 * document. The flattened tree still renders the Stripe iframe where the host's slot is.
 */
export class MountSlots implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #targets = new Map<MountName, HTMLElement>();
  /** Every node we inserted, the mount divs included, so disconnecting leaves no trace. */
  readonly #inserted: Element[] = [];

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  /** The node to pass to `element.mount()`; created on first use. Its root is the document. */
  target(name: MountName): HTMLElement {
    let target = this.#targets.get(name);
    if (!target) {
      target = this.#build(name);
      this.#targets.set(name, target);
    }
    return target;
  }

  hostDisconnected(): void {
    this.release();
  }

  /** Removes every inserted node (relays in ancestor hosts would otherwise leak). */
  release(): void {
    for (const node of this.#inserted.splice(0)) node.remove();
    this.#targets.clear();
  }

  #build(name: MountName): HTMLElement {
    let node: Element = this.#host;
    let slotName: string = name;
    const relayId = ++relayCounter;
    for (let depth = 0; ; depth++) {
      const root = node.getRootNode();
      if (!(root instanceof ShadowRoot)) {
        const mountPoint = document.createElement('div');
        mountPoint.slot = slotName;
        mountPoint.dataset.linkCheckoutMount = name;
        return this.#insert(node, mountPoint);
      }
      const relayName = `link-checkout-relay-${relayId}-${depth}`;
      const relay = document.createElement('slot');
      relay.name = relayName;
      relay.slot = slotName;
      this.#insert(node, relay);
      node = root.host;
      slotName = relayName;
    }
  }

  #insert<T extends Element>(parent: Element, child: T): T {
    parent.append(child);
    this.#inserted.push(child);
    return child;
  }
}
