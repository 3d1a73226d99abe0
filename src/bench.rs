//! Throughput figures: steps per second of the core, printed by `saddlescope bench` and
//! `cargo bench`. Targets live here as numbers to read, never as timed tests.

use crate::numeric::eigen::eigen2;
use crate::landscape::{Landscape, Saddle};
use crate::run::Race;
use crate::scenario::Scenario;
use std::time::Instant;

/// The 2D step kernel: one GD step on `saddle` plus the closed-form 2×2 eigen-decomposition of the
/// Hessian, nothing recorded. Returns a checksum so the work is not optimised away.
///
/// The run restarts from (1, 1e-12) every 2048 steps: left alone, x₁ = 0.9ᵗ sinks into the
/// subnormal range (t ≈ 6700) and sticks at 5e-324, where every multiplication takes ~100 cycles
/// on x86; that would time the CPU's subnormal trap, not the kernel.
#[inline(never)]
pub fn kernel_2d(n: u64) -> f64 {
    let l = Saddle::new(1.0, 1.0, 1.0, 0.0);
    let mut x = [1.0, 1e-12];
    let mut g = [0.0; 2];
    let mut h = [0.0; 4];
    let mut acc = 0.0;
    for i in 0..n {
        if i % 2048 == 0 {
            x = [1.0, 1e-12];
        }
        l.gradient(&x, &mut g);
        l.hessian(&x, &mut h);
        let (vals, vecs) = eigen2(h[0], h[1], h[3]);
        acc += vals[0] + vecs[0][0];
        x[0] -= 0.1 * g[0];
        x[1] -= 0.1 * g[1];
    }
    acc + x[0]
}

fn time<F: FnMut() -> u64>(mut f: F) -> f64 {
    // Repeat until at least 0.2 s has passed; report steps per second.
    let t0 = Instant::now();
    let mut steps = 0u64;
    while t0.elapsed().as_secs_f64() < 0.2 {
        steps += f();
    }
    steps as f64 / t0.elapsed().as_secs_f64()
}

/// Steps per second of a recorded run (every per-step field kept) of `opt` on `landscape`. Only
/// stepping is timed: building a race (critical points, estimates) is not, and a run that stops
/// early is replaced by a fresh one.
pub fn recorded_rate(landscape: &str, opt: &str) -> f64 {
    recorded_rate_with(&format!("{landscape}&noise=1e-3"), opt)
}

/// As [`recorded_rate`] for any scenario fragment (e.g. without noise).
pub fn recorded_rate_with(landscape: &str, opt: &str) -> f64 {
    let start = Instant::now();
    let clock = move || start.elapsed().as_secs_f64();
    let s = bench_scenario(landscape, opt).expect("bench scenario");
    let (mut steps, mut secs) = (0u64, 0.0);
    while secs < 0.2 {
        let (n, dt) = timed_steps(&s, 20_000, &clock).expect("bench race");
        steps += n;
        secs += dt;
    }
    steps as f64 / secs
}

fn bench_scenario(landscape: &str, opt: &str) -> Option<Scenario> {
    Scenario::parse(&format!("{landscape}&opt={opt}&seed=1&steps={}", crate::scenario::MAX_STEPS)).ok()
}

/// Builds a race (untimed) and times up to `steps` steps of its first run: (steps taken, seconds).
fn timed_steps(s: &Scenario, steps: u64, clock: &dyn Fn() -> f64) -> Option<(u64, f64)> {
    let mut r = Race::new(s).ok()?;
    let t0 = clock();
    std::hint::black_box(&mut r).advance(std::hint::black_box(steps));
    let dt = clock() - t0;
    Some((r.runs[0].t(), dt.max(1e-9)))
}

/// The monkey saddle (μ = 0.1, κ = 0.05) typed as a `custom` expression.
pub const CUSTOM_MONKEY: &str = "landscape=custom&f=x^3-3*x*y^2+0.1*(x^2+y^2)+0.05*(x^2+y^2)^2";
/// The same function built in.
pub const BUILT_IN_MONKEY: &str = "landscape=monkey&mu=0.1&kappa=0.05";

/// Recorded GD (full Hessian analysis per step) on the monkey saddle typed as an expression and
/// built in: (custom, built-in) steps per second. Same start, step size and noise for both.
pub fn custom_vs_built_in() -> (f64, f64) {
    let tail = "&start=0.5,0.05&lr=0.002&noise=1e-3";
    (recorded_rate_with(&format!("{CUSTOM_MONKEY}{tail}"), "gd"), recorded_rate_with(&format!("{BUILT_IN_MONKEY}{tail}"), "gd"))
}

