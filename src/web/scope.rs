//! One live demo: a race, its view state and the canvases it draws on.

use crate::numeric::format::fmt_rounded;
use crate::landscape::{Landscape, Slice, ViewBox};
use crate::render::figure;
use crate::render::plan::{self, Backdrop, ViewKind, ViewPlan};
use crate::render::raster::{fine_grid_size, grid_size};
use crate::render::view3d::{self, Camera};
use crate::render::viewport::Viewport;
use crate::render::panels;
use crate::run::{Depth, Race, PREPARE_IN_POOL};
use crate::scenario::{Scenario, ViewMode};
use super::canvas::PageBackend;
use super::staged::{self, Staged};
use plotters::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn context(c: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsError> {
    c.get_context("2d")
        .map_err(|_| JsError::new("the canvas refused a 2d context"))?
        .ok_or_else(|| JsError::new("the canvas has no 2d context"))?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| JsError::new("the canvas context is not 2d"))
}

/// plotters' canvas backend, measuring text with the canvas (see [`super::canvas::MeasuredCanvas`]).
pub(super) fn backend(c: &HtmlCanvasElement) -> Result<PageBackend<'static>, JsError> {
    PageBackend::canvas(c).ok_or_else(|| JsError::new("cannot draw on this canvas"))
}

pub(super) fn blit(ctx: &CanvasRenderingContext2d, rgba: &[u8], w: usize, h: usize, x: f64, y: f64) -> Result<(), JsError> {
    if w == 0 || h == 0 {
        return Ok(());
    }
    let img = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), w as u32, h as u32)
        .map_err(|_| JsError::new("cannot build the raster image"))?;
    ctx.put_image_data(&img, x, y).map_err(|_| JsError::new("cannot draw the raster image"))
}

/// What the cached background was drawn for.
#[derive(Clone, Debug, PartialEq)]
struct BackgroundKey {
    scenario_landscape: String,
    view: [f64; 4],
    size: (u32, u32),
    mode: ViewMode,
    camera: [f64; 3],
    scale: f64,
    /// The plane the background was drawn through (origin and directions).
    slice: String,
}

/// A live demo: one race drawn on a main view (background + foreground canvas) and two panels.
#[wasm_bindgen]
pub struct Scope {
    race: Race,
    bg: HtmlCanvasElement,
    fg: HtmlCanvasElement,
    hessian: Option<HtmlCanvasElement>,
    loss: Option<HtmlCanvasElement>,
    scale: f64,
    drawn: Option<BackgroundKey>,
    surface_norm: Option<view3d::Normaliser>,
    /// The plane currently drawn through (see [`Scope::update_slice`]).
    slice: Slice,
    /// Transparent canvases over the two panels: when set, a panel's axes are drawn only when
    /// its window changes and its series on the overlay every frame.
    hessian_fg: Option<HtmlCanvasElement>,
    loss_fg: Option<HtmlCanvasElement>,
    /// What each panel's axes were last drawn for.
    hessian_drawn: Option<PanelKey>,
    loss_drawn: Option<PanelKey>,
    /// A finer raster grid a worker computed: (its spec, n, values).
    fine: Option<(String, usize, Vec<f64>)>,
    /// The spec of the finer raster the current view would like from the pool ("" when the
    /// main-thread grid is already fine enough).
    raster_request: String,
    /// Light or dark drawing.
    theme: crate::render::theme::Theme,
}

#[wasm_bindgen]
impl Scope {
    /// A demo of `scenario` drawing on `bg`/`fg` (stacked, same size) and optional panels.
    /// `prepared`: what a worker computed for this scenario (see [`prepare_spec`]), staged
    /// ([`Staged`]), if anything.
    #[wasm_bindgen(constructor)]
    pub fn new(
        scenario: &str,
        bg: HtmlCanvasElement,
        fg: HtmlCanvasElement,
        hessian: Option<HtmlCanvasElement>,
        loss: Option<HtmlCanvasElement>,
        prepared: Option<Staged>,
    ) -> Result<Scope, JsError> {
        let s = Scenario::parse(scenario).map_err(js_err)?;
        let p = staged::take(&s, prepared)?;
        let race = Race::with_prepared(&s, Depth::Full, p).map_err(js_err)?;
        let slice = race.landscape().slice();
        let mut scope = Scope {
            race,
            bg,
            fg,
            hessian,
            loss,
            scale: 1.0,
            drawn: None,
            surface_norm: None,
            slice,
            hessian_fg: None,
            loss_fg: None,
            hessian_drawn: None,
            loss_drawn: None,
            fine: None,
            raster_request: String::new(),
            theme: crate::render::theme::Theme::LIGHT,
        };
        scope.update_slice(true);
        Ok(scope)
    }

