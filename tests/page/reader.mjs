// The reader's experience (issue #11): an element that respects its host page, controls that show
// the scenario's values, honest statuses, the keyboard, the iframe's height, the phone.
import fs from 'node:fs';
import path from 'node:path';
import { assert, ready, pixelHash } from './helpers.mjs';

/** A throwaway page under www/ (served by the test server), removed after the test. */
function hostPage(root, name, body, css) {
  const html = path.join(root, 'www', `${name}.html`);
  const style = path.join(root, 'www', `${name}.css`);
  fs.writeFileSync(style, css);
  fs.writeFileSync(html, `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${name}</title>
<link rel="stylesheet" href="${name}.css"><link rel="icon" href="favicon.svg" type="image/svg+xml">
<script type="module" src="saddle-scope.js"></script></head><body>${body}</body></html>`);
  return { url: `/www/${name}.html`, remove: () => { fs.rmSync(html, { force: true }); fs.rmSync(style, { force: true }); } };
}

export const tests = [
  {
    name: 'reader: a dark blog keeps its own colours after the element loads; the element follows theme=dark',
    async run({ open, root, artifacts }) {
      const host = hostPage(root, 'test-dark-host', `<article><h1>A dark post</h1><p id="text">Body text of the post.</p>
<saddle-scope id="demo" landscape="saddle" opt="gd,pgd" seed="1" theme="dark" title="a demo" aria-label="demo" tabindex="0" data-x="1"></saddle-scope>
<p>After the demo.</p></article>`, 'body { background: #111; color: #eee; font-family: Georgia, serif; } article { max-width: 720px; margin: 2rem auto; }');
      try {
        const page = await open(host.url);
        const before = await page.evaluate(() => { const s = getComputedStyle(document.body); return [s.backgroundColor, s.color, s.fontFamily, s.margin]; });
        await page.waitForFunction(() => { const e = document.getElementById('demo'); return e && e.demo; }, null, { timeout: 20000 });
        await page.evaluate(() => document.getElementById('demo').advance(100));
        await page.waitForTimeout(200);
        const after = await page.evaluate(() => { const s = getComputedStyle(document.body); return [s.backgroundColor, s.color, s.fontFamily, s.margin]; });
        assert.deepEqual(after, before, 'the host page kept its body colours, font and margin');
        assert.deepEqual(after.slice(0, 2), ['rgb(17, 17, 17)', 'rgb(238, 238, 238)']);
        // Standard attributes (title, aria-label, tabindex, data-*) are the host's, not scenario keys.
        const errors = await page.evaluate(() => { const l = document.getElementById('demo').shadowRoot.querySelector('.errors'); return l.hidden ? '' : l.textContent; });
        assert.equal(errors, '', errors);
        // theme="dark": the element's frame is dark.
        const frame = await page.evaluate(() => getComputedStyle(document.getElementById('demo').shadowRoot.querySelector('.frame')).backgroundColor);
        assert.equal(frame, 'rgb(22, 24, 29)');
        await page.screenshot({ path: path.join(artifacts, 'reader-dark-host.png'), fullPage: true });
        page.check();
        await page.closeAll();
      } finally {
        host.remove();
      }
    },
  },
  {
    name: 'reader: on a phone (3 device pixels per CSS pixel) a plain element loads every time, its canvases the size they show',
    async run({ open, root }) {
      // The element used to build its demo before its stylesheet applied; its canvases then grew
      // with every resize until the wasm ran out of memory (at random, a few loads in ten).
      const host = hostPage(root, 'test-phone-host', '<p>Before.</p><saddle-scope id="demo" landscape="saddle"></saddle-scope><p>After.</p>', 'body { margin: 0 1rem; }');
      try {
        // Records the widest canvas any script asked for.
        const watch = (page) => page.addInitScript(() => {
          window.__widest = 0;
          const d = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, 'width');
          Object.defineProperty(HTMLCanvasElement.prototype, 'width', { get() { return d.get.call(this); }, set(v) { if (v > window.__widest) { window.__widest = v; window.__who = this.getBoundingClientRect().width; } d.set.call(this, v); }, configurable: true });
        });
        const page = await open(host.url, { viewport: { width: 390, height: 844 }, touch: true, before: watch });
        for (let load = 0; load < 4; load++) {
          if (load > 0) await page.reload();
          await page.waitForFunction(() => { const e = document.getElementById('demo'); return e && e.demo; }, null, { timeout: 20000 });
          await page.waitForTimeout(300);
          const sizes = await page.evaluate(() => [...document.getElementById('demo').shadowRoot.querySelectorAll('canvas')]
            .filter((c) => c.getBoundingClientRect().width > 0)
            .map((c) => { const r = c.getBoundingClientRect(); return [c.width, Math.round(r.width * devicePixelRatio), c.height, Math.round(r.height * devicePixelRatio)]; }));
          assert.ok(sizes.length > 0, 'the element shows canvases');
          for (const [w, cw, h, ch] of sizes) {
            assert.ok(Math.abs(w - cw) <= 1 && Math.abs(h - ch) <= 1, `load ${load + 1}: a canvas of ${w}×${h} shown at ${cw}×${ch} device pixels`);
          }
          const widest = await page.evaluate(() => window.__widest);
          assert.ok(widest <= 390 * 3, `load ${load + 1}: a canvas ${widest} device pixels wide on a 1170-pixel screen (shown ${await page.evaluate(() => window.__who)} CSS pixels wide)`);
          const errors = await page.evaluate(() => { const l = document.getElementById('demo').shadowRoot.querySelector('.errors'); return l.hidden ? '' : l.textContent; });
          assert.equal(errors, '', `load ${load + 1}: ${errors}`);
        }
        page.check();
        await page.closeAll();
      } finally {
        host.remove();
      }
    },
  },
  {
    name: 'reader: an iframe 600 or 640 px wide shows the view and both panels without sideways scrolling',
    async run({ open, artifacts }) {
      for (const width of [600, 640]) {
        const page = await open('/#landscape=saddle&opt=gd,pgd&embed=1', { viewport: { width, height: 560 } });
        await ready(page);
        await page.waitForTimeout(200);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.equal(wide, width, `the page is ${wide}px wide in a ${width}px frame`);
        for (const id of ['hessian', 'loss']) {
          const b = await page.locator(`#${id}`).boundingBox();
          assert.ok(b && b.x >= 0 && b.x + b.width <= width && b.width >= 150, `#${id} at ${JSON.stringify(b)}`);
        }
        if (width === 600) await page.screenshot({ path: path.join(artifacts, 'reader-iframe-600.png') });
        page.check();
        await page.closeAll();
      }
    },
  },
  {
    name: 'reader: Space on an element\'s view pauses and plays it, and its button says so',
    async run({ open }) {
      const page = await open('/www/embed.html');
      await page.waitForFunction(() => { const e = document.getElementById('demo-pgd'); return e && e.demo && e.demo.playing; }, null, { timeout: 20000 });
      const button = () => page.evaluate(() => { const b = [...document.getElementById('demo-pgd').shadowRoot.querySelectorAll('button')].find((x) => /^(Play|Pause)$/.test(x.textContent)); return [b.textContent, b.getAttribute('aria-pressed')]; });
      assert.deepEqual(await button(), ['Pause', 'true']);
      await page.evaluate(() => document.getElementById('demo-pgd').shadowRoot.querySelector('.view').focus());
      await page.keyboard.press(' ');
      await page.waitForFunction(() => !document.getElementById('demo-pgd').demo.playing);
      assert.deepEqual(await button(), ['Play', 'false'], 'paused by Space: the button offers Play');
      await page.keyboard.press(' ');
      await page.waitForFunction(() => document.getElementById('demo-pgd').demo.playing);
      assert.deepEqual(await button(), ['Pause', 'true']);
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'reader: after a hash edit the controls show the new b, d and pgd.r',
    async run({ open }) {
      const page = await open('/#landscape=saddle&opt=gd,pgd&seed=1');
      await ready(page);
      await page.evaluate(() => { location.hash = 'landscape=saddle&b=0.3&opt=gd,pgd&pgd.r=0.5&seed=1'; });
      await page.waitForFunction(() => /b=0\.3/.test(window.saddlescope.scenario()));
      await page.waitForTimeout(100);
      const b = await page.evaluate(() => document.querySelector('#knobs input[type=text][aria-label="b value"]').value);
      assert.equal(b, '0.3');
      const r = await page.evaluate(() => document.querySelector('#opt-params input[aria-label="r value"]').value);
      assert.equal(r, '0.5');
      await page.evaluate(() => { location.hash = 'landscape=saddle3&d=256&opt=gd,pgd&seed=1'; });
      await page.waitForFunction(() => /d=256/.test(window.saddlescope.scenario()), null, { timeout: 20000 });
      await page.waitForTimeout(100);
      assert.equal(await page.evaluate(() => document.querySelector('#knobs input[aria-label="d value"]').value), '256');
      // The same landscape and race, another value: the field follows too.
      await page.evaluate(() => window.saddlescope.set('d', '64'));
      await page.waitForFunction(() => /d=64/.test(window.saddlescope.scenario()));
      assert.equal(await page.evaluate(() => document.querySelector('#knobs input[aria-label="d value"]').value), '64');
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'reader: on linear3, GD and saddle-free Newton at the minimum do not say "saddle"',
    async run({ open }) {
      const page = await open('/#landscape=linear3&opt=gd,sfn&seed=1');
      await ready(page);
      const st = await page.evaluate(() => window.saddlescope.advance(3000));
      for (const r of st.runs) {
        assert.equal(r.status, 'converged', `${r.optimizer}: ${r.status} ${r.reason}`);
        assert.ok(!/saddle/.test(r.reason) && !/saddle/.test(r.readout), `${r.optimizer}: ${r.reason} | ${r.readout}`);
        assert.match(r.reason, /degenerate minimum/);
      }
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'reader: Space on a focused Reset resets and does not toggle Play; Space on the view plays; sliders have aria-valuetext',
    async run({ open }) {
      const page = await open('/#landscape=saddle&opt=gd,pgd&seed=1');
      await ready(page);
      await page.evaluate(() => window.saddlescope.advance(40));
      await page.focus('#reset');
      await page.keyboard.press(' ');
      await page.waitForTimeout(150);
      const st = await page.evaluate(() => window.saddlescope.state());
      assert.equal(st.runs[0].step, 0, 'Reset reset');
      assert.equal(await page.locator('#play').textContent(), 'Play', 'Play was not toggled');
      // Every range input says its value in words.
      const missing = await page.evaluate(() => [...document.querySelectorAll('input[type=range]')].filter((r) => {
        const t = r.getAttribute('aria-valuetext') || '';
        return !/\d/.test(t);
      }).map((r) => r.id || r.closest('.row')?.textContent));
      assert.deepEqual(missing, []);
      const lr = await page.evaluate(() => document.getElementById('lr').getAttribute('aria-valuetext'));
      const lrValue = await page.evaluate(() => document.getElementById('lr-num').value);
      assert.ok(lr.includes(lrValue), `${lr} should contain ${lrValue}`);
      // Click the view (a start there), then Space plays and Space again pauses; the page does not scroll.
      const view = await page.locator('#fg').boundingBox();
      await page.mouse.click(view.x + view.width * 0.3, view.y + view.height * 0.4);
      const scrollY = await page.evaluate(() => window.scrollY);
      await page.keyboard.press(' ');
      await page.waitForFunction(() => document.getElementById('play').textContent === 'Pause', null, { timeout: 2000 });
      await page.keyboard.press(' ');
      await page.waitForFunction(() => document.getElementById('play').textContent === 'Play', null, { timeout: 2000 });
      assert.equal(await page.evaluate(() => window.scrollY), scrollY, 'Space did not scroll the page');
      // The arrows take the cursor from the clicked point (the first press shows it), Enter starts there.
      const clicked = /start=([^&]+)/.exec(await page.evaluate(() => window.saddlescope.scenario()))[1].split(',').map(Number);
      assert.equal(await page.locator('#view .cursor').isVisible(), false, 'no ring after a click');
      await page.keyboard.press('ArrowLeft');
      assert.equal(await page.locator('#view .cursor').isVisible(), true, 'the first arrow shows the ring');
      for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Enter');
      await page.waitForFunction((x) => Number(/start=([^,&]+)/.exec(window.saddlescope.scenario())[1]) < x - 0.05, clicked[0]);
      const moved = /start=([^&]+)/.exec(await page.evaluate(() => window.saddlescope.scenario()))[1].split(',').map(Number);
      assert.ok(Math.abs(moved[1] - clicked[1]) < 0.02, `Enter started at ${moved}, left of the click at ${clicked}`);
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'reader: an autoplaying element\'s button reads Pause',
    async run({ open }) {
      const page = await open('/www/embed.html');
      await page.waitForFunction(() => { const e = document.getElementById('demo-pgd'); return e && e.demo && e.demo.playing; }, null, { timeout: 20000 });
      const label = await page.evaluate(() => document.getElementById('demo-pgd').shadowRoot.querySelector('.controls button').textContent);
      assert.equal(label, 'Pause');
      await page.evaluate(() => document.getElementById('demo-pgd').shadowRoot.querySelector('.controls button').click());
      assert.equal(await page.evaluate(() => document.getElementById('demo-pgd').shadowRoot.querySelector('.controls button').textContent), 'Play');
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'reader: the iframe mode posts its height to the parent page, keeps its view square and its runs seeded',
    async run({ open, root }) {
      const host = hostPage(root, 'test-iframe-host', '<iframe id="f" src="../index.html#landscape=saddle&amp;opt=gd,pgd&amp;embed=1" width="900" height="560"></iframe><script type="module" src="test-iframe-host.js"></script>', 'iframe { border: 0; width: 100%; }');
      const js = path.join(root, 'www', 'test-iframe-host.js');
      fs.writeFileSync(js, "window.heights = []; window.addEventListener('message', (e) => { if (e.data && e.data.type === 'saddlescope:height') { window.heights.push(e.data.height); document.getElementById('f').style.height = `${e.data.height}px`; } });");
      try {
        const page = await open(host.url);
        await page.waitForFunction(() => window.heights && window.heights.length > 0, null, { timeout: 20000 });
        const h = await page.evaluate(() => window.heights[window.heights.length - 1]);
        assert.ok(h > 200 && h < 5000, `height ${h}`);
        const frame = page.frame({ url: /index\.html/ });
        const inside = await frame.evaluate(() => { const r = document.getElementById('view').getBoundingClientRect(); return { w: r.width, h: r.height, scenario: window.saddlescope.scenario() }; });
        assert.ok(Math.abs(inside.w - inside.h) <= 1, `the view is ${inside.w}×${inside.h}, not square`);
        assert.match(inside.scenario, /(^|&)seed=1(&|$)/, `a link without seed= gets seed 1 in a frame: ${inside.scenario}`);
        page.check();
        await page.closeAll();
      } finally {
        host.remove();
        fs.rmSync(js, { force: true });
      }
    },
  },
  {
    name: 'reader: on a 390 × 844 phone the Play control is on the first screen',
    async run({ open, artifacts }) {
      const page = await open('/#landscape=saddle&opt=gd,pgd,adam&seed=1', { viewport: { width: 390, height: 844 }, touch: true });
      await ready(page);
      const box = await page.locator('#play').boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= 844, `Play at ${JSON.stringify(box)}`);
      assert.ok(box.height >= 44 && box.width >= 44, `Play is ${box.width}×${box.height}px: a touch target needs 44 px`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone`);
      // A tap sets the start and reads out that point for a moment, then the readout goes.
      const view = await page.locator('#fg').boundingBox();
      await page.touchscreen.tap(view.x + view.width * 0.7, view.y + view.height * 0.35);
      await page.waitForFunction(() => /start=/.test(window.saddlescope.scenario()));
      const start = /start=([^&]+)/.exec(await page.evaluate(() => window.saddlescope.scenario()))[1].split(',').map(Number);
      const probe = await page.locator('#probe').textContent();
      const shown = (probe.match(/-?\d+(\.\d+)?(e-?\d+)?/g) || []).map(Number);
      assert.ok(shown.length >= 2 && Math.abs(shown[0] - start[0]) < 0.05 && Math.abs(shown[1] - start[1]) < 0.05, `readout "${probe}" for the tap at ${start}`);
      await page.waitForFunction(() => document.getElementById('probe').textContent === '', null, { timeout: 5000 });
      await page.screenshot({ path: path.join(artifacts, 'reader-phone.png') });
      // The escape-time plot fits the phone too.
      await page.click('#escape-run');
      await page.waitForFunction(() => /adam/.test(document.getElementById('escape-summary').textContent), null, { timeout: 30000 });
      const wide = await page.evaluate(() => [document.documentElement.scrollWidth, Math.round(document.getElementById('escape').getBoundingClientRect().right)]);
      assert.ok(wide[0] <= 391 && wide[1] <= 390, `after the escape statistics the page is ${wide[0]} px wide, the plot ends at ${wide[1]}`);
      await page.locator('#escape-block').screenshot({ path: path.join(artifacts, 'reader-phone-escape.png') });
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'reader: a rotated and zoomed 3D view goes into the link, and the link shows the same pixels',
    async run({ open, artifacts }) {
      const page = await open('/#landscape=monkey&opt=gd,pgd&seed=1&view=3d', { viewport: { width: 1200, height: 900 } });
      await ready(page);
      const view = await page.locator('#fg').boundingBox();
      const cx = view.x + view.width / 2;
      const cy = view.y + view.height / 2;
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let k = 1; k <= 6; k++) await page.mouse.move(cx + 15 * k, cy + 4 * k);
      await page.mouse.up();
      await page.mouse.wheel(0, -100);
      await page.waitForTimeout(200);
      const hash = await page.evaluate(() => location.hash);
      const m = /[#&]camera=([^&]+)/.exec(hash);
      assert.ok(m, `the link names the camera: ${hash}`);
      const [yaw, pitch, zoom] = m[1].split(',').map(Number);
      assert.ok(Math.abs(yaw - (-40.1)) > 5 && zoom > 1, `rotated and zoomed: ${m[1]}`);
      assert.ok(pitch >= 3 && pitch <= 88, `pitch ${pitch}`);
      const author = await pixelHash(page, '#bg');
      await page.locator('#view').screenshot({ path: path.join(artifacts, 'reader-camera.png') });
      const reader = await open(`/${hash}`, { viewport: { width: 1200, height: 900 } });
      await ready(reader);
      await reader.waitForTimeout(200);
      assert.equal(await reader.evaluate(() => location.hash), hash, 'the link is kept as it was written');
      assert.equal(await pixelHash(reader, '#bg'), author, 'the reader sees the surface the author saw');
      page.check();
      await page.closeAll();
    },
  },
];
