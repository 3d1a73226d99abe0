//! plotters' canvas backend with text measured by the canvas itself.
//!
//! plotters measures text on wasm through its web font backend, which appends a `<span>` to the
//! page and sets a `style` attribute on it (plotters 0.3.7, `style/font/web.rs`). A strict
//! Content-Security-Policy (`style-src 'self'`) blocks that attribute, so labels were measured
//! wrongly and every measurement was a CSP violation. [`MeasuredCanvas`] wraps
//! `plotters_canvas::CanvasBackend`, delegates all drawing to it, and answers
//! [`DrawingBackend::estimate_text_size`] with `CanvasRenderingContext2d.measureText` in the same
//! font string plotters-canvas draws with. Every plotters layout path that measures text goes
//! through the backend (axis label areas, `titled` captions) except the series legend
//! (`configure_series_labels`, which calls the font directly); `render::legend` draws our legends
//! instead, measuring through the backend.

use plotters::prelude::*;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;

/// A canvas backend whose text measurement uses the canvas (no DOM, no style attributes).
pub struct MeasuredCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
}

impl MeasuredCanvas {
    pub fn new(canvas: &HtmlCanvasElement) -> Option<MeasuredCanvas> {
        let context = canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
        let inner = CanvasBackend::with_canvas_object(canvas.clone())?;
        Some(MeasuredCanvas { inner, context })
    }
}

impl DrawingBackend for MeasuredCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.draw_text(text, style, pos)
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.inner.blit_bitmap(pos, size, src)
    }

    /// Width from `measureText`, height from the font's bounding box (what an inline box of the
    /// text is tall, as plotters' `<span>` measured), both in canvas pixels.
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        let size = style.size();
        let font = format!("{} {}px {}", style.style().as_str(), size, style.family().as_str());
        self.context.save();
        self.context.set_font(&font);
        let metrics = self.context.measure_text(text);
        self.context.restore();
        let (w, h) = match metrics {
            Ok(m) => (m.width(), m.font_bounding_box_ascent() + m.font_bounding_box_descent()),
            Err(_) => (f64::NAN, f64::NAN),
        };
        // Without metrics, the crude estimate plotters uses natively.
        let w = if w.is_finite() && w >= 0.0 { w } else { 0.6 * size * text.chars().count() as f64 };
        let h = if h.is_finite() && h > 0.0 { h } else { 1.15 * size };
        Ok((w.ceil() as u32, h.round() as u32))
    }
}

/// The one backend type the page draws with: a canvas, or an SVG document (the export). Drawing
/// code is generic over the backend and is compiled once per backend type; one type for both
/// keeps the .wasm from carrying every chart, panel and legend twice (about 37 KB gzip).
pub enum PageBackend<'a> {
    Canvas(MeasuredCanvas),
    Svg(crate::render::text::MeasuredSvg<'a>),
}

impl PageBackend<'static> {
    /// A canvas backend, measuring text with the canvas.
    pub fn canvas(c: &HtmlCanvasElement) -> Option<PageBackend<'static>> {
        MeasuredCanvas::new(c).map(PageBackend::Canvas)
    }
}

/// A drawing error of either backend, as its message.
#[derive(Debug)]
pub struct PageError(String);

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PageError {}

fn conv<T, E: std::error::Error + Send + Sync>(r: Result<T, DrawingErrorKind<E>>) -> Result<T, DrawingErrorKind<PageError>> {
    r.map_err(|e| match e {
        DrawingErrorKind::DrawingError(e) => DrawingErrorKind::DrawingError(PageError(format!("{e:?}"))),
        DrawingErrorKind::FontError(f) => DrawingErrorKind::FontError(f),
    })
}

macro_rules! both {
    ($self:ident, $b:ident => $e:expr) => {
        match $self {
            PageBackend::Canvas($b) => conv($e),
            PageBackend::Svg($b) => conv($e),
        }
    };
}

impl DrawingBackend for PageBackend<'_> {
    type ErrorType = PageError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            PageBackend::Canvas(b) => b.get_size(),
            PageBackend::Svg(b) => b.get_size(),
        }
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<PageError>> {
        both!(self, b => b.ensure_prepared())
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<PageError>> {
        both!(self, b => b.present())
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<PageError>> {
        both!(self, b => b.draw_pixel(point, color))
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), DrawingErrorKind<PageError>> {
        both!(self, b => b.draw_line(from, to, style))
    }
    fn draw_rect<S: BackendStyle>(&mut self, upper_left: BackendCoord, bottom_right: BackendCoord, style: &S, fill: bool) -> Result<(), DrawingErrorKind<PageError>> {
        both!(self, b => b.draw_rect(upper_left, bottom_right, style, fill))
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result<(), DrawingErrorKind<PageError>> {
        both!(self, b => b.draw_path(path, style))
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Result<(), DrawingErrorKind<PageError>> {
        both!(self, b => b.draw_circle(center, radius, style, fill))
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result<(), DrawingErrorKind<PageError>> {
        both!(self, b => b.fill_polygon(vert, style))
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), DrawingErrorKind<PageError>> {
        both!(self, b => b.draw_text(text, style, pos))
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<(), DrawingErrorKind<PageError>> {
        both!(self, b => b.blit_bitmap(pos, size, src))
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), DrawingErrorKind<PageError>> {
        both!(self, b => b.estimate_text_size(text, style))
    }
}