    /// Device pixels per CSS pixel (line widths and fonts scale with it).
    #[wasm_bindgen(js_name = setPixelRatio)]
    pub fn set_pixel_ratio(&mut self, ratio: f64) {
        if ratio.is_finite() && ratio > 0.0 {
            self.scale = ratio.clamp(0.5, 4.0);
        }
    }

    /// Advances every run by up to `steps` steps.
    pub fn advance(&mut self, steps: u32) {
        self.race.advance(steps as u64);
    }

    /// Advances the runs by up to `steps` steps each, but for at most about `budget_ms`
    /// milliseconds: the animation's frame budget (`speed` is an upper bound, not a promise). The
    /// run furthest behind steps first, in chunks sized from the time the last chunk took, so the
    /// runs stay within a chunk of each other and one slow step (a 144-dimensional Newton step)
    /// never holds the page for more than itself. Returns the most steps any run took.
    #[wasm_bindgen(js_name = advanceFor)]
    pub fn advance_for(&mut self, steps: u32, budget_ms: f64) -> u32 {
        let Some(perf) = web_sys::window().and_then(|w| w.performance()) else {
            self.race.advance(steps as u64);
            return steps;
        };
        let t0 = perf.now();
        let deadline = t0 + budget_ms.clamp(0.5, 1000.0);
        let start: Vec<u64> = self.race.runs.iter().map(|r| r.t()).collect();
        let goal: Vec<u64> = start.iter().map(|t| t + steps as u64).collect();
        let mut chunk: u64 = 1;
        loop {
            // The run furthest behind (in steps taken since the race began) that can still move:
            // over frames every run keeps up, however slow its steps.
            let next = (0..self.race.runs.len())
                .filter(|&k| !self.race.runs[k].done() && self.race.runs[k].t() < goal[k])
                .min_by_key(|&k| self.race.runs[k].t());
            let Some(k) = next else { break };
            let before = perf.now();
            let n = chunk.min(goal[k] - self.race.runs[k].t());
            self.race.runs[k].advance(n);
            let now = perf.now();
            if now >= deadline {
                break;
            }
            // Aim for chunks of about a tenth of the budget.
            let per_step = ((now - before) / n as f64).max(1e-5);
            chunk = ((0.1 * budget_ms / per_step) as u64).clamp(1, 1 << 16);
        }
        self.race.runs.iter().zip(&start).map(|(r, s)| (r.t() - s) as u32).max().unwrap_or(0)
    }

    /// Whether every run has finished.
    /// The landscape's dimension (cheap: no state JSON).
    pub fn dim(&self) -> usize {
        self.race.landscape().dim()
    }

    /// The step size η of the first run (cheap: no state JSON); 0 with no runs.
    #[wasm_bindgen(js_name = firstLr)]
    pub fn first_lr(&self) -> f64 {
        self.race.runs.first().map_or(0.0, |r| r.hyper().lr)
    }

    pub fn done(&self) -> bool {
        self.race.done()
    }

    /// The scenario as a canonical string (with the seed in use).
    pub fn scenario(&self) -> String {
        self.race.scenario().to_string()
    }

    /// The canonical scenario as decoded pairs, `[[key, value], …]` (JSON): what the page's controls
    /// read (no scenario parser in JavaScript).
    pub fn pairs(&self) -> String {
        let p: Vec<String> = self.race.scenario().to_pairs().iter().map(|(k, v)| format!("[{},{}]", crate::numeric::json::string(k), crate::numeric::json::string(v))).collect();
        format!("[{}]", p.join(","))
    }

