//! A run: one optimizer on one landscape, step by step, with every step analysed and recorded.
//!
//! Per step the run evaluates f, ∇f, ∇²f and its sorted spectrum at the new point, derives the
//! index, watches for stalls, divergence and saddle escapes, and records the step. A diverging step
//! is rejected: the run keeps its last good point and ends with status `Diverged`, so no NaN or
//! infinity ever reaches a record.

pub mod escape;
mod race;
mod records;

pub use race::{Prepared, Race, PREPARE_IN_POOL};
pub use records::Records;

use crate::numeric::eigen::{index_and_degenerate_above, sym_eigen};
use crate::run::escape::{saddle_regions, EscapeTracker, SaddleRegion};
use crate::optim::event::{Event, EventKind};
use crate::landscape::{CriticalKind, CriticalPoint, Landscape, ViewBox};
use crate::optim::{Hyper, Optimizer, OptimizerInfo, PointInfo, StepContext};
use crate::numeric::random::Rng;
use std::sync::Arc;

/// How much a run analyses and keeps per step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    /// Every step: f, ∇f, ∇²f, its spectrum and index, recorded (the page, `run`, `figure`).
    Full,
    /// Runs made for statistics: f and ∇f per step, ∇²f and its spectrum only where the step itself
    /// uses them (Newton-type methods); the full analysis at the start, at a stall, at a certificate
    /// and when asked ([`Run::settle`]); nothing recorded. A statistic needs only what it measures.
    Fast,
}

/// Where a run stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Running,
    /// Stopped at a minimum (or PGD certified one).
    Converged,
    /// The gradient vanished away from a minimum: stuck at a saddle. The run goes on (a tiny
    /// escape component may still grow) unless the iterate stopped moving at all.
    Stalled,
    Diverged,
    LeftDomain,
}

impl Status {
    /// Every status, in a fixed order (their codes in encoded results).
    pub const ALL: [Status; 5] = [Status::Running, Status::Converged, Status::Stalled, Status::Diverged, Status::LeftDomain];

    pub fn name(self) -> &'static str {
        match self {
            Status::Running => "running",
            Status::Converged => "converged",
            Status::Stalled => "stalled",
            Status::Diverged => "diverged",
            Status::LeftDomain => "left-domain",
        }
    }
}

/// The most events a run keeps; past it, the older half of repeating events is thinned.
pub const EVENT_CAP: usize = 4096;
/// Steps with ‖∇f‖ < 1e-6 and |Δf| < 1e-12 before a run counts as stalled (docs/science.md §1,
/// "Events a step can emit").
pub const STALL_STEPS: u32 = 50;

/// The analysis of one point: f, ∇f, ∇²f, spectrum and index.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub f: f64,
    pub gradient: Vec<f64>,
    pub grad_norm: f64,
    /// ∇²f row-major (left unwritten, and possibly empty, where the landscape gives its Hessian
    /// as a diagonal: see [`Landscape::evaluate_diagonal`]).
    pub hessian: Vec<f64>,
    /// Scratch for a diagonal Hessian.
    diag: Vec<f64>,
    /// The permutation the eigenvectors hold when they came from a diagonal Hessian (then only
    /// its d ones need clearing next time), else empty.
    diag_order: Vec<usize>,
    pub eigenvalues: Vec<f64>,
    /// Columns; filled when d ≤ 3 or the optimizer needs them.
    pub eigenvectors: Vec<f64>,
    pub index: usize,
    pub degenerate: usize,
}

impl Analysis {
    /// Buffers for dimension `d`. Past d = 3 the d×d ones are allocated when first written: a
    /// statistics run of a first-order method never needs them, a diagonal Hessian needs no matrix,
    /// and at d = 1024 each is 8 MB.
    fn new(d: usize) -> Self {
        let dd = if d <= 3 { d * d } else { 0 };
        Analysis {
            f: 0.0,
            gradient: vec![0.0; d],
            grad_norm: 0.0,
            hessian: vec![0.0; dd],
            diag: vec![0.0; d],
            diag_order: Vec::new(),
            eigenvalues: vec![0.0; d],
            eigenvectors: vec![0.0; dd],
            index: 0,
            degenerate: 0,
        }
    }

