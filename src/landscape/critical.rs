//! Critical points (∇f = 0) with their type and index, listed by each landscape.

use super::Landscape;
use crate::numeric::eigen::{index_and_degenerate_above, sym_eigen};

/// What a critical point is, judged from the Hessian's eigenvalues
/// (docs/science.md §1, "Index and degeneracy").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CriticalKind {
    Minimum,
    /// A strict saddle: eigenvalues of both signs.
    Saddle,
    Maximum,
    /// A zero eigenvalue decides nothing: a degenerate saddle such as the monkey saddle's origin or
    /// the deep linear net's origin.
    Degenerate,
}

impl CriticalKind {
    pub fn name(self) -> &'static str {
        match self {
            CriticalKind::Minimum => "minimum",
            CriticalKind::Saddle => "saddle",
            CriticalKind::Maximum => "maximum",
            CriticalKind::Degenerate => "degenerate",
        }
    }
}

/// A point with ∇f = 0, its value, Hessian spectrum and index.
#[derive(Clone, Debug)]
pub struct CriticalPoint {
    pub point: Vec<f64>,
    pub f: f64,
    pub kind: CriticalKind,
    /// Number of negative Hessian eigenvalues.
    pub index: usize,
    pub eigenvalues: Vec<f64>,
    /// A note shown with the point, e.g. "global", "spurious", "one of a hyperbola of minima".
    pub note: &'static str,
}

/// Evaluates f and the Hessian spectrum at `point` and types it by the eigenvalues' signs.
pub fn classify<L: Landscape + ?Sized>(l: &L, point: Vec<f64>, note: &'static str) -> CriticalPoint {
    let d = l.dim();
    let mut h = vec![0.0; d * d];
    l.hessian(&point, &mut h);
    let mut vals = vec![0.0; d];
    sym_eigen(d, &h, &mut vals, None);
    let (index, degenerate) = index_and_degenerate_above(&vals, l.hessian_accuracy());
    let kind = if degenerate > 0 {
        CriticalKind::Degenerate
    } else if index == 0 {
        CriticalKind::Minimum
    } else if index == d {
        CriticalKind::Maximum
    } else {
        CriticalKind::Saddle
    };
    CriticalPoint { f: l.value(&point), point, kind, index, eigenvalues: vals, note }
}

/// The kinds in the order their codes use.
const KINDS: [CriticalKind; 4] = [CriticalKind::Minimum, CriticalKind::Saddle, CriticalKind::Maximum, CriticalKind::Degenerate];

impl CriticalPoint {
    /// The point as numbers (for a worker's reply): its d coordinates, f, kind, index and d
    /// eigenvalues (none if it has none: the count comes first).
    pub fn encode(&self, out: &mut Vec<f64>) {
        out.extend_from_slice(&self.point);
        let kind = KINDS.iter().position(|k| *k == self.kind).unwrap_or(0);
        out.extend_from_slice(&[self.f, kind as f64, self.index as f64, self.eigenvalues.len() as f64]);
        out.extend_from_slice(&self.eigenvalues);
    }

    /// Reads a point written by [`CriticalPoint::encode`] in dimension `d`, with its note; returns
    /// it and the numbers it used.
    pub fn decode(v: &[f64], d: usize, note: &'static str) -> Option<(CriticalPoint, usize)> {
        let head = v.get(..d + 4)?;
        let n = head[d + 3] as usize;
        let eigenvalues = v.get(d + 4..d + 4 + n)?.to_vec();
        let c = CriticalPoint { point: head[..d].to_vec(), f: head[d], kind: *KINDS.get(head[d + 1] as usize)?, index: head[d + 2] as usize, eigenvalues, note };
        Some((c, d + 4 + n))
    }

    /// The same point with its kind set by theory where the spectrum alone cannot decide (a
    /// degenerate direction along a valley of minima is still a minimum).
    pub fn with_kind(mut self, kind: CriticalKind) -> Self {
        self.kind = kind;
        self
    }
}

/// Newton's method on ∇f = 0 from each start: converges to critical points of every type.
/// Points found twice (within `1e-6`) are kept once, the first found. Used where docs/science.md
/// lists no closed form.
pub fn newton_search<L: Landscape + ?Sized>(l: &L, starts: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let mut found: Vec<Vec<f64>> = Vec::new();
    for s in starts {
        if let Some(x) = newton_solve(l, s) {
            keep_new(&mut found, x);
        }
    }
    found
}

/// Adds `x` to `found` unless a point within 1e-6 is there already (the search's deduplication,
/// also used to merge searches split into chunks: in start order it gives the same list).
pub fn keep_new(found: &mut Vec<Vec<f64>>, x: Vec<f64>) -> bool {
    if found.iter().any(|p| crate::numeric::math::dist(p, &x) < 1e-6) {
        return false;
    }
    found.push(x);
    true
}

/// Newton's method on ∇f = 0 from one start (steps capped at length 0.5, at most 60): the critical
/// point it converges to (‖∇f‖ < 1e-11), if any.
pub fn newton_solve<L: Landscape + ?Sized>(l: &L, start: &[f64]) -> Option<Vec<f64>> {
    let d = l.dim();
    let mut g = vec![0.0; d];
    let mut h = vec![0.0; d * d];
    let mut x = start.to_vec();
    for _ in 0..60 {
        l.gradient(&x, &mut g);
        let gn = crate::numeric::math::norm(&g);
        if !gn.is_finite() {
            return None;
        }
        if gn < 1e-11 {
            return x.iter().all(|v| v.is_finite()).then_some(x);
        }
        l.hessian(&x, &mut h);
        let hm = nalgebra::DMatrix::from_row_slice(d, d, &h);
        let gv = nalgebra::DVector::from_column_slice(&g);
        let step = hm.lu().solve(&gv)?;
        let sn = step.norm();
        let scale = if sn > 0.5 { 0.5 / sn } else { 1.0 };
        for k in 0..d {
            x[k] -= scale * step[k];
        }
    }
    None
}

/// A grid of `n × n` start points over the slice's view box (2D landscapes).
pub fn grid_starts(view: super::ViewBox, n: usize) -> Vec<Vec<f64>> {
    let mut v = Vec::with_capacity(n * n);
    for i in 0..n {
        for j in 0..n {
            let x = view.x0 + (i as f64 + 0.5) / n as f64 * view.width();
            let y = view.y0 + (j as f64 + 0.5) / n as f64 * view.height();
            v.push(vec![x, y]);
        }
    }
    v
}
