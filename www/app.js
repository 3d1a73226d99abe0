// The playground: wires the DOM controls and the URL hash to one Demo. All math lives in wasm;
// this file only builds controls from the catalogue and forwards input.
import { Demo, loadModule, message, scales } from './demo.js';
import { catalogue, Study } from '../pkg/saddlescope.js';
import { LabView } from './lab.js';
import { sharedPool, Cancelled } from './pool.js';
import { expressionControls } from './expression.js';
import { installExport } from './export.js';
import { isScenes, loadScenes, Presentation, splitScenes } from './scenes.js';

const $ = (id) => document.getElementById(id);
const errorBox = $('error');
let demo = null;
let cat = null;
/** Slider scales (from the catalogue's ranges). */
let SCALES = null;
/** The default scenario (from the catalogue). */
let DEFAULT = '';
let errorTimer = null;
let expr = null;

function showError(msg) {
  // The message, and a button that dismisses it (it also goes by itself after 8 s).
  const close = el('button', { type: 'button', class: 'dismiss', 'aria-label': 'Dismiss this message' }, '×');
  close.addEventListener('click', clearError);
  errorBox.replaceChildren(el('span', {}, msg), close);
  errorBox.hidden = false;
  clearTimeout(errorTimer);
  errorTimer = setTimeout(() => { errorBox.hidden = true; }, 8000);
}
function clearError() { errorBox.hidden = true; }

/** The demo's scenario as decoded pairs (the scope serves them: no parser here). */
function scenarioPairs() {
  return new Map(JSON.parse(demo.scope.pairs()));
}

const short = (v) => (v === 0 ? '0' : Number(v.toPrecision(3)).toString());

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}


/** Applies one change; on error names the field and restores the controls from the scenario. */
function apply(key, value) {
  try {
    // A costly landscape is prepared in a worker: the promise settles when it is applied (errors
    // then come through the demo's onError).
    demo.set(key, value);
    clearError();
  } catch (e) {
    showError(message(e));
    syncControls();
  }
}

function landscapeInfo(id) { return cat.landscapes.find((l) => l.id === id); }
function optimizerInfo(id) { return cat.optimizers.find((o) => o.id === id); }

/** A slider + text row for one numeric parameter (range from the catalogue). */
function paramRow(key, spec, value, curvature) {
  const row = el('div', { class: 'row' + (curvature ? ' curvature' : '') });
  const id = `p-${key.replace(/[^a-z0-9]/gi, '-')}`;
  row.append(el('label', { for: id, title: spec.doc }, spec.name));
  if (spec.choices) {
    const sel = el('select', { id });
    for (const c of spec.choices) sel.append(el('option', { value: c }, c));
    sel.value = value;
    sel.addEventListener('change', () => apply(key, sel.value));
    row.append(sel, el('span'));
    knobInputs.set(key, (x) => { sel.value = x; });
    return row;
  }
  const v = Number(value);
  const logScale = !spec.integer && spec.min > 0 && spec.max / spec.min > 100;
  const slider = el('input', { id, type: 'range', min: '0', max: '1000', 'aria-valuetext': `${spec.name} ${value}` });
  const lo = logScale ? Math.log10(spec.min) : spec.min;
  const hi = logScale ? Math.log10(spec.max) : spec.max;
  const toV = (p) => { const t = lo + (p / 1000) * (hi - lo); const x = logScale ? Math.pow(10, t) : t; return spec.integer ? Math.round(x) : Number(x.toPrecision(4)); };
  const toP = (x) => Math.round(1000 * ((logScale ? Math.log10(Math.max(x, spec.min)) : x) - lo) / (hi - lo || 1));
  slider.value = String(toP(v));
  const num = el('input', { type: 'text', inputmode: 'decimal', 'aria-label': `${spec.name} value`, value: String(value) });
  slider.addEventListener('input', () => { const x = toV(Number(slider.value)); num.value = String(x); slider.setAttribute('aria-valuetext', `${spec.name} ${x}`); apply(key, x); });
  num.addEventListener('change', () => apply(key, num.value.trim()));
  row.append(slider, num);
  // Kept in step with the scenario whatever changed it (a hash edit, load(), set()).
  knobInputs.set(key, (x) => {
    if (document.activeElement !== num) num.value = String(x);
    slider.value = String(toP(Number(x)));
    slider.setAttribute('aria-valuetext', `${spec.name} ${x}`);
  });
  return row;
}

/** Setters of the knob inputs on the page, by scenario key. */
const knobInputs = new Map();

