//! `newton` and `sfn` (saddle-free Newton, Dauphin et al. 2014 [12]); docs/science.md §3 `newton`
//! and `sfn`.
//!
//! Both act in the Hessian's eigenbasis: Newton scales the gradient's component along vᵢ by 1/λᵢ,
//! which reverses it along negative eigen-directions and pulls the iterate *into* a saddle; saddle-
//! free Newton scales by 1/(|λᵢ| + λ_d) and keeps every component pointing downhill.

use super::{never, Hyper, LrKind, Optimizer, OptimizerInfo, PointInfo, StepContext};
use crate::optim::event::EventKind;
use crate::landscape::ParamSpec;
use crate::numeric::math;

pub const NEWTON: OptimizerInfo = OptimizerInfo {
    id: "newton",
    title: "Newton's method",
    about: "x ← x − αH⁻¹∇f. Along a negative eigen-direction the step reverses sign, so Newton is attracted to \
            saddles: on a quadratic it lands on the saddle in one step (Dauphin et al. 2014). Singular Hessians \
            are skipped and marked; steps that go uphill to first order are marked as ascent steps.",
    lr: 1.0,
    lr_kind: LrKind::Damping,
    noise: 0.0,
    params: &[],
    needs_estimates: never,
    build: |h| Box::new(Newton::new(h, false)),
};

const SFN_PARAMS: &[ParamSpec] =
    &[ParamSpec::real("cap", 0.5, 0.0, 100.0, "trust cap on ‖Δx‖ (0: none)")];

pub const SFN: OptimizerInfo = OptimizerInfo {
    id: "sfn",
    title: "Saddle-free Newton",
    about: "x ← x − α(|H| + λ_d I)⁻¹∇f with |H| = Q diag(|λᵢ|) Qᵀ (Dauphin et al. 2014): Newton's curvature \
            scaling without its attraction to saddles. It rescales the gradient but adds no new direction, \
            so from exactly the stable manifold it stays on it.",
    lr: 1.0,
    lr_kind: LrKind::Damping,
    noise: 0.0,
    params: SFN_PARAMS,
    needs_estimates: never,
    build: |h| Box::new(Newton::new(h, true)),
};

pub struct Newton {
    saddle_free: bool,
    alpha: f64,
    sigma: f64,
    cap: f64,
    g: Vec<f64>,
    delta: Vec<f64>,
}

impl Newton {
    fn new(h: &Hyper, saddle_free: bool) -> Self {
        let mut o = Newton { saddle_free, alpha: 1.0, sigma: 0.0, cap: 0.0, g: vec![0.0; h.dim], delta: vec![0.0; h.dim] };
        o.configure(h);
        o
    }
}

impl Optimizer for Newton {
    fn step(&mut self, x: &mut [f64], p: &PointInfo, cx: &mut StepContext) {
        let d = x.len();
        cx.observed_gradient(p.x, p.gradient, self.sigma, 0, &mut self.g);
        let max_abs = p.eigenvalues.iter().fold(0.0f64, |m, l| m.max(l.abs()));
        if !self.saddle_free {
            // |det H| < 1e-12·max|λ|^d: skip.
            let det: f64 = p.eigenvalues.iter().map(|l| l.abs()).product();
            if max_abs == 0.0 || det < 1e-12 * math::powi(max_abs, d as i32) {
                cx.events.push(EventKind::SingularHessian);
                return;
            }
        }
        let damping = 1e-3 * max_abs.max(1.0);
        self.delta.iter_mut().for_each(|e| *e = 0.0);
        for k in 0..d {
            let gk: f64 = (0..d).map(|r| p.eigenvectors[r * d + k] * self.g[r]).sum();
            let l = p.eigenvalues[k];
            let scale = if self.saddle_free { 1.0 / (l.abs() + damping) } else { 1.0 / l };
            for r in 0..d {
                self.delta[r] -= self.alpha * scale * gk * p.eigenvectors[r * d + k];
            }
        }
        if self.saddle_free && self.cap > 0.0 {
            let n = math::norm(&self.delta);
            if n > self.cap {
                self.delta.iter_mut().for_each(|e| *e *= self.cap / n);
            }
        }
        if !self.saddle_free && math::dot(&self.g, &self.delta) > 0.0 {
            cx.events.push(EventKind::AscentStep);
        }
        for (xi, di) in x.iter_mut().zip(&self.delta) {
            *xi += di;
        }
    }
    fn configure(&mut self, h: &Hyper) {
        self.alpha = h.lr;
        self.sigma = h.noise;
        self.cap = if self.saddle_free { h.get("cap") } else { 0.0 };
    }
    fn needs_eigenvectors(&self) -> bool {
        true
    }
    fn steps_with_curvature(&self) -> bool {
        true
    }
}
