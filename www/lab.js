// A lab figure on a page: the preset's knobs, a progress bar with Cancel, the figure (drawn by wasm
// as results arrive from the worker pool), the claims it tests, and its data table. Used by the
// playground's lab view and by <saddle-scope lab="…">. No math here: the Study in wasm computes.
import { Study, labCatalogue } from '../pkg/saddlescope.js';
import { sharedPool, Cancelled } from './pool.js';
import { message, nextTask } from './demo.js';

const RENDER_EVERY_MS = 250;

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}


let presets = null;
/** The presets and their knobs, from wasm. */
export function labPresets() {
  if (!presets) presets = JSON.parse(labCatalogue());
  return presets;
}

/** Decoded pairs of a link (for reading knob values into the controls). */
function pairsOf(text) {
  const m = new Map();
  for (const seg of text.replace(/^#/, '').split('&')) {
    const i = seg.indexOf('=');
    if (i <= 0) continue;
    try { m.set(decodeURIComponent(seg.slice(0, i)), decodeURIComponent(seg.slice(i + 1))); } catch { /* reported by the parser */ }
  }
  return m;
}

export class LabView {
  /**
   * @param {HTMLElement} root  where the view builds its DOM
   * @param {object} options  { controls: bool, table: bool, onLink(text), onError(msg), workers }
   */
  constructor(root, options = {}) {
    this.root = root;
    this.options = options;
    this.study = null;
    this.text = '';
    this.runToken = 0;
    this.current = null;
    this.state = { preset: null, done: 0, jobs: 0, running: false, finished: false, cancelled: false, error: null, json: null, ms: null };
    this.build();
  }

  build() {
    const o = this.options;
    this.knobsBox = el('div', { class: 'lab-knobs' });
    this.presetSelect = el('select', { 'aria-label': 'lab figure' });
    for (const p of labPresets()) this.presetSelect.append(el('option', { value: p.name }, `${p.title}`));
    this.presetSelect.addEventListener('change', () => this.setText(`lab=${this.presetSelect.value}`));
    const head = el('div', { class: 'lab-head' });
    if (o.controls !== false) {
      const label = el('label', {}, 'figure ');
      label.append(this.presetSelect);
      head.append(label);
    }
    this.runButton = el('button', { type: 'button', class: 'lab-run' }, 'Run again');
    this.runButton.addEventListener('click', () => this.start());
    this.cancelButton = el('button', { type: 'button', class: 'lab-cancel' }, 'Cancel');
    this.cancelButton.addEventListener('click', () => this.cancel());
    this.progress = el('progress', { max: '1', value: '0', 'aria-label': 'runs done' });
    this.status = el('span', { class: 'lab-status', 'aria-live': 'polite' });
    const bar = el('div', { class: 'lab-bar' });
    bar.append(this.progress, this.status, this.cancelButton, this.runButton);
    this.title = el('h2', { class: 'lab-title' });
    this.source = el('p', { class: 'lab-source' });
    this.about = el('p', { class: 'lab-about' });
    this.canvasBox = el('div', { class: 'lab-figure' });
    this.canvas = el('canvas', { role: 'img', 'aria-label': 'lab figure' });
    this.canvasBox.append(this.canvas);
    this.claims = el('ul', { class: 'lab-claims' });
    this.method = el('p', { class: 'lab-method' });
    this.tableBox = el('details', { class: 'lab-table' });
    this.tableBox.append(el('summary', {}, 'Data table'));
    this.table = el('table');
    this.tableBox.append(this.table);
    if (o.table === false) this.tableBox.hidden = true;
    else this.tableBox.open = o.table !== 'collapsed';
    this.root.replaceChildren(head, this.title, this.source, this.about, this.knobsBox, bar, this.canvasBox, this.claims, this.method, this.tableBox);
    if (o.controls === false) { this.knobsBox.hidden = true; this.about.hidden = true; }
    // A new size redraws what has arrived (the empty axes before the first results).
    this.resizeObserver = new ResizeObserver(() => { if (this.study) this.draw(); });
    this.resizeObserver.observe(this.canvasBox);
  }

  fit() {
    const dpr = window.devicePixelRatio || 1;
    const r = this.canvasBox.getBoundingClientRect();
    const w = Math.max(1, Math.round(r.width * dpr));
    const h = Math.max(1, Math.round(r.height * dpr));
    if (this.canvas.width !== w || this.canvas.height !== h) { this.canvas.width = w; this.canvas.height = h; }
  }

  /** Sets the lab link; a valid one starts computing. On error, names the field and keeps the last. */
  setText(text) {
    let study;
    try {
      study = Study.lab(text);
    } catch (e) {
      if (this.options.onError) this.options.onError(message(e));
      return false;
    }
    this.stop();
    if (this.study) this.study.free();
    this.study = study;
    this.text = text;
    const json = JSON.parse(study.json());
    this.canonical = json.scenario;
    const preset = labPresets().find((p) => p.name === json.preset);
    this.state = { preset: json.preset, done: 0, jobs: study.jobs(), running: false, finished: false, cancelled: false, error: null, json: null, ms: null };
    this.presetSelect.value = json.preset;
    this.title.textContent = preset.title;
    this.source.textContent = `Tests a claim of ${preset.source}.`;
    this.about.textContent = preset.about;
    this.buildKnobs(preset, pairsOf(text));
    if (this.options.onLink) this.options.onLink(text);
    this.start();
    return true;
  }

  buildKnobs(preset, pairs) {
    this.knobsBox.replaceChildren();
    for (const k of preset.knobs) {
      const id = `lab-${preset.name}-${k.name}`;
      const row = el('label', { class: 'lab-knob', for: id, title: k.doc });
      row.append(document.createTextNode(`${k.name} `));
      const input = el('input', { id, type: 'number', min: String(k.min), max: String(k.max), step: k.integer ? '1' : 'any' });
      input.value = pairs.has(k.name) ? pairs.get(k.name) : String(k.default);
      input.addEventListener('change', () => this.setKnob(k.name, input.value.trim()));
      row.append(input);
      this.knobsBox.append(row);
    }
  }

  /** Changes one knob of the link (an empty value restores its default). */
  setKnob(name, value) {
    const parts = this.text.replace(/^#/, '').split('&').filter((s) => s && !s.startsWith(`${name}=`));
    if (value !== '') parts.push(`${name}=${encodeURIComponent(value)}`);
    if (!this.setText(parts.join('&'))) this.buildKnobs(labPresets().find((p) => p.name === this.state.preset), pairsOf(this.text));
  }

  /** The pool size: `workers=` in the link, else the page's default. */
  pool() {
    const w = Number(pairsOf(this.text).get('workers')) || this.options.workers || 0;
    return sharedPool(w > 0 ? w : undefined);
  }

  async start() {
    if (!this.study) return;
    const token = ++this.runToken;
    // A fresh study each run: results of a cancelled run never mix in.
    if (this.study.done() > 0) {
      const old = this.study;
      this.study = Study.lab(this.text);
      old.free();
    }
    const s = this.study;
    const pool = this.pool();
    Object.assign(this.state, { running: true, finished: false, cancelled: false, error: null, done: 0, json: null });
    this.cancelButton.disabled = false;
    this.runButton.hidden = true;
    // The empty axes, title and legend at once (this also warms the canvas's fonts, which makes
    // a first drawing slow), then the run from the next task.
    this.draw();
    await nextTask();
    if (token !== this.runToken) return;
    const t0 = performance.now();
    let lastDraw = t0;
    try {
      this.current = pool.run(s, (done, total) => {
        if (token !== this.runToken) return;
        this.state.done = done;
        this.progress.value = total ? done / total : 1;
        this.status.textContent = `${done * s.runsPerJob()} of ${total * s.runsPerJob()} runs`;
        const now = performance.now();
        if (now - lastDraw > RENDER_EVERY_MS && done < total) { lastDraw = now; this.draw(); }
      }, { kind: 'lab' });
      await this.current;
      // The last result was accepted in this task: draw it in the next (each under 50 ms).
      await nextTask();
      if (token !== this.runToken) return;
      this.state.ms = performance.now() - t0;
      this.state.finished = true;
      this.status.textContent = `${s.jobs() * s.runsPerJob()} runs in ${(this.state.ms / 1000).toFixed(1)} s on ${pool.size} worker${pool.size === 1 ? '' : 's'}`;
      this.draw();
    } catch (e) {
      if (token !== this.runToken) return;
      if (e instanceof Cancelled) {
        this.state.cancelled = true;
        this.status.textContent = `cancelled after ${this.state.done} of ${this.state.jobs} jobs; press Run again to start over`;
      } else {
        this.state.error = message(e);
        this.status.textContent = `failed: ${message(e)}`;
        if (this.options.onError) this.options.onError(message(e));
      }
    } finally {
      if (token === this.runToken) {
        this.state.running = false;
        this.cancelButton.disabled = true;
        this.runButton.hidden = false;
      }
    }
  }

  /** Stops the workers now; nothing of the cancelled run is drawn afterwards. */
  cancel() {
    if (this.state.running && this.current) this.current.cancel();
  }

  stop() {
    this.cancel();
  }

  /** Whether the figure sits on a dark background (the owner says: `options.dark()`). */
  dark() {
    return this.options.dark ? Boolean(this.options.dark()) : false;
  }

  /** Draws the figure of what has arrived, then (in a task of its own) its claims and table. */
  draw() {
    if (!this.study) return;
    this.fit();
    try {
      this.study.render(this.canvas, window.devicePixelRatio || 1, this.dark());
    } catch (e) {
      if (this.options.onError) this.options.onError(message(e));
    }
    const study = this.study;
    clearTimeout(this.describing);
    this.describing = setTimeout(() => { if (study === this.study) this.describe(); }, 0);
  }

  /** The claims, the method and (once all is in, in a further task) the data table. */
  describe() {
    const j = JSON.parse(this.study.json());
    if (j.done === j.jobs) this.state.json = j;
    this.claims.replaceChildren(...j.claims.map((c) => {
      const li = el('li', { class: c.holds === true ? 'holds' : c.holds === false ? 'fails' : 'open' });
      const verdict = c.holds === true ? '✓ agrees' : c.holds === false ? '✗ disagrees' : '… measuring';
      li.append(el('strong', {}, `${verdict}: `), document.createTextNode(c.claim), el('br'), el('span', { class: 'measured' }, `Measured: ${c.measured}`));
      return li;
    }));
    this.method.textContent = `How: ${j.method}.`;
    if (j.done === j.jobs) {
      // A long table's layout should not lengthen this task either.
      const study = this.study;
      setTimeout(() => { if (study === this.study) this.drawTable(j); }, 0);
    }
  }

  /** The data table (long ones show their first rows, with a button for the rest). */
  drawTable(j, all = false) {
    const LIMIT = 100;
    const head = el('tr');
    for (const c of j.columns) head.append(el('th', { scope: 'col' }, c));
    const shown = all ? j.rows : j.rows.slice(0, LIMIT);
    const rows = shown.map((r) => {
      const tr = el('tr');
      for (const c of j.columns) {
        const v = r[c];
        tr.append(el('td', {}, v === null ? '–' : Number.isInteger(v) ? String(v) : String(Number(Number(v).toPrecision(4)))));
      }
      return tr;
    });
    const thead = el('thead');
    thead.append(head);
    const tbody = el('tbody');
    tbody.append(...rows);
    this.table.replaceChildren(thead, tbody);
    if (shown.length < j.rows.length) {
      const more = el('button', { type: 'button' }, `Show all ${j.rows.length} rows`);
      more.addEventListener('click', () => this.drawTable(j, true));
      const cap = el('caption', {}, `First ${shown.length} of ${j.rows.length} rows. `);
      cap.append(more);
      this.table.prepend(cap);
    }
  }

  /** The JSON of the finished figure (what `saddlescope lab … --json` prints). */
  json() {
    return this.study ? this.study.json() : null;
  }

  destroy() {
    this.stop();
    clearTimeout(this.describing);
    this.resizeObserver.disconnect();
    if (this.study) { this.study.free(); this.study = null; }
  }
}
