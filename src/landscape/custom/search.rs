//! What a typed function does not say itself, found numerically: its critical points, a view box
//! around them, a start near a saddle and a step size GD is stable with.
//!
//! Critical points: Levenberg–Marquardt on ½‖∇f‖² (Gauss–Newton Hessian (∇²f)², so each step is a
//! damped Newton step on ∇f = 0 and converges to critical points of every index) from a seeded grid
//! of starts, polished until the step vanishes, deduplicated, and classified by the Hessian's
//! eigenvalues like the built-in landscapes. Everything is deterministic (a fixed seed, libm), so the
//! choices are the same in the browser and natively.

use crate::landscape::{classify, CriticalKind, CriticalPoint, Landscape, ViewBox};
use crate::numeric::eigen::sym_eigen;
use crate::numeric::math;
use crate::numeric::random::Rng;

/// Half-width of the cube of grid starts.
pub const SEARCH_RADIUS: f64 = 4.0;
/// The most critical points kept.
pub const MAX_POINTS: usize = 48;

/// The automatic choices for a typed function.
#[derive(Clone, Debug)]
pub struct Auto {
    pub critical: Vec<CriticalPoint>,
    pub view: ViewBox,
    /// The slice's origin: (0, 0, z of the view's centre) in 3D.
    pub origin: Vec<f64>,
    pub start: Vec<f64>,
    pub lr: f64,
}

/// f, ∇f and ∇²f at x, or None where any is not finite.
fn eval(l: &dyn Landscape, x: &[f64], g: &mut [f64], h: &mut [f64]) -> Option<f64> {
    let f = l.evaluate(x, g, h);
    let s: f64 = f + g.iter().map(|v| v * 0.0).sum::<f64>() + h.iter().map(|v| v * 0.0).sum::<f64>();
    if s.is_finite() {
        Some(f)
    } else {
        None
    }
}

/// An n^d grid of start points over the cube of half-width `half` around `centre`.
fn grid(centre: &[f64], half: f64) -> Vec<Vec<f64>> {
    let d = centre.len();
    let n: usize = if d == 2 { 7 } else { 4 };
    let mut out = Vec::new();
    for i in 0..n.pow(d as u32) {
        let mut p = Vec::with_capacity(d);
        let mut k = i;
        for c in centre {
            p.push(c - half + 2.0 * half * ((k % n) as f64 + 0.5) / n as f64);
            k /= n;
        }
        out.push(p);
    }
    out
}

/// The first starts: a grid over [−R, R]^d and a few seeded points in [−2R, 2R]^d.
fn starts(d: usize) -> Vec<Vec<f64>> {
    let mut out = grid(&vec![0.0; d], SEARCH_RADIUS);
    let mut rng = Rng::new(0x5ADD_1E5C);
    for _ in 0..8 {
        out.push((0..d).map(|_| (rng.uniform() * 2.0 - 1.0) * 2.0 * SEARCH_RADIUS).collect());
    }
    out
}

/// Levenberg–Marquardt on ½‖∇f‖² from `x`: the converged point, or None.
fn descend(l: &dyn Landscape, mut x: Vec<f64>) -> Option<Vec<f64>> {
    let d = x.len();
    let (mut g, mut h) = (vec![0.0; d], vec![0.0; d * d]);
    let (mut g2, mut h2) = (vec![0.0; d], vec![0.0; d * d]);
    let (mut vals, mut vecs) = (vec![0.0; d], vec![0.0; d * d]);
    eval(l, &x, &mut g, &mut h)?;
    let mut damping = 1e-6;
    let mut trial = vec![0.0; d];
    let mut curvature = 0.0f64;
    for _ in 0..100 {
        let gn = math::norm(&g);
        if gn == 0.0 {
            break;
        }
        sym_eigen(d, &h, &mut vals, Some(&mut vecs));
        curvature = vals.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let scale = (curvature * curvature).max(1e-300);
        let mut accepted = false;
        let mut step_norm = 0.0;
        for _ in 0..10 {
            let mu = damping * scale;
            // Δ = −(H² + μI)⁻¹Hg in H's eigenbasis.
            trial.iter_mut().for_each(|t| *t = 0.0);
            for k in 0..d {
                let qg: f64 = (0..d).map(|r| vecs[r * d + k] * g[r]).sum();
                let den = vals[k] * vals[k] + mu;
                let c = if den > 0.0 { vals[k] / den * qg } else { 0.0 };
                for r in 0..d {
                    trial[r] -= c * vecs[r * d + k];
                }
            }
            step_norm = math::norm(&trial);
            let cap = SEARCH_RADIUS;
            let s = if step_norm > cap { cap / step_norm } else { 1.0 };
            for r in 0..d {
                trial[r] = x[r] + s * trial[r];
            }
            if eval(l, &trial, &mut g2, &mut h2).is_some() && math::norm(&g2) < gn {
                accepted = true;
                break;
            }
            damping = (damping * 10.0).max(1e-12);
        }
        if !accepted {
            break;
        }
        // Undamped near the end, so degenerate points (x³ at 0) converge all the way.
        damping = if damping < 1e-11 { 0.0 } else { damping / 10.0 };
        std::mem::swap(&mut x, &mut trial);
        std::mem::swap(&mut g, &mut g2);
        std::mem::swap(&mut h, &mut h2);
        if step_norm <= 1e-13 * (1.0 + math::norm(&x)) {
            break;
        }
    }
    let gn = math::norm(&g);
    let tol = 1e-8 * (1.0 + curvature * (1.0 + math::norm(&x)));
    (gn <= tol && x.iter().all(|v| v.abs() <= 4.0 * SEARCH_RADIUS)).then_some(x)
}