    /// The readout: one row of fields per run (see `report::run_readout_cells`), and the words for a screen
    /// reader, as JSON `{rows, spoken}`.
    pub fn readout(&self) -> String {
        use crate::numeric::json;
        let rows: Vec<String> = self.race.runs.iter().map(|r| {
            let cells: Vec<String> = crate::report::run_readout_cells(r).iter().map(|c| json::string(c.trim_end())).collect();
            format!("[{}]", cells.join(","))
        }).collect();
        let spoken: Vec<String> = self.race.runs.iter().map(crate::report::run_spoken).collect();
        format!("{{\"rows\":[{}],\"spoken\":{}}}", rows.join(","), json::string(&spoken.join("; ")))
    }

    /// Every run's state as JSON.
    pub fn state(&self) -> String {
        let runs: Vec<String> = self.race.runs.iter().map(crate::report::run_state_json).collect();
        crate::numeric::json::object(&[
            ("scenario", crate::numeric::json::string(&self.scenario())),
            ("landscape", crate::numeric::json::string(self.race.landscape().id())),
            ("dim", self.race.landscape().dim().to_string()),
            ("view", crate::numeric::json::string(if self.mode() == ViewMode::TwoD { "2d" } else { "3d" })),
            ("runs", format!("[{}]", runs.join(","))),
        ])
    }

    /// Sets one scenario key; returns true if the race restarted. On error nothing changes.
    /// `prepared`: what a worker computed for the change (see [`Scope::set_spec`]).
    pub fn set(&mut self, key: &str, value: &str, prepared: Option<Staged>) -> Result<bool, JsError> {
        let mut s = self.race.scenario().clone();
        s.set(key, value).map_err(js_err)?;
        let p = staged::take(&s, prepared)?;
        let restarted = self.race.update_prepared(&s, p).map_err(js_err)?;
        self.update_slice(true);
        Ok(restarted)
    }

    /// What setting `key` to `value` would have a worker prepare: "" when the change is cheap to
    /// make here, else the spec for `runJobs` (then call `set` with its result). Throws the error
    /// `set` would throw.
    #[wasm_bindgen(js_name = setSpec)]
    pub fn set_spec(&self, key: &str, value: &str) -> Result<String, JsError> {
        let mut s = self.race.scenario().clone();
        s.set(key, value).map_err(js_err)?;
        Ok(if self.race.rebuilds(&s) { spec_if_costly(&s) } else { String::new() })
    }

    /// Replaces the whole scenario and starts it afresh (a shared link's state); on error nothing
    /// changes. `prepared`: what a worker computed for it (see [`prepare_spec`]).
    pub fn load(&mut self, scenario: &str, prepared: Option<Staged>) -> Result<(), JsError> {
        let s = Scenario::parse(scenario).map_err(js_err)?;
        let p = staged::take(&s, prepared)?;
        self.race = Race::with_prepared(&s, Depth::Full, p).map_err(js_err)?;
        self.update_slice(true);
        Ok(())
    }

    /// Restarts the race from its start with its seed.
    pub fn reset(&mut self) -> Result<(), JsError> {
        self.race = Race::new(self.race.scenario()).map_err(js_err)?;
        self.update_slice(true);
        Ok(())
    }

    /// Sets the start to the point under canvas pixel (px, py) and restarts. Returns false when the
    /// pixel is outside the plot.
    pub fn click(&mut self, px: f64, py: f64) -> Result<bool, JsError> {
        if self.mode() != ViewMode::TwoD {
            return Ok(false);
        }
        let vp = self.viewport();
        if !vp.contains_pixel(px, py) {
            return Ok(false);
        }
        let (s, t) = vp.to_data(px, py);
        let l = self.race.landscape().clone();
        let mut x = vec![0.0; l.dim()];
        self.slice.lift(s, t, &mut x);
        let text = x.iter().map(|v| fmt_rounded(*v)).collect::<Vec<_>>().join(",");
        self.set("start", &text, None)?;
        Ok(true)
    }

