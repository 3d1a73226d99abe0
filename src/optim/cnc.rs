//! `cnc`: steps along stochastic gradients with correlated negative curvature, Daneshmand et al.
//! 2018 [16] (docs/science.md §3 `cnc`). The CNC assumption E[(v₁ᵀ∇f_z)²] ≥ γ is the paper's; the
//! schedule constants are not in the paper (ours, unverified).
//!
//! Periodic mode (our hybrid): every t_thres steps w ← w − r∇f_z(w), otherwise w ← w − η∇f(w).
//! Gated mode (the authors' code, `PGD_2`): when ‖∇f‖ < g_thres and λ_min < −0.005, one
//! single-sample step w ← w − 2η∇f_z(w); otherwise a full gradient step.
//! On a finite sum ∇f_z is a minibatch gradient; elsewhere ∇f + ζ with ζ ~ N(0, Σ): model `plane`,
//! Σ = σ²R_ψ diag(1, 0.01)R_ψᵀ in the first two coordinates and 0.01σ² in the others; model
//! `isotropic`, Σ = σ²I, whose variance along any direction (v₁ included) is σ² whatever d is.

use super::{descend, Hyper, LrKind, Optimizer, OptimizerInfo, PointInfo, StepContext};
use crate::optim::event::EventKind;
use crate::landscape::ParamSpec;
use crate::numeric::math;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::choice("mode", 0, &["periodic", "gated"], "periodic: every t_thres steps; gated: where ‖∇f‖ < g_thres and λ_min < −0.005 (a 2η step)"),
    ParamSpec::real("r", 0.5, 0.0, 100.0, "step size r of the stochastic step (5η at η = 0.1)"),
    ParamSpec::int("t_thres", 20.0, 1.0, 1e7, "steps between stochastic steps"),
    ParamSpec::real("g_thres", 1e-3, 0.0, 100.0, "gated mode: only where ‖∇f‖ ≤ g_thres"),
    ParamSpec::int("batch", 1.0, 1.0, 100000.0, "components in the stochastic gradient (finite sums)"),
    ParamSpec::real("sigma", 0.1, 0.0, 100.0, "non-finite-sum landscapes: scale σ of the synthetic gradient noise"),
    ParamSpec::real("psi", 90.0, -180.0, 180.0, "non-finite-sum landscapes: direction ψ (degrees) of the noise's main axis"),
    ParamSpec::choice("model", 0, &["plane", "isotropic"], "non-finite-sum noise: plane (anisotropic in x₁, x₂) or isotropic σ²I (variance σ² along v₁ in every dimension)"),
];

/// Past this dimension the γ̂ readout is not computed (it would need all d eigenvectors a step).
const MAX_READOUT_DIM: usize = 64;

/// λ_min below which gated mode takes its stochastic step (the authors' code).
const GATE_LAMBDA: f64 = -0.005;

pub const CNC: OptimizerInfo = OptimizerInfo {
    id: "cnc",
    title: "Correlated negative curvature (CNC)",
    about: "Daneshmand, Kohler, Lucchi & Hofmann 2018: instead of isotropic noise, take an occasional larger step \
            along one stochastic gradient. If its variance along the negative-curvature direction, \
            γ = E[(v₁·∇f_z)²], is bounded below, the escape takes about ln(R/(r√γ))/ln(1 + η|λ_min|) steps, with \
            no dependence on the dimension. The event shows (v₁·∇f_z)² and its running mean γ̂. The assumption \
            is the paper's; the schedule (every t_thres steps, or gated by ‖∇f‖ and λ_min as in the authors' code) \
            and its constants are ours, not the paper's.",
    lr: 0.1,
    lr_kind: LrKind::Curvature,
    noise: 0.0,
    params: PARAMS,
    needs_estimates: |_| false,
    build: |h| Box::new(Cnc::new(h)),
};

pub struct Cnc {
    gated: bool,
    eta: f64,
    r: f64,
    t_thres: u64,
    g_thres: f64,
    batch: usize,
    sigma_z: f64,
    psi: f64,
    isotropic: bool,
    noise: f64,
    alignment_sum: f64,
    cnc_steps: u64,
    g: Vec<f64>,
}

