/**
 * Size: gzip and brotli of what `npm run build` wrote (the ESM entry, its chunks, the IIFE), next
 * to the anchors, each built here with the same esbuild settings. Sizes are deterministic, so
 * each is measured once; the ratios are ours ÷ the anchor.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { DIST, ROOT, cacheDir } from './lib/paths.ts';

export interface Size {
  files: string[];
  minified: number;
  gzip: number;
  brotli: number;
}

export interface Anchor {
  id: string;
  label: string;
  entry: string;
  /** A web component a site owner could drop in instead of ours (the budget compares against these). */
  webComponent: boolean;
}

export const ANCHORS: Anchor[] = [
  { id: 'power-elements', label: '@power-elements/stripe-elements 3.3.0 (card)', entry: 'bench/anchors/power-elements.ts', webComponent: true },
  { id: 'stripe-pwa-elements', label: 'stripe-pwa-elements 3.2.0 (payment + address)', entry: 'bench/anchors/stripe-pwa-elements.ts', webComponent: true },
  { id: 'react-stripe', label: '@stripe/react-stripe-js 7.0.1 + React 19, same form', entry: 'bench/anchors/react-stripe.tsx', webComponent: false },
  { id: 'lit-hello', label: 'Lit 3 hello-world element', entry: 'bench/anchors/lit-hello.ts', webComponent: false },
  { id: 'hand-written', label: 'hand-written, @stripe/stripe-js/pure (floor)', entry: 'bench/anchors/hand-written.ts', webComponent: false },
];

/** gzip at level 9 and brotli at quality 11: what a server precompresses static files with. */
export function compressed(buffers: Buffer[], files: string[]): Size {
  const sum = (f: (b: Buffer) => number) => buffers.reduce((total, b) => total + f(b), 0);
  return {
    files,
    minified: sum((b) => b.length),
    gzip: sum((b) => gzipSync(b, { level: 9 }).length),
    brotli: sum((b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length),
  };
}

/**
 * The one setting every anchor and our own entry is built with: esbuild --bundle --minify, ESM,
 * es2022. No splitting, so a dynamic import lands in the same file. React needs its production
 * branch chosen, and JSX the automatic runtime; neither changes the other builds.
 */
export async function buildWithEsbuild(entry: string, outfile: string): Promise<Buffer> {
  await build({
    entryPoints: [join(ROOT, entry)],
    outfile,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  return readFileSync(outfile);
}

/** The files of the ESM build: the entry and every chunk (whatever the build names them). */
export function esmFiles(): { entry: string; chunks: string[] } {
  const names = readdirSync(DIST).filter((name) => name.startsWith('link-checkout') && name.endsWith('.js'));
  if (!names.includes('link-checkout.js')) throw new Error('dist/link-checkout.js is missing: run `npm run build` first (npm run bench does).');
  return { entry: 'link-checkout.js', chunks: names.filter((name) => name !== 'link-checkout.js' && name !== 'link-checkout.iife.js').sort() };
}

/** The chunks a file imports statically (`import … from "./x.js"`), transitively: loaded with it, always. */
export function staticImports(file: string, seen = new Set<string>()): string[] {
  const code = readFileSync(join(DIST, file), 'utf8');
  for (const match of code.matchAll(/(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'`]\.\/([^"'`]+)["'`]/g)) {
    const chunk = match[1]!;
    if (!seen.has(chunk)) {
      seen.add(chunk);
      staticImports(chunk, seen);
    }
  }
  return [...seen];
}

export interface SizeResults {
  ours: {
    entry: Size;
    elementsCheckout: Size & { source: 'observed in chromium' | 'static imports' };
    allChunks: Size;
    iife: Size;
    esbuild: Size;
  };
  anchors: Record<string, Size & { label: string; webComponent: boolean }>;
}

/**
 * `loadedByCheckout`: the file names an Elements checkout fetched in the browser (the ready
 * section records them), entry included; without it, the entry's static imports stand in.
 */
export async function measureSize(loadedByCheckout?: string[]): Promise<SizeResults> {
  const read = (name: string) => readFileSync(join(DIST, name));
  const sizeOf = (names: string[]) => compressed(names.map(read), names);
  const { entry, chunks } = esmFiles();
  const checkoutFiles = loadedByCheckout ?? [entry, ...staticImports(entry)];
  const out = cacheDir('anchors');
  const anchors: SizeResults['anchors'] = {};
  for (const anchor of ANCHORS) {
    const code = await buildWithEsbuild(anchor.entry, join(out, `${anchor.id}.js`));
    anchors[anchor.id] = { ...compressed([code], [anchor.entry]), label: anchor.label, webComponent: anchor.webComponent };
  }
  const ownEsbuild = await buildWithEsbuild('widget/index.ts', join(out, 'ours-esbuild.js'));
  return {
    ours: {
      entry: sizeOf([entry]),
      elementsCheckout: { ...sizeOf(checkoutFiles), source: loadedByCheckout ? 'observed in chromium' : 'static imports' },
      allChunks: sizeOf([entry, ...chunks]),
      iife: sizeOf(['link-checkout.iife.js']),
      esbuild: compressed([ownEsbuild], ['widget/index.ts']),
    },
    anchors,
  };
}
