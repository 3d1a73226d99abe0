//! A race: several optimizers from the same start with the same seed on one landscape.

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
    start: Vec<f64>,
    seed: u64,
    estimates: Option<Estimates>,
    depth: Depth,
    /// Whether the start or the landscape depends on the seed (then every seed is a new race even
    /// for an optimizer that draws no random numbers).
    seeded_setup: bool,
    pub runs: Vec<Run>,
}

impl Race {
    /// Builds every run of `scenario`, recorded. A scenario without a seed gets a fresh one, written
    /// back so that [`Race::scenario`] reproduces this race exactly.
    pub fn new(scenario: &Scenario) -> Result<Race, ScenarioError> {
        Race::with_depth(scenario, Depth::Full)
    }

    /// As [`Race::new`], the runs analysing per step as `depth` says ([`Depth::Fast`] for statistics).
    pub fn with_depth(scenario: &Scenario, depth: Depth) -> Result<Race, ScenarioError> {
        let mut s = scenario.clone();
        let seed = *s.seed.get_or_insert_with(crate::numeric::random::fresh_seed);
        let landscape: Arc<dyn Landscape> = Arc::from(s.build_landscape()?);
        let (start, drawn) = match &s.start {
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
        };
        let seeded_setup = drawn || landscape.depends_on_seed();
        let critical = Arc::new(landscape.critical_points());
        let mut race = Race { scenario: s, landscape, critical, start, seed, estimates: None, depth, seeded_setup, runs: Vec::new() };
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
                    &self.start,
                    Rng::new(self.seed),
                    self.max_steps(),
                    self.depth,
                )
            })
            .collect();
    }

    /// Switches to `next`. Changes of step size, noise, optimizer parameters and landscape knobs act on
    /// the running race; a new landscape, optimizer list, start or seed restarts it. Returns whether
    /// it restarted.
    pub fn update(&mut self, next: &Scenario) -> Result<bool, ScenarioError> {
        let mut n = next.clone();
        if n.seed.is_none() {
            n.seed = Some(self.seed);
        }
        let text = |s: &Scenario| s.expression.as_ref().map(|e| e.text.clone());
        let restart = n.landscape != self.scenario.landscape
            || text(&n) != text(&self.scenario)
            || n.optimizers != self.scenario.optimizers
            || n.start != self.scenario.start
            || n.seed != self.scenario.seed
            || n.landscape_info().params.iter().any(|p| p.restart && n.landscape_params.get_opt(p.name) != self.scenario.landscape_params.get_opt(p.name));
        if restart {
            *self = Race::with_depth(&n, self.depth)?;
            return Ok(true);
        }
        if n.landscape_params != self.scenario.landscape_params || n.expression != self.scenario.expression {
            let l: Arc<dyn Landscape> = Arc::from(n.build_landscape()?);
            self.landscape = l;
            self.critical = Arc::new(self.landscape.critical_points());
            self.estimates = None;
            for r in self.runs.iter_mut() {
                r.set_landscape(self.landscape.clone(), self.critical.clone());
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
    pub fn start(&self) -> &[f64] {
        &self.start
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
}
