//! Every landscape: gradient and Hessian against central finite differences at random points of its
//! view (property tests), Hessian symmetry, and the listed critical points (docs/science.md §2).
#![cfg(not(target_arch = "wasm32"))]

use rand::RngExt;
use saddlescope::landscape::{self, CriticalKind, Landscape, ParamError, ParamValues, LANDSCAPES};

fn params(pairs: &[(&str, f64)]) -> ParamValues {
    let mut p = ParamValues::new();
    for (k, v) in pairs {
        p.set(k, *v);
    }
    p
}

fn build(id: &str, pairs: &[(&str, f64)]) -> Box<dyn Landscape> {
    landscape::build(id, &params(pairs), 7).unwrap()
}

/// Configurations covering each landscape's knobs, including non-default ones.
fn configurations() -> Vec<(&'static str, Vec<(&'static str, f64)>)> {
    vec![
        ("saddle", vec![]),
        ("saddle", vec![("b", 0.3), ("a", 2.0), ("c", 0.5), ("theta", 30.0)]),
        ("saddle", vec![("c", 0.0)]),
        ("monkey", vec![]),
        ("monkey", vec![("mu", 0.1)]),
        ("monkey", vec![("mu", -0.2), ("kappa", 2.0)]),
        ("saddle3", vec![]),
        ("saddle3", vec![("index", 2.0)]),
        ("saddle3", vec![("index", 5.0), ("d", 5.0)]),
        ("saddle3", vec![("index", 8.0), ("d", 10.0)]),
        ("chain", vec![("d", 2.0)]),
        ("chain", vec![("d", 4.0)]),
        ("chain", vec![("d", 3.0), ("gamma", 0.5), ("L", 3.0), ("tau", 1.5)]),
        ("linear2", vec![]),
        ("linear2", vec![("lambda", 0.5)]),
        ("linear3", vec![]),
        ("relu", vec![]),
        ("relu", vec![("beta", 20.0)]),
        ("relu", vec![("samples", 64.0)]),
        ("relu-ss", vec![("k", 3.0), ("n", 4.0)]),
        ("finite-sum", vec![]),
        ("rosenbrock", vec![]),
        ("himmelblau", vec![]),
        ("camel", vec![]),
    ]
}

/// A random point of the landscape's view, lifted to the full space and nudged off the slice.
fn random_point(l: &dyn Landscape, rng: &mut rand::rngs::StdRng) -> Vec<f64> {
    let v = l.view();
    let s = l.slice();
    let mut x = vec![0.0; l.dim()];
    let a = v.x0 + rng.random::<f64>() * v.width();
    let b = v.y0 + rng.random::<f64>() * v.height();
    s.lift(a, b, &mut x);
    for e in x.iter_mut() {
        *e += 0.05 * (rng.random::<f64>() - 0.5);
    }
    x
}

#[test]
fn gradient_and_hessian_match_finite_differences() {
    let mut rng = saddlescope::numeric::random::rng(1);
    for (id, p) in configurations() {
        let l = build(id, &p);
        let d = l.dim();
        let mut tested = 0;
        for _ in 0..200 {
            if tested == 40 {
                break;
            }
            let x = random_point(l.as_ref(), &mut rng);
            if !l.in_domain(&x) || !l.smooth_at(&x) {
                continue;
            }
            // Finite differences need the neighbourhood inside the same piece of `chain`.
            let h = 1e-5 * (1.0 + saddlescope::numeric::math::norm(&x));
            let mut g = vec![0.0; d];
            let mut hess = vec![0.0; d * d];
            l.gradient(&x, &mut g);
            l.hessian(&x, &mut hess);
            let mut xp = x.clone();
            let mut gp = vec![0.0; d];
            let mut gm = vec![0.0; d];
            let mut ok_domain = true;
            for c in 0..d {
                xp[c] = x[c] + h;
                let fp = l.value(&xp);
                l.gradient(&xp, &mut gp);
                ok_domain &= l.in_domain(&xp);
                xp[c] = x[c] - h;
                let fm = l.value(&xp);
                l.gradient(&xp, &mut gm);
                ok_domain &= l.in_domain(&xp);
                xp[c] = x[c];
                if !ok_domain {
                    break;
                }
                let fd = (fp - fm) / (2.0 * h);
                let scale = 1.0 + g[c].abs() + l.value(&x).abs();
                assert!((fd - g[c]).abs() < 1e-5 * scale, "{id} {p:?}: ∂f/∂x{c} at {x:?}: fd {fd} vs {}", g[c]);
                if id != "relu-ss" {
                    for r in 0..d {
                        let fdh = (gp[r] - gm[r]) / (2.0 * h);
                        let sc = 1.0 + hess[r * d + c].abs();
                        assert!((fdh - hess[r * d + c]).abs() < 1e-4 * sc, "{id} {p:?}: H[{r},{c}] at {x:?}: fd {fdh} vs {}", hess[r * d + c]);
                    }
                }
            }
            for r in 0..d {
                for c in 0..d {
                    assert_eq!(hess[r * d + c], hess[c * d + r], "{id}: Hessian not symmetric");
                }
            }
            tested += 1;
        }
        assert!(tested >= 10, "{id} {p:?}: only {tested} points tested");
    }
}

