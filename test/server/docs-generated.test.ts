// Every file made from dist/custom-elements.json (scripts/widget-docs.ts GENERATED) is what the
// manifest makes today, and the editors' data and the WordPress plugin list every attribute.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ROOT, findElement, literalValues, readManifest, settableAttributes, type Manifest } from '../../scripts/docs-manifest.ts';
import { GENERATED, readCurrent } from '../../scripts/widget-docs.ts';

const manifest = readManifest();
const element = findElement(manifest);
const settable = settableAttributes(element);
const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

describe('files generated from dist/custom-elements.json', () => {
  for (const file of GENERATED) {
    test(`${file.path} is what \`npm run docs:widget\` writes`, () => {
      const current = readCurrent(file.path);
      assert.ok(current, `${file.path} is missing: run \`npm run docs:widget\``);
      assert.equal(current, file.render(manifest, current), `${file.path} is stale: run \`npm run docs:widget\` and commit the result`);
    });
  }

  test('settable attributes: every attribute but the read-only state, each with a description', () => {
    const names = (element.attributes ?? []).map((a) => a.name);
    assert.deepEqual(settable.map((a) => a.name), names.filter((name) => name !== 'state'));
    assert.ok(settable.length >= 35, `expected the element's 35 settable attributes, found ${settable.length}`);
    for (const attribute of settable) assert.ok(attribute.description, `${attribute.name} has no description`);
    assert.deepEqual(settable.filter((a) => a.kind === 'boolean').map((a) => a.name).sort(), ['amount-editable', 'collect-phone', 'disabled', 'required']);
    assert.deepEqual(settable.filter((a) => a.kind === 'number').map((a) => a.name), ['amount']);
  });

  test('docs/reference.md lists every attribute, event, part and custom property', () => {
    const page = readCurrent('docs/reference.md');
    const all = [...(element.attributes ?? []), ...(element.events ?? []), ...(element.cssParts ?? []), ...(element.cssProperties ?? [])];
    assert.deepEqual(all.filter((entry) => !page.includes(`| \`${entry.name}\``)).map((entry) => entry.name), []);
  });

  test('VS Code custom data: the tag, every settable attribute (booleans valueless), and every custom property', () => {
    const data = json('docs/editors/vscode.html-custom-data.json');
    assert.equal(data.version, 1.1);
    const [tag] = data.tags;
    assert.equal(tag.name, 'link-checkout');
    assert.deepEqual(tag.attributes.map((a: { name: string }) => a.name), settable.map((a) => a.name));
    assert.deepEqual(tag.attributes.filter((a: { valueSet?: string }) => a.valueSet === 'v').map((a: { name: string }) => a.name), settable.filter((a) => a.kind === 'boolean').map((a) => a.name));
    for (const attribute of tag.attributes) assert.ok(attribute.description.value, attribute.name);
    const css = json('docs/editors/vscode.css-custom-data.json');
    assert.deepEqual(css.properties.map((p: { name: string }) => p.name), (element.cssProperties ?? []).map((p) => p.name));
  });

  test('web-types: every settable attribute, property, event, part and custom property', () => {
    const data = json('docs/editors/web-types.json');
    const [tag] = data.contributions.html.elements;
    assert.equal(tag.name, 'link-checkout');
    assert.deepEqual(tag.attributes.map((a: { name: string }) => a.name), settable.map((a) => a.name));
    assert.deepEqual(tag.js.events.map((e: { name: string }) => e.name), (element.events ?? []).map((e) => e.name));
    assert.ok(['value', 'form', 'state', 'item', 'amountEditable'].every((name) => tag.js.properties.some((p: { name: string }) => p.name === name)));
    assert.deepEqual(data.contributions.css['pseudo-elements'].map((p: { name: string }) => p.name), (element.cssParts ?? []).map((p) => `part(${p.name})`));
    assert.deepEqual(data.contributions.css.properties.map((p: { name: string }) => p.name), (element.cssProperties ?? []).map((p) => p.name));
  });

  test('the WordPress plugin accepts exactly the settable attributes, with their properties and kinds', () => {
    const php = readCurrent('integrations/wordpress/link-checkout/includes/attributes.php');
    const rows = [...php.matchAll(/^\t'([a-z0-9-]+)' => array\(\n\t\t'property'\s+=> '(\w+)',\n\t\t'type'\s+=> '(\w+)',/gm)].map((m) => [m[1], m[2], m[3]]);
    assert.deepEqual(rows, settable.map((a) => [a.name, a.property, a.kind]));
  });
});

describe('literalValues and settableAttributes', () => {
  test('a union of string literals gives its values; other types give none', () => {
    assert.deepEqual(literalValues("'tabs' | 'accordion'"), ['tabs', 'accordion']);
    assert.deepEqual(literalValues('"a" | "b" | undefined'), ['a', 'b']);
    assert.deepEqual(literalValues('string'), []);
    assert.deepEqual(literalValues("'a' | string"), []);
    assert.deepEqual(literalValues(undefined), []);
  });

  test('an attribute of a read-only property is left out; union types become values', () => {
    const manifest: Manifest = {
      modules: [{
        path: 'x.ts',
        declarations: [{
          kind: 'class', name: 'X', tagName: 'link-checkout', customElement: true,
          attributes: [
            { name: 'state', type: { text: "'ready' | 'error'" }, description: 'Read-only.' },
            { name: 'layout', fieldName: 'layout', description: 'Layout.' },
            { name: 'collect-phone', fieldName: 'collectPhone', type: { text: 'boolean' }, description: 'Phone.' },
          ],
          members: [
            { kind: 'field', name: 'state', readonly: true },
            { kind: 'field', name: 'layout', type: { text: "'tabs' | 'accordion'" } },
          ],
        }],
      }],
    };
    assert.deepEqual(settableAttributes(findElement(manifest)), [
      { name: 'layout', property: 'layout', kind: 'string', values: ['tabs', 'accordion'], description: 'Layout.' },
      { name: 'collect-phone', property: 'collectPhone', kind: 'boolean', values: [], description: 'Phone.' },
    ]);
  });
});
