//! Escape-time statistics over many seeds (docs/science.md §4.2), built on the per-run detection in
//! [`crate::run::escape`].
//!
//! Runs are statistics runs ([`Depth::Fast`]): f and ∇f per step, the spectrum only where a step
//! needs it. Each run goes on only until its outcome is decided. Seed k of the study is the
//! scenario's seed + k; a study splits into one job per seed and merges in seed order, so the
//! result does not depend on who ran which job (a worker pool, threads, or one loop).
//!
//! Honest outcomes:
//! - a run that came within R_in and escaped: its escape time t_out − t_in;
//! - a run that came within R_in and had not escaped when it stopped: censored (never escaped);
//! - a run whose loss fell Δ below the saddle before it ever came within R_in: it left before
//!   reaching the saddle (not an infinite time);
//! - on a chain of saddles (Du et al. 2017) the time at every saddle and the total time to the last
//!   basin;
//! - an optimizer that draws no random number, on a landscape and start that do not depend on the
//!   seed, gives the same run for every seed: it runs once, and the statistics say so.

use crate::landscape::SaddleRoute;
use crate::run::escape::SaddleOutcome;
use crate::run::{Depth, Race, Run, Status};
use crate::scenario::{Scenario, ScenarioError};

/// What one run did at the saddles that count.
#[derive(Clone, Debug, PartialEq)]
pub struct RunOutcome {
    pub escape: Escape,
    /// Chain: the time spent at each saddle in chain order (`None`: not escaped there).
    pub per_saddle: Vec<Option<u64>>,
    /// Chain: the step at which the loss first fell Δ below the last saddle (the last basin).
    pub total: Option<u64>,
    /// The step (from the start) at which the loss first fell Δ below a saddle, whether the run
    /// came near it or went around it: the one time every optimizer has (docs/science.md §3's
    /// "steps to f ≤ −0.025" on `saddle`).
    pub below: Option<u64>,
    /// Steps taken.
    pub steps: u64,
    pub status: Status,
    pub final_loss: f64,
}

/// The first saddle's outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escape {
    /// Escaped after this many steps in the saddle region.
    Escaped(u64),
    /// Came near and had not escaped when the run stopped (stalled, converged or at its limit).
    Censored,
    /// Left before reaching the saddle: the loss fell below it first.
    Bypassed,
    /// Neither came near a saddle nor fell below one (diverged, or stopped elsewhere).
    Elsewhere,
}

impl RunOutcome {
    /// Steps `run` until its outcome is decided (or it stops) and reads the outcome.
    pub fn of(run: &mut Run, route: SaddleRoute) -> RunOutcome {
        loop {
            let tr = run.escape();
            let decided = match route {
                SaddleRoute::First => !tr.escape_times.is_empty() || tr.all_decided(),
                SaddleRoute::Chain => tr.outcomes.last().is_none_or(|o| o.decided()),
            };
            if decided || !run.step() {
                break;
            }
        }
        let tr = run.escape();
        let escape = match tr.escape_times.first() {
            Some(&(_, t)) => Escape::Escaped(t),
            None if tr.entered_any() => Escape::Censored,
            None if tr.outcomes.iter().any(|o| matches!(o, SaddleOutcome::Bypassed { .. })) => Escape::Bypassed,
            None => Escape::Elsewhere,
        };
        let (per_saddle, total) = match route {
            SaddleRoute::First => (Vec::new(), None),
            SaddleRoute::Chain => (
                tr.outcomes
                    .iter()
                    .map(|o| match o {
                        SaddleOutcome::Escaped { t_in, t_out } => Some(t_out - t_in),
                        _ => None,
                    })
                    .collect(),
                tr.outcomes.last().and_then(|o| o.below_at()),
            ),
        };
        let below = tr.outcomes.iter().filter_map(|o| o.below_at()).min();
        RunOutcome { escape, per_saddle, total, below, steps: run.t(), status: run.status(), final_loss: run.analysis().f }
    }

