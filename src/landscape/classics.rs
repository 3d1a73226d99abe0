//! The classic test functions: `rosenbrock`, `himmelblau`, `camel` (six-hump camel)
//! (docs/science.md §2 `rosenbrock`, `himmelblau`, `camel`).

use super::critical::{grid_starts, newton_search};
use super::{classify, CriticalPoint, Landscape, LandscapeInfo, ParamSpec, ViewBox};
use crate::numeric::random::Rng;

const ROSEN_PARAMS: &[ParamSpec] = &[ParamSpec::real("b", 100.0, 1.0, 1000.0, "steepness b of the valley walls")];

pub const ROSENBROCK: LandscapeInfo = LandscapeInfo {
    id: "rosenbrock",
    title: "Rosenbrock's valley",
    about: "f = (1 − x)² + b(y − x²)². No saddle at all, but a curved valley whose Hessian at the minimum (1, 1) \
            has eigenvalues 0.40 and 1001.6 (b = 100): a condition number of 2500 that makes GD zig-zag \
            and shows why the step size must stay below 2/λ_max.",
    params: ROSEN_PARAMS,
    curvature: Some("b"),
    build: |p, _| Ok(Box::new(Rosenbrock { b: p.value(ROSEN_PARAMS, "b") })),
};

#[derive(Clone, Debug)]
pub struct Rosenbrock {
    pub b: f64,
}

impl Landscape for Rosenbrock {
    fn id(&self) -> &'static str {
        "rosenbrock"
    }
    fn dim(&self) -> usize {
        2
    }
    fn value(&self, p: &[f64]) -> f64 {
        let (x, y) = (p[0], p[1]);
        (1.0 - x) * (1.0 - x) + self.b * (y - x * x) * (y - x * x)
    }
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        let (x, y) = (p[0], p[1]);
        g[0] = -2.0 * (1.0 - x) - 4.0 * self.b * x * (y - x * x);
        g[1] = 2.0 * self.b * (y - x * x);
    }
    fn hessian(&self, p: &[f64], h: &mut [f64]) {
        let (x, y) = (p[0], p[1]);
        h[0] = 2.0 - 4.0 * self.b * y + 12.0 * self.b * x * x;
        h[1] = -4.0 * self.b * x;
        h[2] = h[1];
        h[3] = 2.0 * self.b;
    }
    #[inline]
    fn evaluate(&self, p: &[f64], g: &mut [f64], h: &mut [f64]) -> f64 {
        // The same expressions as value, gradient and hessian, evaluated once.
        let (x, y) = (p[0], p[1]);
        g[0] = -2.0 * (1.0 - x) - 4.0 * self.b * x * (y - x * x);
        g[1] = 2.0 * self.b * (y - x * x);
        h[0] = 2.0 - 4.0 * self.b * y + 12.0 * self.b * x * x;
        h[1] = -4.0 * self.b * x;
        h[2] = h[1];
        h[3] = 2.0 * self.b;
        (1.0 - x) * (1.0 - x) + self.b * (y - x * x) * (y - x * x)
    }
    fn critical_points(&self) -> Vec<CriticalPoint> {
        vec![classify(self, vec![1.0, 1.0], "global")]
    }
    fn view(&self) -> ViewBox {
        ViewBox::new(-2.0, 2.0, -1.0, 3.0)
    }
    fn start(&self, _rng: &mut Rng) -> Vec<f64> {
        vec![-1.2, 1.0]
    }
    fn default_lr(&self) -> Option<f64> {
        Some(1e-3)
    }
}

pub const HIMMELBLAU: LandscapeInfo = LandscapeInfo {
    id: "himmelblau",
    title: "Himmelblau's function",
    about: "f = (x² + y − 11)² + (x + y² − 7)²: four global minima (f = 0), four index-1 saddles between them and \
            one maximum. Which minimum an optimizer reaches depends on which side of a saddle's stable \
            manifold it starts: click near a saddle to see the basins split.",
    params: &[],
    curvature: None,
    build: |_, _| Ok(Box::new(Himmelblau)),
};

