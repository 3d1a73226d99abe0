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

/// Where a landscape is not defined: a light grey hatched with darker diagonal stripes, so the
/// region reads as "nothing here" and not as a value of f or a drawing that failed.
pub const OUTSIDE: [u8; 3] = [228, 228, 228];
/// The stripes of [`OUTSIDE`].
pub const OUTSIDE_STRIPE: [u8; 3] = [168, 168, 168];
/// The stripes' period along x (and y), in pixels; each stripe is [`HATCH_WIDTH`] pixels wide.
pub const HATCH_PERIOD: usize = 10;
pub const HATCH_WIDTH: usize = 2;

/// The hatch colour of pixel (x, y) outside a domain.
#[inline]
pub fn outside(x: usize, y: usize) -> [u8; 3] {
    if (x + y) % HATCH_PERIOD < HATCH_WIDTH {
        OUTSIDE_STRIPE
    } else {
        OUTSIDE
    }
}

/// The runs' colours: mid-tone hues (Okabe–Ito and Tol, darkened or lightened) whose relative
/// luminance lies in [0.13, 0.30], so each has at least 3:1 contrast on the light background (white)
/// and on the dark one (#16181d); with a dash pattern per run ([`DASHES`]) they stay apart for
/// colour-blind readers too. A test checks the contrast.
pub const RUNS: [(u8, u8, u8); 8] = [
    (0xD4, 0x6F, 0x00),
    (0x2F, 0x7F, 0xC1),
    (0xB2, 0x4C, 0x9E),
    (0x9A, 0x8A, 0x1C),
    (0xD9, 0x48, 0x3B),
    (0x1B, 0x8A, 0x5A),
    (0x7F, 0x7F, 0x7F),
    (0xA0, 0x52, 0x2D),
];

/// The dash pattern of run k's trajectory: (dash, gap) lengths in CSS pixels, (0, 0) solid.
pub const DASHES: [(f64, f64); 8] = [(0.0, 0.0), (9.0, 4.0), (2.5, 3.0), (12.0, 3.0), (5.0, 5.0), (1.5, 4.5), (15.0, 6.0), (6.0, 2.0)];

/// The pages' two backgrounds: light and dark (the run colours keep 3:1 on both).
pub const BACKGROUNDS: [(u8, u8, u8); 2] = [(0xFF, 0xFF, 0xFF), (0x16, 0x18, 0x1D)];

/// WCAG relative luminance of an sRGB colour.
pub fn luminance(c: (u8, u8, u8)) -> f64 {
    let lin = |v: u8| {
        let x = v as f64 / 255.0;
        if x <= 0.04045 {
            x / 12.92
        } else {
            crate::numeric::math::powf((x + 0.055) / 1.055, 2.4)
        }
    };
    0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
}

/// WCAG contrast ratio of two colours (1 to 21).
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// A colour as `#rrggbb`.
pub fn hex(c: (u8, u8, u8)) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// The colour of run `k`.
pub fn run(k: usize) -> (u8, u8, u8) {
    RUNS[k % RUNS.len()]
}

/// Negative eigenvalues are drawn red, positive blue.
pub const NEGATIVE: (u8, u8, u8) = (220, 50, 47);
pub const POSITIVE: (u8, u8, u8) = (38, 139, 210);
