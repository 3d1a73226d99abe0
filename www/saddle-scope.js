// <saddle-scope>: a live saddle-point demo (or a lab figure) for blog posts. One script tag, one
// element per demo:
//
//   <script type="module" src="…/saddle-scope.js"></script>
//   <saddle-scope landscape="saddle" opt="gd,pgd" b="0.5" autoplay controls="lr,noise"></saddle-scope>
//   <saddle-scope lab="jin-logd" seeds="64"></saddle-scope>
//
// The element lives in its own Shadow DOM with its own stylesheet: it never styles the host page.
// Theme it with CSS custom properties (--saddle-scope-bg, -fg, -muted, -line, -accent, -panel,
// -font) or `theme="dark"|"light"` (default: the reader's prefers-color-scheme).
//
// Attributes: every scenario key (landscape, opt, lr, noise, b, beta, …, from the catalogue in
// wasm) or the whole `scenario="…"`; its own: controls (none | all | playback, lr, noise, speed,
// seed), autoplay, loop, height (a CSS length), theme, compact (panels below a square view), lab (a
// lab figure, with the preset's knobs as attributes). Standard HTML and ARIA attributes (id, class,
// style, title, hidden, tabindex, lang, aria-*, data-*, …) are the host page's and are ignored.
// Children of the element are its fallback: shown where scripts or WebAssembly do not run (a poster).
import { Demo, loadModule, message, scales } from './demo.js';
import { catalogue } from '../pkg/saddlescope.js';
import { LabView } from './lab.js';

const OWN = ['scenario', 'controls', 'autoplay', 'loop', 'height', 'theme', 'compact', 'lab'];
const STYLESHEET = new URL('./saddle-scope.css', import.meta.url).href;
/** Attributes of every HTML element, and prefixes: the host page's, never scenario keys. */
const GLOBAL = new Set(['accesskey', 'autocapitalize', 'autocorrect', 'autofocus', 'class', 'contenteditable', 'dir', 'draggable', 'enterkeyhint',
  'exportparts', 'hidden', 'id', 'inert', 'inputmode', 'is', 'itemid', 'itemprop', 'itemref', 'itemscope', 'itemtype', 'lang', 'nonce', 'part',
  'popover', 'role', 'slot', 'spellcheck', 'style', 'tabindex', 'title', 'translate', 'writingsuggestions']);
const isGlobal = (a) => GLOBAL.has(a) || a.startsWith('aria-') || a.startsWith('data-') || a.startsWith('on');
const MAX_ERRORS = 5;

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}
const enc = (v) => encodeURIComponent(v).replace(/%2C/gi, ',');

let cat = null;
/** Lower-case attribute name → scenario key (HTML lower-cases attribute names: L, sigma_b, …). */
let keyOf = null;

function learnKeys() {
  cat = JSON.parse(catalogue());
  keyOf = new Map();
  const add = (k) => keyOf.set(k.toLowerCase(), k);
  for (const k of cat.page.keys) add(k);
  for (const l of cat.landscapes) for (const p of l.params) add(p.name);
  for (const o of cat.optimizers) {
    add(`${o.id}.lr`);
    add(`${o.id}.noise`);
    for (const p of o.params) add(`${o.id}.${p.name}`);
  }
}

class SaddleScope extends HTMLElement {
  static get observedAttributes() {
    return keyOf ? [...OWN, ...keyOf.keys()] : OWN;
  }

  constructor() {
    super();
    this.demo = null;
    this.labView = null;
    this.visible = false;
    this.wantPlay = false;
    this.errors = [];
  }

