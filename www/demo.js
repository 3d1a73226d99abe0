// One live demo on a page: the wasm Scope, its canvases, pointer input and the animation clock.
// Shared by the playground (app.js) and the <saddle-scope> element. It holds no math and no state
// beyond what the scenario holds (plus whether it is playing).
import { Scope, Staged, prepareSpec } from '../pkg/saddlescope.js';
import { loadModule } from './module.js';
import { OneJob, sharedPool } from './pool.js';

export { loadModule };

/** How long a tap's readout stays on a touch screen. */
const TAP_PROBE_MS = 2500;
/** The largest canvas side in device pixels. */
const MAX_CANVAS_SIDE = 8192;
/** A background that took longer than this leaves the rest of the picture to the next frame. */
const SPLIT_FRAME_MS = 12;
/** Milliseconds of stepping per animation frame (drawing takes the rest of the frame). */
const STEP_BUDGET_MS = 8;
/** The pause between the heavy steps of taking a costly race (decode, build, first picture): long
 * enough for the page to answer what queued up and paint in between. */
const SETTLE_MS = 16;

/**
 * Slider scales for the playground and the element, from the catalogue's ranges (Rust owns them):
 * positions 0…`positions` to values and back, logarithmic where the range says so; a `zero` range
 * has 0 at position 0.
 */
export function scales(cat) {
  const positions = 1000;
  const make = (r) => {
    const lo = r.log ? Math.log10(r.min) : r.min;
    const hi = r.log ? Math.log10(r.max) : r.max;
    const first = r.zero ? 1 : 0;
    const round = (v) => (r.integer ? Math.max(r.min, Math.round(v)) : Number(v.toPrecision(3)));
    return {
      positions,
      to: (p) => {
        if (r.zero && p <= 0) return 0;
        const t = lo + ((p - first) / (positions - first)) * (hi - lo);
        return round(r.log ? 10 ** t : t);
      },
      from: (v) => {
        if (r.zero && v <= 0) return 0;
        const t = r.log ? Math.log10(Math.max(v, r.min)) : v;
        return Math.max(first, Math.min(positions, Math.round(first + ((t - lo) / (hi - lo)) * (positions - first))));
      },
    };
  };
  const s = cat.page.sliders;
  return { lr: make(s.lr), noise: make(s.noise), speed: make(s.speed) };
}

/** A message from anything thrown across the wasm boundary. */
/** Resolves in a later task (after `ms` milliseconds), so the page can answer and paint in between. */
export function nextTask(ms = 0) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function message(e) {
  if (e && typeof e.message === 'string') return e.message;
  return String(e);
}

export class Demo {
  /**
   * @param {object} el  { view, bg, fg, hessian?, loss?, probe?, panelProbes? } DOM elements
   * @param {string} scenario  the scenario string
   * @param {object} hooks  { onChange(reason), onError(msg), onBusy(on), onToggle() (Space on the view; else it toggles itself) }
   * @param {Staged} [prepared]  what a worker computed for this scenario, decoded (see Demo.create)
   */
  constructor(el, scenario, hooks = {}, prepared = undefined) {
    this.el = el;
    this.hooks = hooks;
    this.scope = new Scope(scenario, el.bg, el.fg, el.hessian || undefined, el.loss || undefined, prepared);
    // "computing…" over the view while a worker prepares a costly landscape.
    this.busyNote = document.createElement('div');
    this.busyNote.className = 'busy';
    this.busyNote.textContent = 'computing…';
    this.busyNote.hidden = true;
    this.busyNote.setAttribute('role', 'status');
    el.view.append(this.busyNote);
    this.preparing = null;
    // Transparent overlays on the panels: axes are redrawn only when a panel's window changes.
    const overlay = (c) => {
      if (!c) return undefined;
      const o = document.createElement('canvas');
      o.className = 'panel-overlay';
      o.setAttribute('aria-hidden', 'true');
      c.after(o);
      return o;
    };
    this.overlays = [overlay(el.hessian), overlay(el.loss)];
    this.scope.setPanelOverlays(this.overlays[0], this.overlays[1]);
    this.playing = false;
    this.speed = 1;
    this.frame = null;
    this.yieldFirst = true;
    this.dirty = true;
    this.lastTick = 0;
    this.readSpeed();
    this.resize();
    this.bindPointer();
    this.resizeObserver = new ResizeObserver(() => { this.resize(); });
    this.resizeObserver.observe(el.view);
    for (const p of [el.hessian, el.loss]) if (p) this.resizeObserver.observe(p.parentElement);
  }