    /// Marks every number as undefined (NaN): a start where f is not defined has no value, gradient
    /// or spectrum, and reports none (not the zeros of a fresh buffer).
    fn undefined(&mut self) {
        self.f = f64::NAN;
        self.grad_norm = f64::NAN;
        self.gradient.iter_mut().for_each(|v| *v = f64::NAN);
        self.eigenvalues.iter_mut().for_each(|v| *v = f64::NAN);
        self.index = 0;
        self.degenerate = 0;
    }

    /// Makes room for the d×d buffers this analysis writes (allocated when first needed).
    fn ensure(buf: &mut Vec<f64>, d: usize) {
        if buf.len() != d * d {
            *buf = vec![0.0; d * d];
        }
    }

    /// A copy for a run that wants eigenvectors or not (a race analyses its common start once).
    fn copy_for(&self, vecs: bool) -> Analysis {
        let mut a = Analysis {
            f: self.f,
            gradient: self.gradient.clone(),
            grad_norm: self.grad_norm,
            hessian: self.hessian.clone(),
            diag: self.diag.clone(),
            diag_order: Vec::new(),
            eigenvalues: self.eigenvalues.clone(),
            eigenvectors: Vec::new(),
            index: self.index,
            degenerate: self.degenerate,
        };
        if vecs {
            // The eigenvectors of a diagonal Hessian are a permutation: the copy keeps the
            // permutation and writes the matrix when a step first reads it (8 MB per run at
            // d = 1024: a race of several second-order runs would fill them all in the one task
            // that builds it). See `materialize_eigenvectors`.
            let d = self.gradient.len();
            let permutation = d > 3 && self.diag_order.len() == d && self.eigenvectors.len() == d * d;
            if !permutation {
                a.eigenvectors = self.eigenvectors.clone();
            }
            a.diag_order = self.diag_order.clone();
        }
        a
    }

    /// Writes the eigenvector matrix of a diagonal Hessian from its permutation, if a copy left it
    /// unwritten ([`Analysis::copy_for`]).
    fn materialize_eigenvectors(&mut self) {
        let d = self.gradient.len();
        if self.eigenvectors.is_empty() && self.diag_order.len() == d && d > 3 {
            let mut v = vec![0.0; d * d];
            for (k, &i) in self.diag_order.iter().enumerate() {
                v[i * d + k] = 1.0;
            }
            self.eigenvectors = v;
        }
    }

    /// f and ∇f at `x` only (the spectrum keeps its old values); false if either is not finite.
    #[inline(always)]
    fn compute_first_order(&mut self, l: &dyn Landscape, x: &[f64]) -> bool {
        self.f = l.value_gradient(x, &mut self.gradient);
        let g2: f64 = self.gradient.iter().map(|v| v * v).sum();
        if !(self.f + g2).is_finite() {
            return false;
        }
        self.grad_norm = g2.sqrt();
        true
    }