impl Cnc {
    fn new(h: &Hyper) -> Self {
        let mut o = Cnc {
            gated: false,
            eta: 0.0,
            r: 0.0,
            t_thres: 1,
            g_thres: 0.0,
            batch: 1,
            sigma_z: 0.0,
            psi: 0.0,
            isotropic: false,
            noise: 0.0,
            alignment_sum: 0.0,
            cnc_steps: 0,
            g: vec![0.0; h.dim],
        };
        o.configure(h);
        o
    }

    /// One stochastic gradient ∇f_z(x).
    fn stochastic_gradient(&mut self, p: &PointInfo, cx: &mut StepContext) {
        if cx.landscape.components() > 0 {
            cx.observed_gradient(p.x, p.gradient, 0.0, self.batch, &mut self.g);
            return;
        }
        self.g.copy_from_slice(p.gradient);
        if self.isotropic {
            for g in self.g.iter_mut() {
                *g += self.sigma_z * cx.rng.gaussian();
            }
            return;
        }
        let z1 = cx.rng.gaussian();
        let z2 = 0.1 * cx.rng.gaussian();
        let (c, s) = (math::cos(self.psi), math::sin(self.psi));
        self.g[0] += self.sigma_z * (c * z1 - s * z2);
        if self.g.len() > 1 {
            self.g[1] += self.sigma_z * (s * z1 + c * z2);
        }
        for k in 2..self.g.len() {
            self.g[k] += 0.1 * self.sigma_z * cx.rng.gaussian();
        }
    }
}

impl Optimizer for Cnc {
    fn step(&mut self, x: &mut [f64], p: &PointInfo, cx: &mut StepContext) {
        let t = cx.t;
        let take = if self.gated {
            math::norm(p.gradient) < self.g_thres && p.eigenvalues.first().is_some_and(|l| *l < GATE_LAMBDA)
        } else {
            (t + 1) % self.t_thres == 0
        };
        if take {
            self.stochastic_gradient(p, cx);
            let d = x.len();
            // (v₁·∇f_z)²: only where the run computed v₁ (not in statistics runs).
            let alignment = (p.eigenvectors.len() == d * d).then(|| {
                let along: f64 = (0..d).map(|r| p.eigenvectors[r * d] * self.g[r]).sum();
                along * along
            });
            if let Some(a) = alignment {
                self.alignment_sum += a;
                self.cnc_steps += 1;
            }
            let from = x.to_vec();
            descend(x, if self.gated { 2.0 * self.eta } else { self.r }, &self.g);
            cx.events.push(EventKind::CncStep {
                from,
                to: x.to_vec(),
                alignment,
                gamma_hat: alignment.map(|_| self.alignment_sum / self.cnc_steps as f64),
            });
        } else {
            cx.observed_gradient(p.x, p.gradient, self.noise, 0, &mut self.g);
            descend(x, self.eta, &self.g);
        }
    }
    fn configure(&mut self, h: &Hyper) {
        self.gated = h.get("mode") == 1.0;
        self.eta = h.lr;
        self.r = h.get("r");
        self.t_thres = h.get("t_thres").max(1.0) as u64;
        self.g_thres = h.get("g_thres");
        self.batch = h.get("batch").max(1.0) as usize;
        self.sigma_z = h.get("sigma");
        self.psi = h.get("psi") * math::PI / 180.0;
        self.isotropic = h.get("model") == 1.0;
        self.noise = h.noise;
    }
    fn needs_eigenvectors(&self) -> bool {
        // Only the (v₁·∇f_z)² readout uses v₁: worth a d×d matrix per step only in low dimension.
        self.g.len() <= MAX_READOUT_DIM
    }
    fn steps_with_curvature(&self) -> bool {
        // Gated mode decides by λ_min.
        self.gated
    }
    fn readout(&self) -> Vec<(&'static str, f64)> {
        if self.cnc_steps == 0 {
            return Vec::new();
        }
        vec![("γ̂", self.alignment_sum / self.cnc_steps as f64)]
    }
}
