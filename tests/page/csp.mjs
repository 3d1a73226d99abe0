// Every page under the strict Content-Security-Policy (run.mjs serves it and fails on any
// `securitypolicyviolation`): the header itself, the bench page, the iframe mode inside a real
// iframe, text measured by the canvas where plotters used a styled <span>, the embed example's
// β slider, and a hostile hash change.
import path from 'node:path';
import { assert, ready, colours } from './helpers.mjs';
import { CSP } from '../../scripts/static-server.mjs';

export const tests = [
  {
    name: 'CSP: the server sends the strict policy and nosniff; the bench page runs under it',
    async run({ open, base }) {
      const res = await fetch(`${base}/www/bench.html`);
      assert.equal(res.headers.get('content-security-policy'), CSP);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      const page = await open('/www/bench.html#quick');
      await page.waitForFunction(() => window.benchResult, null, { timeout: 60000 });
      const r = await page.evaluate(() => window.benchResult);
      assert.equal(r.error, undefined, r.error);
      assert.ok(r.frame_2d.n > 0 && r.kernel_wasm_steps_per_s > 0, JSON.stringify(r));
      assert.ok(await colours(page, '#bg') > 50, 'bench canvas is blank');
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'CSP: labels are measured by the canvas (hide=panels, embed=1, legends), with no violations',
    async run({ open, artifacts }) {
      const page = await open('/#landscape=saddle&opt=gd,pgd,adam&seed=1&hide=panels');
      await ready(page);
      await page.evaluate(() => window.saddlescope.advance(200));
      await page.waitForTimeout(100);
      assert.ok(await colours(page, '#bg') > 50);
      await page.locator('#view').screenshot({ path: path.join(artifacts, 'csp-hide-panels.png') });
      // Iframe mode, with everything but the view hidden.
      await page.evaluate(() => window.saddlescope.load('landscape=saddle3&index=2&opt=gd,pgd&seed=1&embed=1&hide=landscape,knobs,optimizers,lr,noise,seed,speed,view,playback,panels'));
      await page.evaluate(() => window.saddlescope.advance(100));
      await page.waitForTimeout(100);
      await page.screenshot({ path: path.join(artifacts, 'csp-embed-mode.png') });
      // Legends: the chain's coordinates view and the escape-time survival curves.
      await page.evaluate(() => window.saddlescope.load('landscape=chain&d=4&opt=gd,pgd&seed=1&view=3d'));
      await page.evaluate(() => window.saddlescope.advance(3000));
      await page.waitForTimeout(100);
      assert.ok(await colours(page, '#fg') > 5);
      await page.locator('#view').screenshot({ path: path.join(artifacts, 'csp-chain-legend.png') });
      await page.evaluate(() => window.saddlescope.load('landscape=saddle&opt=gd,pgd,sgd&start=1,0&seed=1'));
      await page.click('#escape-run');
      await page.waitForFunction(() => /escaped/.test(document.getElementById('escape-summary').textContent), null, { timeout: 30000 });
      await page.locator('#escape-block').screenshot({ path: path.join(artifacts, 'csp-escape-legend.png') });
      // plotters' web font backend left nothing in the page.
      assert.equal(await page.evaluate(() => document.querySelectorAll('body > span').length), 0);
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'CSP: the playground in iframe mode inside a real <iframe>, and the embed example, have no violations',
    async run({ open }) {
      const page = await open('/www/embed.html');
      await page.waitForFunction(() => [...document.querySelectorAll('saddle-scope')].every((e) => e.demo), null, { timeout: 20000 });
      await page.evaluate(() => {
        const f = document.createElement('iframe');
        f.id = 'frame';
        f.width = '800';
        f.height = '600';
        f.src = '/index.html#landscape=saddle&opt=gd,pgd&seed=1&embed=1&hide=panels';
        document.querySelector('article').prepend(f);
      });
      const frame = page.frameLocator('#frame');
      await frame.locator('body[data-ready="true"]').waitFor({ timeout: 20000 });
      const f = page.frames().find((x) => x.url().includes('embed=1'));
      assert.ok(f, 'no iframe');
      assert.ok(await f.evaluate(() => window.saddlescope.advance(50).runs[0].step) >= 50);
      page.check();
      await page.closeAll();
    },
  },
  {
    name: "CSP: the embed example's β slider changes the demo (external script)",
    async run({ open }) {
      const page = await open('/www/embed.html');
      await page.waitForFunction(() => [...document.querySelectorAll('saddle-scope')].every((e) => e.demo), null, { timeout: 20000 });
      await page.locator('#beta').focus();
      for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
      assert.equal(await page.locator('#beta-out').textContent(), '10');
      assert.match(await page.evaluate(() => document.getElementById('demo-relu').scenario()), /beta=10\b/);
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'a bad %-escape in a hash change shows a message naming the field and keeps the last good scenario',
    async run({ open }) {
      const page = await open('/#landscape=saddle&opt=gd&seed=1');
      await ready(page);
      const good = await page.evaluate(() => window.saddlescope.scenario());
      await page.evaluate(() => { location.hash = 'landscape=saddle&b=%zz'; });
      await page.waitForFunction(() => !document.querySelector('#error').hidden);
      const msg = await page.locator('#error').textContent();
      assert.match(msg, /b=%zz/);
      assert.match(msg, /%-escape/);
      assert.equal(await page.evaluate(() => window.saddlescope.scenario()), good);
      // Hostile text in a hash is shown escaped and clipped, never as markup or a 100 kB message.
      await page.evaluate(() => { location.hash = `landscape=saddle&opt=gd,%E2%80%AE${'x'.repeat(5000)}`; });
      await page.waitForFunction(() => /not an optimizer/.test(document.querySelector('#error').textContent));
      const long = await page.locator('#error').textContent();
      assert.ok(long.length < 300, `${long.length} characters`);
      assert.ok(!long.includes('\u202e'), long);
      await page.evaluate(() => { location.hash = `k0=1&${Array.from({ length: 40000 }, (_, i) => `k${i + 1}=1`).join('&')}`; });
      await page.waitForFunction(() => /16384/.test(document.querySelector('#error').textContent), null, { timeout: 5000 });
      assert.equal(await page.evaluate(() => window.saddlescope.scenario()), good);
      page.check();
      await page.closeAll();
    },
  },
];