/// The fast path (statistics runs, [`crate::run::Depth::Fast`]) against the gradient: GD on
/// `landscape` as a statistics run, and one gradient evaluation at the same points. Returns
/// (nanoseconds per fast-path step, nanoseconds per gradient, their ratio), medians of 5 timings.
pub fn fast_step_vs_gradient(landscape: &str) -> (f64, f64, f64) {
    use crate::run::Depth;
    let s = match Scenario::parse(&format!("{landscape}&opt=gd&seed=1&steps=10000000")) {
        Ok(s) => s,
        Err(_) => return (f64::NAN, f64::NAN, f64::NAN),
    };
    let mut step_ns = Vec::new();
    let mut grad_ns = Vec::new();
    for _ in 0..5 {
        // Fast-path steps (restarting when a run stops), timed over about 0.1 s.
        let (mut n, mut secs) = (0u64, 0.0);
        let mut points: Vec<Vec<f64>> = Vec::new();
        while secs < 0.1 {
            let Ok(mut race) = Race::with_depth(&s, Depth::Fast) else { return (f64::NAN, f64::NAN, f64::NAN) };
            let run = &mut race.runs[0];
            let t0 = Instant::now();
            let mut k = 0u64;
            while k < 2_000 && run.step() {
                k += 1;
            }
            secs += t0.elapsed().as_secs_f64();
            n += k;
            if points.len() < 64 {
                points.push(run.x().to_vec());
            }
            if k == 0 {
                break;
            }
        }
        step_ns.push(1e9 * secs / n.max(1) as f64);
        // The gradient alone at those points, through the same dynamic dispatch.
        let l = s.build_landscape().expect("bench landscape");
        let mut g = vec![0.0; l.dim()];
        let t0 = Instant::now();
        let mut m = 0u64;
        while t0.elapsed().as_secs_f64() < 0.1 {
            for x in &points {
                l.gradient(std::hint::black_box(x), &mut g);
                std::hint::black_box(&g);
            }
            m += points.len() as u64;
        }
        grad_ns.push(1e9 * t0.elapsed().as_secs_f64() / m.max(1) as f64);
    }
    let med = |mut v: Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    let (a, b) = (med(step_ns), med(grad_ns));
    (a, b, a / b)
}

/// The table: kernel, then every optimizer on `saddle`, `relu` and `chain` (d = 8).
pub fn table() -> String {
    let mut out = String::new();
    let k = time(|| {
        let n = 1_000_000;
        std::hint::black_box(kernel_2d(std::hint::black_box(n)));
        n
    });
    out += &format!("2D step kernel (GD step + 2x2 eigen, nothing recorded): {:.3e} steps/s\n", k);
    out += &format!(
        "recorded run, GD without noise (every per-step field kept): saddle {:.3e}, rosenbrock {:.3e} steps/s\n\n",
        recorded_rate_with("landscape=saddle", "gd"),
        recorded_rate_with("landscape=rosenbrock", "gd")
    );
    let (c, m) = custom_vs_built_in();
    out += &format!(
        "recorded GD with the full Hessian analysis, monkey saddle typed (custom) vs built in (monkey): custom {:.3e}, monkey {:.3e} steps/s, {:.2}x slower (target: within 3x)\n\n",
        c,
        m,
        m / c
    );
    for (name, l) in [("saddle", "landscape=saddle&start=1,1e-12"), ("relu-ss k = n = 12", "landscape=relu-ss&k=12&n=12")] {
        let (step, grad, ratio) = fast_step_vs_gradient(l);
        out += &format!(
            "statistics fast path, GD on {name}: {step:.1} ns a step, {grad:.1} ns a gradient: {ratio:.2} gradients a step (target: at most 1.5)\n"
        );
    }
    out += "\n";
    out += &format!("{:<10} {:>14} {:>14} {:>14}\n", "optimizer", "saddle", "relu", "chain d=8");
    for o in crate::optim::OPTIMIZERS {
        let a = recorded_rate("landscape=saddle", o.id);
        let b = recorded_rate("landscape=relu", o.id);
        let c = recorded_rate("landscape=chain&d=8", o.id);
        out += &format!("{:<10} {:>14.3e} {:>14.3e} {:>14.3e}\n", o.id, a, b, c);
    }
    out += "\n(recorded runs: steps/s with f, gradient, Hessian, sorted spectrum, index, events and records kept;\n noise=1e-3 keeps every run moving)\n";
    out
}

/// Steps per second of up to `steps` steps of a recorded run of `opt` on `landscape` (a scenario
/// fragment: add `&noise=…` for noisy gradients), one race.
pub fn core_rate(landscape: &str, opt: &str, steps: u64, clock: &dyn Fn() -> f64) -> f64 {
    match bench_scenario(landscape, opt).and_then(|s| timed_steps(&s, steps, clock)) {
        Some((n, dt)) => n as f64 / dt,
        None => f64::NAN,
    }
}

/// The figures the browser bench compares against, as JSON: the kernel and recorded GD on saddle.
pub fn json() -> String {
    let start = Instant::now();
    let clock = move || start.elapsed().as_secs_f64();
    let mut k = Vec::new();
    let mut rec = Vec::new();
    let mut quiet = Vec::new();
    let mut typed = Vec::new();
    let mut built = Vec::new();
    for _ in 0..5 {
        let t0 = clock();
        let n = 4_000_000u64;
        std::hint::black_box(kernel_2d(std::hint::black_box(n)));
        k.push(n as f64 / (clock() - t0));
        rec.push(core_rate("landscape=saddle&noise=1e-3", "gd", 200_000, &clock));
        quiet.push(core_rate("landscape=rosenbrock", "gd", 30_000, &clock));
        typed.push(core_rate(&format!("{CUSTOM_MONKEY}&start=0.5,0.05&lr=0.002&noise=1e-3"), "gd", 100_000, &clock));
        built.push(core_rate(&format!("{BUILT_IN_MONKEY}&start=0.5,0.05&lr=0.002&noise=1e-3"), "gd", 100_000, &clock));
    }
    let med = |mut v: Vec<f64>| {
        crate::numeric::sort::sort_f64(&mut v);
        v[v.len() / 2]
    };
    format!(
        "{{\"kernel_steps_per_s\":{},\"recorded_gd_saddle_steps_per_s\":{},\"recorded_gd_rosenbrock_steps_per_s\":{},\"recorded_gd_custom_monkey_steps_per_s\":{},\"recorded_gd_monkey_steps_per_s\":{}}}",
        med(k),
        med(rec),
        med(quiet),
        med(typed),
        med(built)
    )
}