function buildKnobs(s) {
  const box = $('knobs');
  box.replaceChildren();
  knobInputs.clear();
  const info = landscapeInfo(s.get('landscape') || cat.page.default_landscape);
  const specs = [...info.params].sort((a, b) => (b.name === info.curvature) - (a.name === info.curvature));
  const own = expr.knobs();
  if (specs.length + own.length === 0) box.append(el('p', { class: 'about' }, 'This landscape has no knobs.'));
  for (const p of specs) {
    const val = s.has(p.name) ? s.get(p.name) : (p.choices ? p.default : p.default);
    box.append(paramRow(p.name, p, val, p.name === info.curvature));
  }
  for (const k of own) box.append(paramRow(k.key, k, k.value, false));
}

function buildOptimizers(s) {
  const box = $('optimizers');
  const params = $('opt-params');
  box.replaceChildren();
  params.replaceChildren();
  const race = (s.get('opt') || '').split(',');
  cat.optimizers.forEach((o) => {
    const k = race.indexOf(o.id);
    const lab = el('label', { class: 'opt', title: o.title });
    const cb = el('input', { type: 'checkbox', value: o.id });
    cb.checked = k >= 0;
    cb.addEventListener('change', () => {
      const cur = (scenarioPairs().get('opt') || '').split(',').filter(Boolean);
      const next = cb.checked ? [...cur, o.id] : cur.filter((x) => x !== o.id);
      if (next.length === 0) { showError('opt: keep at least one optimizer in the race'); cb.checked = true; return; }
      apply('opt', next.join(','));
      syncControls();
    });
    // The run's colour beside its name; no swatch for an optimizer not in the race.
    lab.append(cb);
    if (k >= 0) {
      const sw = el('span', { class: 'swatch', 'aria-hidden': 'true' });
      sw.style.background = cat.page.run_colours[k % cat.page.run_colours.length];
      lab.append(sw);
    }
    lab.append(document.createTextNode(o.id));
    box.append(lab);
  });
  for (const id of race) {
    const o = optimizerInfo(id);
    if (!o) continue;
    const det = el('details', { class: 'params' });
    det.append(el('summary', {}, `${o.id}: ${o.title}`));
    const sl = cat.page.sliders;
    const lrSpec = { name: 'lr', min: sl.lr.min, max: sl.lr.max, integer: false, doc: 'this optimizer\'s step size (overrides η)' };
    const lrVal = s.get(`${o.id}.lr`) || s.get('lr') || String(o.lr);
    det.append(paramRow(`${o.id}.lr`, lrSpec, lrVal, false));
    const nSpec = { name: 'noise', min: sl.noise.min, max: sl.noise.max, integer: false, doc: 'this optimizer\'s gradient noise σ (overrides noise)' };
    det.append(paramRow(`${o.id}.noise`, nSpec, s.get(`${o.id}.noise`) || s.get('noise') || String(o.noise), false));
    for (const p of o.params) {
      const key = `${o.id}.${p.name}`;
      det.append(paramRow(key, p, s.has(key) ? s.get(key) : p.default, false));
    }
    params.append(det);
  }
}

function buildAbout(s) {
  const box = $('about');
  box.replaceChildren();
  const info = landscapeInfo(s.get('landscape') || cat.page.default_landscape);
  box.append(el('h3', {}, info.title), el('p', {}, info.about));
  for (const id of (s.get('opt') || '').split(',')) {
    const o = optimizerInfo(id);
    if (o) box.append(el('h3', {}, o.title), el('p', {}, o.about));
  }
}

