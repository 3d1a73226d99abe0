//! The index-versus-loss census (docs/science.md §4.3; Dauphin et al. 2014, Pennington & Bahri
//! 2017): critical points from the landscape's exact list and from Newton's method on ∇f = 0
//! started at seeded random points, each with its loss and index fraction index/d.
//!
//! The search splits into chunks of starts ([`search_chunk`]) whose findings merge in start order
//! ([`merge`]), so a census split across workers or threads equals the one computed in a loop.

use crate::landscape::critical::newton_solve;
use crate::landscape::{classify, CriticalPoint, Landscape};
use crate::numeric::random::{salt, Rng};

/// One critical point of the census.
#[derive(Clone, Debug)]
pub struct CensusPoint {
    pub point: CriticalPoint,
    /// index / d.
    pub alpha: f64,
    /// Whether it came from the landscape's exact list (else from the Newton search).
    pub listed: bool,
}

/// The most Newton starts a census takes (the CLI's `--starts`).
pub const MAX_STARTS: usize = 100_000;

/// The `n` seeded starts of the search: uniform over the view through the slice, with N(0, 0.3²)
/// off the slice when d > 2.
pub fn starts(l: &dyn Landscape, n: usize, seed: u64) -> Vec<Vec<f64>> {
    let view = l.view();
    let slice = l.slice();
    let mut rng = Rng::new(seed ^ salt::CENSUS);
    let mut xs = Vec::with_capacity(n);
    for _ in 0..n {
        let mut x = vec![0.0; l.dim()];
        slice.lift(view.x0 + rng.uniform() * view.width(), view.y0 + rng.uniform() * view.height(), &mut x);
        if l.dim() > 2 {
            for v in x.iter_mut() {
                *v += 0.3 * rng.gaussian();
            }
        }
        xs.push(x);
    }
    xs
}

/// Newton's method from each of `starts`: for each, the classified critical point it reached
/// (inside the domain), or `None`.
pub fn search_chunk(l: &dyn Landscape, starts: &[Vec<f64>]) -> Vec<Option<CriticalPoint>> {
    starts
        .iter()
        .map(|s| newton_solve(l, s).filter(|p| l.in_domain(p)).map(|p| classify(l, p, "found by Newton's method")))
        .collect()
}

/// The listed points, then the found ones new to within 1e-6 (first found first), sorted by loss.
pub fn merge(d: usize, listed: Vec<CriticalPoint>, found: impl IntoIterator<Item = CriticalPoint>) -> Vec<CensusPoint> {
    let d = d as f64;
    let mut out: Vec<CensusPoint> = listed.into_iter().map(|c| CensusPoint { alpha: c.index as f64 / d, point: c, listed: true }).collect();
    for c in found {
        if out.iter().any(|o| crate::numeric::math::dist(&o.point.point, &c.point) < 1e-6) {
            continue;
        }
        out.push(CensusPoint { alpha: c.index as f64 / d, point: c, listed: false });
    }
    crate::numeric::sort::sort_by_key(&mut out, |p| p.point.f);
    out
}

/// The whole census in one loop: the listed points plus what Newton's method finds from `n` starts.
pub fn census(l: &dyn Landscape, n: usize, seed: u64) -> Vec<CensusPoint> {
    let found = search_chunk(l, &starts(l, n, seed));
    merge(l.dim(), l.critical_points(), found.into_iter().flatten())
}

/// Critical points as numbers, one after another (see [`CriticalPoint::encode`]).
pub fn encode(c: &CriticalPoint, out: &mut Vec<f64>) {
    c.encode(out);
}

/// Reads every point [`encode`] wrote in dimension `d`.
pub fn decode_all(v: &[f64], d: usize, note: &'static str) -> Vec<CriticalPoint> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < v.len() {
        match CriticalPoint::decode(&v[at..], d, note) {
            Some((c, used)) => {
                out.push(c);
                at += used;
            }
            None => break,
        }
    }
    out
}
