//! Text reports of landscapes, critical points, points and runs, shared by the CLI and the page.

use crate::numeric::eigen::{index_and_degenerate, sym_eigen};
use crate::numeric::json;
use crate::landscape::{self, custom, CriticalPoint, Landscape, ParamSpec};
use crate::scenario::Scenario;
use crate::optim;
use crate::run::Run;

fn spec_json(p: &ParamSpec) -> String {
    let mut f = vec![("name", json::string(p.name)), ("default", json::num(p.default))];
    if p.choices.is_empty() {
        f.push(("min", json::num(p.min)));
        f.push(("max", json::num(p.max)));
        f.push(("integer", p.integer.to_string()));
    } else {
        f.push(("choices", format!("[{}]", p.choices.iter().map(|c| json::string(c)).collect::<Vec<_>>().join(","))));
        f.push(("default", json::string(p.choices[p.default as usize])));
    }
    f.push(("doc", json::string(p.doc)));
    json::object(&f)
}

/// Every landscape and optimizer with their parameters, defaults and ranges, the custom landscape's
/// presets and the scenario's limits, as JSON.
pub fn catalogue_json() -> String {
    let ls: Vec<String> = landscape::LANDSCAPES
        .iter()
        .map(|l| {
            json::object(&[
                ("id", json::string(l.id)),
                ("title", json::string(l.title)),
                ("about", json::string(l.about)),
                ("curvature", l.curvature.map_or("null".into(), json::string)),
                ("params", format!("[{}]", l.params.iter().map(spec_json).collect::<Vec<_>>().join(","))),
                ("expression", landscape::takes_expression(l.id).to_string()),
            ])
        })
        .collect();
    let presets: Vec<String> = custom::PRESETS
        .iter()
        .map(|p| json::object(&[("title", json::string(p.title)), ("scenario", json::string(p.scenario))]))
        .collect();
    let os: Vec<String> = optim::OPTIMIZERS
        .iter()
        .map(|o| {
            json::object(&[
                ("id", json::string(o.id)),
                ("title", json::string(o.title)),
                ("about", json::string(o.about)),
                ("lr", json::num(o.lr)),
                ("noise", json::num(o.noise)),
                ("params", format!("[{}]", o.params.iter().map(spec_json).collect::<Vec<_>>().join(","))),
            ])
        })
        .collect();
    let strings = |v: &[&str]| format!("[{}]", v.iter().map(|k| json::string(k)).collect::<Vec<_>>().join(","));
    let colours = |bg: usize| {
        let _ = bg;
        format!("[{}]", crate::render::colormap::RUNS.iter().map(|c| json::string(&crate::render::colormap::hex(*c))).collect::<Vec<_>>().join(","))
    };
    let dashes = format!("[{}]", crate::render::colormap::DASHES.iter().map(|(a, b)| format!("[{},{}]", json::num(*a), json::num(*b))).collect::<Vec<_>>().join(","));
    let slider = |r: &crate::scenario::SliderRange| {
        json::object(&[
            ("min", json::num(r.min)),
            ("max", json::num(r.max)),
            ("log", r.log.to_string()),
            ("zero", r.zero.to_string()),
            ("integer", r.integer.to_string()),
        ])
    };
    let limits = {
        use crate::scenario::{MAX_COORD, MAX_LR, MAX_NOISE, MAX_SPEED, MAX_STEPS, MAX_WORKERS, PLANE_PICKER_COORDS, POOL_WORKERS};
        json::object(&[
            ("max_race", crate::scenario::MAX_RACE.to_string()),
            ("max_steps", MAX_STEPS.to_string()),
            ("max_speed", MAX_SPEED.to_string()),
            ("max_workers", MAX_WORKERS.to_string()),
            ("max_lr", json::num(MAX_LR)),
            ("max_noise", json::num(MAX_NOISE)),
            ("max_coord", json::num(MAX_COORD)),
            ("pool_workers", POOL_WORKERS.to_string()),
            ("plane_picker_coords", PLANE_PICKER_COORDS.to_string()),
            ("escape_seeds", crate::analysis::escape::DEFAULT_SEEDS.to_string()),
        ])
    };
    let page = json::object(&[
        ("keys", strings(&[crate::scenario::KEYS, &[crate::scenario::EXPRESSION_KEY]].concat())),
        ("controls", strings(crate::scenario::CONTROLS)),
        ("element_controls", strings(crate::scenario::ELEMENT_CONTROLS)),
        ("default", json::string(crate::scenario::DEFAULT_SCENARIO)),
        ("default_landscape", json::string(crate::scenario::Scenario::default().landscape)),
        (
            "figure",
            json::object(&[
                ("width", crate::render::FIGURE_SIZE.0.to_string()),
                ("height", crate::render::FIGURE_SIZE.1.to_string()),
                ("png_scales", format!("[{}]", crate::render::PNG_SCALES.iter().map(|k| k.to_string()).collect::<Vec<_>>().join(","))),
            ]),
        ),
        ("limits", limits),
        ("run_colours", colours(0)),
        ("run_dashes", dashes),
        (
            "sliders",
            json::object(&[
                ("lr", slider(&crate::scenario::LR_SLIDER)),
                ("noise", slider(&crate::scenario::NOISE_SLIDER)),
                ("speed", slider(&crate::scenario::SPEED_SLIDER)),
            ]),
        ),
    ]);
    format!(
        "{{\"landscapes\":[{}],\"optimizers\":[{}],\"presets\":[{}],\"page\":{page}}}",
        ls.join(","),
        os.join(","),
        presets.join(",")
    )
}

