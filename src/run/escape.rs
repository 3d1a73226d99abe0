//! Escape-time detection along one run (docs/science.md §4.2 Escape time).
//!
//! t_in = first t with ‖x_t − x_s‖ ≤ R_in (0.1·distance from the saddle to the nearest minimum);
//! t_out = first later t with f(x_t) ≤ f_s − Δ (Δ = 0.1·(f_s − f_min)); escape time = t_out − t_in.

use crate::landscape::{CriticalKind, CriticalPoint, ViewBox};
use crate::numeric::math;
use crate::optim::event::EventKind;

/// The region around one saddle and the drop that counts as having left it.
#[derive(Clone, Debug)]
pub struct SaddleRegion {
    /// Index into the landscape's critical points.
    pub saddle: usize,
    pub center: Vec<f64>,
    pub f_s: f64,
    pub r_in: f64,
    pub delta: f64,
}

/// The saddle regions of a landscape (at most 64, the first listed).
pub fn saddle_regions(critical: &[CriticalPoint], view: ViewBox) -> Vec<SaddleRegion> {
    let minima: Vec<&CriticalPoint> = critical.iter().filter(|c| c.kind == CriticalKind::Minimum).collect();
    let f_min = minima.iter().map(|m| m.f).fold(f64::INFINITY, f64::min);
    critical
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == CriticalKind::Saddle || (c.kind == CriticalKind::Degenerate && c.eigenvalues.iter().all(|l| l.abs() < 1e-8)))
        .take(64)
        .map(|(i, c)| {
            let nearest = minima.iter().map(|m| math::dist(&m.point, &c.point)).fold(f64::INFINITY, f64::min);
            let r_in = if nearest.is_finite() { 0.1 * nearest } else { 0.05 * view.diagonal() };
            let l1 = c.eigenvalues.first().copied().unwrap_or(0.0).abs();
            let delta = if f_min < c.f {
                0.1 * (c.f - f_min)
            } else if l1 > 0.0 {
                0.5 * l1 * r_in * r_in
            } else {
                1e-3 * (1.0 + c.f.abs())
            };
            SaddleRegion { saddle: i, center: c.point.clone(), f_s: c.f, r_in, delta }
        })
        .collect()
}

/// What a run has done at one saddle so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaddleOutcome {
    /// Not yet near it, and not yet below it.
    Pending,
    /// Within R_in since step `t_in`, not yet escaped.
    Inside { t_in: u64 },
    /// Entered at `t_in`, and f fell Δ below the saddle at `t_out`.
    Escaped { t_in: u64, t_out: u64 },
    /// f fell Δ below the saddle at step `t` without the run ever coming within R_in: it left
    /// before reaching the saddle.
    Bypassed { t: u64 },
}

impl SaddleOutcome {
    /// Whether nothing more can happen at this saddle.
    pub fn decided(self) -> bool {
        matches!(self, SaddleOutcome::Escaped { .. } | SaddleOutcome::Bypassed { .. })
    }
    /// The step at which the run was first Δ below the saddle (escaped or bypassed).
    pub fn below_at(self) -> Option<u64> {
        match self {
            SaddleOutcome::Escaped { t_out, .. } => Some(t_out),
            SaddleOutcome::Bypassed { t } => Some(t),
            _ => None,
        }
    }
}

/// Follows one run through the saddle regions.
#[derive(Clone, Debug, Default)]
pub struct EscapeTracker {
    /// Shared by the runs of a race (computing them is O(saddles × minima × d)).
    pub regions: std::sync::Arc<Vec<SaddleRegion>>,
    /// One per region, in the regions' order.
    pub outcomes: Vec<SaddleOutcome>,
    /// (saddle, escape time) in the order they happened.
    pub escape_times: Vec<(usize, u64)>,
    /// How many regions are decided (escaped or bypassed).
    decided: usize,
}

impl EscapeTracker {
    pub fn new(regions: std::sync::Arc<Vec<SaddleRegion>>) -> Self {
        let n = regions.len();
        EscapeTracker { regions, outcomes: vec![SaddleOutcome::Pending; n], escape_times: Vec::new(), decided: 0 }
    }

    /// Checks the point of step `t`, pushing entered/escaped events.
    #[inline]
    pub fn update(&mut self, t: u64, x: &[f64], f: f64, events: &mut Vec<EventKind>) {
        if self.decided == self.regions.len() {
            return;
        }
        for (k, r) in self.regions.iter().enumerate() {
            match self.outcomes[k] {
                SaddleOutcome::Pending => {
                    if math::dist(x, &r.center) <= r.r_in {
                        self.outcomes[k] = SaddleOutcome::Inside { t_in: t };
                        events.push(EventKind::EnteredSaddleRegion { saddle: r.saddle });
                    } else if f <= r.f_s - r.delta {
                        self.outcomes[k] = SaddleOutcome::Bypassed { t };
                        self.decided += 1;
                    }
                }
                SaddleOutcome::Inside { t_in } => {
                    if f <= r.f_s - r.delta {
                        self.outcomes[k] = SaddleOutcome::Escaped { t_in, t_out: t };
                        self.decided += 1;
                        self.escape_times.push((r.saddle, t - t_in));
                        events.push(EventKind::EscapedSaddle { saddle: r.saddle, escape_time: t - t_in });
                    }
                }
                _ => {}
            }
        }
    }

    /// Whether the run ever came within R_in of a saddle.
    pub fn entered_any(&self) -> bool {
        self.outcomes.iter().any(|o| !matches!(o, SaddleOutcome::Pending | SaddleOutcome::Bypassed { .. }))
    }

    /// Whether every region is decided.
    pub fn all_decided(&self) -> bool {
        self.decided == self.regions.len()
    }
}