let builtFor = '';
/** Puts every control in line with the demo's scenario. */
function syncControls() {
  const s = scenarioPairs();
  const structure = `${s.get('landscape')}|${s.get('opt')}|${expr.structure(s)}`;
  $('landscape').value = s.get('landscape');
  expr.sync(s);
  if (structure !== builtFor) {
    buildKnobs(s);
    buildOptimizers(s);
    buildAbout(s);
    builtFor = structure;
  }
  // Every knob shows the scenario's value (or its default), however the scenario changed.
  const info = landscapeInfo(s.get('landscape'));
  for (const p of info.params) if (knobInputs.has(p.name)) knobInputs.get(p.name)(s.has(p.name) ? s.get(p.name) : p.default);
  for (const id of (s.get('opt') || '').split(',')) {
    const o = optimizerInfo(id);
    if (!o) continue;
    const set = (key, v) => { if (knobInputs.has(key)) knobInputs.get(key)(v); };
    set(`${id}.lr`, s.get(`${id}.lr`) || s.get('lr') || String(o.lr));
    set(`${id}.noise`, s.get(`${id}.noise`) || s.get('noise') || String(o.noise));
    for (const p of o.params) set(`${id}.${p.name}`, s.has(`${id}.${p.name}`) ? s.get(`${id}.${p.name}`) : p.default);
  }
  // The dimension and the first run's η, without the whole state's JSON (costly at d = 1024).
  const st = { dim: demo.scope.dim(), lr: demo.scope.firstLr() };
  // Landscapes of 3 or more dimensions: which plane the 2D view slices through.
  const planeRow = $('plane-row');
  planeRow.hidden = st.dim < 3;
  if (st.dim >= 3) {
    const sel = $('plane');
    const want = s.get('plane') || '';
    const n = Math.min(st.dim, cat.page.limits.plane_picker_coords);
    const opts = [el('option', { value: '' }, 'the landscape\'s own plane')];
    for (let i = 1; i <= n; i++) for (let j = i + 1; j <= n; j++) opts.push(el('option', { value: `${i},${j}` }, `x${i}, x${j} through the current point`));
    if (sel.dataset.dim !== String(st.dim)) { sel.replaceChildren(...opts); sel.dataset.dim = String(st.dim); }
    sel.value = want;
  }
  const lr = s.has('lr') ? Number(s.get('lr')) : (st.lr > 0 ? st.lr : 0.1);
  $('lr').value = String(SCALES.lr.from(lr));
  $('lr').setAttribute('aria-valuetext', `step size η ${short(lr)}`);
  $('lr-num').value = short(lr);
  const noise = s.has('noise') ? Number(s.get('noise')) : 0;
  $('noise').value = String(SCALES.noise.from(noise));
  $('noise').setAttribute('aria-valuetext', `noise σ ${short(noise)}`);
  $('noise-num').value = short(noise);
  $('seed').value = s.get('seed') || '';
  const speed = Number(s.get('speed') || 1);
  $('speed').value = String(SCALES.speed.from(speed));
  $('speed').setAttribute('aria-valuetext', `at most ${speed} steps a frame`);
  $('speed-out').textContent = `${speed}/frame`;
  const three = s.get('view') === '3d';
  $('view2d').setAttribute('aria-pressed', String(!three));
  $('view3d').setAttribute('aria-pressed', String(three));
  for (const c of document.querySelectorAll('[data-control]')) c.dataset.hidden = 'false';
  for (const h of (s.get('hide') || '').split(',').filter(Boolean)) {
    for (const c of document.querySelectorAll(`[data-control="${h}"]`)) c.dataset.hidden = 'true';
  }
  // With every control group hidden the sidebar goes too; without panels the view takes the row.
  const aside = $('controls');
  aside.dataset.hidden = String([...aside.querySelectorAll(':scope > fieldset')].every((f) => f.dataset.hidden === 'true'));
  document.querySelector('.stage').classList.toggle('no-panels', document.querySelector('.panels').dataset.hidden === 'true');
  document.body.classList.toggle('embed', s.get('embed') === '1');
  if (s.get('embed') === '1') { watchHeight(); postHeight(); }
}

let escapeStudy = null;
let escapeRun = null;
/** Escape-time statistics of the current race over the catalogue's escape_seeds, in the worker pool. */
async function runEscape() {
  const canvas = openPanel('escape-block', 'escape');
  const summary = $('escape-summary');
  let study;
  try {
    study = Study.escape(demo.scenario(), cat.page.limits.escape_seeds);
  } catch (e) { showError(message(e)); return; }
  if (escapeRun) escapeRun.cancel();
  if (escapeStudy) escapeStudy.free();
  escapeStudy = study;
  const progress = $('escape-progress');
  progress.hidden = false;
  $('escape-cancel').hidden = false;
  let last = 0;
  const draw = () => study.render(canvas, window.devicePixelRatio || 1, document.documentElement.dataset.theme === 'dark');
  try {
    escapeRun = sharedPool(workersOf()).run(study, (done, total) => {
      if (study !== escapeStudy) return;
      progress.value = done / total;
      summary.textContent = `running ${total} seeds: ${done} done…`;
      if (performance.now() - last > 250) { last = performance.now(); draw(); }
    }, { kind: 'escape' });
    await escapeRun;
    if (study !== escapeStudy) return;
    draw();
    const stats = JSON.parse(study.json());
    // The words come from the same code as the CLI's `escape` (report::escape_summary).
    summary.textContent = stats.map((s) => s.summary).join('\n');
  } catch (e) {
    if (study !== escapeStudy) return;
    summary.textContent = e instanceof Cancelled ? 'cancelled' : '';
    if (!(e instanceof Cancelled)) showError(message(e));
  } finally {
    if (study === escapeStudy) { progress.hidden = true; $('escape-cancel').hidden = true; }
  }
}

