// appearance.theme ('stripe' | 'night' | 'flat') and variables change what the fields look like;
// locale sets their lang. Checked on computed styles, as a customer would see them.
import { expect, fixture, html } from '@open-wc/testing';
import type { Appearance, StripeElements } from '@stripe/stripe-js';
import { byLabel, newStripe } from './helpers.ts';

const payment = { mode: 'payment', amount: 1000, currency: 'usd' } as const;

async function mountedCardField(appearance?: Appearance, locale?: 'fr' | 'auto'): Promise<{ elements: StripeElements; input: HTMLInputElement }> {
  const elements = newStripe().elements({ ...payment, appearance, locale });
  const node = await fixture<HTMLDivElement>(html`<div></div>`);
  elements.create('payment').mount(node);
  return { elements, input: byLabel(node, 'Card number') };
}

const look = (input: HTMLElement) => {
  const style = getComputedStyle(input);
  return { background: style.backgroundColor, color: style.color, border: style.borderTopStyle };
};

describe('appearance themes and variables', () => {
  it("'stripe' (the default): light fields with borders", async () => {
    expect(look((await mountedCardField()).input)).to.deep.equal({ background: 'rgb(255, 255, 255)', color: 'rgb(48, 49, 61)', border: 'solid' });
    expect(look((await mountedCardField({ theme: 'stripe' })).input).background).to.equal('rgb(255, 255, 255)');
  });

  it("'night': dark field background, light text", async () => {
    expect(look((await mountedCardField({ theme: 'night' })).input)).to.deep.equal({ background: 'rgb(48, 49, 61)', color: 'rgb(230, 230, 230)', border: 'solid' });
  });

  it("'flat': no borders, grey background", async () => {
    expect(look((await mountedCardField({ theme: 'flat' })).input)).to.deep.equal({ background: 'rgb(233, 236, 239)', color: 'rgb(48, 49, 61)', border: 'none' });
  });

  it('variables win over the theme, and elements.update({appearance}) restyles mounted fields', async () => {
    const { elements, input } = await mountedCardField({ theme: 'night', variables: { colorBackground: '#ffffff', colorText: '#000000' } });
    expect(look(input)).to.deep.include({ background: 'rgb(255, 255, 255)', color: 'rgb(0, 0, 0)' });
    await elements.update({ appearance: { theme: 'flat' } });
    expect(look(input)).to.deep.equal({ background: 'rgb(233, 236, 239)', color: 'rgb(48, 49, 61)', border: 'none' });
  });
});

describe('locale', () => {
  const langOf = (input: HTMLElement) => input.closest('[lang]')?.getAttribute('lang') ?? null;

  it('stripe.elements({locale}) sets lang on the fields; elements.update({locale}) changes it; auto leaves the page language', async () => {
    const { elements, input } = await mountedCardField(undefined, 'fr');
    expect(langOf(input)).to.equal('fr');
    await elements.update({ locale: 'de' });
    expect(langOf(input)).to.equal('de');
    await elements.update({ locale: 'auto' });
    expect(input.closest('.SandboxElement')!.hasAttribute('lang')).to.equal(false);
    const { input: auto } = await mountedCardField(undefined, 'auto');
    expect(auto.closest('.SandboxElement')!.hasAttribute('lang')).to.equal(false);
  });
});
