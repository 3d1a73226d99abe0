// The worker pool: module Web Workers that instantiate the page's compiled wasm module and run the
// jobs of a Study (a lab figure, escape statistics). The Study, in wasm on the main thread, says
// what to run and merges the results in job order, so a result never depends on the pool's size.
// Chunks are sized from the measured job time to take about 60 ms; Cancel terminates the workers
// at once (new ones start for the next run).
import { compiledModule } from './module.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);
const CHUNK_MS = 60;

/** Pool size: min(hardwareConcurrency, 8), or `workers` when a scenario sets it. */
export function defaultSize() {
  return Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 8));
}

export class Cancelled extends Error {
  constructor() { super('cancelled'); this.name = 'Cancelled'; }
}

export class Pool {
  constructor(size = defaultSize()) {
    this.size = size;
    this.workers = [];
    this.generation = 0;
    this.current = null;
  }

  /** Starts (or restarts) the workers; each gets the compiled module, not a second download. */
  async spawn() {
    const module = await compiledModule();
    while (this.workers.length < this.size) {
      const w = new Worker(WORKER_URL, { type: 'module' });
      const ready = new Promise((resolve, reject) => {
        w.onmessage = (e) => { if (e.data && e.data.type === 'ready') resolve(); else if (e.data && e.data.type === 'error') reject(new Error(e.data.message)); };
        w.onerror = (e) => reject(new Error(`a worker failed to start: ${e.message || 'unknown error'}`));
      });
      w.postMessage({ type: 'init', module });
      this.workers.push({ worker: w, ready, busy: false, msPerJob: null });
    }
    await Promise.all(this.workers.map((s) => s.ready));
  }

  /** Resizes the pool (takes effect for the next run). */
  resize(size) {
    const n = Math.max(1, Math.min(16, size | 0));
    if (n === this.size) return;
    this.terminate();
    this.size = n;
  }

  terminate() {
    for (const s of this.workers) s.worker.terminate();
    this.workers = [];
  }

  /** Stops the running study now: its workers are terminated, its promise rejects with Cancelled. */
  cancel() {
    if (!this.current) return;
    const c = this.current;
    this.current = null;
    this.generation++;
    this.terminate();
    c.reject(new Cancelled());
  }

  get running() { return this.current !== null; }

  /**
   * Runs every job of `study`; calls onProgress(done, total) after each chunk is accepted.
   * Resolves when all jobs are in; rejects with Cancelled on cancel() or with the worker's error.
   */
  run(study, onProgress = () => {}) {
    if (this.current) this.cancel();
    const gen = ++this.generation;
    return new Promise((resolve, reject) => {
      this.current = { reject };
      const total = study.jobs();
      let next = 0;
      const fail = (err) => {
        if (gen !== this.generation) return;
        this.current = null;
        this.generation++;
        // A worker whose wasm trapped may be left in a bad state: start afresh next time.
        this.terminate();
        reject(err);
      };
      const dispatch = () => {
        if (gen !== this.generation) return;
        const ready = study.ready();
        const spec = study.spec();
        for (const s of this.workers) {
          if (s.busy || next >= ready) continue;
          const per = s.msPerJob || 20;
          const size = Math.max(1, Math.min(64, Math.round(CHUNK_MS / per), ready - next, Math.ceil((ready - next) / this.workers.length)));
          const start = next;
          const end = start + size;
          next = end;
          s.busy = true;
          const t0 = performance.now();
          s.worker.onmessage = (e) => {
            if (gen !== this.generation) return;
            const m = e.data;
            s.busy = false;
            if (m.type === 'error') { fail(new Error(m.message)); return; }
            s.msPerJob = Math.max(0.05, (performance.now() - t0) / (end - start));
            try {
              study.accept(start, m.data);
            } catch (err) { fail(err); return; }
            const done = study.done();
            onProgress(done, total);
            if (done >= total) {
              this.current = null;
              resolve();
            } else {
              dispatch();
            }
          };
          s.worker.onerror = (e) => fail(new Error(`a worker failed: ${e.message || 'unknown error'}`));
          s.worker.postMessage({ type: 'jobs', spec, start, end });
        }
      };
      this.spawn().then(dispatch, fail);
      onProgress(0, total);
    });
  }
}

let shared = null;
/** The page's one pool (all demos and lab figures on a page share it). */
export function sharedPool(size) {
  if (!shared) shared = new Pool(size || defaultSize());
  else if (size && size !== shared.size && !shared.running) shared.resize(size);
  return shared;
}
