//! Each optimizer against its defining behaviour, with fixed seeds (docs/science.md §3).
#![cfg(not(target_arch = "wasm32"))]

use saddlescope::optim::event::EventKind;
use saddlescope::run::{Race, Run, Status};
use saddlescope::scenario::Scenario;

fn race(s: &str) -> Race {
    Race::new(&Scenario::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))).unwrap()
}

fn run_of<'a>(r: &'a Race, id: &str) -> &'a Run {
    r.runs.iter().find(|x| x.id() == id).unwrap()
}

/// First step at which f ≤ level, from the records.
fn first_below(run: &Run, level: f64) -> Option<u64> {
    let rec = run.records();
    (0..rec.len()).find(|&i| rec.loss(i) <= level).map(|i| rec.step(i))
}

#[test]
fn gd_stays_on_the_stable_manifold_and_escapes_from_1e_12_after_275_steps() {
    let mut r = race("landscape=saddle&opt=gd&start=1,0&seed=1&steps=3000");
    r.advance(3000);
    let gd = run_of(&r, "gd");
    assert_eq!(gd.x()[1], 0.0);
    assert_eq!(gd.status(), Status::Stalled, "GD on the stable manifold converges to the saddle");
    assert!(gd.events().iter().any(|e| e.kind == EventKind::Stalled));

    let mut r = race("landscape=saddle&opt=gd&start=1,1e-12&seed=1&steps=400");
    r.advance(400);
    let gd = run_of(&r, "gd");
    assert_eq!(first_below(gd, -0.025), Some(275));
    // Escape time = t_out − t_in: t_in when ‖x‖ ≤ 0.1 (x = 0.9ᵗ: t = 22).
    assert_eq!(gd.escape_time(), Some(275 - 22));
}

#[test]
fn newton_converges_to_the_saddle() {
    let mut r = race("landscape=saddle&opt=newton&start=0.5,0.3&steps=200&seed=1");
    r.advance(200);
    let n = run_of(&r, "newton");
    assert!(saddlescope::numeric::math::norm(n.x()) < 1e-9, "{:?}", n.x());
    assert_eq!(n.status(), Status::Stalled);
    assert_eq!(n.analysis().index, 1);
    // On a quadratic saddle it lands there in one step.
    let mut r = race("landscape=saddle&c=0&opt=newton&start=0.7,-0.4&seed=1");
    r.advance(1);
    assert!(saddlescope::numeric::math::norm(run_of(&r, "newton").x()) < 1e-15);
}

#[test]
fn second_order_methods_escape() {
    // SFN: a few tens of steps from (1, 1e-12), never from (1, 0).
    let mut r = race("landscape=saddle&opt=sfn&start=1,1e-12&steps=200&seed=1");
    r.advance(200);
    let t = first_below(run_of(&r, "sfn"), -0.025).expect("sfn escapes");
    assert!(t < 80, "sfn took {t}");
    let mut r = race("landscape=saddle&opt=sfn&start=1,0&steps=500&seed=1");
    r.advance(500);
    assert_eq!(run_of(&r, "sfn").x()[1], 0.0);

    // Cubic: escapes from exactly (1, 0) within a few iterations at M = 6.
    let mut r = race("landscape=saddle&opt=cubic&cubic.M=6&start=1,0&steps=50&seed=1");
    r.advance(3);
    let c = run_of(&r, "cubic");
    assert!(c.x()[1].abs() > 0.1, "{:?}", c.x());
    r.advance(47);
    assert!(first_below(run_of(&r, "cubic"), -0.2).is_some());
    // At an exact saddle the step is ±(2|λ₁|/M)v₁.
    let h = saddlescope::optim::cubic_step(&[-1.0, 1.0], &[0.0, 0.0], 6.0, 1.0);
    assert!((h[0] - 2.0 / 6.0).abs() < 1e-15 && h[1] == 0.0);

    // NCD escapes from (1, 0) with a negative-curvature step.
    let mut r = race("landscape=saddle&opt=ncd&start=1,0&steps=300&seed=1");
    r.advance(300);
    let n = run_of(&r, "ncd");
    assert!(n.events().iter().any(|e| matches!(e.kind, EventKind::NegativeCurvatureStep { .. })));
    assert!(first_below(n, -0.2).is_some());
}