    /// Pans the 2D view by a drag of (dx, dy) canvas pixels, or rotates the 3D view.
    pub fn drag(&mut self, dx: f64, dy: f64) -> Result<(), JsError> {
        if self.mode() == ViewMode::ThreeD {
            let mut c = self.camera();
            c.rotate(dx, dy);
            return self.set_camera(c);
        }
        let vp = self.viewport();
        let v = vp.view;
        let sx = v.width() / vp.width as f64;
        let sy = v.height() / vp.height as f64;
        let nv = ViewBox::new(v.x0 - dx * sx, v.x1 - dx * sx, v.y0 + dy * sy, v.y1 + dy * sy);
        self.set_box(nv)
    }

    /// Zooms by `factor` (> 1 zooms in) about canvas pixel (px, py).
    pub fn zoom(&mut self, factor: f64, px: f64, py: f64) -> Result<(), JsError> {
        if !(factor.is_finite() && factor > 0.0) {
            return Err(JsError::new("zoom: the factor must be a positive number"));
        }
        if self.mode() == ViewMode::ThreeD {
            let mut c = self.camera();
            c.zoom_by(factor);
            return self.set_camera(c);
        }
        let vp = self.viewport();
        let v = vp.view;
        let (cx, cy) = if vp.contains_pixel(px, py) { vp.to_data(px, py) } else { ((v.x0 + v.x1) / 2.0, (v.y0 + v.y1) / 2.0) };
        let k = 1.0 / factor;
        let nv = ViewBox::new(cx + (v.x0 - cx) * k, cx + (v.x1 - cx) * k, cy + (v.y0 - cy) * k, cy + (v.y1 - cy) * k);
        self.set_box(nv)
    }

    /// Draws what changed: the background when the view or a knob changed, always the trajectories
    /// and the panels.
    pub fn render(&mut self) -> Result<(), JsError> {
        self.update_slice(false);
        crate::render::theme::scoped(self.theme, || {
            self.render_background()?;
            self.render_foreground()?;
            self.render_panels()
        })
    }

    /// Draws only the background (raster or surface, axes) if it is stale; true if it drew. The page
    /// calls it first and, when it took long, draws the rest in the next frame.
    #[wasm_bindgen(js_name = renderBackground)]
    pub fn render_background_only(&mut self) -> Result<bool, JsError> {
        self.update_slice(false);
        let stale = self.drawn.as_ref() != Some(&self.key());
        if stale {
            crate::render::theme::scoped(self.theme, || self.render_background())?;
        }
        Ok(stale)
    }

    /// Draws dark (a dark page or element) or light.
    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(&mut self, dark: bool) {
        let t = crate::render::theme::Theme::of(dark);
        if t != self.theme {
            self.theme = t;
            self.invalidate();
        }
    }

    /// The spec of a finer landscape raster for the worker pool (`runJobs(spec, 0, 1)`), or "" when
    /// the view needs none.
    #[wasm_bindgen(js_name = rasterRequest)]
    pub fn raster_request(&self) -> String {
        self.raster_request.clone()
    }

    /// Takes the finer raster grid a worker computed for `spec`; redraws the background with it
    /// if the view still shows what it was computed for.
    #[wasm_bindgen(js_name = setRaster)]
    pub fn set_raster(&mut self, spec: &str, values: &[f64]) {
        let n = (values.len() as f64).sqrt() as usize;
        if spec == self.raster_request && n * n == values.len() && n >= 2 {
            self.fine = Some((spec.to_string(), n, values.to_vec()));
            self.raster_request.clear();
            self.drawn = None;
        }
    }

    /// Forces the background (raster, axes) to be recomputed at the next render.
    pub fn invalidate(&mut self) {
        self.drawn = None;
        self.hessian_drawn = None;
        self.loss_drawn = None;
    }

    /// Transparent canvases stacked over the Hessian and loss panels (same size): the panels'
    /// axes are then redrawn only when their window changes, the series every frame.
    #[wasm_bindgen(js_name = setPanelOverlays)]
    pub fn set_panel_overlays(&mut self, hessian: Option<HtmlCanvasElement>, loss: Option<HtmlCanvasElement>) {
        self.hessian_fg = hessian;
        self.loss_fg = loss;
        self.invalidate();
    }

