//! Exports of a live demo: the figure as a true vector SVG or drawn on one canvas (the page makes
//! its PNG from it), the records as CSV or JSON, the attributes of an embed snippet, and the GIF
//! encoder the worker pool runs. The drawing is the view plan's, as on the page and in the CLI.

use super::canvas::PageBackend;
use super::scope::{put_backdrop, Scope};
use crate::render::figure::{caption, draw_figure, Rect};
use crate::render::plan::{self, Backdrop};
use crate::render::raster::grid_size;
use plotters::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

#[wasm_bindgen]
impl Scope {
    /// The figure (view, panels, caption) of `width × height` pixels as an SVG document: the same
    /// bytes `saddlescope figure` writes for this picture.
    pub fn svg(&self, width: u32, height: u32) -> Result<String, JsError> {
        let (w, h) = (width.clamp(64, 4096), height.clamp(64, 4096));
        let plan = self.plan();
        // A worker's finer grid when there is one; never a fine grid computed here.
        let l = self.race().landscape();
        let grid = self.fine_grid(&plan).or_else(|| {
            let n = grid_size(l.as_ref());
            Some((n, crate::render::raster::grid_values(l.as_ref(), &plan.slice, plan.view, n)))
        });
        // Drawn through the page's one backend type (see PageBackend), spliced as natively.
        let mut body = String::new();
        let under = {
            let root = PageBackend::Svg(crate::render::text::MeasuredSvg::with_string(&mut body, (w, h))).into_drawing_area();
            let under = crate::render::svg::draw(&root, self.race(), &plan, grid).map_err(js_err)?;
            root.present().map_err(|e| js_err(format!("{e:?}")))?;
            under
        };
        crate::render::svg::splice(&body, &under).map_err(js_err)
    }

    /// Draws the figure on `canvas` (sized by the caller: CSS size × `scale`) at `scale` device
    /// pixels per CSS pixel: the page's PNG export.
    #[wasm_bindgen(js_name = drawFigure)]
    pub fn draw_figure(&self, canvas: &HtmlCanvasElement, scale: f64) -> Result<(), JsError> {
        let scale = if scale.is_finite() { scale.clamp(0.25, 8.0) } else { 1.0 };
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
            .ok_or_else(|| JsError::new("the canvas has no 2d context"))?;
        let area = super::scope::backend(canvas)?.into_drawing_area();
        area.fill(&WHITE).map_err(|e| js_err(format!("{e:?}")))?;
        let plan = self.plan();
        let (w, h) = (canvas.width(), canvas.height());
        let lay = crate::render::figure::layout(&plan, w, h, scale);
        let l = self.race().landscape();
        let backdrop = plan.backdrop(l.as_ref(), lay.view.width, lay.view.height, scale, self.fine_grid(&plan), grid_size(l.as_ref()), plan::SURFACE_MESH);
        let mut put = |at: Rect, b: &Backdrop| {
            put_backdrop(&ctx, &plan, b, at.left, at.top, at.width, at.height, scale).map_err(|_| crate::render::DrawError("cannot draw the raster image".to_string()))
        };
        draw_figure(&area, &plan, self.race(), &backdrop, scale, &caption(self.race()), &mut put).map_err(js_err)
    }

    /// The caption figures carry: the scenario, the step reached, the seed.
    #[wasm_bindgen(js_name = figureCaption)]
    pub fn figure_caption(&self) -> String {
        caption(self.race())
    }

    /// Every kept record of every run as CSV, with the header of `saddlescope run`.
    #[wasm_bindgen(js_name = recordsCsv)]
    pub fn records_csv(&self) -> String {
        crate::report::race_records_csv(self.race())
    }

    /// Every kept record of every run as JSON (see `report::race_records_json`).
    #[wasm_bindgen(js_name = recordsJson)]
    pub fn records_json(&self) -> String {
        crate::report::race_records_json(self.race())
    }

    /// The `<saddle-scope>` attributes of this scenario as JSON `[[name, value], …]`: every key
    /// that is not the default (the landscape always; the seed in use), none of the page's own
    /// (`hide`, `embed`, `workers`).
    #[wasm_bindgen(js_name = embedAttributes)]
    pub fn embed_attributes(&self) -> String {
        let s = self.race().scenario();
        let pairs: Vec<String> = s
            .to_pairs()
            .into_iter()
            .filter(|(k, v)| match k.as_str() {
                "hide" | "embed" | "workers" => false,
                "opt" => *v != crate::scenario::DEFAULT_OPTIMIZERS.join(","),
                _ => true,
            })
            .map(|(k, v)| format!("[{},{}]", crate::numeric::json::string(&k), crate::numeric::json::string(&v)))
            .collect();
        format!("[{}]", pairs.join(","))
    }
}

/// The start of an animated GIF of `w × h` pixels (header, palette, loop forever).
#[wasm_bindgen(js_name = gifHeader)]
pub fn gif_header(w: u16, h: u16) -> Vec<u8> {
    crate::render::gif::header(w, h)
}

/// Work a worker does on pixels the page sends (the pool's jobs with a payload): for
/// `gif\n<w>\n<h>\n<delay>`, each frame of `pixels` (consecutive `w × h` RGBA frames, the first
/// one only the previous frame when `previous`) encoded as a GIF frame, each as its byte length
/// (4 bytes, little-endian) and its bytes.
#[wasm_bindgen(js_name = encodeJobs)]
pub fn encode_jobs(spec: &str, pixels: &[u8], previous: bool) -> Result<Vec<u8>, JsError> {
    let f: Vec<&str> = spec.split('\n').collect();
    let [kind, w, h, delay] = f.as_slice() else { return Err(JsError::new("encodeJobs: a spec has four lines")) };
    if *kind != "gif" {
        return Err(JsError::new("encodeJobs: unknown kind of job"));
    }
    let num = |t: &str| t.parse::<u16>().map_err(|_| JsError::new("encodeJobs: a bad number"));
    let (w, h, delay) = (num(w)?, num(h)?, num(delay)?);
    let size = w as usize * h as usize * 4;
    if size == 0 || !pixels.len().is_multiple_of(size) {
        return Err(JsError::new("encodeJobs: the pixels are not whole frames"));
    }
    let frames: Vec<&[u8]> = pixels.chunks_exact(size).collect();
    let mut out = Vec::new();
    for k in usize::from(previous)..frames.len() {
        let prev = if k > 0 { Some(frames[k - 1]) } else { None };
        let f = crate::render::gif::frame(prev, frames[k], w, h, delay);
        out.extend((f.len() as u32).to_le_bytes());
        out.extend(f);
    }
    Ok(out)
}
