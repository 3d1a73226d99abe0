// Page-level tests: serve the built playground under the strict Content-Security-Policy, drive
// Debian's chromium with playwright-core, fail on any console error, page error, failed request or
// CSP violation (a `securitypolicyviolation` event in any frame). Screenshots go to artifacts/ for
// people to see.
// Prints "N passed, M failed" and exits non-zero on any failure.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { serve, CSP } from '../../scripts/static-server.mjs';
import { tests as playgroundTests } from './playground.mjs';
import { tests as embedTests } from './embed.mjs';
import { tests as labTests } from './lab.mjs';
import { tests as readerTests } from './reader.mjs';
import { tests as screenTests } from './screens.mjs';
import { tests as customTests } from './custom.mjs';
import { tests as cspTests } from './csp.mjs';
import { tests as exportTests } from './export.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const require = createRequire(path.join(root, '.tools', 'package.json'));
const { chromium } = require('playwright-core');

const artifacts = path.join(root, 'artifacts');
fs.mkdirSync(artifacts, { recursive: true });

const server = await serve(root, 0, '127.0.0.1', { csp: CSP });
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});

/**
 * A fresh page that records every console error, page error, failed request and CSP violation.
 * `page.check()` throws on any of them; with `allowErrors` it still throws on a CSP violation.
 * `before(page)` runs before the page loads (e.g. to add init scripts).
 */
async function open(url, { viewport = { width: 1280, height: 900 }, allowErrors = false, before = null, touch = false } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: touch ? 3 : 1, hasTouch: touch, isMobile: touch });
  const problems = [];
  const violations = [];
  await context.exposeBinding('__saddlescopeCspViolation', (_source, v) => {
    violations.push(v);
    problems.push(`CSP violation: ${v}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__saddlescopeCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}${e.sample ? ` (${e.sample})` : ''}`);
    }, true);
  });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure() && r.failure().errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  if (before) await before(page);
  await page.goto(base + url);
  page.problems = problems;
  page.violations = violations;
  page.check = () => {
    if (violations.length) throw new Error(`CSP violations:\n${violations.join('\n')}`);
    if (!allowErrors && problems.length) throw new Error(problems.join('\n'));
  };
  // Violations arrive through a binding: let the last ones land, then check before closing.
  page.closeAll = async () => {
    await page.waitForTimeout(50).catch(() => {});
    const late = violations.length;
    await context.close();
    if (late) throw new Error(`CSP violations:\n${violations.join('\n')}`);
  };
  return page;
}

const ctx = { base, open, artifacts, root, browser };
const all = [...playgroundTests, ...embedTests, ...cspTests, ...customTests, ...readerTests, ...screenTests, ...exportTests, ...labTests];
const only = process.argv[2];
let passed = 0;
let failed = 0;
for (const t of all) {
  if (only && !t.name.includes(only)) continue;
  const t0 = Date.now();
  try {
    await t.run(ctx);
    passed++;
    console.log(`ok   ${t.name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${t.name}\n     ${String(e && e.stack || e).split('\n').slice(0, 6).join('\n     ')}`);
  }
}
await browser.close();
server.close();
console.log(`page tests: ${passed} passed, ${failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