    /// The outcome as numbers (for a worker's reply): kind, time, steps, status, loss, total,
    /// below, saddle count, then the per-saddle times (−1 for none).
    pub fn encode(&self, out: &mut Vec<f64>) {
        let (kind, t) = match self.escape {
            Escape::Escaped(t) => (0.0, t as f64),
            Escape::Censored => (1.0, -1.0),
            Escape::Bypassed => (2.0, -1.0),
            Escape::Elsewhere => (3.0, -1.0),
        };
        let status = Status::ALL.iter().position(|s| *s == self.status).unwrap_or(0) as f64;
        out.extend_from_slice(&[kind, t, self.steps as f64, status, self.final_loss, self.total.map_or(-1.0, |t| t as f64), self.below.map_or(-1.0, |t| t as f64)]);
        out.push(self.per_saddle.len() as f64);
        out.extend(self.per_saddle.iter().map(|t| t.map_or(-1.0, |t| t as f64)));
    }

    /// Reads an outcome written by [`RunOutcome::encode`]; returns it and the numbers it used.
    pub fn decode(v: &[f64]) -> Option<(RunOutcome, usize)> {
        let head = v.get(..8)?;
        let n = head[7] as usize;
        let per = v.get(8..8 + n)?;
        let opt = |x: f64| (x >= 0.0).then_some(x as u64);
        let escape = match head[0] as u8 {
            0 => Escape::Escaped(head[1] as u64),
            1 => Escape::Censored,
            2 => Escape::Bypassed,
            _ => Escape::Elsewhere,
        };
        let status = *Status::ALL.get(head[3] as usize)?;
        let o = RunOutcome {
            escape,
            per_saddle: per.iter().map(|x| opt(*x)).collect(),
            total: opt(head[5]),
            below: opt(head[6]),
            steps: head[2] as u64,
            status,
            final_loss: head[4],
        };
        Some((o, 8 + n))
    }
}

