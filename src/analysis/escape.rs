//! Escape-time detection (SCIENCE.md §4).
//!
//! t_in = first t with ‖x_t − x_s‖ ≤ R_in (0.1·distance from the saddle to the nearest minimum);
//! t_out = first later t with f(x_t) ≤ f_s − Δ (Δ = 0.1·(f_s − f_min)); escape time = t_out − t_in.

use crate::event::EventKind;
use crate::landscape::{CriticalKind, CriticalPoint, ViewBox};
use crate::math;

/// The region around one saddle and the drop that counts as having left it.
#[derive(Clone, Debug)]
pub struct SaddleRegion {
    /// Index into the landscape's critical points.
    pub saddle: usize,
    pub center: Vec<f64>,
    pub f_s: f64,
    pub r_in: f64,
    pub delta: f64,
}

/// The saddle regions of a landscape (at most 64, the first listed).
pub fn saddle_regions(critical: &[CriticalPoint], view: ViewBox) -> Vec<SaddleRegion> {
    let minima: Vec<&CriticalPoint> = critical.iter().filter(|c| c.kind == CriticalKind::Minimum).collect();
    let f_min = minima.iter().map(|m| m.f).fold(f64::INFINITY, f64::min);
    critical
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == CriticalKind::Saddle || (c.kind == CriticalKind::Degenerate && c.eigenvalues.iter().all(|l| l.abs() < 1e-8)))
        .take(64)
        .map(|(i, c)| {
            let nearest = minima.iter().map(|m| math::dist(&m.point, &c.point)).fold(f64::INFINITY, f64::min);
            let r_in = if nearest.is_finite() { 0.1 * nearest } else { 0.05 * view.diagonal() };
            let l1 = c.eigenvalues.first().copied().unwrap_or(0.0).abs();
            let delta = if f_min < c.f {
                0.1 * (c.f - f_min)
            } else if l1 > 0.0 {
                0.5 * l1 * r_in * r_in
            } else {
                1e-3 * (1.0 + c.f.abs())
            };
            SaddleRegion { saddle: i, center: c.point.clone(), f_s: c.f, r_in, delta }
        })
        .collect()
}

/// Follows one run through the saddle regions.
#[derive(Clone, Debug, Default)]
pub struct EscapeTracker {
    pub regions: Vec<SaddleRegion>,
    entered: Vec<Option<u64>>,
    escaped: Vec<bool>,
    /// (saddle, escape time) in the order they happened.
    pub escape_times: Vec<(usize, u64)>,
}

impl EscapeTracker {
    pub fn new(regions: Vec<SaddleRegion>) -> Self {
        let n = regions.len();
        EscapeTracker { regions, entered: vec![None; n], escaped: vec![false; n], escape_times: Vec::new() }
    }

    /// Checks the point of step `t`, pushing entered/escaped events.
    #[inline]
    pub fn update(&mut self, t: u64, x: &[f64], f: f64, events: &mut Vec<EventKind>) {
        for (k, r) in self.regions.iter().enumerate() {
            if self.escaped[k] {
                continue;
            }
            match self.entered[k] {
                None => {
                    if math::dist(x, &r.center) <= r.r_in {
                        self.entered[k] = Some(t);
                        events.push(EventKind::EnteredSaddleRegion { saddle: r.saddle });
                    }
                }
                Some(t_in) => {
                    if f <= r.f_s - r.delta {
                        self.escaped[k] = true;
                        self.escape_times.push((r.saddle, t - t_in));
                        events.push(EventKind::EscapedSaddle { saddle: r.saddle, escape_time: t - t_in });
                    }
                }
            }
        }
    }

    /// Whether the run ever came within R_in of a saddle.
    pub fn entered_any(&self) -> bool {
        self.entered.iter().any(|e| e.is_some())
    }
}

/// Median and 10%/90% quantiles of escape times; runs that never escaped count as +∞.
pub fn quantiles(times: &[Option<u64>]) -> (f64, f64, f64) {
    let mut v: Vec<f64> = times.iter().map(|t| t.map_or(f64::INFINITY, |t| t as f64)).collect();
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    let q = |p: f64| v[((p * (v.len() - 1) as f64).round() as usize).min(v.len() - 1)];
    (q(0.5), q(0.1), q(0.9))
}

/// Escape times of one optimizer over many seeds.
#[derive(Clone, Debug)]
pub struct EscapeStats {
    pub optimizer: &'static str,
    /// One entry per seed whose run entered a saddle region: its first escape time, or `None` if
    /// it never escaped.
    pub times: Vec<Option<u64>>,
    /// Seeds whose run never came within R_in of a saddle (noise carried it past).
    pub bypassed: usize,
}

impl EscapeStats {
    /// (median, 10 % quantile, 90 % quantile); runs that never escaped count as +∞.
    pub fn quantiles(&self) -> (f64, f64, f64) {
        quantiles(&self.times)
    }
    /// How many runs escaped.
    pub fn escaped(&self) -> usize {
        self.times.iter().filter(|t| t.is_some()).count()
    }
    /// Counts of escape times in `bins` equal bins from 0 to the largest time, and the bin width.
    pub fn histogram(&self, bins: usize) -> (Vec<usize>, f64) {
        let max = self.times.iter().flatten().copied().max().unwrap_or(0) as f64;
        let width = (max / bins as f64).max(1.0);
        let mut h = vec![0; bins];
        for t in self.times.iter().flatten() {
            h[((*t as f64 / width) as usize).min(bins - 1)] += 1;
        }
        (h, width)
    }
}

/// Escape times over `seeds` seeds (SCIENCE.md §4): the scenario's race is run with seeds
/// s, s + 1, …, each run until it first escapes a saddle, stops, or reaches its step limit.
pub fn statistics(scenario: &crate::scenario::Scenario, seeds: usize) -> Result<Vec<EscapeStats>, crate::scenario::ScenarioError> {
    let base = scenario.seed.unwrap_or(1);
    let mut out: Vec<EscapeStats> = scenario.optimizers.iter().map(|o| EscapeStats { optimizer: o, times: Vec::new(), bypassed: 0 }).collect();
    for k in 0..seeds as u64 {
        let mut s = scenario.clone();
        s.seed = Some(base.wrapping_add(k));
        let mut race = crate::run::Race::new(&s)?;
        for (i, run) in race.runs.iter_mut().enumerate() {
            while run.escape_time().is_none() && run.step() {}
            if run.escape().entered_any() {
                out[i].times.push(run.escape_time());
            } else {
                out[i].bypassed += 1;
            }
        }
    }
    Ok(out)
}
