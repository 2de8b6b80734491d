import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { screenshot, serverAndBrowser, startSiteOwnerPage } from './harness.ts';

const running = serverAndBrowser();

/** What a site can put in its CSS so the tag holds the form's place before the script defines it. */
const RESERVE = '<style>link-checkout:not(:defined){display:block;min-block-size:860px}</style>';

/**
 * Cumulative layout shift (the Web Vitals sum of layout-shift entries without recent input), on
 * a page with content below the checkout: from navigation, or from the moment the element is
 * defined (what the skeleton is for), until it is ready and has settled.
 */
async function layoutShift(tag: string, name: string): Promise<{ whole: number; fromDefined: number }> {
  const site = await startSiteOwnerPage(running.server.origin, `${tag}<p id="below">Content the site has under the checkout.</p>`);
  const page = await running.browser.newPage({ viewport: { width: 800, height: 900 } });
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { shifts: Array<[number, number]>; defined: number };
      w.shifts = [];
      w.defined = Infinity;
      // The skeleton is on screen from the frame after the one that upgraded the tag.
      void customElements.whenDefined('link-checkout').then(() => requestAnimationFrame(() => requestAnimationFrame(() => (w.defined = performance.now()))));
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
          if (!entry.hadRecentInput) w.shifts.push([entry.startTime, entry.value]);
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(site.url);
    await page.locator('link-checkout[state="ready"]').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500);
    await screenshot(page, `layout-${name}`);
    return await page.evaluate(() => {
      const { shifts, defined } = window as unknown as { shifts: Array<[number, number]>; defined: number };
      // No named functions in here: tsx would wrap them in a helper the page does not have.
      let whole = 0;
      let fromDefined = 0;
      for (const [at, value] of shifts) {
        whole += value;
        if (at >= defined) fromDefined += value;
      }
      return { whole, fromDefined };
    });
  } finally {
    await page.close();
    await site.close();
  }
}

describe('loading holds the form\'s place (sandbox, chromium)', () => {
  for (const [name, tag] of [
    ['default', '<link-checkout item="mug"></link-checkout>'],
    ['no-address', '<link-checkout item="mug" address="none" email-collection="payment"></link-checkout>'],
    ['phone-and-open-amount', '<link-checkout amount-editable amount="500" currency="usd" collect-phone></link-checkout>'],
  ] as const) {
    test(`${name}: from the skeleton on screen to the form ready, cumulative layout shift is at most 0.01`, async (t) => {
      const { whole, fromDefined } = await layoutShift(tag, name);
      t.diagnostic(`layout shift (${name}): ${fromDefined.toFixed(4)} from the skeleton to the form; ${whole.toFixed(4)} from navigation, with the tag's upgrade`);
      assert.ok(fromDefined <= 0.01, `CLS ${fromDefined}`);
    });
  }

  test('with the documented reservation in the site\'s CSS, the whole load shifts at most 0.01', async (t) => {
    const { whole } = await layoutShift(`${RESERVE}<link-checkout item="mug"></link-checkout>`, 'reserved');
    t.diagnostic(`layout shift (reserved, from navigation): ${whole.toFixed(4)}`);
    assert.ok(whole <= 0.01, `CLS ${whole}`);
  });
});
