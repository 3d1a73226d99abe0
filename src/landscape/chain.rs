//! `chain`: the "octopus" of Du et al. 2017 [14], d chained saddles (paper: equations 6–10, via a
//! public reproduction; docs/science.md §2 `chain`).
//!
//! With a_j = |x_j| and i the first index with a_i ≤ 2τ, f is quadratic in every coordinate but the
//! i-th, where g1 joins the saddle's −γa_i² to the next basin, and g2 couples a_i to a_{i+1}:
//! the saddle s_i = (±4τ, …, ±4τ, 0, …, 0) has Hessian diag(2L, …, −2γ, …, 2L) and f = −(i−1)ν.
//! GD needs about ((L+γ)/γ)^{d−1} times the first saddle's time; perturbed GD does not.

use super::{classify, CriticalPoint, Landscape, LandscapeInfo, ParamSpec, SaddleRoute, Slice, View3d, ViewBox};
use crate::numeric::random::Rng;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::real("gamma", 1.0, 0.05, 10.0, "curvature: λ_min = −2γ at every saddle"),
    ParamSpec::real("L", std::f64::consts::E, 0.1, 20.0, "curvature 2L of the stable directions"),
    ParamSpec::real("tau", std::f64::consts::E, 0.1, 10.0, "size τ of a saddle's region"),
    ParamSpec::int("d", 3.0, 2.0, 32.0, "dimension = number of saddles").restarts(),
];

pub const INFO: LandscapeInfo = LandscapeInfo {
    id: "chain",
    title: "Chained saddles (Du et al. 2017)",
    about: "Du, Jin, Lee, Jordan, Póczos & Singh 2017 build a smooth function whose d saddles are visited one \
            after another. Each saddle is left along a coordinate that the previous one shrank, so plain GD \
            spends about (L+γ)/γ times longer at each saddle than at the one before: exponential time in d. \
            Perturbed GD (Jin et al. 2017) restarts the escaping coordinate with noise and pays the same small \
            price at every saddle. From d = 6 on (at d = 5 from some starts), the coordinates that wait their turn \
            shrink to subnormal numbers (about 1e-323) that a GD step no longer changes, and GD stays at a saddle for ever.",
    params: PARAMS,
    curvature: Some("gamma"),
    build: |p, _| {
        Ok(Box::new(Chain::new(
            p.value(PARAMS, "d") as usize,
            p.value(PARAMS, "L"),
            p.value(PARAMS, "gamma"),
            p.value(PARAMS, "tau"),
        )))
    },
};

#[derive(Clone, Debug)]
pub struct Chain {
    pub d: usize,
    pub l: f64,
    pub gamma: f64,
    pub tau: f64,
    /// ν = −g1(2τ) + 4Lτ² = (13γ + 37L)τ²/6.
    pub nu: f64,
}

/// Which piece of the definition a point falls in.
enum Region {
    /// a_i ≤ τ (i < d or i = d): −γa_i² at slot i.
    Near(usize),
    /// τ < a_i ≤ 2τ: g1(a_i) (+ g2(a_i)a_{i+1}² when i < d).
    Between(usize),
    /// All a_j > 2τ: the final basin.
    Basin,
    /// Outside the domain of the construction.
    Outside,
}

impl Chain {
    pub fn new(d: usize, l: f64, gamma: f64, tau: f64) -> Self {
        Chain { d, l, gamma, tau, nu: (13.0 * gamma + 37.0 * l) * tau * tau / 6.0 }
    }

    fn region(&self, x: &[f64]) -> Region {
        let two = 2.0 * self.tau;
        let i = match x.iter().position(|v| v.abs() <= two) {
            Some(i) => i,
            None => return Region::Basin,
        };
        if !x.iter().all(|v| v.is_finite()) || x[i + 1..].iter().any(|v| v.abs() > self.tau) {
            return Region::Outside;
        }
        if x[i].abs() <= self.tau {
            Region::Near(i)
        } else {
            Region::Between(i)
        }
    }

