//! `du-chain`: gradient descent can take exponential time to escape a chain of saddles (Du et al.
//! 2017, Theorem 4.1 and eqs. 6–10; docs/science.md §2 `chain`, §4.3).
//!
//! On the d-dimensional chain GD spends about (L+γ)/γ times as long at each saddle as at the one
//! before, so its total time to the last basin grows like ((L+γ)/γ)^{d−1}; perturbed GD pays about
//! the same small price at every saddle. From d = 6 on, GD's later coordinates sink to subnormal
//! numbers that a step no longer changes, and it never arrives: such runs are censored (drawn at
//! the step limit as "never arrived"), not dropped.

use super::figure::{Figure, Line, Panel, Point, Scale, Series, XyPanel};
use super::table::{fit_line, median_band, percent, Claim, Table};
use super::util::{decode, encode, num, outcomes};
use super::{Experiment, LabResult, LabScenario, Preset};
use crate::analysis::escape::RunOutcome;
use crate::numeric::math;
use crate::numeric::params::ParamSpec;
use crate::scenario::ScenarioError;

const KNOBS: &[ParamSpec] = &[
    ParamSpec::int("seeds", 8.0, 1.0, 64.0, "runs (random starts in [−1, 1]^d) per dimension"),
    ParamSpec::int("d_max", 8.0, 3.0, 12.0, "largest dimension (d = 2 … d_max)"),
    ParamSpec::int("steps", 200000.0, 1000.0, 2000000.0, "step limit of a run (GD runs still on the way are censored)"),
    ParamSpec::real("gamma", 1.0, 0.25, 4.0, "negative curvature γ at every saddle"),
];

pub const PRESET: Preset = Preset {
    name: "du-chain",
    title: "GD takes exponential time on a chain of saddles",
    source: "Du, Jin, Lee, Jordan, Póczos & Singh 2017",
    about: "A chain of d saddles (the 'octopus' of Du et al.): from a random start, GD must leave each saddle \
            before it meets the next, and at each it spends about (L+γ)/γ times as long as at the one before. \
            Its total time to the last basin grows exponentially with d; perturbed GD (r = 0.1) pays a small, \
            fixed price per saddle. GD runs that never arrive (from d = 6 their coordinates underflow) are shown \
            as censored triangles at the step limit.",
    knobs: KNOBS,
    takes_landscape: false,
    build: |s| Ok(Box::new(DuChain::new(s))),
};

struct DuChain {
    dims: Vec<usize>,
    seeds: usize,
    seed: u64,
    steps: u64,
    gamma: f64,
}

/// L of the chain's defaults (e).
const L: f64 = std::f64::consts::E;

impl DuChain {
    fn new(s: &LabScenario) -> DuChain {
        DuChain {
            dims: (2..=s.knob("d_max") as usize).collect(),
            seeds: s.knob("seeds") as usize,
            seed: s.seed,
            steps: s.knob("steps") as u64,
            gamma: s.knob("gamma"),
        }
    }
    fn ratio(&self) -> f64 {
        (L + self.gamma) / self.gamma
    }
}

