// The <saddle-scope> element (www/embed.html) and the playground's iframe mode.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { assert, colours } from './helpers.mjs';

const step = (page, id) => page.evaluate((id) => document.getElementById(id).state().runs[0].step, id);

async function demosReady(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('saddle-scope')].every((e) => e.demo), null, { timeout: 20000 });
}

export const tests = [
  {
    name: 'embed.html: three demos render, advance independently, start only in view, free memory when removed',
    async run({ open, artifacts }) {
      const page = await open('/www/embed.html');
      await demosReady(page);
      await page.waitForTimeout(400);
      for (const id of ['demo-pgd', 'demo-newton', 'demo-relu']) {
        assert.ok(await colours(page, `#${id} >>> .view canvas`) > 50, `${id}: blank view`);
      }
      // The first demo is in view and autoplays; the third is far below and waits.
      await page.waitForFunction(() => document.getElementById('demo-pgd').state().runs[0].step > 10);
      assert.equal(await step(page, 'demo-relu'), 0, 'off-screen demo started');
      await page.locator('#demo-relu').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.getElementById('demo-relu').state().runs[0].step > 10);
      // Scrolled away, the first pauses.
      const s1 = await step(page, 'demo-pgd');
      await page.waitForTimeout(300);
      assert.equal(await step(page, 'demo-pgd'), s1, 'off-screen demo kept playing');
      // Independent states.
      const states = await page.evaluate(() => [...document.querySelectorAll('saddle-scope')].map((e) => e.state()));
      assert.notDeepEqual(states[0].runs[0].point, states[1].runs[0].point);
      assert.notEqual(states[0].landscape, states[2].landscape);
      await page.evaluate(() => document.getElementById('demo-newton').advance(7));
      // Changing an attribute updates the demo live.
      await page.evaluate(() => { const s = document.getElementById('beta'); s.value = '20'; s.dispatchEvent(new Event('input')); });
      assert.match(await page.evaluate(() => document.getElementById('demo-relu').scenario()), /beta=20/);
      await page.screenshot({ path: path.join(artifacts, 'embed.png'), fullPage: true });
      // Removing an element stops it and frees its wasm memory.
      const freed = await page.evaluate(() => {
        const el = document.getElementById('demo-newton');
        const scope = el.demo.scope;
        el.remove();
        return { ptr: scope.__wbg_ptr, demo: el.demo };
      });
      assert.equal(freed.ptr, 0, 'wasm object not freed');
      assert.equal(freed.demo, null);
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'a <saddle-scope> with a bad attribute shows its message while the others run',
    async run({ open }) {
      const page = await open('/www/embed.html');
      await demosReady(page);
      await page.evaluate(() => {
        const el = document.createElement('saddle-scope');
        el.id = 'bad';
        el.setAttribute('landscape', 'saddle');
        el.setAttribute('b', 'banana');
        document.querySelector('article').prepend(el);
      });
      await page.waitForFunction(() => { const b = document.querySelector('#bad'); const e = b && b.shadowRoot && b.shadowRoot.querySelector('.errors'); return e && !e.hidden; });
      assert.match(await page.locator('#bad .errors').textContent(), /b=banana/);
      // A bad live attribute keeps the last good state.
      const before = await page.evaluate(() => document.getElementById('demo-pgd').scenario());
      await page.evaluate(() => document.getElementById('demo-pgd').setAttribute('lr', '-2'));
      assert.match(await page.locator('#demo-pgd .errors').textContent(), /lr/);
      assert.equal(await page.evaluate(() => document.getElementById('demo-pgd').scenario()), before);
      const s = await page.evaluate(() => document.getElementById('demo-relu').advance(30).runs[0].step);
      assert.ok(s >= 30);
      assert.equal(page.problems.filter((p) => !p.startsWith('console error')).length, 0, page.problems.join('\n'));
      await page.closeAll();
    },
  },
  {
    name: 'iframe mode (#…&embed=1) shows the demo alone; transfer size of a one-element page',
    async run({ open, root, artifacts }) {
      const page = await open('/index.html#landscape=saddle&opt=gd,pgd&seed=1&embed=1&hide=seed,optimizers,knobs');
      await page.waitForFunction(() => document.body.dataset.ready === 'true');
      assert.equal(await page.locator('header.top').isVisible(), false);
      assert.equal(await page.locator('#about').isVisible(), false);
      // The controls that `hide` leaves stay; the hidden ones go.
      assert.equal(await page.locator('#play').isVisible(), true);
      assert.equal(await page.locator('#lr').isVisible(), true);
      for (const id of ['#seed', '#optimizers', '#knobs']) assert.equal(await page.locator(id).isVisible(), false, id);
      assert.ok(await colours(page, '#bg') > 50);
      // Everything hidden: the demo alone.
      await page.evaluate(() => window.saddlescope.set('hide', 'landscape,knobs,optimizers,lr,noise,seed,speed,view,playback,panels'));
      assert.equal(await page.locator('#play').isVisible(), false);
      assert.equal(await page.locator('#lr').isVisible(), false);
      assert.equal(await page.locator('#hessian').isVisible(), false);
      assert.equal(await page.locator('#controls').isVisible(), false, 'an empty sidebar stays visible');
      assert.ok(await colours(page, '#bg') > 50);
      await page.screenshot({ path: path.join(artifacts, 'iframe-mode.png') });
      page.check();
      await page.closeAll();
      // What a page with one element downloads: the element, its demo module, the glue and the wasm.
      const files = ['www/saddle-scope.js', 'www/demo.js', 'pkg/saddlescope.js', 'pkg/saddlescope_bg.wasm', 'www/style.css'];
      let raw = 0;
      let gz = 0;
      for (const f of files) {
        const b = fs.readFileSync(path.join(root, f));
        raw += b.length;
        gz += zlib.gzipSync(b, { level: 9 }).length;
      }
      const report = { files, raw_bytes: raw, gzip_bytes: gz };
      fs.writeFileSync(path.join(artifacts, 'transfer.json'), JSON.stringify(report, null, 2));
      console.log(`     one-element page transfer: ${raw} bytes raw, ${gz} bytes gzip`);
      assert.ok(gz < 600_000);
    },
  },
  {
    name: 'a page whose wasm fails to load shows a readable error',
    async run({ base, open }) {
      const page = await open('/', { allowErrors: true });
      await page.route('**/*.wasm', (r) => r.abort());
      await page.reload();
      await page.waitForFunction(() => !document.getElementById('error').hidden);
      assert.match(await page.locator('#error').textContent(), /WebAssembly module failed to load/);
      await page.closeAll();
      void base;
    },
  },
];
