//! The Hessian panel (every eigenvalue against step on a symmetric-log scale, negative half shaded,
//! the index as a strip) and the loss panel (f − f_min and ‖∇f‖ against step on log scales, with
//! event ticks).

use super::axis::{label, ticks, Axis};
use super::colormap;
use super::theme;
use super::DrawResult;
use crate::analysis::lab::figure::Scale;
use crate::run::Race;
use plotters::coord::Shift;
use plotters::prelude::*;


/// Scale of the symmetric log: linear within |λ| ≲ λ₀.
pub const SYMLOG_LAMBDA0: f64 = 1e-2;

/// sign(λ)·log₁₀(1 + |λ|/λ₀).
pub fn symlog(l: f64) -> f64 {
    l.signum() * crate::numeric::math::log10(1.0 + l.abs() / SYMLOG_LAMBDA0)
}

/// The inverse of [`symlog`].
pub fn symlog_inv(y: f64) -> f64 {
    y.signum() * (crate::numeric::math::powf(10.0, y.abs()) - 1.0) * SYMLOG_LAMBDA0
}

/// A tick label with one significant digit (symlog ticks fall on 0.09, 0.99, 9.99 …).
fn short(v: f64) -> String {
    let a = v.abs();
    if a < 1e-12 {
        return "0".into();
    }
    let mut e = crate::numeric::math::log10(a).floor();
    let mut m = (a / crate::numeric::math::powf(10.0, e)).round();
    if m >= 10.0 {
        // 0.0999… rounds up to the next decade: 0.1, not "0.10".
        m = 1.0;
        e += 1.0;
    }
    let r = v.signum() * m * crate::numeric::math::powf(10.0, e);
    if !(1e-3..1e5).contains(&a) {
        format!("{r:.0e}")
    } else if e >= 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.*}", (-e) as usize)
    }
}

type PanelChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

/// Round eigenvalues for the symmetric-log axis: 0, ±λ₀·10ᵏ (0.01, 0.1, 1, 10, …) inside
/// `lo..hi` (symlog units). The smallest magnitudes go first while there are more than seven or
/// two neighbours lie closer than `min_gap` (symlog units): the round decades 1, 10, … stay.
fn symlog_ticks(lo: f64, hi: f64, min_gap: f64) -> Vec<f64> {
    let mut mags: Vec<f64> = (0..8).map(|k| SYMLOG_LAMBDA0 * crate::numeric::math::powi(10.0, k)).collect();
    let place = |mags: &[f64]| {
        let mut out = vec![0.0];
        for m in mags {
            out.push(symlog(*m));
            out.push(symlog(-*m));
        }
        out.retain(|y| *y >= lo && *y <= hi);
        out.sort_by(|a, b| a.total_cmp(b));
        out
    };
    loop {
        let out = place(&mags);
        let crowded = out.windows(2).any(|w| w[1] - w[0] < min_gap);
        if (out.len() <= 7 && !crowded) || mags.len() <= 1 {
            return out;
        }
        // Drop the smallest magnitude that has a tick in range (or else the smallest).
        let k = mags.iter().position(|m| symlog(*m) <= hi || symlog(-*m) >= lo).unwrap_or(0);
        mags.remove(k);
    }
}

/// Which part of a panel to draw: its axes (background), its series (foreground), or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    Axes,
    Series,
    Both,
}

impl Layer {
    fn axes(self) -> bool {
        self != Layer::Series
    }
    fn series(self) -> bool {
        self != Layer::Axes
    }
}

/// The data window of a panel, rounded outwards to nice values so it changes only now and then
/// (the axes layer is redrawn only when it does).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PanelFrame {
    pub tmax: f64,
    pub ylo: f64,
    pub yhi: f64,
}

/// The smallest of 1, 2, 5 × 10ᵏ at least `v`.
fn nice_up(v: f64) -> f64 {
    let e = crate::numeric::math::powf(10.0, crate::numeric::math::log10(v.max(1e-300)).floor());
    for m in [1.0, 2.0, 5.0, 10.0] {
        if m * e >= v {
            return m * e;
        }
    }
    10.0 * e
}

