//! A race: several optimizers from the same start with the same seed on one landscape.

use super::escape::{saddle_regions, SaddleRegion};
use super::{Depth, Run};
use crate::landscape::estimates::box_estimates;
use crate::landscape::{CriticalPoint, Landscape};
use crate::landscape::Estimates;
use crate::optim;
use crate::numeric::random::{salt, Rng};
use crate::scenario::{Scenario, ScenarioError, Start};
use std::sync::Arc;

pub struct Race {
    scenario: Scenario,
    landscape: Arc<dyn Landscape>,
    critical: Arc<Vec<CriticalPoint>>,
    /// The saddle regions of `critical`, shared by every run.
    regions: Arc<Vec<SaddleRegion>>,
    start: Vec<f64>,
    seed: u64,
    estimates: Option<Estimates>,
    depth: Depth,
    /// Whether the start or the landscape depends on the seed (then every seed is a new race even
    /// for an optimizer that draws no random numbers).
    seeded_setup: bool,
    pub runs: Vec<Run>,
}

/// The costly part of building a race, which a worker can compute ahead: the landscape's critical
/// points and, when an optimizer needs them, the box estimates ℓ̂, ρ̂, Δf.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub critical: Vec<CriticalPoint>,
    pub estimates: Option<Estimates>,
}

/// Above this estimated cost ([`Scenario::build_cost`]), the page prepares a race in its worker
/// pool instead of on the main thread (about 1e8 operations: tens of milliseconds in wasm).
pub const PREPARE_IN_POOL: f64 = 1e8;

/// The start of `s` on `landscape` with `seed`, and whether it was drawn from the seed.
fn start_of(s: &Scenario, landscape: &dyn Landscape, seed: u64) -> Result<(Vec<f64>, bool), ScenarioError> {
    Ok(match &s.start {
        Some(Start::Point(v)) => (v.clone(), false),
        Some(Start::Saddle { radius }) => {
            let mut x = landscape.saddle_point().ok_or_else(|| ScenarioError::new("start", "saddle", "this landscape has no saddle"))?;
            if *radius > 0.0 {
                let mut rng = Rng::new(seed ^ salt::START_OFFSET);
                let mut u = vec![0.0; x.len()];
                rng.sphere(x.len(), *radius, &mut u);
                x.iter_mut().zip(&u).for_each(|(a, b)| *a += b);
            }
            (x, *radius > 0.0)
        }
        None => {
            let mut rng = Rng::new(seed ^ salt::START);
            let x = landscape.start(&mut rng);
            (x, rng.draws() > 0)
        }
    })
}

impl Prepared {
    /// Computes what building `scenario`'s race costs (its seed must be set: the start, and so the
    /// estimates, depend on it).
    pub fn of(scenario: &Scenario) -> Result<Prepared, ScenarioError> {
        let seed = scenario.seed.ok_or_else(|| ScenarioError::new("seed", "", "a prepared race needs its seed"))?;
        let l = scenario.build_landscape()?;
        let (start, _) = start_of(scenario, l.as_ref(), seed)?;
        let mut estimates = None;
        for id in &scenario.optimizers {
            let info = optim::info(id).expect("scenario holds known optimizer ids");
            let mut est = || *estimates.get_or_insert_with(|| box_estimates(l.as_ref(), &start, 16));
            scenario.hyper(info, l.as_ref(), &mut est);
        }
        Ok(Prepared { critical: l.critical_points(), estimates })
    }

    /// As numbers (for a worker's reply): the estimates (a flag and three numbers), the count of
    /// critical points, then each point.
    pub fn encode(&self) -> Vec<f64> {
        let mut v = match self.estimates {
            Some(e) => vec![1.0, e.ell, e.rho, e.delta_f],
            None => vec![0.0, 0.0, 0.0, 0.0],
        };
        v.push(self.critical.len() as f64);
        for c in &self.critical {
            c.encode(&mut v);
        }
        v
    }

