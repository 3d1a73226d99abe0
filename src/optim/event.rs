//! What a step can do that a view should mark (docs/science.md §1, "Events a step can emit").

/// One marked moment of a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// The step at which it happened (the record of that step shows the point before the step).
    pub step: u64,
    pub kind: EventKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EventKind {
    /// PGD [15]: x̃ = `center`, x ← x̃ + ξ with ξ uniform in the ball of `radius`.
    Perturbation { center: Vec<f64>, xi: Vec<f64>, radius: f64 },
    /// CNC [16]: a step of size r along one stochastic gradient; `alignment` = (v₁·∇f_z)²,
    /// `gamma_hat` its running mean (`None` where the run did not compute v₁).
    CncStep { from: Vec<f64>, to: Vec<f64>, alignment: Option<f64>, gamma_hat: Option<f64> },
    /// A step along the Hessian's most negative eigenvector.
    NegativeCurvatureStep { from: Vec<f64>, to: Vec<f64>, lambda_min: f64 },
    /// Newton met a singular Hessian and skipped the step.
    SingularHessian,
    /// The step went uphill to first order: gᵀΔ > 0 (Newton near a saddle).
    AscentStep,
    /// PGD certified x̃ as an ε-second-order stationary point.
    Certified { point: Vec<f64> },
    /// The run came within R_in of saddle `saddle` (an index into the landscape's critical points).
    EnteredSaddleRegion { saddle: usize },
    /// The loss fell Δ below saddle `saddle`'s value, `escape_time` steps after entering its region.
    EscapedSaddle { saddle: usize, escape_time: u64 },
    /// The number of negative Hessian eigenvalues changed.
    IndexChanged { from: usize, to: usize },
    /// Stopped at a minimum.
    Converged,
    /// ‖∇f‖ < 1e-6 and |Δf| < 1e-12 for 50 steps away from a minimum: stuck at a saddle.
    Stalled,
    /// The iterate became non-finite or left the view box by more than 1e6.
    Diverged { reason: String },
    /// The iterate left the region where the landscape is defined.
    LeftDomain,
}

impl EventKind {
    /// The name used in CSV/JSON records and in the page's legend.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Perturbation { .. } => "perturbation",
            EventKind::CncStep { .. } => "cnc-step",
            EventKind::NegativeCurvatureStep { .. } => "negative-curvature-step",
            EventKind::SingularHessian => "singular-hessian",
            EventKind::AscentStep => "ascent-step",
            EventKind::Certified { .. } => "certified",
            EventKind::EnteredSaddleRegion { .. } => "entered-saddle-region",
            EventKind::EscapedSaddle { .. } => "escaped-saddle",
            EventKind::IndexChanged { .. } => "index-changed",
            EventKind::Converged => "converged",
            EventKind::Stalled => "stalled",
            EventKind::Diverged { .. } => "diverged",
            EventKind::LeftDomain => "left-domain",
        }
    }
    /// Events that can repeat without bound (thinned first when a run's event log is full).
    pub fn repeats(&self) -> bool {
        matches!(
            self,
            EventKind::Perturbation { .. }
                | EventKind::CncStep { .. }
                | EventKind::NegativeCurvatureStep { .. }
                | EventKind::AscentStep
                | EventKind::SingularHessian
                | EventKind::IndexChanged { .. }
                | EventKind::Certified { .. }
        )
    }
}