#[test]
fn listed_critical_points_are_critical_with_their_index() {
    for (id, p) in configurations() {
        let l = build(id, &p);
        let d = l.dim();
        let cps = l.critical_points();
        assert!(!cps.is_empty(), "{id}: no critical points listed");
        for cp in cps {
            let mut g = vec![0.0; d];
            l.gradient(&cp.point, &mut g);
            let gn = saddlescope::numeric::math::norm(&g);
            let tol = if id == "relu-ss" { 1e-6 } else { 1e-8 };
            assert!(gn < tol, "{id} {p:?}: ‖∇f‖ = {gn} at listed critical point {:?}", cp.point);
            let neg = cp.eigenvalues.iter().filter(|&&v| v < 0.0 && v.abs() > 1e-8).count();
            assert_eq!(neg, cp.index, "{id}: index");
        }
    }
}

fn near(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

fn find<'a>(cps: &'a [landscape::CriticalPoint], x: &[f64], tol: f64) -> &'a landscape::CriticalPoint {
    cps.iter()
        .find(|c| saddlescope::numeric::math::dist(&c.point, x) < tol)
        .unwrap_or_else(|| panic!("no critical point near {x:?} in {:?}", cps.iter().map(|c| &c.point).collect::<Vec<_>>()))
}

#[test]
fn numbers_from_science_md() {
    // saddle: (a, −b) at 0, (a, 2b) at the minima with f = −b²/(4c).
    let l = build("saddle", &[("b", 2.0), ("c", 0.5)]);
    let cps = l.critical_points();
    let s = find(&cps, &[0.0, 0.0], 1e-9);
    assert_eq!((s.index, s.kind), (1, CriticalKind::Saddle));
    assert_eq!(s.eigenvalues, vec![-2.0, 1.0]);
    let m = find(&cps, &[0.0, 2.0], 1e-9);
    assert!(near(m.f, -2.0, 1e-12) && m.kind == CriticalKind::Minimum);
    assert!(near(m.eigenvalues[1], 4.0, 1e-12));

    // monkey, κ = 1, μ = 0.1: saddles at r = 0.07396 with λ = (−0.178, 0.666); minima r = 0.67604.
    let l = build("monkey", &[("mu", 0.1)]);
    let cps = l.critical_points();
    let saddles: Vec<_> = cps.iter().filter(|c| c.kind == CriticalKind::Saddle).collect();
    assert_eq!(saddles.len(), 3);
    for s in &saddles {
        assert!(near(saddlescope::numeric::math::norm(&s.point), 0.07396, 1e-5));
        assert!(near(s.eigenvalues[0], -0.178, 1e-3) && near(s.eigenvalues[1], 0.666, 1e-3), "{:?}", s.eigenvalues);
    }
    let mins: Vec<_> = cps.iter().filter(|c| c.kind == CriticalKind::Minimum && c.point[0] * c.point[0] > 0.01).collect();
    assert_eq!(mins.len(), 3);
    for m in &mins {
        assert!(near(saddlescope::numeric::math::norm(&m.point), 0.67604, 1e-5));
        assert!(near(m.f, -0.05439, 1e-5));
    }
    // μ = 0: degenerate origin, minima at 3/(4κ) with f = −27/(256κ³).
    let cps = build("monkey", &[]).critical_points();
    assert_eq!(find(&cps, &[0.0, 0.0], 1e-9).kind, CriticalKind::Degenerate);
    assert!(cps.iter().filter(|c| c.kind == CriticalKind::Minimum).all(|c| near(c.f, -27.0 / 256.0, 1e-12)));

    // saddle3 index 2: origin (a, −b, −b); 4 index-1 points f = −b²/(4c); 4 minima f = −b²/(2c).
    let cps = build("saddle3", &[("index", 2.0)]).critical_points();
    assert_eq!(cps.len(), 9);
    assert_eq!(cps.iter().filter(|c| c.index == 1 && near(c.f, -0.25, 1e-12)).count(), 4);
    assert_eq!(cps.iter().filter(|c| c.index == 0 && near(c.f, -0.5, 1e-12)).count(), 4);
    // d-dimensional variant: index/d = 1 − f/f_min exactly.
    let cps = build("saddle3", &[("index", 6.0), ("d", 6.0)]).critical_points();
    let f_min = cps.iter().map(|c| c.f).fold(f64::INFINITY, f64::min);
    for c in &cps {
        assert!(near(c.index as f64 / 6.0, 1.0 - c.f / f_min, 1e-12));
    }

    // chain: saddle i has −2γ at slot i and f = −(i−1)ν; the minimum f = −dν.
    let l = build("chain", &[("d", 4.0)]);
    let nu = (13.0 + 37.0 * std::f64::consts::E) * std::f64::consts::E.powi(2) / 6.0;
    for (i, c) in l.critical_points().iter().enumerate() {
        assert!(near(c.f, -(i as f64) * nu, 1e-9 * nu), "chain saddle {i}: {}", c.f);
        if i < 4 {
            assert_eq!(c.index, 1);
            assert!(near(c.eigenvalues[0], -2.0, 1e-12));
        } else {
            assert_eq!(c.index, 0);
        }
    }

    // linear2 origin: λ ± 2y.
    let cps = build("linear2", &[("lambda", 0.5)]).critical_points();
    let o = find(&cps, &[0.0, 0.0], 1e-12);
    assert!(near(o.eigenvalues[0], -1.5, 1e-12) && near(o.eigenvalues[1], 2.5, 1e-12));
    // linear3: zero Hessian at the origin; axes (0, 0, a): (±2ay, 0).
    let cps = build("linear3", &[]).critical_points();
    assert!(find(&cps, &[0.0; 3], 1e-12).eigenvalues.iter().all(|&v| v == 0.0));
    let ax = find(&cps, &[0.0, 0.0, 1.0], 1e-12);
    assert!(near(ax.eigenvalues[0], -2.0, 1e-12) && near(ax.eigenvalues[2], 2.0, 1e-12));

    // relu, λ = 0.01 (docs/science.md §2 `relu`; tests/relu.rs checks these to five digits).
    // β = 4: index-1 saddle ±(0.42397, 0.42397), f = 0.23508; global minima ±(0.96695, −0.96695),
    // f = 0.016822.
    let cps = build("relu", &[("beta", 4.0)]).critical_points();
    let s = cps.iter().find(|c| near(c.point[0], 0.42397, 1e-5) && near(c.point[1], 0.42397, 1e-5)).expect("relu saddle");
    assert_eq!(s.index, 1);
    assert!(near(s.f, 0.23508, 1e-5), "{}", s.f);
    let m = cps.iter().find(|c| near(c.point[0], 0.96695, 1e-5) && near(c.point[1], -0.96695, 1e-5)).expect("relu minimum");
    assert!(near(m.f, 0.016822, 1e-6), "{}", m.f);
    // β = 20: (0.49412, 0.49412) is a spurious minimum with λ = (0.0061, 1.0036), f = 0.25224;
    // index-1 saddles at (0.2330, 0.7501), f = 0.25248.
    let cps = build("relu", &[("beta", 20.0)]).critical_points();
    let sp = cps.iter().find(|c| near(c.point[0], 0.49412, 1e-5) && near(c.point[1], 0.49412, 1e-5)).expect("spurious minimum");
    assert_eq!(sp.kind, CriticalKind::Minimum);
    assert_eq!(sp.note, "spurious");
    assert!(near(sp.f, 0.25224, 1e-5) && near(sp.eigenvalues[0], 0.0061, 1e-4) && near(sp.eigenvalues[1], 1.0036, 1e-4), "{sp:?}");
    let s = cps.iter().find(|c| near(c.point[0], 0.2330, 1e-4) && near(c.point[1], 0.7501, 1e-4)).expect("β = 20 saddle");
    assert_eq!(s.index, 1);
    assert!(near(s.f, 0.25248, 1e-5));

    // Classics.
    let r = &build("rosenbrock", &[]).critical_points()[0];
    assert!(near(r.eigenvalues[0], 0.3994, 1e-4) && near(r.eigenvalues[1], 1001.6, 0.1));
    let cps = build("himmelblau", &[]).critical_points();
    assert_eq!(cps.iter().filter(|c| c.kind == CriticalKind::Minimum).count(), 4);
    assert_eq!(cps.iter().filter(|c| c.kind == CriticalKind::Saddle).count(), 4);
    let mx = find(&cps, &[-0.270845, -0.923039], 1e-5);
    assert!(mx.kind == CriticalKind::Maximum && near(mx.f, 181.6165, 1e-3));
    let s = find(&cps, &[3.385154, 0.073852], 1e-5);
    assert!(near(s.f, 13.3119, 1e-3) && s.index == 1);
    let cps = build("camel", &[]).critical_points();
    let g = find(&cps, &[0.089842, -0.712656], 1e-5);
    assert!(near(g.f, -1.031628, 1e-6) && g.note == "global");
    let o = find(&cps, &[0.0, 0.0], 1e-9);
    assert!(near(o.eigenvalues[0], -65f64.sqrt(), 1e-9));
}

