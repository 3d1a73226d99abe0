//! `monkey`: f = x³ − 3xy² + μr² + κr⁴, r² = x² + y² (derived; docs/science.md §2 `monkey`). The
//! bare cubic is in Dauphin et al. 2014 [12].
//!
//! μ = 0: ∇²f(0) = 0, a degenerate saddle (index 0 by eigenvalues, yet not a minimum) with minima
//! at radius 3/(4κ). 0 < μ < 9/(32κ): the origin is a minimum, three index-1 saddles sit at
//! r_s = (3 − √(9 − 32κμ))/(8κ) and minima at r_m = (3 + √(9 − 32κμ))/(8κ).

use super::{classify, CriticalKind, CriticalPoint, Landscape, LandscapeInfo, ParamSpec, ViewBox};
use crate::numeric::math;
use crate::numeric::random::Rng;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::real("mu", 0.0, -1.0, 1.0, "curvature at the origin: ∇²f(0) = 2μI"),
    ParamSpec::real("kappa", 1.0, 0.05, 10.0, "quartic confinement"),
];

pub const INFO: LandscapeInfo = LandscapeInfo {
    id: "monkey",
    title: "Monkey saddle",
    about: "f = x³ − 3xy² + μr² + κr⁴. At μ = 0 the origin is a degenerate saddle: the Hessian is zero, so \
            eigenvalues say nothing and second-order methods lose their compass; the cubic term still sends \
            trajectories away along three valleys. A small μ > 0 turns the origin into a shallow minimum \
            ringed by three index-1 saddles (Dauphin et al. 2014 show the bare form).",
    params: PARAMS,
    curvature: Some("mu"),
    build: |p, _| Ok(Box::new(Monkey { mu: p.value(PARAMS, "mu"), kappa: p.value(PARAMS, "kappa") })),
};

#[derive(Clone, Debug)]
pub struct Monkey {
    pub mu: f64,
    pub kappa: f64,
}

impl Landscape for Monkey {
    fn id(&self) -> &'static str {
        "monkey"
    }
    fn dim(&self) -> usize {
        2
    }
    fn value(&self, p: &[f64]) -> f64 {
        let (x, y) = (p[0], p[1]);
        let r2 = x * x + y * y;
        x * x * x - 3.0 * x * y * y + self.mu * r2 + self.kappa * r2 * r2
    }
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        let (x, y) = (p[0], p[1]);
        let r2 = x * x + y * y;
        g[0] = 3.0 * x * x - 3.0 * y * y + 2.0 * self.mu * x + 4.0 * self.kappa * r2 * x;
        g[1] = -6.0 * x * y + 2.0 * self.mu * y + 4.0 * self.kappa * r2 * y;
    }
    fn hessian(&self, p: &[f64], h: &mut [f64]) {
        let (x, y, k, m) = (p[0], p[1], self.kappa, self.mu);
        let r2 = x * x + y * y;
        h[0] = 6.0 * x + 2.0 * m + 4.0 * k * r2 + 8.0 * k * x * x;
        h[1] = -6.0 * y + 8.0 * k * x * y;
        h[2] = h[1];
        h[3] = -6.0 * x + 2.0 * m + 4.0 * k * r2 + 8.0 * k * y * y;
    }
    fn critical_points(&self) -> Vec<CriticalPoint> {
        // Off the origin ∂f/∂φ = −3r³ sin 3φ, so critical points lie on the rays cos 3φ = ±1 where
        // the radial derivative r(4κr² ± 3r + 2μ) vanishes.
        let mut out = Vec::new();
        let origin = classify(self, vec![0.0, 0.0], "");
        out.push(if self.mu == 0.0 { origin.with_kind(CriticalKind::Degenerate) } else { origin });
        let disc = 9.0 - 32.0 * self.kappa * self.mu;
        if disc >= 0.0 {
            let sq = disc.sqrt();
            let k8 = 8.0 * self.kappa;
            // cos 3φ = −1: 4κr² − 3r + 2μ = 0.
            for r in [(3.0 - sq) / k8, (3.0 + sq) / k8] {
                if r > 1e-12 {
                    for phi in [math::PI / 3.0, math::PI, 5.0 * math::PI / 3.0] {
                        out.push(classify(self, vec![r * math::cos(phi), r * math::sin(phi)], ""));
                    }
                }
            }
            // cos 3φ = +1: 4κr² + 3r + 2μ = 0.
            let r = (-3.0 + sq) / k8;
            if r > 1e-12 {
                for phi in [0.0, 2.0 * math::PI / 3.0, 4.0 * math::PI / 3.0] {
                    out.push(classify(self, vec![r * math::cos(phi), r * math::sin(phi)], ""));
                }
            }
        }
        out
    }
    fn view(&self) -> ViewBox {
        ViewBox::new(-1.2, 1.2, -1.2, 1.2)
    }
    fn start(&self, _rng: &mut Rng) -> Vec<f64> {
        vec![0.5, 0.05]
    }
}