/// The catalogue as aligned text.
pub fn catalogue_text() -> String {
    let mut s = String::from("Landscapes (landscape=<id>, parameters by name):\n");
    let fmt = |p: &ParamSpec| -> String {
        if p.choices.is_empty() {
            format!(
                "    {:<9} default {:<10} range [{}, {}]{}  {}\n",
                p.name,
                p.format(p.default),
                p.format(p.min),
                p.format(p.max),
                if p.integer { " whole" } else { "" },
                p.doc
            )
        } else {
            format!("    {:<9} default {:<10} one of {}  {}\n", p.name, p.format(p.default), p.choices.join("|"), p.doc)
        }
    };
    for l in landscape::LANDSCAPES {
        s += &format!("  {:<11} {}{}\n", l.id, l.title, l.curvature.map_or(String::new(), |c| format!(" (curvature knob: {c})")));
        for p in l.params {
            s += &fmt(p);
        }
        if landscape::takes_expression(l.id) {
            s += &format!(
                "    f=<expression in x, y[, z]> (default {}); p.<name>=value[:min:max] names a parameter (at most {})\n",
                custom::DEFAULT_EXPRESSION,
                custom::MAX_PARAMS
            );
            s += &format!("    functions: {}, min, max; constants pi, e; + - * / ^\n", custom::NAMES1.iter().map(|f| f.0).collect::<Vec<_>>().join(", "));
            for p in custom::PRESETS {
                s += &format!("    example: {}  '{}'\n", p.title, p.scenario);
            }
        }
    }
    s += "\nOptimizers (opt=<id>,<id>,…; lr=, noise= for all; <id>.<param>= for one):\n";
    for o in optim::OPTIMIZERS {
        s += &format!("  {:<11} {} (lr {}, noise {})\n", o.id, o.title, o.lr, o.noise);
        for p in o.params {
            s += &fmt(p);
        }
    }
    s
}

/// JSON for one critical point.
pub fn critical_json(c: &CriticalPoint) -> String {
    json::object(&[
        ("point", json::nums(&c.point)),
        ("f", json::num(c.f)),
        ("type", json::string(c.kind.name())),
        ("index", c.index.to_string()),
        ("eigenvalues", json::nums(&c.eigenvalues)),
        ("note", json::string(c.note)),
    ])
}

