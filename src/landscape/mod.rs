//! Loss landscapes: value, gradient and Hessian at a point, known critical points, view and start.
//!
//! Every formula comes from docs/science.md §2 and each file cites its source. The optimizers and
//! the Hessian spectrum always work in the full space of `dim()` coordinates; landscapes of
//! dimension > 2 are *drawn* through the 2D [`Slice`] they name.

mod chain;
mod classics;
pub mod critical;
pub mod custom;
pub mod estimates;
mod finite_sum;
mod linear;
mod monkey;
mod relu;
mod relu_ss;
mod saddle;
mod saddle3;

pub use chain::Chain;
pub use classics::{Camel, Himmelblau, Rosenbrock};
pub use critical::{classify, CriticalKind, CriticalPoint};
pub use finite_sum::FiniteSum;
pub use linear::{Linear2, Linear3};
pub use monkey::Monkey;
pub use crate::numeric::params::{ParamError, ParamSpec, ParamValues};
pub use estimates::{box_estimates, Estimates};
pub use relu::Relu;
pub use relu_ss::ReluSs;
pub use saddle::Saddle;
pub use saddle3::Saddle3;

use crate::numeric::random::Rng;

/// A rectangle `[x0, x1] × [y0, y1]` in slice coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewBox {
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
}

impl ViewBox {
    pub const fn new(x0: f64, x1: f64, y0: f64, y1: f64) -> Self {
        ViewBox { x0, x1, y0, y1 }
    }
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }
    pub fn diagonal(&self) -> f64 {
        (self.width() * self.width() + self.height() * self.height()).sqrt()
    }
    pub fn contains(&self, p: [f64; 2]) -> bool {
        p[0] >= self.x0 && p[0] <= self.x1 && p[1] >= self.y0 && p[1] <= self.y1
    }
}

/// The plane a landscape of any dimension is drawn through: `x(s, t) = origin + s·u + t·v`,
/// with `u`, `v` orthonormal.
#[derive(Clone, Debug, PartialEq)]
pub struct Slice {
    pub origin: Vec<f64>,
    pub u: Vec<f64>,
    pub v: Vec<f64>,
    /// Axis labels, e.g. `"x"`, `"y"` or `"w₁"`, `"w₂"`.
    pub labels: [String; 2],
    /// Whether points are shown folded by sign, |x_k| for x_k (for a landscape that depends only
    /// on the |x_k|, like `chain`: every run then shows in the one orthant the view covers).
    pub folded: bool,
}

impl Slice {
    /// The plane of coordinates `i` and `j` through `origin`.
    pub fn coordinates(origin: Vec<f64>, i: usize, j: usize, labels: [&str; 2]) -> Slice {
        let d = origin.len();
        let mut u = vec![0.0; d];
        let mut v = vec![0.0; d];
        u[i] = 1.0;
        v[j] = 1.0;
        Slice { origin, u, v, labels: [labels[0].to_string(), labels[1].to_string()], folded: false }
    }

    /// The plane through `origin`, `a` and `b` (u along a − origin, v the part of b − origin
    /// orthogonal to it); falls back to the last coordinate axis when the points are collinear.
    pub fn through(origin: Vec<f64>, a: &[f64], b: &[f64], labels: [&str; 2]) -> Slice {
        let d = origin.len();
        let mut u: Vec<f64> = (0..d).map(|c| a[c] - origin[c]).collect();
        let nu = crate::numeric::math::norm(&u);
        if nu < 1e-12 {
            u = vec![0.0; d];
            u[0] = 1.0;
        } else {
            u.iter_mut().for_each(|e| *e /= nu);
        }
        let mut v: Vec<f64> = (0..d).map(|c| b[c] - origin[c]).collect();
        let p = crate::numeric::math::dot(&v, &u);
        for c in 0..d {
            v[c] -= p * u[c];
        }
        let nv = crate::numeric::math::norm(&v);
        if nv < 1e-9 * (1.0 + nu) {
            v = vec![0.0; d];
            let k = if u[d - 1].abs() < 0.9 { d - 1 } else { 0 };
            v[k] = 1.0;
            let p = crate::numeric::math::dot(&v, &u);
            for c in 0..d {
                v[c] -= p * u[c];
            }
            let n = crate::numeric::math::norm(&v);
            v.iter_mut().for_each(|e| *e /= n);
        } else {
            v.iter_mut().for_each(|e| *e /= nv);
        }
        Slice { origin, u, v, labels: [labels[0].to_string(), labels[1].to_string()], folded: false }
    }

