//! The `relu` landscape's exact expectation against an independent adaptive quadrature, and the
//! numbers of docs/science.md §2 `relu` (λ = 0.01) that need it.
//!
//! The reference integrates each half-line [0, 12] and [−12, 0] by adaptive Gauss–Kronrod (7/15
//! points, bisecting until the two rules agree to 1e-14 on a piece), with its own softplus and
//! logistic written from std, so it shares no code with the landscape.
#![cfg(not(target_arch = "wasm32"))]

use rand::{RngExt, SeedableRng};
use saddlescope::landscape::{self, CriticalKind, Landscape, ParamValues};

/// Gauss–Kronrod 15-point nodes (0 last) and weights, and the embedded 7-point Gauss weights
/// (for nodes 1, 3, 5, 7).
const XGK: [f64; 8] = [
    0.991455371120812639206854697526329,
    0.949107912342758524526189684047851,
    0.864864423359769072789712788640926,
    0.741531185599394439863864773280788,
    0.586087235467691130294144845693013,
    0.405845151377397166906606412076961,
    0.207784955007898467600689403773245,
    0.0,
];
const WGK: [f64; 8] = [
    0.022935322010529224963732008058970,
    0.063092092629978553290700663189204,
    0.104790010322250183839876322541518,
    0.140653259715525918745189590510238,
    0.169004726639267902826583426598550,
    0.190350578064785409913256402421014,
    0.204432940075298892414161999234649,
    0.209482141084727828012999174891714,
];
const WG: [f64; 4] = [
    0.129484966168869693270611432679082,
    0.279705391489276667901467771423780,
    0.381830050505118944950369775488975,
    0.417959183673469387755102040816327,
];

/// (K15, G7) estimates of ∫ₐᵇ f for a vector-valued f.
fn gk15<const N: usize>(f: &dyn Fn(f64) -> [f64; N], a: f64, b: f64) -> ([f64; N], [f64; N]) {
    let (c, h) = (0.5 * (a + b), 0.5 * (b - a));
    let mut k = [0.0; N];
    let mut g = [0.0; N];
    for (i, &x) in XGK.iter().enumerate() {
        let pts: &[f64] = if x == 0.0 { &[0.0] } else { &[-x, x] };
        for &t in pts {
            let v = f(c + h * t);
            for j in 0..N {
                k[j] += WGK[i] * v[j];
                if i % 2 == 1 {
                    g[j] += WG[i / 2] * v[j];
                }
            }
        }
    }
    (k.map(|e| e * h), g.map(|e| e * h))
}

/// ∫ₐᵇ f to an absolute error of about `tol`, bisecting where K15 and G7 disagree.
fn adaptive<const N: usize>(f: &dyn Fn(f64) -> [f64; N], a: f64, b: f64, tol: f64, depth: u32) -> [f64; N] {
    let (k, g) = gk15(f, a, b);
    let err = k.iter().zip(&g).map(|(k, g)| (k - g).abs()).fold(0.0, f64::max);
    if err <= tol || depth == 0 {
        assert!(err <= 1e-9, "adaptive quadrature did not converge on [{a}, {b}]: {err}");
        return k;
    }
    let m = 0.5 * (a + b);
    let l = adaptive(f, a, m, 0.5 * tol, depth - 1);
    let r = adaptive(f, m, b, 0.5 * tol, depth - 1);
    std::array::from_fn(|j| l[j] + r[j])
}

fn softplus(z: f64) -> f64 {
    if z > 0.0 {
        z + (-z).exp().ln_1p()
    } else {
        z.exp().ln_1p()
    }
}

fn logistic(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        z.exp() / (1.0 + z.exp())
    }
}