    fn g1(&self, s: f64) -> f64 {
        let (l, g, t) = (self.l, self.gamma, self.tau);
        let u = s - t;
        -g * s * s + (-14.0 * l + 10.0 * g) / (3.0 * t) * u * u * u + (5.0 * l - 3.0 * g) / (2.0 * t * t) * u * u * u * u
    }
    fn g1p(&self, s: f64) -> f64 {
        let (l, g, t) = (self.l, self.gamma, self.tau);
        let u = s - t;
        -2.0 * g * s + (-14.0 * l + 10.0 * g) / t * u * u + (10.0 * l - 6.0 * g) / (t * t) * u * u * u
    }
    fn g1pp(&self, s: f64) -> f64 {
        let (l, g, t) = (self.l, self.gamma, self.tau);
        let u = s - t;
        -2.0 * g + 2.0 * (-14.0 * l + 10.0 * g) / t * u + 3.0 * (10.0 * l - 6.0 * g) / (t * t) * u * u
    }
    fn g2(&self, s: f64) -> f64 {
        let (k, t) = (self.l + self.gamma, self.tau);
        let u = s - 2.0 * t;
        let (t3, t4, t5) = (t * t * t, t * t * t * t, t * t * t * t * t);
        -self.gamma - 10.0 * k / t3 * u * u * u - 15.0 * k / t4 * u * u * u * u - 6.0 * k / t5 * u * u * u * u * u
    }
    fn g2p(&self, s: f64) -> f64 {
        let (k, t) = (self.l + self.gamma, self.tau);
        let u = s - 2.0 * t;
        let (t3, t4, t5) = (t * t * t, t * t * t * t, t * t * t * t * t);
        -30.0 * k / t3 * u * u - 60.0 * k / t4 * u * u * u - 30.0 * k / t5 * u * u * u * u
    }
    fn g2pp(&self, s: f64) -> f64 {
        let (k, t) = (self.l + self.gamma, self.tau);
        let u = s - 2.0 * t;
        let (t3, t4, t5) = (t * t * t, t * t * t * t, t * t * t * t * t);
        -60.0 * k / t3 * u - 180.0 * k / t4 * u * u - 120.0 * k / t5 * u * u * u
    }

    /// The saddle s_i (1-based i) with positive signs, or the minimum for i = d + 1.
    pub fn saddle(&self, i: usize) -> Vec<f64> {
        (0..self.d).map(|j| if j + 1 < i { 4.0 * self.tau } else { 0.0 }).collect()
    }
}

fn sign(v: f64) -> f64 {
    if v < 0.0 {
        -1.0
    } else {
        1.0
    }
}

