//! `relu-ss`: the two-layer ReLU net of Safran & Shamir 2018 [11] in closed form
//! (docs/science.md §2 `relu-ss`).
//!
//! x ~ N(0, I_n), teacher Σ_j[v_jᵀx]₊ with v_j = e_j, student Σ_i[w_iᵀx]₊, k units each:
//! F(W) = ½Σ_{i,i′}κ(w_i,w_{i′}) − Σ_{i,j}κ(w_i,v_j) + ½Σ_{j,j′}κ(v_j,v_{j′}),
//! κ(w,v) = ‖w‖‖v‖(sin θ + (π − θ)cos θ)/(2π), θ = ∠(w,v);
//! ∇_wκ(w,v) = (‖v‖ sin θ·w/‖w‖ + (π − θ)v)/(2π). The Hessian is the central difference of the
//! analytic gradient. W is stored row by row: coordinate i·n + c is component c of unit i.

use super::{classify, CriticalPoint, Landscape, LandscapeInfo, ParamError, ParamSpec, Slice, SlicePolicy, ViewBox};
use crate::numeric::math;
use crate::numeric::random::Rng;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::int("k", 6.0, 1.0, 12.0, "hidden units of teacher and student (more units: more spurious minima)").restarts(),
    ParamSpec::int("n", 6.0, 1.0, 12.0, "input dimension (≥ k)").restarts(),
];

pub const INFO: LandscapeInfo = LandscapeInfo {
    id: "relu-ss",
    title: "Two-layer ReLU net (Safran & Shamir 2018)",
    about: "A student ReLU net with k units learns a teacher with orthonormal weights, on Gaussian inputs, with \
            the population loss in closed form. Safran & Shamir 2018 found that from a standard random start \
            GD ends at a spurious local minimum in about 1% of runs for k = 6, 12% for k = 8 and 58% for k = 12. \
            The picture is a 2D slice through the global minimum, the start and a second global minimum (units \
            swapped); the index and λ_min shown are the full Hessian's, in all k·n dimensions.",
    params: PARAMS,
    curvature: Some("k"),
    build: |p, seed| {
        let k = p.value(PARAMS, "k") as usize;
        let n = p.value(PARAMS, "n") as usize;
        if k > n {
            return Err(ParamError::new("k", format!("must be at most n = {n} (the teacher's units are e₁ … e_k)")));
        }
        Ok(Box::new(ReluSs::new(k, n, seed)))
    },
};

pub struct ReluSs {
    pub k: usize,
    pub n: usize,
    /// The start drawn from w_i ~ N(0, I/n) with the scenario's seed; also spans the slice.
    init: Vec<f64>,
}

/// κ(w, v) and, if asked, ∇_wκ(w, v) added into `grad` scaled by `scale`.
fn kappa(w: &[f64], v: &[f64], grad: Option<(&mut [f64], f64)>) -> f64 {
    let nw = math::norm(w);
    let nv = math::norm(v);
    if nw == 0.0 || nv == 0.0 {
        return 0.0;
    }
    let cos = (math::dot(w, v) / (nw * nv)).clamp(-1.0, 1.0);
    let theta = math::acos(cos);
    let sin = math::sin(theta);
    if let Some((g, scale)) = grad {
        let a = scale * nv * sin / (nw * 2.0 * math::PI);
        let b = scale * (math::PI - theta) / (2.0 * math::PI);
        for c in 0..w.len() {
            g[c] += a * w[c] + b * v[c];
        }
    }
    nw * nv * (sin + (math::PI - theta) * cos) / (2.0 * math::PI)
}

/// κ(w, e_j) for a teacher unit e_j (‖e_j‖ = 1, w·e_j = w_j), and its gradient added into `grad`
/// scaled by `scale`: the same formula as [`kappa`] without building e_j.
fn kappa_teacher(w: &[f64], j: usize, grad: Option<(&mut [f64], f64)>) -> f64 {
    let nw = math::norm(w);
    if nw == 0.0 {
        return 0.0;
    }
    let cos = (w[j] / nw).clamp(-1.0, 1.0);
    let theta = math::acos(cos);
    let sin = math::sin(theta);
    if let Some((g, scale)) = grad {
        let a = scale * sin / (nw * 2.0 * math::PI);
        for c in 0..w.len() {
            g[c] += a * w[c];
        }
        g[j] += scale * (math::PI - theta) / (2.0 * math::PI);
    }
    nw * (sin + (math::PI - theta) * cos) / (2.0 * math::PI)
}