/// f, ∇f and ∇²f (h₀₀, h₀₁, h₁₁) of the loss ½E[(σ_β(w₁x) + σ_β(w₂x) − |x|)²] + (λ/2)‖w‖² by
/// adaptive quadrature on each half-line.
fn reference(beta: f64, lambda: f64, w: [f64; 2]) -> [f64; 6] {
    let density = 1.0 / (2.0 * std::f64::consts::PI).sqrt();
    let integrand = |x: f64| -> [f64; 6] {
        let phi = density * (-0.5 * x * x).exp();
        let r = softplus(beta * w[0] * x) / beta + softplus(beta * w[1] * x) / beta - x.abs();
        let s = [logistic(beta * w[0] * x), logistic(beta * w[1] * x)];
        let s2 = [beta * s[0] * (1.0 - s[0]), beta * s[1] * (1.0 - s[1])];
        let x2 = x * x;
        [
            phi * r * r,
            phi * r * s[0] * x,
            phi * r * s[1] * x,
            phi * (s[0] * s[0] + r * s2[0]) * x2,
            phi * s[0] * s[1] * x2,
            phi * (s[1] * s[1] + r * s2[1]) * x2,
        ]
    };
    let pos = adaptive(&integrand, 0.0, 12.0, 1e-14, 40);
    let neg = adaptive(&integrand, -12.0, 0.0, 1e-14, 40);
    let e: [f64; 6] = std::array::from_fn(|j| pos[j] + neg[j]);
    [
        0.5 * e[0] + 0.5 * lambda * (w[0] * w[0] + w[1] * w[1]),
        e[1] + lambda * w[0],
        e[2] + lambda * w[1],
        e[3] + lambda,
        e[4],
        e[5] + lambda,
    ]
}

fn relu(beta: f64) -> Box<dyn Landscape> {
    let mut p = ParamValues::new();
    p.set("beta", beta);
    landscape::build("relu", &p, 1).unwrap()
}

/// The largest difference between the landscape and the reference in f, ∇f and ∇²f over `points`.
fn max_error(beta: f64, points: &[[f64; 2]]) -> f64 {
    let l = relu(beta);
    let mut worst: f64 = 0.0;
    for w in points {
        let r = reference(beta, 0.01, *w);
        let mut g = [0.0; 2];
        let mut h = [0.0; 4];
        l.gradient(w, &mut g);
        l.hessian(w, &mut h);
        let ours = [l.value(w), g[0], g[1], h[0], h[1], h[3]];
        for (o, r) in ours.iter().zip(&r) {
            worst = worst.max((o - r).abs());
        }
        assert_eq!(h[1], h[2]);
    }
    worst
}

/// 20 points of the view box [−1.5, 1.5]²: the corners' neighbourhood, the axes, and random ones.
fn points() -> Vec<[f64; 2]> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(12);
    let mut v = vec![[1.5, -1.5], [-1.5, -1.5], [0.42397, 0.42397], [0.49412, 0.49412], [0.2330, 0.7501], [0.97, -0.97], [1e-3, 1.2], [0.0, -0.3]];
    while v.len() < 20 {
        v.push([3.0 * rng.random::<f64>() - 1.5, 3.0 * rng.random::<f64>() - 1.5]);
    }
    v
}

#[test]
fn the_expectation_agrees_with_adaptive_quadrature_to_1e_9() {
    let pts = points();
    for beta in [0.5, 4.0, 20.0, 100.0] {
        let e = max_error(beta, &pts);
        eprintln!("relu β = {beta}: max |error| in f, ∇f, ∇²f over 20 points = {e:.2e}");
        assert!(e < 1e-9, "β = {beta}: {e:e}");
    }
}

#[test]
fn the_rule_stays_cheap() {
    // The page evaluates the expectation per pixel of a raster and per step: fewer nodes than the
    // 200 of the old whole-line rule.
    for (beta, most) in [(0.5, 100.0), (4.0, 120.0), (20.0, 160.0), (100.0, 180.0), (200.0, 180.0)] {
        let n = relu(beta).cost();
        assert!(n <= most, "β = {beta}: {n} nodes");
    }
}

