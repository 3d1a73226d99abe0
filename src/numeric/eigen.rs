//! Symmetric eigen-decomposition of Hessians, sorted ascending (λ₁ = λ_min first).
//!
//! 2×2 and 3×3 use closed forms (the hot path: one per step per run); larger matrices use
//! nalgebra's `SymmetricEigen` (docs/science.md §1, "Spectrum").

use crate::numeric::math;

/// Eigenvalues ascending into `vals` (length d) and, when `vecs` is given, unit eigenvectors as
/// its columns, row-major d×d (`vecs[r*d + c]` is component r of eigenvector c).
#[inline]
pub fn sym_eigen(d: usize, h: &[f64], vals: &mut [f64], vecs: Option<&mut [f64]>) {
    match d {
        1 => {
            vals[0] = h[0];
            if let Some(v) = vecs {
                v[0] = 1.0;
            }
        }
        2 => {
            let (l, v) = eigen2(h[0], h[1], h[3]);
            vals[..2].copy_from_slice(&l);
            if let Some(out) = vecs {
                out[0] = v[0][0];
                out[2] = v[0][1];
                out[1] = v[1][0];
                out[3] = v[1][1];
            }
        }
        3 => {
            let m = [[h[0], h[1], h[2]], [h[3], h[4], h[5]], [h[6], h[7], h[8]]];
            let (l, v) = eigen3(&m);
            vals[..3].copy_from_slice(&l);
            if let Some(out) = vecs {
                for c in 0..3 {
                    for r in 0..3 {
                        out[r * 3 + c] = v[c][r];
                    }
                }
            }
        }
        _ => general(d, h, vals, vecs),
    }
}

/// Estimated floating-point operations of [`sym_eigen`] on a d×d matrix: a few dozen for the closed
/// forms (d ≤ 3); for the general symmetric QR algorithm about 4d³/3 for the eigenvalues alone and
/// 9d³ with the eigenvectors (Golub & Van Loan 2013, §8.3).
pub fn eigen_cost(d: usize, vectors: bool) -> f64 {
    if d <= 3 {
        return 60.0;
    }
    let d3 = (d as f64).powi(3);
    if vectors {
        9.0 * d3
    } else {
        4.0 * d3 / 3.0
    }
}

/// Closed form for [[a, b], [b, c]]: eigenvalues ascending and their unit eigenvectors.
#[inline]
pub fn eigen2(a: f64, b: f64, c: f64) -> ([f64; 2], [[f64; 2]; 2]) {
    if b == 0.0 {
        // Diagonal (saddle, finite-sum, …): exact, no square roots.
        return if a <= c { ([a, c], [[1.0, 0.0], [0.0, 1.0]]) } else { ([c, a], [[0.0, 1.0], [-1.0, 0.0]]) };
    }
    let m = 0.5 * (a + c);
    let h = 0.5 * (a - c);
    let r = (h * h + b * b).sqrt();
    let l1 = m - r;
    let l2 = m + r;
    // Eigenvector of l1: pick the better-conditioned of (b, l1 − a) and (l1 − c, b).
    let (x1, y1) = (b, l1 - a);
    let (x2, y2) = (l1 - c, b);
    let n1 = x1 * x1 + y1 * y1;
    let n2 = x2 * x2 + y2 * y2;
    let v1 = if n1 >= n2 && n1 > 0.0 {
        let n = n1.sqrt();
        [x1 / n, y1 / n]
    } else if n2 > 0.0 {
        let n = n2.sqrt();
        [x2 / n, y2 / n]
    } else if a <= c {
        [1.0, 0.0]
    } else {
        [0.0, 1.0]
    };
    ([l1, l2], [v1, [-v1[1], v1[0]]])
}

