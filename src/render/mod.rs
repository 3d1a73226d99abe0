//! Drawing, written once against plotters' `DrawingBackend`: the same code draws on a canvas in the
//! browser and into an SVG natively. Dense layers (the landscape raster, the shaded 3D surface) are
//! computed into RGBA buffers that the caller blits in one call, or written as vectors into an SVG.
//! [`plan::ViewPlan`] decides what a picture shows; [`figure`] draws it.

pub mod axis;
pub mod clip;
pub mod colormap;
pub mod contour;
pub mod figure;
pub mod gif;
pub mod lab;
pub mod legend;
pub mod panels;
pub mod plan;
#[cfg(not(target_arch = "wasm32"))]
pub mod png;
pub mod raster;
pub mod svg;
pub mod text;
pub mod theme;
pub mod view2d;
pub mod view3d;
pub mod viewport;

use crate::run::Race;
use plotters::drawing::DrawingAreaErrorKind;

/// A drawing that failed, with the backend's message. `?` converts plotters' errors into it, so
/// drawing code reads like plotters' own examples (`type DrawResult<T> = Result<T, Box<dyn Error>>`
/// there); it holds no web type, and the page turns it into a JavaScript error through `Display`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrawError(pub String);

impl std::fmt::Display for DrawError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "drawing failed: {}", self.0)
    }
}

impl std::error::Error for DrawError {}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for DrawError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        DrawError(e.to_string())
    }
}

impl From<String> for DrawError {
    fn from(m: String) -> DrawError {
        DrawError(m)
    }
}

impl From<DrawError> for String {
    fn from(e: DrawError) -> String {
        e.to_string()
    }
}

/// The result of drawing code: `()` or a value (a chart), or a [`DrawError`].
pub type DrawResult<T = ()> = Result<T, DrawError>;

/// Largest width or height of a figure drawn to a file, in pixels (the CLI's `figure` and `lab --svg`).
pub const MAX_FIGURE_SIDE: u32 = 4096;
/// A figure's size when none is asked for (the CLI's `figure`, the page's exports), CSS pixels.
pub const FIGURE_SIZE: (u32, u32) = (900, 600);
/// Pixels per figure pixel a PNG may have (the CLI's `--scale`, the page's PNG menu).
pub const PNG_SCALES: [u32; 3] = [1, 2, 4];
/// Smallest width or height of a race figure ([`svg_figure`]), in pixels.
pub const MIN_FIGURE_SIDE: u32 = 64;
/// Smallest width and height of a lab figure ([`lab::svg`]), in pixels: room for its panels' axes.
pub const MIN_LAB_FIGURE: (u32, u32) = (200, 150);

/// The complete figure of a race as the page shows it when finished (view through its plan's
/// plane, 2D or 3D, both panels, a caption) as a vector SVG of `width × height` pixels.
pub fn svg_figure(race: &Race, width: u32, height: u32) -> Result<String, String> {
    svg::figure(race, &plan::ViewPlan::of(race, view3d::Camera::of_scenario(race.scenario().camera)), width, height)
}
