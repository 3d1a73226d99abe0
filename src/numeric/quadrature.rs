//! Gauss–Hermite quadrature for expectations over x ~ N(0, 1).

use std::sync::OnceLock;

/// Nodes and weights for E[φ(x)], x ~ N(0, 1): E[φ] ≈ Σ w_k φ(x_k) (weights sum to 1).
pub struct GaussHermite {
    pub nodes: Vec<f64>,
    pub weights: Vec<f64>,
}

/// The n-node rule by Golub & Welsch (1969): the nodes are the eigenvalues of the Jacobi matrix of
/// the probabilists' Hermite polynomials (zero diagonal, off-diagonal √k), the weights the squared
/// first components of its unit eigenvectors.
pub fn gauss_hermite(n: usize) -> GaussHermite {
    let mut j = nalgebra::DMatrix::<f64>::zeros(n, n);
    for k in 1..n {
        let b = (k as f64).sqrt();
        j[(k - 1, k)] = b;
        j[(k, k - 1)] = b;
    }
    let eig = nalgebra::SymmetricEigen::new(j);
    let mut pairs: Vec<(f64, f64)> =
        (0..n).map(|i| (eig.eigenvalues[i], eig.eigenvectors[(0, i)] * eig.eigenvectors[(0, i)])).collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Symmetrise: the rule is exact for odd moments only if x_k = −x_{n−1−k} and w_k = w_{n−1−k}.
    let mut nodes = vec![0.0; n];
    let mut weights = vec![0.0; n];
    for k in 0..n {
        let m = n - 1 - k;
        nodes[k] = 0.5 * (pairs[k].0 - pairs[m].0);
        weights[k] = 0.5 * (pairs[k].1 + pairs[m].1);
    }
    let total: f64 = weights.iter().sum();
    weights.iter_mut().for_each(|w| *w /= total);
    GaussHermite { nodes, weights }
}

/// The 200-node rule, computed once (SCIENCE.md §2: 200 nodes reach 1e-9 on the `relu` toy).
pub fn gauss_hermite_200() -> &'static GaussHermite {
    static RULE: OnceLock<GaussHermite> = OnceLock::new();
    RULE.get_or_init(|| gauss_hermite(200))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_of_the_standard_normal() {
        let q = gauss_hermite_200();
        let e = |f: &dyn Fn(f64) -> f64| -> f64 { q.nodes.iter().zip(&q.weights).map(|(x, w)| w * f(*x)).sum() };
        assert!((e(&|_| 1.0) - 1.0).abs() < 1e-12);
        assert!(e(&|x| x).abs() < 1e-12);
        assert!((e(&|x| x * x) - 1.0).abs() < 1e-11);
        assert!((e(&|x| x * x * x * x) - 3.0).abs() < 1e-10);
    }
}