/// Panel layout in CSS pixels: outer margin, right margin (room for the last step label), x-label
/// band (labels and the "step" title), y-label column, caption band.
const MARGIN: f64 = 6.0;
const RIGHT: f64 = 16.0;
const X_LABELS: f64 = 34.0;
const Y_LABELS: f64 = 40.0;
const CAPTION: f64 = 20.0;

/// The step under horizontal fraction `u` of a panel `width` device pixels wide.
pub fn step_at(race: &Race, u: f64, width: f64, scale: f64) -> u64 {
    let (left, right) = ((MARGIN + Y_LABELS) * scale, RIGHT * scale);
    let frac = ((u * width - left) / (width - left - right).max(1.0)).clamp(0.0, 1.0);
    (frac * step_range(race)).round() as u64
}

/// The caption that fits in `room` device pixels, and its font size: the whole caption at 11 px,
/// else shrunk down to 9 px, else its head (before " · ", then before " (") at 11 px down to 9 px;
/// the shortest one at 8 px if nothing fits (a very narrow panel).
fn fit_caption(caption: &str, room: f64, scale: f64) -> (String, f64) {
    let mut forms = vec![caption.to_string()];
    for cut in [" · ", " ("] {
        if let Some(head) = forms.last().and_then(|f| f.split(cut).next().map(str::to_string)) {
            if head.len() < forms.last().map_or(0, String::len) && !head.is_empty() {
                forms.push(head);
            }
        }
    }
    for form in &forms {
        if let Some(px) = super::text::fitting_px(form, room, 11.0 * scale, 9.0 * scale, 0.5 * scale) {
            return (form.clone(), px);
        }
    }
    (forms.last().cloned().unwrap_or_default(), 8.0 * scale)
}

/// A panel's chart: the caption (drawn by hand so the series layer can reserve the same room),
/// axes over `x` × `y`, step labels on x, `fmt_y` on y, bold grid only. Only the axes layer fills
/// the background and draws the mesh.
#[allow(clippy::too_many_arguments)]
fn panel<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    caption: &str,
    x: std::ops::Range<f64>,
    y: std::ops::Range<f64>,
    y_ticks: Vec<f64>,
    scale: f64,
    fmt_y: &dyn Fn(&f64) -> String,
    layer: Layer,
) -> DrawResult<PanelChart<'a, DB>> {
    let cap_h = (CAPTION * scale) as u32;
    let t = theme::current();
    if layer.axes() {
        area.fill(&t.background)?;
        let (w, _) = area.dim_in_pixel();
        let (text, px) = fit_caption(caption, w as f64 - 2.0 * MARGIN * scale, scale);
        let font = ("sans-serif", px as u32).into_font().color(&t.muted);
        let style = font.pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Center,
            plotters::style::text_anchor::VPos::Top,
        ));
        area.draw(&Text::new(text, (w as i32 / 2, (5.0 * scale) as i32), style))?;
    }
    let x_ticks = ticks(x.start, x.end, Scale::Linear, true);
    let mut chart = ChartBuilder::on(area)
        .margin((MARGIN * scale) as u32)
        .margin_right((RIGHT * scale) as u32)
        .margin_top(cap_h)
        .x_label_area_size((X_LABELS * scale) as u32)
        .y_label_area_size((Y_LABELS * scale) as u32)
        .build_cartesian_2d(Axis::with_ticks(x.start, x.end, x_ticks), Axis::with_ticks(y.start, y.end, y_ticks))?;
    if layer.axes() {
        let font = |px: f64| ("sans-serif", (px * scale) as u32).into_font().color(&t.ink);
        chart
            .configure_mesh()
            .x_labels(20)
            .y_labels(20)
            .y_label_formatter(fmt_y)
            .x_label_formatter(&|x| label(*x, Scale::Linear))
            .x_desc("step")
            .label_style(font(10.0))
            .axis_desc_style(font(10.0))
            .axis_style(t.axis)
            .light_line_style(TRANSPARENT)
            .bold_line_style(t.grid)
            .draw()?;
    }
    Ok(chart)
}

/// The height in device pixels of a panel's plotting rectangle.
fn plot_height<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, scale: f64) -> f64 {
    let (_, h) = area.dim_in_pixel();
    (h as f64 - (MARGIN + CAPTION + X_LABELS) * scale).max(1.0)
}

