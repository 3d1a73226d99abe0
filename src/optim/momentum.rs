//! `momentum` (heavy ball) and `nesterov` (docs/science.md §3 `momentum`, `nesterov`).

use super::{descend, never, Hyper, LrKind, Optimizer, OptimizerInfo, PointInfo, StepContext};
use crate::landscape::ParamSpec;

const MOM_PARAMS: &[ParamSpec] = &[ParamSpec::real("beta", 0.9, 0.0, 0.9999, "momentum β")];
const NES_PARAMS: &[ParamSpec] = &[ParamSpec::real("mu", 0.9, 0.0, 0.9999, "momentum μ")];

pub const MOMENTUM: OptimizerInfo = OptimizerInfo {
    id: "momentum",
    title: "Momentum (heavy ball)",
    about: "m ← βm + ∇f, x ← x − ηm. Velocity carries it across flat regions and, once the escape direction \
            has grown, accelerates the escape; near the saddle it still needs a nonzero component along v₁.",
    lr: 0.02,
    lr_kind: LrKind::Curvature,
    noise: 0.0,
    params: MOM_PARAMS,
    needs_estimates: never,
    build: |h| Box::new(Momentum::new(h, false)),
};

pub const NESTEROV: OptimizerInfo = OptimizerInfo {
    id: "nesterov",
    title: "Nesterov momentum",
    about: "b ← μb + ∇f, x ← x − η(∇f + μb): momentum with a look-ahead correction.",
    lr: 0.02,
    lr_kind: LrKind::Curvature,
    noise: 0.0,
    params: NES_PARAMS,
    needs_estimates: never,
    build: |h| Box::new(Momentum::new(h, true)),
};

pub struct Momentum {
    nesterov: bool,
    eta: f64,
    sigma: f64,
    beta: f64,
    m: Vec<f64>,
    g: Vec<f64>,
}

impl Momentum {
    fn new(h: &Hyper, nesterov: bool) -> Self {
        let mut o = Momentum { nesterov, eta: 0.0, sigma: 0.0, beta: 0.0, m: vec![0.0; h.dim], g: vec![0.0; h.dim] };
        o.configure(h);
        o
    }
}

impl Optimizer for Momentum {
    fn step(&mut self, x: &mut [f64], p: &PointInfo, cx: &mut StepContext) {
        cx.observed_gradient(p.x, p.gradient, self.sigma, 0, &mut self.g);
        for (m, g) in self.m.iter_mut().zip(&self.g) {
            *m = self.beta * *m + g;
        }
        if self.nesterov {
            for i in 0..x.len() {
                x[i] -= self.eta * (self.g[i] + self.beta * self.m[i]);
            }
        } else {
            descend(x, self.eta, &self.m);
        }
    }
    fn configure(&mut self, h: &Hyper) {
        self.eta = h.lr;
        self.sigma = h.noise;
        self.beta = if self.nesterov { h.get("mu") } else { h.get("beta") };
    }
}
