// The static server against hostile requests: NUL bytes, traversal (raw, %-encoded, %2f, double
// encoded, backslashes), symlinks out of the served directories (made in a temp dir), dotfiles,
// files outside index.html/www/pkg, foreign Host headers, odd methods and malformed request lines.
// Every one must get a 4xx, and the server must still be up and serving afterwards.
// Usage: node tests/server.mjs   (prints "N passed, M failed", exits non-zero on failure)
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve, CSP } from '../scripts/static-server.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'saddlescope-server-'));
const root = path.join(tmp, 'root');
const outside = path.join(tmp, 'outside');
for (const d of ['www', 'pkg', '.git', 'src', outside]) fs.mkdirSync(path.isAbsolute(d) ? d : path.join(root, d), { recursive: true });
const write = (f, text) => fs.writeFileSync(path.join(root, f), text);
write('index.html', '<!doctype html><title>ok</title>');
write('www/app.js', 'export const ok = 1;');
write('www/style.css', 'body{}');
write('pkg/saddlescope_bg.wasm', 'wasm');
write('.git/config', 'SECRET git config');
write('Cargo.toml', 'SECRET cargo');
write('src/lib.rs', 'SECRET source');
write('www/.hidden', 'SECRET dotfile');
fs.writeFileSync(path.join(outside, 'secret.txt'), 'SECRET outside');
// Symlinks inside the served directories pointing out of them, and one that stays inside.
fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'www', 'evil.txt'));
fs.symlinkSync(outside, path.join(root, 'www', 'evil-dir'));
fs.symlinkSync(path.join(root, '.git', 'config'), path.join(root, 'pkg', 'config.js'));
fs.symlinkSync(path.join(root, 'Cargo.toml'), path.join(root, 'www', 'cargo.css'));
fs.symlinkSync(path.join(root, 'www', 'app.js'), path.join(root, 'pkg', 'app-link.js'));

const server = await serve(root, 0);
const port = server.address().port;

/** Sends raw bytes, returns { status, headers, body } (status 0 when the server closed without answering). */
function raw(request) {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks = [];
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', () => {});
    sock.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      const [head, ...rest] = text.split('\r\n\r\n');
      const headers = {};
      for (const line of head.split('\r\n').slice(1)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status: m ? Number(m[1]) : 0, headers, body: rest.join('\r\n\r\n') });
    });
    sock.setTimeout(5000, () => sock.destroy());
    sock.write(request);
  });
}
const get = (target, host = `127.0.0.1:${port}`, method = 'GET') =>
  raw(Buffer.concat([Buffer.from(`${method} `), Buffer.isBuffer(target) ? target : Buffer.from(target, 'latin1'), Buffer.from(` HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)]));

let passed = 0;
let failed = 0;
async function check(name, f) {
  try {
    await f();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}\n     ${e.message}`);
  }
}
function expect(cond, msg) { if (!cond) throw new Error(msg); }
async function refused(target, host, method) {
  const r = await get(target, host, method);
  expect(r.status >= 400 && r.status < 500, `${JSON.stringify(String(target))} (Host ${host}): status ${r.status}`);
  expect(!r.body.includes('SECRET'), `${target}: leaked ${r.body}`);
  return r;
}

await check('the playground files are served, with nosniff, the CSP and the right types', async () => {
  for (const [p, type] of [['/', 'text/html'], ['/index.html', 'text/html'], ['/www/app.js', 'text/javascript'], ['/www/style.css', 'text/css'],
    ['/pkg/saddlescope_bg.wasm', 'application/wasm'], ['/pkg/app-link.js', 'text/javascript'], ['/index.html?x=1', 'text/html']]) {
    const r = await get(p);
    expect(r.status === 200, `${p}: ${r.status}`);
    expect(r.headers['content-type'].startsWith(type), `${p}: ${r.headers['content-type']}`);
    expect(r.headers['x-content-type-options'] === 'nosniff', `${p}: no nosniff`);
    expect(r.headers['content-security-policy'] === CSP, `${p}: CSP ${r.headers['content-security-policy']}`);
  }
  for (const host of [`localhost:${port}`, 'localhost', `[::1]:${port}`, `LOCALHOST:${port}`]) {
    expect((await get('/', host)).status === 200, `Host ${host}`);
  }
  const head = await get('/www/app.js', undefined, 'HEAD');
  expect(head.status === 200 && head.body === '', `HEAD: ${head.status} ${head.body}`);
});

await check('NUL bytes, raw and encoded, are refused', async () => {
  for (const t of ['/index.html%00.js', '/www/app.js%00', '/%00', '/www/%00/../app.js', '/index.html%2500']) await refused(t);
  await refused(Buffer.from('/index.html\0.js', 'latin1'));
});

await check('traversal in raw and encoded forms is refused', async () => {
  for (const t of ['/../Cargo.toml', '/www/../Cargo.toml', '/www/../../outside/secret.txt', '/pkg/../.git/config',
    '/%2e%2e/Cargo.toml', '/www/%2e%2e/Cargo.toml', '/www/%2E%2E/%2E%2E/outside/secret.txt', '/www/..%2fCargo.toml',
    '/www%2f..%2fCargo.toml', '/%2e%2e%2fCargo.toml', '/www/..%5cCargo.toml', '/www/..\\Cargo.toml', '/www/%252e%252e/Cargo.toml',
    '/www/.%2e/Cargo.toml', '/www//../Cargo.toml', '/./Cargo.toml', '/www/./app.js/..', '//etc/passwd', '/%zz', '/www/%']) await refused(t);
});

await check('symlinks out of the served directories are refused', async () => {
  for (const t of ['/www/evil.txt', '/www/evil-dir/secret.txt', '/pkg/config.js', '/www/cargo.css']) await refused(t);
});

await check('dotfiles and files outside index.html, www/ and pkg/ are refused', async () => {
  for (const t of ['/.git/config', '/.git/', '/Cargo.toml', '/src/lib.rs', '/www/.hidden', '/www/', '/pkg', '/www', '/.tools/package.json']) await refused(t);
});

await check('foreign and malformed Host headers are refused', async () => {
  for (const h of ['evil.example', `evil.example:${port}`, '127.0.0.1.evil.example', 'localhost.evil.example', `10.0.0.1:${port}`, '0.0.0.0',
    'localhost:80:80', '[::2]', 'local host']) await refused('/', h);
  const r = await raw('GET / HTTP/1.1\r\nConnection: close\r\n\r\n');
  expect(r.status >= 400 && r.status < 500, `no Host: ${r.status}`);
});

await check('other methods, absolute forms and malformed requests get a 4xx', async () => {
  await refused('/', undefined, 'POST');
  await refused('/index.html', undefined, 'DELETE');
  await refused('http://evil.example/index.html');
  await refused('*', undefined, 'OPTIONS');
  for (const req of ['GARBAGE\r\n\r\n', 'GET / HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n', `GET /${'a'.repeat(20000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`]) {
    const r = await raw(req);
    expect(r.status >= 400 && r.status < 500, `${req.slice(0, 40)}: ${r.status}`);
  }
  // A client that goes away mid-request.
  await new Promise((resolve) => { const s = net.connect(port, '127.0.0.1', () => { s.write('GET /www/app.js HTTP/1.1\r\nHo'); s.destroy(); resolve(); }); });
});

await check('the server is still up and serving', async () => {
  const r = await get('/www/app.js');
  expect(r.status === 200 && r.body.includes('ok = 1'), `after the attacks: ${r.status}`);
  expect(server.listening, 'not listening');
});

server.close();
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`server tests: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