#[test]
fn every_landscape_builds_with_defaults_and_rejects_bad_params() {
    for info in LANDSCAPES {
        let l = (info.build)(&ParamValues::new(), 1).unwrap();
        assert_eq!(l.id(), info.id);
        let mut rng = saddlescope::numeric::random::Rng::new(3);
        let x0 = l.start(&mut rng);
        assert_eq!(x0.len(), l.dim());
        assert!(l.value(&x0).is_finite(), "{}: start value", info.id);
        if let Some(c) = info.curvature {
            assert!(info.param(c).is_some(), "{}: curvature knob {c} is not a parameter", info.id);
        }
        for p in info.params {
            assert!(p.check(p.default).is_ok());
            assert!(p.check(f64::NAN).is_err());
            assert!(p.check(p.max + 1.0).is_err());
        }
    }
    // Cross-field errors name the parameter to blame, as a typed error (no message to split).
    let e = landscape::build("saddle3", &params(&[("index", 4.0), ("d", 3.0)]), 1).err().expect("index > d");
    assert_eq!(e, ParamError::new("index", "must be at most d = 3"));
    let e = landscape::build("relu-ss", &params(&[("k", 8.0), ("n", 6.0)]), 1).err().expect("k > n");
    assert_eq!(e.key, "k");
    assert_eq!(landscape::build("nope", &ParamValues::new(), 1).err().expect("unknown").key, "landscape");
    // Values are checked against the specs with the same typed error.
    let e = params(&[("beta", 1e9)]).validate(landscape::info("relu").unwrap().params).unwrap_err();
    assert_eq!((e.key.as_str(), e.to_string().as_str()), ("beta", "beta: must be in [0.5, 200]"));
    assert_eq!(params(&[("b", 1.0)]).validate(landscape::info("relu").unwrap().params).unwrap_err().key, "b");
}

