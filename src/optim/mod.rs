//! Optimizers: one trait, one step at a time, state inside (docs/science.md §3 Optimizers).
//!
//! A step sees the current point with its exact f, ∇f, ∇²f and spectrum (computed once per step by
//! the run), draws all randomness from the run's seeded generator, and pushes the events it causes.
//! Hyper-parameters can change between steps ([`Optimizer::configure`]) without losing state, so
//! the page's sliders act on a running race.

mod adaptive;
mod cnc;
mod cubic;
mod gd;
mod momentum;
mod ncd;
mod newton;
mod pgd;
pub mod event;

pub use cubic::cubic_step;
pub use pgd::{theory_constants, PgdConstants};

use crate::optim::event::EventKind;
use crate::landscape::{Estimates, Landscape};
use crate::numeric::params::ParamSpec;
use crate::numeric::random::Rng;

/// The current point as the run analysed it.
pub struct PointInfo<'a> {
    pub x: &'a [f64],
    pub f: f64,
    /// The exact gradient ∇f(x).
    pub gradient: &'a [f64],
    /// Eigenvalues of ∇²f(x) ascending: λ₁ = λ_min first; empty in a statistics run unless
    /// [`Optimizer::steps_with_curvature`].
    pub eigenvalues: &'a [f64],
    /// Unit eigenvectors as columns, row-major d×d; empty unless [`Optimizer::needs_eigenvectors`]
    /// or d ≤ 3.
    pub eigenvectors: &'a [f64],
}

impl PointInfo<'_> {
    /// Eigenvector k as a vector.
    pub fn eigenvector(&self, k: usize) -> Vec<f64> {
        let d = self.x.len();
        (0..d).map(|r| self.eigenvectors[r * d + k]).collect()
    }
}

/// What a step may use besides the point: the landscape, the run's generator, the step count.
pub struct StepContext<'a> {
    pub landscape: &'a dyn Landscape,
    pub rng: &'a mut Rng,
    /// The step being taken, from 0.
    pub t: u64,
    pub events: &'a mut Vec<EventKind>,
}

impl StepContext<'_> {
    /// The gradient an optimizer actually sees: on a finite sum with `batch` > 0 the mean of
    /// `batch` component gradients drawn with replacement; otherwise ∇f + σξ, ξ ~ N(0, I).
    #[inline]
    pub fn observed_gradient(&mut self, x: &[f64], exact: &[f64], sigma: f64, batch: usize, out: &mut [f64]) {
        let n = self.landscape.components();
        if batch > 0 && n > 0 {
            let mut gi = vec![0.0; out.len()];
            out.iter_mut().for_each(|e| *e = 0.0);
            for _ in 0..batch {
                let i = (self.rng.uniform() * n as f64) as usize;
                self.landscape.component_gradient(i.min(n - 1), x, &mut gi);
                for (o, g) in out.iter_mut().zip(&gi) {
                    *o += g / batch as f64;
                }
            }
            return;
        }
        out.copy_from_slice(exact);
        if sigma > 0.0 {
            for o in out.iter_mut() {
                *o += sigma * self.rng.gaussian();
            }
        }
    }

    /// ∇f at another point (PGD after its perturbation).
    pub fn gradient_at(&self, x: &[f64], out: &mut [f64]) {
        self.landscape.gradient(x, out)
    }
}

/// How an optimizer's default step size follows the landscape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LrKind {
    /// A gradient step: scaled by the landscape's GD step size relative to the toys' 0.1.
    Curvature,
    /// Adaptive per-coordinate steps (RMSProp, Adam): a distance per step, not scaled.
    Adaptive,
    /// A damping factor α of a Newton-type step.
    Damping,
}

/// Resolved hyper-parameters of one optimizer: η, σ and its own parameters in table order.
#[derive(Clone, Debug)]
pub struct Hyper {
    pub lr: f64,
    /// Whether η came from the scenario (`lr` or `<id>.lr`) rather than a default.
    pub lr_given: bool,
    pub noise: f64,
    pub values: Vec<f64>,
    pub specs: &'static [ParamSpec],
    /// Whether the scenario set the parameter (presets fill the others).
    pub given: Vec<bool>,
    pub dim: usize,
    pub estimates: Option<Estimates>,
}