    /// Text for the data point under canvas pixel (px, py) of the main view, or "".
    pub fn probe(&self, px: f64, py: f64) -> String {
        if self.mode() != ViewMode::TwoD {
            return String::new();
        }
        let vp = self.viewport();
        if !vp.contains_pixel(px, py) {
            return String::new();
        }
        let (s, t) = vp.to_data(px, py);
        let l = self.race.landscape();
        let mut x = vec![0.0; l.dim()];
        self.slice.lift(s, t, &mut x);
        if !l.in_domain(&x) {
            return format!("({s:.3}, {t:.3}) outside the domain");
        }
        format!("({s:.3}, {t:.3})  f = {:.5}", l.value(&x))
    }

    /// The knobs this scenario defines itself (a typed function's `p.<name>` parameters) as JSON:
    /// `[{key, name, value, min, max, integer, doc}]`, empty for the built-in landscapes.
    #[wasm_bindgen(js_name = scenarioKnobs)]
    pub fn scenario_knobs(&self) -> String {
        crate::report::scenario_knobs_json(self.race.scenario())
    }

    /// Text for the panel at horizontal fraction `u` ∈ [0, 1] of its width: the step under it and
    /// each run's values there.
    #[wasm_bindgen(js_name = panelProbe)]
    pub fn panel_probe(&self, u: f64) -> String {
        let w = self.hessian.as_ref().map_or(400.0, |c| c.width() as f64).max(1.0);
        let t = panels::step_at(&self.race, u, w, self.scale);
        let mut out = format!("step {t}");
        for r in &self.race.runs {
            let rec = r.records();
            if let Some(i) = rec.at_or_before(t) {
                out += &format!(
                    " · {}: f={:.4e} ‖∇f‖={:.2e} λmin={:.3e} index {}",
                    r.id(),
                    rec.loss(i),
                    rec.grad_norm(i),
                    rec.eigenvalues(i)[0],
                    rec.index(i)
                );
            }
        }
        out
    }
}

impl Scope {
    fn render_panels(&mut self) -> Result<(), JsError> {
        if let Some(h) = self.hessian.clone() {
            let frame = panels::hessian_frame(&self.race);
            let overlay = self.hessian_fg.clone();
            render_panel(&h, overlay.as_ref(), &mut self.hessian_drawn, &self.race, frame, self.scale, panels::draw_hessian_layer)?;
        }
        if let Some(l) = self.loss.clone() {
            let frame = panels::loss_frame(&self.race, l.width());
            let overlay = self.loss_fg.clone();
            render_panel(&l, overlay.as_ref(), &mut self.loss_drawn, &self.race, frame, self.scale, panels::draw_loss_layer)?;
        }
        Ok(())
    }

    fn mode(&self) -> ViewMode {
        self.race.scenario().view.unwrap_or(ViewMode::TwoD)
    }

    fn view_box(&self) -> ViewBox {
        self.race.scenario().view_box.unwrap_or_else(|| self.race.landscape().view())
    }

    fn viewport(&self) -> Viewport {
        Viewport::for_canvas(self.bg.width(), self.bg.height(), self.view_box(), self.scale)
    }

    /// The 3D camera: the scenario's (`camera=`), else the default.
    fn camera(&self) -> Camera {
        Camera::of_scenario(self.race.scenario().camera)
    }

    /// Moves the 3D camera by writing `camera=` (rounded as a link writes it, so the author sees
    /// what the link will show).
    fn set_camera(&mut self, c: Camera) -> Result<(), JsError> {
        let text = c.to_scenario().iter().map(|x| crate::numeric::format::fmt_num(*x)).collect::<Vec<_>>().join(",");
        if self.race.scenario().camera == Some(c.to_scenario()) {
            return Ok(());
        }
        self.set("camera", &text, None).map(|_| ())
    }

