// Screenshots of every landscape in 2D and 3D, light and dark, at 1400 and 390 px wide, saved to
// artifacts/screens/ for people to look at (issue #11). The test checks what a machine can: each
// view drew something, nothing failed, the page never grew wider than the screen.
import fs from 'node:fs';
import path from 'node:path';
import { assert, ready, colours } from './helpers.mjs';

export const tests = [
  {
    name: 'screenshots: every landscape, 2D and 3D, light and dark, 1400 and 390 px wide',
    async run({ open, artifacts }) {
      const dir = path.join(artifacts, 'screens');
      fs.mkdirSync(dir, { recursive: true });
      for (const [width, height, touch] of [[1400, 1000, false], [390, 844, true]]) {
        const page = await open('/#landscape=saddle&seed=1', { viewport: { width, height }, touch });
        await ready(page);
        const ids = await page.evaluate(() => [...document.querySelectorAll('#landscape > option')].map((o) => o.value));
        // chain beyond 3 dimensions shows the coordinates against step, not a plane.
        ids.push('chain&d=6');
        for (const theme of ['light', 'dark']) {
          await page.evaluate((t) => { if (document.documentElement.dataset.theme !== t) document.getElementById('theme').click(); }, theme);
          for (const id of ids) {
            for (const view of ['2d', '3d']) {
              await page.evaluate(([id, view]) => window.saddlescope.load(`landscape=${id}&opt=gd,pgd,adam&seed=1&view=${view}`), [id, view]);
              await page.waitForFunction(() => document.body.dataset.ready === 'true' && !document.querySelector('.view .busy:not([hidden])'), null, { timeout: 30000 });
              await page.evaluate(() => window.saddlescope.advance(300));
              await page.waitForTimeout(120);
              assert.ok(await colours(page, view === '2d' ? '#bg' : '#fg') > 5, `${id} ${view} ${theme} ${width}: blank`);
              const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
              assert.ok(overflow <= 1, `${id} ${view} ${theme} ${width}: ${overflow}px wider than the screen`);
              const file = path.join(dir, `${id.replace(/[&=]/g, '-')}-${view}-${theme}-${width}.png`);
              if (width > 600) await page.locator('main').screenshot({ path: file });
              else await page.screenshot({ path: file });
            }
          }
        }
        page.check();
        await page.closeAll();
      }
    },
  },
];