/// Value, gradient, Hessian and its spectrum at x, as (json, text).
pub fn eval(l: &dyn Landscape, x: &[f64]) -> (String, String) {
    let d = l.dim();
    let mut g = vec![0.0; d];
    let mut h = vec![0.0; d * d];
    let f = l.value(x);
    l.gradient(x, &mut g);
    l.hessian(x, &mut h);
    let mut vals = vec![0.0; d];
    let mut vecs = vec![0.0; d * d];
    sym_eigen(d, &h, &mut vals, Some(&mut vecs));
    let (index, degenerate) = index_and_degenerate(&vals);
    let cols: Vec<Vec<f64>> = (0..d).map(|k| (0..d).map(|r| vecs[r * d + k]).collect()).collect();
    let rows: Vec<Vec<f64>> = (0..d).map(|r| h[r * d..(r + 1) * d].to_vec()).collect();
    let js = json::object(&[
        ("point", json::nums(x)),
        ("f", json::num(f)),
        ("gradient", json::nums(&g)),
        ("grad_norm", json::num(crate::numeric::math::norm(&g))),
        ("hessian", format!("[{}]", rows.iter().map(|r| json::nums(r)).collect::<Vec<_>>().join(","))),
        ("eigenvalues", json::nums(&vals)),
        ("eigenvectors", format!("[{}]", cols.iter().map(|c| json::nums(c)).collect::<Vec<_>>().join(","))),
        ("index", index.to_string()),
        ("degenerate", degenerate.to_string()),
        ("in_domain", l.in_domain(x).to_string()),
    ]);
    let mut t = format!("point        {:?}\nf            {f:?}\ngradient     {g:?}\n‖∇f‖         {:?}\nhessian\n", x, crate::numeric::math::norm(&g));
    for r in &rows {
        t += &format!("  {r:?}\n");
    }
    t += &format!("eigenvalues  {vals:?}\n");
    for (k, c) in cols.iter().enumerate() {
        t += &format!("  v{}         {c:?}\n", k + 1);
    }
    t += &format!("index        {index} (degenerate directions: {degenerate})\n");
    if !l.in_domain(x) {
        t += "note         the point is outside the landscape's domain\n";
    }
    (js, t)
}

/// A number in a readout: three significant digits in exponent form (`1.23e-4`).
/// Three significant digits, plain between 0.001 and 10⁴ (0.05, 20, 0.0134), else scientific.
fn sig3(v: f64) -> String {
    let a = v.abs();
    if a == 0.0 || !v.is_finite() {
        return if v == 0.0 { "0".into() } else { "–".into() };
    }
    if !(1e-3..1e4).contains(&a) {
        return sci(v, 2);
    }
    let decimals = (2 - a.log10().floor() as i32).max(0) as usize;
    let s = format!("{v:.decimals$}");
    if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s }
}

fn sci(v: f64, digits: usize) -> String {
    if v.is_finite() {
        format!("{v:.digits$e}")
    } else {
        "–".into()
    }
}

/// The stability warning of a plain gradient step: η above GD's local bound 2/λ_max.
pub fn run_warning(r: &Run) -> Option<String> {
    let applies = r.info.lr_kind == crate::optim::LrKind::Curvature;
    let bound = r.stability_bound();
    (applies && bound.is_finite() && r.hyper().lr > bound).then(|| format!("η = {} > 2/λmax = {}: GD is unstable here", sci(r.hyper().lr, 2), sci(bound, 2)))
}

/// One run as a line of the page's readout: step, f, ‖∇f‖, the spectrum's ends, index, status,
/// escape time, the optimizer's live quantities, why it stopped, and the stability warning.
pub fn run_readout(r: &Run) -> String {
    run_readout_cells(r).join("  ")
}