/// Eigenvalues ascending of a symmetric 3×3 matrix (trigonometric method, Smith 1961).
pub fn eigenvalues3(m: &[[f64; 3]; 3]) -> [f64; 3] {
    let p1 = m[0][1] * m[0][1] + m[0][2] * m[0][2] + m[1][2] * m[1][2];
    let q = (m[0][0] + m[1][1] + m[2][2]) / 3.0;
    let (e0, e1, e2) = (m[0][0] - q, m[1][1] - q, m[2][2] - q);
    let p2 = e0 * e0 + e1 * e1 + e2 * e2 + 2.0 * p1;
    let p = (p2 / 6.0).sqrt();
    if p == 0.0 {
        return [q, q, q];
    }
    let mut b = [[0.0; 3]; 3];
    for i in 0..3 {
        for j in 0..3 {
            b[i][j] = (m[i][j] - if i == j { q } else { 0.0 }) / p;
        }
    }
    let det = b[0][0] * (b[1][1] * b[2][2] - b[1][2] * b[2][1]) - b[0][1] * (b[1][0] * b[2][2] - b[1][2] * b[2][0])
        + b[0][2] * (b[1][0] * b[2][1] - b[1][1] * b[2][0]);
    let r = (det / 2.0).clamp(-1.0, 1.0);
    let phi = math::acos(r) / 3.0;
    let l3 = q + 2.0 * p * math::cos(phi);
    let l1 = q + 2.0 * p * math::cos(phi + 2.0 * math::PI / 3.0);
    let l2 = 3.0 * q - l1 - l3;
    let mut l = [l1, l2, l3];
    super::sort::sort3_by_key(&mut l, |x| *x);
    l
}

fn cross(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
}

fn dot3(a: [f64; 3], b: [f64; 3]) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

fn unit(a: [f64; 3]) -> [f64; 3] {
    let n = dot3(a, a).sqrt();
    [a[0] / n, a[1] / n, a[2] / n]
}

/// Closed-form eigen-decomposition of a symmetric 3×3 matrix; eigenvectors `v[k]` for `l[k]`.
///
/// The best-separated eigenvalue's vector comes from the largest cross product of two rows of
/// (A − λI); the other two solve the 2×2 problem on its orthogonal complement, so repeated
/// eigenvalues (as in `saddle3`) still give an orthonormal basis.
pub fn eigen3(m: &[[f64; 3]; 3]) -> ([f64; 3], [[f64; 3]; 3]) {
    let l = eigenvalues3(m);
    let scale = l[0].abs().max(l[2].abs()).max(f64::MIN_POSITIVE);
    if (l[2] - l[0]) <= 1e-14 * scale {
        return (l, [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]);
    }
    let iso = if l[1] - l[0] > l[2] - l[1] { 0 } else { 2 };
    let s = l[iso];
    let r = [
        [m[0][0] - s, m[0][1], m[0][2]],
        [m[1][0], m[1][1] - s, m[1][2]],
        [m[2][0], m[2][1], m[2][2] - s],
    ];
    let cands = [cross(r[0], r[1]), cross(r[0], r[2]), cross(r[1], r[2])];
    let mut best = cands[0];
    for c in &cands[1..] {
        if dot3(*c, *c) > dot3(best, best) {
            best = *c;
        }
    }
    let w = if dot3(best, best) > 0.0 { unit(best) } else { [1.0, 0.0, 0.0] };
    // Orthonormal basis (p, q) of w's complement.
    let a = if w[0].abs() < 0.9 { [1.0, 0.0, 0.0] } else { [0.0, 1.0, 0.0] };
    let p = unit(cross(w, a));
    let q = cross(w, p);
    let mp = [dot3(m[0], p), dot3(m[1], p), dot3(m[2], p)];
    let mq = [dot3(m[0], q), dot3(m[1], q), dot3(m[2], q)];
    let (l2, v2) = eigen2(dot3(p, mp), dot3(p, mq), dot3(q, mq));
    let e = |c: [f64; 2]| unit([c[0] * p[0] + c[1] * q[0], c[0] * p[1] + c[1] * q[1], c[0] * p[2] + c[1] * q[2]]);
    // Eigenvalues from the accurate vectors: the Rayleigh quotient for w, the 2×2 closed form for the
    // rest (the trigonometric formula alone loses half the digits at repeated eigenvalues).
    let mw = [dot3(m[0], w), dot3(m[1], w), dot3(m[2], w)];
    let mut pairs = [(dot3(w, mw), w), (l2[0], e(v2[0])), (l2[1], e(v2[1]))];
    super::sort::sort3_by_key(&mut pairs, |p| p.0);
    ([pairs[0].0, pairs[1].0, pairs[2].0], [pairs[0].1, pairs[1].1, pairs[2].1])
}

