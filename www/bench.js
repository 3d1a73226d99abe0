// The bench page's timings (www/bench.html). No inline script: the page runs under a strict
// Content-Security-Policy. `bench.html#quick` runs every measurement a few times only (the page
// tests use it to check the page works; the figures need the full run).
import init, { Scope, kernelStepsPerSecond, coreStepsPerSecond } from '../pkg/saddlescope.js';
const $ = (id) => document.getElementById(id);
const quick = location.hash === '#quick';
/** Repetitions: `n`, or a few in quick mode. */
const reps = (n) => (quick ? Math.min(n, 3) : n);
const stats = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  const q = (p) => v[Math.min(v.length - 1, Math.round(p * (v.length - 1)))];
  return { median_ms: +q(0.5).toFixed(3), p95_ms: +q(0.95).toFixed(3), n: v.length };
};
const time = (n, f) => { const out = []; for (let i = 0; i < n; i++) { const t0 = performance.now(); f(i); out.push(performance.now() - t0); } return out; };

// The same 2D kernel, hand-written in JavaScript: one GD step on the saddle plus the closed-form
// 2×2 eigen-decomposition of its Hessian, nothing recorded, restarting every 2048 steps.
function jsKernel(n) {
  const a = 1, b = 1, c = 1;
  let x0 = 1, x1 = 1e-12, acc = 0;
  for (let i = 0; i < n; i++) {
    if (i % 2048 === 0) { x0 = 1; x1 = 1e-12; }
    const g0 = a * x0, g1 = -b * x1 + c * x1 * x1 * x1;
    const h00 = a, h01 = 0, h11 = -b + 3 * c * x1 * x1;
    if (h01 === 0) {
      // Diagonal Hessian: the same shortcut as the Rust closed form.
      acc += h00 <= h11 ? h00 + 1 : h11 + 0;
      x0 -= 0.1 * g0; x1 -= 0.1 * g1;
      continue;
    }
    const m = 0.5 * (h00 + h11), hh = 0.5 * (h00 - h11), r = Math.sqrt(hh * hh + h01 * h01);
    const l1 = m - r;
    let vx = h01, vy = l1 - h00, n1 = vx * vx + vy * vy;
    const wx = l1 - h11, wy = h01, n2 = wx * wx + wy * wy;
    if (!(n1 >= n2 && n1 > 0)) { vx = wx; vy = wy; n1 = n2; }
    const nn = Math.sqrt(n1) || 1;
    acc += l1 + vx / nn;
    x0 -= 0.1 * g0; x1 -= 0.1 * g1;
  }
  return acc + x0;
}

async function main() {
  await init();
  const scenario = 'landscape=saddle&opt=gd,sgd,nesterov,adam,momentum,rmsprop&noise=0.01&seed=1&steps=5000';
  const s = new Scope(scenario, $('bg'), $('fg'), $('hessian'), $('loss'));
  // As the playground does: panel axes on the base canvases, series on transparent overlays.
  s.setPanelOverlays($('hessian-fg'), $('loss-fg'));
  s.advance(5000);
  s.render();
  const result = {};
  const state = JSON.parse(s.state());
  result.frame_setup = { runs: state.runs.length, points_per_run: state.runs.map((r) => r.step) };
  // A frame of a playing animation: one more step of every run, then the redraw.
  result.frame_2d = stats(time(reps(60), () => { s.advance(1); s.render(); }));
  result.knob_change = stats(time(reps(30), (i) => { s.set('b', String(0.5 + 0.01 * (i % 50))); s.render(); }));
  s.set('view', '3d');
  s.render();
  result.rotate_3d = stats(time(reps(30), () => { s.drag(4, 1); s.render(); }));
  const kernel = []; const js = []; const core = []; const quiet = [];
  for (let i = 0; i < reps(5); i++) {
    kernel.push(kernelStepsPerSecond(quick ? 100000 : 4000000));
    const t0 = performance.now(); const n = quick ? 100000 : 4000000; const r = jsKernel(n); js.push(n / ((performance.now() - t0) / 1000)); if (!isFinite(r)) throw new Error('js kernel');
    core.push(coreStepsPerSecond('landscape=saddle&noise=1e-3', 'gd', quick ? 5000 : 200000));
    quiet.push(coreStepsPerSecond('landscape=rosenbrock', 'gd', quick ? 1000 : 30000));
  }
  const med = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
  result.kernel_wasm_steps_per_s = med(kernel);
  result.kernel_js_steps_per_s = med(js);
  result.recorded_gd_saddle_steps_per_s = med(core);
  result.recorded_gd_rosenbrock_steps_per_s = med(quiet);
  s.free();
  window.benchResult = result;
  $('out').textContent = JSON.stringify(result, null, 2);
}
main().catch((e) => { $('out').textContent = 'bench failed: ' + e; window.benchResult = { error: String(e) }; });