  readSpeed() {
    const speed = new Map(JSON.parse(this.scope.pairs())).get('speed');
    this.speed = speed ? Number(speed) : 1;
  }

  /** Dark or light drawing (the canvases' backgrounds, axes and text). */
  setTheme(dark) {
    if (this.dark === dark) return;
    this.dark = dark;
    if (typeof this.scope.setTheme === 'function') this.scope.setTheme(dark);
    this.scope.invalidate();
    this.request();
  }

  /** Matches canvas pixels to their CSS size times the device pixel ratio. */
  resize() {
    const dpr = window.devicePixelRatio || 1;
    let changed = dpr !== this.dpr;
    const fit = (c) => {
      if (!c) return;
      const r = c.getBoundingClientRect();
      // At most MAX_CANVAS_SIDE device pixels a side: a canvas whose CSS size follows its own
      // pixel size (a stylesheet not yet applied) must not grow without end.
      const w = Math.max(1, Math.min(MAX_CANVAS_SIDE, Math.round(r.width * dpr)));
      const h = Math.max(1, Math.min(MAX_CANVAS_SIDE, Math.round(r.height * dpr)));
      if (c.width !== w || c.height !== h) { c.width = w; c.height = h; changed = true; }
    };
    [this.el.bg, this.el.fg, this.el.hessian, this.el.loss, ...this.overlays].forEach(fit);
    this.dpr = dpr;
    // A resized canvas is cleared: redraw everything, but only then (a layout change elsewhere on
    // the page must not recompute a costly landscape raster).
    if (changed) {
      this.scope.setPixelRatio(dpr);
      this.scope.invalidate();
      this.request();
    }
  }

  /** Asks the worker pool for the finer raster a costly landscape's view wants, if any. */
  refineRaster() {
    const spec = this.scope.rasterRequest();
    if (spec === this.rasterSpec) return;
    if (this.rasterRun) this.rasterRun.cancel();
    this.rasterSpec = spec;
    this.rasterRun = null;
    if (!spec) return;
    const job = new OneJob(spec);
    const run = sharedPool().run(job, () => {}, { priority: 10, kind: 'raster' });
    this.rasterRun = run;
    run.then(() => {
      if (this.scope && this.rasterRun === run) {
        this.scope.setRaster(spec, job.data);
        this.rasterRun = null;
        this.request();
      }
    }, () => {});
  }

  /** Reads out the point at device pixel `p` for `ms` milliseconds (a tap's point, on a phone). */
  showProbeFor(p, ms) {
    if (!this.el.probe) return;
    this.el.probe.textContent = this.scope.probe(p[0], p[1]);
    clearTimeout(this.probeTimer);
    this.probeTimer = setTimeout(() => { if (this.el.probe) this.el.probe.textContent = ''; }, ms);
  }

