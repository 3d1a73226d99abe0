// Shared helpers for page tests.
import assert from 'node:assert/strict';
export { assert };

/** Waits until the playground (or element) says it is ready. */
export async function ready(page) {
  await page.waitForFunction(() => document.body.dataset.ready === 'true' || document.querySelector('.error:not([hidden])'), null, { timeout: 20000 });
}

/** Distinct colours of a canvas (sampled), evaluated in the page; `host >>> inner` pierces a shadow root. */
export async function colours(page, selector) {
  return page.evaluate((sel) => {
    const [h, inner] = sel.split(' >>> ');
    const host = document.querySelector(h);
    const c = inner === undefined ? host : host.shadowRoot.querySelector(inner);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4 * 5) seen.add((d[i] << 24) | (d[i + 1] << 16) | (d[i + 2] << 8) | d[i + 3]);
    return seen.size;
  }, selector);
}

/** A hash of a canvas's pixels. */
export async function pixelHash(page, selector) {
  return page.evaluate((sel) => {
    const c = document.querySelector(sel);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 2166136261;
    for (let i = 0; i < d.length; i += 3) { h ^= d[i]; h = Math.imul(h, 16777619); }
    return h >>> 0;
  }, selector);
}

export const state = (page) => page.evaluate(() => window.saddlescope.state());
