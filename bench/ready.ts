/**
 * Time to ready, in chromium on the sandbox, with 50 ms of latency on every request (CDP
 * Network.emulateNetworkConditions): ours against the hand-written page, both served by one
 * server with the same stand-in Stripe.js. Per visit: the time from navigation to the ready event,
 * the serialized round trips before it (waves.ts), and the time from the click on Pay to the
 * success event once the shopper's fields are filled. Each visit is a fresh browser context
 * (a cold cache); the pages take turns, so drift on the machine falls on all of them alike.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/harness.ts';
import { buildWithEsbuild } from './size.ts';
import { cacheDir } from './lib/paths.ts';
import { startNode, type Running, type Subjects } from './lib/processes.ts';
import { measured, type Measured } from './lib/stats.ts';
import { longestChain, type RequestSpan } from './waves.ts';

export const LATENCY_MS = 50;

export const PAGES = {
  ours: { path: '/bench/ours.html', label: '<link-checkout> (dist/link-checkout.js)' },
  handWritten: { path: '/bench/hand-written.html', label: 'hand-written, key and price in the page' },
  handWrittenFetch: { path: '/bench/hand-written-fetch.html', label: 'hand-written, fetches /api/config + /api/quote' },
} as const;
export type PageId = keyof typeof PAGES;

export interface Visit {
  readyMs: number;
  roundTrips: number;
  chain: string[];
  requestsBeforeReady: number;
  payToSuccessMs: number;
  /** Our build's files the page fetched, through the success event. */
  ownScripts: string[];
}

export interface PageResult {
  label: string;
  readyMs: Measured;
  roundTrips: Measured;
  payToSuccessMs: Measured;
  /** The chain of the median visit, for the report. */
  chain: string[];
  requestsBeforeReady: number;
}

export interface ReadyResults {
  latencyMs: number;
  runs: number;
  pages: Record<PageId, PageResult>;
  /** The files of our build an Elements checkout loaded (for the size table). */
  ownScripts: string[];
}

/**
 * Records the page's own marks on window.__bench, before any of its scripts run. A string, not a
 * function: tsx would add helpers to a function's source that the page does not have.
 */
const MARKS = `{
  const marks = (window.__bench = {});
  const mark = (name) => () => { if (marks[name] === undefined) marks[name] = performance.now(); };
  for (const prefix of ['link-checkout', 'checkout']) {
    addEventListener(prefix + '-ready', mark('ready'), true);
    addEventListener(prefix + '-success', mark('success'), true);
    addEventListener(prefix + '-error', (event) => { marks.error ??= JSON.stringify(event.detail); }, true);
  }
  // The click on Pay: the first click after ready (the button may be in a shadow root).
  addEventListener('click', () => { if (marks.ready !== undefined) marks.pay ??= performance.now(); }, true);
}`;

type Marks = { ready?: number; success?: number; pay?: number; error?: string };
const marks = (page: Page) => page.evaluate(() => (window as unknown as { __bench: Marks }).__bench);

async function waitForMark(page: Page, name: 'ready' | 'success'): Promise<void> {
  await page.waitForFunction((name) => {
    const m = (window as unknown as { __bench: Marks }).__bench;
    if (m.error) throw new Error(`checkout error: ${m.error}`);
    return m[name] !== undefined;
  }, name, { timeout: 30_000 });
}

/** Every request of the page target, as spans in epoch milliseconds (CDP's monotonic clock mapped by wallTime). */
async function recordRequests(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  const spans = new Map<string, RequestSpan & { offset: number }>();
  cdp.on('Network.requestWillBeSent', (event) => {
    if (!/^https?:/.test(event.request.url) || spans.has(event.requestId)) return;
    const offset = event.wallTime * 1000 - event.timestamp * 1000;
    spans.set(event.requestId, { url: event.request.url, start: event.wallTime * 1000, answered: Infinity, offset });
  });
  const answered = (event: { requestId: string; timestamp: number }) => {
    const span = spans.get(event.requestId);
    if (span && span.answered === Infinity) span.answered = event.timestamp * 1000 + span.offset;
  };
  cdp.on('Network.responseReceived', answered);
  cdp.on('Network.loadingFailed', answered);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: LATENCY_MS, downloadThroughput: -1, uploadThroughput: -1 });
  return () => [...spans.values()];
}

