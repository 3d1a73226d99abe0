//! `gd-tail`: GD's time to leave the saddle grows like ln(1/|u₀|) as the start nears the stable
//! manifold — the heavy tail of escape times (docs/science.md §4.3, derived: on a quadratic saddle
//! the escape component grows by (1 + η|λ|) per step, so the step at which f has fallen Δ below the
//! saddle, counted from the start, is t ≈ ln(R/|u₀|)/ln(1 + η|λ|), R the |u| at which it has).

use super::figure::{Figure, Line, Panel, Point, Scale, Series, XyPanel};
use super::table::{fit_line, percent, Claim, Table};
use super::util::{decode, encode, num, outcomes};
use super::{Experiment, LabResult, LabScenario, Preset};
use crate::numeric::math;
use crate::numeric::params::ParamSpec;
use crate::scenario::ScenarioError;

const KNOBS: &[ParamSpec] = &[
    ParamSpec::int("e_max", 14.0, 2.0, 300.0, "smallest start offset u₀ = 10^−e_max"),
    ParamSpec::real("lr", 0.1, 1e-3, 1.0, "step size η"),
    ParamSpec::real("b", 1.0, 0.1, 10.0, "curvature |λ_min| = b at the saddle"),
];

pub const PRESET: Preset = Preset {
    name: "gd-tail",
    title: "GD's time to leave a saddle grows like ln(1/|u₀|)",
    source: "the linearised dynamics at a strict saddle (derived; cf. Du et al. 2017, Jin et al. 2017)",
    about: "Plain gradient descent from (1, u₀) on the saddle: the closer the start to the stable manifold (u₀ = 0), \
            the longer GD crawls near the saddle, by 1/ln(1 + η|λ|) steps per factor e of u₀. \
            A random start has |u₀| < ε with probability about ε (for small ε), so the times of random starts \
            have a long tail; from u₀ = 0 exactly GD never escapes. Times count from the start to where f is Δ \
            below the saddle.",
    knobs: KNOBS,
    takes_landscape: false,
    build: |s| Ok(Box::new(GdTail::new(s))),
};

/// The fit uses the starts with |u₀| ≤ 10^−FIT_FROM.
const FIT_FROM: f64 = 3.0;

struct GdTail {
    exps: Vec<u32>,
    lr: f64,
    b: f64,
}

impl GdTail {
    fn new(s: &LabScenario) -> GdTail {
        GdTail { exps: (1..=s.knob("e_max") as u32).collect(), lr: s.knob("lr"), b: s.knob("b") }
    }
    fn slope(&self) -> f64 {
        1.0 / math::ln_1p(self.lr * self.b)
    }
}

impl Experiment for GdTail {
    fn jobs(&self) -> usize {
        self.exps.len()
    }
    fn run(&self, k: usize) -> Result<Vec<f64>, ScenarioError> {
        let e = self.exps[k];
        let text = format!("landscape=saddle&b={}&opt=gd&lr={}&start=1,1e-{e}&seed=1&steps=1000000", num(self.b), num(self.lr));
        Ok(encode(&outcomes(&text)?))
    }
    fn result(&self, jobs: &[Option<Vec<f64>>]) -> LabResult {
        let mut table = Table::new(&["u0", "ln_inv_u0", "gd_leave", "law"]);
        let mut pts = Vec::new();
        for (k, &e) in self.exps.iter().enumerate() {
            let u0 = format!("1e-{e}").parse::<f64>().unwrap_or(0.0);
            let x = -math::ln(u0);
            // From the start to f ≤ f_saddle − Δ: defined whether or not the run came within R_in.
            let t = jobs[k].as_ref().and_then(|r| decode(r, 1)).and_then(|o| o[0].below).map(|t| t as f64);
            if let Some(t) = t {
                pts.push((x, t));
            }
            table.push(vec![Some(u0), Some(x), t, None]);
        }
        let slope = self.slope();
        // The law is the linearisation at the saddle: fit it where |u₀| ≤ 10⁻³ (at 0.1 and 0.01 the
        // start is not yet small against R).
        let fitted: Vec<(f64, f64)> = pts.iter().copied().filter(|(x, _)| *x >= FIT_FROM * math::LN_10 - 1e-9).collect();
        // ln R from those points with the theory's slope: t = slope·(ln R + ln(1/u₀)).
        let ln_r = if fitted.is_empty() { f64::NAN } else { fitted.iter().map(|(x, t)| t / slope - x).sum::<f64>() / fitted.len() as f64 };
        for row in table.rows.iter_mut() {
            row[3] = row[1].map(|x| slope * (ln_r + x)).filter(|v| v.is_finite());
        }
        let fit = fit_line(&fitted);
        let complete = jobs.iter().all(|j| j.is_some());
        let claim = Claim {
            claim: format!(
                "At a strict saddle the escape component grows by (1 + η|λ|) per step: GD leaves after ln(R/|u₀|)/ln(1 + η|λ|) steps, {slope:.2} per unit of ln(1/|u₀|)"
            ),
            measured: match fit {
                Some((s, _)) => format!("fitted slope {s:.2} steps per unit of ln(1/|u₀|) (on |u₀| ≤ 10⁻³): {} from the law; R ≈ {:.3}", percent(s / slope - 1.0), math::exp(ln_r)),
                None if complete => "too few starts with |u₀| ≤ 10⁻³ to fit the law: set e_max to 4 or more".into(),
                None => "not enough starts have reported yet".into(),
            },
            holds: fit.filter(|_| complete).map(|(s, _)| (s / slope - 1.0).abs() <= 0.05),
        };
        let line = Line {
            name: if ln_r.is_finite() { format!("ln(R/|u₀|)/ln(1 + η|λ|), R ≈ {:.3}", math::exp(ln_r)) } else { "ln(R/|u₀|)/ln(1 + η|λ|)".into() },
            points: if ln_r.is_finite() { self.exps.iter().map(|&e| { let x = e as f64 * math::LN_10; (x, slope * (ln_r + x)) }).collect() } else { Vec::new() },
        };
        LabResult {
            table,
            figure: Figure {
                panels: vec![Panel::Xy(XyPanel {
                    title: "GD's steps to leave the saddle against ln(1/|u₀|), start (1, u₀)".into(),
                    x_label: "ln(1/|u₀|)".into(),
                    y_label: "steps until f is Δ below the saddle".into(),
                    x_scale: Scale::Linear,
                    y_scale: Scale::Linear,
                    series: vec![Series { name: "gd".into(), colour: 0, points: pts.iter().map(|(x, t)| Point::at(*x, *t)).collect(), joined: false }],
                    lines: vec![line],
                })],
            },
            claims: vec![claim],
            method: format!(
                "saddle with a = c = 1, b = {}, GD with η = {} from (1, 10^−e) for e = 1…{}; the step, counted from the start, at which f first falls Δ below the saddle (docs/science.md §4.2); R fitted with the law's slope",
                num(self.b),
                num(self.lr),
                self.exps.len()
            ),
        }
    }
}