/// The readout of one run as separate fields (id, step, f, ‖∇f‖, the eigenvalue range, index,
/// status, then escape time, optimizer readouts, notes and warnings), so a narrow page can wrap
/// them between fields.
pub fn run_readout_cells(r: &Run) -> Vec<String> {
    let a = r.analysis();
    let mut cells = vec![
        format!("{:<9}", r.id()),
        format!("step {:>6}", r.t()),
        format!("f {}", sci(a.f, 3)),
        format!("‖∇f‖ {}", sci(a.grad_norm, 2)),
        format!("λ {}…{}", sci(a.eigenvalues[0], 2), sci(*a.eigenvalues.last().unwrap_or(&0.0), 2)),
        format!("index {}", a.index),
        r.status().name().to_string(),
    ];
    if let Some(c) = saddle_cell(r) {
        cells.push(c);
    }
    // The optimizer's own readouts (PGD's r, g_thres, …), one field each.
    cells.extend(r.readout().iter().map(|(k, v)| format!("{k} {}", sig3(*v))));
    if r.done() && r.status() == crate::run::Status::Running {
        cells.push(format!("(step limit {}: set steps= higher to go on)", r.max_steps()));
    } else if r.status() == crate::run::Status::Diverged {
        cells.push(format!("({}; lower η or reset)", r.stop_reason()));
    } else if r.status() == crate::run::Status::LeftDomain && r.t() == 0 {
        cells.push("(f is not defined at the start: pick another start)".into());
    } else if r.status() == crate::run::Status::LeftDomain {
        cells.push("(left the region where f is defined)".into());
    } else if r.status() == crate::run::Status::Converged && r.stop_reason().contains("degenerate") {
        cells.push("(a degenerate minimum: flat directions)".into());
    }
    if let Some(w) = run_warning(r) {
        cells.push(format!("⚠ {w}"));
    }
    cells
}

/// What the run has done at the saddles so far (docs/science.md §4.2): its escape time (t_out −
/// t_in), or that it went around the saddle; on a chain, where it is along the chain and when it
/// reached the last basin (the first saddle's time alone would say nothing of the others).
fn saddle_cell(r: &Run) -> Option<String> {
    use crate::run::escape::SaddleOutcome;
    let tr = r.escape();
    if r.saddle_route() == crate::landscape::SaddleRoute::Chain {
        let n = tr.outcomes.len();
        if n == 0 {
            return None;
        }
        let passed = tr.outcomes.iter().filter(|o| o.decided()).count();
        return Some(match tr.outcomes.last().and_then(|o| o.below_at()) {
            Some(t) => format!("last basin at step {t}"),
            None if tr.outcomes.iter().any(|o| matches!(o, SaddleOutcome::Inside { .. })) => format!("at saddle {} of {n}", passed + 1),
            None => format!("{passed} of {n} saddles passed"),
        });
    }
    if let Some(t) = r.escape_time() {
        return Some(format!("escape {t}"));
    }
    // Once a run has stopped (at a minimum, say) its status speaks; while it moves, say that it
    // passed the saddle's level without coming near.
    if r.status() != crate::run::Status::Running {
        return None;
    }
    tr.outcomes
        .iter()
        .filter_map(|o| match o {
            SaddleOutcome::Bypassed { t } => Some(*t),
            _ => None,
        })
        .min()
        .map(|t| format!("went around the saddle (below it at step {t})"))
}

/// One run in words for a screen reader's live region.
pub fn run_spoken(r: &Run) -> String {
    let a = r.analysis();
    let reason = r.stop_reason();
    format!(
        "{}: step {}, loss {:.3e}, lambda min {:.3e}, index {}, {}",
        r.id(),
        r.t(),
        a.f,
        a.eigenvalues[0],
        a.index,
        if reason.is_empty() { r.status().name().to_string() } else { reason }
    )
}

