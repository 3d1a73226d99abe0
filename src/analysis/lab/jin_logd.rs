//! `jin-logd`: perturbed GD escapes a strict saddle in time ~ ln d (Jin et al. 2017, Theorem 3 and
//! its proof; docs/science.md §3 `pgd`, §4.3).
//!
//! PGD starts exactly at the saddle of index-1 `saddle3` in d dimensions, so its first step adds ξ
//! uniform in the ball of radius r. The escape direction's share of ξ has size ~ r/√d, and GD then
//! grows it by (1 + η|λ|) a step: the median escape time is ≈ ln(R√d/r)/ln(1 + η|λ|), a straight
//! line against ln d with slope 1/(2 ln(1 + η|λ|)).

use super::figure::{Figure, Line, Panel, Point, Scale, Series, XyPanel};
use super::table::{fit_line, percent, Claim, Table};
use super::util::{decode, dims_by_four, encode, num, outcomes};
use super::{Experiment, LabResult, LabScenario, Preset};
use crate::analysis::escape::{quantiles, Escape};
use crate::numeric::math;
use crate::numeric::params::ParamSpec;
use crate::scenario::ScenarioError;

const KNOBS: &[ParamSpec] = &[
    ParamSpec::int("seeds", 64.0, 4.0, 1000.0, "runs (seeds) per dimension"),
    ParamSpec::int("d_max", 1024.0, 4.0, 1024.0, "largest dimension (d = 2, 4, 16, 64, … up to it)"),
    ParamSpec::real("lr", 0.1, 1e-3, 1.0, "step size η"),
    ParamSpec::real("r", 1e-3, 1e-8, 0.1, "perturbation radius r"),
    ParamSpec::real("b", 1.0, 0.1, 10.0, "curvature |λ_min| = b at the saddle"),
];

pub const PRESET: Preset = Preset {
    name: "jin-logd",
    title: "Perturbed GD escapes in time ~ ln d",
    source: "Jin, Ge, Netrapalli, Kakade & Jordan 2017",
    about: "Perturbed gradient descent starts exactly at the saddle of an index-1 saddle in d dimensions, so \
            its first step adds noise uniform in a ball of radius r. Only the part along the escape direction \
            matters, and it shrinks like r/√d: the median escape time grows like ln d, with slope \
            1/(2 ln(1 + η|λ|)). The band is the 10–90 % range over the seeds.",
    knobs: KNOBS,
    takes_landscape: false,
    build: |s| Ok(Box::new(JinLogd::new(s))),
};

struct JinLogd {
    dims: Vec<usize>,
    seeds: usize,
    seed: u64,
    lr: f64,
    r: f64,
    b: f64,
}

impl JinLogd {
    fn new(s: &LabScenario) -> JinLogd {
        JinLogd {
            dims: dims_by_four(s.knob("d_max") as usize),
            seeds: s.knob("seeds") as usize,
            seed: s.seed,
            lr: s.knob("lr"),
            r: s.knob("r"),
            b: s.knob("b"),
        }
    }
    /// The theory's slope of the median against ln d.
    fn slope(&self) -> f64 {
        1.0 / (2.0 * math::ln_1p(self.lr * self.b))
    }
}

impl Experiment for JinLogd {
    fn jobs(&self) -> usize {
        self.dims.len() * self.seeds
    }
    fn run(&self, k: usize) -> Result<Vec<f64>, ScenarioError> {
        let d = self.dims[k / self.seeds];
        let seed = self.seed + (k % self.seeds) as u64;
        let text = format!(
            "landscape=saddle3&index=1&d={d}&b={}&opt=pgd&lr={}&pgd.r={}&start=saddle&seed={seed}&steps=100000",
            num(self.b),
            num(self.lr),
            num(self.r)
        );
        Ok(encode(&outcomes(&text)?))
    }
    fn result(&self, jobs: &[Option<Vec<f64>>]) -> LabResult {
        let mut table = Table::new(&["d", "ln_d", "pgd_median", "pgd_q10", "pgd_q90", "pgd_never", "pgd_runs", "theory"]);
        let mut measured = Vec::new();
        let mut points = Vec::new();
        for (i, &d) in self.dims.iter().enumerate() {
            let times: Vec<Option<u64>> = jobs[i * self.seeds..(i + 1) * self.seeds]
                .iter()
                .flatten()
                .filter_map(|r| decode(r, 1))
                .map(|o| match o[0].escape {
                    Escape::Escaped(t) => Some(t),
                    _ => None,
                })
                .collect();
            let (m, lo, hi) = quantiles(&times);
            let never = times.iter().filter(|t| t.is_none()).count();
            let ln_d = math::ln(d as f64);
            if m.is_finite() {
                measured.push((ln_d, m));
                points.push(Point { x: d as f64, y: m, lo: Some(lo).filter(|v| v.is_finite()), hi: Some(hi).filter(|v| v.is_finite()), censored: false });
            }
            table.push(vec![Some(d as f64), Some(ln_d), Some(m), Some(lo), Some(hi), Some(never as f64), Some(times.len() as f64), None]);
        }
        // The theory's line through the centre of the measured medians.
        let slope = self.slope();
        let n = measured.len() as f64;
        let centre = (measured.iter().map(|p| p.0).sum::<f64>() / n, measured.iter().map(|p| p.1).sum::<f64>() / n);
        let theory = |ln_d: f64| centre.1 + slope * (ln_d - centre.0);
        if !measured.is_empty() {
            for row in table.rows.iter_mut() {
                row[7] = row[1].map(theory);
            }
        }
        let fit = fit_line(&measured);
        let claim = Claim {
            claim: format!(
                "Jin et al. 2017: perturbed GD escapes a strict saddle in time ~ ln d; from uniform-ball noise the median grows with slope 1/(2 ln(1 + η|λ|)) = {slope:.2} per unit of ln d"
            ),
            measured: match fit {
                Some((s, _)) => format!("fitted slope {s:.2} per unit of ln d over d = {}…{}: {} from the theory's", self.dims[0], self.dims[self.dims.len() - 1], percent(s / slope - 1.0)),
                None => "not enough dimensions have reported yet".into(),
            },
            holds: fit.filter(|_| measured.len() == self.dims.len()).map(|(s, _)| (s / slope - 1.0).abs() <= 0.2),
        };
        let line = Line {
            name: format!("theory: slope 1/(2 ln(1 + η|λ|)) = {slope:.2}"),
            points: if measured.is_empty() {
                Vec::new()
            } else {
                self.dims.iter().map(|&d| (d as f64, theory(math::ln(d as f64)))).collect()
            },
        };
        let figure = Figure {
            panels: vec![Panel::Xy(XyPanel {
                title: format!("PGD escape time against d (median, 10–90 %, {} seeds)", self.seeds),
                x_label: "dimension d (log scale)".into(),
                y_label: "escape time (steps)".into(),
                x_scale: Scale::Log,
                y_scale: Scale::Linear,
                series: vec![Series { name: "pgd".into(), colour: 0, points, joined: true }],
                lines: vec![line],
            })],
        };
        LabResult {
            table,
            figure,
            claims: vec![claim],
            method: format!(
                "index-1 saddle3 with b = {}, PGD with η = {}, r = {}, started exactly at the saddle; escape time t_out − t_in as in docs/science.md §4.2",
                num(self.b),
                num(self.lr),
                num(self.r)
            ),
        }
    }
}