/// Median and 10 % / 90 % quantiles (nearest rank) of `v`, with `None` counting as +∞.
pub fn quantiles(v: &[Option<u64>]) -> (f64, f64, f64) {
    let mut v: Vec<f64> = v.iter().map(|t| t.map_or(f64::INFINITY, |t| t as f64)).collect();
    crate::numeric::sort::sort_f64(&mut v);
    if v.is_empty() {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    let q = |p: f64| v[((p * (v.len() - 1) as f64).round() as usize).min(v.len() - 1)];
    (q(0.5), q(0.1), q(0.9))
}

/// Escape statistics of one optimizer.
#[derive(Clone, Debug)]
pub struct EscapeStats {
    pub optimizer: &'static str,
    /// Seeds asked for.
    pub seeds: usize,
    /// Whether every seed gives the same run (then it ran once).
    pub deterministic: bool,
    pub route: SaddleRoute,
    /// One per run, in seed order (one in all when deterministic).
    pub outcomes: Vec<RunOutcome>,
}

impl EscapeStats {
    /// Escape times of the runs that came near the saddle (`None`: censored, never escaped).
    pub fn times(&self) -> Vec<Option<u64>> {
        self.outcomes
            .iter()
            .filter_map(|o| match o.escape {
                Escape::Escaped(t) => Some(Some(t)),
                Escape::Censored => Some(None),
                _ => None,
            })
            .collect()
    }
    pub fn escaped(&self) -> usize {
        self.count(|e| matches!(e, Escape::Escaped(_)))
    }
    pub fn censored(&self) -> usize {
        self.count(|e| e == Escape::Censored)
    }
    /// Runs that left before reaching the saddle.
    pub fn bypassed(&self) -> usize {
        self.count(|e| e == Escape::Bypassed)
    }
    /// Runs that never came near a saddle nor below one.
    pub fn elsewhere(&self) -> usize {
        self.count(|e| e == Escape::Elsewhere)
    }
    fn count(&self, f: impl Fn(Escape) -> bool) -> usize {
        self.outcomes.iter().filter(|o| f(o.escape)).count()
    }
    /// (median, 10 %, 90 %) of the escape times of the runs that came near (censored as +∞).
    pub fn quantiles(&self) -> (f64, f64, f64) {
        quantiles(&self.times())
    }
    /// (median, 10 %, 90 %) of the step at which f first fell Δ below a saddle, over every run
    /// (never: +∞).
    pub fn below_quantiles(&self) -> (f64, f64, f64) {
        quantiles(&self.outcomes.iter().map(|o| o.below).collect::<Vec<_>>())
    }
    /// Chain: (median, 10 %, 90 %) of the total time to the last basin (never: +∞).
    pub fn total_quantiles(&self) -> (f64, f64, f64) {
        quantiles(&self.outcomes.iter().map(|o| o.total).collect::<Vec<_>>())
    }
    /// Chain: the median time at each saddle (+∞ where half the runs did not escape it).
    pub fn per_saddle_medians(&self) -> Vec<f64> {
        let n = self.outcomes.iter().map(|o| o.per_saddle.len()).max().unwrap_or(0);
        (0..n).map(|i| quantiles(&self.outcomes.iter().map(|o| o.per_saddle.get(i).copied().flatten()).collect::<Vec<_>>()).0).collect()
    }
    /// Counts of escape times (on a chain: of the times to the last basin) in `bins` equal bins
    /// from 0 to the largest time, and the bin width.
    pub fn histogram(&self, bins: usize) -> (Vec<usize>, f64) {
        let times: Vec<u64> = match self.route {
            SaddleRoute::Chain => self.outcomes.iter().filter_map(|o| o.total).collect(),
            SaddleRoute::First => self.times().into_iter().flatten().collect(),
        };
        let max = times.iter().copied().max().unwrap_or(0) as f64;
        let width = (max / bins as f64).max(1.0);
        let mut h = vec![0; bins];
        for t in times {
            h[((t as f64 / width) as usize).min(bins - 1)] += 1;
        }
        (h, width)
    }
}

/// The escape-time study of a scenario over `seeds` seeds, job by job.
#[derive(Clone, Debug)]
pub struct EscapeStudy {
    pub scenario: Scenario,
    pub seeds: usize,
    /// Per optimizer: every seed gives the same run (known once seed 0 has run).
    deterministic: Option<Vec<bool>>,
    /// Per seed, per optimizer: the outcome (`None` where a deterministic optimizer was skipped).
    results: Vec<Option<Vec<Option<RunOutcome>>>>,
    route: SaddleRoute,
}

/// The most seeds one study runs.
pub const MAX_SEEDS: usize = 10_000;
/// Seeds of an escape study when none are asked for (the CLI's `escape`, the page's button).
pub const DEFAULT_SEEDS: usize = 32;

impl EscapeStudy {
    pub fn new(scenario: &Scenario, seeds: usize) -> Result<EscapeStudy, ScenarioError> {
        if !(1..=MAX_SEEDS).contains(&seeds) {
            return Err(ScenarioError::new("seeds", &seeds.to_string(), format!("must be a whole number in [1, {MAX_SEEDS}]")));
        }
        let route = scenario.build_landscape()?.saddle_route();
        Ok(EscapeStudy { scenario: scenario.clone(), seeds, deterministic: None, results: vec![None; seeds], route })
    }

    /// Jobs that can run now: seed 0 alone first (it tells which optimizers are deterministic),
    /// then every seed.
    pub fn ready(&self) -> usize {
        if self.deterministic.is_some() {
            self.seeds
        } else {
            1
        }
    }

    /// Which optimizers the jobs after seed 0 skip (deterministic ones), as the text a worker gets.
    pub fn skip_text(&self) -> String {
        self.deterministic.as_ref().map_or(String::new(), |d| d.iter().map(|b| if *b { '1' } else { '0' }).collect())
    }

    /// Runs seed `k` (skipping the optimizers `skip` marks with '1') and encodes the outcomes:
    /// per optimizer a flag (1: ran, 0: skipped, 2: ran and is deterministic), then the outcome.
    pub fn run_job(scenario: &Scenario, k: usize, skip: &str) -> Result<Vec<f64>, ScenarioError> {
        let mut s = scenario.clone();
        s.seed = Some(scenario.seed.unwrap_or(1).wrapping_add(k as u64));
        let mut race = Race::with_depth(&s, Depth::Fast)?;
        let route = race.landscape().saddle_route();
        let seeded = race.seeded_setup();
        let mut out = Vec::new();
        for (i, run) in race.runs.iter_mut().enumerate() {
            if skip.as_bytes().get(i) == Some(&b'1') {
                out.push(0.0);
                continue;
            }
            let o = RunOutcome::of(run, route);
            out.push(if !seeded && !run.used_randomness() { 2.0 } else { 1.0 });
            o.encode(&mut out);
        }
        Ok(out)
    }

    /// Takes the encoded result of seed `k`.
    pub fn accept(&mut self, k: usize, data: &[f64]) -> Result<(), String> {
        let n = self.scenario.optimizers.len();
        if k >= self.seeds {
            return Err(format!("escape study: no seed {k}"));
        }
        let mut at = 0;
        let mut row = Vec::with_capacity(n);
        let mut det = Vec::with_capacity(n);
        for _ in 0..n {
            let flag = *data.get(at).ok_or("escape study: short result")?;
            at += 1;
            if flag == 0.0 {
                row.push(None);
                det.push(true);
                continue;
            }
            let (o, used) = RunOutcome::decode(&data[at..]).ok_or("escape study: malformed result")?;
            at += used;
            row.push(Some(o));
            det.push(flag == 2.0);
        }
        if k == 0 {
            self.deterministic = Some(det);
        }
        self.results[k] = Some(row);
        Ok(())
    }

    /// How many seeds have reported.
    pub fn done(&self) -> usize {
        self.results.iter().filter(|r| r.is_some()).count()
    }

    /// The statistics of the seeds that have reported, in seed order.
    pub fn stats(&self) -> Vec<EscapeStats> {
        let det = self.deterministic.clone().unwrap_or_else(|| vec![false; self.scenario.optimizers.len()]);
        self.scenario
            .optimizers
            .iter()
            .enumerate()
            .map(|(i, id)| EscapeStats {
                optimizer: id,
                seeds: self.seeds,
                deterministic: det[i],
                route: self.route,
                outcomes: self.results.iter().flatten().filter_map(|row| row[i].clone()).collect(),
            })
            .collect()
    }

    /// Runs every job here, one after another (or on `threads` threads), and returns the stats.
    pub fn run_all(mut self, threads: usize) -> Result<Vec<EscapeStats>, ScenarioError> {
        let first = EscapeStudy::run_job(&self.scenario, 0, "")?;
        self.accept(0, &first).map_err(|m| ScenarioError::new("seeds", "", m))?;
        let skip = self.skip_text();
        let scenario = self.scenario.clone();
        let results = super::parallel::map_in_order(1..self.seeds, threads, |k| EscapeStudy::run_job(&scenario, k, &skip));
        for (k, r) in (1..self.seeds).zip(results) {
            self.accept(k, &r?).map_err(|m| ScenarioError::new("seeds", "", m))?;
        }
        Ok(self.stats())
    }
}

/// Escape times over `seeds` seeds: the scenario's race with seeds s, s + 1, …, each run until
/// its outcome is decided (docs/science.md §4.2).
pub fn statistics(scenario: &Scenario, seeds: usize) -> Result<Vec<EscapeStats>, ScenarioError> {
    EscapeStudy::new(scenario, seeds)?.run_all(1)
}
