//! The native CLI: runs scenarios headless and prints records, critical points and figures.
//!
//! Bad input exits with code 2 and exactly one line on stderr naming the field, with every piece of
//! user text escaped and clipped; nothing panics. When the reader of stdout goes away (`| head`),
//! the command stops at its next write and exits quietly with code 0.

use saddlescope::numeric::format::{escape_controls, quote_user_text};
use saddlescope::numeric::json;
use saddlescope::report;
use saddlescope::run::Race;
use saddlescope::analysis::{census::MAX_STARTS, parallel::MAX_THREADS};
use saddlescope::render::{MAX_FIGURE_SIDE, MIN_FIGURE_SIDE, MIN_LAB_FIGURE};
use saddlescope::scenario::{Scenario, ScenarioError, MAX_COORD, MAX_STEPS};
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage:
  saddlescope list [--json]
  saddlescope eval '<scenario>' --at x,y[,…] [--json]
  saddlescope critical '<scenario>' [--json]
  saddlescope run '<scenario>' [--steps N] [--every K] [--format csv|jsonl]
  saddlescope escape '<scenario>' [--seeds K] [--threads N] [--json]
  saddlescope census '<scenario>' [--starts N] [--json]
  saddlescope lab <preset> [knob=value …] [--json | --csv | --svg FILE] [--threads N]
  saddlescope figure '<scenario>' --out FILE.svg|FILE.png [--png] [--scale 1|2|4] [--steps N] [--width W] [--height H]
  saddlescope bench [--json]
A scenario is key=value pairs joined by &, e.g. 'landscape=saddle&b=0.5&opt=gd,pgd&seed=1'.";

/// Why a command stopped early.
enum Fail {
    /// A usage or input error: one line on stderr, exit code 2.
    Input(String),
    /// The reader of stdout went away (a broken pipe): stop quietly.
    Closed,
}

#[allow(non_snake_case)]
fn Fail(message: String) -> Fail {
    Fail::Input(message)
}

impl From<ScenarioError> for Fail {
    fn from(e: ScenarioError) -> Self {
        Fail(e.to_string())
    }
}

impl From<std::io::Error> for Fail {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Fail::Closed
        } else {
            Fail(format!("cannot write the output: {e}"))
        }
    }
}

/// User text quoted in a message: control and bidi characters escaped, clipped to 60 characters.
fn q(s: &str) -> String {
    quote_user_text(s)
}

/// Parsed `--flag value` options after the positional arguments.
struct Opts {
    positional: Vec<String>,
    flags: Vec<(String, Option<String>)>,
}

impl Opts {
    fn parse(args: &[String], with_value: &[&str], boolean: &[&str]) -> Result<Opts, Fail> {
        let mut o = Opts { positional: Vec::new(), flags: Vec::new() };
        let mut i = 0;
        while i < args.len() {
            let a = &args[i];
            if let Some(name) = a.strip_prefix("--") {
                if o.flags.iter().any(|(n, _)| n == name) {
                    return Err(Fail(format!("--{}: given twice", q(name))));
                }
                if with_value.contains(&name) {
                    let v = args.get(i + 1).ok_or_else(|| Fail(format!("--{}: needs a value", q(name))))?;
                    o.flags.push((name.to_string(), Some(v.clone())));
                    i += 2;
                    continue;
                } else if boolean.contains(&name) {
                    o.flags.push((name.to_string(), None));
                } else {
                    let mut all: Vec<&str> = with_value.to_vec();
                    all.extend(boolean);
                    return Err(Fail(format!(
                        "--{}: unknown option (accepted: {})",
                        q(name),
                        if all.is_empty() { "none".into() } else { all.iter().map(|a| format!("--{a}")).collect::<Vec<_>>().join(", ") }
                    )));
                }
            } else {
                o.positional.push(a.clone());
            }
            i += 1;
        }
        Ok(o)
    }
    fn has(&self, name: &str) -> bool {
        self.flags.iter().any(|(n, _)| n == name)
    }
    fn value(&self, name: &str) -> Option<&str> {
        self.flags.iter().find(|(n, _)| n == name).and_then(|(_, v)| v.as_deref())
    }
    fn number<T: std::str::FromStr>(&self, name: &str, min: T, max: T) -> Result<Option<T>, Fail>
    where
        T: PartialOrd + std::fmt::Display + Copy,
    {
        match self.value(name) {
            None => Ok(None),
            Some(v) => match v.parse::<T>() {
                Ok(n) if n >= min && n <= max => Ok(Some(n)),
                _ => Err(Fail(format!("--{name}={}: must be a whole number in [{min}, {max}]", q(v)))),
            },
        }
    }
    /// Exactly one positional argument: the scenario.
    fn scenario(&self, cmd: &str) -> Result<Scenario, Fail> {
        match self.positional.as_slice() {
            [s] => Ok(Scenario::parse(s)?),
            [] => Err(Fail(format!("{cmd}: needs a scenario, e.g. saddlescope {cmd} 'landscape=saddle&opt=gd'"))),
            _ => Err(Fail(format!("{cmd}: takes one scenario (quote it: it contains &)"))),
        }
    }
}

