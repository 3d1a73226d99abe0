//! `cnc-d`: correlated negative curvature escapes in a time independent of d (Daneshmand et al.
//! 2018, under their CNC assumption; docs/science.md §3 `cnc`, §4.3).
//!
//! The stochastic gradient is modelled as ∇f_z = ∇f + σξ with ξ ~ N(0, I_d): its variance along
//! the negative-curvature direction is σ² in every dimension (the CNC assumption holds with a fixed
//! γ = σ²). CNC's occasional step r∇f_z then has a component of size rσ along v₁ whatever d is,
//! while PGD's uniform ball gives r/√(d + 2).

use super::figure::{Figure, Panel, Point, Scale, Series, XyPanel};
use super::table::{percent, Claim, Table};
use super::util::{decode, dims_by_four, encode, num, outcomes};
use super::{Experiment, LabResult, LabScenario, Preset};
use crate::analysis::escape::{quantiles, Escape};
use crate::numeric::params::ParamSpec;
use crate::scenario::ScenarioError;

const KNOBS: &[ParamSpec] = &[
    ParamSpec::int("seeds", 64.0, 4.0, 1000.0, "runs (seeds) per dimension"),
    ParamSpec::int("d_max", 1024.0, 4.0, 1024.0, "largest dimension (d = 2, 4, 16, 64, … up to it)"),
    ParamSpec::real("lr", 0.1, 1e-3, 1.0, "step size η"),
    ParamSpec::real("sigma", 1e-3, 1e-8, 1.0, "σ of the stochastic gradient's noise (γ = σ² along v₁)"),
    ParamSpec::real("cnc_r", 0.5, 1e-3, 10.0, "CNC's stochastic step size r"),
    ParamSpec::real("pgd_r", 1e-3, 1e-8, 0.1, "PGD's perturbation radius r"),
];

pub const PRESET: Preset = Preset {
    name: "cnc-d",
    title: "CNC's escape time does not grow with d",
    source: "Daneshmand, Kohler, Lucchi & Hofmann 2018",
    about: "Both methods start exactly at the saddle of an index-1 saddle in d dimensions. CNC takes an occasional \
            step along one stochastic gradient, whose noise has a fixed variance along the escape direction in \
            every dimension (the CNC assumption); PGD adds noise uniform in a ball, whose share along that \
            direction shrinks like 1/√d. CNC's median stays flat while PGD's grows like ln d.",
    knobs: KNOBS,
    takes_landscape: false,
    build: |s| Ok(Box::new(CncD::new(s))),
};

struct CncD {
    dims: Vec<usize>,
    seeds: usize,
    seed: u64,
    lr: f64,
    sigma: f64,
    cnc_r: f64,
    pgd_r: f64,
}

impl CncD {
    fn new(s: &LabScenario) -> CncD {
        CncD {
            dims: dims_by_four(s.knob("d_max") as usize),
            seeds: s.knob("seeds") as usize,
            seed: s.seed,
            lr: s.knob("lr"),
            sigma: s.knob("sigma"),
            cnc_r: s.knob("cnc_r"),
            pgd_r: s.knob("pgd_r"),
        }
    }
}

impl Experiment for CncD {
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
            "landscape=saddle3&index=1&d={d}&opt=cnc,pgd&lr={}&cnc.model=isotropic&cnc.sigma={}&cnc.r={}&pgd.r={}&start=saddle&seed={seed}&steps=100000",
            num(self.lr),
            num(self.sigma),
            num(self.cnc_r),
            num(self.pgd_r)
        );
        Ok(encode(&outcomes(&text)?))
    }
    fn result(&self, jobs: &[Option<Vec<f64>>]) -> LabResult {
        let mut table = Table::new(&["d", "cnc_median", "cnc_q10", "cnc_q90", "pgd_median", "pgd_q10", "pgd_q90", "runs"]);
        let mut series = [Series { name: "cnc".into(), colour: 0, points: Vec::new(), joined: true }, Series {
            name: "pgd".into(),
            colour: 1,
            points: Vec::new(),
            joined: true,
        }];
        let mut cnc_medians = Vec::new();
        for (i, &d) in self.dims.iter().enumerate() {
            let runs: Vec<Vec<crate::analysis::escape::RunOutcome>> =
                jobs[i * self.seeds..(i + 1) * self.seeds].iter().flatten().filter_map(|r| decode(r, 2)).collect();
            let mut row = vec![Some(d as f64)];
            for (m, s) in series.iter_mut().enumerate() {
                let times: Vec<Option<u64>> = runs
                    .iter()
                    .map(|o| match o[m].escape {
                        Escape::Escaped(t) => Some(t),
                        _ => None,
                    })
                    .collect();
                let (med, lo, hi) = quantiles(&times);
                if med.is_finite() {
                    s.points.push(Point { x: d as f64, y: med, lo: Some(lo).filter(|v| v.is_finite()), hi: Some(hi).filter(|v| v.is_finite()), censored: false });
                }
                if m == 0 {
                    cnc_medians.push(med);
                }
                row.extend([Some(med), Some(lo), Some(hi)]);
            }
            row.push(Some(runs.len() as f64));
            table.push(row);
        }
        let complete = jobs.iter().all(|j| j.is_some());
        let (first, last) = (cnc_medians.first().copied().unwrap_or(f64::NAN), cnc_medians.last().copied().unwrap_or(f64::NAN));
        let change = last / first - 1.0;
        let claim = Claim {
            claim: "Daneshmand et al. 2018: under the CNC assumption (a fixed variance γ of the stochastic gradient along the negative-curvature direction) the escape time does not depend on d".into(),
            measured: if change.is_finite() {
                format!(
                    "CNC's median goes from {first} at d = {} to {last} at d = {}: {}",
                    self.dims[0],
                    self.dims[self.dims.len() - 1],
                    percent(change)
                )
            } else {
                "not enough dimensions have reported yet".into()
            },
            holds: (complete && change.is_finite()).then(|| change.abs() < 0.15),
        };
        let [cnc, pgd] = series;
        LabResult {
            table,
            figure: Figure {
                panels: vec![Panel::Xy(XyPanel {
                    title: format!("escape time against d (median, 10–90 %, {} seeds)", self.seeds),
                    x_label: "dimension d (log scale)".into(),
                    y_label: "escape time (steps)".into(),
                    x_scale: Scale::Log,
                    y_scale: Scale::Linear,
                    series: vec![cnc, pgd],
                    lines: Vec::new(),
                })],
            },
            claims: vec![claim],
            method: format!(
                "index-1 saddle3, both from the saddle, η = {}; stochastic gradient ∇f + σξ, ξ ~ N(0, I_d), σ = {} (variance σ² along v₁ for every d: the CNC assumption); CNC steps r∇f_z every 20 steps with r = {}; PGD's ball radius {}",
                num(self.lr),
                num(self.sigma),
                num(self.cnc_r),
                num(self.pgd_r)
            ),
        }
    }
}
