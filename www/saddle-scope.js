// <saddle-scope>: a live saddle-point demo for blog posts. One script tag, one element per demo:
//
//   <script type="module" src="…/saddle-scope.js"></script>
//   <saddle-scope landscape="saddle" opt="gd,pgd" b="0.5" autoplay controls="lr,noise"></saddle-scope>
//
// The scenario comes from a `scenario` attribute and/or one attribute per scenario key (these win).
// Other attributes: controls (none | all | a list of lr, noise, speed, playback, seed), autoplay,
// loop (restart when every run has finished), view (2d | 3d), height (CSS length of the view).
// All elements share one loaded wasm module and each has its own state. An element starts when
// scrolled into view, pauses off-screen or in a hidden tab, and frees its wasm memory when removed.
import { Demo, SCALES, loadModule, message } from './demo.js';

const OWN = ['scenario', 'controls', 'autoplay', 'loop', 'height', 'view'];
const SCENARIO_KEYS = ['landscape', 'opt', 'lr', 'noise', 'start', 'seed', 'steps', 'box', 'speed', 'plane', 'f'];
const LANDSCAPE_PARAMS = ['b', 'a', 'c', 'theta', 'mu', 'kappa', 'index', 'd', 'L', 'gamma', 'tau', 'y', 'lambda', 'beta', 'k', 'n', 'samples', 'psi'];
const CONTROL_NAMES = ['lr', 'noise', 'speed', 'playback', 'seed'];

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}
const enc = (v) => encodeURIComponent(v).replace(/%2C/gi, ',');

class SaddleScope extends HTMLElement {
  static get observedAttributes() {
    return [...OWN, ...SCENARIO_KEYS, ...LANDSCAPE_PARAMS];
  }

  constructor() {
    super();
    this.demo = null;
    this.visible = false;
    this.wantPlay = false;
    this.built = false;
  }