/** The scenario's `workers=`, if set. */
function workersOf() {
  const w = Number(new Map(JSON.parse(demo.scope.pairs())).get('workers'));
  return w > 0 ? w : undefined;
}

/** Shows a hidden panel block and sizes its canvas to device pixels. */
function openPanel(blockId, canvasId) {
  $(blockId).hidden = false;
  const canvas = $(canvasId);
  const dpr = window.devicePixelRatio || 1;
  const r = canvas.getBoundingClientRect();
  canvas.width = Math.max(1, Math.round(r.width * dpr));
  canvas.height = Math.max(1, Math.round(r.height * dpr));
  return canvas;
}

let lastHash = '';
/** Writes the scenario into the URL; `force` also when it has not changed (after a bad link, so
 * the address bar shows what the page shows). */
function writeHash(force = false) {
  if (isLab(location.hash.slice(1))) return;
  const text = demo.scenario();
  if (force || text !== lastHash) {
    lastHash = text;
    history.replaceState(null, '', `#${text}`);
  }
  $('nav-playground').href = `#${text}`;
}

let liveCounter = 0;
function readout(force) {
  const r = JSON.parse(demo.scope.readout());
  // One row per run; its fields wrap between, never inside, on a narrow page.
  const colours = cat.page.run_colours;
  $('readout').replaceChildren(...r.rows.map((cells, k) => {
    const row = el('div', { class: 'row' });
    const sw = el('span', { class: 'swatch', 'aria-hidden': 'true' });
    sw.style.background = colours[k % colours.length];
    row.append(sw, ...cells.map((c) => el('span', { class: c.startsWith('⚠') ? 'cell warn' : 'cell' }, c)));
    return row;
  }));
  if (force || ++liveCounter % 60 === 0) $('live').textContent = r.spoken;
  $('play').textContent = demo.playing ? 'Pause' : 'Play';
  $('play').setAttribute('aria-pressed', String(demo.playing));
}

function onChange(reason) {
  if (reason !== 'tick' && reason !== 'step' && reason !== 'play' && reason !== 'pause') {
    syncControls();
    writeHash();
  }
  readout(reason !== 'tick');
}

function bindControls() {
  $('landscape').replaceChildren(...cat.landscapes.map((l) => el('option', { value: l.id }, `${l.id}: ${l.title}`)));
  expr = expressionControls({ field: $('expression'), row: $('expression-row'), select: $('landscape'), catalogue: cat, demo: () => demo, showError, clearError });
  $('landscape').addEventListener('change', () => { if (!expr.pick($('landscape').value)) apply('landscape', $('landscape').value); });
  $('plane').addEventListener('change', () => { apply('plane', $('plane').value); });
  $('lr').addEventListener('input', () => apply('lr', String(SCALES.lr.to(Number($('lr').value)))));
  $('lr-num').addEventListener('change', () => apply('lr', $('lr-num').value.trim()));
  $('noise').addEventListener('input', () => apply('noise', String(SCALES.noise.to(Number($('noise').value)))));
  $('noise-num').addEventListener('change', () => apply('noise', $('noise-num').value.trim()));
  $('seed').addEventListener('change', () => apply('seed', $('seed').value.trim()));
  $('reseed').addEventListener('click', () => apply('seed', String(Math.floor(Math.random() * 1e9))));
  $('speed').addEventListener('input', () => apply('speed', String(SCALES.speed.to(Number($('speed').value)))));
  $('play').addEventListener('click', () => demo.toggle());
  $('step').addEventListener('click', () => { demo.pause(); demo.advance(1); });
  $('reset').addEventListener('click', () => { demo.reset(); });
  $('census-run').addEventListener('click', () => {
    // The census lives in the lab: open it for this landscape.
    const keep = new Set(['landscape', 'f', ...landscapeInfo(scenarioPairs().get('landscape')).params.map((p) => p.name)]);
    const land = [...scenarioPairs()].filter(([k]) => keep.has(k) || k.startsWith('p.')).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
    location.hash = `lab=census&${land.join('&')}`;
  });
  $('escape-run').addEventListener('click', () => runEscape());
  $('escape-cancel').addEventListener('click', () => { if (escapeRun) escapeRun.cancel(); });
  $('view2d').addEventListener('click', () => apply('view', '2d'));
  $('view3d').addEventListener('click', () => apply('view', '3d'));
  $('share').addEventListener('click', async () => {
    writeHash();
    try { await navigator.clipboard.writeText(location.href); $('share').textContent = 'Link copied'; } catch { $('share').textContent = 'Link in the address bar'; }
    setTimeout(() => { $('share').textContent = 'Copy link'; }, 2000);
  });
  document.addEventListener('keydown', (ev) => {
    const t = ev.target;
    // Keys typed into a field belong to it; Space and Enter on a focused button, link or summary
    // press that control (not Play); the view's arrows move its cursor.
    if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA' || t.isContentEditable || t.closest('.view'))) return;
    if (t && (t.tagName === 'BUTTON' || t.tagName === 'A' || t.tagName === 'SUMMARY') && (ev.key === ' ' || ev.key === 'Enter')) return;
    if (ev.key === ' ') { ev.preventDefault(); demo.toggle(); } else if (ev.key === 'ArrowRight') { ev.preventDefault(); demo.pause(); demo.advance(1); } else if (ev.key === 'r' || ev.key === 'R') { demo.reset(); }
  });
}