/** What the shopper types (labels of the stand-in's fields, in ours or in the plain page alike). */
async function fillCheckout(page: Page): Promise<void> {
  const fields: Array<[string, string]> = [
    ['Address line 1', '354 Oyster Point Blvd'], ['City', 'South San Francisco'], ['State', 'CA'], ['ZIP', '94080'],
    ['Card number', '4242 4242 4242 4242'], ['Expiration date', '12 / 34'], ['Security code', '123'],
  ];
  for (const [label, value] of fields) await page.getByLabel(label, { exact: true }).fill(value);
}

async function visit(browser: Browser, origin: string, pageId: PageId): Promise<Visit> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: MARKS });
    const requests = await recordRequests(context, page);
    await page.goto(origin + PAGES[pageId].path);
    await waitForMark(page, 'ready');
    const { ready } = await marks(page);
    const timeOrigin = await page.evaluate(() => performance.timeOrigin);
    const { roundTrips, chain } = longestChain(requests(), timeOrigin + ready!);
    const requestsBeforeReady = requests().filter((r) => r.start < timeOrigin + ready!).length;
    await fillCheckout(page);
    await page.getByRole('button', { name: /^Pay/ }).click();
    await waitForMark(page, 'success');
    const { pay, success } = await marks(page);
    const ownScripts = requests().map((r) => new URL(r.url).pathname.slice(1)).filter((path) => /^link-checkout[^/]*\.js$/.test(path));
    return {
      readyMs: ready!,
      roundTrips,
      chain: chain.map((r) => new URL(r.url).pathname),
      requestsBeforeReady,
      payToSuccessMs: success! - pay!,
      ownScripts: [...new Set(ownScripts)],
    };
  } finally {
    await context.close();
  }
}

/** Serves ours and the hand-written pages from one sandbox server (bench/subject, `ours --pages`). */
export async function startPageServer(subjects: Subjects): Promise<Running> {
  await buildWithEsbuild('bench/anchors/hand-written.ts', join(cacheDir('anchors'), 'hand-written.js'));
  return startNode([subjects.ours, '--pages']);
}

export async function measureReady(subjects: Subjects, runs: number, log: (line: string) => void): Promise<ReadyResults> {
  const server = await startPageServer(subjects);
  const browser = await launchBrowser();
  try {
    const ids = Object.keys(PAGES) as PageId[];
    for (const id of ids) await visit(browser, server.origin, id); // warm-up: server JIT, file cache
    const visits = Object.fromEntries(ids.map((id) => [id, [] as Visit[]])) as Record<PageId, Visit[]>;
    for (let run = 0; run < runs; run++) {
      // Take turns in a rotating order, so no page always goes first.
      for (let k = 0; k < ids.length; k++) {
        const id = ids[(run + k) % ids.length]!;
        visits[id].push(await visit(browser, server.origin, id));
      }
      log(`  ready run ${run + 1}/${runs}: ${ids.map((id) => `${id} ${visits[id].at(-1)!.readyMs.toFixed(0)} ms`).join(', ')}`);
    }
    const pages = {} as Record<PageId, PageResult>;
    for (const id of ids) {
      const list = visits[id];
      const readyMs = measured(list.map((v) => v.readyMs));
      const typical = [...list].sort((a, b) => a.readyMs - b.readyMs)[list.length >> 1]!;
      pages[id] = {
        label: PAGES[id].label,
        readyMs,
        roundTrips: measured(list.map((v) => v.roundTrips)),
        payToSuccessMs: measured(list.map((v) => v.payToSuccessMs)),
        chain: typical.chain,
        requestsBeforeReady: typical.requestsBeforeReady,
      };
    }
    return { latencyMs: LATENCY_MS, runs, pages, ownScripts: visits.ours[0]!.ownScripts };
  } finally {
    await browser.close();
    await server.stop();
  }
}