/// One run's current state as JSON (what the page's `state()` returns per run).
pub fn run_state_json(r: &Run) -> String {
    let a = r.analysis();
    json::object(&[
        ("optimizer", json::string(r.id())),
        ("step", r.t().to_string()),
        ("point", json::nums(r.x())),
        ("loss", json::num(a.f)),
        ("grad_norm", json::num(a.grad_norm)),
        ("eigenvalues", json::nums(&a.eigenvalues)),
        ("lambda_min", json::num(a.eigenvalues[0])),
        ("lambda_max", json::num(*a.eigenvalues.last().unwrap_or(&0.0))),
        ("index", a.index.to_string()),
        ("degenerate", a.degenerate.to_string()),
        ("status", json::string(r.status().name())),
        ("done", r.done().to_string()),
        ("max_steps", r.max_steps().to_string()),
        ("events", r.events().len().to_string()),
        ("escape_time", r.escape_time().map_or("null".into(), |t| t.to_string())),
        ("reason", json::string(&r.stop_reason())),
        ("lr", json::num(r.hyper().lr)),
        ("noise", json::num(r.hyper().noise)),
        ("stability_bound", json::num(r.stability_bound())),
        // η < 2/λ_max is GD's local stability condition: it applies to plain gradient steps only.
        ("stability_applies", (r.info.lr_kind == crate::optim::LrKind::Curvature).to_string()),
        ("extras", json::object(&r.readout().iter().map(|(k, v)| (*k, json::num(*v))).collect::<Vec<_>>())),
        ("readout", json::string(&run_readout(r))),
        ("spoken", json::string(&run_spoken(r))),
        ("warning", run_warning(r).map_or("null".into(), |w| json::string(&w))),
    ])
}

/// One census point as JSON.
pub fn census_json(p: &crate::analysis::census::CensusPoint) -> String {
    json::object(&[
        ("f", json::num(p.point.f)),
        ("index", p.point.index.to_string()),
        ("alpha", json::num(p.alpha)),
        ("type", json::string(p.point.kind.name())),
        ("listed", p.listed.to_string()),
        ("point", json::nums(&p.point.point)),
    ])
}

/// Escape-time statistics of one optimizer as JSON.
pub fn escape_json(st: &crate::analysis::escape::EscapeStats) -> String {
    let (m, lo, hi) = st.quantiles();
    let (h, w) = st.histogram(16);
    let below = st.below_quantiles();
    let opt = |t: Option<u64>| t.map_or("null".into(), |t| t.to_string());
    let mut f = vec![
        ("optimizer", json::string(st.optimizer)),
        ("seeds", st.seeds.to_string()),
        ("runs", st.outcomes.len().to_string()),
        ("deterministic", st.deterministic.to_string()),
        ("escaped", st.escaped().to_string()),
        ("censored", st.censored().to_string()),
        ("left_before_reaching", st.bypassed().to_string()),
        ("elsewhere", st.elsewhere().to_string()),
        ("median", json::num(m)),
        ("q10", json::num(lo)),
        ("q90", json::num(hi)),
        ("times", format!("[{}]", st.times().into_iter().map(opt).collect::<Vec<_>>().join(","))),
        ("summary", json::string(&escape_summary(st))),
        ("below_median", json::num(below.0)),
        ("below_q10", json::num(below.1)),
        ("below_q90", json::num(below.2)),
        ("histogram", format!("[{}]", h.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(","))),
        ("bin_width", json::num(w)),
    ];
    if st.route == crate::landscape::SaddleRoute::Chain {
        let (tm, tlo, thi) = st.total_quantiles();
        f.push(("total_median", json::num(tm)));
        f.push(("total_q10", json::num(tlo)));
        f.push(("total_q90", json::num(thi)));
        f.push(("per_saddle_median", json::nums(&st.per_saddle_medians())));
        f.push(("totals", format!("[{}]", st.outcomes.iter().map(|o| opt(o.total)).collect::<Vec<_>>().join(","))));
    }
    json::object(&f)
}