/// Runs the search from `starts`, adding new points to `found` (nearest the origin first).
fn search_from(l: &dyn Landscape, starts: Vec<Vec<f64>>, found: &mut Vec<Vec<f64>>) {
    for s in starts {
        if found.len() >= MAX_POINTS {
            break;
        }
        if let Some(p) = descend(l, s) {
            if !found.iter().any(|q| math::dist(q, &p) <= 1e-6 * (1.0 + math::norm(q))) {
                // Insert by distance from the origin, then by coordinates (a total order).
                let key = |q: &[f64]| (math::norm(q), q.to_vec());
                let at = found.iter().position(|q| key(q).partial_cmp(&key(&p)) == Some(std::cmp::Ordering::Greater)).unwrap_or(found.len());
                found.insert(at, p);
            }
        }
    }
}

/// The critical points found from the seeded starts, classified, nearest the origin first. A
/// second grid over the box of the points found and a third over its middle eighth catch structure
/// finer than the first grid (the monkey saddle's three saddles at radius 0.07 with μ = 0.1).
pub fn critical_points(l: &dyn Landscape) -> Vec<CriticalPoint> {
    let d = l.dim();
    let mut found: Vec<Vec<f64>> = Vec::new();
    search_from(l, starts(d), &mut found);
    let near: Vec<&Vec<f64>> = found.iter().filter(|p| p.iter().all(|v| v.abs() <= 2.0 * SEARCH_RADIUS)).collect();
    if !near.is_empty() {
        let (mut lo, mut hi) = (vec![f64::INFINITY; d], vec![f64::NEG_INFINITY; d]);
        for p in &near {
            for k in 0..d {
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
        }
        let centre: Vec<f64> = (0..d).map(|k| 0.5 * (lo[k] + hi[k])).collect();
        let half = (0..d).map(|k| 0.5 * (hi[k] - lo[k])).fold(0.0f64, f64::max).max(0.5);
        search_from(l, grid(&centre, 1.2 * half), &mut found);
        search_from(l, grid(&centre, 0.15 * half), &mut found);
    }
    found.into_iter().map(|p| classify(l, p, "found by Newton's method")).collect()
}

/// 10ᵏ.
fn ten(k: i32) -> f64 {
    math::powi(10.0, k)
}

/// Rounds to two significant digits, up or down (the result prints short: 4.8, not 4.800000000000001).
fn nice(v: f64, up: bool) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let k = (math::ln(v.abs()) / math::ln(10.0)).floor() as i32 - 1;
    let m = if k < 0 { v * ten(-k) } else { v / ten(k) };
    let r = if up { m.ceil() } else { m.floor() };
    if k < 0 {
        r / ten(-k)
    } else {
        r * ten(k)
    }
}

