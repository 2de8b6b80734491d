/**
 * Renders the reference part of widget/README.md from dist/custom-elements.json, which the
 * analyzer builds from the element's JSDoc, so the README says what the code says. The section
 * sits between two marker comments; everything around it is written by hand.
 *
 *   npm run docs:widget    (analyzes, then rewrites the section)
 *
 * test/server/widget-docs.test.ts fails when the README and the manifest disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const START = '<!-- reference:start -->';
export const END = '<!-- reference:end -->';
export const ROOT = join(import.meta.dirname, '..');
export const MANIFEST_PATH = join(ROOT, 'dist/custom-elements.json');
export const README_PATH = join(ROOT, 'widget/README.md');

// The parts of the Custom Elements Manifest schema (v2) this script reads.
interface Described { name: string; description?: string; summary?: string }
interface Typed extends Described { type?: { text: string }; default?: string }
export interface ManifestAttribute extends Typed { fieldName?: string }
export interface ManifestMember extends Typed {
  kind: 'field' | 'method';
  privacy?: 'public' | 'private' | 'protected';
  static?: boolean;
  readonly?: boolean;
  reflects?: boolean;
  attribute?: string;
  parameters?: Array<{ name: string; optional?: boolean }>;
}
export interface ManifestElement extends Described {
  kind: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: ManifestAttribute[];
  members?: ManifestMember[];
  events?: Typed[];
  slots?: Described[];
  cssParts?: Described[];
  cssProperties?: Typed[];
}
export interface Manifest { modules: Array<{ path: string; declarations?: ManifestElement[] }> }

export function findElement(manifest: Manifest, tagName = 'link-checkout'): ManifestElement {
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.customElement && declaration.tagName === tagName) return declaration;
    }
  }
  throw new Error(`dist/custom-elements.json has no <${tagName}>: is its JSDoc and customElements.define() still there?`);
}

/** One table cell: a line, with pipes escaped (GFM splits cells on them, even inside code). */
const cell = (text: string | undefined) => (text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
const code = (text: string | undefined) => (text ? `\`${cell(text)}\`` : '');
const NONE = '—';

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/**
 * A table of records, one column per key. The `default` column appears only when the manifest
 * knows some default: the analyzer cannot see values set in a constructor, only `@default` JSDoc
 * (`@cssprop [--name=value]` for custom properties), and a column of blanks would read as "none".
 */
function recordTable(rows: Array<Record<string, string>>, columns: string[]): string {
  const shown = columns.filter((column) => column !== 'default' || rows.some((row) => row.default));
  return table(shown, rows.map((row) => shown.map((column) => row[column] ?? '')));
}

/** Public, instance-side API: what a page can use (not private helpers, not static class fields). */
const isPublic = (member: ManifestMember) => !member.static && (member.privacy ?? 'public') === 'public';
/** Lifecycle callbacks (`formResetCallback` …) are called by the browser, not by a page. */
const isCallback = (member: ManifestMember) => member.kind === 'method' && member.name.endsWith('Callback');

/** The generated section, markers excluded. */
export function renderReference(manifest: Manifest): string {
  const element = findElement(manifest);
  const members = element.members ?? [];
  const fieldOf = (attribute: ManifestAttribute) => members.find((m) => m.kind === 'field' && m.name === attribute.fieldName);

  const attributes = (element.attributes ?? []).map((attribute) => {
    const field = fieldOf(attribute);
    return {
      attribute: code(attribute.name) + (field?.reflects ? ' (reflected)' : ''),
      property: code(attribute.fieldName) || NONE,
      type: code(attribute.type?.text ?? field?.type?.text) || NONE,
      default: code(attribute.default ?? field?.default),
      description: cell(attribute.description ?? field?.description),
    };
  });
  const cssProperties = (element.cssProperties ?? []).map((p) => ({ property: code(p.name), default: code(p.default), description: cell(p.description) }));
  const properties = members
    .filter((m) => m.kind === 'field' && isPublic(m) && !m.attribute)
    .map((m) => [code(m.name) + (m.readonly ? ' (read-only)' : ''), code(m.type?.text) || NONE, cell(m.description)]);
  const methods = members
    .filter((m) => m.kind === 'method' && isPublic(m) && !isCallback(m))
    .map((m) => [code(`${m.name}(${(m.parameters ?? []).map((p) => p.name + (p.optional ? '?' : '')).join(', ')})`), cell(m.description)]);

  const sections = [
    '<!-- Generated by `npm run docs:widget` from dist/custom-elements.json, i.e. the JSDoc of link-checkout.ts. Edit the JSDoc, not this section. -->',
    '## Reference',
    [element.summary, element.description].filter(Boolean).map((text) => text!.trim()).join('\n\n'),
    '### Attributes',
    recordTable(attributes, ['attribute', 'property', 'type', 'default', 'description']),
  ];
  if (properties.length) sections.push('### Other properties', table(['property', 'type', 'description'], properties));
  if (methods.length) sections.push('### Methods', table(['method', 'description'], methods));
  sections.push(
    '### Events',
    'Bubbling, composed `CustomEvent`s; `widget/events.ts` types them (`LinkCheckoutEventMap`).',
    table(['event', 'description'], (element.events ?? []).map((e) => [code(e.name), cell(e.description)])),
    '### CSS parts',
    table(['part', 'description'], (element.cssParts ?? []).map((p) => [code(p.name), cell(p.description)])),
    '### Slots',
    table(['slot', 'description'], (element.slots ?? []).map((s) => [code(s.name), cell(s.description)])),
    '### CSS custom properties',
    recordTable(cssProperties, ['property', 'default', 'description']),
  );
  return sections.filter(Boolean).join('\n\n');
}

/** The README with its section between the markers replaced by `reference`. */
export function withReference(readme: string, reference: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`widget/README.md needs ${START} … ${END} around its generated section.`);
  return `${readme.slice(0, start + START.length)}\n${reference}\n\n${readme.slice(end)}`;
}

export function readManifest(path = MANIFEST_PATH): Manifest {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (cause) {
    throw new Error(`Cannot read ${path}: run \`npm run build\` (or \`npm run analyze\`) first.`, { cause });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const readme = readFileSync(README_PATH, 'utf8');
  const updated = withReference(readme, renderReference(readManifest()));
  writeFileSync(README_PATH, updated);
  console.log(updated === readme ? 'widget/README.md is up to date.' : 'widget/README.md: reference section rewritten.');
}
