//! Drawing what a [`ViewPlan`] shows, against any plotters backend: the view's layers (for the
//! page's stacked canvases) and the whole figure (view, panels, caption) for exports, posters and
//! the CLI's `figure`. The dense layer (raster or shaded surface) is placed by the caller, who
//! knows the backend: an `ImageData` on a canvas, bands and polygons in an SVG.

use super::plan::{Backdrop, PanelKind, ViewKind, ViewPlan};
use super::view3d::Normaliser;
use super::{panels, view2d, view3d, DrawResult};
use crate::run::Race;
use plotters::coord::Shift;
use plotters::prelude::*;

fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("drawing failed: {e:?}")
}

/// A rectangle in pixels: left, top, width, height.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rect {
    pub left: i32,
    pub top: i32,
    pub width: u32,
    pub height: u32,
}

/// Where the parts of a figure go.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub view: Rect,
    pub panels: Vec<(PanelKind, Rect)>,
    pub caption: Rect,
}

/// Height of the caption line in CSS pixels.
pub const CAPTION: f64 = 22.0;

/// The figure of `plan` in `w × h` pixels: the view on the left (all of it without panels), the
/// panels stacked on the right (40% of the width), a caption line along the bottom.
pub fn layout(plan: &ViewPlan, w: u32, h: u32, scale: f64) -> Layout {
    let cap = ((CAPTION * scale).round() as u32).min(h / 4);
    let body = h - cap;
    let n = plan.panels.len() as u32;
    let view_w = if n == 0 { w } else { (w as f64 * 0.6).round() as u32 };
    let side = w - view_w;
    let panels = plan
        .panels
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let top = body * k as u32 / n.max(1);
            let bottom = body * (k as u32 + 1) / n.max(1);
            (*p, Rect { left: view_w as i32, top: top as i32, width: side, height: bottom - top })
        })
        .collect();
    Layout { view: Rect { left: 0, top: 0, width: view_w, height: body }, panels, caption: Rect { left: 0, top: body as i32, width: w, height: cap } }
}

/// The view's lines and labels under the runs: axes and critical points (2D), the box (surface).
pub fn draw_background<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, plan: &ViewPlan, race: &Race, scale: f64) -> DrawResult {
    let (w, h) = area.dim_in_pixel();
    match plan.kind {
        ViewKind::Plane => {
            let vp = plan.viewport(w, h, scale);
            view2d::draw_axes(area, &vp, &plan.slice.labels, scale)?;
            view2d::draw_outside_label(area, &vp, &plan.slice, race.landscape().as_ref(), scale)?;
            view2d::draw_critical(area, &vp, &plan.slice, race.critical_points(), scale)
        }
        ViewKind::Surface => {
            let labels = &plan.slice.labels;
            view3d::draw_frame(area, &plan.projection(w, h), [labels[0].as_str(), labels[1].as_str(), "f"], scale)
        }
        ViewKind::ParameterBox | ViewKind::Coordinates => Ok(()),
    }
}

/// The runs: trajectories, current points, events and legend (2D), paths on the surface (with the
/// surface's normaliser), the parameter box, or the coordinates against the step.
pub fn draw_foreground<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, plan: &ViewPlan, race: &Race, scale: f64, surface: Option<&Normaliser>) -> DrawResult {
    let (w, h) = area.dim_in_pixel();
    match plan.kind {
        ViewKind::Plane => view2d::draw_runs(area, &plan.viewport(w, h, scale), &plan.slice, race, scale, plan.overlay),
        ViewKind::Surface => match surface {
            Some(n) => view3d::draw_surface_runs(area, &plan.projection(w, h), n, &plan.slice, race, scale),
            None => Ok(()),
        },
        ViewKind::ParameterBox => view3d::draw_parameter_box(area, &plan.projection(w, h), race, scale),
        ViewKind::Coordinates => view3d::draw_coordinates(area, race, scale),
    }
}

/// One panel, complete.
pub fn draw_panel<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, kind: PanelKind, race: &Race, scale: f64) -> DrawResult {
    match kind {
        PanelKind::Hessian => panels::draw_hessian(area, race, scale),
        PanelKind::Loss => panels::draw_loss(area, race, scale),
    }
}

/// The caption of a figure: the scenario, the step the race has reached and the seed.
pub fn caption(race: &Race) -> String {
    let step = race.runs.iter().map(|r| r.t()).max().unwrap_or(0);
    let mut s = race.scenario().to_string();
    if s.chars().count() > 150 {
        s = s.chars().take(149).collect::<String>() + "…";
    }
    format!("{s} · step {step} · seed {} · saddlescope", race.seed())
}

/// The whole figure of `plan` on `root` (which the caller has cleared): `dense(view, backdrop)`
/// first puts the dense layer into the view rectangle (absolute pixels), then the view's lines,
/// the runs, the panels and the caption are drawn over it.
pub fn draw_figure<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plan: &ViewPlan,
    race: &Race,
    backdrop: &Backdrop,
    scale: f64,
    caption: &str,
    dense: &mut dyn FnMut(Rect, &Backdrop) -> DrawResult,
) -> DrawResult {
    let (w, h) = root.dim_in_pixel();
    let lay = layout(plan, w, h, scale);
    let sub = |r: Rect| root.clone().shrink((r.left, r.top), (r.width, r.height));
    let view = sub(lay.view);
    dense(lay.view, backdrop)?;
    draw_background(&view, plan, race, scale)?;
    let norm = match backdrop {
        Backdrop::Surface(s) => Some(&s.normaliser),
        _ => None,
    };
    draw_foreground(&view, plan, race, scale, norm)?;
    for (kind, r) in &lay.panels {
        draw_panel(&sub(*r), *kind, race, scale)?;
    }
    if lay.caption.height > 0 {
        let c = lay.caption;
        let font = ("sans-serif", (11.0 * scale) as u32).into_font().color(&super::theme::current().muted);
        let style = font.pos(plotters::style::text_anchor::Pos::new(plotters::style::text_anchor::HPos::Left, plotters::style::text_anchor::VPos::Center));
        root.draw(&Text::new(caption.to_string(), (c.left + (8.0 * scale) as i32, c.top + c.height as i32 / 2), style)).map_err(err)?;
    }
    Ok(())
}
