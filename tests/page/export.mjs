// Exports (issue #13): PNG at 1×, 2×, 4×; the SVG (XML, text labels, < 2,000 elements, ≤ 300 KB,
// the same bytes as `saddlescope figure`); CSV and JSON of every record (the CLI's header and rows);
// a 2-second WebM; a 20-frame GIF; the embed snippet in a fresh page (same scenario; the poster
// with scripts off); presentation mode through every built-in scene. Sizes and times of each
// export of the default race go to artifacts/export-report.json.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { assert, ready } from './helpers.mjs';

const DEFAULT_RACE = 'landscape=saddle&opt=gd,pgd,adam&seed=1';

/** The CLI binary (release when built, as the lab tests use, else debug). */
function cli(root) {
  for (const p of ['target/release/saddlescope', 'target/debug/saddlescope']) {
    if (fs.existsSync(path.join(root, p))) return path.join(root, p);
  }
  throw new Error('build the CLI first (cargo build --release --bin saddlescope)');
}

/** Runs an export in the page; returns { kind, size, ms, bytes (Buffer) }. */
async function exported(page, call, arg) {
  const r = await page.evaluate(async ([call, arg]) => {
    const api = window.saddlescope.export;
    const x = await api[call](arg);
    return { kind: x.kind, size: x.size, ms: x.ms, b64: await api.base64(x.blob) };
  }, [call, arg]);
  return { ...r, bytes: Buffer.from(r.b64, 'base64') };
}

const pngSize = (b) => ({ width: b.readUInt32BE(16), height: b.readUInt32BE(20) });

/** Image descriptors of a GIF, walking its blocks (not a byte search). */
function gifFrames(b) {
  assert.equal(b.subarray(0, 6).toString('latin1'), 'GIF89a');
  let at = 13;
  if (b[10] & 0x80) at += 3 * (1 << ((b[10] & 7) + 1));
  const skipBlocks = () => { while (b[at] !== 0) at += b[at] + 1; at += 1; };
  let frames = 0;
  for (;;) {
    const id = b[at];
    if (id === 0x3b) return frames;
    if (id === 0x21) { at += 2; skipBlocks(); continue; }
    assert.equal(id, 0x2c, `unexpected block 0x${id.toString(16)} at ${at}`);
    const packed = b[at + 9];
    at += 10;
    if (packed & 0x80) at += 3 * (1 << ((packed & 7) + 1));
    at += 1;
    skipBlocks();
    frames++;
  }
}

/** Shows a file in a plain chromium page (no CSP: a saved file) and screenshots it. */
async function look(browser, file, shot) {
  const ctx = await browser.newContext({ viewport: { width: 920, height: 620 } });
  const p = await ctx.newPage();
  const url = `file://${file}`;
  const html = `<!doctype html><body style="margin:0"><img id="i" src="${url}"></body>`;
  const tmp = `${file}.html`;
  fs.writeFileSync(tmp, html);
  await p.goto(`file://${tmp}`);
  await p.waitForFunction(() => document.getElementById('i').complete);
  const w = await p.evaluate(() => document.getElementById('i').naturalWidth);
  await p.screenshot({ path: shot });
  await ctx.close();
  fs.unlinkSync(tmp);
  return w;
}

