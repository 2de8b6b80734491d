/**
 * Editor data for `<link-checkout>`, from dist/custom-elements.json: VS Code's HTML custom data
 * (https://github.com/microsoft/vscode-custom-data, format 1.1) and JetBrains web-types (schema
 * https://github.com/JetBrains/web-types). Written by hand rather than with the
 * custom-element-*-integration packages: the two formats need a few dozen lines, and a generator
 * we own cannot lag the analyzer's version. `npm run docs:widget` writes both into docs/editors/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, findElement, settableAttributes, type Manifest, type ManifestElement } from './docs-manifest.ts';

const TAG = 'link-checkout';

/** The element's own words: summary, then description. */
const elementDescription = (element: ManifestElement) =>
  [element.summary, element.description].filter(Boolean).map((text) => text!.trim()).join('\n\n');

const oneLine = (text: string | undefined) => (text ?? '').replace(/\s*\n\s*/g, ' ').trim();

/** VS Code: `"html.customData": ["./docs/editors/vscode.html-custom-data.json"]` in .vscode/settings.json. */
export function vscodeCustomData(manifest: Manifest): string {
  const element = findElement(manifest, TAG);
  const data = {
    version: 1.1,
    tags: [{
      name: TAG,
      description: { kind: 'markdown', value: elementDescription(element) },
      attributes: settableAttributes(element).map((attribute) => ({
        name: attribute.name,
        description: { kind: 'markdown', value: attribute.description },
        // "v": an attribute with no value (a boolean); otherwise the allowed values, when the type lists them.
        ...(attribute.kind === 'boolean' ? { valueSet: 'v' } : attribute.values.length ? { values: attribute.values.map((name) => ({ name })) } : {}),
      })),
    }],
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** VS Code's CSS custom data: the custom properties, so `var(--link-checkout-…)` completes in stylesheets. */
export function vscodeCssCustomData(manifest: Manifest): string {
  const element = findElement(manifest, TAG);
  const data = {
    version: 1.1,
    properties: (element.cssProperties ?? []).map((property) => ({
      name: property.name,
      description: oneLine(property.description) + (property.default ? ` Default: \`${property.default}\`.` : ''),
    })),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** JetBrains IDEs read `web-types.json` from a package's `"web-types"` field, or from a project's own. */
export function webTypes(manifest: Manifest): string {
  const element = findElement(manifest, TAG);
  const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const members = element.members ?? [];
  const data = {
    $schema: 'https://raw.githubusercontent.com/JetBrains/web-types/master/schema/web-types.json',
    name,
    version,
    'description-markup': 'markdown',
    contributions: {
      html: {
        elements: [{
          name: TAG,
          description: elementDescription(element),
          attributes: settableAttributes(element).map((attribute) => ({
            name: attribute.name,
            description: attribute.description,
            value: attribute.kind === 'boolean' ? { type: 'boolean' } : { type: attribute.values.length ? attribute.values.map((v) => `'${v}'`).join(' | ') : attribute.kind },
            ...(attribute.values.length ? { values: attribute.values.map((value) => ({ name: value })) } : {}),
          })),
          slots: (element.slots ?? []).map((slot) => ({ name: slot.name, description: oneLine(slot.description) })),
          js: {
            properties: members
              .filter((m) => m.kind === 'field' && !m.static && (m.privacy ?? 'public') === 'public')
              .map((m) => ({ name: m.name, description: oneLine(m.description), type: m.type?.text })),
            events: (element.events ?? []).map((event) => ({ name: event.name, description: oneLine(event.description) })),
          },
        }],
      },
      css: {
        properties: (element.cssProperties ?? []).map((p) => ({ name: p.name, description: oneLine(p.description), ...(p.default ? { default: p.default } : {}) })),
        'pseudo-elements': (element.cssParts ?? []).map((part) => ({ name: `part(${part.name})`, description: oneLine(part.description) })),
      },
    },
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}