#[test]
#[cfg(debug_assertions)]
#[should_panic(expected = "no parameter named 'betta'")]
fn a_misspelt_parameter_name_panics_in_debug_builds() {
    let p = landscape::info("relu").unwrap().params;
    ParamValues::new().value(p, "betta");
}

#[test]
fn census_of_the_d_dimensional_variant_lies_on_its_exact_line() {
    let l = build("saddle3", &[("d", 5.0), ("index", 5.0)]);
    let pts = saddlescope::analysis::census::census(l.as_ref(), 100, 1);
    assert_eq!(pts.len(), 243, "3^5 critical points");
    let f_min = l.f_min().unwrap();
    for p in &pts {
        assert!(near(p.alpha, 1.0 - p.point.f / f_min, 1e-12));
    }
    // Newton's method finds what the list of himmelblau has, and no more.
    let l = build("himmelblau", &[]);
    let pts = saddlescope::analysis::census::census(l.as_ref(), 200, 1);
    assert_eq!(pts.len(), 9);
    // relu at β = 20 (no closed-form list): the spurious minimum is in the census.
    let l = build("relu", &[("beta", 20.0)]);
    let pts = saddlescope::analysis::census::census(l.as_ref(), 50, 1);
    assert!(pts.iter().any(|p| p.point.note == "spurious" && p.alpha == 0.0));
}

#[test]
fn evaluate_agrees_with_value_gradient_and_hessian_bit_for_bit() {
    let mut rng = saddlescope::numeric::random::rng(8);
    for (id, p) in configurations() {
        let l = build(id, &p);
        let d = l.dim();
        for _ in 0..20 {
            let x = random_point(l.as_ref(), &mut rng);
            if !l.in_domain(&x) {
                continue;
            }
            let (mut g1, mut h1, mut g2, mut h2) = (vec![0.0; d], vec![0.0; d * d], vec![0.0; d], vec![0.0; d * d]);
            let f = l.evaluate(&x, &mut g1, &mut h1);
            l.gradient(&x, &mut g2);
            l.hessian(&x, &mut h2);
            assert_eq!(f.to_bits(), l.value(&x).to_bits(), "{id}");
            assert_eq!(g1, g2, "{id}");
            assert_eq!(h1, h2, "{id}");
        }
    }
}

#[test]
fn coordinate_planes_through_a_point() {
    let x = [0.3, -1.2, 2.5, 0.7];
    let s = saddlescope::landscape::Slice::coordinate_plane(&x, 1, 3);
    assert!(s.is_coordinate_plane(1, 3) && !s.is_coordinate_plane(0, 3));
    // Slice coordinates are the point's own x₂ and x₄, and the point lies on the plane.
    assert_eq!(s.project(&x), [-1.2, 0.7]);
    assert_eq!(s.distance_to(&x), 0.0);
    assert!((s.distance_to(&[0.3, 0.0, 2.0, 0.0]) - 0.5).abs() < 1e-15);
}