  /** The scenario text the attributes describe. */
  scenarioText() {
    const parts = [];
    const base = this.getAttribute('scenario');
    if (base) parts.push(base.replace(/^#/, ''));
    for (const a of this.getAttributeNames()) {
      if (OWN.includes(a) || a.startsWith('data-') || a === 'class' || a === 'style' || a === 'id') continue;
      const v = this.getAttribute(a);
      // Attribute names are lower-cased by HTML: L is the only capitalised key.
      const key = a === 'l' ? 'L' : a;
      // Later pairs override the scenario attribute's.
      parts.push(`${enc(key)}=${enc(v)}`);
    }
    const v = this.getAttribute('view');
    if (v) parts.push(`view=${enc(v)}`);
    // Merge: a key given twice keeps its last value.
    const m = new Map();
    for (const seg of parts.join('&').split('&')) {
      if (!seg) continue;
      const i = seg.indexOf('=');
      m.set(i < 0 ? seg : seg.slice(0, i), seg);
    }
    return [...m.values()].join('&');
  }

  connectedCallback() {
    if (!this.built) this.build();
    loadModule().then(() => this.start()).catch((e) => this.fail(`saddle-scope: the WebAssembly module failed to load (${message(e)})`));
  }

  disconnectedCallback() {
    if (this.io) this.io.disconnect();
    document.removeEventListener('visibilitychange', this.onVisibility);
    if (this.demo) { this.demo.destroy(); this.demo = null; }
  }

  attributeChangedCallback(name, old, value) {
    if (!this.demo || old === value) return;
    if (name === 'height') { this.applyHeight(); return; }
    if (name === 'controls') { this.buildControls(); return; }
    if (name === 'autoplay' || name === 'loop') return;
    try {
      this.demo.load(this.scenarioText());
      this.clearError();
    } catch (e) {
      this.fail(`${name}="${value}": ${message(e)} (keeping the last good state)`);
    }
  }

  build() {
    this.built = true;
    this.error = el('div', { class: 'ss-error', role: 'alert' });
    this.error.hidden = true;
    this.view = el('div', { class: 'ss-view', role: 'img', 'aria-label': 'Optimizer trajectories on a loss landscape' });
    this.bg = el('canvas');
    this.fg = el('canvas');
    this.view.append(this.bg, this.fg);
    this.hessian = el('canvas', { role: 'img', 'aria-label': 'Hessian eigenvalues against step' });
    this.loss = el('canvas', { role: 'img', 'aria-label': 'Loss against step' });
    const p1 = el('div', { class: 'ss-panel' });
    p1.append(this.hessian);
    const p2 = el('div', { class: 'ss-panel' });
    p2.append(this.loss);
    const panels = el('div', { class: 'ss-panels' });
    panels.append(p1, p2);
    const stage = el('div', { class: 'ss-stage' });
    stage.append(this.view, panels);
    this.caption = el('p', { class: 'ss-caption', 'aria-live': 'polite' });
    this.controlsBox = el('div', { class: 'ss-controls' });
    this.replaceChildren(this.error, stage, this.controlsBox, this.caption);
    this.applyHeight();
  }

  applyHeight() {
    const h = this.getAttribute('height');
    if (h && /^\d+(\.\d+)?(px|em|rem|vh)$/.test(h.trim())) {
      this.view.style.aspectRatio = 'auto';
      this.view.style.height = h.trim();
      this.clearError();
    } else if (h) {
      this.fail(`height="${h}": must be a CSS length such as 360px, 24em or 50vh`);
    }
  }

  start() {
    if (this.demo || !this.isConnected) return;
    const hooks = {
      onChange: (reason) => this.onChange(reason),
      onError: (msg) => this.fail(msg),
    };
    const text = this.scenarioText();
    try {
      this.demo = new Demo({ view: this.view, bg: this.bg, fg: this.fg, hessian: this.hessian, loss: this.loss }, text, hooks);
    } catch (e) {
      this.fail(`${message(e)} (showing the default demo)`);
      this.demo = new Demo({ view: this.view, bg: this.bg, fg: this.fg, hessian: this.hessian, loss: this.loss }, 'landscape=saddle&opt=gd,pgd', hooks);
    }
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
  }

  updatePlaying() {
    if (!this.demo) return;
    const run = this.wantPlay && this.visible && !document.hidden;
    if (run && !this.demo.playing) this.demo.play();
    if (!run && this.demo.playing) this.demo.pause();
  }

  onChange(reason) {
    if (reason === 'pause' && this.demo && this.demo.scope && this.demo.scope.done() && this.hasAttribute('loop') && this.wantPlay) {
      setTimeout(() => { if (this.demo) { this.demo.reset(); this.updatePlaying(); } }, 600);
    }
    if (reason !== 'tick' || (this.ticks = (this.ticks || 0) + 1) % 30 === 0) this.updateCaption();
  }

  updateCaption() {
    if (!this.demo) return;
    const st = this.demo.state();
    const runs = st.runs.map((r) => `${r.optimizer} (η ${Number(r.lr).toPrecision(2)}${r.noise > 0 ? `, σ ${Number(r.noise).toPrecision(2)}` : ''}): step ${r.step}, index ${r.index}, ${r.status}`);
    this.caption.textContent = `${st.landscape} · ${runs.join(' · ')}`;
  }

  /** Which controls the `controls` attribute asks for. */
  wanted() {
    const c = (this.getAttribute('controls') || 'playback').trim();
    if (c === 'none') return [];
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
    const want = this.wanted();
    if (want.includes('playback')) {
      const play = el('button', { type: 'button' }, this.wantPlay ? 'Pause' : 'Play');
      play.addEventListener('click', () => { this.wantPlay = !this.demo.playing; play.textContent = this.wantPlay ? 'Pause' : 'Play'; this.updatePlaying(); });
      const reset = el('button', { type: 'button' }, 'Reset');
      reset.addEventListener('click', () => this.demo.reset());
      box.append(play, reset);
    }
    const slider = (name, label, current) => {
      const id = `ss-${name}-${Math.random().toString(36).slice(2, 8)}`;
      const l = el('label', { for: id }, label);
      const s = el('input', { id, type: 'range', min: '0', max: '1000', value: String(SCALES[name].from(current)) });
      s.addEventListener('input', () => {
        try { this.demo.set(name, String(SCALES[name].to(Number(s.value)))); this.clearError(); } catch (e) { this.fail(message(e)); }
      });
      box.append(l, s);
    };
    const run0 = this.demo.state().runs[0];
    if (want.includes('lr')) slider('lr', 'step size η', run0 ? run0.lr : 0.1);
    if (want.includes('noise')) slider('noise', 'noise σ', run0 ? run0.noise : 0);
    if (want.includes('speed')) slider('speed', 'speed', this.demo.speed);
    if (want.includes('seed')) {
      const b = el('button', { type: 'button' }, 'new seed');
      b.addEventListener('click', () => this.demo.set('seed', String(Math.floor(Math.random() * 1e9))));
      box.append(b);
    }
  }

  fail(msg) {
    this.error.textContent = msg;
    this.error.hidden = false;
  }
  clearError() {
    this.error.hidden = true;
  }

  // The same methods as the playground's window.saddlescope.
  scenario() { return this.demo ? this.demo.scenario() : this.scenarioText(); }
  state() { return this.demo ? this.demo.state() : null; }
  advance(n) { if (this.demo) this.demo.advance(Number(n) || 0); return this.state(); }
  set(key, value) { this.demo.set(key, value); return this.scenario(); }
  load(scenario) { this.demo.load(scenario); return this.scenario(); }
  play() { this.wantPlay = true; this.updatePlaying(); }
  pause() { this.wantPlay = false; this.updatePlaying(); }

  // Exports (issue #13, www/export.js): Blobs of the figure (PNG at 1×, 2× or 4×; true-vector
  // SVG) and of every record (CSV with the CLI's columns; JSON).
  async exportPng(scale = 1) { return (await import('./export.js')).pngBlob(this.demo.scope, { scale }); }
  async exportSvg() { return (await import('./export.js')).svgBlob(this.demo.scope); }
  async exportCsv() { return (await import('./export.js')).csvBlob(this.demo.scope); }
  async exportJson() { return (await import('./export.js')).jsonBlob(this.demo.scope); }
}

if (!customElements.get('saddle-scope')) customElements.define('saddle-scope', SaddleScope);
export { SaddleScope };