fn main() -> ExitCode {
    // Arguments that are not valid UTF-8 are an error, not a panic (std::env::args would panic).
    let mut args: Vec<String> = Vec::new();
    for (i, a) in std::env::args_os().skip(1).enumerate() {
        match a.into_string() {
            Ok(a) => args.push(a),
            Err(a) => return fail(&format!("argument {} ({}) is not valid UTF-8", i + 1, q(&a.to_string_lossy()))),
        }
    }
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let result = match args.first().map(String::as_str) {
        Some("list") => list(&args[1..], &mut out),
        Some("eval") => eval(&args[1..], &mut out),
        Some("critical") => critical(&args[1..], &mut out),
        Some("run") => run(&args[1..], &mut out),
        Some("figure") => figure(&args[1..]),
        Some("escape") => escape(&args[1..], &mut out),
        Some("census") => census(&args[1..], &mut out),
        Some("lab") => lab(&args[1..], &mut out),
        Some("bench") => match args.get(1).map(String::as_str) {
            None => write!(out, "{}", saddlescope::bench::table()).map_err(Fail::from),
            Some("--json") => writeln!(out, "{}", saddlescope::bench::json()).map_err(Fail::from),
            Some(a) => Err(Fail(format!("bench: '{}' is not an option (accepted: --json)", q(a)))),
        },
        Some("help") | Some("--help") | Some("-h") => writeln!(out, "{USAGE}").map_err(Fail::from),
        Some(other) => Err(Fail(format!("'{}': unknown command (accepted: list, eval, critical, run, escape, census, lab, figure, bench)", q(other)))),
        None => Err(Fail("no command given (accepted: list, eval, critical, run, escape, census, lab, figure, bench); try saddlescope help".into())),
    };
    let flushed = out.flush().map_err(Fail::from);
    match result.and(flushed) {
        Ok(()) | Err(Fail::Closed) => ExitCode::SUCCESS,
        Err(Fail::Input(msg)) => fail(&msg),
    }
}

/// Prints `saddlescope: <msg>` as exactly one line on stderr (any control character left in the
/// message is escaped) and returns exit code 2.
fn fail(msg: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "saddlescope: {}", escape_controls(msg));
    ExitCode::from(2)
}

fn list(args: &[String], out: &mut impl Write) -> Result<(), Fail> {
    let o = Opts::parse(args, &[], &["json"])?;
    if !o.positional.is_empty() {
        return Err(Fail(format!("list: takes no argument (got '{}')", q(&o.positional[0]))));
    }
    if o.has("json") { writeln!(out, "{}", report::catalogue_json()) } else { write!(out, "{}", report::catalogue_text()) }?;
    Ok(())
}

fn eval(args: &[String], out: &mut impl Write) -> Result<(), Fail> {
    let o = Opts::parse(args, &["at"], &["json"])?;
    let s = o.scenario("eval")?;
    let l = s.build_landscape()?;
    let at = o.value("at").ok_or_else(|| Fail("eval: needs --at x,y[,…]".into()))?;
    let x: Vec<f64> = at
        .split(',')
        .map(|v| v.trim().parse::<f64>().ok().filter(|v| v.is_finite()))
        .collect::<Option<Vec<f64>>>()
        .ok_or_else(|| Fail(format!("--at={}: must be {} finite numbers separated by commas", q(at), l.dim())))?;
    if x.len() != l.dim() {
        return Err(Fail(format!("--at={}: needs {} coordinates for {} (got {})", q(at), l.dim(), s.landscape, x.len())));
    }
    // Bounded like a scenario's start=, so that f, ∇f and ∇²f stay finite.
    if x.iter().any(|v| v.abs() > MAX_COORD) {
        return Err(Fail(format!("--at={}: coordinates must lie in [-{MAX_COORD:e}, {MAX_COORD:e}]", q(at))));
    }
    let (js, text) = report::eval(l.as_ref(), &x);
    if o.has("json") { writeln!(out, "{js}") } else { write!(out, "{text}") }?;
    Ok(())
}