/// The range of steps shown: from 0 to the furthest run rounded up to 1, 2, 5 × 10ᵏ, at least 10.
pub fn step_range(race: &Race) -> f64 {
    nice_up(race.runs.iter().map(|r| r.t()).max().unwrap_or(0).max(10) as f64)
}

/// Indices of records to draw for a panel `width` pixels wide: at most about one per pixel.
fn thin(len: usize, width: i32) -> impl Iterator<Item = usize> {
    let stride = (len / (width.max(1) as usize)).max(1);
    (0..len).step_by(stride).chain(std::iter::once(len.saturating_sub(1))).filter(move |&i| i < len)
}

/// The Hessian panel's window: all steps, every recorded eigenvalue (symlog, in half units).
pub fn hessian_frame(race: &Race) -> PanelFrame {
    let mut lo = -1e-2f64;
    let mut hi = 1e-2f64;
    for r in &race.runs {
        let rec = r.records();
        for i in 0..rec.len() {
            for &l in rec.eigenvalues(i) {
                lo = lo.min(l);
                hi = hi.max(l);
            }
        }
    }
    let step = 0.5;
    let data_lo = (symlog(lo) / step).floor() * step - 0.15;
    let yhi = (symlog(hi) / step).ceil() * step + 0.15;
    // Below the data, a band for the index strips (one bar per run): they never cover a curve.
    let band = (yhi - data_lo) * STRIP * (race.runs.len().max(1) as f64 + 0.6);
    PanelFrame { tmax: step_range(race), ylo: data_lo - band, yhi }
}

/// Height of one run's index bar, as a share of the Hessian panel's data range.
const STRIP: f64 = 0.035;

/// The lowest eigenvalue row of the Hessian panel (above its strip band).
fn hessian_data_lo(frame: &PanelFrame, runs: usize) -> f64 {
    let n = runs.max(1) as f64 + 0.6;
    // ylo = data_lo − (yhi − data_lo)·STRIP·n  ⇒  data_lo = (ylo + yhi·STRIP·n)/(1 + STRIP·n).
    (frame.ylo + frame.yhi * STRIP * n) / (1.0 + STRIP * n)
}

/// Every Hessian eigenvalue of every run against step.
pub fn draw_hessian<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, race: &Race, scale: f64) -> DrawResult {
    draw_hessian_layer(area, race, hessian_frame(race), Layer::Both, scale)
}