  /** The scenario (or lab link) the attributes describe: later keys override `scenario="…"`. */
  scenarioText() {
    const m = new Map();
    const base = this.getAttribute('scenario');
    if (base) {
      for (const seg of base.replace(/^#/, '').split('&')) {
        const i = seg.indexOf('=');
        if (seg) m.set(i < 0 ? seg : seg.slice(0, i), seg);
      }
    }
    const lab = this.getAttribute('lab');
    if (lab !== null) m.set('lab', `lab=${enc(lab)}`);
    for (const a of this.getAttributeNames()) {
      if (isGlobal(a) || OWN.includes(a)) continue;
      const key = keyOf.get(a) || a;
      m.set(key, `${enc(key)}=${enc(this.getAttribute(a))}`);
    }
    return [...m.values()].join('&');
  }

  connectedCallback() {
    if (!this.shadowRoot) this.build();
    this.start();
  }

  disconnectedCallback() {
    if (this.io) this.io.disconnect();
    if (this.onVisibility) document.removeEventListener('visibilitychange', this.onVisibility);
    if (this.demo) { this.demo.destroy(); this.demo = null; }
    if (this.labView) { this.labView.destroy(); this.labView = null; }
  }

  attributeChangedCallback(name, old, value) {
    if (old === value || !this.shadowRoot) return;
    if (name === 'height' || name === 'compact' || name === 'theme') { this.applyLayout(); return; }
    if (name === 'controls') { this.buildControls(); return; }
    if (name === 'autoplay' || name === 'loop') return;
    if (isGlobal(name)) return;
    if (this.labView) {
      this.labView.setText(this.scenarioText());
      return;
    }
    if (!this.demo) return;
    try {
      this.demo.load(this.scenarioText());
      this.clearErrors();
    } catch (e) {
      this.fail(`${name}="${value}": ${message(e)} (keeping the last good state)`);
    }
  }

  build() {
    const root = this.attachShadow({ mode: 'open' });
    const sheet = el('link', { rel: 'stylesheet', href: STYLESHEET });
    // The demo is built once the stylesheet applies: before, its canvases have no size of their
    // own and would grow with every resize.
    this.styled = new Promise((resolve) => { sheet.addEventListener('load', resolve); sheet.addEventListener('error', resolve); });
    root.append(sheet);
    this.frame = el('div', { class: 'frame', part: 'frame' });
    this.errorList = el('ul', { class: 'errors', role: 'alert' });
    this.errorList.hidden = true;
    this.body = el('div', { class: 'body' });
    this.frame.append(this.errorList, this.body);
    root.append(this.frame);
    this.applyLayout();
  }

  /** The demo's DOM: a square view, two panels, the controls and a caption. */
  buildDemoDom() {
    this.view = el('div', { class: 'view', role: 'img', tabindex: '0', 'aria-label': 'Optimizer trajectories on a loss landscape. Arrow keys move a cursor, Enter starts the runs there, Space plays and pauses.' });
    this.bg = el('canvas');
    this.fg = el('canvas');
    this.view.append(this.bg, this.fg);
    this.hessian = el('canvas', { role: 'img', 'aria-label': 'Hessian eigenvalues against step' });
    this.loss = el('canvas', { role: 'img', 'aria-label': 'Loss against step' });
    const p1 = el('div', { class: 'panel' });
    p1.append(this.hessian);
    const p2 = el('div', { class: 'panel' });
    p2.append(this.loss);
    const panels = el('div', { class: 'panels' });
    panels.append(p1, p2);
    const stage = el('div', { class: 'stage' });
    stage.append(this.view, panels);
    this.controlsBox = el('div', { class: 'controls' });
    this.caption = el('p', { class: 'caption', 'aria-live': 'polite' });
    this.body.replaceChildren(stage, this.controlsBox, this.caption);
  }

  applyLayout() {
    if (!this.frame) return;
    const theme = (this.getAttribute('theme') || '').trim();
    if (theme && theme !== 'dark' && theme !== 'light' && theme !== 'auto') this.fail(`theme="${theme}": must be dark, light or auto`);
    this.frame.dataset.theme = theme === 'dark' || theme === 'light' ? theme : 'auto';
    this.frame.classList.toggle('compact', this.hasAttribute('compact'));
    const h = this.getAttribute('height');
    if (this.view) {
      if (h && /^\d+(\.\d+)?(px|em|rem|vh)$/.test(h.trim())) {
        this.view.style.aspectRatio = 'auto';
        this.view.style.height = h.trim();
      } else {
        this.view.style.removeProperty('height');
        this.view.style.removeProperty('aspect-ratio');
        if (h) this.fail(`height="${h}": must be a CSS length such as 360px, 24em or 50vh`);
      }
    }
    if (this.demo) this.demo.setTheme(this.dark());
    if (this.labView) this.labView.draw();
  }

  /** Whether the element shows its dark theme (its attribute, else the reader's preference). */
  dark() {
    const t = this.frame ? this.frame.dataset.theme : 'auto';
    if (t === 'dark') return true;
    if (t === 'light') return false;
    return window.matchMedia('(prefers-color-scheme: dark)').matches;
  }

  async start() {
    if (this.demo || this.labView || this.starting || !this.isConnected) return;
    this.starting = true;
    try {
      await loadModule();
      await this.styled;
    } catch (e) {
      // Without WebAssembly the element shows its fallback content (a poster), if any.
      this.shadowRoot.append(el('slot'));
      this.fail(`saddle-scope: the WebAssembly module failed to load (${message(e)})`);
      return;
    } finally {
      this.starting = false;
    }
    if (!this.isConnected || !cat) return;
    if (this.hasAttribute('lab')) { this.startLab(); return; }
    this.buildDemoDom();
    this.applyLayout();
    const hooks = {
      onChange: (reason) => this.onChange(reason),
      onToggle: () => { this.wantPlay = !this.wantPlay; this.updatePlaying(); },
      onError: (msg) => this.fail(msg),
    };
    const els = { view: this.view, bg: this.bg, fg: this.fg, hessian: this.hessian, loss: this.loss };
    try {
      this.demo = await Demo.create(els, this.scenarioText(), hooks);
    } catch (e) {
      this.fail(`${message(e)} (showing the default demo)`);
      this.demo = new Demo(els, cat.page.default, hooks);
    }
    this.demo.setTheme(this.dark());
    this.buildControls();
    this.updateCaption();
    this.wantPlay = this.hasAttribute('autoplay');
    this.io = new IntersectionObserver((entries) => {
      this.visible = entries.some((e) => e.isIntersecting);
      this.updatePlaying();
    });
    this.io.observe(this);
    this.onVisibility = () => this.updatePlaying();
    document.addEventListener('visibilitychange', this.onVisibility);
    this.dispatchEvent(new CustomEvent('ready'));
  }

  startLab() {
    const box = el('div', { class: 'lab' });
    this.body.replaceChildren(box);
    this.labView = new LabView(box, { controls: false, table: 'collapsed', onError: (m) => this.fail(m), dark: () => this.dark() });
    if (!this.labView.setText(this.scenarioText())) this.labView.setText('lab=jin-logd');
    this.dispatchEvent(new CustomEvent('ready'));
  }

  updatePlaying() {
    if (!this.demo) return;
    const run = this.wantPlay && this.visible && !document.hidden;
    if (run && !this.demo.playing) this.demo.play();
    if (!run && this.demo.playing) this.demo.pause();
    this.updatePlayButton();
  }

  updatePlayButton() {
    if (!this.playButton) return;
    // The button says what pressing it does: Pause while the demo plays (or is about to).
    const on = this.wantPlay;
    this.playButton.textContent = on ? 'Pause' : 'Play';
    this.playButton.setAttribute('aria-pressed', String(on));
  }

  onChange(reason) {
    if (reason === 'pause' && this.demo && this.demo.scope && this.demo.scope.done() && this.hasAttribute('loop') && this.wantPlay) {
      setTimeout(() => { if (this.demo) { this.demo.reset(); this.updatePlaying(); } }, 600);
    } else if (reason === 'pause' && this.demo && this.demo.scope && this.demo.scope.done()) {
      this.wantPlay = false;
      this.updatePlayButton();
    }
    if (reason !== 'tick' && reason !== 'step' && reason !== 'play' && reason !== 'pause') this.syncSliders();
    if (reason !== 'tick' || (this.ticks = (this.ticks || 0) + 1) % 30 === 0) this.updateCaption();
  }

  updateCaption() {
    if (!this.demo) return;
    this.caption.textContent = JSON.parse(this.demo.scope.readout()).spoken;
  }

  /** Which controls the `controls` attribute asks for. */
  wanted() {
    const c = (this.getAttribute('controls') || 'playback').trim();
    if (c === 'none') return [];
    const CONTROL_NAMES = cat.page.element_controls;
    if (c === 'all' || c === '') return CONTROL_NAMES;
    const list = c.split(',').map((x) => x.trim()).filter(Boolean);
    const bad = list.filter((x) => !CONTROL_NAMES.includes(x));
    if (bad.length) this.fail(`controls="${c}": '${bad[0]}' is not a control (accepted: none, all, ${CONTROL_NAMES.join(', ')})`);
    return list.filter((x) => CONTROL_NAMES.includes(x));
  }

  buildControls() {
    if (!this.demo) return;
    const box = this.controlsBox;
    box.replaceChildren();
    this.sliders = [];
    this.playButton = null;
    const want = this.wanted();
    const sc = scales(cat);
    if (want.includes('playback')) {
      this.playButton = el('button', { type: 'button' });
      this.playButton.addEventListener('click', () => { this.wantPlay = !this.wantPlay; this.updatePlaying(); });
      const reset = el('button', { type: 'button' }, 'Reset');
      reset.addEventListener('click', () => this.demo.reset());
      box.append(this.playButton, reset);
      this.updatePlayButton();
    }
    const slider = (name, label) => {
      const id = `ss-${name}`;
      const row = el('label', { class: 'slider', for: id });
      row.append(document.createTextNode(label));
      const s = el('input', { id, type: 'range', min: '0', max: String(sc[name].positions) });
      s.addEventListener('input', () => {
        const v = sc[name].to(Number(s.value));
        s.setAttribute('aria-valuetext', `${label} ${v}`);
        try { this.demo.set(name, String(v)); this.clearErrors(); } catch (e) { this.fail(message(e)); }
      });
      row.append(s);
      box.append(row);
      this.sliders.push({ name, label, input: s });
    };
    if (want.includes('lr')) slider('lr', 'step size η');
    if (want.includes('noise')) slider('noise', 'noise σ');
    if (want.includes('speed')) slider('speed', 'speed');
    if (want.includes('seed')) {
      const b = el('button', { type: 'button' }, 'New seed');
      b.addEventListener('click', () => this.demo.set('seed', String(Math.floor(Math.random() * 1e9))));
      box.append(b);
    }
    this.syncSliders();
  }

  /** Puts every slider at the demo's current value (after any change, from anywhere). */
  syncSliders() {
    if (!this.demo || !this.sliders) return;
    const sc = scales(cat);
    const st = this.demo.state();
    const pairs = new Map(JSON.parse(this.demo.scope.pairs()));
    const current = {
      lr: pairs.has('lr') ? Number(pairs.get('lr')) : (st.runs[0] ? st.runs[0].lr : 0.1),
      noise: pairs.has('noise') ? Number(pairs.get('noise')) : (st.runs[0] ? st.runs[0].noise : 0),
      speed: this.demo.speed,
    };
    for (const { name, label, input } of this.sliders) {
      input.value = String(sc[name].from(current[name]));
      input.setAttribute('aria-valuetext', `${label} ${Number(current[name].toPrecision(3))}`);
    }
  }

  /** Shows a message; every error stays listed, the first first, until a good state clears them. */
  fail(msg) {
    if (!this.errorList) return;
    if (this.errors[this.errors.length - 1] === msg) return;
    this.errors.push(msg);
    if (this.errors.length > MAX_ERRORS) this.errors.splice(1, 1);
    this.errorList.replaceChildren(...this.errors.map((m) => el('li', {}, m)));
    this.errorList.hidden = false;
  }

  clearErrors() {
    this.errors = [];
    if (this.errorList) { this.errorList.replaceChildren(); this.errorList.hidden = true; }
  }

  // The same methods as the playground's window.saddlescope.
  scenario() { return this.demo ? this.demo.scenario() : this.scenarioText(); }
  state() { return this.demo ? this.demo.state() : null; }
  advance(n) { if (this.demo) this.demo.advance(Number(n) || 0); return this.state(); }
  set(key, value) { const r = this.demo.set(key, value); return r ? r.then(() => this.scenario()) : this.scenario(); }
  load(scenario) { const r = this.demo.load(scenario); return r ? r.then(() => this.scenario()) : this.scenario(); }
  play() { this.wantPlay = true; this.updatePlaying(); }
  pause() { this.wantPlay = false; this.updatePlaying(); }
  /** The lab figure's state and JSON (lab mode). */
  lab() { return this.labView ? { ...this.labView.state, json: this.labView.json() } : null; }

  // Exports (issue #13, www/export.js): Blobs of the figure (PNG at 1×, 2× or 4×; true-vector
  // SVG) and of every record (CSV with the CLI's columns; JSON).
  async exportPng(scale = 1) { return (await import('./export.js')).pngBlob(this.demo.scope, { scale }); }
  async exportSvg() { return (await import('./export.js')).svgBlob(this.demo.scope); }
  async exportCsv() { return (await import('./export.js')).csvBlob(this.demo.scope); }
  async exportJson() { return (await import('./export.js')).jsonBlob(this.demo.scope); }
}

loadModule().then(learnKeys, () => {
  // Without WebAssembly each element shows its fallback content (a poster, if the post has one)
  // under a message saying why (start() finds the module missing).
}).finally(() => {
  if (!customElements.get('saddle-scope')) customElements.define('saddle-scope', SaddleScope);
});

export { SaddleScope };
