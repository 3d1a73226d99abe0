// The worker pool: module Web Workers that instantiate the page's compiled wasm module and run the
// jobs of studies (a lab figure, escape statistics, a finer landscape raster, a costly landscape's
// critical points, the frames of an exported GIF). A study, in wasm on the main thread, says what to run and merges results in
// job order, so a result never depends on the pool's size. Several studies can run at once; urgent
// ones (a picture the reader waits for) go first. Chunks are sized from the measured job time to
// take about 60 ms. Cancelling a study terminates the workers busy with it at once; fresh workers
// take their place.
import { compiledModule } from './module.js';
import { facts } from './facts.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);
const CHUNK_MS = 60;

/** Pool size: min(hardwareConcurrency, the catalogue's pool_workers), or `workers` when a
 * scenario sets it. */
export function defaultSize() {
  return Math.max(1, Math.min(navigator.hardwareConcurrency || 2, facts().limits.pool_workers));
}

export class Cancelled extends Error {
  constructor() { super('cancelled'); this.name = 'Cancelled'; }
}

/** A study of one job whose result is handed to `onResult` (a raster, a preparation). */
export class OneJob {
  constructor(spec) { this.specText = spec; this.data = null; }
  jobs() { return 1; }
  ready() { return 1; }
  spec() { return this.specText; }
  accept(start, data) { this.data = data.subarray(1, 1 + data[0]); return 1; }
  done() { return this.data ? 1 : 0; }
}

export class Pool {
  constructor(size = defaultSize()) {
    this.size = size;
    this.slots = [];
    this.runs = [];
    this.module = null;
  }

  get running() { return this.runs.length > 0; }

  /** Resizes the pool; workers come and go between chunks. */
  resize(size) {
    this.size = Math.max(1, Math.min(facts().limits.max_workers, size | 0));
    while (this.slots.length > this.size) {
      const s = this.slots.pop();
      if (s.job) this.requeue(s.job);
      s.worker.terminate();
    }
    this.fill();
  }

  /** Starts workers up to the pool's size; each gets the compiled module (no second download). */
  fill() {
    if (!this.module) {
      compiledModule().then((m) => { this.module = m; this.fill(); }, (e) => { for (const r of [...this.runs]) this.finish(r, e); });
      return;
    }
    while (this.slots.length < this.size) {
      const slot = { worker: new Worker(WORKER_URL, { type: 'module' }), ready: false, job: null, msPerJob: new Map() };
      slot.worker.onmessage = (e) => this.message(slot, e.data);
      slot.worker.onerror = (e) => this.crashed(slot, new Error(`a worker failed: ${e.message || 'it could not start'}`));
      slot.worker.postMessage({ type: 'init', module: this.module });
      this.slots.push(slot);
    }
  }

  message(slot, m) {
    if (m.type === 'ready') { slot.ready = true; this.dispatch(); return; }
    const job = slot.job;
    slot.job = null;
    if (!job || !this.runs.includes(job.run)) { this.dispatch(); return; }
    const run = job.run;
    if (m.type === 'error') {
      // A worker whose wasm trapped may be left in a bad state: replace it.
      this.replace(slot);
      this.finish(run, new Error(m.message));
      return;
    }
    slot.msPerJob.set(run.kind, Math.max(0.05, (performance.now() - job.t0) / (job.end - job.start)));
    try {
      run.study.accept(job.start, m.data);
    } catch (err) { this.finish(run, err); return; }
    const done = run.study.done();
    run.onProgress(done, run.total);
    if (done >= run.total) this.finish(run, null);
    this.dispatch();
  }

  crashed(slot, err) {
    const job = slot.job;
    slot.job = null;
    this.replace(slot);
    if (job) this.finish(job.run, err);
  }

  replace(slot) {
    slot.worker.terminate();
    this.slots = this.slots.filter((s) => s !== slot);
    this.fill();
  }

  requeue(job) {
    job.run.pending.unshift([job.start, job.end]);
  }

  finish(run, err) {
    if (!this.runs.includes(run)) return;
    this.runs = this.runs.filter((r) => r !== run);
    if (err) run.reject(err); else run.resolve();
  }

  /** Sends chunks to idle workers: urgent studies first, then in the order they came. */
  dispatch() {
    const runs = [...this.runs].sort((a, b) => b.priority - a.priority);
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      for (const run of runs) {
        const chunk = this.nextChunk(run, slot);
        if (!chunk) continue;
        slot.job = { run, start: chunk[0], end: chunk[1], t0: performance.now() };
        // A study of pixels the page made (a GIF's frames) sends them with the chunk.
        const payload = run.study.payload ? run.study.payload(chunk[0], chunk[1]) : undefined;
        slot.worker.postMessage({ type: 'jobs', spec: run.study.spec(), start: chunk[0], end: chunk[1], payload }, payload ? [payload.pixels.buffer] : []);
        break;
      }
    }
  }

  nextChunk(run, slot) {
    if (run.pending.length) return run.pending.shift();
    const ready = run.study.ready();
    if (run.next >= ready) return null;
    const per = slot.msPerJob.get(run.kind) || 20;
    const size = Math.max(1, Math.min(64, Math.round(CHUNK_MS / per), ready - run.next, Math.ceil((ready - run.next) / this.slots.length)));
    const chunk = [run.next, run.next + size];
    run.next += size;
    return chunk;
  }

  /**
   * Runs every job of `study`; calls onProgress(done, total) after each chunk is accepted.
   * Returns a promise (resolved when all jobs are in; rejected with Cancelled or the worker's
   * error) with a `cancel()` method.
   */
  run(study, onProgress = () => {}, { priority = 0, kind = 'study' } = {}) {
    let run;
    const promise = new Promise((resolve, reject) => {
      run = { study, onProgress, priority, kind, resolve, reject, next: 0, pending: [], total: study.jobs() };
    });
    this.runs.push(run);
    promise.cancel = () => this.cancel(run);
    onProgress(0, run.total);
    this.fill();
    this.dispatch();
    return promise;
  }

  /** Stops `run` now: the workers busy with it are terminated (fresh ones take their place). */
  cancel(run) {
    if (!this.runs.includes(run)) return;
    for (const slot of [...this.slots]) {
      if (slot.job && slot.job.run === run) { slot.job = null; this.replace(slot); }
    }
    this.finish(run, new Cancelled());
    this.dispatch();
  }
}

let shared = null;
/** The page's one pool (all demos and lab figures on a page share it). */
export function sharedPool(size) {
  if (!shared) shared = new Pool(size || defaultSize());
  else if (size && size !== shared.size) shared.resize(size);
  return shared;
}
