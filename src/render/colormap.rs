//! Colours: the landscape palette and one colour per optimizer.

/// A perceptually ordered palette from deep blue (low f) through teal and sand to pale cream
/// (high f), muted so trajectories stay visible on top.
const STOPS: [(f64, [f64; 3]); 6] = [
    (0.0, [22.0, 37.0, 84.0]),
    (0.2, [35.0, 86.0, 135.0]),
    (0.4, [58.0, 138.0, 148.0]),
    (0.6, [126.0, 180.0, 142.0]),
    (0.8, [214.0, 212.0, 158.0]),
    (1.0, [250.0, 245.0, 225.0]),
];

/// The palette at t ∈ [0, 1], from a 1024-entry table.
#[inline]
pub fn landscape(t: f64) -> [u8; 3] {
    static LUT: std::sync::OnceLock<Vec<[u8; 3]>> = std::sync::OnceLock::new();
    let lut = LUT.get_or_init(|| (0..1024).map(|i| landscape_exact(i as f64 / 1023.0)).collect());
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
    lut[(t * 1023.0 + 0.5) as usize]
}

/// The palette at t ∈ [0, 1], interpolated between its stops.
pub fn landscape_exact(t: f64) -> [u8; 3] {
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
    for k in 1..STOPS.len() {
        if t <= STOPS[k].0 {
            let (t0, c0) = STOPS[k - 1];
            let (t1, c1) = STOPS[k];
            let u = (t - t0) / (t1 - t0);
            return [
                (c0[0] + u * (c1[0] - c0[0])) as u8,
                (c0[1] + u * (c1[1] - c0[1])) as u8,
                (c0[2] + u * (c1[2] - c0[2])) as u8,
            ];
        }
    }
    [250, 245, 225]
}

/// Grey for points outside a landscape's domain.
pub const OUTSIDE: [u8; 3] = [120, 120, 120];

/// Distinct, colour-blind-friendly colours for the runs of a race (Okabe–Ito, reordered).
pub const RUNS: [(u8, u8, u8); 8] = [
    (230, 159, 0),
    (86, 180, 233),
    (204, 121, 167),
    (240, 228, 66),
    (213, 94, 0),
    (0, 158, 115),
    (255, 255, 255),
    (0, 114, 178),
];

/// The colour of run `k`.
pub fn run(k: usize) -> (u8, u8, u8) {
    RUNS[k % RUNS.len()]
}

/// Negative eigenvalues are drawn red, positive blue.
pub const NEGATIVE: (u8, u8, u8) = (220, 50, 47);
pub const POSITIVE: (u8, u8, u8) = (38, 139, 210);
