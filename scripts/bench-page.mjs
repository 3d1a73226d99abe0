// Drives www/bench.html and the playground's first frame in headless chromium; prints JSON.
// `page_gzip_bytes` is what a playground load transfers: every response the page and its workers
// received (wasm, JS modules, CSS, HTML, icon), each URL once, gzipped at level 9.
// `--size` measures only that (no benchmark).
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve } from './static-server.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(path.join(root, '.tools', 'package.json'));
const { chromium } = require('playwright-core');
const server = await serve(root, 0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

/** Loads the playground once and records every response: { url: { raw, gzip } } and the totals. */
async function pageBytes() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const responses = new Map();
  const record = (r) => { if (r.ok() && !responses.has(r.url())) responses.set(r.url(), r); };
  context.on('response', record);
  const p = await context.newPage();
  await p.goto(`${base}/#landscape=saddle&opt=gd,pgd,adam&seed=1`);
  await p.waitForFunction(() => performance.getEntriesByName('saddlescope-first-frame').length > 0, null, { timeout: 30000 });
  await p.waitForLoadState('networkidle');
  const files = {};
  let raw = 0;
  let gzip = 0;
  for (const [url, r] of responses) {
    let body;
    try { body = await r.body(); } catch { continue; }
    const g = zlib.gzipSync(body, { level: 9 }).length;
    files[new URL(url).pathname] = { raw: body.length, gzip: g };
    raw += body.length;
    gzip += g;
  }
  await context.close();
  return { files, raw, gzip };
}

const size = await pageBytes();
if (process.argv.includes('--size')) {
  await browser.close();
  server.close();
  console.log(JSON.stringify({ page_gzip_bytes: size.gzip, page_raw_bytes: size.raw, page_files: size.files }, null, 2));
  process.exit(0);
}

const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
await page.goto(`${base}/www/bench.html`);
await page.waitForFunction(() => window.benchResult, null, { timeout: 300000 });
const result = await page.evaluate(() => window.benchResult);
// First frame after page load, five fresh loads of the playground.
const first = [];
for (let i = 0; i < 5; i++) {
  const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await p.goto(`${base}/#landscape=saddle&opt=gd,pgd,adam&seed=1`);
  await p.waitForFunction(() => performance.getEntriesByName('saddlescope-first-frame').length > 0, null, { timeout: 30000 });
  first.push(await p.evaluate(() => performance.getEntriesByName('saddlescope-first-frame')[0].startTime));
  await p.close();
}
first.sort((a, b) => a - b);
result.first_frame = { median_ms: +first[2].toFixed(1), p95_ms: +first[4].toFixed(1), n: 5 };
const native = JSON.parse(process.env.NATIVE || '{}');
result.native = native;
if (native.recorded_gd_saddle_steps_per_s) result.core_browser_over_native = +(result.recorded_gd_saddle_steps_per_s / native.recorded_gd_saddle_steps_per_s).toFixed(3);
if (native.recorded_gd_rosenbrock_steps_per_s) result.core_noise_free_browser_over_native = +(result.recorded_gd_rosenbrock_steps_per_s / native.recorded_gd_rosenbrock_steps_per_s).toFixed(3);
if (native.kernel_steps_per_s) result.kernel_browser_over_native = +(result.kernel_wasm_steps_per_s / native.kernel_steps_per_s).toFixed(3);
result.kernel_wasm_over_js = +(result.kernel_wasm_steps_per_s / result.kernel_js_steps_per_s).toFixed(3);
result.page_gzip_bytes = size.gzip;
result.page_raw_bytes = size.raw;
result.page_files = size.files;
// The lab: each preset's wall time in the page with the pool and with one worker, beside the
// CLI's single-thread time (medians of `LAB_REPS` runs; spurious-share once: it takes seconds).
const { execFileSync } = await import('node:child_process');
const LAB_REPS = Number(process.env.LAB_REPS || 3);
const median = (v) => { const s = [...v].sort((a, b) => a - b); return +s[Math.floor(s.length / 2)].toFixed(1); };
result.lab = {};
for (const preset of ['du-chain', 'jin-logd', 'cnc-d', 'newton-basins', 'spurious-share', 'gd-tail', 'census']) {
  const reps = preset === 'spurious-share' ? 1 : LAB_REPS;
  const timeIn = async (link) => {
    const times = [];
    for (let i = 0; i < reps; i++) {
      const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await p.goto(`${base}/#${link}`);
      await p.waitForFunction(() => { const s = window.saddlescope && window.saddlescope.lab && window.saddlescope.lab.state(); return s && (s.finished || s.error); }, null, { timeout: 600000 });
      const st = await p.evaluate(() => window.saddlescope.lab.state());
      if (st.error) throw new Error(`${link}: ${st.error}`);
      times.push(st.ms);
      await p.close();
    }
    return median(times);
  };
  const pool = await timeIn(`lab=${preset}`);
  const one = await timeIn(`lab=${preset}&workers=1`);
  const cli = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    execFileSync(path.join(root, 'target', 'release', 'saddlescope'), ['lab', preset, '--json', '--threads', '1'], { maxBuffer: 64 << 20 });
    cli.push(performance.now() - t0);
  }
  result.lab[preset] = { page_pool_ms: pool, page_one_worker_ms: one, cli_single_thread_ms: median(cli), pool_workers: Math.min(8, (await browser.newPage().then(async (p) => { const n = await p.evaluate(() => navigator.hardwareConcurrency); await p.close(); return n; }))) };
}

await browser.close();
server.close();
console.log(JSON.stringify(result, null, 2));
