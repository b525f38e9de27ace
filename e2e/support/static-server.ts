import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

/**
 * A tiny static file server for the widget's cross-origin tests: the widget's files and the partner page
 * must come from two origins (two ports). `cors` adds Access-Control-Allow-Origin: * except under
 * `noCorsPrefix` (to prove the missing-CORS error); `rewrite` edits HTML on the way out (the example page
 * names the widget's default origin, the test may run it elsewhere).
 */
export interface StaticServerOptions {
  root: string;
  port: number;
  cors?: boolean;
  noCorsPrefix?: string;
  rewrite?: (html: string) => string;
  /** Extra folders served under a path prefix, e.g. { '/no-cors/': 'examples/partner' }. */
  mounts?: Record<string, string>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.map': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg', '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream', '.css': 'text/css', '.svg': 'image/svg+xml',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export function startStaticServer(opts: StaticServerOptions): Promise<StaticServer> {
  const root = resolve(opts.root);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const cors = opts.cors && !(opts.noCorsPrefix && path.startsWith(opts.noCorsPrefix));
    if (cors) res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const mount = Object.entries(opts.mounts ?? {}).find(([prefix]) => path.startsWith(prefix));
    const base = mount ? resolve(mount[1]) : root;
    let file = normalize(join(base, mount ? path.slice(mount[0].length) : path));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', 'no-store');
    if (opts.rewrite && type.startsWith('text/html')) {
      res.end(opts.rewrite(readFileSync(file, 'utf8')));
      return;
    }
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port, () => {
      resolvePromise({
        url: `http://localhost:${opts.port}`,
        close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}