#[test]
fn pgd_escapes_and_perturbs_only_when_allowed() {
    let mut r = race("landscape=saddle&opt=pgd&start=1,0&steps=2000&seed=3");
    r.advance(2000);
    let p = run_of(&r, "pgd");
    assert!(first_below(p, -0.2).is_some(), "PGD escapes from the stable manifold");
    let perturbations: Vec<_> = p
        .events()
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Perturbation { center, xi, radius } => Some((e.step, center.clone(), xi.clone(), *radius)),
            _ => None,
        })
        .collect();
    assert!(!perturbations.is_empty());
    let l = r.landscape().clone();
    for w in perturbations.windows(2) {
        assert!(w[1].0 - w[0].0 > 20, "at most once per t_thres steps: {} then {}", w[0].0, w[1].0);
    }
    for (_, center, xi, radius) in &perturbations {
        let mut g = vec![0.0; 2];
        l.gradient(center, &mut g);
        assert!(saddlescope::numeric::math::norm(&g) <= 1e-3, "perturbed where ‖∇f‖ > g_thres");
        assert!(saddlescope::numeric::math::norm(xi) <= *radius);
    }
    // At the minimum the certificate holds and the run converges.
    assert_eq!(p.status(), Status::Converged);
    assert!(p.events().iter().any(|e| matches!(e.kind, EventKind::Certified { .. })));

    // Theory preset on `saddle`: correct but invisible (r ≈ 2.7e-8, t_thres ≈ 5.8e3).
    let e = saddlescope::landscape::estimates::box_estimates(r.landscape().as_ref(), &[1.0, 1e-12], 16);
    let k = saddlescope::optim::theory_constants(2, e.ell, e.rho, e.delta_f, 1e-3, 1.0, 0.1);
    assert!(k.r > 1e-8 && k.r < 1e-7, "r = {}", k.r);
    assert!(k.t_thres > 3e3 && k.t_thres < 1e4, "t_thres = {}", k.t_thres);
}

#[test]
fn cnc_escapes_with_correlated_noise() {
    let mut r = race("landscape=saddle&opt=cnc,gd&start=1,0&steps=1500&seed=5");
    r.advance(1500);
    let c = run_of(&r, "cnc");
    assert!(first_below(c, -0.2).is_some());
    assert!(c.events().iter().any(|e| matches!(e.kind, EventKind::CncStep { .. })));
    assert_eq!(run_of(&r, "gd").x()[1], 0.0);
    // On the finite sum from its stable manifold, gated mode, real stochastic gradients.
    let mut r = race("landscape=finite-sum&opt=cnc,gd&cnc.mode=gated&start=0.8,0&steps=3000&seed=2");
    r.advance(3000);
    let c = run_of(&r, "cnc");
    assert!(c.x()[1].abs() > 0.3, "{:?}", c.x());
    assert_eq!(run_of(&r, "gd").x()[1], 0.0);
}

#[test]
fn adaptive_methods() {
    // Adam's first step has size ≈ η in every coordinate.
    let mut r = race("landscape=saddle&opt=adam&start=1,0.5&seed=1");
    r.advance(1);
    let a = run_of(&r, "adam");
    assert!((1.0 - a.x()[0] - 0.02).abs() < 1e-6 && (a.x()[1] - 0.5 - 0.02).abs() < 1e-6, "{:?}", a.x());
    // Escapes from (1, 1e-12) in well under 100 steps; not from (1, 0).
    let mut r = race("landscape=saddle&opt=adam,rmsprop&start=1,1e-12&steps=400&seed=1");
    r.advance(400);
    let ta = first_below(run_of(&r, "adam"), -0.025).expect("adam escapes");
    assert!(ta < 100, "adam took {ta}");
    let tr = first_below(run_of(&r, "rmsprop"), -0.025).expect("rmsprop escapes");
    assert!(tr < 100, "rmsprop took {tr}");
    let mut r = race("landscape=saddle&opt=adam&start=1,0&steps=500&seed=1");
    r.advance(500);
    assert_eq!(run_of(&r, "adam").x()[1], 0.0);
}