impl Hyper {
    /// The position of parameter `name` in the optimizer's table. A name that is not there is a bug
    /// in the optimizer (a typo such as `h.get("beta_1")`): it panics in debug builds, so
    /// `cargo test`, which builds and configures every optimizer, catches it; a release build reads
    /// the parameter as 0 (unset).
    fn position(&self, name: &str) -> Option<usize> {
        let i = self.specs.iter().position(|s| s.name == name);
        debug_assert!(i.is_some(), "no parameter named '{name}' (accepted: {})", crate::numeric::params::names(self.specs));
        i
    }
    /// The value of parameter `name` (its default when the scenario did not set it).
    pub fn get(&self, name: &str) -> f64 {
        self.position(name).map_or(0.0, |i| self.values[i])
    }
    /// Whether the scenario set parameter `name` (rather than a default or a preset).
    pub fn is_given(&self, name: &str) -> bool {
        self.position(name).is_some_and(|i| self.given[i])
    }
    /// The box estimates (optimizers that need them are built with them).
    pub fn estimates(&self) -> Estimates {
        self.estimates.unwrap_or(Estimates { ell: 1.0, rho: 1.0, delta_f: 1.0 })
    }
}

/// One optimizer of the race.
pub trait Optimizer: Send {
    /// Moves `x` by one step from the analysed point `p`.
    fn step(&mut self, x: &mut [f64], p: &PointInfo, cx: &mut StepContext);
    /// Takes new hyper-parameters, keeping the optimizer's state (moments, counters).
    fn configure(&mut self, h: &Hyper);
    /// Whether the run should compute the Hessian's eigenvectors for this optimizer in any dimension
    /// (for its step or for its readouts and events).
    fn needs_eigenvectors(&self) -> bool {
        false
    }
    /// Whether the *step itself* uses ∇²f and its spectrum (Newton-type methods). Statistics runs
    /// ([`crate::run::Depth::Fast`]) compute the spectrum only for these; the others then see empty
    /// `hessian`, `eigenvalues` and `eigenvectors` and skip what only a readout needs.
    fn steps_with_curvature(&self) -> bool {
        false
    }
    /// Live quantities worth showing next to the run (PGD's constants, CNC's γ̂, SGD's ξ·v₁ …).
    fn readout(&self) -> Vec<(&'static str, f64)> {
        Vec::new()
    }
}

/// Static description of an optimizer.
pub struct OptimizerInfo {
    pub id: &'static str,
    pub title: &'static str,
    pub about: &'static str,
    /// Default η for the 2D toys (or α for Newton-type methods).
    pub lr: f64,
    pub lr_kind: LrKind,
    /// Default gradient-noise σ when the scenario sets none (only `sgd`'s is not 0).
    pub noise: f64,
    /// Its own parameters, besides `lr` and `noise`.
    pub params: &'static [ParamSpec],
    /// Whether building it needs the box estimates ℓ̂, ρ̂.
    pub needs_estimates: fn(&Hyper) -> bool,
    pub build: fn(&Hyper) -> Box<dyn Optimizer>,
}

fn never(_: &Hyper) -> bool {
    false
}

/// Every optimizer, in the order the picker shows them.
pub static OPTIMIZERS: &[OptimizerInfo] = &[
    gd::GD,
    gd::SGD,
    momentum::MOMENTUM,
    momentum::NESTEROV,
    adaptive::RMSPROP,
    adaptive::ADAM,
    newton::NEWTON,
    newton::SFN,
    cubic::CUBIC,
    pgd::PGD,
    cnc::CNC,
    ncd::NCD,
];

/// The optimizer with this id.
pub fn info(id: &str) -> Option<&'static OptimizerInfo> {
    OPTIMIZERS.iter().find(|o| o.id == id)
}

/// Writes x ← x − η·v.
#[inline]
pub(crate) fn descend(x: &mut [f64], eta: f64, v: &[f64]) {
    if let ([x0, x1], [v0, v1]) = (&mut *x, v) {
        // 2D, the common case, without a vectorised loop's set-up.
        *x0 -= eta * v0;
        *x1 -= eta * v1;
        return;
    }
    for (xi, vi) in x.iter_mut().zip(v) {
        *xi -= eta * vi;
    }
}