/// One optimizer's escape statistics in words: the page's summary and the CLI's `escape` say the
/// same. A run that went around the saddle has no escape time (docs/science.md §4.2), so an
/// optimizer none of whose runs came near says that instead of "escaped 0/0, median ∞"; every
/// optimizer also gets the step at which f first fell Δ below the saddle's level, counted from the
/// start (on a chain: the last basin's), the one time they all have.
pub fn escape_summary(st: &crate::analysis::escape::EscapeStats) -> String {
    let f = |v: f64| if v.is_finite() { format!("{v}") } else { "∞".into() };
    let runs = st.outcomes.len();
    let near = st.times().len();
    // The 10–90 % range, unless there is one run only.
    let range = |q: (f64, f64, f64), n: usize| if n > 1 { format!(" (10–90 %: {}–{})", f(q.1), f(q.2)) } else { String::new() };
    let mut t = if st.route == crate::landscape::SaddleRoute::Chain {
        let arrived = st.outcomes.iter().filter(|o| o.total.is_some()).count();
        let q = st.total_quantiles();
        let per: Vec<String> = st.per_saddle_medians().iter().map(|v| f(*v)).collect();
        format!("{}: reached the last basin in {arrived}/{runs} runs, median {} steps{}; median time at each saddle: {}", st.optimizer, f(q.0), range(q, runs), per.join(", "))
    } else {
        let mut t = if near == 1 && runs == 1 {
            // One run (a deterministic optimizer): its time, not a median.
            match st.times()[0] {
                Some(e) => format!("{}: came near and escaped after {e} steps there", st.optimizer),
                None => format!("{}: came near and never escaped", st.optimizer),
            }
        } else if near > 0 {
            let q = st.quantiles();
            format!("{}: escaped {}/{near} runs that came near, median {} steps there{}", st.optimizer, st.escaped(), f(q.0), range(q, near))
        } else if st.bypassed() > 0 {
            format!("{}: went around the saddle without coming near it ({} of {runs} runs), so no escape time", st.optimizer, st.bypassed())
        } else {
            format!("{}: never came near a saddle", st.optimizer)
        };
        let q = st.below_quantiles();
        if q.0.is_finite() {
            t += &format!("; below the saddle's level after {} steps from the start{}", f(q.0), range(q, runs));
        }
        t
    };
    let mut notes = Vec::new();
    if st.deterministic {
        notes.push("deterministic: every seed gives the same run, so it ran once".to_string());
    }
    if near > 0 && st.bypassed() > 0 {
        notes.push(format!("{} went around the saddle", st.bypassed()));
    }
    if st.elsewhere() > 0 {
        notes.push(format!("{} never came near a saddle", st.elsewhere()));
    }
    if !notes.is_empty() {
        t += &format!(" ({})", notes.join("; "));
    }
    t
}

/// The knobs a scenario defines itself (the `p.<name>` parameters of a typed function), in the
/// catalogue's parameter shape plus the scenario `key` and current `value`; `[]` for other landscapes.
pub fn scenario_knobs_json(s: &Scenario) -> String {
    let Some(e) = &s.expression else { return "[]".into() };
    let knobs: Vec<String> = e
        .params
        .iter()
        .map(|p| {
            json::object(&[
                ("key", json::string(&format!("p.{}", p.name))),
                ("name", json::string(&p.name)),
                ("value", json::num(p.value)),
                ("default", json::num(p.value)),
                ("min", json::num(p.min)),
                ("max", json::num(p.max)),
                ("integer", "false".into()),
                ("doc", json::string(&format!("parameter {} of f (p.{}=value:min:max)", p.name, p.name))),
            ])
        })
        .collect();
    format!("[{}]", knobs.join(","))
}