fn near(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// The symmetric pair of critical points near ±p, checked to agree with each other.
fn critical(l: &dyn Landscape, p: [f64; 2], tol: f64) -> saddlescope::landscape::CriticalPoint {
    let cps = l.critical_points();
    let find = |q: [f64; 2]| cps.iter().find(|c| near(c.point[0], q[0], tol) && near(c.point[1], q[1], tol)).cloned();
    let a = find(p).unwrap_or_else(|| panic!("no critical point near {p:?}: {cps:?}"));
    let b = find([-p[0], -p[1]]).unwrap_or_else(|| panic!("no critical point near −{p:?}"));
    assert!(near(a.f, b.f, 1e-12) && a.index == b.index);
    a
}

#[test]
fn the_critical_points_of_docs_science() {
    // β = 4: ±(0.42397, 0.42397) is an index-1 saddle, f = 0.23508, eigenvalues (−0.1666, 0.6764);
    // global minima ±(0.96695, −0.96695), f = 0.016822.
    let l = relu(4.0);
    let s = critical(l.as_ref(), [0.42397, 0.42397], 1e-5);
    assert_eq!((s.kind, s.index), (CriticalKind::Saddle, 1));
    assert!(near(s.f, 0.23508, 1e-5) && near(s.eigenvalues[0], -0.1666, 1e-4) && near(s.eigenvalues[1], 0.6764, 1e-4), "{s:?}");
    let m = critical(l.as_ref(), [0.96695, -0.96695], 1e-5);
    assert_eq!((m.kind, m.note), (CriticalKind::Minimum, "global"));
    assert!(near(m.f, 0.016822, 1e-6), "{m:?}");

    // β = 10: still an index-1 saddle at ±(0.48840, 0.48840), eigenvalues (−0.0148, 0.9677).
    let l = relu(10.0);
    let s = critical(l.as_ref(), [0.48840, 0.48840], 1e-5);
    assert_eq!((s.kind, s.index), (CriticalKind::Saddle, 1));
    assert!(near(s.f, 0.25075, 1e-5) && near(s.eigenvalues[0], -0.0148, 1e-4) && near(s.eigenvalues[1], 0.9677, 1e-4), "{s:?}");
    let m = critical(l.as_ref(), [0.97940, -0.97940], 1e-5);
    assert!(m.kind == CriticalKind::Minimum && near(m.f, 0.010263, 1e-6), "{m:?}");

    // β = 20: ±(0.49412, 0.49412) is a spurious local minimum, f = 0.25224, eigenvalues
    // (0.0061, 1.0036), fenced in by index-1 saddles at ±(0.2330, 0.7501) and ±(0.7501, 0.2330),
    // f = 0.25248, eigenvalues (−0.0214, 0.9698); global minima ±(0.98026, −0.98026), f = 0.009861.
    let l = relu(20.0);
    let sp = critical(l.as_ref(), [0.49412, 0.49412], 1e-5);
    assert_eq!((sp.kind, sp.note), (CriticalKind::Minimum, "spurious"));
    assert!(near(sp.f, 0.25224, 1e-5) && near(sp.eigenvalues[0], 0.0061, 1e-4) && near(sp.eigenvalues[1], 1.0036, 1e-4), "{sp:?}");
    for p in [[0.2330, 0.7501], [0.7501, 0.2330]] {
        let s = critical(l.as_ref(), p, 1e-4);
        assert_eq!((s.kind, s.index), (CriticalKind::Saddle, 1));
        assert!(near(s.f, 0.25248, 1e-5) && near(s.eigenvalues[0], -0.0214, 1e-4) && near(s.eigenvalues[1], 0.9698, 1e-4), "{s:?}");
    }
    let m = critical(l.as_ref(), [0.98026, -0.98026], 1e-5);
    assert!(m.kind == CriticalKind::Minimum && m.note == "global" && near(m.f, 0.009861, 1e-6), "{m:?}");
}

