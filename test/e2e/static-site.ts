// A static web host for the example tests: folders under URL prefixes, on its own origin, with
// HTML rewritten on the way out (the examples name http://localhost:8787 and a CDN; the tests
// point those at the servers they started).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.map': 'application/json' };

export interface StaticSite { origin: string; close(): Promise<void> }

export async function serveFolders(folders: Record<string, string>, rewriteHtml: (html: string) => string = (html) => html): Promise<StaticSite> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const prefix = Object.keys(folders).sort((a, b) => b.length - a.length).find((p) => path.startsWith(p));
    let file = prefix === undefined ? '' : join(folders[prefix]!, normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, ''));
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file || !existsSync(file)) { res.writeHead(404).end('not found'); return; }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    // A CDN answers module requests from any origin.
    res.writeHead(200, { 'content-type': type, 'access-control-allow-origin': '*' });
    res.end(type === 'text/html' ? rewriteHtml(readFileSync(file, 'utf8')) : readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}
