import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';
import { END, README_PATH, ROOT, START, findElement, readManifest, renderReference, withReference, type Manifest } from '../../scripts/widget-docs.ts';

const source = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const parse = (path: string) => ts.createSourceFile(path, source(path), ts.ScriptTarget.Latest, true);

/** `static properties = {…}` of LinkCheckout: property name → attribute name, as Lit derives it. */
function declaredAttributes(): Map<string, string> {
  const attributes = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyDeclaration(node) && node.name.getText() === 'properties' && node.initializer && ts.isObjectLiteralExpression(node.initializer)) {
      for (const property of node.initializer.properties) {
        if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.initializer)) continue;
        const name = property.name.getText();
        const option = property.initializer.properties.find((o) => ts.isPropertyAssignment(o) && o.name.getText() === 'attribute');
        const explicit = option && ts.isPropertyAssignment(option) && ts.isStringLiteral(option.initializer) ? option.initializer.text : undefined;
        // Lit's default attribute is the lowercased property name (no dashes).
        attributes.set(name, explicit ?? name.toLowerCase());
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(parse('widget/link-checkout.ts'));
  return attributes;
}

/** The keys of `LinkCheckoutEventMap` in widget/events.ts: every event the element can emit(). */
function declaredEvents(): string[] {
  const events: string[] = [];
  parse('widget/events.ts').forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'LinkCheckoutEventMap') {
      for (const member of node.members) if (member.name && ts.isStringLiteral(member.name)) events.push(member.name.text);
    }
  });
  return events;
}

describe('widget/README.md reference, generated from dist/custom-elements.json', () => {
  const manifest = readManifest();
  const element = findElement(manifest);

  test('the README holds exactly what `npm run docs:widget` generates', () => {
    const readme = readFileSync(README_PATH, 'utf8');
    assert.ok(readme.includes(START) && readme.includes(END), 'widget/README.md lost its reference markers');
    assert.equal(readme, withReference(readme, renderReference(manifest)), 'widget/README.md is stale: run `npm run docs:widget` and commit the result');
  });

  test('the manifest lists every declared property as an attribute, under its kebab-case name', () => {
    const declared = declaredAttributes();
    assert.ok(declared.size >= 30, `expected the element's 30 properties, parsed ${declared.size}`);
    const inManifest = new Map((element.attributes ?? []).map((a) => [a.fieldName, a.name]));
    // property → attribute name as the manifest has it; a property it missed shows as undefined.
    assert.deepEqual(Object.fromEntries([...declared.keys()].map((field) => [field, inManifest.get(field)])), Object.fromEntries(declared));
    for (const attribute of element.attributes ?? []) assert.ok(attribute.description, `attribute ${attribute.name} has no JSDoc`);
  });

  test('the manifest lists every event of LinkCheckoutEventMap, each described', () => {
    const declared = declaredEvents();
    assert.equal(declared.length, 7);
    assert.deepEqual((element.events ?? []).map((e) => e.name).sort(), [...declared].sort());
    for (const event of element.events ?? []) assert.ok(event.description, `event ${event.name} has no description`);
  });

  test('every part the element renders and every custom property its styles read is documented', () => {
    // The shadow UI is built in view.ts: `el('span', { part: 'item-name' })`.
    const rendered = new Set([...source('widget/view.ts').matchAll(/\bpart: '([a-z-]+)'/g)].map((m) => m[1]));
    assert.deepEqual((element.cssParts ?? []).map((p) => p.name).sort(), [...rendered].sort());
    const read = new Set([...`${source('widget/styles.ts')}${source('widget/appearance.ts')}`.matchAll(/--link-checkout-[a-z-]+/g)].map((m) => m[0]));
    assert.deepEqual((element.cssProperties ?? []).map((p) => p.name).sort(), [...read].sort());
  });
});

describe('renderReference', () => {
  const manifest: Manifest = {
    modules: [{
      path: 'widget/x.ts',
      declarations: [{
        kind: 'class', name: 'X', tagName: 'link-checkout', customElement: true,
        attributes: [{ name: 'email-collection', fieldName: 'emailCollection', type: { text: "'link' | 'none'" }, default: "'link'", description: 'Who asks.' }],
        members: [{ kind: 'field', name: 'emailCollection', attribute: 'email-collection', reflects: true }],
        cssProperties: [{ name: '--link-checkout-accent', description: 'Accent.' }],
      }],
    }],
  };

  test('shows defaults the JSDoc gives (@default) and escapes pipes inside table cells', () => {
    const reference = renderReference(manifest);
    assert.match(reference, /^\| attribute \| property \| type \| default \| description \|$/m);
    assert.match(reference, /^\| `email-collection` \(reflected\) \| `emailCollection` \| `'link' \\\| 'none'` \| `'link'` \| Who asks\. \|$/m);
    // No custom property has a default in this manifest, so that table has no default column.
    assert.match(reference, /^\| property \| description \|$/m);
  });

  test('replaces only what is between the markers, and refuses a README without them', () => {
    const readme = `# hand\n\n${START}\nold\n${END}\n\nfooter\n`;
    assert.equal(withReference(readme, 'new'), `# hand\n\n${START}\nnew\n\n${END}\n\nfooter\n`);
    assert.throws(() => withReference('# no markers', 'new'), /reference:start/);
  });
});