/// The spectrum of diag(`diag`): its entries sorted ascending (ties by position) and, when asked,
/// the matching unit vectors e_i as columns. Exact, O(d log d) (plus O(d²) to write vectors).
pub fn diagonal_eigen(diag: &[f64], vals: &mut [f64], vecs: Option<&mut [f64]>) {
    let mut order = Vec::new();
    diagonal_eigen_reusing(diag, vals, vecs, &mut order, false);
}

/// As [`diagonal_eigen`]; when `vecs_hold_order` says `vecs` already holds the permutation in
/// `order` (from the previous call), only its d ones are cleared instead of all d² entries: the
/// step cost of a run on a diagonal landscape in high dimension stays O(d log d). `order` is left
/// holding the new permutation.
pub fn diagonal_eigen_reusing(diag: &[f64], vals: &mut [f64], vecs: Option<&mut [f64]>, order: &mut Vec<usize>, vecs_hold_order: bool) {
    let d = diag.len();
    if let Some(out) = vecs {
        if vecs_hold_order && order.len() == d {
            for (k, &i) in order.iter().enumerate() {
                out[i * d + k] = 0.0;
            }
        } else {
            out[..d * d].iter_mut().for_each(|e| *e = 0.0);
        }
        sorted_order(diag, order);
        for (k, &i) in order.iter().enumerate() {
            out[i * d + k] = 1.0;
        }
    } else {
        sorted_order(diag, order);
    }
    for (k, &i) in order.iter().enumerate() {
        vals[k] = diag[i];
    }
}

fn sorted_order(diag: &[f64], order: &mut Vec<usize>) {
    *order = super::sort::order_by_key(diag);
}

fn general(d: usize, h: &[f64], vals: &mut [f64], vecs: Option<&mut [f64]>) {
    // A diagonal Hessian (saddle3, chain away from its couplings) needs only a sort: O(d²), not O(d³).
    let diagonal = (0..d).all(|r| (0..d).all(|c| r == c || h[r * d + c] == 0.0));
    if diagonal {
        let diag: Vec<f64> = (0..d).map(|i| h[i * d + i]).collect();
        diagonal_eigen(&diag, vals, vecs);
        return;
    }
    let m = nalgebra::DMatrix::from_row_slice(d, d, h);
    let want_vecs = vecs.is_some();
    let eig = if want_vecs {
        nalgebra::SymmetricEigen::new(m)
    } else {
        let ev = m.symmetric_eigenvalues();
        let mut order: Vec<f64> = ev.iter().copied().collect();
        super::sort::sort_f64(&mut order);
        vals[..d].copy_from_slice(&order);
        return;
    };
    let order = super::sort::order_by_key(eig.eigenvalues.as_slice());
    for (k, &i) in order.iter().enumerate() {
        vals[k] = eig.eigenvalues[i];
    }
    if let Some(out) = vecs {
        for (k, &i) in order.iter().enumerate() {
            for r in 0..d {
                out[r * d + k] = eig.eigenvectors[(r, i)];
            }
        }
    }
}