    /// Reads what [`Prepared::encode`] wrote for a landscape of dimension `d`.
    pub fn decode(v: &[f64], d: usize) -> Option<Prepared> {
        let head = v.get(..5)?;
        let estimates = (head[0] == 1.0).then_some(Estimates { ell: head[1], rho: head[2], delta_f: head[3] });
        let n = head[4] as usize;
        let mut at = 5;
        let mut critical = Vec::with_capacity(n);
        for _ in 0..n {
            let (c, used) = CriticalPoint::decode(v.get(at..)?, d, "")?;
            critical.push(c);
            at += used;
        }
        Some(Prepared { critical, estimates })
    }
}

impl Race {
    /// Builds every run of `scenario`, recorded. A scenario without a seed gets a fresh one, written
    /// back so that [`Race::scenario`] reproduces this race exactly.
    pub fn new(scenario: &Scenario) -> Result<Race, ScenarioError> {
        Race::with_depth(scenario, Depth::Full)
    }

    /// As [`Race::new`], the runs analysing per step as `depth` says ([`Depth::Fast`] for statistics).
    pub fn with_depth(scenario: &Scenario, depth: Depth) -> Result<Race, ScenarioError> {
        Race::with_prepared(scenario, depth, None)
    }

    /// As [`Race::with_depth`], with the critical points and estimates computed ahead (by a worker)
    /// when `prepared` is given.
    pub fn with_prepared(scenario: &Scenario, depth: Depth, prepared: Option<Prepared>) -> Result<Race, ScenarioError> {
        let mut s = scenario.clone();
        let seed = s.seed_or_draw();
        s.seed = Some(seed);
        let landscape: Arc<dyn Landscape> = Arc::from(s.build_landscape()?);
        let (start, drawn) = start_of(&s, landscape.as_ref(), seed)?;
        let seeded_setup = drawn || landscape.depends_on_seed();
        let (critical, estimates) = match prepared {
            Some(p) => (p.critical, p.estimates),
            None => (landscape.critical_points(), None),
        };
        let regions = Arc::new(saddle_regions(&critical, landscape.view()));
        let mut race = Race { scenario: s, landscape, critical: Arc::new(critical), regions, start, seed, estimates, depth, seeded_setup, runs: Vec::new() };
        race.build_runs();
        Ok(race)
    }

    /// Whether the start or the landscape depends on the seed.
    pub fn seeded_setup(&self) -> bool {
        self.seeded_setup
    }

    fn estimates(&mut self) -> Estimates {
        if self.estimates.is_none() {
            self.estimates = Some(box_estimates(self.landscape.as_ref(), &self.start, 16));
        }
        self.estimates.expect("just computed")
    }

    fn hyper(&mut self, info: &'static optim::OptimizerInfo) -> optim::Hyper {
        let s = self.scenario.clone();
        let l = self.landscape.clone();
        let mut est = || self.estimates();
        s.hyper(info, l.as_ref(), &mut est)
    }

    fn build_runs(&mut self) {
        let ids = self.scenario.optimizers.clone();
        // Every run starts at the same point: a full race analyses it once.
        let shared = (self.depth == Depth::Full && ids.len() > 1 && self.landscape.in_domain(&self.start))
            .then(|| Run::analyse_start(self.landscape.as_ref(), &self.start))
            .flatten();
        self.runs = ids
            .iter()
            .map(|id| {
                let info = optim::info(id).expect("scenario holds known optimizer ids");
                let h = self.hyper(info);
                Run::with_depth(
                    info,
                    h,
                    self.landscape.clone(),
                    self.critical.clone(),
                    self.regions.clone(),
                    &self.start,
                    Rng::new(self.seed),
                    self.max_steps(),
                    self.depth,
                    shared.as_ref(),
                )
            })
            .collect();
    }

    /// Switches to `next`. Changes of step size, noise, optimizer parameters and landscape knobs act on
    /// the running race; a new landscape, optimizer list, start or seed restarts it. Returns whether
    /// it restarted.
    pub fn update(&mut self, next: &Scenario) -> Result<bool, ScenarioError> {
        self.update_prepared(next, None)
    }

