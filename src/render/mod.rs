//! Drawing, written once against plotters' `DrawingBackend`: the same code draws on a canvas in the
//! browser and into an SVG natively. Dense layers (the landscape raster, the shaded 3D surface) are
//! computed into RGBA buffers that the caller blits in one call, or written as vectors into an SVG.
//! [`plan::ViewPlan`] decides what a picture shows; [`figure`] draws it.

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
pub mod view2d;
pub mod view3d;
pub mod viewport;

use crate::run::Race;

/// Drawing errors as a message.
pub type DrawResult = Result<(), String>;

/// The complete figure of a race as the page shows it when finished (view through its plan's
/// plane, 2D or 3D, both panels, a caption) as a vector SVG of `width × height` pixels.
pub fn svg_figure(race: &Race, width: u32, height: u32) -> Result<String, String> {
    svg::figure(race, &plan::ViewPlan::of(race, view3d::Camera::default()), width, height)
}