/// Tolerance τ = 1e-8·max(1, max|λᵢ|) below which an eigenvalue counts as zero
/// (docs/science.md §1, "Index and degeneracy").
#[inline]
pub fn zero_tolerance(vals: &[f64]) -> f64 {
    1e-8 * vals.iter().fold(1.0f64, |m, l| m.max(l.abs()))
}

/// The index #{λᵢ < −τ} and the number of degenerate directions #{|λᵢ| ≤ τ}.
#[inline]
pub fn index_and_degenerate(vals: &[f64]) -> (usize, usize) {
    index_and_degenerate_above(vals, 0.0)
}

/// As [`index_and_degenerate`] with τ at least `floor` (for Hessians known only to finite-difference
/// accuracy, whose zero eigenvalues come out as ±1e-7 noise).
#[inline]
pub fn index_and_degenerate_above(vals: &[f64], floor: f64) -> (usize, usize) {
    let tau = zero_tolerance(vals).max(floor);
    let mut index = 0;
    let mut degenerate = 0;
    for &l in vals {
        if l < -tau {
            index += 1;
        } else if l <= tau {
            degenerate += 1;
        }
    }
    (index, degenerate)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(d: usize, h: &[f64]) {
        let mut vals = vec![0.0; d];
        let mut vecs = vec![0.0; d * d];
        sym_eigen(d, h, &mut vals, Some(&mut vecs));
        let scale = h.iter().fold(1.0f64, |m, x| m.max(x.abs()));
        for k in 1..d {
            assert!(vals[k - 1] <= vals[k]);
        }
        for k in 0..d {
            // H v = λ v and ‖v‖ = 1.
            let mut n = 0.0;
            for r in 0..d {
                let hv: f64 = (0..d).map(|c| h[r * d + c] * vecs[c * d + k]).sum();
                assert!((hv - vals[k] * vecs[r * d + k]).abs() < 1e-9 * scale, "d={d} h={h:?}");
                n += vecs[r * d + k] * vecs[r * d + k];
            }
            assert!((n - 1.0).abs() < 1e-9);
        }
    }

    #[test]
    fn closed_forms_match_definition() {
        check(2, &[1.0, 0.0, 0.0, -1.0]);
        check(2, &[2.0, 0.5, 0.5, -3.0]);
        check(2, &[1.0, 0.0, 0.0, 1.0]);
        check(2, &[0.0, 1e-9, 1e-9, 0.0]);
        check(3, &[1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, -1.0]);
        check(3, &[1.0, 0.0, 0.0, 0.0, -1.0, 0.0, 0.0, 0.0, -1.0]);
        check(3, &[2.0, 1.0, 0.3, 1.0, -1.0, 0.2, 0.3, 0.2, 0.5]);
        check(3, &[0.0; 9]);
        let mut s = 1u64;
        for _ in 0..500 {
            let mut m = [0.0; 9];
            for i in 0..3 {
                for j in i..3 {
                    s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    let v = ((s >> 11) as f64 / (1u64 << 53) as f64) * 4.0 - 2.0;
                    m[i * 3 + j] = v;
                    m[j * 3 + i] = v;
                }
            }
            check(3, &m);
            check(2, &[m[0], m[1], m[1], m[4]]);
        }
        check(4, &[1.0, 2.0, 0.0, 0.0, 2.0, -1.0, 0.5, 0.0, 0.0, 0.5, 3.0, 0.1, 0.0, 0.0, 0.1, -2.0]);
        // The diagonal fast path.
        check(5, &[3.0, 0.0, 0.0, 0.0, 0.0, 0.0, -1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 0.0, 0.0, -1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5]);
    }

    #[test]
    fn index_counts_negative_and_degenerate() {
        assert_eq!(index_and_degenerate(&[-1.0, 1.0]), (1, 0));
        assert_eq!(index_and_degenerate(&[-1e-12, 0.0, 2.0]), (0, 2));
        assert_eq!(index_and_degenerate(&[-3.0, -1.0, 2.0]), (2, 0));
    }
}
