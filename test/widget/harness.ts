import { fixture, html, oneEvent } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import '../../widget/index.ts';
import type { LinkCheckout } from '../../widget/index.ts';

/** A <link-checkout> that has fired link-checkout-ready. */
export async function readyCheckout(attributes: TemplateResult = html`<link-checkout item="tshirt" customer-email="jenny@example.com" customer-name="Jenny Rosen" customer-phone="+15555550100" server=${location.origin}></link-checkout>`) {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const ready = oneEvent(wrapper, 'link-checkout-ready');
  render(attributes, wrapper);
  await ready;
  const element = wrapper.querySelector('link-checkout')!;
  await element.updateComplete;
  return element;
}

export const payButton = (element: LinkCheckout) => element.shadowRoot!.querySelector<HTMLButtonElement>('[part="pay-button"]')!;
export const liveRegion = (element: LinkCheckout) => element.shadowRoot!.querySelector<HTMLElement>('[part="message"]')!;