#[test]
fn momentum_methods_escape_faster_than_gd() {
    let mut r = race("landscape=saddle&opt=gd,momentum,nesterov&start=1,1e-6&steps=1000&seed=1");
    r.advance(1000);
    let tg = first_below(run_of(&r, "gd"), -0.025).unwrap();
    for id in ["momentum", "nesterov"] {
        let t = first_below(run_of(&r, id), -0.025).unwrap_or_else(|| panic!("{id} escapes"));
        assert!(t < tg, "{id} took {t} steps, GD {tg}");
    }
}

#[test]
fn sgd_noise_escapes_and_seeds_matter() {
    let mut a = race("landscape=saddle&opt=sgd&start=1,0&steps=500&seed=1");
    let mut b = race("landscape=saddle&opt=sgd&start=1,0&steps=500&seed=1");
    let mut c = race("landscape=saddle&opt=sgd&start=1,0&steps=500&seed=2");
    a.advance(500);
    b.advance(500);
    c.advance(500);
    let (ra, rb, rc) = (run_of(&a, "sgd"), run_of(&b, "sgd"), run_of(&c, "sgd"));
    assert_eq!(ra.x(), rb.x(), "same seed, same trajectory");
    for i in 0..ra.records().len() {
        assert_eq!(ra.records().point(i), rb.records().point(i));
        assert_eq!(ra.records().loss(i), rb.records().loss(i));
    }
    assert_ne!(ra.x(), rc.x(), "another seed, another trajectory");
    assert!(first_below(ra, -0.2).is_some(), "σ = 0.1 noise leaves the stable manifold");
}

/// Escape times of GD and PGD at each saddle of `chain` in d dimensions, and GD's final status.
fn chain_escapes(d: usize, steps: u64) -> (Vec<u64>, Vec<u64>, Run, Run) {
    let s = format!("landscape=chain&d={d}&opt=gd,pgd&pgd.r=0.1&pgd.g_thres=0.05&pgd.t_thres=50&seed=4&steps={steps}");
    let mut r = race(&s);
    r.advance(steps);
    let times = |run: &Run| run.escape().escape_times.iter().map(|e| e.1).collect::<Vec<u64>>();
    let gd = r.runs.remove(0);
    let pgd = r.runs.remove(0);
    (times(&gd), times(&pgd), gd, pgd)
}

#[test]
fn chain_gd_time_grows_by_l_plus_gamma_over_gamma_while_pgd_stays_bounded() {
    let (gd, pgd, gd_run, pgd_run) = chain_escapes(4, 40000);
    assert_eq!(gd.len(), 4, "GD escapes all four saddles: {gd:?}");
    assert_eq!(pgd.len(), 4, "PGD escapes all four saddles: {pgd:?}");
    let ratio = std::f64::consts::E + 1.0;
    // GD: each saddle takes about (L+γ)/γ ≈ 3.7 times the one before (the first depends on the start).
    for w in gd[1..].windows(2) {
        let q = w[1] as f64 / w[0] as f64;
        assert!(q > 0.6 * ratio && q < 1.6 * ratio, "GD escape times {gd:?}");
    }
    // PGD: the same small price at every saddle.
    let max = *pgd.iter().max().unwrap() as f64;
    let min = *pgd.iter().min().unwrap() as f64;
    assert!(max < 2.0 * min, "PGD escape times {pgd:?}");
    assert_eq!(pgd_run.status(), Status::Converged);
    assert!(pgd_run.t() * 3 < gd_run.t(), "PGD {} vs GD {} steps", pgd_run.t(), gd_run.t());

    // d = 6: GD's later coordinates underflow (to 0 or a subnormal that (1 + 2γη) can no longer
    // grow) and it never escapes: the run freezes, stalled, long before its step limit.
    let (gd, _, gd_run, pgd_run) = chain_escapes(6, 30000);
    assert!(gd.len() < 6, "{gd:?}");
    assert_eq!(gd_run.status(), Status::Stalled);
    assert!(gd_run.done() && gd_run.t() < 30000);
    assert!(gd_run.x().iter().any(|&v| v.abs() < 1e-300), "{:?}", gd_run.x());
    assert_eq!(pgd_run.status(), Status::Converged);
}

