// A pool worker: instantiates the page's compiled wasm module, then runs chunks of a Study's jobs
// and sends their results back as a transferable Float64Array. No DOM, no state between chunks.
import init, { runJobs, encodeJobs } from '../pkg/saddlescope.js';

let ready = null;

self.onmessage = async (e) => {
  const m = e.data;
  if (m.type === 'init') {
    ready = init({ module_or_path: m.module });
    try {
      await ready;
      self.postMessage({ type: 'ready' });
    } catch (err) {
      self.postMessage({ type: 'error', message: `the WebAssembly module failed to start in a worker (${err && err.message ? err.message : err})` });
    }
    return;
  }
  if (m.type === 'jobs') {
    try {
      await ready;
      // Jobs with pixels from the page (a GIF's frames) are encoded; the others computed.
      const data = m.payload ? encodeJobs(m.spec, m.payload.pixels, m.payload.previous) : runJobs(m.spec, m.start, m.end);
      self.postMessage({ type: 'result', data }, [data.buffer]);
    } catch (err) {
      self.postMessage({ type: 'error', message: err && err.message ? err.message : String(err) });
    }
  }
};