impl ReluSs {
    pub fn new(k: usize, n: usize, seed: u64) -> Self {
        let mut rng = crate::numeric::random::rng(seed ^ crate::numeric::random::salt::RELU_SS_INIT);
        let s = 1.0 / (n as f64).sqrt();
        let init = (0..k * n).map(|_| s * crate::numeric::random::gaussian(&mut rng)).collect();
        ReluSs { k, n, init }
    }
    fn teacher(&self, j: usize) -> Vec<f64> {
        let mut v = vec![0.0; self.n];
        v[j] = 1.0;
        v
    }
    /// The global minimum W* = V.
    pub fn global_minimum(&self) -> Vec<f64> {
        (0..self.k).flat_map(|j| self.teacher(j)).collect()
    }
}

impl Landscape for ReluSs {
    fn depends_on_seed(&self) -> bool {
        // W₀ is drawn from the seed.
        true
    }
    fn id(&self) -> &'static str {
        "relu-ss"
    }
    fn dim(&self) -> usize {
        self.k * self.n
    }
    fn value(&self, x: &[f64]) -> f64 {
        let n = self.n;
        let w = |i: usize| &x[i * n..(i + 1) * n];
        let mut f = 0.0;
        for i in 0..self.k {
            for i2 in 0..self.k {
                f += 0.5 * kappa(w(i), w(i2), None);
            }
            for j in 0..self.k {
                f -= kappa_teacher(w(i), j, None);
            }
        }
        // ½Σκ(v_j, v_j′) for orthonormal v: ½(k·½ + k(k−1)·1/(2π)).
        let kf = self.k as f64;
        f + 0.5 * (0.5 * kf + kf * (kf - 1.0) / (2.0 * math::PI))
    }
    fn gradient(&self, x: &[f64], g: &mut [f64]) {
        let n = self.n;
        g.iter_mut().for_each(|e| *e = 0.0);
        for i in 0..self.k {
            let wi = &x[i * n..(i + 1) * n];
            let gi = &mut g[i * n..(i + 1) * n];
            for i2 in 0..self.k {
                if i2 == i {
                    // d/dw of ½κ(w, w) = ‖w‖²/4.
                    for c in 0..n {
                        gi[c] += 0.5 * wi[c];
                    }
                } else {
                    kappa(wi, &x[i2 * n..(i2 + 1) * n], Some((&mut *gi, 1.0)));
                }
            }
            for j in 0..self.k {
                kappa_teacher(wi, j, Some((&mut *gi, -1.0)));
            }
        }
    }
    fn value_gradient(&self, x: &[f64], g: &mut [f64]) -> f64 {
        // The value's sums in the same order as `value`, so both give the same bits; each angle is
        // computed once for the value and the gradient.
        let n = self.n;
        g.iter_mut().for_each(|e| *e = 0.0);
        let mut f = 0.0;
        for i in 0..self.k {
            let wi = &x[i * n..(i + 1) * n];
            let gi = &mut g[i * n..(i + 1) * n];
            for i2 in 0..self.k {
                if i2 == i {
                    f += 0.5 * kappa(wi, wi, None);
                    for c in 0..n {
                        gi[c] += 0.5 * wi[c];
                    }
                } else {
                    f += 0.5 * kappa(wi, &x[i2 * n..(i2 + 1) * n], Some((&mut *gi, 1.0)));
                }
            }
            for j in 0..self.k {
                f -= kappa_teacher(wi, j, Some((&mut *gi, -1.0)));
            }
        }
        let kf = self.k as f64;
        f + 0.5 * (0.5 * kf + kf * (kf - 1.0) / (2.0 * math::PI))
    }
    fn evaluate(&self, x: &[f64], g: &mut [f64], h: &mut [f64]) -> f64 {
        let f = self.value_gradient(x, g);
        self.hessian(x, h);
        f
    }
    fn hessian(&self, x: &[f64], h: &mut [f64]) {
        let d = self.dim();
        let mut xp = x.to_vec();
        let mut gp = vec![0.0; d];
        let mut gm = vec![0.0; d];
        let eps = 1e-5 * math::norm(x).max(1.0);
        for c in 0..d {
            xp[c] = x[c] + eps;
            self.gradient(&xp, &mut gp);
            xp[c] = x[c] - eps;
            self.gradient(&xp, &mut gm);
            xp[c] = x[c];
            for r in 0..d {
                h[r * d + c] = (gp[r] - gm[r]) / (2.0 * eps);
            }
        }
        for r in 0..d {
            for c in r + 1..d {
                let m = 0.5 * (h[r * d + c] + h[c * d + r]);
                h[r * d + c] = m;
                h[c * d + r] = m;
            }
        }
    }
    fn cost(&self) -> f64 {
        (2 * self.k * self.k * self.n) as f64
    }
    fn evaluate_cost(&self) -> f64 {
        // The Hessian is central differences of the gradient: 2d gradients, each of cost() terms.
        super::FLOPS_PER_TERM * self.cost() * (2.0 * self.dim() as f64 + 2.0)
    }
    fn critical_points_cost(&self) -> f64 {
        // One listed point.
        self.evaluate_cost() + crate::numeric::eigen::eigen_cost(self.dim(), false)
    }
    fn hessian_accuracy(&self) -> f64 {
        // Central differences with step 1e-5·‖W‖ of a gradient accurate to ~1e-16: errors ~1e-10
        // from truncation, ~1e-11/1e-5 from rounding; kinks of the ReLU add more. 1e-6 is safe.
        1e-6
    }
    fn smooth_at(&self, x: &[f64]) -> bool {
        let n = self.n;
        for i in 0..self.k {
            let wi = &x[i * n..(i + 1) * n];
            let nw = math::norm(wi);
            if nw < 1e-8 {
                return false;
            }
            let others = (0..self.k).filter(|&i2| i2 != i).map(|i2| x[i2 * n..(i2 + 1) * n].to_vec());
            for v in others.chain((0..self.k).map(|j| self.teacher(j))) {
                let nv = math::norm(&v);
                if nv == 0.0 {
                    continue;
                }
                let cos = (math::dot(wi, &v) / (nw * nv)).clamp(-1.0, 1.0);
                if (1.0 - cos * cos).max(0.0).sqrt() < 1e-6 {
                    return false;
                }
            }
        }
        true
    }
    fn critical_points(&self) -> Vec<CriticalPoint> {
        vec![classify(self, self.global_minimum(), "global (non-smooth: units aligned with the teacher)")
            .with_kind(super::CriticalKind::Minimum)]
    }
    fn view(&self) -> ViewBox {
        let s = self.slice();
        let a = s.project(&self.init);
        let b = s.project(&self.swapped());
        let xs = [0.0, a[0], b[0]];
        let ys = [0.0, a[1], b[1]];
        let (x0, x1) = (xs.iter().cloned().fold(f64::INFINITY, f64::min), xs.iter().cloned().fold(f64::NEG_INFINITY, f64::max));
        let (y0, y1) = (ys.iter().cloned().fold(f64::INFINITY, f64::min), ys.iter().cloned().fold(f64::NEG_INFINITY, f64::max));
        let m = 0.35 * (x1 - x0).max(y1 - y0).max(0.5);
        ViewBox::new(x0 - m, x1 + m, y0 - m, y1 + m)
    }
    fn start(&self, _rng: &mut Rng) -> Vec<f64> {
        self.init.clone()
    }
    fn default_steps(&self) -> u64 {
        20_000
    }
    fn default_lr(&self) -> Option<f64> {
        Some(0.2)
    }
    fn slice_policy(&self) -> SlicePolicy {
        SlicePolicy::ThroughRunEnd
    }
    fn slice(&self) -> Slice {
        // Plane through W*, the start W₀ and W* with its first two units swapped. (The page moves it
        // through the run's final point once that run has stopped: often a spurious minimum.)
        Slice::through(self.global_minimum(), &self.init, &self.swapped(), ["toward W₀", "toward W* swapped"])
    }
}

impl ReluSs {
    fn swapped(&self) -> Vec<f64> {
        let mut w = self.global_minimum();
        if self.k >= 2 {
            for c in 0..self.n {
                w.swap(c, self.n + c);
            }
        } else {
            w.iter_mut().for_each(|e| *e = -*e);
        }
        w
    }
}