impl Landscape for Chain {
    fn saddle_route(&self) -> SaddleRoute {
        SaddleRoute::Chain
    }
    fn saddle_point(&self) -> Option<Vec<f64>> {
        // s₁ = 0, the first saddle of the chain.
        Some(vec![0.0; self.d])
    }
    fn id(&self) -> &'static str {
        "chain"
    }
    fn dim(&self) -> usize {
        self.d
    }
    fn in_domain(&self, x: &[f64]) -> bool {
        !matches!(self.region(x), Region::Outside)
    }
    fn value(&self, x: &[f64]) -> f64 {
        let (l, t) = (self.l, self.tau);
        let before = |n: usize| -> f64 { x[..n].iter().map(|v| {
            let e = v.abs() - 4.0 * t;
            l * e * e
        }).sum() };
        match self.region(x) {
            Region::Outside => f64::NAN,
            Region::Basin => before(self.d) - self.d as f64 * self.nu,
            Region::Near(i) => {
                let a = x[i].abs();
                let after: f64 = x[i + 1..].iter().map(|v| l * v * v).sum();
                before(i) - self.gamma * a * a + after - i as f64 * self.nu
            }
            Region::Between(i) => {
                let a = x[i].abs();
                let mut f = before(i) + self.g1(a) - i as f64 * self.nu;
                if i + 1 < self.d {
                    f += self.g2(a) * x[i + 1] * x[i + 1];
                    f += x[i + 2..].iter().map(|v| l * v * v).sum::<f64>();
                }
                f
            }
        }
    }
    fn gradient(&self, x: &[f64], g: &mut [f64]) {
        let (l, t) = (self.l, self.tau);
        let region = self.region(x);
        let (i, between) = match region {
            Region::Outside => {
                g.iter_mut().for_each(|e| *e = f64::NAN);
                return;
            }
            Region::Basin => (self.d, false),
            Region::Near(i) => (i, false),
            Region::Between(i) => (i, true),
        };
        for j in 0..self.d {
            let a = x[j].abs();
            let s = sign(x[j]);
            g[j] = if j < i {
                s * 2.0 * l * (a - 4.0 * t)
            } else if j == i {
                if between {
                    let c = if i + 1 < self.d { x[i + 1] * x[i + 1] } else { 0.0 };
                    s * (self.g1p(a) + self.g2p(a) * c)
                } else {
                    -2.0 * self.gamma * x[j]
                }
            } else if j == i + 1 && between {
                2.0 * self.g2(x[i].abs()) * x[j]
            } else {
                2.0 * l * x[j]
            };
        }
    }
    fn hessian(&self, x: &[f64], h: &mut [f64]) {
        let d = self.d;
        h.iter_mut().for_each(|e| *e = 0.0);
        let region = self.region(x);
        let (i, between) = match region {
            Region::Outside => {
                h.iter_mut().for_each(|e| *e = f64::NAN);
                return;
            }
            Region::Basin => (d, false),
            Region::Near(i) => (i, false),
            Region::Between(i) => (i, true),
        };
        for j in 0..d {
            h[j * d + j] = 2.0 * self.l;
        }
        if i < d {
            if between {
                let a = x[i].abs();
                let c = if i + 1 < d { x[i + 1] * x[i + 1] } else { 0.0 };
                h[i * d + i] = self.g1pp(a) + self.g2pp(a) * c;
                if i + 1 < d {
                    let off = sign(x[i]) * 2.0 * self.g2p(a) * x[i + 1];
                    h[i * d + i + 1] = off;
                    h[(i + 1) * d + i] = off;
                    h[(i + 1) * d + i + 1] = 2.0 * self.g2(a);
                }
            } else {
                h[i * d + i] = -2.0 * self.gamma;
            }
        }
    }
    fn has_domain_or_symmetry(&self) -> bool {
        true
    }
    fn fold_symmetry(&self, x: &[f64], out: &mut [f64]) -> bool {
        for (o, v) in out.iter_mut().zip(x) {
            *o = v.abs();
        }
        true
    }
    fn critical_points_cost(&self) -> f64 {
        (self.d + 1) as f64 * (self.evaluate_cost() + crate::numeric::eigen::eigen_cost(self.d, false))
    }
    fn critical_points(&self) -> Vec<CriticalPoint> {
        let mut v: Vec<CriticalPoint> = (1..=self.d).map(|i| classify(self, self.saddle(i), "")).collect();
        v.push(classify(self, self.saddle(self.d + 1), "global (one of 2^d by sign flips)"));
        v
    }
    fn view(&self) -> ViewBox {
        // Runs are shown folded into x ≥ 0 (see `slice`): the view covers that orthant.
        let e = 4.0 * self.tau + 2.0;
        ViewBox::new(-1.0, e, -1.0, e)
    }
    fn start(&self, rng: &mut Rng) -> Vec<f64> {
        (0..self.d).map(|_| rng.uniform() * 2.0 - 1.0).collect()
    }
    fn default_steps(&self) -> u64 {
        // GD needs about T₁((L+γ)/γ)^{d−1} steps: let it show that up to d = 5.
        40_000
    }
    fn default_lr(&self) -> Option<f64> {
        Some(1.0 / (20.0 * (self.l + self.gamma)))
    }
    fn view3d(&self) -> View3d {
        match self.d {
            2 => View3d::Surface,
            3 => View3d::ParameterBox,
            _ => View3d::Coordinates,
        }
    }
    fn coordinate_name(&self, k: usize) -> String {
        // Shown folded by sign (see `slice`).
        format!("|{}|", super::subscripted("x", k + 1))
    }
    fn slice(&self) -> Slice {
        // f depends only on the |x_j|: fold every run into the orthant x ≥ 0, where the chain of
        // saddles (0,0,…) → (4τ,0,…) → (4τ,4τ,…) lies, instead of losing half of them off the view.
        Slice::coordinates(vec![0.0; self.d], 0, 1, ["|x₁|", "|x₂|"]).folded()
    }
}