    /// Analyses `x` (eigenvalues below `accuracy` count as zero); false if anything is not finite.
    #[inline(always)]
    fn compute(&mut self, l: &dyn Landscape, x: &[f64], vecs: bool, accuracy: f64) -> bool {
        let d = x.len();
        if vecs {
            Analysis::ensure(&mut self.eigenvectors, d);
        }
        if d > 3 {
            if let Some(f) = l.evaluate_diagonal(x, &mut self.gradient, &mut self.diag) {
                self.f = f;
                let g2: f64 = self.gradient.iter().map(|v| v * v).sum();
                let hs: f64 = self.diag.iter().sum();
                if !(self.f + g2 + hs).is_finite() {
                    return false;
                }
                self.grad_norm = g2.sqrt();
                let holds = !self.diag_order.is_empty();
                crate::numeric::eigen::diagonal_eigen_reusing(
                    &self.diag,
                    &mut self.eigenvalues,
                    if vecs { Some(&mut self.eigenvectors) } else { None },
                    &mut self.diag_order,
                    holds,
                );
                if !vecs {
                    self.diag_order.clear();
                }
                let (i, z) = index_and_degenerate_above(&self.eigenvalues, accuracy);
                self.index = i;
                self.degenerate = z;
                return true;
            }
        }
        self.diag_order.clear();
        Analysis::ensure(&mut self.hessian, d);
        self.f = l.evaluate(x, &mut self.gradient, &mut self.hessian);
        // One pass: a NaN or ±∞ anywhere makes the sum non-finite (so does a finite overflow past
        // 1e308, which is divergence too).
        let g2: f64 = self.gradient.iter().map(|v| v * v).sum();
        let hs: f64 = self.hessian.iter().sum();
        if !(self.f + g2 + hs).is_finite() {
            return false;
        }
        self.grad_norm = g2.sqrt();
        sym_eigen(d, &self.hessian, &mut self.eigenvalues, if vecs { Some(&mut self.eigenvectors) } else { None });
        let (i, z) = index_and_degenerate_above(&self.eigenvalues, accuracy);
        self.index = i;
        self.degenerate = z;
        self.eigenvalues.iter().sum::<f64>().is_finite()
    }
}

/// One optimizer's run.
pub struct Run {
    pub info: &'static OptimizerInfo,
    landscape: Arc<dyn Landscape>,
    optimizer: Box<dyn Optimizer>,
    hyper: Hyper,
    rng: Rng,
    x: Vec<f64>,
    next: Vec<f64>,
    t: u64,
    max_steps: u64,
    status: Status,
    now: Box<Analysis>,
    /// Boxed so that accepting a step swaps two pointers, not two structs.
    candidate: Box<Analysis>,
    want_vecs: bool,
    records: Records,
    events: Vec<Event>,
    scratch: Vec<EventKind>,
    stall: u32,
    /// Steps in a row that left x exactly unchanged.
    frozen: u32,
    critical: Arc<Vec<CriticalPoint>>,
    escape: EscapeTracker,
    view: ViewBox,
    /// |coordinate| beyond which the iterate counts as diverged: 1e6 past the view.
    bound: f64,
    /// The landscape's Hessian accuracy (cached: asked once per step otherwise).
    hessian_accuracy: f64,
    /// Whether the landscape has a domain or a symmetry to ask about each step.
    domain_or_symmetry: bool,
    depth: Depth,
    /// Whether the optimizer's step uses the spectrum (computed even in a [`Depth::Fast`] run).
    curvature_steps: bool,
    /// Whether `now`'s spectrum and index belong to the current point (always, in a full run).
    spectrum_current: bool,
    /// Whether the domain is where f, ∇f, ∇²f are finite ([`Landscape::domain_is_where_finite`]).
    finite_domain: bool,
    /// Zero-curvature directions at the minimum the run converged to (0: a strict minimum).
    converged_degenerate: usize,
}

fn divergence_bound(v: &ViewBox) -> f64 {
    1e6 + v.x0.abs().max(v.x1.abs()).max(v.y0.abs()).max(v.y1.abs())
}

impl Run {
    /// A recorded run of `info` from `start`, its randomness from `rng`.
    pub fn new(
        info: &'static OptimizerInfo,
        hyper: Hyper,
        landscape: Arc<dyn Landscape>,
        critical: Arc<Vec<CriticalPoint>>,
        start: &[f64],
        rng: Rng,
        max_steps: u64,
    ) -> Run {
        let regions = Arc::new(saddle_regions(&critical, landscape.view()));
        Run::with_depth(info, hyper, landscape, critical, regions, start, rng, max_steps, Depth::Full, None)
    }