    /// Whether switching to `next` restarts the race (a new landscape, optimizer list, start or seed,
    /// or a parameter that changes the space itself).
    pub fn restarts(&self, next: &Scenario) -> bool {
        let text = |s: &Scenario| s.expression.as_ref().map(|e| e.text.clone());
        next.landscape != self.scenario.landscape
            || text(next) != text(&self.scenario)
            || next.optimizers != self.scenario.optimizers
            || next.start != self.scenario.start
            || next.seed.is_some_and(|s| s != self.seed)
            || next.landscape_info().params.iter().any(|p| p.restart && next.landscape_params.get_opt(p.name) != self.scenario.landscape_params.get_opt(p.name))
    }

    /// Whether `next` describes the same landscape (so its critical points carry over).
    fn same_landscape(&self, next: &Scenario) -> bool {
        next.landscape == self.scenario.landscape
            && next.landscape_params == self.scenario.landscape_params
            && next.expression == self.scenario.expression
            && (next.seed.is_none_or(|s| s == self.seed) || !self.landscape.depends_on_seed())
    }

    /// Whether switching to `next` computes the landscape's critical points again (another
    /// landscape, or a knob of it): what a worker can do ahead ([`Prepared`]).
    pub fn rebuilds(&self, next: &Scenario) -> bool {
        !self.same_landscape(next)
    }

    /// As [`Race::update`], with the new critical points and estimates computed ahead when given.
    pub fn update_prepared(&mut self, next: &Scenario, prepared: Option<Prepared>) -> Result<bool, ScenarioError> {
        let mut n = next.clone();
        if n.seed.is_none() {
            n.seed = Some(self.seed);
        }
        let restart = self.restarts(&n);
        if restart {
            // A new start, seed or race on the same landscape keeps its critical points (and the
            // estimates, when the start is the same).
            let carried = self.same_landscape(&n).then(|| Prepared {
                critical: (*self.critical).clone(),
                estimates: if n.start == self.scenario.start { self.estimates } else { None },
            });
            *self = Race::with_prepared(&n, self.depth, prepared.or(carried))?;
            return Ok(true);
        }
        if n.landscape_params != self.scenario.landscape_params || n.expression != self.scenario.expression {
            let l: Arc<dyn Landscape> = Arc::from(n.build_landscape()?);
            self.landscape = l;
            let (critical, estimates) = match prepared {
                Some(p) => (p.critical, p.estimates),
                None => (self.landscape.critical_points(), None),
            };
            self.regions = Arc::new(saddle_regions(&critical, self.landscape.view()));
            self.critical = Arc::new(critical);
            self.estimates = estimates;
            for r in self.runs.iter_mut() {
                r.set_landscape(self.landscape.clone(), self.critical.clone(), self.regions.clone());
            }
        }
        self.scenario = n;
        for k in 0..self.runs.len() {
            let info = self.runs[k].info;
            let h = self.hyper(info);
            self.runs[k].configure(h);
            let m = self.max_steps();
            self.runs[k].extend(m);
        }
        Ok(false)
    }

    /// Advances every run by up to `n` steps.
    pub fn advance(&mut self, n: u64) {
        for r in self.runs.iter_mut() {
            r.advance(n);
        }
    }

    /// Whether every run is done.
    pub fn done(&self) -> bool {
        self.runs.iter().all(|r| r.done())
    }

    /// The step limit: the scenario's `steps`, or the landscape's default.
    pub fn max_steps(&self) -> u64 {
        self.scenario.steps.unwrap_or_else(|| self.landscape.default_steps())
    }

    /// The scenario, with the seed actually used.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    pub fn landscape(&self) -> &Arc<dyn Landscape> {
        &self.landscape
    }
    pub fn critical_points(&self) -> &[CriticalPoint] {
        &self.critical
    }
    /// The lowest listed minimum's f (from the race's critical points: never a search here).
    pub fn f_min(&self) -> Option<f64> {
        self.critical.iter().filter(|p| p.kind == crate::landscape::CriticalKind::Minimum).map(|p| p.f).fold(None, |m: Option<f64>, f| Some(m.map_or(f, |m| m.min(f))))
    }
    pub fn start(&self) -> &[f64] {
        &self.start
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
}