/// The header of the records' CSV for a landscape of dimension `d` (`saddlescope run`, the page's
/// export): `step,optimizer,x1…xd,loss,grad_norm,lambda1…lambdad,index,status,events`.
pub fn records_csv_header(d: usize) -> String {
    let xs: Vec<String> = (1..=d).map(|i| format!("x{i}")).collect();
    let ls: Vec<String> = (1..=d).map(|i| format!("lambda{i}")).collect();
    format!("step,optimizer,{},loss,grad_norm,{},index,status,events", xs.join(","), ls.join(","))
}

/// One record as a CSV row (numbers in Rust's shortest round-trip form, events joined by `|`).
#[allow(clippy::too_many_arguments)]
pub fn record_csv_row(step: u64, optimizer: &str, point: &[f64], loss: f64, grad_norm: f64, eigenvalues: &[f64], index: usize, status: &str, events: &[&str]) -> String {
    let p: Vec<String> = point.iter().map(|v| format!("{v:?}")).collect();
    let l: Vec<String> = eigenvalues.iter().map(|v| format!("{v:?}")).collect();
    format!("{step},{optimizer},{},{loss:?},{grad_norm:?},{},{index},{status},{}", p.join(","), l.join(","), events.join("|"))
}

/// One record as a JSON object (the lines of `saddlescope run --format jsonl`).
#[allow(clippy::too_many_arguments)]
pub fn record_json(step: u64, optimizer: &str, point: &[f64], loss: f64, grad_norm: f64, eigenvalues: &[f64], index: usize, status: &str, events: &[&str]) -> String {
    json::object(&[
        ("step", step.to_string()),
        ("optimizer", json::string(optimizer)),
        ("point", json::nums(point)),
        ("loss", json::num(loss)),
        ("grad_norm", json::num(grad_norm)),
        ("eigenvalues", json::nums(eigenvalues)),
        ("index", index.to_string()),
        ("status", json::string(status)),
        ("events", format!("[{}]", events.iter().map(|e| json::string(e)).collect::<Vec<_>>().join(","))),
    ])
}

/// The step whose record an event belongs with, as `run` prints it: what a step does (a
/// perturbation, a CNC step, …) is logged at the step it starts from and shows with the record
/// after it; what it finds (an index change, an escape, convergence) carries that record's step.
fn record_step_of(e: &crate::optim::event::Event) -> u64 {
    use crate::optim::event::EventKind as K;
    match e.kind {
        K::Perturbation { .. } | K::CncStep { .. } | K::NegativeCurvatureStep { .. } | K::SingularHessian | K::AscentStep | K::Certified { .. } => e.step + 1,
        _ => e.step,
    }
}

/// Every kept record of every run of a race, run by run, as `(run, record row, events)`, calling
/// `row` with the record's fields: the events since the previous kept record, and the status the
/// run's events give at that step (its current status on its last record).
/// What [`each_record`] calls per record: step, optimizer, point, loss, ‖∇f‖, eigenvalues, index,
/// status, events.
type RecordRow<'a> = dyn FnMut(u64, &str, &[f64], f64, f64, &[f64], usize, &str, &[&str]) + 'a;

fn each_record(race: &crate::run::Race, row: &mut RecordRow) {
    use crate::optim::event::EventKind as K;
    for r in &race.runs {
        let rec = r.records();
        let mut events = r.events().iter().peekable();
        let mut status = "running";
        for i in 0..rec.len() {
            let t = rec.step(i);
            let last = i + 1 == rec.len();
            let mut names: Vec<&str> = Vec::new();
            while let Some(e) = events.peek() {
                if record_step_of(e) > t && !last {
                    break;
                }
                names.push(e.kind.name());
                status = match e.kind {
                    K::Converged => "converged",
                    K::Stalled => "stalled",
                    K::Diverged { .. } => "diverged",
                    K::LeftDomain => "left-domain",
                    _ => status,
                };
                events.next();
            }
            let st = if last { r.status().name() } else { status };
            row(t, r.id(), rec.point(i), rec.loss(i), rec.grad_norm(i), rec.eigenvalues(i), rec.index(i), st, &names);
        }
    }
}