#[test]
fn pgd_escape_time_grows_like_ln_sqrt_d() {
    // Uniform-ball perturbation at the saddle of saddle3 (index 1): median t_esc ≈
    // ln(R√d/r)/ln(1 + η|λ₁|), a straight line in ln d (docs/science.md §4.3).
    let median = |d: usize| {
        let s = Scenario::parse(&format!(
            "landscape=saddle3&index=1&d={d}&opt=pgd&pgd.r=1e-3&start={}&seed=1&steps=2000",
            vec!["0"; d].join(",")
        ))
        .unwrap();
        let st = saddlescope::analysis::escape::statistics(&s, 32).unwrap();
        assert_eq!(st[0].escaped(), 32);
        st[0].quantiles().0
    };
    let (m2, m256) = (median(2), median(256));
    let predicted = (128f64).sqrt().ln() / 1.1f64.ln();
    assert!((m256 - m2 - predicted).abs() < 8.0, "medians {m2} (d = 2) and {m256} (d = 256): predicted gap {predicted:.1}");
    // GD from exactly the saddle never escapes.
    let s = Scenario::parse("landscape=saddle&opt=gd&start=0,0&seed=1&steps=300").unwrap();
    let st = saddlescope::analysis::escape::statistics(&s, 4).unwrap();
    assert_eq!(st[0].escaped(), 0);
    // GD draws no random number and the start does not depend on the seed: one run stands for all.
    assert!(st[0].deterministic);
    assert_eq!(st[0].times(), vec![None], "censored: came near, never escaped");
}

#[test]
fn an_optimizer_that_goes_around_the_saddle_is_said_to_and_timed_from_the_start() {
    // docs/science.md §3: on `saddle` from (1, 1e-12) RMSProp is at f ≤ −0.025 after 11 steps and Adam
    // after 29, without coming within R_in of the saddle; GD comes near and leaves at step 275.
    let s = Scenario::parse("landscape=saddle&opt=gd,rmsprop,adam&seed=1").unwrap();
    let st = saddlescope::analysis::escape::statistics(&s, 4).unwrap();
    let below: Vec<f64> = st.iter().map(|x| x.below_quantiles().0).collect();
    assert_eq!(below, vec![275.0, 11.0, 29.0]);
    assert_eq!((st[1].bypassed(), st[1].times().len()), (1, 0), "rmsprop went around, so it has no escape time");
    let words: Vec<String> = st.iter().map(saddlescope::report::escape_summary).collect();
    assert!(words[0].starts_with("gd: came near and escaped after 253 steps there; below the saddle's level after 275 steps"), "{}", words[0]);
    assert!(words[2].starts_with("adam: went around the saddle without coming near it (1 of 1 runs), so no escape time; below the saddle's level after 29 steps"), "{}", words[2]);
    assert!(words.iter().all(|w| !w.contains("0/0") && !w.contains("median ∞")), "{words:?}");
    // On a chain the words are about the whole chain.
    let s = Scenario::parse("landscape=chain&d=3&opt=pgd&seed=1").unwrap();
    let st = saddlescope::analysis::escape::statistics(&s, 4).unwrap();
    let w = saddlescope::report::escape_summary(&st[0]);
    assert!(w.starts_with("pgd: reached the last basin in 4/4 runs, median ") && w.contains("median time at each saddle: "), "{w}");
}

#[test]
fn memory_stays_bounded_and_events_are_kept_on_long_runs() {
    // CNC takes a stochastic step every t_thres steps forever; SGD's noise never lets it stall.
    let mut r = race("landscape=saddle&opt=cnc,sgd&seed=1&steps=10000000");
    r.advance(50_000);
    let bytes_50k: Vec<usize> = r.runs.iter().map(|x| x.records().bytes()).collect();
    r.advance(250_000);
    for (k, run) in r.runs.iter().enumerate() {
        assert_eq!(run.t(), 300_000);
        let rec = run.records();
        assert!(rec.len() <= rec.capacity());
        assert_eq!(rec.bytes(), bytes_50k[k], "{}: records grew", run.id());
        // The kept records span the whole run at a uniform stride.
        assert_eq!(rec.step(0), 0);
        assert!(rec.step(rec.len() - 1) + rec.stride() > 300_000 - rec.stride());
        assert!(run.events().len() <= saddlescope::run::EVENT_CAP);
    }
    let cnc = run_of(&r, "cnc");
    assert!(cnc.events().len() > 1000, "{}", cnc.events().len());
    // The first events (entering the saddle region, the escape) survive the thinning.
    assert!(cnc.events().iter().any(|e| matches!(e.kind, EventKind::EscapedSaddle { .. })));
}

