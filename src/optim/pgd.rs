//! `pgd`: perturbed GD, Jin et al. 2017 [15], Algorithm 2 (paper; docs/science.md §3 `pgd`).
//!
//! ```text
//! χ = 3·max{ln(dℓΔf/(cε²δ)), 4};  η = c/ℓ;  r = (√c/χ²)(ε/ℓ);  g_thres = (√c/χ²)ε;
//! f_thres = (c/χ³)√(ε³/ρ);  t_thres = (χ/c²)·ℓ/√(ρε);  t_noise = −t_thres − 1
//! each step t:
//!   if ‖∇f(x_t)‖ ≤ g_thres and t − t_noise > t_thres:  x̃ = x_t; t_noise = t; x_t = x̃ + ξ, ξ ~ U(ball r)
//!   if t − t_noise = t_thres and f(x_t) − f(x̃) > −f_thres:  certify x̃
//!   x_{t+1} = x_t − η∇f(x_t)
//! ```
//! Preset `theory` takes ℓ, ρ, Δf from the box estimates (correct, and on `saddle` invisibly small:
//! r ≈ 3e-8, t_thres ≈ 6e3); preset `demo` uses η = 0.1, r = 0.05, g_thres = 1e-3, t_thres = 20,
//! f_thres = 1e-4. Parameters the scenario sets override either preset.

use super::{descend, Hyper, LrKind, Optimizer, OptimizerInfo, PointInfo, StepContext};
use crate::optim::event::EventKind;
use crate::landscape::ParamSpec;
use crate::numeric::math;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::choice("preset", 0, &["demo", "theory"], "demo: visible constants; theory: Jin et al.'s constants"),
    ParamSpec::real("r", 0.05, 0.0, 10.0, "perturbation radius r"),
    ParamSpec::real("g_thres", 1e-3, 0.0, 100.0, "perturb only where ‖∇f‖ ≤ g_thres"),
    ParamSpec::int("t_thres", 20.0, 1.0, 1e7, "at most one perturbation per t_thres steps"),
    ParamSpec::real("f_thres", 1e-4, 0.0, 100.0, "certify x̃ if f fell less than f_thres in t_thres steps"),
    ParamSpec::real("eps", 1e-3, 1e-9, 1.0, "theory preset: target accuracy ε"),
    ParamSpec::real("c", 1.0, 1e-3, 10.0, "theory preset: constant c"),
    ParamSpec::real("delta", 0.1, 1e-9, 0.999, "theory preset: failure probability δ"),
];

pub const PGD: OptimizerInfo = OptimizerInfo {
    id: "pgd",
    title: "Perturbed gradient descent",
    about: "Jin, Ge, Netrapalli, Kakade & Jordan 2017, Algorithm 2: GD that, when the gradient is small and no \
            perturbation happened in the last t_thres steps, adds a point uniform in a ball of radius r. At a \
            saddle the kick almost surely has a component along v₁, and the escape takes about \
            ln(R√d/r)/ln(1 + η|λ_min|) steps. If f did not drop by f_thres within t_thres steps, the point is \
            certified ε-second-order stationary. The theory preset's constants are correct but tiny.",
    lr: 0.1,
    lr_kind: LrKind::Curvature,
    noise: 0.0,
    params: PARAMS,
    needs_estimates: |h| h.get("preset") == 1.0,
    build: |h| Box::new(Pgd::new(h)),
};

/// The constants of Algorithm 2 from ℓ, ρ, Δf, d and (ε, c, δ).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PgdConstants {
    pub eta: f64,
    pub r: f64,
    pub g_thres: f64,
    pub f_thres: f64,
    pub t_thres: f64,
}

