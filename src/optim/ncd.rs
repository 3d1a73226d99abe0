//! `ncd`: negative-curvature descent (derived; docs/science.md §3 `ncd`).
//!
//! If ‖g‖ ≤ g_thres and λ₁ ≤ −ε_H: x ← x + α s v₁ with s = −sign(v₁ᵀg) (a seeded ±1 if 0) and
//! α = 2|λ₁|/ρ̂, which decreases f by at least (2/3)|λ₁|³/ρ²; otherwise x ← x − ηg.

use super::{descend, Hyper, LrKind, Optimizer, OptimizerInfo, PointInfo, StepContext};
use crate::optim::event::EventKind;
use crate::landscape::ParamSpec;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::real("g_thres", 1e-3, 0.0, 100.0, "take a curvature step only where ‖∇f‖ ≤ g_thres"),
    ParamSpec::real("eps_h", 1e-3, 0.0, 100.0, "… and λ_min ≤ −ε_H"),
];

pub const NCD: OptimizerInfo = OptimizerInfo {
    id: "ncd",
    title: "Negative-curvature descent",
    about: "Gradient steps, except where the gradient is tiny and the Hessian has a clearly negative eigenvalue: \
            there it steps a distance 2|λ_min|/ρ̂ along the eigenvector v₁, downhill, which lowers f by at least \
            (2/3)|λ_min|³/ρ̂². Deterministic second-order escape, one eigenvector per step.",
    lr: 0.1,
    lr_kind: LrKind::Curvature,
    noise: 0.0,
    params: PARAMS,
    needs_estimates: |_| true,
    build: |h| Box::new(Ncd::new(h)),
};

pub struct Ncd {
    eta: f64,
    sigma: f64,
    g_thres: f64,
    eps_h: f64,
    rho: f64,
    g: Vec<f64>,
}

impl Ncd {
    fn new(h: &Hyper) -> Self {
        let mut o = Ncd { eta: 0.0, sigma: 0.0, g_thres: 0.0, eps_h: 0.0, rho: 1.0, g: vec![0.0; h.dim] };
        o.configure(h);
        o
    }
}

impl Optimizer for Ncd {
    fn step(&mut self, x: &mut [f64], p: &PointInfo, cx: &mut StepContext) {
        let d = x.len();
        let l1 = p.eigenvalues[0];
        if crate::numeric::math::norm(p.gradient) <= self.g_thres && l1 <= -self.eps_h {
            let v1 = p.eigenvector(0);
            let vg = crate::numeric::math::dot(&v1, p.gradient);
            let s = if vg > 0.0 {
                -1.0
            } else if vg < 0.0 {
                1.0
            } else if cx.rng.coin() {
                1.0
            } else {
                -1.0
            };
            let alpha = 2.0 * l1.abs() / self.rho;
            let from = x.to_vec();
            for r in 0..d {
                x[r] += alpha * s * v1[r];
            }
            cx.events.push(EventKind::NegativeCurvatureStep { from, to: x.to_vec(), lambda_min: l1 });
        } else {
            cx.observed_gradient(p.x, p.gradient, self.sigma, 0, &mut self.g);
            descend(x, self.eta, &self.g);
        }
    }
    fn configure(&mut self, h: &Hyper) {
        self.eta = h.lr;
        self.sigma = h.noise;
        self.g_thres = h.get("g_thres");
        self.eps_h = h.get("eps_h");
        self.rho = h.estimates().rho.max(1e-9);
    }
    fn needs_eigenvectors(&self) -> bool {
        true
    }
    fn steps_with_curvature(&self) -> bool {
        true
    }
    fn readout(&self) -> Vec<(&'static str, f64)> {
        vec![("ρ̂", self.rho)]
    }
}
