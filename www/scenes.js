// Lecture scenes and presentation mode. A scene list is an ordered set of scenarios, each with a
// title, a one-to-three sentence takeaway, the panel to show and, where the lab has a figure for
// it, that figure's preset. It lives in the URL (#scenes=<base64url JSON>), in a JSON file
// (#scenes=lecture.json, same origin) or is the built-in list (#scenes, www/scenes.json).
// Presentation mode fills the screen with large type: the view, one panel and the takeaway; ←/→
// and PageUp/PageDown (what presentation clickers send) move between scenes, and each scene
// autoplays. A teacher can reorder scenes, edit their text, add the playground's scenario and
// copy the link.
import { Demo, message } from './demo.js';

const BUILT_IN = new URL('./scenes.json', import.meta.url);

/** Whether a URL hash opens the scenes. */
export const isScenes = (hash) => /^scenes(=|&|$)/.test(hash.replace(/^#/, ''));

/** A scenes link's two parts: the list (`scenes`, `scenes=…`) and the scene shown (`&scene=N`, 1-based). */
export function splitScenes(hash) {
  const h = hash.replace(/^#/, '');
  const m = /&scene=([^&]*)$/.exec(h);
  const list = m ? h.slice(0, m.index) : h;
  const n = m ? Number(m[1]) : 1;
  if (m && !(Number.isInteger(n) && n >= 1)) throw new Error(`scene: "${m[1].slice(0, 20)}" is not a scene number (1, 2, …)`);
  return { list, scene: n };
}

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

const toBase64Url = (s) => {
  const b = new TextEncoder().encode(s);
  let bin = '';
  for (const x of b) bin += String.fromCharCode(x);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
const fromBase64Url = (s) => {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
};

/** Checks a scene list's shape; returns { title, scenes } or throws a message naming the problem. */
export function checkScenes(data) {
  if (!data || !Array.isArray(data.scenes) || data.scenes.length === 0) throw new Error('scenes: a list needs at least one scene');
  if (data.scenes.length > 100) throw new Error('scenes: at most 100 scenes');
  const scenes = data.scenes.map((s, i) => {
    if (!s || typeof s.scenario !== 'string') throw new Error(`scenes: scene ${i + 1} has no scenario`);
    const text = (v, n) => String(v || '').slice(0, n);
    const panel = s.panel === 'loss' ? 'loss' : 'hessian';
    const lab = /^[a-z0-9-]{1,40}$/.test(s.lab || '') ? s.lab : '';
    return { title: text(s.title, 200) || `Scene ${i + 1}`, takeaway: text(s.takeaway, 600), scenario: text(s.scenario, 4000).replace(/^#/, ''), panel, lab };
  });
  return { title: String(data.title || 'Scenes').slice(0, 200), scenes };
}

/** The scene list a hash names: built in, a same-origin JSON file, or encoded in the link. */
export async function loadScenes(hash) {
  const v = splitScenes(hash).list.replace(/^scenes=?/, '');
  if (v === '' || v === 'builtin') return checkScenes(await (await fetch(BUILT_IN)).json());
  if (/\.json$/.test(v)) {
    const url = new URL(decodeURIComponent(v), location.href);
    if (url.origin !== location.origin) throw new Error('scenes: a scene file must come from this site');
    const r = await fetch(url);
    if (!r.ok) throw new Error(`scenes: ${url.pathname} could not be loaded (HTTP ${r.status})`);
    return checkScenes(await r.json());
  }
  let data;
  try { data = JSON.parse(fromBase64Url(v)); } catch { throw new Error('scenes: the link does not hold a scene list'); }
  return checkScenes(data);
}

/** The link of a scene list. */
export const scenesLink = (list) => `${location.href.split('#')[0]}#scenes=${toBase64Url(JSON.stringify(list))}`;

export class Presentation {
  /**
   * @param {object} list  { title, scenes }
   * @param {object} hooks  { onExit(scenario), onError(msg), onScene(n), current() → the playground's scenario or null }
   * @param {number} first  the scene shown first (1-based; clamped to the list)
   */
  constructor(list, hooks = {}, first = 1) {
    this.list = list;
    this.hooks = hooks;
    this.index = 0;
    this.demo = null;
    this.root = el('section', { class: 'present', id: 'present', 'aria-label': 'Presentation', tabindex: '-1' });
    const bar = el('div', { class: 'present-bar' });
    this.counter = el('span', { class: 'present-count', 'aria-live': 'polite' });
    const b = (id, text, title) => { const x = el('button', { type: 'button', id: `present-${id}`, title }, text); bar.append(x); return x; };
    b('prev', '←', 'Previous scene (← or PageUp)').addEventListener('click', () => this.go(this.index - 1));
    bar.append(this.counter);
    b('next', '→', 'Next scene (→ or PageDown)').addEventListener('click', () => this.go(this.index + 1));
    b('edit', 'Edit scenes', 'Reorder, edit and share the scene list').addEventListener('click', () => this.toggleEditor());
    b('full', 'Full screen', 'Full screen (f)').addEventListener('click', () => this.fullscreen());
    b('exit', 'Exit', 'Leave presentation mode (Esc)').addEventListener('click', () => this.exit());
    this.title = el('h2', { class: 'present-title' });
    this.takeaway = el('p', { class: 'present-takeaway' });
    this.lab = el('a', { class: 'present-lab' });
    this.stage = el('div', { class: 'present-stage' });
    this.editor = el('div', { class: 'present-editor', 'aria-label': 'Scene list' });
    this.editor.hidden = true;
    const text = el('div', { class: 'present-text' });
    text.append(this.title, this.takeaway, this.lab);
    this.root.append(bar, text, this.stage, this.editor);
    this.onKey = (ev) => {
      const t = ev.target;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
      if (ev.key === 'ArrowRight' || ev.key === 'PageDown') this.go(this.index + 1);
      else if (ev.key === 'ArrowLeft' || ev.key === 'PageUp') this.go(this.index - 1);
      else if (ev.key === 'Escape' && !document.fullscreenElement) this.exit();
      else if (ev.key === 'f') this.fullscreen();
      else return;
      // The playground's own keys (→ steps its demo) must not see it.
      ev.preventDefault();
      ev.stopPropagation();
    };
    document.addEventListener('keydown', this.onKey, true);
    document.body.append(this.root);
    document.body.classList.add('presenting');
    this.root.focus();
    this.go(first - 1);
  }

  fullscreen() {
    if (document.fullscreenElement) { document.exitFullscreen().catch(() => {}); return; }
    if (this.root.requestFullscreen) this.root.requestFullscreen().catch(() => {});
  }

  /** Shows scene `i` (clamped) and starts it playing. */
  async go(i) {
    const n = this.list.scenes.length;
    const k = Math.max(0, Math.min(n - 1, i));
    if (k === this.index && this.demo) return;
    this.index = k;
    const s = this.list.scenes[k];
    this.counter.textContent = `${k + 1} / ${n}`;
    if (this.hooks.onScene) this.hooks.onScene(k + 1);
    this.title.textContent = s.title;
    this.takeaway.textContent = s.takeaway;
    this.lab.hidden = !s.lab;
    if (s.lab) { this.lab.href = `#lab=${s.lab}`; this.lab.textContent = `The lab's figure: ${s.lab} →`; }
    if (this.demo) { this.demo.destroy(); this.demo = null; }
    // Fresh elements per scene (a demo adds its overlays to them).
    const view = el('div', { class: 'view present-view', role: 'img', 'aria-label': `${s.title}: optimizer trajectories` });
    const bg = el('canvas');
    const fg = el('canvas');
    view.append(bg, fg);
    const panelBox = el('div', { class: 'panel present-panel' });
    const panel = el('canvas', { role: 'img', 'aria-label': s.panel === 'loss' ? 'Loss against step' : 'Hessian eigenvalues against step' });
    panelBox.append(panel);
    this.stage.replaceChildren(view, panelBox);
    const els = { view, bg, fg, hessian: s.panel === 'loss' ? null : panel, loss: s.panel === 'loss' ? panel : null };
    const seq = (this.seq = (this.seq || 0) + 1);
    try {
      const demo = await Demo.create(els, s.scenario, { onError: (m) => this.error(m) });
      if (seq !== this.seq || !this.root.isConnected) { demo.destroy(); return; }
      this.demo = demo;
      demo.play();
    } catch (e) {
      this.error(`scene ${k + 1}: ${message(e)}`);
    }
    this.root.dataset.scene = String(k + 1);
    if (!this.editor.hidden) this.renderEditor();
  }

  error(msg) {
    if (this.hooks.onError) this.hooks.onError(msg);
  }

  /** The scene list now, as shared. */
  get data() {
    return { title: this.list.title, scenes: this.list.scenes };
  }

  toggleEditor() {
    this.editor.hidden = !this.editor.hidden;
    this.root.classList.toggle('editing', !this.editor.hidden);
    if (!this.editor.hidden) this.renderEditor();
  }

  renderEditor() {
    const rows = this.list.scenes.map((s, i) => {
      const li = el('li', { class: i === this.index ? 'current' : '' });
      const title = el('input', { type: 'text', value: s.title, 'aria-label': `title of scene ${i + 1}` });
      title.addEventListener('change', () => { s.title = title.value; if (i === this.index) this.title.textContent = s.title; });
      const take = el('textarea', { rows: '2', 'aria-label': `takeaway of scene ${i + 1}` });
      take.value = s.takeaway;
      take.addEventListener('change', () => { s.takeaway = take.value; if (i === this.index) this.takeaway.textContent = s.takeaway; });
      const move = (d) => () => {
        const j = i + d;
        if (j < 0 || j >= this.list.scenes.length) return;
        const a = this.list.scenes;
        [a[i], a[j]] = [a[j], a[i]];
        if (this.index === i) this.index = j; else if (this.index === j) this.index = i;
        this.counter.textContent = `${this.index + 1} / ${a.length}`;
        this.renderEditor();
      };
      const btn = (t, label, f) => { const x = el('button', { type: 'button', title: label, 'aria-label': label }, t); x.addEventListener('click', f); return x; };
      const tools = el('div', { class: 'buttons' });
      tools.append(btn('↑', `move scene ${i + 1} up`, move(-1)), btn('↓', `move scene ${i + 1} down`, move(1)), btn('show', `show scene ${i + 1}`, () => this.go(i)),
        btn('✕', `remove scene ${i + 1}`, () => { if (this.list.scenes.length > 1) { this.list.scenes.splice(i, 1); this.index = Math.min(this.index, this.list.scenes.length - 1); this.renderEditor(); } }));
      li.append(title, take, el('code', {}, s.scenario), tools);
      return li;
    });
    const ol = el('ol');
    ol.append(...rows);
    const add = el('button', { type: 'button' }, 'Add the playground\'s scenario');
    add.addEventListener('click', () => {
      const cur = this.hooks.current ? this.hooks.current() : null;
      if (!cur) { this.error('scenes: open the playground first to add its scenario'); return; }
      this.list.scenes.push({ title: 'A new scene', takeaway: '', scenario: cur, panel: 'hessian', lab: '' });
      this.renderEditor();
    });
    const copy = el('button', { type: 'button', id: 'present-copy' }, 'Copy link');
    const link = el('input', { type: 'text', readonly: '', class: 'present-link', 'aria-label': 'link to this scene list', value: scenesLink(this.data) });
    copy.addEventListener('click', async () => {
      link.value = scenesLink(this.data);
      try { await navigator.clipboard.writeText(link.value); copy.textContent = 'Link copied'; } catch { copy.textContent = 'Link below'; link.select(); }
      setTimeout(() => { copy.textContent = 'Copy link'; }, 2000);
    });
    const json = el('button', { type: 'button' }, 'Save as JSON');
    json.addEventListener('click', () => {
      const a = el('a', { href: URL.createObjectURL(new Blob([JSON.stringify(this.data, null, 2)], { type: 'application/json' })), download: 'scenes.json' });
      document.body.append(a);
      a.click();
      a.remove();
    });
    const tools = el('div', { class: 'buttons' });
    tools.append(add, copy, json);
    this.editor.replaceChildren(ol, tools, link);
  }

  exit() {
    this.close();
    // The playground takes over with the scene on screen (unless the page came from its own).
    if (this.hooks.onExit) this.hooks.onExit(this.list.scenes[this.index].scenario);
  }

  /** Stops the scene and removes the presentation. */
  close() {
    document.removeEventListener('keydown', this.onKey, true);
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    if (this.demo) { this.demo.destroy(); this.demo = null; }
    this.seq = (this.seq || 0) + 1;
    this.root.remove();
    document.body.classList.remove('presenting');
  }
}
