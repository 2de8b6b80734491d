/**
 * dist/custom-elements.json as the docs generators read it: the schema parts they use, the element,
 * and the attributes a page may set. `npm run build` (or `npm run analyze`) writes the manifest
 * from the JSDoc of widget/link-checkout.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
export const MANIFEST_PATH = join(ROOT, 'dist/custom-elements.json');

// The parts of the Custom Elements Manifest schema (v2) the generators read.
export interface Described { name: string; description?: string; summary?: string }
export interface Typed extends Described { type?: { text: string }; default?: string }
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

export function readManifest(path = MANIFEST_PATH): Manifest {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (cause) {
    throw new Error(`Cannot read ${path}: run \`npm run build\` (or \`npm run analyze\`) first.`, { cause });
  }
}

/** An attribute as an author writes it: its name, kind of value, allowed values when typed as a union, and what it does. */
export interface SettableAttribute {
  name: string;
  /** The property behind it, e.g. `amountEditable`. */
  property: string;
  kind: 'string' | 'number' | 'boolean';
  /** From a type such as `'tabs' | 'accordion'`; empty when the type is a plain string. */
  values: string[];
  description: string;
}

/** `'a' | 'b'` → ['a', 'b']; anything that is not a union of string literals → []. */
export function literalValues(typeText: string | undefined): string[] {
  const parts = (typeText ?? '').split('|').map((part) => part.trim()).filter((part) => part !== 'undefined');
  const literal = /^'([^']*)'$|^"([^"]*)"$/;
  if (!parts.length || !parts.every((part) => literal.test(part))) return [];
  return parts.map((part) => literal.exec(part)!.slice(1).find((value) => value !== undefined)!);
}

/**
 * The attributes a page may set: all but those of a read-only property (`state` is reflected for
 * CSS and tests; writing it does nothing). One description per line of text, as the editors show it.
 */
export function settableAttributes(element: ManifestElement): SettableAttribute[] {
  const members = element.members ?? [];
  return (element.attributes ?? [])
    .filter((attribute) => !members.some((m) => m.readonly && (m.name === attribute.fieldName || m.name === attribute.name)))
    .map((attribute) => {
      const field = members.find((m) => m.kind === 'field' && m.name === attribute.fieldName);
      const typeText = attribute.type?.text ?? field?.type?.text ?? 'string';
      const kind = /\bboolean\b/.test(typeText) ? 'boolean' : /\bnumber\b/.test(typeText) ? 'number' : 'string';
      return {
        name: attribute.name,
        property: attribute.fieldName ?? attribute.name,
        kind,
        values: literalValues(typeText),
        description: (attribute.description ?? field?.description ?? '').replace(/\s*\n\s*/g, ' ').trim(),
      };
    });
}
