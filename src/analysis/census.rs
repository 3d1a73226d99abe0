//! The index-versus-loss census (SCIENCE.md §4; Dauphin et al. [12], Pennington & Bahri [13]):
//! critical points from the landscape's exact list and from Newton's method on ∇f = 0 started at
//! seeded random points, each with its loss and index fraction index/d.

use crate::landscape::critical::newton_search;
use crate::landscape::{classify, CriticalPoint, Landscape};
use crate::numeric::random::Rng;

/// One critical point of the census.
#[derive(Clone, Debug)]
pub struct CensusPoint {
    pub point: CriticalPoint,
    /// index / d.
    pub alpha: f64,
    /// Whether it came from the landscape's exact list (else from the Newton search).
    pub listed: bool,
}

/// The census: listed critical points plus those Newton's method finds from `starts` random starts
/// (uniform over the view through the slice, with N(0, 0.3²) off the slice). Duplicates within
/// 1e-6 are kept once.
pub fn census(l: &dyn Landscape, starts: usize, seed: u64) -> Vec<CensusPoint> {
    let d = l.dim() as f64;
    let mut out: Vec<CensusPoint> = l
        .critical_points()
        .into_iter()
        .map(|c| CensusPoint { alpha: c.index as f64 / d, point: c, listed: true })
        .collect();
    let view = l.view();
    let slice = l.slice();
    let mut rng = Rng::new(seed ^ crate::numeric::random::salt::CENSUS);
    let mut xs = Vec::with_capacity(starts);
    for _ in 0..starts {
        let mut x = vec![0.0; l.dim()];
        slice.lift(view.x0 + rng.uniform() * view.width(), view.y0 + rng.uniform() * view.height(), &mut x);
        if l.dim() > 2 {
            for v in x.iter_mut() {
                *v += 0.3 * rng.gaussian();
            }
        }
        xs.push(x);
    }
    for p in newton_search(l, &xs) {
        if !l.in_domain(&p) || out.iter().any(|c| crate::numeric::math::dist(&c.point.point, &p) < 1e-6) {
            continue;
        }
        let c = classify(l, p, "found by Newton's method");
        out.push(CensusPoint { alpha: c.index as f64 / d, point: c, listed: false });
    }
    out.sort_by(|a, b| a.point.f.total_cmp(&b.point.f));
    out
}