    /// The full analysis of `start` (with eigenvectors), which every run of a race starting there
    /// can copy instead of computing it again (a 144-dimensional finite-difference Hessian is
    /// worth sharing); `None` where f, ∇f or ∇²f is not finite.
    pub(crate) fn analyse_start(landscape: &dyn Landscape, start: &[f64]) -> Option<Analysis> {
        let mut a = Analysis::new(start.len());
        a.compute(landscape, start, true, landscape.hessian_accuracy()).then_some(a)
    }

    /// A run of `info` from `start` that analyses per step as `depth` says.
    #[allow(clippy::too_many_arguments)]
    pub fn with_depth(
        info: &'static OptimizerInfo,
        hyper: Hyper,
        landscape: Arc<dyn Landscape>,
        critical: Arc<Vec<CriticalPoint>>,
        regions: Arc<Vec<SaddleRegion>>,
        start: &[f64],
        rng: Rng,
        max_steps: u64,
        depth: Depth,
        start_analysis: Option<&Analysis>,
    ) -> Run {
        let d = landscape.dim();
        let optimizer = (info.build)(&hyper);
        let curvature_steps = optimizer.steps_with_curvature();
        let want_vecs = match depth {
            Depth::Full => d <= 3 || optimizer.needs_eigenvectors(),
            Depth::Fast => curvature_steps && optimizer.needs_eigenvectors(),
        };
        let view = landscape.view();
        let mut run = Run {
            info,
            escape: EscapeTracker::new(regions),
            landscape,
            optimizer,
            hyper,
            rng,
            x: start.to_vec(),
            next: start.to_vec(),
            t: 0,
            max_steps,
            status: Status::Running,
            now: Box::new(Analysis::new(d)),
            candidate: Box::new(Analysis::new(d)),
            want_vecs,
            records: if depth == Depth::Full { Records::new(d, Records::default_capacity(d)) } else { Records::empty(d) },
            events: Vec::new(),
            scratch: Vec::new(),
            stall: 0,
            frozen: 0,
            critical,
            bound: divergence_bound(&view),
            view,
            hessian_accuracy: 0.0,
            domain_or_symmetry: false,
            depth,
            curvature_steps,
            spectrum_current: true,
            finite_domain: false,
            converged_degenerate: 0,
        };
        run.hessian_accuracy = run.landscape.hessian_accuracy();
        run.domain_or_symmetry = run.landscape.has_domain_or_symmetry();
        run.finite_domain = run.landscape.domain_is_where_finite();
        let outside = !run.landscape.in_domain(start);
        let finite = !outside
            && if depth == Depth::Full || curvature_steps {
                match start_analysis {
                    Some(a) => {
                        *run.now = a.copy_for(want_vecs);
                        true
                    }
                    None => run.now.compute(run.landscape.as_ref(), start, want_vecs, run.hessian_accuracy),
                }
            } else {
                run.spectrum_current = false;
                run.now.compute_first_order(run.landscape.as_ref(), start)
            };
        if !finite {
            run.now.undefined();
            if outside || run.finite_domain {
                run.status = Status::LeftDomain;
                run.log(EventKind::LeftDomain);
            } else {
                run.status = Status::Diverged;
                run.log(EventKind::Diverged { reason: "f, ∇f or ∇²f is not finite at the start".into() });
            }
        }
        if run.status == Status::Running {
            let mut folded = start.to_vec();
            let p = if run.landscape.fold_symmetry(start, &mut folded) { &folded } else { start };
            run.escape.update(0, p, run.now.f, &mut run.scratch);
            run.flush_scratch();
            run.record();
        }
        run
    }

    fn log(&mut self, kind: EventKind) {
        self.events.push(Event { step: self.t, kind });
        if self.events.len() > EVENT_CAP {
            // Thin the older half of repeating events: keep every other one.
            let half = self.events.len() / 2;
            let mut k = 0;
            let mut keep_next = true;
            self.events.retain(|e| {
                k += 1;
                if k > half || !e.kind.repeats() {
                    return true;
                }
                keep_next = !keep_next;
                !keep_next
            });
        }
    }

