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
    format!(
        "{{\"landscapes\":[{}],\"optimizers\":[{}],\"presets\":[{}],\"limits\":{}}}",
        ls.join(","),
        os.join(","),
        presets.join(","),
        limits_json()
    )
}

/// The scenario's limits, so that the page's controls never offer what the parser refuses.
fn limits_json() -> String {
    use crate::scenario::{MAX_COORD, MAX_LR, MAX_NOISE, MAX_RACE, MAX_SPEED, MAX_STEPS, MAX_WORKERS};
    json::object(&[
        ("max_race", MAX_RACE.to_string()),
        ("max_steps", MAX_STEPS.to_string()),
        ("max_speed", MAX_SPEED.to_string()),
        ("max_workers", MAX_WORKERS.to_string()),
        ("max_lr", json::num(MAX_LR)),
        ("max_noise", json::num(MAX_NOISE)),
        ("max_coord", json::num(MAX_COORD)),
    ])
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