    /// The plane of coordinates `i` and `j` through `point`, in absolute coordinates: the slice
    /// coordinates of a point are its x_i and x_j.
    pub fn coordinate_plane(point: &[f64], i: usize, j: usize) -> Slice {
        let mut origin = point.to_vec();
        origin[i] = 0.0;
        origin[j] = 0.0;
        let (a, b) = (format!("x{} (through the current point)", i + 1), format!("x{}", j + 1));
        Slice::coordinates(origin, i, j, [a.as_str(), b.as_str()])
    }

    /// Whether this is the plane of coordinates `i` and `j`.
    pub fn is_coordinate_plane(&self, i: usize, j: usize) -> bool {
        let unit = |w: &[f64], k: usize| w.get(k) == Some(&1.0) && w.iter().filter(|&&e| e != 0.0).count() == 1;
        unit(&self.u, i) && unit(&self.v, j)
    }

    /// The distance from `x` to the plane.
    pub fn distance_to(&self, x: &[f64]) -> f64 {
        if x.len() != self.origin.len() {
            return f64::INFINITY;
        }
        let [s, t] = self.project(x);
        let mut on = vec![0.0; x.len()];
        self.lift(s, t, &mut on);
        let shown: Vec<f64> = x.iter().map(|v| if self.folded { v.abs() } else { *v }).collect();
        crate::numeric::math::dist(&shown, &on)
    }

    /// The point of the full space at slice coordinates `(s, t)`, written into `x`.
    pub fn lift(&self, s: f64, t: f64, x: &mut [f64]) {
        for k in 0..x.len() {
            x[k] = self.origin[k] + s * self.u[k] + t * self.v[k];
        }
    }

    /// The same plane, showing points folded by sign (see [`Slice::folded`]).
    pub fn folded(mut self) -> Slice {
        self.folded = true;
        self
    }

    /// Orthogonal projection of `x` (folded by sign if the slice is) onto the plane, in slice
    /// coordinates.
    pub fn project(&self, x: &[f64]) -> [f64; 2] {
        let mut s = 0.0;
        let mut t = 0.0;
        for k in 0..x.len() {
            let xk = if self.folded { x[k].abs() } else { x[k] };
            let dx = xk - self.origin[k];
            s += dx * self.u[k];
            t += dx * self.v[k];
        }
        [s, t]
    }
}

/// `base` with `n` as a subscript: `subscripted("w", 12)` is "w₁₂".
pub fn subscripted(base: &str, n: usize) -> String {
    let digits: String = n.to_string().chars().map(|c| char::from_u32(0x2080 + c.to_digit(10).unwrap_or(0)).unwrap_or(c)).collect();
    format!("{base}{digits}")
}

/// How the page's 2D view chooses its plane as a race goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlicePolicy {
    /// Always the landscape's own [`Landscape::slice`] (or the scenario's `plane=`).
    Fixed,
    /// Once the first run has stopped, the plane through the slice's origin (for `relu-ss`, the
    /// global minimum W*), the start and the run's final point (often a spurious minimum).
    ThroughRunEnd,
}

/// How escape statistics read a landscape's saddles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaddleRoute {
    /// The first saddle a run comes near is the one that counts: its escape time is the statistic.
    First,
    /// The saddles form a chain a run passes in the listed order (Du et al. 2017): the time at each
    /// saddle counts, and the total time to the last basin.
    Chain,
}

/// What the 3D view draws for a landscape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View3d {
    /// The graph of f over the 2D slice, shaded, with the runs on it.
    Surface,
    /// The three coordinates themselves: trajectories in a box (d = 3).
    ParameterBox,
    /// log|x_j| of every coordinate against the step (high-dimensional `chain`).
    Coordinates,
}

/// Floating-point operations of one term of a closed form (the unit of [`Landscape::cost`]) in the
/// cost model.
pub const FLOPS_PER_TERM: f64 = 10.0;

