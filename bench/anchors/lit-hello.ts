/** Anchor: a Lit hello-world element, the least any Lit component ships (Lit itself). */
import { LitElement, html } from 'lit';

class HelloWorld extends LitElement {
  static override properties = { name: {} };
  name = 'World';

  override render() {
    return html`<p>Hello, ${this.name}!</p>`;
  }
}

customElements.define('hello-world', HelloWorld);