    #[inline(always)]
    fn flush_scratch(&mut self) {
        if !self.scratch.is_empty() {
            self.flush_events();
        }
    }

    fn flush_events(&mut self) {
        let evs: Vec<EventKind> = self.scratch.drain(..).collect();
        for e in evs {
            self.log(e);
        }
    }

    #[inline(always)]
    fn record(&mut self) {
        if self.depth == Depth::Fast {
            return;
        }
        let a = &self.now;
        self.records.push(self.t, &self.x, a.f, a.grad_norm, &a.eigenvalues, &a.eigenvectors, a.index, a.degenerate);
    }

    /// Whether the run takes no more steps: stopped, frozen at a saddle, or at its step limit.
    pub fn done(&self) -> bool {
        match self.status {
            Status::Running => self.t >= self.max_steps,
            Status::Stalled => self.frozen >= STALL_STEPS || self.t >= self.max_steps,
            _ => true,
        }
    }

    /// One step; returns false if the run is done.
    pub fn step(&mut self) -> bool {
        if self.done() {
            return false;
        }
        self.next.copy_from_slice(&self.x);
        if self.want_vecs {
            self.now.materialize_eigenvectors();
        }
        {
            let spectrum = self.depth == Depth::Full || self.curvature_steps;
            let p = PointInfo {
                x: &self.x,
                f: self.now.f,
                gradient: &self.now.gradient,
                eigenvalues: if spectrum { &self.now.eigenvalues } else { &[] },
                eigenvectors: if self.want_vecs { &self.now.eigenvectors } else { &[] },
            };
            let mut cx = StepContext { landscape: self.landscape.as_ref(), rng: &mut self.rng, t: self.t, events: &mut self.scratch };
            self.optimizer.step(&mut self.next, &p, &mut cx);
        }
        let certified = self.scratch.iter().any(|e| matches!(e, EventKind::Certified { .. }));
        self.flush_scratch();
        // Reject a step that leaves the finite world, the domain, or lands where f is not finite.
        // One pass: is the new iterate finite and in bounds, and did it move at all?
        let bound = self.bound;
        let mut bad: Option<f64> = None;
        let mut moved = false;
        for (n, o) in self.next.iter().zip(&self.x) {
            if !(n.abs() <= bound) {
                bad = Some(*n);
            }
            moved |= n != o;
        }
        if let Some(v) = bad {
            let reason = if v.is_finite() { "the iterate left the view by more than 1e6" } else { "the iterate is not finite" };
            return self.stop(Status::Diverged, EventKind::Diverged { reason: reason.into() });
        }
        if self.domain_or_symmetry && !self.finite_domain && !self.landscape.in_domain(&self.next) {
            return self.stop(Status::LeftDomain, EventKind::LeftDomain);
        }
        let full = self.depth == Depth::Full || self.curvature_steps;
        let ok = if full {
            self.candidate.compute(self.landscape.as_ref(), &self.next, self.want_vecs, self.hessian_accuracy)
        } else {
            self.candidate.compute_first_order(self.landscape.as_ref(), &self.next)
        };
        if !ok {
            if self.finite_domain {
                return self.stop(Status::LeftDomain, EventKind::LeftDomain);
            }
            return self.stop(Status::Diverged, EventKind::Diverged { reason: "f, ∇f or ∇²f is not finite".into() });
        }
        let f_old = self.now.f;
        let index_old = self.now.index;
        if moved {
            self.frozen = 0;
        } else {
            self.frozen += 1;
        }
        std::mem::swap(&mut self.now, &mut self.candidate);
        std::mem::swap(&mut self.x, &mut self.next);
        self.t += 1;
        self.spectrum_current = full;
        if full && self.now.index != index_old {
            self.log(EventKind::IndexChanged { from: index_old, to: self.now.index });
        }
        if !self.escape.regions.is_empty() {
            let folded = if self.domain_or_symmetry && self.landscape.fold_symmetry(&self.x, &mut self.next) { &self.next } else { &self.x };
            self.escape.update(self.t, folded, self.now.f, &mut self.scratch);
            self.flush_scratch();
        }
        if self.now.grad_norm < 1e-6 && (self.now.f - f_old).abs() < 1e-12 {
            self.stall += 1;
        } else {
            self.stall = 0;
        }
        self.record();
        if (certified || (self.stall >= STALL_STEPS && self.status == Status::Running)) && !self.spectrum_current {
            // A statistics run analyses the moments that decide its status.
            self.settle();
        }
        if certified && self.now.index == 0 {
            self.status = Status::Converged;
            self.converged_degenerate = self.now.degenerate;
            self.log(EventKind::Converged);
        } else if self.stall >= STALL_STEPS && self.status == Status::Running {
            if self.at_minimum() {
                self.status = Status::Converged;
                self.converged_degenerate = self.now.degenerate;
                self.log(EventKind::Converged);
            } else {
                self.status = Status::Stalled;
                self.log(EventKind::Stalled);
            }
        } else if self.status == Status::Stalled && self.now.grad_norm >= 1e-6 {
            // The escape component grew back: the run is moving again.
            self.status = Status::Running;
        }
        true
    }

