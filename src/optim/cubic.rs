//! `cubic`: cubic-regularised Newton (Nesterov & Polyak 2006; docs/science.md §3 `cubic`).
//!
//! x ← x + h*, h* = argmin gᵀh + ½hᵀHh + (M/6)‖h‖³. h* is the global minimiser iff
//! (H + μI)h* = −g with μ = (M/2)‖h*‖ and H + μI ⪰ 0. In the eigenbasis (g̃ = Qᵀg,
//! μ_lo = max(0, −λ₁)), φ(μ) = ‖(Λ + μI)⁻¹g̃‖ − 2μ/M decreases on (μ_lo, ∞): bracket and bisect.
//! Hard case (φ(μ_lo) ≤ 0, which needs g̃₁ ≈ 0 and λ₁ < 0): μ = −λ₁ and the missing length goes
//! along v₁ with a sign from the seeded generator. At an exact saddle the step is ±(2|λ₁|/M)v₁.

use super::{Hyper, LrKind, Optimizer, OptimizerInfo, PointInfo, StepContext};
use crate::optim::event::EventKind;
use crate::landscape::ParamSpec;

const PARAMS: &[ParamSpec] =
    &[ParamSpec::real("M", 0.0, 0.0, 1e6, "cubic weight M (0: ρ̂, the Hessian's Lipschitz constant over the view)")];

pub const CUBIC: OptimizerInfo = OptimizerInfo {
    id: "cubic",
    title: "Cubic-regularised Newton",
    about: "h* = argmin gᵀh + ½hᵀHh + (M/6)‖h‖³ (Nesterov & Polyak 2006). When the gradient is too small for \
            the local model, the minimiser moves along the most negative eigenvector, so it leaves even an \
            exact saddle or its stable manifold without any noise, in a few steps.",
    lr: 1.0,
    lr_kind: LrKind::Damping,
    noise: 0.0,
    params: PARAMS,
    needs_estimates: |h| h.get("M") == 0.0,
    build: |h| Box::new(Cubic::new(h)),
};

pub struct Cubic {
    m: f64,
    sigma: f64,
    g: Vec<f64>,
}

impl Cubic {
    fn new(h: &Hyper) -> Self {
        let mut o = Cubic { m: 1.0, sigma: 0.0, g: vec![0.0; h.dim] };
        o.configure(h);
        o
    }
}

/// Solves the cubic subproblem in the eigenbasis: returns h̃ (coordinates along the eigenvectors).
/// `sign` is used only in the hard case.
pub fn cubic_step(lambda: &[f64], gt: &[f64], m: f64, sign: f64) -> Vec<f64> {
    let d = lambda.len();
    let mu_lo = (-lambda[0]).max(0.0);
    let norm_at = |mu: f64| -> f64 {
        let mut s = 0.0;
        for i in 0..d {
            let den = lambda[i] + mu;
            if den > 0.0 {
                s += (gt[i] / den) * (gt[i] / den);
            } else if gt[i] != 0.0 {
                return f64::INFINITY;
            }
        }
        s.sqrt()
    };
    let phi = |mu: f64| norm_at(mu) - 2.0 * mu / m;
    let gnorm = gt.iter().map(|v| v * v).sum::<f64>().sqrt();
    if gnorm == 0.0 && lambda[0] >= 0.0 {
        return vec![0.0; d];
    }
    let scale = lambda.iter().fold(1.0f64, |a, l| a.max(l.abs()));
    let hard = lambda[0] < 0.0 && gt[0].abs() <= 1e-14 * gnorm.max(scale) && phi(mu_lo) <= 0.0;
    if hard {
        let mu = mu_lo;
        let mut h = vec![0.0; d];
        let mut s2 = 0.0;
        for i in 0..d {
            let den = lambda[i] + mu;
            if den > 1e-14 * scale {
                h[i] = -gt[i] / den;
                s2 += h[i] * h[i];
            }
        }
        let r = 2.0 * mu / m;
        h[0] = sign * (r * r - s2).max(0.0).sqrt();
        return h;
    }
    // Bracket the root of φ on (μ_lo, μ_hi].
    let mut lo = mu_lo;
    let mut hi = mu_lo + 1.0;
    while phi(hi) > 0.0 && hi < 1e300 {
        lo = hi;
        hi = 2.0 * hi + 1.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if phi(mid) > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let mu = hi;
    (0..d).map(|i| -gt[i] / (lambda[i] + mu)).collect()
}

impl Optimizer for Cubic {
    fn step(&mut self, x: &mut [f64], p: &PointInfo, cx: &mut StepContext) {
        let d = x.len();
        cx.observed_gradient(p.x, p.gradient, self.sigma, 0, &mut self.g);
        let gt: Vec<f64> = (0..d).map(|k| (0..d).map(|r| p.eigenvectors[r * d + k] * self.g[r]).sum()).collect();
        let sign = if cx.rng.coin() { 1.0 } else { -1.0 };
        let ht = cubic_step(p.eigenvalues, &gt, self.m, sign);
        let from = x.to_vec();
        for k in 0..d {
            for r in 0..d {
                x[r] += ht[k] * p.eigenvectors[r * d + k];
            }
        }
        // A step whose largest part lies along a negative eigenvector is a negative-curvature step.
        if p.eigenvalues[0] < 0.0 && ht[0].abs() > 0.5 * ht.iter().map(|v| v * v).sum::<f64>().sqrt() {
            cx.events.push(EventKind::NegativeCurvatureStep { from, to: x.to_vec(), lambda_min: p.eigenvalues[0] });
        }
    }
    fn configure(&mut self, h: &Hyper) {
        let m = h.get("M");
        self.m = if m > 0.0 { m } else { h.estimates().rho.max(1e-6) };
        self.sigma = h.noise;
    }
    fn needs_eigenvectors(&self) -> bool {
        true
    }
    fn steps_with_curvature(&self) -> bool {
        true
    }
    fn readout(&self) -> Vec<(&'static str, f64)> {
        vec![("M", self.m)]
    }
}