fn critical(args: &[String], out: &mut impl Write) -> Result<(), Fail> {
    let o = Opts::parse(args, &[], &["json"])?;
    let s = o.scenario("critical")?;
    let l = s.build_landscape()?;
    let cps = l.critical_points();
    if o.has("json") {
        writeln!(out, "[{}]", cps.iter().map(report::critical_json).collect::<Vec<_>>().join(","))?;
    } else {
        writeln!(out, "{:<11} {:>5} {:>14}  point / eigenvalues", "type", "index", "f")?;
        for c in &cps {
            writeln!(out, "{:<11} {:>5} {:>14.7}  {:?} / {:?} {}", c.kind.name(), c.index, c.f, c.point, c.eigenvalues, c.note)?;
        }
    }
    Ok(())
}

fn run(args: &[String], out: &mut impl Write) -> Result<(), Fail> {
    let o = Opts::parse(args, &["steps", "every", "format"], &[])?;
    let mut s = o.scenario("run")?;
    if let Some(n) = o.number::<u64>("steps", 1, MAX_STEPS)? {
        s.steps = Some(n);
    }
    let every = o.number::<u64>("every", 1, MAX_STEPS)?.unwrap_or(1);
    let jsonl = match o.value("format").unwrap_or("csv") {
        "csv" => false,
        "jsonl" => true,
        f => return Err(Fail(format!("--format={}: must be csv or jsonl", q(f)))),
    };
    let mut race = Race::new(&s)?;
    let d = race.landscape().dim();
    let max = race.max_steps();
    if jsonl {
        writeln!(out, "{}", json::object(&[("scenario", json::string(&race.scenario().to_string()))]))?;
    } else {
        writeln!(out, "# scenario {}", race.scenario())?;
        writeln!(out, "{}", report::records_csv_header(d))?;
    }
    // Steps computed since stdout was last flushed: flushing after a record once this passes 10⁴
    // finds a closed pipe (`| head`) early even when records are rare (--every).
    let mut unflushed = 0u64;
    for k in 0..race.runs.len() {
        let mut last_event = 0usize;
        loop {
            let r = &race.runs[k];
            let t = r.t();
            if t % every == 0 || r.done() {
                let evs: Vec<&str> = r.events()[last_event.min(r.events().len())..].iter().map(|e| e.kind.name()).collect();
                last_event = r.events().len();
                let a = r.analysis();
                let (p, st) = (r.x(), r.status().name());
                let row = if jsonl { report::record_json } else { report::record_csv_row };
                writeln!(out, "{}", row(t, r.id(), p, a.f, a.grad_norm, &a.eigenvalues, a.index, st, &evs))?;
                if unflushed >= 10_000 {
                    out.flush()?;
                    unflushed = 0;
                }
            }
            if r.done() || t >= max {
                break;
            }
            race.runs[k].step();
            unflushed += 1;
        }
    }
    for r in &race.runs {
        let esc = r.escape_time().map_or("none".to_string(), |t| t.to_string());
        if jsonl {
            writeln!(
                out,
                "{}",
                json::object(&[(
                    "summary",
                    json::object(&[
                        ("optimizer", json::string(r.id())),
                        ("status", json::string(r.status().name())),
                        ("steps", r.t().to_string()),
                        ("loss", json::num(r.analysis().f)),
                        ("escape_time", r.escape_time().map_or("null".into(), |t| t.to_string())),
                        ("events", r.events().len().to_string()),
                    ])
                )])
            )?;
        } else {
            writeln!(
                out,
                "# summary optimizer={} status={} steps={} loss={:?} escape_time={} events={}",
                r.id(),
                r.status().name(),
                r.t(),
                r.analysis().f,
                esc,
                r.events().len()
            )?;
        }
    }
    Ok(())
}