#[test]
fn a_diverging_step_size_stops_the_run_with_finite_records() {
    for s in ["landscape=saddle&opt=gd&lr=30&seed=1", "landscape=saddle&c=0&opt=gd,adam,newton&seed=1&steps=5000", "landscape=rosenbrock&opt=gd&lr=0.01&seed=1"] {
        let mut r = race(s);
        r.advance(5000);
        for run in &r.runs {
            let rec = run.records();
            for i in 0..rec.len() {
                assert!(rec.loss(i).is_finite() && rec.point(i).iter().all(|v| v.is_finite()));
                assert!(rec.eigenvalues(i).iter().all(|v| v.is_finite()));
            }
            assert!(run.analysis().f.is_finite());
            // Newton lands on the saddle; Adam moves a bounded η per step and never leaves the 1e6 box.
            if run.id() == "gd" {
                assert_eq!(run.status(), Status::Diverged, "{s}: {}", run.id());
                assert!(run.events().iter().any(|e| matches!(e.kind, EventKind::Diverged { .. })));
                assert!(!run.stop_reason().is_empty());
            }
        }
    }
    // Leaving chain's domain is its own status.
    let mut r = race("landscape=chain&d=3&opt=gd&lr=1.5&seed=1");
    r.advance(1000);
    assert!(matches!(run_of(&r, "gd").status(), Status::LeftDomain | Status::Diverged));
}

#[test]
fn cnc_running_mean_matches_the_correlated_negative_curvature_constant() {
    // Periodic CNC steps (every 50 steps: long enough to settle back) happen at a minimum of the
    // finite sum, where ∇f = 0, v₁ = e₂ and
    // (v₁·∇f_z)² = (e₂·b_i)²: its running mean γ̂ estimates γ(ψ) = 0.1 sin²ψ + 0.001 cos²ψ.
    for psi in [90.0, 30.0] {
        let s = format!("landscape=finite-sum&psi={psi}&n=1000&opt=cnc&cnc.mode=periodic&cnc.t_thres=50&start=0.8,0&seed=3&steps=20000");
        let mut r = race(&s);
        r.advance(20000);
        let gamma = saddlescope::landscape::FiniteSum::new(psi * std::f64::consts::PI / 180.0, 1000, 3).cnc_gamma();
        let c = run_of(&r, "cnc");
        let hat = c.readout().iter().find(|(k, _)| *k == "γ̂").map(|e| e.1).expect("cnc took stochastic steps");
        assert!((hat / gamma - 1.0).abs() < 0.3, "ψ = {psi}: γ̂ = {hat}, γ(ψ) = {gamma}");
    }
}

#[test]
fn every_optimizer_reads_only_its_own_parameters() {
    // `Hyper::get` and `is_given` with a name that is not in the optimizer's table panic in debug
    // builds: building and stepping every optimizer with each value of each choice (PGD's preset,
    // CNC's mode and model, …) runs every read its `configure` and `needs_estimates` make.
    for info in saddlescope::optim::OPTIMIZERS {
        let mut variants = vec![String::new()];
        for p in info.params {
            for c in p.choices {
                variants.push(format!("&{}.{}={c}", info.id, p.name));
            }
            if p.name == "M" {
                variants.push(format!("&{}.M=0", info.id));
            }
        }
        for v in variants {
            let mut r = race(&format!("landscape=saddle&opt={}&seed=1&steps=20{v}", info.id));
            r.advance(20);
        }
    }
}

#[test]
#[cfg(debug_assertions)]
#[should_panic(expected = "no parameter named 'beta_1'")]
fn a_misspelt_hyper_parameter_panics_in_debug_builds() {
    let info = saddlescope::optim::info("adam").unwrap();
    let h = saddlescope::optim::Hyper {
        lr: 0.02,
        lr_given: false,
        noise: 0.0,
        values: info.params.iter().map(|p| p.default).collect(),
        specs: info.params,
        given: vec![false; info.params.len()],
        dim: 2,
        estimates: None,
    };
    assert_eq!(h.get("beta1"), 0.9);
    h.get("beta_1");
}
