//! `newton-basins`: Newton's method is attracted to saddles, saddle-free and cubic-regularised
//! Newton are not (Dauphin et al. 2014, §4 and Figure 2; Nesterov & Polyak 2006; docs/science.md
//! §3 `newton`, `sfn`, `cubic`).
//!
//! A grid of starts over the `saddle` landscape's view; every start runs GD, Newton, saddle-free
//! Newton and cubic-regularised Newton, and each cell is coloured by where the run ended: the
//! saddle, one of the two minima, diverged, or still moving at the step limit.

use super::figure::{Category, Figure, GridPanel, Panel};
use super::table::{percent, Claim, Table};
use super::util::num;
use super::{Experiment, LabResult, LabScenario, Preset};
use crate::landscape::{CriticalKind, CriticalPoint, ViewBox};
use crate::numeric::math;
use crate::numeric::params::ParamSpec;
use crate::run::{Depth, Race, Status};
use crate::scenario::{Scenario, ScenarioError};

const KNOBS: &[ParamSpec] = &[
    ParamSpec::int("grid", 41.0, 5.0, 121.0, "starts per side of the grid (odd: the middle row is the stable manifold y = 0)"),
    ParamSpec::int("steps", 500.0, 10.0, 20000.0, "step limit of a run"),
    ParamSpec::real("b", 1.0, 0.1, 10.0, "curvature |λ_min| = b at the saddle"),
];

const METHODS: [&str; 4] = ["gd", "newton", "sfn", "cubic"];

pub const PRESET: Preset = Preset {
    name: "newton-basins",
    title: "Newton is drawn into saddles; saddle-free and cubic Newton are not",
    source: "Dauphin, Pascanu, Gulcehre, Cho, Ganguli & Bengio 2014; Nesterov & Polyak 2006",
    about: "Every cell is a start on the saddle f = x²/2 − by²/2 + y⁴/4, coloured by where each method ended. \
            Newton's step reverses the gradient along negative curvature, so a whole band of starts around the \
            stable manifold converges to the saddle: |y| < √(b/5), where Newton's map y ↦ 2y³/(3y² − b) shrinks y \
            (1/√5 ≈ 0.447 at b = 1; ±√(b/5) is a 2-cycle). Saddle-free Newton (|H| instead of H) and \
            cubic-regularised Newton leave it from every start off the manifold; GD stays only on it.",
    knobs: KNOBS,
    takes_landscape: false,
    build: |s| {
        if s.knob("grid") as usize % 2 == 0 {
            return Err(ScenarioError::new("grid", &num(s.knob("grid")), "must be odd, so that a row of starts lies exactly on the stable manifold"));
        }
        Ok(Box::new(NewtonBasins::new(s)?))
    },
};

struct NewtonBasins {
    n: usize,
    steps: u64,
    b: f64,
    seed: u64,
    view: ViewBox,
    critical: Vec<CriticalPoint>,
}

/// Outcome codes besides "the critical point with this index".
const DIVERGED: f64 = 253.0;
const MOVING: f64 = 254.0;

impl NewtonBasins {
    fn new(s: &LabScenario) -> Result<NewtonBasins, ScenarioError> {
        let b = s.knob("b");
        let l = Scenario::parse(&format!("landscape=saddle&b={}", num(b)))?.build_landscape()?;
        Ok(NewtonBasins { n: s.knob("grid") as usize, steps: s.knob("steps") as u64, b, seed: s.seed, view: l.view(), critical: l.critical_points() })
    }
    /// The grid coordinate of index `i`: symmetric about the centre, exactly 0 in the middle.
    fn coord(&self, lo: f64, hi: f64, i: usize) -> f64 {
        let m = (self.n - 1) as f64 / 2.0;
        let h = (hi - lo) / (self.n - 1) as f64;
        0.5 * (lo + hi) + (i as f64 - m) * h
    }
    /// Which critical point (by position in the list) `x` ended at, if any.
    fn ended_at(&self, x: &[f64]) -> Option<usize> {
        let tol = 1e-3 * self.view.diagonal();
        self.critical.iter().position(|c| math::dist(&c.point, x) <= tol)
    }
}

