// docs/*.md and the README stay true to the element's public API (its manifest) and to the repo:
// every attribute, event, part and custom property they write exists; every link and picture resolves.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { ROOT, findElement, readManifest } from '../../scripts/docs-manifest.ts';

const element = findElement(readManifest());
const DOCS = join(ROOT, 'docs');
const pages = [join(ROOT, 'README.md'), ...readdirSync(DOCS).filter((f) => f.endsWith('.md')).map((f) => join(DOCS, f))];
const text = (page: string) => readFileSync(page, 'utf8');
const name = (page: string) => relative(ROOT, page);

/** [page, what] pairs for which `known` is false. */
function unknown(find: (source: string) => string[], known: (value: string) => boolean): string[] {
  return pages.flatMap((page) => find(text(page)).filter((value) => !known(value)).map((value) => `${name(page)}: ${value}`));
}

describe('docs pages and the README', () => {
  test('the pages exist: one per mode, price rule, option, merchant page and framework', () => {
    const expected = ['README', 'payment', 'setup', 'subscription', 'price-catalog', 'price-signed', 'price-open-amount', 'capture-and-save', 'checkout-ui',
      'returning-customers', 'states', 'look', 'admin', 'cli', 'charge-later', 'html', 'esm-cdn', 'react', 'vue', 'svelte', 'wordpress', 'reference', 'editors'];
    assert.deepEqual(expected.filter((page) => !existsSync(join(DOCS, `${page}.md`))), []);
  });

  test('every attribute in a <link-checkout> tag or a [link_checkout] shortcode is one of the element\'s', () => {
    const attributes = new Set((element.attributes ?? []).map((a) => a.name));
    const events = new Set((element.events ?? []).map((e) => e.name));
    const found = unknown(
      (source) => [...source.matchAll(/<link-checkout\b([^>]*)>|\[link_checkout\b([^\]]*)\]/g)].flatMap((m) =>
        [...(m[1] ?? m[2] ?? '').replace(/=\s*("[^"]*"|'[^']*'|\{[^}]*\}|[^\s>]+)/g, '').matchAll(/[:@]?([a-z][a-z0-9-]*)/g)].map((a) => a[1]!)),
      // Besides attributes: a framework's own (React's ref, Svelte's bind:this) and event bindings (Vue's @event, React 19's onevent).
      (attribute) => attributes.has(attribute) || ['ref', 'bind', 'this'].includes(attribute) || events.has(attribute) || events.has(attribute.replace(/^on/, '')),
    );
    assert.deepEqual(found, []);
  });

  test('every event listened to is one the element fires', () => {
    const events = new Set((element.events ?? []).map((e) => e.name));
    const found = unknown(
      (source) => [...source.matchAll(/(?:addEventListener\(\s*'|@|on:|\bon)(link-checkout-[a-z-]+)/g)].map((m) => m[1]!),
      (event) => events.has(event),
    );
    assert.deepEqual(found, []);
    assert.ok(pages.some((page) => text(page).includes("addEventListener('link-checkout-success'")), 'the pages show listening to an event');
  });

  test('every ::part() and --link-checkout-* custom property is documented by the element', () => {
    const parts = new Set((element.cssParts ?? []).map((p) => p.name));
    const properties = new Set((element.cssProperties ?? []).map((p) => p.name));
    assert.deepEqual(unknown((source) => [...source.matchAll(/::part\(([a-z-]+)\)/g)].map((m) => m[1]!), (part) => parts.has(part)), []);
    assert.deepEqual(unknown((source) => [...source.matchAll(/(--link-checkout-[a-z-]+)(?![a-z-]*\*)/g)].map((m) => m[1]!), (property) => properties.has(property)), []);
  });

  /** Relative links and pictures: [text](target) and ![alt](target), anchors and URLs aside. */
  const links = (page: string) => [...text(page).matchAll(/!?\[[^\]]*\]\(([^)\s#]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((target) => !/^[a-z]+:/.test(target));

  test('every relative link and picture resolves (but examples/, below)', () => {
    const broken = pages.flatMap((page) => links(page)
      .filter((target) => !target.includes('examples/'))
      .filter((target) => !existsSync(join(dirname(page), target)))
      .map((target) => `${name(page)}: ${target}`));
    assert.deepEqual(broken, []);
  });

  const examples = existsSync(join(ROOT, 'examples'));
  test(`links to examples/ resolve${examples ? '' : ' (SKIPPED: examples/ is written on another branch and is not here yet)'}`, { skip: !examples }, () => {
    const broken = pages.flatMap((page) => links(page).filter((target) => target.includes('examples/') && !existsSync(join(dirname(page), target))).map((target) => `${name(page)}: ${target}`));
    assert.deepEqual(broken, []);
  });

  test('every picture in docs/images is shown on some page, and the README opens with one', () => {
    const shown = new Set(pages.flatMap((page) => links(page).filter((target) => target.endsWith('.png')).map((target) => relative(DOCS, join(dirname(page), target)))));
    const files = readdirSync(join(DOCS, 'images')).filter((f) => f.endsWith('.png')).map((f) => `images/${f}`);
    assert.deepEqual(files.filter((file) => !shown.has(file)), [], 'pictures no page shows');
    assert.ok(files.length >= 30, `expected the screenshots of every mode and state, found ${files.length}`);
    assert.match(text(join(ROOT, 'README.md')).split('\n').slice(0, 4).join('\n'), /^# Link Checkout\n\n!\[[^\]]+\]\(docs\/images\/[a-z-]+\.png\)/);
  });
});
