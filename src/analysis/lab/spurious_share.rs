//! `spurious-share`: two-layer ReLU nets have spurious local minima, and GD from a random start
//! ends in one more often as the net grows (Safran & Shamir 2018, Table 1; docs/science.md §2
//! `relu-ss`, §4.3).

use super::figure::{BarsPanel, Figure, Panel, Point, Scale, Series, XyPanel};
use super::table::{wilson, Claim, Table};
use super::util::num;
use super::{Experiment, LabResult, LabScenario, Preset};
use crate::numeric::params::ParamSpec;
use crate::run::{Depth, Race};
use crate::scenario::{Scenario, ScenarioError};

const KNOBS: &[ParamSpec] = &[
    ParamSpec::int("seeds", 50.0, 5.0, 500.0, "random starts per size k"),
    ParamSpec::int("k_min", 6.0, 2.0, 12.0, "smallest k = n"),
    ParamSpec::int("k_max", 12.0, 2.0, 12.0, "largest k = n"),
    ParamSpec::real("lr", 0.2, 0.01, 1.0, "GD's step size η"),
    ParamSpec::int("steps", 20000.0, 100.0, 200000.0, "step limit of a run"),
];

/// A final loss above this is a spurious minimum (the global minimum has loss 0; GD stops at
/// ~1e-12, the spurious minima found have losses of 1e-2 and more).
pub const SPURIOUS_LOSS: f64 = 1e-3;

/// Safran & Shamir 2018, Table 1 (k = n): the share of runs ending at spurious minima, k = 6…12.
const PAPER: [(usize, f64); 7] = [(6, 0.003), (7, 0.055), (8, 0.126), (9, 0.218), (10, 0.346), (11, 0.455), (12, 0.585)];

pub const PRESET: Preset = Preset {
    name: "spurious-share",
    title: "Spurious minima of two-layer ReLU nets",
    source: "Safran & Shamir 2018",
    about: "A student ReLU net of k units learns a teacher of k orthonormal units on Gaussian inputs (population \
            loss in closed form). GD from random starts w_i ~ N(0, I/n) ends at the global minimum (loss 0) or at a \
            spurious local minimum. The share of spurious endings, with 95 % Wilson intervals, rises with k; the \
            paper's Table 1 (different initialisation) is shown beside ours. Below: the final losses.",
    knobs: KNOBS,
    takes_landscape: false,
    build: |s| {
        let (a, b) = (s.knob("k_min"), s.knob("k_max"));
        if a > b {
            return Err(ScenarioError::new("k_min", &num(a), format!("must be at most k_max = {}", num(b))));
        }
        Ok(Box::new(SpuriousShare::new(s)))
    },
};

struct SpuriousShare {
    ks: Vec<usize>,
    seeds: usize,
    seed: u64,
    lr: f64,
    steps: u64,
}

impl SpuriousShare {
    fn new(s: &LabScenario) -> SpuriousShare {
        SpuriousShare {
            ks: (s.knob("k_min") as usize..=s.knob("k_max") as usize).collect(),
            seeds: s.knob("seeds") as usize,
            seed: s.seed,
            lr: s.knob("lr"),
            steps: s.knob("steps") as u64,
        }
    }
}

/// What one run reports: final loss, ‖∇f‖, index, λ_min, steps, whether it stopped (converged or
/// stalled) before its limit.
const FIELDS: usize = 6;