fn figure(args: &[String]) -> Result<(), Fail> {
    let o = Opts::parse(args, &["out", "steps", "width", "height", "scale"], &["png"])?;
    let mut s = o.scenario("figure")?;
    let path = o.value("out").ok_or_else(|| Fail("figure: needs --out FILE.svg or FILE.png".into()))?;
    if path.chars().any(char::is_control) {
        return Err(Fail(format!("--out={}: the path holds a control character", q(path))));
    }
    let png_only = path.ends_with(".png");
    if !png_only && !path.ends_with(".svg") {
        return Err(Fail(format!("--out={}: must end in .svg (a vector figure) or .png (a poster)", q(path))));
    }
    let scales = saddlescope::render::PNG_SCALES;
    let scale = match o.value("scale") {
        None => 1,
        Some(v) => match v.parse::<u32>().ok().filter(|k| scales.contains(k)) {
            Some(k) => k,
            None => return Err(Fail(format!("--scale={}: must be 1, 2 or 4 (pixels per figure pixel in a PNG)", q(v)))),
        },
    };
    if let Some(n) = o.number::<u64>("steps", 1, MAX_STEPS)? {
        s.steps = Some(n);
    }
    let w = o.number::<u32>("width", MIN_FIGURE_SIDE, MAX_FIGURE_SIDE)?.unwrap_or(saddlescope::render::FIGURE_SIZE.0);
    let h = o.number::<u32>("height", MIN_FIGURE_SIDE, MAX_FIGURE_SIDE)?.unwrap_or(saddlescope::render::FIGURE_SIZE.1);
    if (w * scale) as u64 * (h * scale) as u64 > (MAX_FIGURE_SIDE as u64).pow(2) {
        return Err(Fail(format!("--scale={scale}: a PNG of {}×{} pixels is too large (at most {MAX_FIGURE_SIDE}² pixels)", w * scale, h * scale)));
    }
    let mut race = Race::new(&s)?;
    let max = race.max_steps();
    race.advance(max);
    // One plan, one drawing: what the page shows for this race, as a vector SVG.
    let svg = saddlescope::render::svg_figure(&race, w, h).map_err(|e| Fail(format!("figure: {e}")))?;
    let poster = |file: &str| -> Result<(), Fail> {
        let png = rasterise(&svg, scale as f32).map_err(|e| Fail(format!("figure: {e}")))?;
        std::fs::write(file, png).map_err(|e| Fail(format!("--out={}: {e}", q(file))))
    };
    if png_only {
        return poster(path);
    }
    std::fs::write(path, &svg).map_err(|e| Fail(format!("--out={}: {e}", q(path))))?;
    if o.has("png") {
        poster(&format!("{}.png", path.trim_end_matches(".svg")))?;
    }
    Ok(())
}

/// The SVG figure as a PNG (native only: the CLI's wasm build, made by `wasm-pack test`, has none).
#[cfg(not(target_arch = "wasm32"))]
fn rasterise(svg: &str, scale: f32) -> Result<Vec<u8>, String> {
    saddlescope::render::png::rasterise(svg, scale)
}
#[cfg(target_arch = "wasm32")]
fn rasterise(_svg: &str, _scale: f32) -> Result<Vec<u8>, String> {
    Err("PNG posters are made by the native CLI".into())
}

fn escape(args: &[String], out: &mut impl Write) -> Result<(), Fail> {
    let o = Opts::parse(args, &["seeds", "threads"], &["json"])?;
    let s = o.scenario("escape")?;
    let k = o.number::<usize>("seeds", 1, saddlescope::analysis::escape::MAX_SEEDS)?.unwrap_or(saddlescope::analysis::escape::DEFAULT_SEEDS);
    let threads = threads(&o)?;
    let stats = saddlescope::analysis::escape::EscapeStudy::new(&s, k)?.run_all(threads)?;
    if o.has("json") {
        writeln!(out, "[{}]", stats.iter().map(report::escape_json).collect::<Vec<_>>().join(","))?;
        return Ok(());
    }
    let chain = stats.first().is_some_and(|s| s.route == saddlescope::landscape::SaddleRoute::Chain);
    if chain {
        writeln!(out, "a chain of saddles over {k} seeds (docs/science.md §4.2): steps to the last basin, and the median time at each saddle (t_out − t_in); ∞ = never")?;
    } else {
        writeln!(out, "escape times over {k} seeds (t_out − t_in, docs/science.md §4.2) of the runs that came near the saddle; ∞ = never escaped")?;
    }
    for st in &stats {
        writeln!(out, "{}", report::escape_summary(st))?;
        let (h, w) = st.histogram(12);
        let top = h.iter().copied().max().unwrap_or(1).max(1);
        for (i, c) in h.iter().enumerate() {
            if *c > 0 {
                writeln!(out, "  {:>7}–{:<7} {:<30} {c}", (i as f64 * w) as u64, ((i + 1) as f64 * w) as u64, "█".repeat(30 * c / top))?;
            }
        }
    }
    Ok(())
}