/// One layer of the Hessian panel over `frame`.
pub fn draw_hessian_layer<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, race: &Race, frame: PanelFrame, layer: Layer, scale: f64) -> DrawResult {
    let (tmax, ylo, yhi) = (frame.tmax, frame.ylo, frame.yhi);
    let data_lo = hessian_data_lo(&frame, race.runs.len());
    let fmt_y = |y: &f64| short(symlog_inv(*y));
    let caption = "Hessian eigenvalues λᵢ (symlog; red: λ < 0) · bars: index > 0";
    // Tick labels at least 14 CSS pixels apart.
    let units_per_px = (yhi - ylo) / plot_height(area, scale);
    let y_ticks = symlog_ticks(data_lo, yhi, 14.0 * scale * units_per_px);
    let mut chart = panel(area, caption, 0.0..tmax, ylo..yhi, y_ticks, scale, &fmt_y, layer)?;
    if layer.axes() {
        // The negative half, shaded, and the zero line; a line above the strip band.
        chart.draw_series(std::iter::once(Rectangle::new([(0.0, data_lo), (tmax, 0.0)], RGBColor(220, 50, 47).mix(0.1).filled())))?;
        chart.draw_series(std::iter::once(PathElement::new(vec![(0.0, 0.0), (tmax, 0.0)], RGBColor(190, 70, 70))))?;
        chart.draw_series(std::iter::once(PathElement::new(vec![(0.0, data_lo), (tmax, data_lo)], theme::current().grid)))?;
    }
    if !layer.series() {
        return Ok(());
    }
    let (w, _) = area.dim_in_pixel();
    let strip_h = (yhi - data_lo) * STRIP;
    for (k, r) in race.runs.iter().enumerate() {
        let rec = r.records();
        let d = rec.dim();
        let c = colormap::run(k);
        let col = RGBColor(c.0, c.1, c.2);
        for j in 0..d.min(12) {
            let pts: Vec<(f64, f64)> = thin(rec.len(), w as i32).map(|i| (rec.step(i) as f64, symlog(rec.eigenvalues(i)[j]))).collect();
            let st = if j == 0 { col.stroke_width((2.0 * scale) as u32) } else { col.mix(0.55).stroke_width((1.0 * scale).max(1.0) as u32) };
            chart.draw_series(std::iter::once(PathElement::new(pts, st)))?;
        }
        // Index strip: one bar per run in the band below the curves, where the index is positive.
        let y2 = data_lo - strip_h * (k as f64 + 0.3);
        let y1 = y2 - strip_h * 0.8;
        // Consecutive records with the same index form one band.
        let mut start: Option<(f64, usize)> = None;
        let mut bands: Vec<(f64, f64, usize)> = Vec::new();
        for i in thin(rec.len(), w as i32 / 2) {
            let (t, k) = (rec.step(i) as f64, rec.index(i));
            match start {
                Some((t0, k0)) if k0 != k => {
                    bands.push((t0, t, k0));
                    start = Some((t, k));
                }
                None => start = Some((t, k)),
                _ => {}
            }
        }
        if let Some((t0, k0)) = start {
            bands.push((t0, r.t() as f64, k0));
        }
        for (t0, t1, k) in bands.into_iter().filter(|b| b.2 > 0) {
            let alpha = (0.35 + 0.25 * k as f64).min(1.0);
            chart.draw_series(std::iter::once(Rectangle::new([(t0, y1), (t1.max(t0 + tmax * 0.002), y2)], col.mix(alpha).filled())))?;
        }
    }
    Ok(())
}

/// f_min for the loss panel: the landscape's, or the lowest recorded loss.
fn loss_floor(race: &Race) -> f64 {
    let mut f_min = race.f_min().unwrap_or(f64::INFINITY);
    for r in &race.runs {
        let rec = r.records();
        for i in 0..rec.len() {
            f_min = f_min.min(rec.loss(i));
        }
    }
    f_min
}

const LOSS_FLOOR: f64 = 1e-16;

