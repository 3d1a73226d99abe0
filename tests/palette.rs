//! The run colours keep at least 3:1 contrast on the light and the dark background (WCAG 2.1,
//! non-text contrast), stay distinct from each other, and each run has its own dash pattern.

use saddlescope::render::colormap::{contrast, BACKGROUNDS, DASHES, RUNS};

#[test]
fn every_run_colour_has_three_to_one_contrast_on_both_backgrounds() {
    for (k, c) in RUNS.iter().enumerate() {
        for bg in BACKGROUNDS {
            let r = contrast(*c, bg);
            assert!(r >= 3.0, "run {k} {c:?} on {bg:?}: {r:.2}:1");
        }
    }
    // The contrast formula itself: black on white is 21:1, white on white 1:1.
    assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
    assert!((contrast((255, 255, 255), (255, 255, 255)) - 1.0).abs() < 1e-12);
}

#[test]
fn runs_differ_in_colour_and_in_dash() {
    for i in 0..RUNS.len() {
        for j in i + 1..RUNS.len() {
            let (a, b) = (RUNS[i], RUNS[j]);
            let dist = ((a.0 as f64 - b.0 as f64).powi(2) + (a.1 as f64 - b.1 as f64).powi(2) + (a.2 as f64 - b.2 as f64).powi(2)).sqrt();
            assert!(dist > 55.0, "runs {i} and {j} look alike: {a:?} {b:?}");
            assert_ne!(DASHES[i], DASHES[j], "runs {i} and {j} share a dash pattern");
        }
    }
}
