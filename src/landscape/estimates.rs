//! Box estimates of the smoothness constants for the "theory" presets (docs/science.md §1).

use super::Landscape;
use crate::numeric::eigen::sym_eigen;

/// Box estimates of the smoothness constants over the view (docs/science.md §1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimates {
    /// ℓ̂ = max |λ| over a grid of the view.
    pub ell: f64,
    /// ρ̂ = max over grid neighbours of ‖H(x) − H(y)‖₂/‖x − y‖.
    pub rho: f64,
    /// Δf = f(x₀) − min f over the grid.
    pub delta_f: f64,
}

/// The side of the grid [`box_estimates`] uses in d dimensions when asked for `n`.
pub fn grid_size(d: usize, n: usize) -> usize {
    n.min(if d <= 3 { 16 } else if d <= 36 { 8 } else { 4 }).max(2)
}

/// ℓ̂ = max |λ| over an n×n grid of the view (through the slice), ρ̂ = max over grid neighbours of
/// ‖H(x) − H(y)‖₂/‖x − y‖, and Δf = f(x₀) − min f over the grid. In high dimension (where a
/// Hessian costs O(d²)–O(d³)) the grid is coarser: at most 16×16, 8×8 past d = 3, 4×4 past d = 36.
pub fn box_estimates(l: &dyn Landscape, start: &[f64], n: usize) -> Estimates {
    let d = l.dim();
    let n = grid_size(d, n);
    let view = l.view();
    let slice = l.slice();
    let mut points = Vec::with_capacity(n * n);
    let mut hessians = Vec::with_capacity(n * n);
    let mut vals = vec![0.0; d];
    let mut ell = 0.0f64;
    let mut f_lo = f64::INFINITY;
    for i in 0..n {
        for j in 0..n {
            let s = view.x0 + view.width() * i as f64 / (n - 1) as f64;
            let t = view.y0 + view.height() * j as f64 / (n - 1) as f64;
            let mut x = vec![0.0; d];
            slice.lift(s, t, &mut x);
            let ok = l.in_domain(&x);
            // Past d = 3 a landscape with a diagonal Hessian gives just the diagonal (d numbers).
            let mut g = vec![0.0; d];
            let mut diag = vec![0.0; d];
            let diagonal = d > 3 && ok && l.evaluate_diagonal(&x, &mut g, &mut diag).is_some();
            let mut h = if diagonal { diag } else { vec![0.0; d * d] };
            if ok {
                if diagonal {
                    crate::numeric::eigen::diagonal_eigen(&h, &mut vals, None);
                } else {
                    l.hessian(&x, &mut h);
                    sym_eigen(d, &h, &mut vals, None);
                }
                if vals.iter().all(|v| v.is_finite()) {
                    ell = ell.max(vals[0].abs()).max(vals[d - 1].abs());
                }
                let f = l.value(&x);
                if f.is_finite() {
                    f_lo = f_lo.min(f);
                }
            }
            points.push((x, ok));
            hessians.push(h);
        }
    }
    let mut rho = 0.0f64;
    let mut diff: Vec<f64> = Vec::new();
    for i in 0..n {
        for j in 0..n {
            let a = i * n + j;
            for b in [if i + 1 < n { Some((i + 1) * n + j) } else { None }, if j + 1 < n { Some(i * n + j + 1) } else { None }]
                .into_iter()
                .flatten()
            {
                if !(points[a].1 && points[b].1) || hessians[a].len() != hessians[b].len() {
                    continue;
                }
                diff.resize(hessians[a].len(), 0.0);
                for k in 0..diff.len() {
                    diff[k] = hessians[a][k] - hessians[b][k];
                }
                if diff.len() == d && d > 3 {
                    crate::numeric::eigen::diagonal_eigen(&diff, &mut vals, None);
                } else {
                    sym_eigen(d, &diff, &mut vals, None);
                }
                let norm = vals[0].abs().max(vals[d - 1].abs());
                let dist = crate::numeric::math::dist(&points[a].0, &points[b].0);
                if dist > 0.0 && norm.is_finite() {
                    rho = rho.max(norm / dist);
                }
            }
        }
    }
    let f0 = l.value(start);
    Estimates {
        ell: if ell > 0.0 { ell } else { 1.0 },
        rho: if rho > 0.0 { rho } else { 1e-3 },
        delta_f: if f0.is_finite() && f_lo.is_finite() { (f0 - f_lo).max(1e-12) } else { 1.0 },
    }
}