/// The loss panel's window: all steps, log₁₀ of f − f_min and ‖∇f‖ in whole decades.
pub fn loss_frame(race: &Race, width: u32) -> PanelFrame {
    let f_min = loss_floor(race);
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for r in &race.runs {
        let rec = r.records();
        for i in thin(rec.len(), width as i32) {
            for v in [crate::numeric::math::log10((rec.loss(i) - f_min).max(LOSS_FLOOR)), crate::numeric::math::log10(rec.grad_norm(i).max(LOSS_FLOOR))] {
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
    }
    if !lo.is_finite() {
        lo = -1.0;
        hi = 1.0;
    }
    let (ylo, data_hi) = (lo.floor() - 0.2, hi.ceil() + 0.2);
    // Above the data, a band for the event ticks (one row per run): they never cover a curve or
    // a tick label.
    let band = (data_hi - ylo) * EVENT_ROW * (race.runs.len().max(1) as f64 + 0.4);
    PanelFrame { tmax: step_range(race), ylo, yhi: data_hi + band }
}

/// Height of one run's row of event ticks, as a share of the loss panel's data range.
const EVENT_ROW: f64 = 0.035;

/// The highest loss row of the loss panel (below its event band).
fn loss_data_hi(frame: &PanelFrame, runs: usize) -> f64 {
    let n = runs.max(1) as f64 + 0.4;
    // yhi = data_hi + (data_hi − ylo)·EVENT_ROW·n  ⇒  data_hi = (yhi + ylo·EVENT_ROW·n)/(1 + EVENT_ROW·n).
    (frame.yhi + frame.ylo * EVENT_ROW * n) / (1.0 + EVENT_ROW * n)
}

/// f − f_min and ‖∇f‖ against step on log scales, with a tick per event.
pub fn draw_loss<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, race: &Race, scale: f64) -> DrawResult {
    let (w, _) = area.dim_in_pixel();
    draw_loss_layer(area, race, loss_frame(race, w), Layer::Both, scale)
}

/// One layer of the loss panel over `frame`.
pub fn draw_loss_layer<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, race: &Race, frame: PanelFrame, layer: Layer, scale: f64) -> DrawResult {
    let (tmax, lo, hi) = (frame.tmax, frame.ylo, frame.yhi);
    let (w, _) = area.dim_in_pixel();
    let fmt_y = |y: &f64| label(*y, Scale::Log);
    let data_hi = loss_data_hi(&frame, race.runs.len());
    let caption = "f − f_min (solid) and ‖∇f‖ (faint), log scale · ticks: events";
    let mut chart = panel(area, caption, 0.0..tmax, lo..hi, ticks(lo, data_hi, Scale::Log, false), scale, &fmt_y, layer)?;
    if layer.axes() {
        chart.draw_series(std::iter::once(PathElement::new(vec![(0.0, data_hi), (tmax, data_hi)], theme::current().grid)))?;
    }
    if !layer.series() {
        return Ok(());
    }
    let f_min = loss_floor(race);
    let excess = |f: f64| crate::numeric::math::log10((f - f_min).max(LOSS_FLOOR));
    let gn = |g: f64| crate::numeric::math::log10(g.max(LOSS_FLOOR));
    for (k, r) in race.runs.iter().enumerate() {
        let rec = r.records();
        let c = colormap::run(k);
        let col = RGBColor(c.0, c.1, c.2);
        let pts: Vec<(f64, f64)> = thin(rec.len(), w as i32).map(|i| (rec.step(i) as f64, gn(rec.grad_norm(i)))).collect();
        chart.draw_series(std::iter::once(PathElement::new(pts, col.mix(0.45).stroke_width((1.0 * scale).max(1.0) as u32))))?;
        let pts: Vec<(f64, f64)> = thin(rec.len(), w as i32).map(|i| (rec.step(i) as f64, excess(rec.loss(i)))).collect();
        chart.draw_series(std::iter::once(PathElement::new(pts, col.stroke_width((2.0 * scale) as u32))))?;
        // Event ticks: one row per run in the band above the curves.
        let row = (data_hi - lo) * EVENT_ROW;
        let y_top = hi - row * (k as f64 + 0.2);
        let band = row * 0.8;
        let mut last_px = i64::MIN;
        for e in r.events() {
            if e.kind.repeats() || matches!(e.kind, crate::optim::event::EventKind::EnteredSaddleRegion { .. } | crate::optim::event::EventKind::EscapedSaddle { .. }) {
                let px = (e.step as f64 / tmax * w as f64) as i64;
                if px == last_px {
                    continue;
                }
                last_px = px;
                let t = e.step as f64;
                chart.draw_series(std::iter::once(PathElement::new(vec![(t, y_top), (t, y_top - band)], col.stroke_width((1.5 * scale).max(1.0) as u32))))?;
            }
        }
    }
    Ok(())
}