impl Experiment for SpuriousShare {
    fn jobs(&self) -> usize {
        self.ks.len() * self.seeds
    }
    fn run(&self, k: usize) -> Result<Vec<f64>, ScenarioError> {
        let units = self.ks[k / self.seeds];
        let seed = self.seed + (k % self.seeds) as u64;
        let s = Scenario::parse(&format!("landscape=relu-ss&k={units}&n={units}&opt=gd&lr={}&seed={seed}&steps={}", num(self.lr), self.steps))?;
        let mut race = Race::with_depth(&s, Depth::Fast)?;
        let run = &mut race.runs[0];
        while run.step() {}
        run.settle();
        let a = run.analysis();
        let settled = run.status() != crate::run::Status::Running;
        Ok(vec![a.f, a.grad_norm, a.index as f64, a.eigenvalues[0], run.t() as f64, if settled { 1.0 } else { 0.0 }])
    }
    fn result(&self, jobs: &[Option<Vec<f64>>]) -> LabResult {
        let mut table = Table::new(&["k", "gd_spurious_share", "gd_spurious_lo", "gd_spurious_hi", "gd_spurious", "gd_runs", "gd_unsettled", "paper_share"]);
        let mut ours = Series { name: "gd (ours: w ~ N(0, I/n), η = 0.2)".into(), colour: 0, points: Vec::new(), joined: true };
        let mut paper = Series { name: "Safran & Shamir, Table 1".into(), colour: 1, points: Vec::new(), joined: true };
        // Final losses: bins of log10 from −14 to 0.
        let edges: Vec<f64> = (0..=14).map(|i| 10f64.powi(i - 14)).collect();
        let mut groups = Vec::new();
        let mut shares = Vec::new();
        let mut counted = Vec::new();
        for (i, &k) in self.ks.iter().enumerate() {
            let runs: Vec<&Vec<f64>> = jobs[i * self.seeds..(i + 1) * self.seeds].iter().flatten().filter(|r| r.len() == FIELDS).collect();
            let n = runs.len();
            let spurious = runs.iter().filter(|r| r[0] > SPURIOUS_LOSS).count();
            let unsettled = runs.iter().filter(|r| r[5] == 0.0).count();
            let (lo, hi) = wilson(spurious, n);
            let share = if n > 0 { Some(spurious as f64 / n as f64) } else { None };
            let p = PAPER.iter().find(|(pk, _)| *pk == k).map(|e| e.1);
            if let Some(sh) = share {
                ours.points.push(Point { x: k as f64, y: sh, lo: Some(lo), hi: Some(hi), censored: false });
                shares.push((k as f64, sh));
                counted.push(n);
            }
            if let Some(ps) = p {
                paper.points.push(Point::at(k as f64, ps));
            }
            table.push(vec![Some(k as f64), share, Some(lo).filter(|_| n > 0), Some(hi).filter(|_| n > 0), Some(spurious as f64), Some(n as f64), Some(unsettled as f64), p]);
            let mut counts = vec![0u64; edges.len() - 1];
            for r in &runs {
                let b = edges.iter().rposition(|e| r[0] >= *e).unwrap_or(0).min(counts.len() - 1);
                counts[b] += 1;
            }
            groups.push((format!("k = {k}"), i, counts));
        }
        let complete = jobs.iter().all(|j| j.is_some());
        let rises = shares.len() >= 2 && shares.last().map(|l| l.1) > shares.first().map(|f| f.1) && super::table::fit_line(&shares).is_some_and(|(s, _)| s > 0.0);
        let claim = Claim {
            claim: "Safran & Shamir 2018: GD on two-layer ReLU nets from random starts often ends at spurious local minima, and more often as k = n grows".into(),
            measured: if shares.is_empty() {
                "no runs have reported yet".into()
            } else {
                format!(
                    "share of spurious endings {}",
                    shares
                        .iter()
                        .zip(&counted)
                        .map(|((k, s), &n)| if n < self.seeds { format!("{:.0} % at k = {k} (of {n} runs so far)", 100.0 * s) } else { format!("{:.0} % at k = {k}", 100.0 * s) })
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            },
            holds: complete.then_some(rises),
        };
        LabResult {
            table,
            figure: Figure {
                panels: vec![
                    Panel::Xy(XyPanel {
                        title: format!("share of runs ending at a spurious minimum ({} starts per k, 95 % Wilson)", self.seeds),
                        x_label: "k = n (teacher and student units)".into(),
                        y_label: "share".into(),
                        x_scale: Scale::Linear,
                        y_scale: Scale::Linear,
                        series: vec![ours, paper],
                        lines: Vec::new(),
                    }),
                    Panel::Bars(BarsPanel {
                        title: "final losses (global minimum: 0; spurious: above 1e-3)".into(),
                        x_label: "final loss (log scale)".into(),
                        y_label: "runs".into(),
                        edges,
                        x_scale: Scale::Log,
                        groups,
                    }),
                ],
            },
            claims: vec![claim],
            method: format!(
                "relu-ss with k = n, GD with η = {} from W₀ ~ N(0, I/n) (seeded), run until it stops (at most {} steps); spurious: final loss > 1e-3",
                num(self.lr),
                self.steps
            ),
        }
    }
}
