// Exports of a live demo: figures (PNG from one canvas at 1×, 2× or 4×; SVG, true vector, the same
// bytes as `saddlescope figure`), the records (CSV with the CLI's header, JSON), animations of the
// race from step 0 (WebM through MediaRecorder on a canvas stream; GIF encoded frame by frame in
// the worker pool), the <saddle-scope> embed snippet with a poster as its fallback content, and an
// auto-resizing iframe snippet. The drawing is wasm's (the view plan); this file only moves bytes.
import { Scope, prepareSpec, gifHeader } from '../pkg/saddlescope.js';
import { Cancelled, OneJob, sharedPool } from './pool.js';
import { facts } from './facts.js';

/** Figure size in CSS pixels (the CLI's default, so the page's SVG equals `saddlescope figure`),
 * and the PNG scales: from the catalogue. */
const FIGURE = { get width() { return facts().figure.width; }, get height() { return facts().figure.height; } };
/** The file name the embed snippet gives its poster. */
export const POSTER = 'saddlescope-poster.png';

const ms = (t0) => Math.round(performance.now() - t0);
const sleep = (t) => new Promise((r) => { setTimeout(r, t); });
const canvas = (w, h) => { const c = document.createElement('canvas'); c.width = w; c.height = h; return c; };

/** A PNG of the figure at `scale` device pixels per CSS pixel: `FIGURE` × scale pixels. */
export function pngBlob(scope, { scale = 1, width = FIGURE.width, height = FIGURE.height } = {}) {
  const c = canvas(Math.round(width * scale), Math.round(height * scale));
  scope.drawFigure(c, scale);
  return new Promise((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas gave no PNG'))), 'image/png'));
}

export function svgBlob(scope, { width = FIGURE.width, height = FIGURE.height } = {}) {
  return new Blob([scope.svg(width, height)], { type: 'image/svg+xml' });
}
export const csvBlob = (scope) => new Blob([scope.recordsCsv()], { type: 'text/csv' });
export const jsonBlob = (scope) => new Blob([scope.recordsJson()], { type: 'application/json' });

/** The furthest step any run of a demo has reached. */
const reached = (scope) => Math.max(0, ...JSON.parse(scope.state()).runs.map((r) => r.step));

/** Steps per frame that show `steps` steps in about `seconds` at `fps`. */
export function autoStepsPerFrame(steps, fps, seconds = 6) {
  return Math.max(1, Math.ceil(steps / Math.max(1, fps * seconds)));
}

/** A fresh Scope of `text` from step 0 (prepared in the pool when its landscape is costly). */
async function replay(text) {
  const spec = prepareSpec(text);
  const c = [canvas(1, 1), canvas(1, 1)];
  if (!spec) return new Scope(text, c[0], c[1], undefined, undefined, undefined);
  const job = new OneJob(spec);
  await sharedPool().run(job, () => {}, { priority: 5, kind: 'prepare' });
  return new Scope(spec.split('\n')[1], c[0], c[1], undefined, undefined, job.data);
}

/** The steps of the frames of an animation from 0 to `last`, `spf` apart (the last one `last`). */
function frameSteps(last, spf) {
  const out = [];
  for (let t = 0; t < last; t += spf) out.push(t);
  out.push(last);
  return out;
}

/**
 * A WebM of the race from step 0 to where `scope` stands, `fps` frames a second, `spf` steps a
 * frame, recorded in real time from a canvas stream. `onProgress(done, total)`; `signal` cancels.
 */
export async function webmBlob(scope, { fps = 30, spf, width = FIGURE.width, height = FIGURE.height, onProgress = () => {}, signal } = {}) {
  if (typeof MediaRecorder === 'undefined') throw new Error('this browser cannot record video (no MediaRecorder)');
  const last = reached(scope);
  const steps = frameSteps(last, spf || autoStepsPerFrame(last, fps));
  const r = await replay(scope.scenario());
  const c = canvas(width, height);
  try {
    r.drawFigure(c, 1);
    const stream = c.captureStream(0);
    const track = stream.getVideoTracks()[0];
    const mime = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((m) => MediaRecorder.isTypeSupported(m));
    const rec = new MediaRecorder(stream, mime ? { mimeType: mime, videoBitsPerSecond: 2_500_000 } : {});
    const chunks = [];
    rec.ondataavailable = (e) => { if (e.data && e.data.size) chunks.push(e.data); };
    const stopped = new Promise((resolve) => { rec.onstop = resolve; });
    rec.start(500);
    const t0 = performance.now();
    let at = 0;
    for (let k = 0; k < steps.length; k++) {
      if (signal && signal.aborted) break;
      r.advance(steps[k] - at);
      at = steps[k];
      r.drawFigure(c, 1);
      if (track.requestFrame) track.requestFrame();
      onProgress(k + 1, steps.length);
      await sleep(Math.max(0, t0 + ((k + 1) * 1000) / fps - performance.now()));
    }
    rec.stop();
    await stopped;
    track.stop();
    if (signal && signal.aborted) throw new Cancelled();
    return new Blob(chunks, { type: 'video/webm' });
  } finally {
    r.free();
  }
}

/** The GIF's frames as the pool's jobs: frame k is encoded against frame k − 1 (only what changed). */
class GifFrames {
  constructor(w, h, delay, total) {
    Object.assign(this, { w, h, delay, total, frames: [], out: new Array(total), count: 0 });
  }
  jobs() { return this.total; }
  ready() { return this.frames.length; }
  spec() { return `gif\n${this.w}\n${this.h}\n${this.delay}`; }
  /** The pixels a chunk needs: its frames, after the previous one when there is one. */
  payload(start, end) {
    const from = Math.max(0, start - 1);
    const size = this.w * this.h * 4;
    const px = new Uint8Array((end - from) * size);
    for (let k = from; k < end; k++) px.set(this.frames[k], (k - from) * size);
    return { pixels: px, previous: start > 0 };
  }
  accept(start, data) {
    const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    let at = 0;
    let k = start;
    while (at < data.length) {
      const n = dv.getUint32(at, true);
      this.out[k] = data.slice(at + 4, at + 4 + n);
      at += 4 + n;
      k++;
      this.count++;
    }
    // A frame is no longer needed once it and the next one are encoded.
    for (let j = 0; j < this.frames.length; j++) if (this.frames[j] && this.out[j] && (j + 1 >= this.total || this.out[j + 1])) this.frames[j] = null;
    return k - start;
  }
  done() { return this.count; }
  pending() { return this.frames.length - this.count; }
}

/**
 * An animated GIF of the race from step 0, `fps` frames a second, `spf` steps a frame, `width`
 * pixels wide (the figure scaled). Frames are drawn here and encoded in the worker pool as they
 * come. `onProgress(done, total)` counts encoded frames; `signal` cancels.
 */
export async function gifBlob(scope, { fps = 10, spf, frames, width = 720, onProgress = () => {}, signal } = {}) {
  const last = reached(scope);
  let steps = frameSteps(last, spf || autoStepsPerFrame(last, fps));
  if (frames) steps = Array.from({ length: frames }, (_, k) => Math.round((k * last) / Math.max(1, frames - 1)));
  const scale = width / FIGURE.width;
  const [w, h] = [Math.round(FIGURE.width * scale), Math.round(FIGURE.height * scale)];
  const r = await replay(scope.scenario());
  const c = canvas(w, h);
  const ctx = c.getContext('2d', { willReadFrequently: true });
  const job = new GifFrames(w, h, Math.max(2, Math.round(100 / fps)), steps.length);
  const pool = sharedPool();
  const run = pool.run(job, onProgress, { kind: 'gif' });
  // Cancelled while frames are still being drawn: the rejection is awaited below.
  run.catch(() => {});
  const abort = () => run.cancel();
  if (signal) signal.addEventListener('abort', abort);
  try {
    let at = 0;
    for (const t of steps) {
      if (signal && signal.aborted) break;
      r.advance(t - at);
      at = t;
      r.drawFigure(c, scale);
      job.frames.push(new Uint8Array(ctx.getImageData(0, 0, w, h).data.buffer));
      pool.dispatch();
      // Keep the page answering, and the frames waiting for the pool few.
      do { await sleep(0); } while (job.pending() > 8 && !(signal && signal.aborted));
    }
    await run;
  } finally {
    if (signal) signal.removeEventListener('abort', abort);
    r.free();
  }
  return new Blob([gifHeader(w, h), ...job.out, new Uint8Array([0x3b])], { type: 'image/gif' });
}

const esc = (v) => String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The embed snippets of `scope`: the <saddle-scope> element with every non-default key as an
 * attribute and the poster inside it (what readers without scripts or WebAssembly see), and an
 * iframe of the playground that resizes to its content.
 */
export function embedCode(scope, { poster = POSTER, width = FIGURE.width, height = FIGURE.height } = {}) {
  const attrs = JSON.parse(scope.embedAttributes());
  // HTML lower-cases attribute names; the element reads `l` as `L`.
  const a = attrs.map(([k, v]) => `${k.toLowerCase()}="${esc(v)}"`).join(' ');
  const script = new URL('./saddle-scope.js', import.meta.url).href;
  const page = new URL('../index.html', import.meta.url).href;
  const alt = `saddlescope: ${scope.figureCaption()}`;
  const element = `<script type="module" src="${esc(script)}"></script>\n<saddle-scope ${a} autoplay controls="playback">\n  <img src="${esc(poster)}" width="${width}" height="${height}" alt="${esc(alt)}">\n</saddle-scope>`;
  const listener = "addEventListener('message',function(e){var d=e.data;if(!d||d.type!=='saddlescope:height'||typeof d.height!=='number')return;document.querySelectorAll('iframe[data-saddlescope]').forEach(function(f){if(f.contentWindow===e.source)f.height=String(Math.ceil(d.height));});});";
  const iframe = `<iframe data-saddlescope src="${esc(`${page}#${scope.scenario()}&embed=1`)}" title="${esc(alt)}" width="100%" height="640" loading="lazy"></iframe>\n<script>${listener}</script>`;
  return { element, iframe };
}

/** In an iframe (`embed=1`), tells the parent page how tall the content is (the snippet listens). */
export function reportFrameHeight() {
  if (window.parent === window) return;
  const send = () => window.parent.postMessage({ type: 'saddlescope:height', height: Math.ceil(document.documentElement.scrollHeight) }, '*');
  new ResizeObserver(send).observe(document.body);
  send();
}

/** Bytes of a blob as base64 (for tests and copying). */
export async function base64(blob) {
  const b = new Uint8Array(await blob.arrayBuffer());
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode.apply(null, b.subarray(i, i + 0x8000));
  return btoa(s);
}

const kb = (n) => (n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(2)} MB`);

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function download(blob, name) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/**
 * The export controls, appended to `box`, for the demo `getDemo()` returns. Every export shows its
 * size and time first; Save downloads it. Returns the programmatic API (also used by tests):
 * { png(scale), svg(), csv(), json(), webm(opts), gif(opts), embed(), last }.
 */
export function installExport(box, getDemo, { onError = () => {} } = {}) {
  const scope = () => getDemo().scope;
  const fs = el('fieldset', { class: 'export', id: 'export' });
  fs.append(el('legend', {}, 'Export'));
  const scaleSel = el('select', { id: 'export-scale', 'aria-label': 'PNG pixel density' });
  for (const s of facts().figure.png_scales) scaleSel.append(el('option', { value: String(s) }, `${s}×`));
  const b = (id, text, title) => el('button', { type: 'button', id: `export-${id}`, title }, text);
  const row1 = el('div', { class: 'buttons' });
  row1.append(scaleSel, b('png', 'PNG', 'The view and panels as a PNG, with a caption'), b('svg', 'SVG', 'True vector: bands and smooth contours, text as text'),
    b('csv', 'CSV', 'Every record of every run, the columns of saddlescope run'), b('json', 'JSON', 'Every record of every run'));
  const fps = el('input', { id: 'export-fps', type: 'text', inputmode: 'numeric', value: '30', 'aria-label': 'frames per second', size: '3' });
  const spf = el('input', { id: 'export-spf', type: 'text', inputmode: 'numeric', value: '', placeholder: 'auto', 'aria-label': 'steps per frame', size: '4' });
  const row2 = el('div', { class: 'export-anim' });
  row2.append(el('label', { for: 'export-fps' }, 'fps'), fps, el('label', { for: 'export-spf' }, 'steps/frame'), spf,
    b('webm', 'WebM', 'The race from step 0 to now, as video'), b('gif', 'GIF', 'The race from step 0 to now, as an animated GIF'));
  const bar = el('div', { class: 'lab-bar' });
  const progress = el('progress', { id: 'export-progress', max: '1', value: '0', 'aria-label': 'export progress' });
  const cancel = b('cancel', 'Cancel');
  progress.hidden = true;
  cancel.hidden = true;
  bar.append(progress, cancel);
  const status = el('p', { class: 'readout', id: 'export-status', 'aria-live': 'polite' });
  const save = b('save', 'Save');
  save.hidden = true;
  const saveRow = el('div', { class: 'buttons' });
  saveRow.append(save);
  const row3 = el('div', { class: 'buttons' });
  row3.append(b('embed', 'Copy embed code', 'The <saddle-scope> and iframe snippets, with a poster for readers without scripts'), b('poster', 'Poster (PNG)', 'The PNG the embed snippet shows without scripts'));
  const code = el('textarea', { id: 'export-code', rows: '8', readonly: '', spellcheck: 'false', 'aria-label': 'embed code' });
  code.hidden = true;
  fs.append(row1, row2, bar, status, saveRow, row3, code);
  // Not a direct fieldset of the sidebar: the sidebar hides itself when all of those are hidden.
  const wrap = el('div', { class: 'export-box' });
  wrap.append(fs);
  box.append(wrap);

  const api = { last: null, base64 };
  let controller = null;
  const offer = (kind, blob, name, t0) => {
    api.last = { kind, blob, name, size: blob.size, ms: ms(t0) };
    status.textContent = `${kind}: ${kb(blob.size)} in ${api.last.ms} ms`;
    save.textContent = `Save ${name} (${kb(blob.size)})`;
    save.hidden = false;
    save.onclick = () => download(blob, name);
    return api.last;
  };
  const stem = () => `saddlescope-${JSON.parse(scope().state()).landscape}`;
  api.png = async (scale = Number(scaleSel.value) || 1) => { const t0 = performance.now(); return offer(`PNG ${scale}×`, await pngBlob(scope(), { scale }), `${stem()}@${scale}x.png`, t0); };
  api.svg = async () => { const t0 = performance.now(); return offer('SVG', svgBlob(scope()), `${stem()}.svg`, t0); };
  api.csv = async () => { const t0 = performance.now(); return offer('CSV', csvBlob(scope()), `${stem()}.csv`, t0); };
  api.json = async () => { const t0 = performance.now(); return offer('JSON', jsonBlob(scope()), `${stem()}.json`, t0); };
  api.poster = async () => { const t0 = performance.now(); return offer('poster', await pngBlob(scope(), { scale: 1 }), POSTER, t0); };
  const animate = async (kind, make, opts) => {
    if (controller) controller.abort();
    const mine = new AbortController();
    controller = mine;
    progress.hidden = false;
    cancel.hidden = false;
    progress.value = 0;
    const t0 = performance.now();
    try {
      const blob = await make(scope(), { ...opts, signal: mine.signal, onProgress: (d, n) => { progress.value = d / n; status.textContent = `${kind}: frame ${d} of ${n}…`; } });
      return offer(kind, blob, `${stem()}.${kind.toLowerCase()}`, t0);
    } catch (e) {
      status.textContent = e instanceof Cancelled ? `${kind}: cancelled` : '';
      throw e;
    } finally {
      if (controller === mine) { controller = null; progress.hidden = true; cancel.hidden = true; }
    }
  };
  const animOpts = (o) => ({ fps: Number(fps.value) || undefined, spf: Number(spf.value) || undefined, ...o });
  api.webm = (o = {}) => animate('WebM', webmBlob, animOpts(o));
  api.gif = (o = {}) => animate('GIF', gifBlob, animOpts({ fps: Number(fps.value) ? Math.min(25, Number(fps.value)) : 10, ...o }));
  api.embed = async () => {
    const snip = embedCode(scope());
    code.value = `<!-- The element (put ${POSTER}, from "Poster (PNG)", next to your page) -->\n${snip.element}\n\n<!-- Or an iframe that resizes to its content -->\n${snip.iframe}\n`;
    code.hidden = false;
    try { await navigator.clipboard.writeText(code.value); status.textContent = 'Embed code copied (also below)'; } catch { status.textContent = 'Embed code below (the clipboard was not available)'; }
    return snip;
  };
  cancel.addEventListener('click', () => { if (controller) controller.abort(); });
  const wire = (id, f) => fs.querySelector(`#export-${id}`).addEventListener('click', () => { f().catch((e) => { if (!(e instanceof Cancelled)) onError(e && e.message ? e.message : String(e)); }); });
  wire('png', () => api.png());
  wire('svg', api.svg);
  wire('csv', api.csv);
  wire('json', api.json);
  wire('webm', () => api.webm());
  wire('gif', () => api.gif());
  wire('embed', api.embed);
  wire('poster', api.poster);
  return api;
}
