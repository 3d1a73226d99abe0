// The wasm module, fetched and compiled once per page: the main thread instantiates it, and every
// pool worker gets the same compiled WebAssembly.Module (no second download, no second compile).
import init from '../pkg/saddlescope.js';

const WASM_URL = new URL('../pkg/saddlescope_bg.wasm', import.meta.url);
let compiled = null;
let ready = null;

/** The compiled module (compiled once). */
export function compiledModule() {
  if (!compiled) {
    compiled = (typeof WebAssembly.compileStreaming === 'function'
      ? WebAssembly.compileStreaming(fetch(WASM_URL)).catch(() => fetch(WASM_URL).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b)))
      : fetch(WASM_URL).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b)));
  }
  return compiled;
}

/** Instantiates the module on this thread once, however many demos there are. */
export function loadModule() {
  if (!ready) ready = compiledModule().then((module) => init({ module_or_path: module }));
  return ready;
}