    /// Makes the current point's spectrum and index current (a statistics run computes them only
    /// where they decide something; call this before reading them at the end).
    pub fn settle(&mut self) {
        if self.spectrum_current {
            return;
        }
        let vecs = self.landscape.dim() <= 3 || self.optimizer.needs_eigenvectors();
        if self.now.compute(self.landscape.as_ref(), &self.x, vecs, self.hessian_accuracy) {
            self.spectrum_current = true;
        }
    }

    /// Whether the run has used any randomness so far (if not, and its start and landscape do not
    /// depend on the seed, every seed gives this same run).
    pub fn used_randomness(&self) -> bool {
        self.rng.draws() > 0
    }

    /// How much this run analyses per step.
    pub fn depth(&self) -> Depth {
        self.depth
    }

    /// A point with no negative curvature is a minimum unless a zero eigenvalue leaves it open; then
    /// the nearest listed critical point decides.
    fn at_minimum(&self) -> bool {
        if self.now.index > 0 {
            return false;
        }
        if self.now.degenerate == 0 {
            return true;
        }
        let near = self
            .critical
            .iter()
            .map(|c| (crate::numeric::math::dist(&c.point, &self.x), c))
            .filter(|(d, _)| *d < 1e-2 * (1.0 + self.view.diagonal()))
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if matches!(near, Some((_, c)) if c.kind == CriticalKind::Minimum) {
            return true;
        }
        // A valley or surface of minima (deep linear nets): no negative curvature, and f at the
        // lowest listed minimum's value.
        let f_min = self.critical.iter().filter(|c| c.kind == CriticalKind::Minimum).map(|c| c.f).fold(f64::INFINITY, f64::min);
        f_min.is_finite() && self.now.f <= f_min + 1e-8 * (1.0 + f_min.abs())
    }

    fn stop(&mut self, status: Status, event: EventKind) -> bool {
        self.status = status;
        self.log(event);
        false
    }

    /// Up to `n` steps; returns how many were taken.
    pub fn advance(&mut self, n: u64) -> u64 {
        let mut k = 0;
        while k < n && self.step() {
            k += 1;
        }
        k
    }

    /// New hyper-parameters for the running optimizer (its state is kept).
    pub fn configure(&mut self, hyper: Hyper) {
        self.optimizer.configure(&hyper);
        self.hyper = hyper;
    }