/// A differentiable loss `f: ℝᵈ → ℝ` with what a view of it needs.
pub trait Landscape: Send + Sync {
    /// The scenario id (`saddle`, `chain`, ...).
    fn id(&self) -> &'static str;
    /// Number of coordinates d.
    fn dim(&self) -> usize;
    /// f(x).
    fn value(&self, x: &[f64]) -> f64;
    /// ∇f(x), written into `g` (length d).
    fn gradient(&self, x: &[f64], g: &mut [f64]);
    /// ∇²f(x), row-major into `h` (length d²).
    fn hessian(&self, x: &[f64], h: &mut [f64]);
    /// f(x) and ∇f(x) into `g` in one call: what a statistics run needs per step. Landscapes whose
    /// value and gradient share work (relu-ss's angles) compute them together.
    fn value_gradient(&self, x: &[f64], g: &mut [f64]) -> f64 {
        self.gradient(x, g);
        self.value(x)
    }
    /// f(x), ∇f(x) into `g` and ∇²f(x) into `h` in one call (one dynamic dispatch per step).
    fn evaluate(&self, x: &[f64], g: &mut [f64], h: &mut [f64]) -> f64 {
        self.gradient(x, g);
        self.hessian(x, h);
        self.value(x)
    }
    /// For a landscape whose Hessian is diagonal everywhere: f(x), ∇f(x) into `g` and the diagonal
    /// of ∇²f(x) into `diag` (length d), so that runs in high dimension take the spectrum by sorting
    /// d numbers instead of writing and scanning a d×d matrix. `None` otherwise.
    fn evaluate_diagonal(&self, _x: &[f64], _g: &mut [f64], _diag: &mut [f64]) -> Option<f64> {
        None
    }
    /// Whether f is defined at x (the `chain` construction is not defined everywhere).
    fn in_domain(&self, _x: &[f64]) -> bool {
        true
    }
    /// Whether [`Landscape::in_domain`] or [`Landscape::fold_symmetry`] can ever say anything but
    /// the default (runs skip both calls otherwise).
    fn has_domain_or_symmetry(&self) -> bool {
        false
    }
    /// Whether the domain is exactly where f, ∇f and ∇²f are finite (a typed function: ln of a
    /// negative number, say). A run then skips [`Landscape::in_domain`] and takes a non-finite
    /// evaluation as leaving the domain, not as divergence: one evaluation per step instead of two.
    fn domain_is_where_finite(&self) -> bool {
        false
    }
    /// Rough cost of one evaluation of f relative to a closed form (1): quadrature nodes, samples,
    /// network size. Views use it to choose how finely to sample.
    fn cost(&self) -> f64 {
        1.0
    }
    /// Estimated floating-point operations of f, ∇f and ∇²f at one point: what every step of a run
    /// evaluates before its eigen-decomposition. The default counts [`FLOPS_PER_TERM`] × `cost()`
    /// for the value, each gradient entry and each Hessian entry. Part of the scenario's cost model
    /// (`Scenario::step_cost`).
    fn evaluate_cost(&self) -> f64 {
        let d = self.dim() as f64;
        FLOPS_PER_TERM * self.cost() * (1.0 + d + d * d)
    }
    /// Estimated floating-point operations of [`Landscape::critical_points`] (done once when a race
    /// is built). The default classifies up to 16 points: one evaluation and one eigen-decomposition
    /// each. Part of the scenario's cost model (`Scenario::build_cost`).
    fn critical_points_cost(&self) -> f64 {
        16.0 * (self.evaluate_cost() + crate::numeric::eigen::eigen_cost(self.dim(), false))
    }
    /// The accuracy of [`Landscape::hessian`]'s entries when it is not analytic (0 when it is):
    /// eigenvalues smaller than this count as zero when the index is taken.
    fn hessian_accuracy(&self) -> f64 {
        0.0
    }
    /// Whether f is twice differentiable at x (ReLU networks have kinks).
    fn smooth_at(&self, _x: &[f64]) -> bool {
        true
    }
    /// Maps x onto the representative of its symmetry class that [`Landscape::critical_points`]
    /// lists (writes `out`, returns true), or returns false when the list covers every point itself.
    /// `chain` is symmetric under sign flips and lists only its positive saddles.
    fn fold_symmetry(&self, _x: &[f64], _out: &mut [f64]) -> bool {
        false
    }
    /// The known critical points with their type and index.
    fn critical_points(&self) -> Vec<CriticalPoint>;
    /// The default view window in slice coordinates.
    fn view(&self) -> ViewBox;
    /// The saddle `start=saddle` starts at: the first listed strict saddle (or else the first
    /// degenerate critical point), if any. Landscapes with long lists name theirs directly.
    fn saddle_point(&self) -> Option<Vec<f64>> {
        let cps = self.critical_points();
        let pick = |k: CriticalKind| cps.iter().find(|c| c.kind == k).map(|c| c.point.clone());
        pick(CriticalKind::Saddle).or_else(|| pick(CriticalKind::Degenerate))
    }
    /// Whether the landscape itself (its data or its default start) depends on the scenario's seed.
    fn depends_on_seed(&self) -> bool {
        false
    }
    /// How escape statistics read the saddles.
    fn saddle_route(&self) -> SaddleRoute {
        SaddleRoute::First
    }
    /// The default start point; `rng` is the scenario's seeded generator.
    fn start(&self, rng: &mut Rng) -> Vec<f64>;
    /// How many steps a run takes when the scenario sets no `steps`: enough for GD to finish.
    fn default_steps(&self) -> u64 {
        5000
    }
    /// The step size plain GD should use here, if it differs from the 2D toys' default 0.1.
    fn default_lr(&self) -> Option<f64> {
        None
    }
    /// The plane the landscape is drawn through.
    fn slice(&self) -> Slice {
        let d = self.dim();
        Slice::coordinates(vec![0.0; d], 0, 1.min(d - 1), ["x", "y"])
    }
    /// The name of coordinate `k` on axes (x₁, x₂, … unless the field names them otherwise).
    fn coordinate_name(&self, k: usize) -> String {
        subscripted("x", k + 1)
    }
    /// How the 2D view's plane follows the race.
    fn slice_policy(&self) -> SlicePolicy {
        SlicePolicy::Fixed
    }
    /// What the 3D view draws.
    fn view3d(&self) -> View3d {
        if self.dim() == 3 {
            View3d::ParameterBox
        } else {
            View3d::Surface
        }
    }
    /// f_min of an exact index-against-loss line, index/d = 1 − f/f_min, when the landscape has
    /// one (the census draws it).
    fn census_line(&self) -> Option<f64> {
        None
    }
    /// Number of components n of a finite sum f = (1/n)Σ fᵢ, or 0 when f is not one.
    fn components(&self) -> usize {
        0
    }
    /// ∇fᵢ(x) of one component of a finite sum.
    fn component_gradient(&self, _i: usize, x: &[f64], g: &mut [f64]) {
        self.gradient(x, g)
    }
    /// The lowest known value of f, if f is bounded below.
    fn f_min(&self) -> Option<f64> {
        self.critical_points()
            .iter()
            .filter(|p| p.kind == CriticalKind::Minimum)
            .map(|p| p.f)
            .fold(None, |m: Option<f64>, f| Some(m.map_or(f, |m| m.min(f))))
    }
}

