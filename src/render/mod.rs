//! Drawing, written once against plotters' `DrawingBackend`: the same code draws on a canvas in the
//! browser and into an SVG natively. Dense layers (the landscape raster, the shaded 3D surface) are
//! computed into RGBA buffers that the caller blits in one call.

pub mod colormap;
pub mod lab;
pub mod legend;
pub mod panels;
pub mod raster;
pub mod view2d;
pub mod view3d;
pub mod viewport;

use crate::run::Race;
use plotters::coord::Shift;
use plotters::prelude::*;

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

/// The result of drawing code: `()` or a value (a chart), or a [`DrawError`].
pub type DrawResult<T = ()> = Result<T, DrawError>;

/// Largest width or height of a figure drawn to a file, in pixels (the CLI's `figure` and `lab --svg`).
pub const MAX_FIGURE_SIDE: u32 = 4096;
/// Smallest width or height of a race figure ([`svg_figure`]), in pixels.
pub const MIN_FIGURE_SIDE: u32 = 64;
/// Smallest width and height of a lab figure ([`lab::svg`]), in pixels: room for its panels' axes.
pub const MIN_LAB_FIGURE: (u32, u32) = (200, 150);

/// Draws an RGBA raster with each of its pixels as a filled `cell × cell` square (for backends
/// without a fast bitmap path, such as SVG).
pub fn draw_raster_cells<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, left: i32, top: i32, r: &raster::Raster, cell: usize) -> DrawResult {
    let cell = cell.max(1) as i32;
    for y in 0..r.height {
        for x in 0..r.width {
            let i = (y * r.width + x) * 4;
            let c = RGBColor(r.rgba[i], r.rgba[i + 1], r.rgba[i + 2]);
            let (x0, y0) = (left + x as i32 * cell, top + y as i32 * cell);
            area.draw(&Rectangle::new([(x0, y0), (x0 + cell, y0 + cell)], c.filled()))?;
        }
    }
    Ok(())
}

/// A complete 2D figure of a race (raster, axes, critical points, trajectories, both panels) as SVG.
pub fn svg_figure(race: &Race, width: u32, height: u32) -> Result<String, DrawError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        root.fill(&WHITE)?;
        let (main, side) = root.split_horizontally((width as f64 * 0.6) as u32);
        let (w, h) = main.dim_in_pixel();
        let view = race.scenario().view_box.unwrap_or_else(|| race.landscape().view());
        let vp = viewport::Viewport::for_canvas(w, h, view, 1.0);
        let cell = 3;
        let slice = race.landscape().slice();
        let r = raster::Raster::compute(race.landscape().as_ref(), &slice, view, vp.width as usize / cell, vp.height as usize / cell, 14);
        draw_raster_cells(&main, vp.left, vp.top, &r, cell)?;
        view2d::draw_axes(&main, &vp, &slice.labels, 1.0)?;
        view2d::draw_critical(&main, &vp, &slice, race.critical_points(), 1.0)?;
        view2d::draw_runs(&main, &vp, &slice, race, 1.0, view2d::Overlay::default())?;
        let (top, bottom) = side.split_vertically(height / 2);
        panels::draw_hessian(&top, race, 1.0)?;
        panels::draw_loss(&bottom, race, 1.0)?;
        root.present()?;
    }
    Ok(out)
}
