// The `custom` landscape on the playground: typing a function, its examples and knobs.
import path from 'node:path';
import { assert, ready, colours, pixelHash, state } from './helpers.mjs';

const HESSIAN_SERIES = '#hessian ~ canvas.panel-overlay';
const hash = (page) => page.evaluate(() => decodeURIComponent(location.hash));

export const tests = [
  {
    name: 'custom: typing f updates the view, the Hessian panel and the URL; a bad f names its column and keeps the view',
    async run({ open, artifacts }) {
      const page = await open('/#landscape=custom&opt=gd,pgd&seed=1');
      await ready(page);
      assert.equal(await page.locator('#expression-row').isVisible(), true, 'the expression field is shown for custom');
      assert.equal(await page.inputValue('#expression'), 'x^2/2-y^2/2+y^4/4');
      await page.evaluate(() => window.saddlescope.advance(60));
      await page.waitForTimeout(100);
      const before = { view: await pixelHash(page, '#bg'), hessian: await pixelHash(page, HESSIAN_SERIES), lambda: (await state(page)).runs[0].eigenvalues };

      await page.fill('#expression', 'x^3 - 3*x*y^2 + 0.1*(x^2+y^2) + 0.05*(x^2+y^2)^2');
      await page.press('#expression', 'Enter');
      await page.evaluate(() => window.saddlescope.advance(60));
      await page.waitForTimeout(150);
      assert.equal(await page.locator('#error').isHidden(), true, await page.locator('#error').textContent());
      const after = { view: await pixelHash(page, '#bg'), hessian: await pixelHash(page, HESSIAN_SERIES), lambda: (await state(page)).runs[0].eigenvalues };
      assert.notEqual(after.view, before.view, 'the view did not change');
      assert.notEqual(after.hessian, before.hessian, 'the Hessian panel did not change');
      assert.notDeepEqual(after.lambda, before.lambda);
      assert.ok((await hash(page)).includes('f=x^3 - 3*x*y^2 + 0.1*(x^2+y^2) + 0.05*(x^2+y^2)^2'), await hash(page));
      // The URL reproduces the run in a fresh page.
      const url = await page.evaluate(() => location.hash);
      const page2 = await open('/' + url);
      await ready(page2);
      assert.equal(await page2.evaluate(() => window.saddlescope.scenario()), await page.evaluate(() => window.saddlescope.scenario()));
      assert.equal(await page2.inputValue('#expression'), 'x^3 - 3*x*y^2 + 0.1*(x^2+y^2) + 0.05*(x^2+y^2)^2');
      await page2.closeAll();
      await page.screenshot({ path: path.join(artifacts, 'custom-monkey.png') });

      // A bad expression: the message names the column, the last good landscape stays.
      const good = await page.evaluate(() => window.saddlescope.scenario());
      await page.fill('#expression', 'x^^2');
      await page.press('#expression', 'Enter');
      await page.waitForFunction(() => !document.querySelector('#error').hidden);
      assert.match(await page.locator('#error').textContent(), /x\^\^2: unexpected '\^' at column 3/);
      assert.equal(await page.evaluate(() => window.saddlescope.scenario()), good);
      assert.equal(await page.inputValue('#expression'), 'x^^2', 'the field keeps what was typed');
      assert.equal(await page.getAttribute('#expression', 'aria-invalid'), 'true');
      await page.waitForTimeout(100);
      assert.equal(await pixelHash(page, '#bg'), after.view, 'the last good view remains');
      await page.screenshot({ path: path.join(artifacts, 'custom-error.png') });
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'custom: the examples in the landscape menu load, with knobs for their parameters',
    async run({ open, artifacts }) {
      const page = await open('/#landscape=saddle&opt=gd,adam&seed=2');
      await ready(page);
      assert.equal(await page.locator('#expression-row').isHidden(), true, 'no expression field for a built-in landscape');
      const examples = await page.evaluate(() => [...document.querySelectorAll('#landscape optgroup option')].map((o) => [o.value, o.textContent]));
      assert.ok(examples.length >= 3, JSON.stringify(examples));
      const himmelblau = examples.find(([, t]) => /Himmelblau/.test(t));
      await page.selectOption('#landscape', himmelblau[0]);
      await page.waitForFunction(() => /landscape=custom/.test(window.saddlescope.scenario()));
      assert.equal(await page.inputValue('#landscape'), 'custom');
      assert.match(await page.inputValue('#expression'), /\(x\^2\+y-a\)\^2/);
      assert.match(await page.evaluate(() => window.saddlescope.scenario()), /opt=gd,adam/);
      // The parameter a is a knob; moving it keeps its range and changes the landscape live.
      const slider = page.locator('#p-p-a');
      await slider.evaluate((el) => { el.value = '250'; el.dispatchEvent(new Event('input', { bubbles: true })); });
      const h = await hash(page);
      assert.match(h, /p\.a=7\.5:5:15/, h);
      await page.evaluate(() => window.saddlescope.advance(100));
      await page.waitForTimeout(100);
      assert.equal(await page.locator('#error').isHidden(), true, await page.locator('#error').textContent());
      await page.screenshot({ path: path.join(artifacts, 'custom-himmelblau.png') });
      // Every example draws without errors, in 2D and 3D.
      for (const [value] of examples) {
        await page.selectOption('#landscape', value);
        for (const view of ['2d', '3d']) {
          await page.evaluate((v) => window.saddlescope.set('view', v), view);
          await page.evaluate(() => window.saddlescope.advance(30));
          await page.waitForTimeout(50);
          assert.equal(await page.locator('#error').isHidden(), true, `${value} ${view}: ${await page.locator('#error').textContent()}`);
        }
        await page.evaluate(() => window.saddlescope.set('view', '2d'));
      }
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'custom: a <saddle-scope> with an f attribute, and the iframe mode',
    async run({ open }) {
      const page = await open('/www/embed.html');
      await page.waitForFunction(() => [...document.querySelectorAll('saddle-scope')].every((e) => e.demo), null, { timeout: 20000 });
      await page.evaluate(() => {
        const el = document.createElement('saddle-scope');
        el.id = 'typed';
        el.setAttribute('landscape', 'custom');
        el.setAttribute('f', 'x^3 + a*y^2');
        el.setAttribute('p.a', '1:0:2');
        el.setAttribute('opt', 'gd,pgd');
        el.setAttribute('seed', '1');
        document.querySelector('article').prepend(el);
      });
      await page.waitForFunction(() => document.getElementById('typed').demo);
      await page.evaluate(() => document.getElementById('typed').advance(50));
      await page.waitForTimeout(100);
      assert.ok(await colours(page, '#typed >>> .view canvas') > 50, 'blank view');
      const scenario = await page.evaluate(() => document.getElementById('typed').scenario());
      assert.match(decodeURIComponent(scenario), /f=x\^3 \+ a\*y\^2&p\.a=1:0:2/);
      // A bad f attribute: its column, and the last good state.
      await page.evaluate(() => document.getElementById('typed').setAttribute('f', 'x^^2'));
      assert.match(await page.locator('#typed .errors').textContent(), /unexpected '\^' at column 3/);
      assert.equal(await page.evaluate(() => document.getElementById('typed').scenario()), scenario);
      await page.evaluate(() => document.getElementById('typed').setAttribute('f', 'x^2 - y^2'));
      assert.match(decodeURIComponent(await page.evaluate(() => document.getElementById('typed').scenario())), /f=x\^2 - y\^2/);
      assert.equal(page.problems.filter((p) => !p.startsWith('console error')).length, 0, page.problems.join('\n'));
      await page.closeAll();

      const frame = await open('/index.html#landscape=custom&f=(1-x*y)%5E2&opt=gd,pgd&seed=1&embed=1&hide=seed,optimizers');
      await ready(frame);
      assert.equal(await frame.locator('header.top').isVisible(), false);
      assert.equal(await frame.inputValue('#expression'), '(1-x*y)^2');
      assert.ok(await colours(frame, '#bg') > 50);
      frame.check();
      await frame.closeAll();
    },
  },
];