    /// A changed landscape (a knob moved): the run goes on from its current point.
    pub fn set_landscape(&mut self, l: Arc<dyn Landscape>, critical: Arc<Vec<CriticalPoint>>, regions: Arc<Vec<SaddleRegion>>) {
        self.landscape = l;
        self.view = self.landscape.view();
        self.bound = divergence_bound(&self.view);
        self.hessian_accuracy = self.landscape.hessian_accuracy();
        self.domain_or_symmetry = self.landscape.has_domain_or_symmetry();
        self.finite_domain = self.landscape.domain_is_where_finite();
        self.escape = EscapeTracker::new(regions);
        self.critical = critical;
        self.stall = 0;
        self.frozen = 0;
        if self.status == Status::Stalled || self.status == Status::Converged {
            self.status = Status::Running;
        }
        if self.status == Status::Running && !self.now.compute(self.landscape.as_ref(), &self.x, self.want_vecs, self.hessian_accuracy) {
            if self.finite_domain {
                self.stop(Status::LeftDomain, EventKind::LeftDomain);
            } else {
                self.stop(Status::Diverged, EventKind::Diverged { reason: "f, ∇f or ∇²f is not finite".into() });
            }
        }
    }

    /// Allows more steps (the page's "play" past the scenario's limit).
    pub fn extend(&mut self, max_steps: u64) {
        self.max_steps = self.max_steps.max(max_steps);
    }

    pub fn id(&self) -> &'static str {
        self.info.id
    }
    pub fn t(&self) -> u64 {
        self.t
    }
    pub fn x(&self) -> &[f64] {
        &self.x
    }
    pub fn status(&self) -> Status {
        self.status
    }
    pub fn analysis(&self) -> &Analysis {
        &self.now
    }
    pub fn hyper(&self) -> &Hyper {
        &self.hyper
    }
    /// The optimizer's live quantities (see [`Optimizer::readout`]).
    pub fn readout(&self) -> Vec<(&'static str, f64)> {
        self.optimizer.readout()
    }
    pub fn records(&self) -> &Records {
        &self.records
    }
    pub fn events(&self) -> &[Event] {
        &self.events
    }
    pub fn escape(&self) -> &EscapeTracker {
        &self.escape
    }
    /// Which saddles count on this run's landscape (the first met, or every one of a chain).
    pub fn saddle_route(&self) -> crate::landscape::SaddleRoute {
        self.landscape.saddle_route()
    }
    pub fn max_steps(&self) -> u64 {
        self.max_steps
    }
    /// Why the run stopped, in words ("" while it runs).
    pub fn stop_reason(&self) -> String {
        for e in self.events.iter().rev() {
            match &e.kind {
                EventKind::Diverged { reason } => return format!("{reason} at step {}", e.step),
                EventKind::LeftDomain => return format!("left the domain at step {}", e.step),
                EventKind::Stalled if self.status == Status::Stalled => return format!("stalled at a saddle from step {}", e.step),
                EventKind::Converged if self.converged_degenerate > 0 => {
                    let k = self.converged_degenerate;
                    return format!(
                        "converged at step {} to a degenerate minimum (flat in {k} direction{}: zero Hessian eigenvalue{})",
                        e.step,
                        if k == 1 { "" } else { "s" },
                        if k == 1 { "" } else { "s" }
                    );
                }
                EventKind::Converged => return format!("converged at step {}", e.step),
                _ => {}
            }
        }
        String::new()
    }

    /// The first escape time, if the run escaped a saddle.
    pub fn escape_time(&self) -> Option<u64> {
        self.escape.escape_times.first().map(|e| e.1)
    }
    /// GD's local stability bound 2/λ_max at the current point (∞ where λ_max ≤ 0).
    pub fn stability_bound(&self) -> f64 {
        let lmax = *self.now.eigenvalues.last().unwrap_or(&0.0);
        if lmax > 0.0 {
            2.0 / lmax
        } else {
            f64::INFINITY
        }
    }
}