  bindPointer() {
    const view = this.el.view;
    const dpr = () => window.devicePixelRatio || 1;
    const pos = (ev) => {
      const r = this.el.fg.getBoundingClientRect();
      return [(ev.clientX - r.left) * dpr(), (ev.clientY - r.top) * dpr()];
    };
    // One pointer: a tap sets the start, a drag pans (rotates in 3D). Two: a pinch zooms about
    // their midpoint (and pans with it).
    const pointers = new Map();
    let moved = false;
    let pinch = null;
    const spread = () => {
      const [a, b] = [...pointers.values()];
      return { d: Math.hypot(a[0] - b[0], a[1] - b[1]), mid: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] };
    };
    view.addEventListener('pointerdown', (ev) => {
      pointers.set(ev.pointerId, pos(ev));
      view.setPointerCapture(ev.pointerId);
      if (pointers.size === 1) moved = false;
      if (pointers.size === 2) { pinch = spread(); moved = true; }
    });
    view.addEventListener('pointermove', (ev) => {
      const p = pos(ev);
      const last = pointers.get(ev.pointerId);
      if (!last) {
        // A hovering mouse or pen reads out the point under it (a finger reads out its taps).
        if (this.el.probe && ev.pointerType !== 'touch') this.el.probe.textContent = this.scope.probe(p[0], p[1]);
        return;
      }
      pointers.set(ev.pointerId, p);
      if (pointers.size >= 2 && pinch) {
        const now = spread();
        if (pinch.d > 0 && now.d > 0) this.guard(() => this.scope.zoom(now.d / pinch.d, now.mid[0], now.mid[1]), 'zoom');
        this.guard(() => this.scope.drag(now.mid[0] - pinch.mid[0], now.mid[1] - pinch.mid[1]), 'drag');
        pinch = now;
        return;
      }
      const dx = p[0] - last[0];
      const dy = p[1] - last[1];
      if (moved || Math.abs(dx) + Math.abs(dy) > 4 * dpr()) {
        // A pan moves what a tap's readout described.
        if (!moved && ev.pointerType === 'touch' && this.el.probe) this.el.probe.textContent = '';
        moved = true;
        this.guard(() => this.scope.drag(dx, dy), 'drag');
      } else {
        pointers.set(ev.pointerId, last);
      }
    });
    const up = (ev) => {
      const had = pointers.has(ev.pointerId);
      pointers.delete(ev.pointerId);
      if (pointers.size < 2) pinch = null;
      if (had && ev.type === 'pointerup' && !moved && pointers.size === 0) {
        const p = pos(ev);
        this.guard(() => this.scope.click(p[0], p[1]), 'start');
        this.cursor = p;
        if (ev.pointerType === 'touch') this.showProbeFor(p, TAP_PROBE_MS);
      } else if (ev.pointerType === 'touch' && this.el.probe) {
        // A pan or a pinch moved what the readout described.
        this.el.probe.textContent = '';
      }
    };
    view.addEventListener('pointerup', up);
    view.addEventListener('pointercancel', up);
    // A finger leaves as it lifts: its tap's readout stays its moment (see showProbeFor).
    view.addEventListener('pointerleave', (ev) => { if (this.el.probe && pointers.size === 0 && ev.pointerType !== 'touch') this.el.probe.textContent = ''; });
    view.addEventListener('wheel', (ev) => {
      ev.preventDefault();
      const p = pos(ev);
      this.guard(() => this.scope.zoom(ev.deltaY < 0 ? 1.15 : 1 / 1.15, p[0], p[1]), 'zoom');
    }, { passive: false });
    this.bindKeyboardCursor();
    for (const [canvas, probe] of [[this.el.hessian, this.el.hessianProbe], [this.el.loss, this.el.lossProbe]]) {
      if (!canvas || !probe) continue;
      canvas.addEventListener('pointermove', (ev) => {
        const r = canvas.getBoundingClientRect();
        probe.textContent = this.scope.panelProbe((ev.clientX - r.left) / Math.max(1, r.width));
      });
      canvas.addEventListener('pointerleave', () => { probe.textContent = ''; });
    }
  }

  /**
   * The view takes focus: arrow keys move a cursor over it (Shift: bigger steps), Enter starts
   * the runs there, Space plays and pauses, + and − zoom about it. The cursor is drawn as a ring over the view and
   * its coordinates read out (aria-live on the probe).
   */
  bindKeyboardCursor() {
    const view = this.el.view;
    const ring = document.createElement('div');
    ring.className = 'cursor';
    ring.hidden = true;
    ring.setAttribute('aria-hidden', 'true');
    view.append(ring);
    this.cursorRing = ring;
    // The cursor starts where the pointer last clicked, else at the centre.
    const startCursor = () => { if (!this.cursor) this.cursor = [this.el.fg.width / 2, this.el.fg.height / 2]; };
    const place = () => {
      const cursor = this.cursor;
      const dpr = window.devicePixelRatio || 1;
      ring.hidden = false;
      ring.style.left = `${cursor[0] / dpr}px`;
      ring.style.top = `${cursor[1] / dpr}px`;
      const text = this.scope.probe(cursor[0], cursor[1]);
      if (this.el.probe) this.el.probe.textContent = text;
      view.setAttribute('aria-description', text ? `cursor at ${text}` : '');
    };
    view.addEventListener('focus', () => {
      // Only a keyboard's focus shows the cursor: a click or a tap reads out its own point.
      if (!view.matches(':focus-visible')) return;
      startCursor();
      place();
    });
    view.addEventListener('blur', () => { ring.hidden = true; });
    view.addEventListener('keydown', (ev) => {
      // The first arrow or Enter only shows the cursor (Enter sets a start where the reader can
      // see the ring).
      startCursor();
      if (ring.hidden && (ev.key.startsWith('Arrow') || ev.key === 'Enter')) {
        ev.preventDefault();
        ev.stopPropagation();
        place();
        return;
      }
      const cursor = this.cursor;
      const step = (ev.shiftKey ? 40 : 8) * (window.devicePixelRatio || 1);
      const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      if (moves[ev.key]) {
        ev.preventDefault();
        ev.stopPropagation();
        this.cursor = [Math.max(0, Math.min(this.el.fg.width, cursor[0] + moves[ev.key][0])), Math.max(0, Math.min(this.el.fg.height, cursor[1] + moves[ev.key][1]))];
        place();
      } else if (ev.key === ' ') {
        // Space plays and pauses (here too: in an element the host page has no key handler of ours),
        // through the owner's hook when it keeps its own playing state (the element's Play button).
        ev.preventDefault();
        ev.stopPropagation();
        if (this.hooks.onToggle) this.hooks.onToggle(); else this.toggle();
      } else if (ev.key === 'Enter') {
        ev.preventDefault();
        ev.stopPropagation();
        this.guard(() => this.scope.click(cursor[0], cursor[1]), 'start');
      } else if (ev.key === '+' || ev.key === '=' || ev.key === '-') {
        ev.preventDefault();
        ev.stopPropagation();
        this.guard(() => this.scope.zoom(ev.key === '-' ? 1 / 1.25 : 1.25, cursor[0], cursor[1]), 'zoom');
        place();
      }
    });
  }

  /** Runs f; reports an error instead of throwing; marks the demo changed. */
  guard(f, reason) {
    try {
      const r = f();
      this.changed(reason);
      return r;
    } catch (e) {
      if (this.hooks.onError) this.hooks.onError(message(e));
      return undefined;
    }
  }

  changed(reason) {
    this.readSpeed();
    this.request();
    if (this.hooks.onChange) this.hooks.onChange(reason);
  }

  /**
   * Sets one scenario key. Throws the message naming the field on bad input. A change that makes a
   * costly landscape (a worker computes its critical points) returns a promise and keeps showing
   * the last picture, with "computing…", until the new one is ready; a cheap one applies at once.
   */
  set(key, value) {
    const spec = this.scope.setSpec(key, String(value));
    if (!spec) {
      this.cancelPreparation();
      this.scope.set(key, String(value), undefined);
      this.changed(key);
      return undefined;
    }
    return this.prepare(spec, (data) => { this.scope.set(key, String(value), data); this.changed(key); });
  }

  /** Loads a whole scenario (a shared link), preparing it in a worker when costly (see set). */
  load(scenario) {
    const spec = prepareSpec(scenario);
    if (!spec) {
      this.cancelPreparation();
      this.scope.load(scenario, undefined);
      this.yieldFirst = true;
      this.changed('load');
      return undefined;
    }
    const seeded = spec.split('\n')[1];
    return this.prepare(spec, (data) => { this.scope.load(seeded, data); this.changed('load'); });
  }

  /** Runs a preparation in the pool, then `apply(staged)`; a newer one supersedes it. */
  prepare(spec, apply) {
    this.cancelPreparation();
    const job = new OneJob(spec);
    const run = sharedPool().run(job, () => {}, { priority: 5, kind: 'prepare' });
    this.preparing = run;
    this.busy(true);
    return run.then(async () => {
      // Three tasks, none inside the worker's message: decode the worker's numbers into wasm
      // memory (Staged), build the race from them, then draw its first frame (see request). The
      // page answers in between.
      const current = () => this.preparing === run && this.scope;
      await nextTask();
      if (!current()) return;
      let staged;
      try {
        staged = new Staged(spec, job.data);
      } catch (e) {
        this.preparing = null;
        this.busy(false);
        if (this.hooks.onError) this.hooks.onError(message(e));
        return;
      }
      await nextTask(SETTLE_MS);
      if (!current()) { staged.free(); return; }
      this.preparing = null;
      this.busy(false);
      // The first frame of the new race waits too (see request).
      this.yieldFirst = true;
      try {
        apply(staged);
      } catch (e) {
        if (this.hooks.onError) this.hooks.onError(message(e));
      }
    }, (e) => {
      if (this.preparing !== run) return;
      this.preparing = null;
      this.busy(false);
      if (this.hooks.onError) this.hooks.onError(message(e));
    });
  }

  cancelPreparation() {
    if (this.preparing) {
      const run = this.preparing;
      this.preparing = null;
      run.cancel();
      this.busy(false);
    }
  }

  busy(on) {
    this.busyNote.hidden = !on;
    if (this.hooks.onBusy) this.hooks.onBusy(on);
  }
  reset() {
    this.scope.reset();
    this.changed('reset');
  }
  advance(n) {
    this.scope.advance(n);
    this.dirty = true;
    this.render();
    if (this.hooks.onChange) this.hooks.onChange('step');
  }
  state() {
    return JSON.parse(this.scope.state());
  }
  scenario() {
    return this.scope.scenario();
  }

  play() {
    if (this.scope.done()) return;
    this.playing = true;
    this.request();
    if (this.hooks.onChange) this.hooks.onChange('play');
  }
  pause() {
    this.playing = false;
    if (this.hooks.onChange) this.hooks.onChange('pause');
  }
  toggle() {
    if (this.playing) this.pause(); else this.play();
  }

  request() {
    this.dirty = true;
    if (this.frame !== null || this.stopped) return;
    if (this.yieldFirst) {
      // Right after building a race, let the page answer (and paint) before the first frame.
      this.yieldFirst = false;
      this.frame = -1;
      setTimeout(() => {
        if (this.stopped) return;
        this.frame = requestAnimationFrame((t) => this.tick(t));
      }, SETTLE_MS);
      return;
    }
    this.frame = requestAnimationFrame((t) => this.tick(t));
  }

  tick() {
    this.frame = null;
    if (this.playing) {
      // At most STEP_BUDGET_MS of stepping a frame: `speed` is an upper bound, not a promise.
      this.scope.advanceFor(this.speed, STEP_BUDGET_MS);
      this.dirty = true;
      if (this.scope.done()) this.pause();
    }
    if (this.dirty) this.render();
    if (this.playing) {
      if (this.hooks.onChange) this.hooks.onChange('tick');
      this.request();
    }
  }

  render() {
    this.dirty = false;
    try {
      // A background that took a good part of a frame (a new landscape, a resize) leaves the runs
      // and panels to the next frame, so no single frame blocks the page for long.
      const t0 = performance.now();
      if (this.scope.renderBackground() && performance.now() - t0 > SPLIT_FRAME_MS) {
        this.dirty = true;
        this.request();
        return;
      }
      this.scope.render();
      this.refineRaster();
      if (!this.rendered) {
        this.rendered = true;
        performance.mark('saddlescope-first-frame');
      }
    } catch (e) {
      this.playing = false;
      if (this.hooks.onError) this.hooks.onError(message(e));
    }
  }

  /**
   * A demo of `scenario`, prepared in the worker pool first when its landscape is costly to build
   * (the page keeps answering meanwhile). Throws the message naming a bad field.
   */
  static async create(el, scenario, hooks = {}) {
    const spec = prepareSpec(scenario);
    if (!spec) return new Demo(el, scenario, hooks);
    if (hooks.onBusy) hooks.onBusy(true);
    const job = new OneJob(spec);
    try {
      await sharedPool().run(job, () => {}, { priority: 5, kind: 'prepare' });
    } finally {
      if (hooks.onBusy) hooks.onBusy(false);
    }
    // Decode, then build the race, each in a task of its own, not inside the worker's message
    // (see prepare).
    await nextTask();
    const staged = new Staged(spec, job.data);
    await nextTask(SETTLE_MS);
    return new Demo(el, spec.split('\n')[1], hooks, staged);
  }

  /** Stops the clock and frees the wasm memory. */
  destroy() {
    this.stopped = true;
    clearTimeout(this.probeTimer);
    this.cancelPreparation();
    this.playing = false;
    if (this.frame !== null && this.frame !== -1) cancelAnimationFrame(this.frame);
    this.frame = null;
    if (this.rasterRun) this.rasterRun.cancel();
    this.resizeObserver.disconnect();
    if (this.scope) { this.scope.free(); this.scope = null; }
  }
}
