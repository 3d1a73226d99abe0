// The soak behind scripts/soak: the playground plays a noisy 8-optimizer race at full speed
// (speed=100000 steps a frame) in headless chromium, resetting and replaying it whenever it ends,
// for --minutes (10 by default). Every 30 s it collects garbage (CDP) and samples the JS heap
// (performance.memory.usedJSHeapSize, precise with --enable-precise-memory-info) and the wasm
// memory (the byte length of the module's memory export); it prints a table and checks that the
// last sample is within 10 % of the one at minute 2 (or the first, for runs shorter than that).
import { createRequire } from 'node:module';
import path from 'node:path';
import { serve } from './static-server.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(path.join(root, '.tools', 'package.json'));
const { chromium } = require('playwright-core');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
};
const minutes = Number(arg('minutes', '10'));
if (!(minutes > 0 && minutes <= 24 * 60)) {
  console.error(`soak: --minutes ${arg('minutes')}: must be a number of minutes in (0, 1440]`);
  process.exit(2);
}
const every = Number(arg('every', '30'));
const scenario = arg('scenario', 'landscape=saddle&opt=gd,sgd,pgd,adam,cnc,momentum,nesterov,rmsprop&noise=1&speed=100000&seed=1');

const server = await serve(root, 0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--enable-precise-memory-info', '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const problems = [];
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
await page.goto(`${base}/#${scenario}`);
await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
const cdp = await page.context().newCDPSession(page);

// In the page: play, and whenever the race ends (the demo pauses), reset and play again. Count
// races, steps and frames.
await page.evaluate(async () => {
  const glue = await import('/pkg/saddlescope.js');
  const wasm = await glue.default();
  const soak = { races: 0, steps: 0, frames: 0, memory: () => wasm.memory.buffer.byteLength };
  window.soak = soak;
  const stepsNow = () => window.saddlescope.state().runs.reduce((a, r) => a + r.step, 0);
  const frame = () => { soak.frames++; requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  setInterval(() => {
    if (document.getElementById('play').getAttribute('aria-pressed') === 'true') return;
    soak.steps += stepsNow();
    soak.races++;
    document.getElementById('reset').click();
    document.getElementById('play').click();
  }, 100);
  document.getElementById('play').click();
});

const sample = async () => {
  await cdp.send('HeapProfiler.collectGarbage');
  return page.evaluate(() => {
    const live = window.saddlescope.state().runs.reduce((a, r) => a + r.step, 0);
    return { js: performance.memory.usedJSHeapSize, wasm: window.soak.memory(), races: window.soak.races, steps: window.soak.steps + live, frames: window.soak.frames };
  });
};

const mb = (b) => (b / (1024 * 1024)).toFixed(2);
console.log(`soak: ${minutes} min of ${scenario}`);
console.log('  time   races     steps (M)  steps/s (M)  frames/s   JS heap (MB)  wasm memory (MB)');
const samples = [];
const t0 = Date.now();
let last = { steps: 0, frames: 0, t: 0 };
for (let k = 1; k * every <= minutes * 60 + 1e-9; k++) {
  const wait = t0 + k * every * 1000 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const s = await sample();
  const t = (Date.now() - t0) / 1000;
  s.t = t;
  samples.push(s);
  const dt = t - last.t;
  const mm = `${Math.floor(t / 60)}:${String(Math.round(t % 60)).padStart(2, '0')}`;
  console.log(`  ${mm.padStart(5)}  ${String(s.races).padStart(6)}  ${(s.steps / 1e6).toFixed(1).padStart(12)}  ${((s.steps - last.steps) / dt / 1e6).toFixed(2).padStart(11)}  ${((s.frames - last.frames) / dt).toFixed(1).padStart(8)}  ${mb(s.js).padStart(13)}  ${mb(s.wasm).padStart(16)}`);
  last = { steps: s.steps, frames: s.frames, t };
}
await browser.close();
server.close();

const baseline = samples.find((s) => s.t >= 119) || samples[0];
const end = samples[samples.length - 1];
const within = (a, b) => Math.abs(a - b) <= 0.1 * b;
const ok = within(end.js, baseline.js) && within(end.wasm, baseline.wasm);
const pct = (a, b) => `${((100 * (a - b)) / b).toFixed(1)} %`;
console.log(`soak: baseline at ${baseline.t.toFixed(0)} s: JS heap ${mb(baseline.js)} MB, wasm ${mb(baseline.wasm)} MB; last: JS heap ${mb(end.js)} MB (${pct(end.js, baseline.js)}), wasm ${mb(end.wasm)} MB (${pct(end.wasm, baseline.wasm)})`);
if (problems.length) console.log(`soak: page problems:\n  ${problems.slice(0, 10).join('\n  ')}`);
console.log(ok && !problems.length ? 'soak: memory flat (within 10 %)' : 'soak: FAILED');
process.exit(ok && !problems.length ? 0 : 1);