/// Survival curves of escape times: the fraction of the runs that came near the saddle still there
/// after t steps, one curve per optimizer, with median markers (the heavy tail ∝ ln(1/|u₀|) shows as
/// a long shoulder). On a chain of saddles: the fraction not yet in the last basin.
pub fn draw_escape<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, stats: &[crate::analysis::escape::EscapeStats], scale: f64) -> DrawResult {
    use crate::landscape::SaddleRoute;
    let chain = stats.first().is_some_and(|s| s.route == SaddleRoute::Chain);
    let series: Vec<Vec<Option<u64>>> =
        stats.iter().map(|s| if chain { s.outcomes.iter().map(|o| o.total).collect() } else { s.times() }).collect();
    let tmax = series.iter().flatten().flatten().copied().max().unwrap_or(10).max(10) as f64 * 1.05;
    let seeds = stats.first().map_or(0, |s| s.seeds);
    let caption = if chain {
        format!("not yet in the last basin after t steps ({seeds} seeds)")
    } else {
        format!("still at the saddle after t steps ({seeds} seeds)")
    };
    let fmt_y = |y: &f64| format!("{y:.1}");
    let mut chart = panel(area, &caption, 0.0..tmax, 0.0..1.05, ticks(0.0, 1.0, Scale::Linear, false), scale, &fmt_y, Layer::Both)?;
    let mut legend: Vec<(String, super::legend::Swatch)> = Vec::new();
    // The curves in pixels of the plotting area, sampled: the legend goes where it covers least.
    let mut covered: Vec<(f64, f64, f64, f64)> = Vec::new();
    let plot = chart.plotting_area().clone();
    let base = plot.get_base_pixel();
    let to_px = |p: (f64, f64)| {
        let q = plot.map_coordinate(&p);
        ((q.0 - base.0) as f64, (q.1 - base.1) as f64)
    };
    for (k, (st, times)) in stats.iter().zip(&series).enumerate() {
        let c = colormap::run(k);
        let col = RGBColor(c.0, c.1, c.2);
        let n = times.len().max(1) as f64;
        let mut ts: Vec<f64> = times.iter().flatten().map(|t| *t as f64).collect();
        crate::numeric::sort::sort_f64(&mut ts);
        let mut pts = vec![(0.0, 1.0)];
        for (i, t) in ts.iter().enumerate() {
            pts.push((*t, 1.0 - i as f64 / n));
            pts.push((*t, 1.0 - (i + 1) as f64 / n));
        }
        pts.push((tmax, 1.0 - ts.len() as f64 / n));
        if times.is_empty() {
            // No run came near: there is no time at the saddle to draw (not a line stuck at 1).
            let mut label = format!("{}: went around it, no escape time", st.optimizer);
            if st.elsewhere() == st.outcomes.len() {
                label = format!("{}: never came near a saddle", st.optimizer);
            }
            legend.push((label, super::legend::Swatch::Line(col.stroke_width(2))));
            continue;
        }
        let mut label = format!("{} ({}/{} {})", st.optimizer, ts.len(), times.len(), if chain { "arrived" } else { "escaped" });
        if st.bypassed() > 0 && !chain {
            label += &format!(", {} went around it", st.bypassed());
        }
        if st.deterministic {
            label += ", deterministic: 1 run";
        }
        for w in pts.windows(2) {
            let (a, b) = (to_px(w[0]), to_px(w[1]));
            let pad = 3.0 * scale;
            covered.push((a.0.min(b.0) - pad, a.1.min(b.1) - pad, a.0.max(b.0) + pad, a.1.max(b.1) + pad));
        }
        chart.draw_series(std::iter::once(PathElement::new(pts, col.stroke_width((2.0 * scale) as u32))))?;
        legend.push((label, super::legend::Swatch::Line(col.stroke_width(2))));
        let m = crate::analysis::escape::quantiles(times).0;
        if m.is_finite() {
            chart.draw_series(std::iter::once(Circle::new((m, 0.5), (4.0 * scale) as i32, col.filled())))?;
        }
    }
    let style = super::legend::LegendStyle::of(theme::current(), ((10.0 * scale) as u32) as f64, scale);
    super::legend::draw_avoiding(&chart.plotting_area().strip_coord_spec(), &legend, &style, &covered)
}

#[cfg(test)]
mod tests {
    use super::fit_caption;

    #[test]
    fn a_caption_keeps_its_words_when_it_fits_and_its_head_when_it_does_not() {
        let c = "Hessian eigenvalues λᵢ (symlog; red: λ < 0) · bars: index > 0";
        assert_eq!(fit_caption(c, 2000.0, 1.0), (c.to_string(), 11.0));
        let width = |t: &str, px: f64| crate::render::text::text_size(t, px).0 as f64;
        let head = "Hessian eigenvalues λᵢ (symlog; red: λ < 0)";
        // Too narrow for the whole at 9 px, wide enough for its head at 9 px.
        let room = width(head, 9.0).max(width(c, 9.0) - 1.0);
        let (t, px) = fit_caption(c, room, 1.0);
        assert_eq!(t, head);
        assert!((9.0..=11.0).contains(&px) && width(&t, px) <= room);
        let (t, _) = fit_caption(c, width(head, 9.0) - 1.0, 1.0);
        assert_eq!(t, "Hessian eigenvalues λᵢ");
        // Scaled for a 2× canvas, the same choice.
        assert_eq!(fit_caption(c, 2.0 * room, 2.0).0, head);
    }
}