/// The records of every run as CSV: a `# scenario` line, the header of `saddlescope run`, one row
/// per kept record (the page keeps every step until a run passes about 20 000, then every other
/// one of the older steps, and so on).
pub fn race_records_csv(race: &crate::run::Race) -> String {
    let mut out = format!("# scenario {}\n{}\n", race.scenario(), records_csv_header(race.landscape().dim()));
    each_record(race, &mut |t, id, p, f, g, l, k, st, ev| {
        out.push_str(&record_csv_row(t, id, p, f, g, l, k, st, ev));
        out.push('\n');
    });
    out
}

/// The records of every run as one JSON document: `{"scenario": …, "records": [{step, optimizer,
/// point, loss, grad_norm, eigenvalues, index, status, events}, …], "runs": [state, …]}`.
pub fn race_records_json(race: &crate::run::Race) -> String {
    let mut rows: Vec<String> = Vec::new();
    each_record(race, &mut |t, id, p, f, g, l, k, st, ev| rows.push(record_json(t, id, p, f, g, l, k, st, ev)));
    let runs: Vec<String> = race.runs.iter().map(run_state_json).collect();
    json::object(&[
        ("scenario", json::string(&race.scenario().to_string())),
        ("records", format!("[{}]", rows.join(",\n"))),
        ("runs", format!("[{}]", runs.join(","))),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_records_csv_has_one_row_per_record_and_the_cli_header() {
        let s = Scenario::parse("landscape=saddle&opt=gd,pgd&seed=1&steps=300").unwrap();
        let mut race = crate::run::Race::new(&s).unwrap();
        race.advance(300);
        let csv = race_records_csv(&race);
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines[0].starts_with("# scenario landscape=saddle"));
        assert_eq!(lines[1], "step,optimizer,x1,x2,loss,grad_norm,lambda1,lambda2,index,status,events");
        let records: usize = race.runs.iter().map(|r| r.records().len()).sum();
        assert_eq!(lines.len() - 2, records);
        assert!(lines.iter().all(|l| l.starts_with('#') || l.split(',').count() == 11));
        // Every event appears once.
        let events: usize = race.runs.iter().map(|r| r.events().len()).sum();
        let listed: usize = lines[2..].iter().map(|l| l.rsplit(',').next().unwrap()).filter(|e| !e.is_empty()).map(|e| e.split('|').count()).sum();
        assert_eq!(listed, events);
        // Row for row what `saddlescope run` prints (it steps the race itself, printing each step's
        // events after the step).
        let mut fresh = crate::run::Race::new(&s).unwrap();
        let mut expected = Vec::new();
        for k in 0..fresh.runs.len() {
            let mut seen = 0;
            loop {
                let r = &fresh.runs[k];
                let evs: Vec<&str> = r.events()[seen..].iter().map(|e| e.kind.name()).collect();
                seen = r.events().len();
                let a = r.analysis();
                expected.push(record_csv_row(r.t(), r.id(), r.x(), a.f, a.grad_norm, &a.eigenvalues, a.index, r.status().name(), &evs));
                if r.done() || r.t() >= 300 {
                    break;
                }
                fresh.runs[k].step();
            }
        }
        let with_events = |v: &[String]| v.iter().filter(|l| !l.ends_with(',')).cloned().collect::<Vec<_>>();
        let got: Vec<String> = lines[2..].iter().map(|l| l.to_string()).collect();
        assert_eq!(with_events(&got), with_events(&expected));
        assert_eq!(got.len(), expected.len());
        let js = race_records_json(&race);
        assert_eq!(js.matches("\"optimizer\":").count(), records + race.runs.len());
    }
}