/// `--threads N` (0: every core), 1 by default.
fn threads(o: &Opts) -> Result<usize, Fail> {
    Ok(match o.number::<usize>("threads", 0, MAX_THREADS)? {
        None => 1,
        Some(0) => saddlescope::analysis::parallel::available_threads(),
        Some(n) => n,
    })
}

fn census(args: &[String], out: &mut impl Write) -> Result<(), Fail> {
    let o = Opts::parse(args, &["starts"], &["json"])?;
    let s = o.scenario("census")?;
    let n = o.number::<usize>("starts", 0, MAX_STARTS)?.unwrap_or(200);
    let l = s.build_landscape()?;
    let points = saddlescope::analysis::census::census(l.as_ref(), n, s.seed.unwrap_or(1));
    if o.has("json") {
        writeln!(out, "[{}]", points.iter().map(report::census_json).collect::<Vec<_>>().join(","))?;
        return Ok(());
    }
    let line = l.census_line();
    writeln!(out, "{:>14} {:>6} {:>8}  {:<11} source", "f", "index", "index/d", "type")?;
    for p in &points {
        writeln!(
            out,
            "{:>14.7} {:>6} {:>8.4}  {:<11} {}{}",
            p.point.f,
            p.point.index,
            p.alpha,
            p.point.kind.name(),
            if p.listed { "listed" } else { "Newton search" },
            line.map_or(String::new(), |m| format!("  (exact line: {:.4})", 1.0 - p.point.f / m))
        )?;
    }
    Ok(())
}

fn lab(args: &[String], out: &mut impl Write) -> Result<(), Fail> {
    use saddlescope::analysis::lab::{self, Lab};
    let o = Opts::parse(args, &["svg", "threads", "width", "height"], &["json", "csv"])?;
    let (name, knobs) = match o.positional.split_first() {
        Some((n, k)) => (n, k),
        None => return Err(Fail(format!("lab: needs a preset (accepted: {})", lab::names()))),
    };
    let mut text = format!("lab={name}");
    for k in knobs {
        text.push('&');
        text.push_str(k.trim_start_matches(['#', '?', '&']));
    }
    let mut l = Lab::new(&text)?;
    let threads = threads(&o)?;
    l.run_all(threads)?;
    if let Some(path) = o.value("svg") {
        let w = o.number::<u32>("width", MIN_LAB_FIGURE.0, MAX_FIGURE_SIDE)?.unwrap_or(900);
        let h = o.number::<u32>("height", MIN_LAB_FIGURE.1, MAX_FIGURE_SIDE)?.unwrap_or(560);
        let svg = saddlescope::render::lab::svg(&l.result().figure, w, h).map_err(|e| Fail(format!("lab: {e}")))?;
        std::fs::write(path, svg).map_err(|e| Fail(format!("--svg={path}: {e}")))?;
    }
    if o.has("json") {
        writeln!(out, "{}", l.json())?;
    } else if o.has("csv") {
        write!(out, "{}", l.result().table.csv())?;
    } else if o.value("svg").is_none() {
        let r = l.result();
        writeln!(out, "{}: {}\n{}", l.scenario.preset.name, l.scenario.preset.title, l.scenario.canonical())?;
        write!(out, "{}", r.table.csv())?;
        for c in &r.claims {
            let verdict = match c.holds {
                Some(true) => "agrees",
                Some(false) => "DISAGREES",
                None => "undecided",
            };
            writeln!(out, "claim: {}\nmeasured: {} ({verdict})", c.claim, c.measured)?;
        }
        writeln!(out, "method: {}", r.method)?;
    }
    Ok(())
}
