//! Escape-time statistics over many seeds (SCIENCE.md §4), built on the per-run detection in
//! [`crate::run::escape`].

/// Median and 10%/90% quantiles of escape times; runs that never escaped count as +∞.
pub fn quantiles(times: &[Option<u64>]) -> (f64, f64, f64) {
    let mut v: Vec<f64> = times.iter().map(|t| t.map_or(f64::INFINITY, |t| t as f64)).collect();
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    let q = |p: f64| v[((p * (v.len() - 1) as f64).round() as usize).min(v.len() - 1)];
    (q(0.5), q(0.1), q(0.9))
}

/// Escape times of one optimizer over many seeds.
#[derive(Clone, Debug)]
pub struct EscapeStats {
    pub optimizer: &'static str,
    /// One entry per seed whose run entered a saddle region: its first escape time, or `None` if
    /// it never escaped.
    pub times: Vec<Option<u64>>,
    /// Seeds whose run never came within R_in of a saddle (noise carried it past).
    pub bypassed: usize,
}

impl EscapeStats {
    /// (median, 10 % quantile, 90 % quantile); runs that never escaped count as +∞.
    pub fn quantiles(&self) -> (f64, f64, f64) {
        quantiles(&self.times)
    }
    /// How many runs escaped.
    pub fn escaped(&self) -> usize {
        self.times.iter().filter(|t| t.is_some()).count()
    }
    /// Counts of escape times in `bins` equal bins from 0 to the largest time, and the bin width.
    pub fn histogram(&self, bins: usize) -> (Vec<usize>, f64) {
        let max = self.times.iter().flatten().copied().max().unwrap_or(0) as f64;
        let width = (max / bins as f64).max(1.0);
        let mut h = vec![0; bins];
        for t in self.times.iter().flatten() {
            h[((*t as f64 / width) as usize).min(bins - 1)] += 1;
        }
        (h, width)
    }
}

/// Escape times over `seeds` seeds (SCIENCE.md §4): the scenario's race is run with seeds
/// s, s + 1, …, each run until it first escapes a saddle, stops, or reaches its step limit.
pub fn statistics(scenario: &crate::scenario::Scenario, seeds: usize) -> Result<Vec<EscapeStats>, crate::scenario::ScenarioError> {
    let base = scenario.seed.unwrap_or(1);
    let mut out: Vec<EscapeStats> = scenario.optimizers.iter().map(|o| EscapeStats { optimizer: o, times: Vec::new(), bypassed: 0 }).collect();
    for k in 0..seeds as u64 {
        let mut s = scenario.clone();
        s.seed = Some(base.wrapping_add(k));
        let mut race = crate::run::Race::new(&s)?;
        for (i, run) in race.runs.iter_mut().enumerate() {
            while run.escape_time().is_none() && run.step() {}
            if run.escape().entered_any() {
                out[i].times.push(run.escape_time());
            } else {
                out[i].bypassed += 1;
            }
        }
    }
    Ok(out)
}