const isLab = (h) => /^lab=/.test(h.replace(/^#/, ''));
let lab = null;
let lastLab = 'lab=jin-logd';

/** Dark or light: the page, the playground's canvases and the lab figure. */
function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  const dark = theme === 'dark';
  $('theme').textContent = dark ? 'Light' : 'Dark';
  $('theme').setAttribute('aria-pressed', String(dark));
  if (demo) demo.setTheme(dark);
  if (lab && lab.study) lab.draw();
}

/**
 * In an iframe (embed=1) the page tells its parent how tall it is, so a host can size the frame:
 *   window.addEventListener('message', (e) => { if (e.data && e.data.type === 'saddlescope:height')
 *     document.querySelector('iframe').style.height = `${e.data.height}px`; });
 */
let heightObserver = null;
function postHeight() {
  if (window.parent === window || !document.body.classList.contains('embed')) return;
  window.parent.postMessage({ type: 'saddlescope:height', height: Math.ceil(document.documentElement.scrollHeight) }, '*');
}
function watchHeight() {
  if (heightObserver) return;
  heightObserver = new ResizeObserver(postHeight);
  heightObserver.observe(document.body);
}

/** Shows the lab view or the playground. */
function showMode(labMode) {
  $('lab-view').hidden = !labMode;
  document.querySelector('.layout').hidden = labMode;
  $('nav-lab').setAttribute('aria-current', labMode ? 'page' : 'false');
  $('nav-playground').setAttribute('aria-current', labMode ? 'false' : 'page');
  if (labMode && demo && demo.playing) demo.pause();
}

/** Opens a lab link (a bad one names its field and keeps the last good figure). */
function openLab(text) {
  if (!lab) {
    lab = new LabView($('lab-body'), {
      onLink: (t) => { lastLab = t; if (location.hash.slice(1) !== t) history.replaceState(null, '', `#${t}`); $('nav-lab').href = `#${t}`; },
      onError: showError,
      dark: () => document.documentElement.dataset.theme === 'dark',
    });
  }
  if (lab.setText(text)) clearError();
  else if (!lab.study) { lab.setText('lab=jin-logd'); }
  else history.replaceState(null, '', `#${lab.text}`);
  document.body.classList.toggle('embed', lab.study.embedded());
  if (lab.study.embedded()) { watchHeight(); postHeight(); }
}

let starting = null;
/**
 * Builds the playground's demo (only when first shown: the lab view does not need it). A costly
 * landscape is prepared in the worker pool first, while the page keeps answering.
 */
function startPlayground(hash) {
  if (starting) return starting;
  const els = {
    view: $('view'), bg: $('bg'), fg: $('fg'), hessian: $('hessian'), loss: $('loss'), probe: $('probe'),
    hessianProbe: $('hessian-probe'), lossProbe: $('loss-probe'),
  };
  const hooks = {
    onChange,
    onError: showError,
    onBusy: (on) => { if (!demo) $('readout').textContent = on ? 'computing this landscape in the background…' : ''; },
  };
  starting = (async () => {
    try {
      demo = await Demo.create(els, hash || DEFAULT, hooks);
    } catch (e) {
      demo = new Demo(els, DEFAULT, hooks);
      showError(`URL: ${message(e)} (showing the default scenario instead)`);
      clearTimeout(errorTimer);
    }
    demo.setTheme(document.documentElement.dataset.theme === 'dark');
    bindControls();
    syncControls();
    // Export controls (www/export.js); the iframe's height goes to its host from syncControls.
    window.saddlescope.export = installExport($('controls'), () => demo, { onError: showError });
    writeHash();
    readout(true);
    document.body.dataset.ready = 'true';
  })();
  return starting;
}

// ---- Lecture scenes and presentation mode (issue #13, www/scenes.js) ----
let presentation = null;
/** The list part of the presentation's link (`scenes`, `scenes=…`), to tell a new list from a new scene. */
let presentationList = '';
async function openScenes(hash) {
  if (demo && demo.playing) demo.pause();
  try {
    // `#scenes…&scene=N` shows scene N; the link follows the scene on screen.
    const { list: listPart, scene } = splitScenes(hash);
    if (presentation && presentationList === listPart) { presentation.go(scene - 1); return; }
    const list = await loadScenes(hash);
    if (presentation) presentation.close();
    presentation = new Presentation(list, {
      onError: showError,
      onScene: (n) => history.replaceState(null, '', `#${listPart}${n > 1 ? `&scene=${n}` : ''}`),
      onExit: (scenario) => { presentation = null; location.hash = lastHash || scenario || DEFAULT; },
      current: () => (demo ? demo.scenario() : null),
    }, scene);
    presentationList = listPart;
  } catch (e) { showError(message(e)); }
}
function closeScenes() { if (presentation) { presentation.close(); presentation = null; } }
// ---- end of scenes ----

/** Follows the URL hash: a lab link opens the lab, anything else is a playground scenario. A
 * malformed %-escape is named by the parser (it does not throw here). */
function route(hash) {
  if (isScenes(hash)) { openScenes(hash); return; }
  closeScenes();
  if (isLab(hash)) {
    showMode(true);
    if (!lab || hash !== lab.text) openLab(hash);
    return;
  }
  showMode(false);
  if (lab) lab.stop();
  if (!demo) { startPlayground(hash); return; }
  let same = false;
  try { same = decodeURIComponent(hash) === lastHash; } catch { same = false; }
  if (same || hash === lastHash) return;
  try {
    demo.load(hash || DEFAULT);
    clearError();
  } catch (e) {
    showError(`URL: ${message(e)} (keeping the last good scenario)`);
    writeHash(true);
  }
}

/** A demo call's result: at once, or when a worker has prepared a costly landscape. */
const then = (r, f) => (r && typeof r.then === 'function' ? r.then(f) : f());

async function main() {
  try {
    await loadModule();
  } catch (e) {
    showError(`The WebAssembly module failed to load (${message(e)}). Build it with scripts/serve, or use a browser with WebAssembly.`);
    errorBox.hidden = false;
    clearTimeout(errorTimer);
    return;
  }
  cat = JSON.parse(catalogue());
  SCALES = scales(cat);
  DEFAULT = cat.page.default;
  const saved = (() => { try { return localStorage.getItem('saddlescope-theme'); } catch { return null; } })();
  applyTheme(saved || (window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
  $('theme').addEventListener('click', () => {
    const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    try { localStorage.setItem('saddlescope-theme', next); } catch { /* private mode */ }
    applyTheme(next);
  });
  const hash = location.hash.slice(1);
  window.addEventListener('hashchange', () => route(location.hash.slice(1)));
  window.saddlescope = {
    scenario: () => demo.scenario(),
    state: () => demo.state(),
    advance: (n) => { demo.advance(Number(n) || 0); return demo.state(); },
    set: (k, v) => then(demo.set(k, v), () => demo.scenario()),
    load: (s) => then(demo.load(s), () => demo.scenario()),
    play: () => demo.play(),
    pause: () => demo.pause(),
    lab: {
      state: () => (lab ? { ...lab.state, text: lab.text } : null),
      json: () => (lab ? lab.json() : null),
      open: (t) => { location.hash = t; },
      cancel: () => lab && lab.cancel(),
    },
    ready: true,
  };
  if (isLab(hash) || isScenes(hash)) {
    route(hash);
    document.body.dataset.ready = 'true';
  } else {
    await startPlayground(hash);
  }
}

main();