    fn set_box(&mut self, v: ViewBox) -> Result<(), JsError> {
        let text = [v.x0, v.x1, v.y0, v.y1].iter().map(|x| fmt_rounded(*x)).collect::<Vec<_>>().join(",");
        self.set("box", &text, None).map(|_| ())
    }


    /// Moves the plane drawn through as the view plan says (see [`plan::next_slice`]).
    fn update_slice(&mut self, reset: bool) {
        if let Some(next) = plan::next_slice(&self.race, &self.slice, reset) {
            self.slice = next;
            self.drawn = None;
        }
    }

    /// What the view shows now.
    pub(super) fn plan(&self) -> ViewPlan {
        ViewPlan::new(&self.race, self.slice.clone(), self.camera())
    }

    pub(super) fn race(&self) -> &Race {
        &self.race
    }

    /// The finer raster grid a worker computed, when it fits the view as it is now.
    pub(super) fn fine_grid(&self, plan: &ViewPlan) -> Option<(usize, Vec<f64>)> {
        let spec = raster_spec(self.race.scenario(), &plan.slice, plan.view, fine_grid_size(self.race.landscape().as_ref()));
        match &self.fine {
            Some((s, n, values)) if *s == spec => Some((*n, values.clone())),
            _ => None,
        }
    }

    fn key(&self) -> BackgroundKey {
        let v = self.view_box();
        let s = self.race.scenario();
        BackgroundKey {
            scenario_landscape: format!("{}{:?}{:?}{:?}", s.landscape, s.landscape_params, s.expression, s.seed),
            view: [v.x0, v.x1, v.y0, v.y1],
            size: (self.bg.width(), self.bg.height()),
            mode: self.mode(),
            camera: { let c = self.camera(); [c.yaw, c.pitch, c.zoom] },
            scale: self.scale,
            slice: format!("{:?}{:?}{:?}", self.slice.origin, self.slice.u, self.slice.v),
        }
    }

    fn render_background(&mut self) -> Result<(), JsError> {
        let key = self.key();
        if self.drawn.as_ref() == Some(&key) {
            return Ok(());
        }
        let ctx = context(&self.bg)?;
        let (w, h) = (self.bg.width(), self.bg.height());
        ctx.clear_rect(0.0, 0.0, w as f64, h as f64);
        let l: std::sync::Arc<dyn Landscape> = self.race.landscape().clone();
        let plan = self.plan();
        // A costly landscape gets a coarse grid here and a finer one from the worker pool.
        let fine = self.fine_grid(&plan);
        let from_pool = fine.is_some();
        let backdrop = plan.backdrop(l.as_ref(), w, h, self.scale, fine, grid_size(l.as_ref()), plan::SURFACE_MESH);
        if plan.kind == ViewKind::Plane && !from_pool {
            let want = fine_grid_size(l.as_ref());
            self.raster_request = if grid_size(l.as_ref()) < want { raster_spec(self.race.scenario(), &plan.slice, plan.view, want) } else { String::new() };
        }
        let area = backend(&self.bg)?.into_drawing_area();
        area.fill(&crate::render::theme::current().background).map_err(|e| js_err(format!("{e:?}")))?;
        put_backdrop(&ctx, &plan, &backdrop, 0, 0, w, h, self.scale)?;
        figure::draw_background(&area, &plan, &self.race, self.scale).map_err(js_err)?;
        self.surface_norm = match backdrop {
            Backdrop::Surface(s) => Some(s.normaliser),
            _ => None,
        };
        self.drawn = Some(key);
        Ok(())
    }

    fn render_foreground(&mut self) -> Result<(), JsError> {
        let ctx = context(&self.fg)?;
        let (w, h) = (self.fg.width(), self.fg.height());
        ctx.clear_rect(0.0, 0.0, w as f64, h as f64);
        let area = backend(&self.fg)?.into_drawing_area();
        figure::draw_foreground(&area, &self.plan(), &self.race, self.scale, self.surface_norm.as_ref()).map_err(js_err)
    }
}

