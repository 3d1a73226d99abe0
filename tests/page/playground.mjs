// The playground (index.html) in headless chromium.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { assert, ready, colours, pixelHash, state } from './helpers.mjs';

export const tests = [
  {
    name: 'index.html loads without errors and draws a non-blank main canvas',
    async run({ open, artifacts }) {
      const page = await open('/');
      await ready(page);
      await page.waitForTimeout(300);
      assert.ok(await colours(page, '#bg') > 50, 'main canvas is blank');
      assert.ok(await colours(page, '#hessian') > 3, 'Hessian panel is blank');
      assert.equal(await page.locator('#error').isHidden(), true, await page.locator('#error').textContent());
      await page.evaluate(() => window.saddlescope.advance(300));
      await page.waitForTimeout(100);
      await page.screenshot({ path: path.join(artifacts, 'playground-2d.png') });
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'every landscape renders without console errors, in 2D and 3D',
    async run({ open, artifacts }) {
      const page = await open('/#landscape=saddle');
      await ready(page);
      // The landscapes themselves (the examples in the menu's optgroup are scenarios: custom.mjs).
      const ids = await page.evaluate(() => [...document.querySelectorAll('#landscape > option')].map((o) => o.value));
      assert.ok(ids.length >= 12, `only ${ids.length} landscapes`);
      for (const id of ids) {
        for (const view of ['2d', '3d']) {
          await page.evaluate(([id, view]) => window.saddlescope.load(`landscape=${id}&opt=gd,pgd&seed=1&view=${view}`), [id, view]);
          await page.evaluate(() => window.saddlescope.advance(20));
          await page.waitForTimeout(50);
          const n = await colours(page, view === '2d' ? '#bg' : (id === 'saddle3' || id === 'linear3' || id === 'chain' ? '#fg' : '#bg'));
          assert.ok(n > 5, `${id} ${view}: blank (${n} colours)`);
          const err = await page.locator('#error').isVisible();
          assert.equal(err, false, `${id} ${view}: ${await page.locator('#error').textContent()}`);
        }
      }
      await page.evaluate(() => window.saddlescope.load('landscape=saddle&opt=gd,pgd,adam&seed=1&view=3d'));
      await page.evaluate(() => window.saddlescope.advance(200));
      await page.waitForTimeout(100);
      await page.screenshot({ path: path.join(artifacts, 'playground-3d.png') });
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'play advances state(); keyboard space, arrow and r work',
    async run({ open }) {
      const page = await open('/#landscape=saddle&opt=gd,pgd&seed=1&speed=5');
      await ready(page);
      const s0 = await state(page);
      assert.equal(s0.runs[0].step, 0);
      await page.click('#play');
      await page.waitForFunction(() => window.saddlescope.state().runs[0].step > 20);
      await page.click('#play');
      await page.keyboard.press('r');
      await page.waitForFunction(() => window.saddlescope.state().runs[0].step === 0);
      await page.keyboard.press('ArrowRight');
      assert.equal((await state(page)).runs[0].step, 1);
      await page.keyboard.press(' ');
      await page.waitForFunction(() => window.saddlescope.state().runs[0].step > 10);
      await page.keyboard.press(' ');
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'a slider change updates the hash and the live run; reloading the hash restores the state',
    async run({ open, base }) {
      const page = await open('/#landscape=saddle&opt=gd,sgd&seed=5');
      await ready(page);
      await page.evaluate(() => window.saddlescope.advance(50));
      const before = await state(page);
      // Move the step-size slider.
      await page.locator('#lr').evaluate((el) => { el.value = '700'; el.dispatchEvent(new Event('input', { bubbles: true })); });
      const hash = await page.evaluate(() => decodeURIComponent(location.hash));
      assert.match(hash, /lr=0\.\d+/);
      const after = await state(page);
      assert.equal(after.runs[0].step, before.runs[0].step, 'the run goes on (live change), not restarted');
      assert.notEqual(after.runs[0].lr, before.runs[0].lr);
      // The curvature knob changes the live run too.
      await page.locator('#p-b').evaluate((el) => { el.value = '300'; el.dispatchEvent(new Event('input', { bubbles: true })); });
      assert.match(await page.evaluate(() => decodeURIComponent(location.hash)), /b=3/);
      await page.evaluate(() => window.saddlescope.advance(100));
      const a = await state(page);
      // Reload the hash in a fresh page: the same n steps give the same numbers.
      const url = await page.evaluate(() => location.hash);
      const page2 = await open('/' + url);
      await ready(page2);
      const scen = await page2.evaluate(() => window.saddlescope.scenario());
      assert.equal(scen, await page.evaluate(() => window.saddlescope.scenario()));
      await page.evaluate(() => window.saddlescope.load(window.saddlescope.scenario()));
      await page.evaluate(() => window.saddlescope.advance(120));
      await page2.evaluate(() => window.saddlescope.advance(120));
      const x = await state(page);
      const y = await state(page2);
      assert.deepEqual(y.runs.map((r) => [r.point, r.loss]), x.runs.map((r) => [r.point, r.loss]));
      assert.ok(a.runs[0].step > 0);
      page.check();
      page2.check();
      await page.closeAll();
      await page2.closeAll();
    },
  },
  {
    name: 'click sets the start; drag in 3D rotates the view',
    async run({ open }) {
      const page = await open('/#landscape=saddle&opt=gd&seed=1');
      await ready(page);
      const box = await page.locator('#fg').boundingBox();
      await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.3);
      const sc = await page.evaluate(() => window.saddlescope.scenario());
      const m = /start=([^&]+)/.exec(sc);
      assert.ok(m, `no start in ${sc}`);
      const [x, y] = m[1].split(',').map(Number);
      assert.ok(x > 0.3 && y > 0.3, `start ${x},${y}`);
      assert.deepEqual((await state(page)).runs[0].point.map((v) => Number(v.toPrecision(5))), [x, y].map((v) => Number(v.toPrecision(5))));
      await page.evaluate(() => window.saddlescope.set('view', '3d'));
      await page.waitForTimeout(100);
      const h0 = await pixelHash(page, '#bg');
      await page.mouse.move(box.x + 200, box.y + 200);
      await page.mouse.down();
      await page.mouse.move(box.x + 260, box.y + 230, { steps: 5 });
      await page.mouse.up();
      await page.waitForTimeout(100);
      assert.notEqual(await pixelHash(page, '#bg'), h0, '3D view did not rotate');
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'a bad hash shows a message naming the field and falls back; bad live values keep the last good state',
    async run({ open }) {
      const page = await open('/#landscape=saddle&b=abc', { allowErrors: true });
      await ready(page);
      const msg = await page.locator('#error').textContent();
      assert.match(msg, /b=abc/);
      assert.ok(await colours(page, '#bg') > 50, 'fell back to a drawn default');
      const good = await page.evaluate(() => window.saddlescope.scenario());
      await page.evaluate(() => { location.hash = 'landscape=saddle&lr=-3'; });
      await page.waitForFunction(() => !document.querySelector('#error').hidden && /lr/.test(document.querySelector('#error').textContent));
      assert.equal(await page.evaluate(() => window.saddlescope.scenario()), good);
      await page.fill('#lr-num', 'NaN');
      await page.press('#lr-num', 'Enter');
      assert.match(await page.locator('#error').textContent(), /lr=NaN/);
      assert.equal(await page.evaluate(() => window.saddlescope.scenario()), good);
      const html = await page.evaluate(() => { try { window.saddlescope.set('landscape', '<img src=x onerror=alert(1)>'); } catch (e) { return e.message; } return ''; });
      assert.match(html, /landscape/);
      assert.equal(await page.locator('#error img').count(), 0);
      assert.equal(page.problems.filter((p) => !p.includes('console error')).length, 0, page.problems.join('\n'));
      await page.closeAll();
    },
  },
  {
    name: "state() matches the CLI's run records bit for bit for a noisy race",
    async run({ open, root }) {
      const scen = 'landscape=saddle&opt=sgd,pgd,adam,cnc&noise=0.05&seed=11&start=0.9,0.001&steps=400';
      const bin = path.join(root, 'target', 'debug', 'saddlescope');
      assert.ok(fs.existsSync(bin), 'build the CLI first (cargo test builds it)');
      const out = execFileSync(bin, ['run', scen, '--format', 'jsonl', '--every', '150'], { encoding: 'utf8' });
      const rec = out.trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.step === 300);
      assert.equal(rec.length, 4);
      const page = await open('/#' + scen);
      await ready(page);
      await page.evaluate(() => window.saddlescope.advance(300));
      const st = await state(page);
      for (const r of st.runs) {
        const c = rec.find((x) => x.optimizer === r.optimizer);
        assert.deepEqual(r.point, c.point, `${r.optimizer} point`);
        assert.equal(r.loss, c.loss, `${r.optimizer} loss`);
      }
      page.check();
      await page.closeAll();
    },
  },
  {
    name: '3-parameter landscapes: the 2D slice follows the current point in the chosen plane',
    async run({ open, artifacts }) {
      const page = await open('/#landscape=saddle3&index=2&opt=gd,pgd&seed=1');
      await ready(page);
      assert.equal(await page.locator('#plane-row').isVisible(), true);
      await page.selectOption('#plane', '2,3');
      assert.match(await page.evaluate(() => window.saddlescope.scenario()), /plane=2,3/);
      const h0 = await (await import('./helpers.mjs')).pixelHash(page, '#bg');
      await page.evaluate(() => window.saddlescope.advance(400));
      await page.waitForTimeout(100);
      // The first run moved off the initial plane, so the background was recomputed.
      assert.notEqual(await (await import('./helpers.mjs')).pixelHash(page, '#bg'), h0);
      await page.locator('#view').screenshot({ path: path.join(artifacts, 'saddle3-slice.png') });
      await page.evaluate(() => window.saddlescope.set('view', '3d'));
      await page.waitForTimeout(100);
      assert.ok(await colours(page, '#fg') > 5, 'parameter box drawn');
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'escape-time statistics over 32 seeds are plotted and summarised',
    async run({ open, artifacts }) {
      const page = await open('/#landscape=saddle&opt=gd,pgd,sgd&start=1,0&seed=1');
      await ready(page);
      await page.click('#escape-run');
      await page.waitForFunction(() => /pgd: escaped 32\/32/.test(document.getElementById('escape-summary').textContent), null, { timeout: 30000 });
      const text = await page.locator('#escape-summary').textContent();
      // GD draws no random number from a fixed start: it runs once, says so, and never escapes.
      assert.match(text, /gd: came near and never escaped .*deterministic/);
      // SGD's noise carries some runs past the saddle before they come near: said, not ∞.
      assert.match(text, /sgd: escaped \d+\/\d+.*\d+ went around the saddle/);
      assert.ok(await colours(page, '#escape') > 5);
      await page.locator('#escape-block').screenshot({ path: path.join(artifacts, 'escape-times.png') });
      // The index-vs-loss census opens in the lab, for this landscape, on its exact line.
      await page.evaluate(() => window.saddlescope.load('landscape=saddle3&d=4&index=4&seed=1'));
      await page.click('#census-run');
      await page.waitForFunction(() => { const s = window.saddlescope.lab.state(); return s && s.finished; }, null, { timeout: 30000 });
      const lab = await page.evaluate(() => window.saddlescope.lab.state());
      assert.match(lab.text, /^lab=census&landscape=saddle3&(index=4&d=4|d=4&index=4)/);
      assert.match(lab.json.claims[0].measured, /^81 critical points/);
      assert.equal(lab.json.claims[0].holds, true);
      await page.locator('.lab-figure').screenshot({ path: path.join(artifacts, 'index-vs-loss.png') });
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'the layout works on a phone-sized screen',
    async run({ open, artifacts }) {
      const page = await open('/#landscape=relu&beta=20&opt=gd,sgd&seed=2', { viewport: { width: 390, height: 844 } });
      await ready(page);
      await page.evaluate(() => window.saddlescope.advance(200));
      await page.waitForTimeout(100);
      assert.ok(await colours(page, '#bg') > 50);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone`);
      await page.screenshot({ path: path.join(artifacts, 'playground-phone.png'), fullPage: true });
      page.check();
      await page.closeAll();
    },
  },
];
