//! `census`: the index of critical points against their loss (Dauphin et al. 2014, Pennington &
//! Bahri 2017; docs/science.md §4.3): the landscape's listed critical points and those Newton's
//! method finds from seeded random starts, split into chunks of starts.

use super::figure::{Figure, Line, Panel, Point, Scale, Series, XyPanel};
use super::table::{Claim, Table};
use super::{Experiment, LabResult, LabScenario, Preset};
use crate::analysis::census::{decode_all, encode, merge, search_chunk, starts};
use crate::landscape::{CriticalPoint, Landscape};
use crate::numeric::params::ParamSpec;
use crate::scenario::ScenarioError;

const KNOBS: &[ParamSpec] = &[ParamSpec::int("starts", 200.0, 0.0, 5000.0, "random starts of Newton's method")];

/// Starts per job.
const CHUNK: usize = 10;

pub const PRESET: Preset = Preset {
    name: "census",
    title: "Index against loss of critical points",
    source: "Dauphin et al. 2014; Pennington & Bahri 2017",
    about: "Every critical point found, placed by its loss and its index fraction (the share of negative Hessian \
            eigenvalues). In high dimension, critical points with a high loss are saddles of high index and \
            the low ones are minima. On saddle3 with every coordinate unstable (index = d) the law is exact: \
            index/d = 1 − f/f_min, the line drawn. Filled: listed in closed form; hollow: found by Newton's method. \
            Any landscape can be censused: add landscape=… and its knobs to the link.",
    knobs: KNOBS,
    takes_landscape: true,
    build: |s| Ok(Box::new(Census::new(s)?)),
};

struct Census {
    landscape: Box<dyn Landscape>,
    starts: usize,
    seed: u64,
    name: String,
}

impl Census {
    fn new(s: &LabScenario) -> Result<Census, ScenarioError> {
        let mut land = match &s.landscape {
            Some(l) => l.clone(),
            // No landscape given: the exact toy, saddle3 with d = index = 6.
            None => crate::scenario::Scenario::parse("landscape=saddle3&d=6&index=6")?,
        };
        land.seed = Some(s.seed);
        let name = land.to_pairs().into_iter().filter(|(k, _)| k != "opt" && k != "seed").map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ");
        Ok(Census { landscape: land.build_landscape()?, starts: s.knob("starts") as usize, seed: s.seed, name })
    }
}

impl Experiment for Census {
    /// Job 0: the listed points; then one job per chunk of starts.
    fn jobs(&self) -> usize {
        1 + self.starts.div_ceil(CHUNK)
    }
    fn runs_per_job(&self) -> usize {
        CHUNK
    }
    fn run(&self, k: usize) -> Result<Vec<f64>, ScenarioError> {
        let mut out = Vec::new();
        if k == 0 {
            for c in self.landscape.critical_points() {
                encode(&c, &mut out);
            }
            return Ok(out);
        }
        let all = starts(self.landscape.as_ref(), self.starts, self.seed);
        let chunk = &all[((k - 1) * CHUNK).min(all.len())..(k * CHUNK).min(all.len())];
        for c in search_chunk(self.landscape.as_ref(), chunk).into_iter().flatten() {
            encode(&c, &mut out);
        }
        Ok(out)
    }
    fn result(&self, jobs: &[Option<Vec<f64>>]) -> LabResult {
        let d = self.landscape.dim();
        let read = |v: &[f64], note: &'static str| -> Vec<CriticalPoint> { decode_all(v, d, note) };
        let listed = jobs[0].as_ref().map(|v| read(v, "")).unwrap_or_default();
        let found: Vec<CriticalPoint> = jobs[1..].iter().flatten().flat_map(|v| read(v, "found by Newton's method")).collect();
        let points = merge(d, listed, found);
        let line = self.landscape.census_line();
        let mut table = Table::new(&["f", "index", "alpha", "listed", "line_alpha"]);
        let mut filled = Series { name: "listed (closed form)".into(), colour: 0, points: Vec::new(), joined: false };
        let mut hollow = Series { name: "found by Newton's method".into(), colour: 1, points: Vec::new(), joined: false };
        let mut worst = 0.0f64;
        for p in &points {
            let on = line.map(|m| 1.0 - p.point.f / m);
            if let Some(a) = on {
                worst = worst.max((a - p.alpha).abs());
            }
            table.push(vec![Some(p.point.f), Some(p.point.index as f64), Some(p.alpha), Some(if p.listed { 1.0 } else { 0.0 }), on]);
            let s = if p.listed { &mut filled } else { &mut hollow };
            s.points.push(Point::at(p.point.f, p.alpha));
        }
        let complete = jobs.iter().all(|j| j.is_some());
        let f_range = points.iter().map(|p| p.point.f).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), f| (a.min(f), b.max(f)));
        let mut claim = match line {
            Some(m) => Claim {
                claim: "On saddle3 with index = d the index fraction is an exact linear function of the loss, index/d = 1 − f/f_min (the toy version of Dauphin et al. 2014's index-against-loss law)".into(),
                measured: format!("{} critical points; the largest distance from the line is {worst:.1e} (f_min = {m:.4})", points.len()),
                holds: complete.then(|| worst < 1e-9),
            },
            None => {
                let tau = kendall(&points.iter().map(|p| (p.point.f, p.alpha)).collect::<Vec<_>>());
                Claim {
                    claim: "Dauphin et al. 2014, Pennington & Bahri 2017: critical points with a higher loss have a higher index".into(),
                    measured: format!("{} critical points; Kendall's τ between loss and index fraction is {tau:.2}", points.len()),
                    holds: complete.then(|| tau > 0.0),
                }
            }
        };
        if points.is_empty() {
            claim.measured = "no critical points have reported yet".into();
        }
        let lines = match line {
            Some(m) if f_range.0.is_finite() => vec![Line { name: "index/d = 1 − f/f_min".into(), points: vec![(m.min(f_range.0), 1.0 - m.min(f_range.0) / m), (f_range.1.max(0.0), 1.0 - f_range.1.max(0.0) / m)] }],
            _ => Vec::new(),
        };
        LabResult {
            table,
            figure: Figure {
                panels: vec![Panel::Xy(XyPanel {
                    title: format!("index fraction against loss: {} ({} critical points)", self.name, points.len()),
                    x_label: "loss f".into(),
                    y_label: "index / d".into(),
                    x_scale: Scale::Linear,
                    y_scale: Scale::Linear,
                    series: vec![filled, hollow],
                    lines,
                })],
            },
            claims: vec![claim],
            method: format!(
                "{}: the listed critical points, and Newton's method on ∇f = 0 from {} seeded starts (points within 1e-6 kept once)",
                self.name, self.starts
            ),
        }
    }
}

/// Kendall's τ-a between the two coordinates of `p`.
fn kendall(p: &[(f64, f64)]) -> f64 {
    let n = p.len();
    if n < 2 {
        return 0.0;
    }
    let mut s = 0.0;
    for i in 0..n {
        for j in i + 1..n {
            s += ((p[i].0 - p[j].0) * (p[i].1 - p[j].1)).signum() * if (p[i].0 - p[j].0) * (p[i].1 - p[j].1) == 0.0 { 0.0 } else { 1.0 };
        }
    }
    s / (n * (n - 1) / 2) as f64
}