impl Experiment for NewtonBasins {
    fn jobs(&self) -> usize {
        self.n
    }
    fn runs_per_job(&self) -> usize {
        self.n * METHODS.len()
    }
    /// Row `j` of starts: for each start, for each method, its outcome code.
    fn run(&self, j: usize) -> Result<Vec<f64>, ScenarioError> {
        let y = self.coord(self.view.y0, self.view.y1, j);
        let mut out = Vec::with_capacity(self.n * METHODS.len());
        for i in 0..self.n {
            let x = self.coord(self.view.x0, self.view.x1, i);
            let s = Scenario::parse(&format!(
                "landscape=saddle&b={}&opt={}&start={},{}&seed={}&steps={}",
                num(self.b),
                METHODS.join(","),
                num(x),
                num(y),
                self.seed,
                self.steps
            ))?;
            let mut race = Race::with_depth(&s, Depth::Fast)?;
            for run in race.runs.iter_mut() {
                while run.step() {}
                let code = match run.status() {
                    Status::Diverged | Status::LeftDomain => DIVERGED,
                    _ => self.ended_at(run.x()).map_or(MOVING, |k| k as f64),
                };
                out.push(code);
            }
        }
        Ok(out)
    }
    fn result(&self, jobs: &[Option<Vec<f64>>]) -> LabResult {
        let saddle = self.critical.iter().position(|c| c.kind == CriticalKind::Saddle);
        let minima: Vec<usize> = (0..self.critical.len()).filter(|&k| self.critical[k].kind == CriticalKind::Minimum).collect();
        // Categories: the saddle, each minimum, diverged, still moving.
        let mut categories = vec![Category { name: "ended at the saddle".into(), rgb: (40, 40, 48) }];
        let min_colours = [(86, 180, 233), (230, 159, 0), (0, 158, 115), (204, 121, 167)];
        for (k, &m) in minima.iter().enumerate() {
            let p = &self.critical[m].point;
            categories.push(Category { name: format!("minimum ({:.2}, {:.2})", p[0], p[1]), rgb: min_colours[k % 4] });
        }
        categories.push(Category { name: "diverged".into(), rgb: (213, 94, 0) });
        categories.push(Category { name: "still moving".into(), rgb: (220, 220, 220) });
        let cat_of = |code: f64| -> u8 {
            if code == DIVERGED {
                (categories.len() - 2) as u8
            } else if code == MOVING {
                (categories.len() - 1) as u8
            } else if Some(code as usize) == saddle {
                0
            } else {
                minima.iter().position(|&m| m as f64 == code).map_or((categories.len() - 1) as u8, |k| 1 + k as u8)
            }
        };
        let mut table = Table::new(&[
            "y0", "gd_saddle", "gd_minimum", "gd_diverged", "newton_saddle", "newton_minimum", "newton_diverged", "sfn_saddle", "sfn_minimum",
            "sfn_diverged", "cubic_saddle", "cubic_minimum", "cubic_diverged",
        ]);
        let mut cells = vec![vec![u8::MAX; self.n * self.n]; METHODS.len()];
        let mut at_saddle = [0usize; 4];
        let mut total = 0usize;
        for (j, r) in jobs.iter().enumerate() {
            let Some(r) = r.as_ref().filter(|r| r.len() == self.n * METHODS.len()) else { continue };
            total += self.n;
            let mut row = vec![Some(self.coord(self.view.y0, self.view.y1, j))];
            for (m, cells) in cells.iter_mut().enumerate() {
                let (mut s, mut mi, mut dv) = (0, 0, 0);
                for i in 0..self.n {
                    let c = cat_of(r[i * METHODS.len() + m]);
                    cells[j * self.n + i] = c;
                    if c == 0 {
                        s += 1;
                    } else if (c as usize) <= minima.len() {
                        mi += 1;
                    } else if c as usize == categories.len() - 2 {
                        dv += 1;
                    }
                }
                at_saddle[m] += s;
                let n = self.n as f64;
                row.extend([Some(s as f64 / n), Some(mi as f64 / n), Some(dv as f64 / n)]);
            }
            table.push(row);
        }
        let share = |m: usize| if total > 0 { at_saddle[m] as f64 / total as f64 } else { f64::NAN };
        let manifold = 1.0 / self.n as f64;
        let complete = jobs.iter().all(|j| j.is_some());
        // Until every row is in, the shares say nothing of the whole grid (rows arrive from the
        // top): the claims and titles say how far it is instead.
        let progress = match (total, complete) {
            (0, _) => Some("no starts have reported yet".to_string()),
            (_, false) => Some(format!("measuring: {total} of {} starts so far", self.n * self.n)),
            _ => None,
        };
        let measured = |text: String| progress.clone().unwrap_or(text);
        let claims = vec![
            Claim {
                claim: "Dauphin et al. 2014: Newton's method is attracted to saddle points (its step reverses the gradient along negative curvature), from a whole basin around the stable manifold".into(),
                measured: measured(format!("Newton ends at the saddle from {:.1} % of the grid (the stable manifold alone is {:.1} %)", 100.0 * share(1), 100.0 * manifold)),
                holds: complete.then(|| share(1) >= 0.1 && share(1) >= 3.0 * manifold),
            },
            Claim {
                claim: "Dauphin et al. 2014: saddle-free Newton (|H|) is repelled by saddles; it ends at one only from the stable manifold itself".into(),
                measured: measured(format!(
                    "saddle-free Newton ends at the saddle from {:.1} % of the grid, GD from {:.1} %, cubic Newton from {:.1} %; the row on the manifold is {:.1} % ({})",
                    100.0 * share(2),
                    100.0 * share(0),
                    100.0 * share(3),
                    100.0 * manifold,
                    percent(share(2) / manifold - 1.0)
                )),
                holds: complete.then(|| share(2) <= manifold + 1e-12),
            },
        ];
        let panels = METHODS
            .iter()
            .enumerate()
            .map(|(m, name)| {
                Panel::Grid(GridPanel {
                    title: match &progress {
                        Some(p) => format!("{name}: {p}"),
                        None => format!("{name}: {:.1} % end at the saddle", 100.0 * share(m)),
                    },
                    x_label: "x₀".into(),
                    y_label: "y₀".into(),
                    x_range: (self.view.x0, self.view.x1),
                    y_range: (self.view.y0, self.view.y1),
                    cols: self.n,
                    rows: self.n,
                    cells: cells[m].clone(),
                    categories: categories.clone(),
                    marks: self.critical.iter().map(|c| (c.point[0], c.point[1], c.kind.name().to_string())).collect(),
                })
            })
            .collect();
        LabResult {
            table,
            figure: Figure { panels },
            claims,
            method: format!(
                "saddle with a = c = 1, b = {}; a {n}×{n} grid of starts over [{}, {}]²; GD η = 0.1, Newton and saddle-free Newton α = 1, cubic Newton M = ρ̂; each run until it stops (at most {} steps); ended at a critical point: closer to it than 1e-3 times the view's diagonal",
                num(self.b),
                num(self.view.x0),
                num(self.view.x1),
                self.steps,
                n = self.n
            ),
        }
    }
}
