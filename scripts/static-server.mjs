// A small static file server for the playground, on 127.0.0.1, with the right MIME types (.wasm as
// application/wasm) and no caching. It serves only the playground: `index.html`, `www/` and `pkg/`.
// Paths are decoded once and resolved to real paths (symlinks followed), and must land inside
// those; NUL bytes, dot segments and dotfiles are refused. It answers only to loopback Host names
// (DNS rebinding), sends `X-Content-Type-Options: nosniff` and, unless --no-csp, the strict
// Content-Security-Policy every page must work under. A bad request gets a 4xx; nothing a client
// sends stops the server. Usage:
//   node scripts/static-server.mjs --root DIR --port 8000 [--no-csp]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

/** The policy every page runs under (docs/embedding.md, "Content-Security-Policy"). */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/** What is served: these files, and everything (real) under these directories of the root. */
const FILES = ['index.html'];
const DIRS = ['www', 'pkg'];
/** Host names the server answers to (with any port). */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The host name of a Host header without its port, lower-cased; null when malformed. */
function hostName(header) {
  if (typeof header !== 'string' || header.length === 0 || header.length > 300) return null;
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header);
  return m ? m[1].toLowerCase() : null;
}

const within = (file, dir) => file === dir || file.startsWith(dir + path.sep);

/**
 * Serves `root` on `host:port`. Options: `csp` (the Content-Security-Policy header to send; the
 * strict CSP above by default, null for none).
 */
export function serve(root, port, host = '127.0.0.1', { csp = CSP } = {}) {
  root = path.resolve(root);
  const common = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };
  if (csp) common['Content-Security-Policy'] = csp;
  const refuse = (res, code, text) => {
    if (res.headersSent) { res.destroy(); return; }
    res.writeHead(code, { ...common, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) }).end(text);
  };

  /** The real path of the file a request names, or an HTTP error code. */
  async function resolve(url) {
    if (typeof url !== 'string' || !url.startsWith('/') || url.includes('\0')) return 400;
    let pathname;
    try {
      pathname = decodeURIComponent(url.split(/[?#]/, 1)[0]);
    } catch {
      return 400;
    }
    if (pathname.includes('\0') || pathname.includes('\\')) return 400;
    const segments = pathname.split('/').slice(1);
    // No dot segments (raw or %2e-encoded: decoded above), no dotfiles (.git), no empty segments
    // inside the path.
    if (segments.some((s, i) => s.startsWith('.') || (s === '' && i < segments.length - 1))) return 404;
    let rel = segments.join('/');
    if (rel === '') rel = 'index.html';
    if (rel.endsWith('/') || rel === '') return 404;
    const top = rel.split('/')[0];
    if (!(FILES.includes(rel) || (DIRS.includes(top) && rel.length > top.length + 1))) return 404;
    let real;
    try {
      real = await fs.promises.realpath(path.join(root, rel));
    } catch {
      return 404;
    }
    // The real path (symlinks followed) must still be one of the served files or lie under one of
    // the served directories (themselves resolved).
    const realRoot = await fs.promises.realpath(root).catch(() => root);
    const allowed = [];
    for (const f of FILES) allowed.push(await fs.promises.realpath(path.join(realRoot, f)).then((p) => [p, false], () => null));
    for (const d of DIRS) allowed.push(await fs.promises.realpath(path.join(realRoot, d)).then((p) => [p, true], () => null));
    const ok = allowed.some((a) => a && (a[1] ? real.startsWith(a[0] + path.sep) : real === a[0]));
    return ok ? real : 404;
  }

  async function handle(req, res) {
    const name = hostName(req.headers.host);
    if (!name || !LOOPBACK.has(name)) { refuse(res, 421, 'this server answers only to localhost'); return; }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      refuse(res, 405, 'method not allowed');
      return;
    }
    const file = await resolve(req.url);
    if (typeof file === 'number') { refuse(res, file, file === 400 ? 'bad request' : 'not found'); return; }
    let st;
    try {
      st = await fs.promises.stat(file);
    } catch {
      refuse(res, 404, 'not found');
      return;
    }
    if (!st.isFile()) { refuse(res, 404, 'not found'); return; }
    const stream = fs.createReadStream(file);
    stream.on('error', () => refuse(res, 500, 'cannot read the file'));
    stream.once('open', () => {
      res.writeHead(200, {
        ...common,
        'Content-Type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'Content-Length': st.size,
      });
      if (req.method === 'HEAD') { stream.destroy(); res.end(); return; }
      stream.pipe(res);
    });
    res.on('close', () => stream.destroy());
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => refuse(res, 500, 'internal error'));
  });
  // Malformed requests (a raw NUL in the path, bad headers) never reach the handler.
  server.on('clientError', (err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      server.on('error', (e) => console.error(`serve: ${e.message}`));
      resolvePromise(server);
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
  };
  const port = Number(arg('port', '8000'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: --port ${arg('port')}: must be a whole number in [0, 65535]`);
    process.exit(2);
  }
  const csp = process.argv.includes('--no-csp') ? null : CSP;
  const server = await serve(arg('root', '.'), port, '127.0.0.1', { csp }).catch((e) => {
    console.error(`serve: cannot listen on 127.0.0.1:${port}: ${e.message}`);
    process.exit(1);
  });
  console.log(`saddlescope playground: http://127.0.0.1:${server.address().port}/`);
}