#[derive(Clone, Debug)]
pub struct Himmelblau;

impl Landscape for Himmelblau {
    fn id(&self) -> &'static str {
        "himmelblau"
    }
    fn dim(&self) -> usize {
        2
    }
    fn value(&self, p: &[f64]) -> f64 {
        let (x, y) = (p[0], p[1]);
        let a = x * x + y - 11.0;
        let b = x + y * y - 7.0;
        a * a + b * b
    }
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        let (x, y) = (p[0], p[1]);
        let a = x * x + y - 11.0;
        let b = x + y * y - 7.0;
        g[0] = 4.0 * x * a + 2.0 * b;
        g[1] = 2.0 * a + 4.0 * y * b;
    }
    fn hessian(&self, p: &[f64], h: &mut [f64]) {
        let (x, y) = (p[0], p[1]);
        h[0] = 12.0 * x * x + 4.0 * y - 42.0;
        h[1] = 4.0 * x + 4.0 * y;
        h[2] = h[1];
        h[3] = 12.0 * y * y + 4.0 * x - 26.0;
    }
    fn critical_points(&self) -> Vec<CriticalPoint> {
        newton_search(self, &grid_starts(self.view(), 16)).into_iter().map(|p| classify(self, p, "")).collect()
    }
    fn view(&self) -> ViewBox {
        ViewBox::new(-5.0, 5.0, -5.0, 5.0)
    }
    fn start(&self, _rng: &mut Rng) -> Vec<f64> {
        vec![-0.27, -0.8]
    }
    fn default_lr(&self) -> Option<f64> {
        Some(0.01)
    }
}

pub const CAMEL: LandscapeInfo = LandscapeInfo {
    id: "camel",
    title: "Six-hump camel",
    about: "f = (4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y²: two global minima ±(0.0898, −0.7127), four more local \
            minima, and a saddle at the origin with eigenvalues ±8.06 between the two global basins.",
    params: &[],
    curvature: None,
    build: |_, _| Ok(Box::new(Camel)),
};

#[derive(Clone, Debug)]
pub struct Camel;

impl Landscape for Camel {
    fn id(&self) -> &'static str {
        "camel"
    }
    fn dim(&self) -> usize {
        2
    }
    fn value(&self, p: &[f64]) -> f64 {
        let (x, y) = (p[0], p[1]);
        let x2 = x * x;
        let y2 = y * y;
        (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + x * y + (-4.0 + 4.0 * y2) * y2
    }
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        let (x, y) = (p[0], p[1]);
        let x2 = x * x;
        g[0] = 8.0 * x - 8.4 * x2 * x + 2.0 * x2 * x2 * x + y;
        g[1] = x - 8.0 * y + 16.0 * y * y * y;
    }
    fn hessian(&self, p: &[f64], h: &mut [f64]) {
        let (x, y) = (p[0], p[1]);
        let x2 = x * x;
        h[0] = 8.0 - 25.2 * x2 + 10.0 * x2 * x2;
        h[1] = 1.0;
        h[2] = 1.0;
        h[3] = -8.0 + 48.0 * y * y;
    }
    fn critical_points(&self) -> Vec<CriticalPoint> {
        let found = newton_search(self, &grid_starts(self.view(), 16));
        let f_min = found.iter().map(|p| self.value(p)).fold(f64::INFINITY, f64::min);
        found
            .into_iter()
            .map(|p| {
                let c = classify(self, p, "");
                let note = if c.kind == super::CriticalKind::Minimum && c.f <= f_min + 1e-9 { "global" } else { "" };
                CriticalPoint { note, ..c }
            })
            .collect()
    }
    fn view(&self) -> ViewBox {
        ViewBox::new(-2.0, 2.0, -1.2, 1.2)
    }
    fn start(&self, _rng: &mut Rng) -> Vec<f64> {
        vec![0.05, 0.02]
    }
    fn default_lr(&self) -> Option<f64> {
        Some(0.02)
    }
}
