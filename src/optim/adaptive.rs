//! `rmsprop` and `adam`: per-coordinate step sizes (docs/science.md §3 `rmsprop`, `adam`). Not
//! rotation invariant: rotate the `saddle` by θ and they take other paths, while GD's path only
//! rotates.

use super::{never, Hyper, LrKind, Optimizer, OptimizerInfo, PointInfo, StepContext};
use crate::landscape::ParamSpec;

const RMS_PARAMS: &[ParamSpec] = &[
    ParamSpec::real("alpha", 0.99, 0.0, 0.999999, "decay α of the squared-gradient average"),
    ParamSpec::real("eps", 1e-8, 0.0, 1.0, "ε added to √v"),
];
const ADAM_PARAMS: &[ParamSpec] = &[
    ParamSpec::real("beta1", 0.9, 0.0, 0.999999, "decay β₁ of the first moment"),
    ParamSpec::real("beta2", 0.999, 0.0, 0.999999, "decay β₂ of the second moment"),
    ParamSpec::real("eps", 1e-8, 0.0, 1.0, "ε added to √v̂"),
];

pub const RMSPROP: OptimizerInfo = OptimizerInfo {
    id: "rmsprop",
    title: "RMSProp",
    about: "v ← αv + (1−α)g², x ← x − ηg/(√v + ε). Dividing by the running gradient size blows up the tiny escape \
            component: from (1, 1e-12) on the saddle it leaves in a few tens of steps, far sooner than GD.",
    lr: 0.01,
    lr_kind: LrKind::Adaptive,
    noise: 0.0,
    params: RMS_PARAMS,
    needs_estimates: never,
    build: |h| Box::new(Adaptive::new(h, false)),
};

pub const ADAM: OptimizerInfo = OptimizerInfo {
    id: "adam",
    title: "Adam",
    about: "Adam (Kingma & Ba 2015): bias-corrected moments m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ), x ← x − ηm̂/(√v̂ + ε). \
            Its first step has size η in every coordinate whatever the gradient's size, so it escapes from \
            (1, 1e-12) in well under 100 steps, but not from exactly (1, 0).",
    lr: 0.02,
    lr_kind: LrKind::Adaptive,
    noise: 0.0,
    params: ADAM_PARAMS,
    needs_estimates: never,
    build: |h| Box::new(Adaptive::new(h, true)),
};

pub struct Adaptive {
    adam: bool,
    eta: f64,
    sigma: f64,
    beta1: f64,
    beta2: f64,
    eps: f64,
    /// Products β₁ᵗ, β₂ᵗ for the bias correction.
    b1t: f64,
    b2t: f64,
    m: Vec<f64>,
    v: Vec<f64>,
    g: Vec<f64>,
}

impl Adaptive {
    fn new(h: &Hyper, adam: bool) -> Self {
        let d = h.dim;
        let mut o = Adaptive {
            adam,
            eta: 0.0,
            sigma: 0.0,
            beta1: 0.0,
            beta2: 0.0,
            eps: 0.0,
            b1t: 1.0,
            b2t: 1.0,
            m: vec![0.0; d],
            v: vec![0.0; d],
            g: vec![0.0; d],
        };
        o.configure(h);
        o
    }
}

impl Optimizer for Adaptive {
    fn step(&mut self, x: &mut [f64], p: &PointInfo, cx: &mut StepContext) {
        cx.observed_gradient(p.x, p.gradient, self.sigma, 0, &mut self.g);
        if self.adam {
            self.b1t *= self.beta1;
            self.b2t *= self.beta2;
            for i in 0..x.len() {
                let g = self.g[i];
                self.m[i] = self.beta1 * self.m[i] + (1.0 - self.beta1) * g;
                self.v[i] = self.beta2 * self.v[i] + (1.0 - self.beta2) * g * g;
                let mh = self.m[i] / (1.0 - self.b1t);
                let vh = self.v[i] / (1.0 - self.b2t);
                x[i] -= self.eta * mh / (vh.sqrt() + self.eps);
            }
        } else {
            for i in 0..x.len() {
                let g = self.g[i];
                self.v[i] = self.beta2 * self.v[i] + (1.0 - self.beta2) * g * g;
                x[i] -= self.eta * g / (self.v[i].sqrt() + self.eps);
            }
        }
    }
    fn configure(&mut self, h: &Hyper) {
        self.eta = h.lr;
        self.sigma = h.noise;
        self.eps = h.get("eps");
        if self.adam {
            self.beta1 = h.get("beta1");
            self.beta2 = h.get("beta2");
        } else {
            self.beta2 = h.get("alpha");
        }
    }
}
