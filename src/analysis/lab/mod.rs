//! The lab: each quantitative claim of the survey as a figure computed from many runs
//! (docs/science.md §4.3).
//!
//! A preset is one link, `lab=<name>&<knobs>`. Its experiment splits into independent jobs (a seed,
//! a dimension, a row of starts) whose results are numbers; the figure, the data table and the
//! claims are computed from the results in job order. So the page's worker pool, the CLI's threads
//! and a single loop give the same table bit for bit, and partial results can be drawn as they
//! arrive.

pub mod figure;
pub mod table;

mod census;
mod cnc_d;
mod du_chain;
mod gd_tail;
mod jin_logd;
mod newton_basins;
mod spurious_share;

use crate::numeric::format::fmt_num;
use crate::numeric::json;
use crate::numeric::params::{ParamSpec, ParamValues};
use crate::scenario::{self, Scenario, ScenarioError};
pub use figure::Figure;
pub use table::{Claim, Table};

/// What an experiment reports: its table, its figure and the claims it tests.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabResult {
    pub table: Table,
    pub figure: Figure,
    pub claims: Vec<Claim>,
    /// One sentence on how the figure was made (the noise model, the step limit, …).
    pub method: String,
}

/// An experiment made of independent jobs.
pub trait Experiment: Send + Sync {
    /// Number of jobs.
    fn jobs(&self) -> usize;
    /// Runs per job (for the progress text).
    fn runs_per_job(&self) -> usize {
        1
    }
    /// Runs job `k` and returns its result as numbers.
    fn run(&self, k: usize) -> Result<Vec<f64>, ScenarioError>;
    /// The result from the jobs that have reported (`None`: not yet), in job order.
    fn result(&self, jobs: &[Option<Vec<f64>>]) -> LabResult;
}

/// A lab preset: its name, what it tests, its knobs.
pub struct Preset {
    pub name: &'static str,
    pub title: &'static str,
    /// The paper whose claim it tests (author, year).
    pub source: &'static str,
    /// A paragraph for the page: what the figure shows and what to look for.
    pub about: &'static str,
    pub knobs: &'static [ParamSpec],
    /// Whether it takes a landscape scenario besides its knobs (the census does).
    pub takes_landscape: bool,
    pub build: fn(&LabScenario) -> Result<Box<dyn Experiment>, ScenarioError>,
}

/// Every preset, in the order the page lists them.
pub static PRESETS: &[Preset] = &[
    du_chain::PRESET,
    jin_logd::PRESET,
    cnc_d::PRESET,
    newton_basins::PRESET,
    spurious_share::PRESET,
    gd_tail::PRESET,
    census::PRESET,
];

/// The preset named `name`.
pub fn preset(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

pub use crate::scenario::MAX_WORKERS;

/// A lab link: `lab=<name>`, the preset's knobs, `seed`, and for the census a landscape. `workers`
/// and `embed` are the page's (they never change the numbers).
#[derive(Clone, Debug, PartialEq)]
pub struct LabScenario {
    pub preset: &'static Preset,
    pub knobs: ParamValues,
    pub seed: u64,
    /// The census's landscape (`landscape=…` and its parameters).
    pub landscape: Option<Scenario>,
    pub workers: Option<u32>,
    pub embed: bool,
}

impl PartialEq for Preset {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl std::fmt::Debug for Preset {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "Preset({})", self.name)
    }
}

