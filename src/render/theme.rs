//! Light and dark drawing: the backgrounds, text, axes and grid lines of every view, panel and
//! figure. The run colours ([`super::colormap::RUNS`]) keep 3:1 contrast on both backgrounds.
//!
//! Drawing code asks [`current`] for the theme, and a caller draws in one with [`scoped`]: a theme
//! is a property of a whole picture, and passing it through every drawing function beside `scale`
//! would only add noise. The page draws on one thread at a time; the CLI's threads compute and do
//! not draw.

use plotters::style::{RGBAColor, RGBColor};
use std::cell::Cell;

/// The colours of a picture's chrome.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub dark: bool,
    pub background: RGBColor,
    /// Text, tick labels, axis titles.
    pub ink: RGBColor,
    /// Secondary text (captions of panels, the figure's caption).
    pub muted: RGBColor,
    /// Axis lines.
    pub axis: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Theory lines (dashed).
    pub theory: RGBColor,
    /// A legend's box.
    pub legend: RGBAColor,
    /// The halo drawn under trajectories so they stand out on the raster.
    pub halo: RGBAColor,
    /// Open marks on the view (converged ring, stalled square, perturbation ball).
    pub mark: RGBColor,
}

impl Theme {
    pub const LIGHT: Theme = Theme {
        dark: false,
        background: RGBColor(255, 255, 255),
        ink: RGBColor(40, 44, 52),
        muted: RGBColor(90, 98, 112),
        axis: RGBColor(90, 90, 90),
        grid: RGBColor(226, 228, 232),
        theory: RGBColor(110, 110, 110),
        legend: RGBAColor(255, 255, 255, 0.86),
        halo: RGBAColor(15, 15, 15, 0.55),
        mark: RGBColor(255, 255, 255),
    };
    pub const DARK: Theme = Theme {
        dark: true,
        background: RGBColor(22, 24, 29),
        ink: RGBColor(226, 228, 232),
        muted: RGBColor(163, 172, 186),
        axis: RGBColor(150, 156, 166),
        grid: RGBColor(56, 60, 68),
        theory: RGBColor(170, 170, 170),
        legend: RGBAColor(22, 24, 29, 0.86),
        halo: RGBAColor(0, 0, 0, 0.6),
        mark: RGBColor(255, 255, 255),
    };

    /// The theme for `dark`.
    pub fn of(dark: bool) -> Theme {
        if dark {
            Theme::DARK
        } else {
            Theme::LIGHT
        }
    }
}

thread_local! {
    static CURRENT: Cell<Theme> = const { Cell::new(Theme::LIGHT) };
}

/// The theme drawing code draws in (light unless a caller chose one with [`scoped`]).
pub fn current() -> Theme {
    CURRENT.with(|c| c.get())
}

/// Runs `f` drawing in `theme`, then restores the previous theme.
pub fn scoped<T>(theme: Theme, f: impl FnOnce() -> T) -> T {
    let before = CURRENT.with(|c| c.replace(theme));
    let out = f();
    CURRENT.with(|c| c.set(before));
    out
}