impl Experiment for DuChain {
    fn jobs(&self) -> usize {
        self.dims.len() * self.seeds
    }
    fn runs_per_job(&self) -> usize {
        2
    }
    fn run(&self, k: usize) -> Result<Vec<f64>, ScenarioError> {
        let d = self.dims[k / self.seeds];
        let seed = self.seed + (k % self.seeds) as u64;
        let text = format!(
            "landscape=chain&d={d}&gamma={}&opt=gd,pgd&pgd.r=0.1&pgd.g_thres=0.05&pgd.t_thres=50&seed={seed}&steps={}",
            num(self.gamma),
            self.steps
        );
        Ok(encode(&outcomes(&text)?))
    }
    fn result(&self, jobs: &[Option<Vec<f64>>]) -> LabResult {
        let mut table = Table::new(&[
            "d", "gd_median", "gd_q10", "gd_q90", "gd_censored", "pgd_median", "pgd_q10", "pgd_q90", "pgd_censored", "runs", "law",
        ]);
        let names = ["gd", "pgd"];
        let mut series: Vec<Series> =
            names.iter().enumerate().map(|(i, n)| Series { name: n.to_string(), colour: i, points: Vec::new(), joined: true }).collect();
        let mut gd_medians: Vec<(f64, f64)> = Vec::new();
        let cap = self.steps as f64;
        for (i, &d) in self.dims.iter().enumerate() {
            let runs: Vec<Vec<RunOutcome>> = jobs[i * self.seeds..(i + 1) * self.seeds].iter().flatten().filter_map(|r| decode(r, 2)).collect();
            let mut row = vec![Some(d as f64)];
            for (m, s) in series.iter_mut().enumerate() {
                // A run that never reached the last basin counts as +∞ (censored at the limit).
                let totals: Vec<f64> = runs.iter().map(|o| o[m].total.map_or(f64::INFINITY, |t| t as f64)).collect();
                let censored = totals.iter().filter(|t| !t.is_finite()).count();
                let band = median_band(&totals.iter().map(|t| if t.is_finite() { *t } else { f64::MAX }).collect::<Vec<_>>());
                let (med, lo, hi) = band.map_or((None, None, None), |(a, b, c)| {
                    let f = |v: f64| (v < f64::MAX).then_some(v);
                    (f(a), f(b), f(c))
                });
                if !runs.is_empty() {
                    match med {
                        Some(y) => s.points.push(Point { x: d as f64, y, lo, hi, censored: false }),
                        None => s.points.push(Point { x: d as f64, y: cap, lo: None, hi: None, censored: true }),
                    }
                }
                if m == 0 {
                    if let Some(y) = med {
                        gd_medians.push((d as f64, y));
                    }
                }
                row.extend([med, lo, hi, Some(censored as f64)]);
            }
            row.push(Some(runs.len() as f64));
            row.push(None);
            table.push(row);
        }
        // The law T(d) = T(2)·((L+γ)/γ)^{d−2}, anchored at GD's median for d = 2.
        let ratio = self.ratio();
        let anchor = gd_medians.first().filter(|p| p.0 == 2.0).map(|p| p.1);
        if let Some(t2) = anchor {
            for row in table.rows.iter_mut() {
                row[10] = row[0].map(|d| t2 * ratio.powf(d - 2.0));
            }
        }
        let fit = fit_line(&gd_medians.iter().map(|(d, t)| (*d, math::ln(*t))).collect::<Vec<_>>());
        let complete = jobs.iter().all(|j| j.is_some());
        let claim = Claim {
            claim: format!(
                "Du et al. 2017: on a chain of saddles GD's time grows exponentially with d, by about (L+γ)/γ = {ratio:.2} per dimension, while perturbed GD's grows slowly"
            ),
            measured: match fit {
                Some((slope, _)) => {
                    let growth = math::exp(slope);
                    let last = gd_medians.last().map_or(2.0, |p| p.0);
                    format!(
                        "GD's median total grows by {growth:.2} per dimension (fit over d = 2…{last}, where most runs arrived): {} from (L+γ)/γ",
                        percent(growth / ratio - 1.0)
                    )
                }
                None => "not enough dimensions have reported yet".into(),
            },
            holds: fit.filter(|_| complete && gd_medians.len() >= 3).map(|(slope, _)| (math::exp(slope) / ratio - 1.0).abs() <= 0.15),
        };
        let law = Line {
            name: format!("((L+γ)/γ)^(d−2) × GD's time at d = 2 (ratio {ratio:.2})"),
            points: anchor.map_or(Vec::new(), |t2| self.dims.iter().map(|&d| (d as f64, t2 * ratio.powf(d as f64 - 2.0))).filter(|p| p.1 <= 10.0 * cap).collect()),
        };
        LabResult {
            table,
            figure: Figure {
                panels: vec![Panel::Xy(XyPanel {
                    title: format!("steps to the last basin (median, 10–90 %, {} starts; △ never arrived within {} steps)", self.seeds, self.steps),
                    x_label: "dimension d = number of saddles".into(),
                    y_label: "steps (log scale)".into(),
                    x_scale: Scale::Linear,
                    y_scale: Scale::Log,
                    series,
                    lines: vec![law],
                })],
            },
            claims: vec![claim],
            method: format!(
                "chain with L = e, γ = {}, τ = e, η = 1/(20(L+γ)); starts uniform in [−1, 1]^d; PGD with r = 0.1, g_thres = 0.05, t_thres = 50; total = first step with f Δ below the last saddle; limit {} steps",
                num(self.gamma),
                self.steps
            ),
        }
    }
}
