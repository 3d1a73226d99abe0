//! `gd` and `sgd`: x ← x − η(g + σξ) (docs/science.md §3 `gd`, `sgd`).

use super::{descend, never, Hyper, LrKind, Optimizer, OptimizerInfo, PointInfo, StepContext};
use crate::landscape::ParamSpec;

pub const GD: OptimizerInfo = OptimizerInfo {
    id: "gd",
    title: "Gradient descent",
    about: "x ← x − η∇f. Repelled by a strict saddle only as fast as the escape component grows, by (1 + η|λ_min|) \
            per step: from exactly the stable manifold it never leaves, and a flat saddle makes it crawl.",
    lr: 0.1,
    lr_kind: LrKind::Curvature,
    noise: 0.0,
    params: &[],
    needs_estimates: never,
    build: |h| Box::new(Gd::new(h, false)),
};

const SGD_PARAMS: &[ParamSpec] =
    &[ParamSpec::int("batch", 0.0, 0.0, 100000.0, "minibatch size on finite sums (0: full gradient plus σξ)")];

pub const SGD: OptimizerInfo = OptimizerInfo {
    id: "sgd",
    title: "Stochastic gradient descent",
    about: "x ← x − η(∇f + σξ), ξ ~ N(0, I), or a minibatch gradient on finite sums. The noise has a component \
            along the escape direction v₁, so SGD leaves even from the stable manifold; how fast depends on σ \
            and on |λ_min|.",
    lr: 0.05,
    lr_kind: LrKind::Curvature,
    noise: 0.1,
    params: SGD_PARAMS,
    needs_estimates: never,
    build: |h| Box::new(Gd::new(h, true)),
};

pub struct Gd {
    /// `sgd`, which has a `batch` parameter (plain `gd` has none).
    stochastic: bool,
    eta: f64,
    sigma: f64,
    batch: usize,
    g: Vec<f64>,
    /// ξ·v₁ of the last step's noise: the part that lets SGD escape (docs/science.md §3 `sgd`).
    xi_v1: Option<f64>,
}

impl Gd {
    fn new(h: &Hyper, stochastic: bool) -> Self {
        let mut o = Gd { stochastic, eta: 0.0, sigma: 0.0, batch: 0, g: vec![0.0; h.dim], xi_v1: None };
        o.configure(h);
        o
    }
}

impl Optimizer for Gd {
    fn step(&mut self, x: &mut [f64], p: &PointInfo, cx: &mut StepContext) {
        if self.sigma == 0.0 && (self.batch == 0 || cx.landscape.components() == 0) {
            // Exact gradient: no copy.
            descend(x, self.eta, p.gradient);
            return;
        }
        cx.observed_gradient(p.x, p.gradient, self.sigma, self.batch, &mut self.g);
        let d = x.len();
        if self.sigma > 0.0 && self.batch == 0 && p.eigenvectors.len() == d * d {
            // ξ = (g̃ − ∇f)/σ, projected on v₁.
            let proj: f64 = (0..d).map(|r| (self.g[r] - p.gradient[r]) * p.eigenvectors[r * d]).sum();
            self.xi_v1 = Some(proj / self.sigma);
        }
        descend(x, self.eta, &self.g);
    }
    fn readout(&self) -> Vec<(&'static str, f64)> {
        self.xi_v1.map(|v| vec![("ξ·v₁", v)]).unwrap_or_default()
    }
    fn configure(&mut self, h: &Hyper) {
        self.eta = h.lr;
        self.sigma = h.noise;
        self.batch = if self.stochastic { h.get("batch") as usize } else { 0 };
    }
}