impl LabScenario {
    /// Parses `lab=<name>&…` (the same pair syntax as the playground's scenarios).
    pub fn parse(text: &str) -> Result<LabScenario, ScenarioError> {
        let pairs = scenario::pairs(text)?;
        let get = |k: &str| pairs.iter().find(|(k2, _)| k2 == k).map(|(_, v)| v.as_str());
        let name = get("lab").ok_or_else(|| ScenarioError::new("lab", "", "names no preset (accepted: lab=<name>)"))?;
        let preset = preset(name).ok_or_else(|| ScenarioError::new("lab", name, format!("is not a lab preset (accepted: {})", names())))?;
        let mut s = LabScenario { preset, knobs: ParamValues::new(), seed: 1, landscape: None, workers: None, embed: false };
        let mut rest: Vec<(String, String)> = Vec::new();
        for (k, v) in &pairs {
            match k.as_str() {
                "lab" => {}
                "seed" => {
                    s.seed = v.parse::<u64>().ok().filter(|x| *x <= u32::MAX as u64).ok_or_else(|| {
                        ScenarioError::new(k, v, "must be a whole number from 0 to 4294967295")
                    })?
                }
                "workers" => {
                    s.workers = Some(v.parse::<u32>().ok().filter(|n| (1..=MAX_WORKERS).contains(n)).ok_or_else(|| {
                        ScenarioError::new(k, v, format!("must be a whole number of workers in [1, {MAX_WORKERS}]"))
                    })?)
                }
                "embed" => {
                    s.embed = match v.as_str() {
                        "1" | "true" => true,
                        "0" | "false" => false,
                        _ => return Err(ScenarioError::new(k, v, "must be 1 or 0")),
                    }
                }
                _ => match preset.knobs.iter().find(|p| p.name == k) {
                    Some(spec) => {
                        let x = spec.parse(v).map_err(|m| ScenarioError::new(k, v, m))?;
                        s.knobs.set(spec.name, x);
                    }
                    None if preset.takes_landscape => rest.push((k.clone(), v.clone())),
                    None => {
                        return Err(ScenarioError::new(
                            k,
                            v,
                            format!("is not a knob of {} (accepted: {}, seed, workers)", preset.name, crate::numeric::params::names(preset.knobs)),
                        ))
                    }
                },
            }
        }
        if preset.takes_landscape && !rest.is_empty() {
            let mut land = Scenario::from_pairs(&rest)?;
            land.optimizers = Vec::new();
            s.landscape = Some(land);
        }
        // Build once: catches cross-knob errors (k_min > k_max, …).
        (preset.build)(&s)?;
        Ok(s)
    }

    /// The value of knob `name` (its default when not given).
    pub fn knob(&self, name: &str) -> f64 {
        let spec = self.preset.knobs.iter().find(|p| p.name == name);
        debug_assert!(spec.is_some(), "{} has no knob {name}", self.preset.name);
        spec.map_or(0.0, |s| self.knobs.get(s))
    }

    /// The canonical text of everything that decides the numbers (no `workers`, no `embed`).
    pub fn canonical(&self) -> String {
        let mut parts = vec![format!("lab={}", self.preset.name)];
        for spec in self.preset.knobs {
            if let Some(v) = self.knobs.get_opt(spec.name) {
                parts.push(format!("{}={}", spec.name, spec.format(v)));
            }
        }
        if let Some(l) = &self.landscape {
            for (k, v) in l.to_pairs() {
                if k != "opt" {
                    parts.push(format!("{k}={}", scenario::encode(&v)));
                }
            }
        }
        parts.push(format!("seed={}", self.seed));
        parts.join("&")
    }

    /// The link as the page writes it (the canonical text plus `workers` and `embed`).
    pub fn link(&self) -> String {
        let mut s = self.canonical();
        if let Some(w) = self.workers {
            s += &format!("&workers={w}");
        }
        if self.embed {
            s += "&embed=1";
        }
        s
    }
}

/// Every preset name, comma-separated.
pub fn names() -> String {
    PRESETS.iter().map(|p| p.name).collect::<Vec<_>>().join(", ")
}

/// A lab figure being computed: the experiment and the results that have arrived.
pub struct Lab {
    pub scenario: LabScenario,
    experiment: Box<dyn Experiment>,
    results: Vec<Option<Vec<f64>>>,
    /// The result for the results so far, computed once (the page draws and reads it every
    /// quarter second while jobs arrive); cleared when a result arrives.
    cached: std::cell::RefCell<Option<std::rc::Rc<LabResult>>>,
}

impl Lab {
    pub fn new(text: &str) -> Result<Lab, ScenarioError> {
        let scenario = LabScenario::parse(text)?;
        let experiment = (scenario.preset.build)(&scenario)?;
        let n = experiment.jobs();
        Ok(Lab { scenario, experiment, results: vec![None; n], cached: Default::default() })
    }
    pub fn jobs(&self) -> usize {
        self.results.len()
    }
    pub fn runs_per_job(&self) -> usize {
        self.experiment.runs_per_job()
    }
    /// How many jobs have reported.
    pub fn done(&self) -> usize {
        self.results.iter().filter(|r| r.is_some()).count()
    }

    /// Runs jobs `start..end` of the lab link `text` and encodes their results one after another,
    /// each as its length followed by its numbers (what a worker sends back).
    pub fn run_jobs(text: &str, start: usize, end: usize) -> Result<Vec<f64>, ScenarioError> {
        let lab = Lab::new(text)?;
        let end = end.min(lab.jobs());
        let mut out = Vec::new();
        for k in start..end {
            let r = lab.experiment.run(k)?;
            out.push(r.len() as f64);
            out.extend(r);
        }
        Ok(out)
    }