/// Puts a view's dense layer on a canvas, the view's `w × h` area at (left, top): the raster in
/// its plot rectangle, the surface over white.
#[allow(clippy::too_many_arguments)]
pub(super) fn put_backdrop(ctx: &CanvasRenderingContext2d, plan: &ViewPlan, b: &Backdrop, left: i32, top: i32, w: u32, h: u32, scale: f64) -> Result<(), JsError> {
    match b {
        Backdrop::Raster(r) => {
            let vp = plan.viewport(w, h, scale);
            blit(ctx, &r.rgba, r.width, r.height, (left + vp.left) as f64, (top + vp.top) as f64)
        }
        Backdrop::Surface(s) => blit_over_white(ctx, &s.rgba, s.width, s.height, left as f64, top as f64),
        Backdrop::None => Ok(()),
    }
}

/// What a panel's axes were last drawn for: (window, width, height, pixel ratio).
type PanelKey = (panels::PanelFrame, u32, u32, f64);

/// Draws one panel: with an overlay, the axes on `base` only when `frame` or the size changed and
/// the series on the overlay; without one, both on `base`.
fn render_panel(
    base: &HtmlCanvasElement,
    overlay: Option<&HtmlCanvasElement>,
    drawn: &mut Option<PanelKey>,
    race: &Race,
    frame: panels::PanelFrame,
    scale: f64,
    draw: fn(&DrawingArea<PageBackend<'static>, plotters::coord::Shift>, &Race, panels::PanelFrame, panels::Layer, f64) -> crate::render::DrawResult,
) -> Result<(), JsError> {
    let Some(o) = overlay else {
        return draw(&backend(base)?.into_drawing_area(), race, frame, panels::Layer::Both, scale).map_err(js_err);
    };
    let key = (frame, base.width(), base.height(), scale);
    if *drawn != Some(key) {
        draw(&backend(base)?.into_drawing_area(), race, frame, panels::Layer::Axes, scale).map_err(js_err)?;
        *drawn = Some(key);
    }
    context(o)?.clear_rect(0.0, 0.0, o.width() as f64, o.height() as f64);
    draw(&backend(o)?.into_drawing_area(), race, frame, panels::Layer::Series, scale).map_err(js_err)
}

/// Blits an RGBA buffer whose untouched pixels are transparent: those become white.
fn blit_over_white(ctx: &CanvasRenderingContext2d, rgba: &[u8], w: usize, h: usize, x: f64, y: f64) -> Result<(), JsError> {
    let mut buf = rgba.to_vec();
    let bg = crate::render::theme::current().background;
    for px in buf.chunks_exact_mut(4) {
        if px[3] == 0 {
            px.copy_from_slice(&[bg.0, bg.1, bg.2, 255]);
        }
    }
    blit(ctx, &buf, w, h, x, y)
}

/// The text a worker needs to compute a raster grid: "raster", the scenario, the plane (origin, u,
/// v), the view and the grid size, one per line.
fn raster_spec(s: &Scenario, slice: &Slice, view: ViewBox, n: usize) -> String {
    let nums = |v: &[f64]| v.iter().map(|x| format!("{x:?}")).collect::<Vec<_>>().join(",");
    format!(
        "raster\n{}\n{}\n{}\n{}\n{}\n{n}",
        s,
        nums(&slice.origin),
        nums(&slice.u),
        nums(&slice.v),
        nums(&[view.x0, view.x1, view.y0, view.y1])
    )
}

/// "prepare" and the seeded scenario when building `s`'s race is costly enough for a worker, else "".
fn spec_if_costly(s: &Scenario) -> String {
    if s.build_cost() <= PREPARE_IN_POOL {
        return String::new();
    }
    let mut s = s.clone();
    s.seed = Some(s.seed_or_draw());
    format!("prepare\n{s}")
}

/// What building the race of `scenario` would have a worker compute: "" when it is cheap to build
/// here, else the spec for `runJobs` (its second line is the scenario with its seed: create the
/// Scope from that text, with the job's result). Throws the message naming a bad field.
#[wasm_bindgen(js_name = prepareSpec)]
pub fn prepare_spec(scenario: &str) -> Result<String, JsError> {
    let s = Scenario::parse(scenario).map_err(js_err)?;
    Ok(spec_if_costly(&s))
}