/// The view, start and step size from the critical points.
pub fn choose(l: &dyn Landscape) -> Auto {
    let d = l.dim();
    let critical = critical_points(l);
    let near: Vec<&CriticalPoint> = critical.iter().filter(|c| c.point.iter().all(|v| v.abs() <= 2.0 * SEARCH_RADIUS)).collect();
    // The view: a square around the nearby critical points, with a margin.
    let (mut lo, mut hi) = (vec![f64::INFINITY; d], vec![f64::NEG_INFINITY; d]);
    for c in &near {
        for k in 0..d {
            lo[k] = lo[k].min(c.point[k]);
            hi[k] = hi[k].max(c.point[k]);
        }
    }
    let (centre, half) = if near.is_empty() {
        (vec![0.0; d], 2.0)
    } else {
        let extent = (0..d).map(|k| hi[k] - lo[k]).fold(0.0f64, f64::max);
        ((0..d).map(|k| 0.5 * (lo[k] + hi[k])).collect::<Vec<f64>>(), (0.65 * extent).max(1.0))
    };
    let mut origin = vec![0.0; d];
    if d == 3 {
        origin[2] = nice(centre[2], false);
    }
    let square = |c: [f64; 2], half: f64| {
        let half = nice(half, true);
        let (cx, cy) = (nice(c[0], false), nice(c[1], false));
        ViewBox::new(nice(cx - half, false), nice(cx + half, true), nice(cy - half, false), nice(cy + half, true))
    };
    let mut view = square([centre[0], centre[1]], half);
    let start = choose_start(l, &near, &view, &origin, half);
    if !view.contains([start[0], start[1]]) {
        // Widen the view to hold the start too.
        let c = [0.5 * (view.x0 + view.x1), 0.5 * (view.y0 + view.y1)];
        let reach = (start[0] - c[0]).abs().max((start[1] - c[1]).abs());
        view = square(c, 1.15 * reach);
    }
    // Step size: GD is stable below 2/L; take 0.2/L with L the largest |λ| at the start and the
    // nearby critical points, at most 0.1 (the built-in toys' step).
    let mut h = vec![0.0; d * d];
    let mut vals = vec![0.0; d];
    let mut big = 0.0f64;
    for p in near.iter().map(|c| &c.point).chain(std::iter::once(&start)) {
        l.hessian(p, &mut h);
        sym_eigen(d, &h, &mut vals, None);
        for v in &vals {
            if v.is_finite() {
                big = big.max(v.abs());
            }
        }
    }
    let lr = if big > 0.0 { nice_down((0.2 / big).min(0.1)).max(1e-4) } else { 0.1 };
    Auto { critical, view, origin, start, lr }
}

/// The largest of 1, 2, 5 × 10ᵏ not above v.
fn nice_down(v: f64) -> f64 {
    let e = math::powi(10.0, (math::ln(v) / math::ln(10.0)).floor() as i32);
    let m = v / e;
    let k = if m >= 5.0 { 5.0 } else if m >= 2.0 { 2.0 } else { 1.0 };
    k * e
}

/// Near the saddle closest to the view's centre: off it along its most stable direction by 0.6 of
/// the half-width and a thousandth of that along the most unstable one (downhill), so a run first
/// approaches the saddle and then has to escape it. Without a saddle: the highest of eight points on
/// a ring around the centre.
fn choose_start(l: &dyn Landscape, near: &[&CriticalPoint], view: &ViewBox, origin: &[f64], half: f64) -> Vec<f64> {
    let d = l.dim();
    let mid = [0.5 * (view.x0 + view.x1), 0.5 * (view.y0 + view.y1)];
    let dist = |c: &&&CriticalPoint| {
        let (a, b) = (c.point[0] - mid[0], c.point[1] - mid[1]);
        (a * a + b * b).sqrt()
    };
    let closest = |kind: CriticalKind| near.iter().filter(|c| c.kind == kind).min_by(|a, b| dist(a).total_cmp(&dist(b)));
    let saddle = closest(CriticalKind::Saddle).or_else(|| closest(CriticalKind::Degenerate));
    if let Some(s) = saddle {
        let mut h = vec![0.0; d * d];
        let (mut vals, mut vecs) = (vec![0.0; d], vec![0.0; d * d]);
        l.hessian(&s.point, &mut h);
        sym_eigen(d, &h, &mut vals, Some(&mut vecs));
        let unstable: Vec<f64> = (0..d).map(|r| vecs[r * d]).collect();
        let stable: Vec<f64> = (0..d).map(|r| vecs[r * d + d - 1]).collect();
        let at = |sign: f64, scale: f64| -> Vec<f64> { (0..d).map(|k| s.point[k] + sign * scale * unstable[k]).collect() };
        let probe = 0.1 * half;
        let (fp, fm) = (l.value(&at(1.0, probe)), l.value(&at(-1.0, probe)));
        let sign = if fm < fp { -1.0 } else { 1.0 };
        let a = 0.6 * half;
        let p: Vec<f64> = (0..d).map(|k| s.point[k] + a * stable[k] + sign * 1e-3 * a * unstable[k]).collect();
        if l.in_domain(&p) {
            return p;
        }
    }
    let mut best: Option<(f64, Vec<f64>)> = None;
    for k in 0..8 {
        let phi = math::PI / 12.0 + k as f64 * math::PI / 4.0;
        let mut p = origin.to_vec();
        p[0] = mid[0] + 0.7 * half * math::cos(phi);
        p[1] = mid[1] + 0.7 * half * math::sin(phi);
        if l.in_domain(&p) {
            let f = l.value(&p);
            if best.as_ref().is_none_or(|b| f > b.0) {
                best = Some((f, p));
            }
        }
    }
    best.map(|b| b.1).unwrap_or_else(|| {
        let mut p = origin.to_vec();
        p[0] = mid[0];
        p[1] = mid[1];
        p
    })
}