    /// Takes the encoded results of jobs `start..` (as [`Lab::run_jobs`] wrote them).
    pub fn accept(&mut self, start: usize, data: &[f64]) -> Result<usize, String> {
        let mut at = 0;
        let mut k = start;
        while at < data.len() {
            let n = data[at] as usize;
            let r = data.get(at + 1..at + 1 + n).ok_or("lab: a truncated result")?;
            let slot = self.results.get_mut(k).ok_or_else(|| format!("lab: no job {k}"))?;
            *slot = Some(r.to_vec());
            at += 1 + n;
            k += 1;
        }
        self.cached.replace(None);
        Ok(k - start)
    }

    /// Runs every job here on `threads` threads and stores the results.
    pub fn run_all(&mut self, threads: usize) -> Result<(), ScenarioError> {
        let exp = &self.experiment;
        let results = super::parallel::map_in_order(0..self.results.len(), threads, |k| exp.run(k));
        self.cached.replace(None);
        for (slot, r) in self.results.iter_mut().zip(results) {
            *slot = Some(r?);
        }
        Ok(())
    }

    /// The figure, table and claims from the results so far.
    pub fn result(&self) -> std::rc::Rc<LabResult> {
        if let Some(r) = self.cached.borrow().as_ref() {
            return r.clone();
        }
        let r = std::rc::Rc::new(self.experiment.result(&self.results));
        self.cached.replace(Some(r.clone()));
        r
    }

    /// `{"preset", "scenario", "rows", "claims", "method"}`.
    pub fn json(&self) -> String {
        let r = self.result();
        json::object(&[
            ("preset", json::string(self.scenario.preset.name)),
            ("scenario", json::string(&self.scenario.canonical())),
            ("jobs", self.jobs().to_string()),
            ("done", self.done().to_string()),
            ("rows", r.table.rows_json()),
            ("columns", format!("[{}]", r.table.columns.iter().map(|c| json::string(c)).collect::<Vec<_>>().join(","))),
            ("claims", format!("[{}]", r.claims.iter().map(Claim::json).collect::<Vec<_>>().join(","))),
            ("method", json::string(&r.method)),
        ])
    }
}

/// The presets and their knobs as JSON (for the page's lab menu).
pub fn catalogue_json() -> String {
    let ps: Vec<String> = PRESETS
        .iter()
        .map(|p| {
            let knobs: Vec<String> = p
                .knobs
                .iter()
                .map(|k| {
                    json::object(&[
                        ("name", json::string(k.name)),
                        ("default", json::num(k.default)),
                        ("min", json::num(k.min)),
                        ("max", json::num(k.max)),
                        ("integer", k.integer.to_string()),
                        ("doc", json::string(k.doc)),
                    ])
                })
                .collect();
            json::object(&[
                ("name", json::string(p.name)),
                ("title", json::string(p.title)),
                ("source", json::string(p.source)),
                ("about", json::string(p.about)),
                ("knobs", format!("[{}]", knobs.join(","))),
            ])
        })
        .collect();
    format!("[{}]", ps.join(","))
}

/// Shared helpers of the presets.
pub(crate) mod util {
    use super::*;
    use crate::analysis::escape::RunOutcome;
    use crate::run::{Depth, Race};

    /// A scenario from text the preset wrote (its knobs are checked, so this cannot fail for a
    /// valid preset; an error still names the field).
    pub fn scenario(text: &str) -> Result<Scenario, ScenarioError> {
        Scenario::parse(text)
    }

    /// Runs every optimizer of `text`'s race as a statistics run until its outcome is decided.
    pub fn outcomes(text: &str) -> Result<Vec<RunOutcome>, ScenarioError> {
        let s = scenario(text)?;
        let mut race = Race::with_depth(&s, Depth::Fast)?;
        let route = race.landscape().saddle_route();
        Ok(race.runs.iter_mut().map(|r| RunOutcome::of(r, route)).collect())
    }

    /// Encodes outcomes one after another.
    pub fn encode(outcomes: &[RunOutcome]) -> Vec<f64> {
        let mut v = Vec::new();
        for o in outcomes {
            o.encode(&mut v);
        }
        v
    }

    /// Decodes `n` outcomes.
    pub fn decode(data: &[f64], n: usize) -> Option<Vec<RunOutcome>> {
        let mut at = 0;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let (o, used) = RunOutcome::decode(&data[at..])?;
            at += used;
            out.push(o);
        }
        Some(out)
    }

    /// A number as the scenario format writes it.
    pub fn num(v: f64) -> String {
        fmt_num(v)
    }

    /// The dimensions 2, 4, 16, 64, … up to `d_max`.
    pub fn dims_by_four(d_max: usize) -> Vec<usize> {
        let mut v = vec![2];
        let mut d = 4;
        while d <= d_max {
            v.push(d);
            d *= 4;
        }
        v
    }
}
