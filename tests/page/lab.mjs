// The lab and the worker pool: every preset link finishes in the page with a drawn figure, progress
// at 100 %, no long task while it ran, and the same JSON as the CLI and as a one-worker pool;
// Cancel stops the workers at once; the heavy links of the playground keep the page answering.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { assert, colours, pixelHash, ready } from './helpers.mjs';

const PRESETS = ['du-chain', 'jin-logd', 'cnc-d', 'newton-basins', 'spurious-share', 'gd-tail', 'census'];

/** Records long tasks from the start of the page; `since` filters them later. */
function watchLongTasks(page) {
  return page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Opens a lab link and waits until the figure has started computing, then until it finishes. */
async function runLab(open, link, { timeout = 120000 } = {}) {
  const page = await open('/', { before: watchLongTasks });
  await page.evaluate((l) => { location.hash = l; }, link);
  await page.waitForFunction(() => { const s = window.saddlescope && window.saddlescope.lab && window.saddlescope.lab.state(); return s && s.running; }, null, { timeout: 30000 });
  const started = await page.evaluate(() => performance.now());
  await page.waitForFunction(() => { const s = window.saddlescope.lab.state(); return s.finished || s.error; }, null, { timeout });
  const state = await page.evaluate(() => window.saddlescope.lab.state());
  assert.equal(state.error, null, `${link}: ${state.error}`);
  const long = await page.evaluate((t) => window.__longTasks.filter((e) => e.start >= t), started);
  const progress = await page.locator('.lab-view .lab-bar progress').evaluate((p) => p.value);
  return { page, state, long, progress };
}

/** The CLI's JSON for the same lab link. */
function cli(root, link) {
  const bin = path.join(root, 'target', 'release', 'saddlescope');
  assert.ok(fs.existsSync(bin), `build the CLI first: cargo build --release (${bin})`);
  const knobs = link.split('&').slice(1);
  const name = link.split('&')[0].slice('lab='.length);
  return JSON.parse(execFileSync(bin, ['lab', name, ...knobs, '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

const forPage = (j) => ({ ...j });

export const tests = [
  ...PRESETS.map((name) => ({
    name: `lab: ${name} finishes in the pool, equals the CLI and a one-worker pool, with no long task`,
    async run({ open, artifacts, root }) {
      const link = `lab=${name}`;
      const { page, state, long, progress } = await runLab(open, link);
      assert.equal(progress, 1, 'progress reached 100 %');
      assert.ok(await colours(page, '.lab-figure canvas') > 20, 'the figure is drawn');
      assert.deepEqual(long.filter((e) => e.duration > 50).map((e) => Math.round(e.duration)), [], 'no long task over 50 ms while it ran');
      const json = await page.evaluate(() => JSON.parse(window.saddlescope.lab.json()));
      assert.equal(json.done, json.jobs);
      for (const c of json.claims) assert.equal(c.holds, true, `${name}: ${c.claim}: ${c.measured}`);
      assert.deepEqual(forPage(json), forPage(cli(root, link)), 'the page computes what the CLI computes');
      await page.locator('.lab-view').screenshot({ path: path.join(artifacts, `lab-${name}.png`) });
      // The same preset with one worker gives the same numbers.
      await page.evaluate((l) => { location.hash = `${l}&workers=1`; }, link);
      await page.waitForFunction(() => { const s = window.saddlescope.lab.state(); return /workers=1/.test(s.text) && (s.finished || s.error); }, null, { timeout: 180000 });
      const one = await page.evaluate(() => JSON.parse(window.saddlescope.lab.json()));
      assert.deepEqual(one, json, 'workers=1 gives the same result');
      console.log(`     ${name}: ${state.jobs} jobs in ${(state.ms / 1000).toFixed(2)} s`);
      page.check();
      await page.closeAll();
    },
  })),
  {
    name: 'lab: Cancel stops spurious-share at once; nothing is drawn afterwards',
    async run({ open }) {
      const page = await open('/#lab=spurious-share');
      await page.waitForFunction(() => { const s = window.saddlescope && window.saddlescope.lab && window.saddlescope.lab.state(); return s && s.running && s.done >= 20; }, null, { timeout: 60000 });
      // Press Cancel in the page, then time how soon the page answers the next call.
      await page.evaluate(() => document.querySelector('.lab-cancel').click());
      const t0 = Date.now();
      await page.evaluate('1');
      const answered = Date.now() - t0;
      assert.ok(answered < 100, `the page answered ${answered} ms after Cancel`);
      const st = await page.evaluate(() => window.saddlescope.lab.state());
      assert.equal(st.cancelled, true);
      assert.ok(st.done < st.jobs);
      const h = await pixelHash(page, '.lab-figure canvas');
      const done = st.done;
      await page.waitForTimeout(1500);
      assert.equal(await pixelHash(page, '.lab-figure canvas'), h, 'nothing from the cancelled run is drawn afterwards');
      assert.equal((await page.evaluate(() => window.saddlescope.lab.state())).done, done, 'no result is accepted after Cancel');
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'heavy playground links keep the page answering within 200 ms: loading, playing, statistics',
    async run({ open }) {
      const links = [
        'landscape=saddle&opt=gd,sgd,pgd,adam,cnc,momentum,nesterov,rmsprop&noise=1&steps=10000000',
        'landscape=saddle3&d=1024&index=6&opt=gd,sgd,pgd,adam,newton,sfn,cubic,cnc&seed=1',
        'landscape=relu&samples=20000',
        'landscape=relu-ss&k=12&n=12&opt=gd,sgd,pgd,adam,newton,sfn,cubic,cnc&speed=100000',
        'landscape=relu',
      ];
      for (const link of links) {
        // The playground first finishes its own start (module, workers, first picture); what is
        // timed is the link: its loading, playing and statistics.
        const page = await open('/');
        await ready(page);
        await page.evaluate(() => {
          window.__frames = [];
          new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.duration > 100) window.__frames.push(`${Math.round(e.startTime)}+${Math.round(e.duration)}ms: ${e.scripts.map((s) => `${s.invoker} ${Math.round(s.duration)}ms`).join(', ') || 'no script'}`); }).observe({ type: 'long-animation-frame' });
        });
        let worst = 0;
        let phase = 'loading';
        let worstPhase = '';
        let stop = false;
        const probe = (async () => {
          while (!stop) {
            const t0 = Date.now();
            await page.evaluate('1').catch(() => {});
            const d = Date.now() - t0;
            if (d > worst) { worst = d; worstPhase = phase; }
            await new Promise((r) => setTimeout(r, 25));
          }
        })();
        await page.evaluate((l) => { location.hash = l; }, link);
        await page.waitForTimeout(1500);
        phase = 'playing';
        await page.click('#play');
        await page.waitForTimeout(2500);
        await page.click('#play');
        phase = 'statistics';
        await page.click('#escape-run');
        await page.waitForFunction(() => document.getElementById('escape-progress').hidden, null, { timeout: 180000 });
        stop = true;
        await probe;
        const frames = await page.evaluate(() => window.__frames.join('; '));
        assert.ok(worst <= 200, `${link}: the page took ${worst} ms to answer (while ${worstPhase}; frames over 100 ms: ${frames || 'none'})`);
        console.log(`     ${link.slice(0, 50)}…: slowest answer ${worst} ms (${worstPhase})`);
        if (process.env.FRAMES) console.log(`       ${frames}`);
        page.check();
        await page.closeAll();
      }
    },
  },
];