/// Jin et al. 2017 [15], Algorithm 2's parameter choice.
pub fn theory_constants(d: usize, ell: f64, rho: f64, delta_f: f64, eps: f64, c: f64, delta: f64) -> PgdConstants {
    let chi = 3.0 * (math::ln(d as f64 * ell * delta_f / (c * eps * eps * delta))).max(4.0);
    PgdConstants {
        eta: c / ell,
        r: c.sqrt() / (chi * chi) * (eps / ell),
        g_thres: c.sqrt() / (chi * chi) * eps,
        f_thres: c / (chi * chi * chi) * (eps * eps * eps / rho).sqrt(),
        t_thres: chi / (c * c) * ell / (rho * eps).sqrt(),
    }
}

pub struct Pgd {
    k: PgdConstants,
    t_thres: i64,
    sigma: f64,
    t_noise: Option<i64>,
    x_tilde: Vec<f64>,
    f_tilde: f64,
    g: Vec<f64>,
    xi: Vec<f64>,
}

impl Pgd {
    fn new(h: &Hyper) -> Self {
        let d = h.dim;
        let mut o = Pgd {
            k: PgdConstants { eta: 0.0, r: 0.0, g_thres: 0.0, f_thres: 0.0, t_thres: 1.0 },
            t_thres: 1,
            sigma: 0.0,
            t_noise: None,
            x_tilde: vec![0.0; d],
            f_tilde: 0.0,
            g: vec![0.0; d],
            xi: vec![0.0; d],
        };
        o.configure(h);
        o
    }
}

impl Optimizer for Pgd {
    fn step(&mut self, x: &mut [f64], p: &PointInfo, cx: &mut StepContext) {
        let t = cx.t as i64;
        let t_noise = self.t_noise.unwrap_or(-self.t_thres - 1);
        let gn = math::norm(p.gradient);
        let mut perturbed = false;
        if gn <= self.k.g_thres && t - t_noise > self.t_thres {
            self.x_tilde.copy_from_slice(p.x);
            self.f_tilde = p.f;
            self.t_noise = Some(t);
            cx.rng.ball(x.len(), self.k.r, &mut self.xi);
            for (xi, e) in x.iter_mut().zip(&self.xi) {
                *xi += e;
            }
            cx.events.push(EventKind::Perturbation { center: self.x_tilde.clone(), xi: self.xi.clone(), radius: self.k.r });
            perturbed = true;
        } else if t - t_noise == self.t_thres && p.f - self.f_tilde > -self.k.f_thres {
            cx.events.push(EventKind::Certified { point: self.x_tilde.clone() });
        }
        if perturbed {
            let mut exact = vec![0.0; x.len()];
            cx.gradient_at(x, &mut exact);
            let xs = x.to_vec();
            cx.observed_gradient(&xs, &exact, self.sigma, 0, &mut self.g);
        } else {
            cx.observed_gradient(p.x, p.gradient, self.sigma, 0, &mut self.g);
        }
        descend(x, self.k.eta, &self.g);
    }
    fn readout(&self) -> Vec<(&'static str, f64)> {
        vec![("r", self.k.r), ("g_thres", self.k.g_thres), ("t_thres", self.t_thres as f64), ("f_thres", self.k.f_thres), ("η", self.k.eta)]
    }
    fn configure(&mut self, h: &Hyper) {
        let mut k = PgdConstants {
            eta: h.lr,
            r: h.get("r"),
            g_thres: h.get("g_thres"),
            f_thres: h.get("f_thres"),
            t_thres: h.get("t_thres"),
        };
        if h.get("preset") == 1.0 {
            let e = h.estimates();
            let th = theory_constants(h.dim, e.ell, e.rho, e.delta_f.max(1e-12), h.get("eps"), h.get("c"), h.get("delta"));
            if !h.lr_given {
                k.eta = th.eta;
            }
            if !h.is_given("r") {
                k.r = th.r;
            }
            if !h.is_given("g_thres") {
                k.g_thres = th.g_thres;
            }
            if !h.is_given("f_thres") {
                k.f_thres = th.f_thres;
            }
            if !h.is_given("t_thres") {
                k.t_thres = th.t_thres;
            }
        }
        self.t_thres = k.t_thres.ceil().max(1.0) as i64;
        self.k = k;
        self.sigma = h.noise;
    }
}