export const tests = [
  {
    name: 'export: PNG at 1×/2×/4×, a vector SVG equal to the CLI figure, CSV and JSON with the CLI\'s rows',
    async run({ open, artifacts, root, browser }) {
      const page = await open(`/#${DEFAULT_RACE}`);
      await ready(page);
      await page.evaluate(() => window.saddlescope.advance(5000));
      const report = {};
      for (const scale of [1, 2, 4]) {
        const r = await exported(page, 'png', scale);
        assert.equal(r.bytes.subarray(1, 4).toString('latin1'), 'PNG');
        assert.deepEqual(pngSize(r.bytes), { width: 900 * scale, height: 600 * scale });
        assert.equal(r.bytes.subarray(-8, -4).toString('latin1'), 'IEND');
        report[`png_${scale}x`] = { bytes: r.size, ms: r.ms };
        fs.writeFileSync(path.join(artifacts, `export-${scale}x.png`), r.bytes);
      }
      const svg = await exported(page, 'svg');
      const text = svg.bytes.toString('utf8');
      report.svg = { bytes: svg.size, ms: svg.ms };
      assert.ok(svg.size <= 300_000, `SVG of ${svg.size} bytes`);
      const parsed = await page.evaluate((t) => {
        const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
        return {
          error: doc.getElementsByTagName('parsererror').length,
          elements: doc.getElementsByTagName('*').length,
          texts: [...doc.getElementsByTagName('text')].map((e) => e.textContent.trim()),
          rects: doc.getElementsByTagName('rect').length,
        };
      }, text);
      assert.equal(parsed.error, 0, 'the SVG does not parse as XML');
      assert.ok(parsed.elements < 2000, `${parsed.elements} elements`);
      assert.ok(parsed.rects < 50, `${parsed.rects} rectangles: the heat map must not be cells`);
      for (const label of ['x', 'y', '-1.0', '1.0']) assert.ok(parsed.texts.includes(label), `no <text> "${label}": ${parsed.texts.join(' | ')}`);
      report.svg.elements = parsed.elements;
      const svgFile = path.join(artifacts, 'export.svg');
      fs.writeFileSync(svgFile, text);
      // The CLI's figure of the same race: the same bytes.
      const cliFile = path.join(artifacts, 'export-cli.svg');
      execFileSync(cli(root), ['figure', await page.evaluate(() => window.saddlescope.scenario()), '--out', cliFile]);
      assert.equal(fs.readFileSync(cliFile, 'utf8'), text, 'the page\'s SVG differs from saddlescope figure');
      assert.equal(await look(browser, svgFile, path.join(artifacts, 'export-svg-rendered.png')), 900);
      // CSV: the header and rows of `saddlescope run` (every step is kept in a race this short).
      const csv = await exported(page, 'csv');
      report.csv = { bytes: csv.size, ms: csv.ms };
      const lines = csv.bytes.toString('utf8').trim().split('\n');
      const cliRun = execFileSync(cli(root), ['run', await page.evaluate(() => window.saddlescope.scenario())]).toString().trim().split('\n');
      assert.equal(lines[1], cliRun[1], 'header');
      assert.equal(lines[1], 'step,optimizer,x1,x2,loss,grad_norm,lambda1,lambda2,index,status,events');
      const rows = lines.slice(2);
      assert.deepEqual(rows, cliRun.slice(2).filter((l) => !l.startsWith('#')), 'rows differ from saddlescope run');
      const json = await exported(page, 'json');
      report.json = { bytes: json.size, ms: json.ms };
      const doc = JSON.parse(json.bytes.toString('utf8'));
      assert.equal(doc.records.length, rows.length, 'one record per CSV row');
      const records = await page.evaluate(() => window.saddlescope.state().runs.reduce((n, r) => n + r.step + 1, 0));
      assert.equal(rows.length, records, 'one row per record');
      report.records = rows.length;
      fs.writeFileSync(path.join(artifacts, 'export-report.json'), JSON.stringify(report, null, 2));
      console.log(`     exports of the default race: ${JSON.stringify(report)}`);
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'export: a 2-second WebM and a 20-frame GIF of the race, with progress and cancel',
    async run({ open, artifacts, browser }) {
      const page = await open(`/#${DEFAULT_RACE}`);
      await ready(page);
      await page.evaluate(() => window.saddlescope.advance(5000));
      const last = await page.evaluate(() => Math.max(...window.saddlescope.state().runs.map((r) => r.step)));
      // 30 fps, 60 frames: 2 seconds.
      const spf = Math.ceil(last / 59);
      const webm = await exported(page, 'webm', { fps: 30, spf });
      assert.ok(webm.size > 0);
      assert.equal(webm.bytes.readUInt32BE(0), 0x1a45dfa3, 'not an EBML (WebM) file');
      assert.ok(webm.ms >= 1800, `recorded in ${webm.ms} ms`);
      fs.writeFileSync(path.join(artifacts, 'export.webm'), webm.bytes);
      const gif = await exported(page, 'gif', { frames: 20 });
      assert.equal(gifFrames(gif.bytes), 20);
      const gifFile = path.join(artifacts, 'export.gif');
      fs.writeFileSync(gifFile, gif.bytes);
      assert.equal(await look(browser, gifFile, path.join(artifacts, 'export-gif-rendered.png')), 720, 'chromium does not decode the GIF');
      // Cancel: a long GIF stops, the page goes on.
      const cancelled = await page.evaluate(async () => {
        const p = window.saddlescope.export.gif({ frames: 400 }).then(() => 'finished', (e) => e.name);
        await new Promise((r) => { setTimeout(r, 300); });
        document.getElementById('export-cancel').click();
        return p;
      });
      assert.equal(cancelled, 'Cancelled');
      assert.equal(await page.locator('#export-progress').isVisible(), false);
      const report = JSON.parse(fs.readFileSync(path.join(artifacts, 'export-report.json'), 'utf8').toString() || '{}');
      Object.assign(report, { webm_2s: { bytes: webm.size, ms: webm.ms }, gif_20_frames: { bytes: gif.size, ms: gif.ms } });
      fs.writeFileSync(path.join(artifacts, 'export-report.json'), JSON.stringify(report, null, 2));
      console.log(`     WebM 2 s: ${webm.size} bytes in ${webm.ms} ms; GIF 20 frames: ${gif.size} bytes in ${gif.ms} ms`);
      page.check();
      await page.closeAll();
    },
  },
  {
    name: 'export: "Copy embed code" gives a snippet that shows the same scenario, and the poster without scripts',
    async run({ open, root, browser, base, artifacts }) {
      const page = await open('/#landscape=saddle&b=0.4&opt=gd,pgd&lr=0.05&seed=7&speed=3&start=1,1e-3');
      await ready(page);
      await page.evaluate(() => window.saddlescope.advance(300));
      await page.click('#export-embed');
      await page.waitForFunction(() => !document.getElementById('export-code').hidden);
      const code = await page.locator('#export-code').inputValue();
      assert.match(code, /<saddle-scope [^>]*b="0.4"/);
      assert.match(code, /<iframe data-saddlescope src="[^"]*embed=1/);
      const { element } = await page.evaluate(() => window.saddlescope.export.embed());
      const poster = await exported(page, 'poster');
      const want = await page.evaluate(() => window.saddlescope.scenario());
      await page.closeAll();
      const dir = path.join(root, 'www', `embed-test-${process.pid}`);
      fs.mkdirSync(dir, { recursive: true });
      try {
        fs.writeFileSync(path.join(dir, 'saddlescope-poster.png'), poster.bytes);
        fs.writeFileSync(path.join(dir, 'post.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A post</title><link rel="icon" href="/www/favicon.svg"></head><body><h1>A post</h1>\n${element}\n</body></html>\n`);
        const url = `/www/embed-test-${process.pid}/post.html`;
        const fresh = await open(url);
        await fresh.waitForFunction(() => { const e = document.querySelector('saddle-scope'); return e && e.demo; }, null, { timeout: 20000 });
        assert.equal(await fresh.evaluate(() => document.querySelector('saddle-scope').scenario()), want);
        // The element's own export methods.
        const blobs = await fresh.evaluate(async () => {
          const e = document.querySelector('saddle-scope');
          const [png, svg, csv, json] = [await e.exportPng(2), await e.exportSvg(), await e.exportCsv(), await e.exportJson()];
          const b = new DataView(await png.arrayBuffer());
          return { w: b.getUint32(16), h: b.getUint32(20), svg: (await svg.text()).startsWith('<svg'), csv: (await csv.text()).split('\n')[1], json: JSON.parse(await json.text()).scenario };
        });
        assert.deepEqual(blobs, { w: 1800, h: 1200, svg: true, csv: 'step,optimizer,x1,x2,loss,grad_norm,lambda1,lambda2,index,status,events', json: want });
        fresh.check();
        await fresh.closeAll();
        // Scripts off: the poster is the element's content.
        const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 800 } });
        const p = await ctx.newPage();
        await p.goto(base + url);
        const img = p.locator('saddle-scope img');
        await img.waitFor();
        assert.equal(await img.isVisible(), true);
        assert.equal(await img.evaluate((i) => i.complete && i.naturalWidth), 900);
        await p.screenshot({ path: path.join(artifacts, 'embed-no-scripts.png') });
        await ctx.close();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'presentation mode: → goes through every built-in scene, each autoplaying, without console errors',
    async run({ open, artifacts, root }) {
      const scenes = JSON.parse(fs.readFileSync(path.join(root, 'www', 'scenes.json'), 'utf8')).scenes;
      assert.ok(scenes.length >= 7 && scenes.length <= 10);
      const page = await open('/#scenes', { viewport: { width: 1280, height: 800 } });
      await page.waitForSelector('#present[data-scene="1"]', { timeout: 20000 });
      for (let k = 1; k <= scenes.length; k++) {
        await page.waitForSelector(`#present[data-scene="${k}"]`, { timeout: 20000 });
        assert.equal(await page.locator('.present-title').textContent(), scenes[k - 1].title);
        assert.equal(await page.locator('.present-count').textContent(), `${k} / ${scenes.length}`);
        // It plays: the view changes over a few frames.
        await page.waitForTimeout(250);
        if (k === 1 || k === scenes.length) await page.screenshot({ path: path.join(artifacts, `present-${k}.png`) });
        if (k < scenes.length) await page.keyboard.press(k % 2 ? 'ArrowRight' : 'PageDown');
      }
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(100);
      assert.equal(await page.locator('#present').getAttribute('data-scene'), String(scenes.length));
      await page.keyboard.press('PageUp');
      await page.waitForSelector(`#present[data-scene="${scenes.length - 1}"]`);
      // The editor: move a scene, copy the link, open it.
      await page.click('#present-edit');
      await page.locator('.present-editor li').first().locator('button[title="move scene 1 down"]').click();
      await page.click('#present-copy');
      const link = await page.locator('.present-link').inputValue();
      assert.match(link, /#scenes=[A-Za-z0-9_-]+$/);
      await page.keyboard.press('Escape');
      page.check();
      await page.closeAll();
      const again = await open(`/${link.split('/').pop()}`);
      await again.waitForSelector('#present[data-scene="1"]', { timeout: 20000 });
      assert.equal(await again.locator('.present-title').textContent(), scenes[1].title, 'the reordered list');
      again.check();
      await again.closeAll();
    },
  },
  {
    name: 'presentation mode on a 390 × 844 phone: one scrolling column, Exit on screen, a square view; the link names the scene',
    async run({ open, artifacts, root }) {
      const scenes = JSON.parse(fs.readFileSync(path.join(root, 'www', 'scenes.json'), 'utf8')).scenes;
      const page = await open('/#scenes&scene=3', { viewport: { width: 390, height: 844 }, touch: true });
      await page.waitForSelector('#present[data-scene="3"]', { timeout: 20000 });
      assert.equal(await page.locator('.present-title').textContent(), scenes[2].title, '&scene=3 opens scene 3');
      await page.waitForTimeout(300);
      const box = (q) => page.locator(q).boundingBox();
      const exit = await box('#present-exit');
      assert.ok(exit.x >= 0 && exit.x + exit.width <= 390 && exit.y + exit.height <= 844, `Exit at ${JSON.stringify(exit)}`);
      const view = await box('.present-view');
      assert.ok(Math.abs(view.width - view.height) <= 1 && view.width >= 300, `the view is ${view.width}×${view.height}`);
      const panel = await box('.present-panel');
      assert.ok(panel.x >= 0 && panel.x + panel.width <= 390 && panel.height >= 200, `the panel at ${JSON.stringify(panel)}`);
      const wide = await page.evaluate(() => [document.documentElement.scrollWidth, document.querySelector('.present').scrollWidth]);
      assert.deepEqual(wide, [390, 390], 'nothing is wider than the phone');
      await page.screenshot({ path: path.join(artifacts, 'present-phone.png') });
      // The link follows the scene shown; Exit leaves for that scene's scenario.
      await page.click('#present-next');
      await page.waitForSelector('#present[data-scene="4"]');
      assert.equal(await page.evaluate(() => location.hash), '#scenes&scene=4');
      await page.click('#present-exit');
      await page.waitForFunction(() => document.body.dataset.ready === 'true' && !document.querySelector('#present'), null, { timeout: 20000 });
      assert.equal(await page.evaluate(() => window.saddlescope.scenario()), (await page.evaluate(() => location.hash)).slice(1));
      assert.match(await page.evaluate(() => window.saddlescope.scenario()), new RegExp(scenes[3].scenario.split('&')[0]));
      // A scene number that is not one is named.
      await page.evaluate(() => { location.hash = 'scenes&scene=x'; });
      await page.waitForFunction(() => !document.querySelector('#error').hidden);
      assert.match(await page.locator('#error').textContent(), /scene/);
      page.check();
      await page.closeAll();
    },
  },
];