/// Static description of a landscape: what the CLI's `list`, the about text and the parser use.
pub struct LandscapeInfo {
    pub id: &'static str,
    pub title: &'static str,
    /// One paragraph for the "about" panel: what it shows and which paper.
    pub about: &'static str,
    pub params: &'static [ParamSpec],
    /// The parameter the curvature slider drives, if any.
    pub curvature: Option<&'static str>,
    /// Builds the landscape from its parameter values (checked against `params`) and the data seed;
    /// a cross-field error (`index` > `d`) names the parameter to blame.
    pub build: fn(&ParamValues, u64) -> Result<Box<dyn Landscape>, ParamError>,
}

impl LandscapeInfo {
    pub fn param(&self, name: &str) -> Option<&'static ParamSpec> {
        self.params.iter().find(|p| p.name == name)
    }
}

/// Every landscape, in the order the picker shows them.
pub static LANDSCAPES: &[LandscapeInfo] = &[
    saddle::INFO,
    monkey::INFO,
    saddle3::INFO,
    chain::INFO,
    linear::INFO2,
    linear::INFO3,
    relu::INFO,
    relu_ss::INFO,
    finite_sum::INFO,
    classics::ROSENBROCK,
    classics::HIMMELBLAU,
    classics::CAMEL,
    custom::INFO,
];

/// The landscape with this id.
pub fn info(id: &str) -> Option<&'static LandscapeInfo> {
    LANDSCAPES.iter().find(|l| l.id == id)
}

/// Whether landscape `id` is defined by a typed expression (`f=`, `p.<name>=`) rather than knobs.
pub fn takes_expression(id: &str) -> bool {
    id == custom::ID
}

/// Builds landscape `id` from `params` (missing ones take their defaults); `seed` fixes its data.
pub fn build(id: &str, params: &ParamValues, seed: u64) -> Result<Box<dyn Landscape>, ParamError> {
    let info = info(id).ok_or_else(|| ParamError::new("landscape", format!("is not a landscape ('{id}')")))?;
    (info.build)(params, seed)
}
