//! The scenario: every setting a user can touch, in one text format shared by the URL hash, the
//! `<saddle-scope>` attributes and the CLI.
//!
//! `key=value` pairs joined by `&`, percent-decoding allowed, order irrelevant:
//! `landscape=saddle&b=0.5&opt=gd,pgd&lr=0.1&pgd.r=0.05&start=1,1e-12&seed=7`.
//! Parsing never panics; every bad field gives a [`ScenarioError`] naming the key, the value and
//! what is accepted. [`Scenario::to_string`] prints a canonical form that parses back to an equal
//! scenario.

use crate::landscape::custom::{self, Expression};
use crate::numeric::format::{clip_escaped, escape_controls, fmt_num, quote_user_text};
use crate::landscape::{self, Landscape, LandscapeInfo, ParamValues, ViewBox};
use crate::numeric::params::UserParam;
use crate::numeric::suggest::did_you_mean;
use crate::landscape::Estimates;
use crate::optim::{self, Hyper, LrKind, OptimizerInfo};
use std::collections::HashSet;
use std::fmt;

/// A bad field: which key, the value given, and what is accepted.
///
/// Key and value are user text: [`ScenarioError::new`] escapes their control and bidi characters
/// and clips them (see [`quote_user_text`]), and shortens the value further when needed so that the
/// whole message is one line of at most [`MAX_ERROR_CHARS`] characters.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioError {
    pub key: String,
    pub value: String,
    pub message: String,
}

/// Longest error message, in characters (`key=value: message`).
pub const MAX_ERROR_CHARS: usize = 200;

/// User text quoted inside a message: `'…'` with control and bidi characters escaped, clipped.
fn q(s: &str) -> String {
    format!("'{}'", quote_user_text(s))
}

impl ScenarioError {
    /// An error for `key=value`. Both are escaped and clipped to 60 characters; when the line
    /// would exceed [`MAX_ERROR_CHARS`], the value is clipped shorter (never below 20 characters:
    /// the reader must see what they typed) and then the end of the message.
    pub fn new(key: &str, value: &str, message: impl Into<String>) -> Self {
        let key = quote_user_text(key);
        let mut message = escape_controls(&message.into());
        let k = key.chars().count();
        // "key=value: message"
        let room = MAX_ERROR_CHARS.saturating_sub(k + 3 + message.chars().count()).max(20);
        let value = if value.is_empty() { String::new() } else { clip_escaped(value, room.min(crate::numeric::format::MAX_QUOTED_CHARS)) };
        let used = k + 2 + if value.is_empty() { 0 } else { 1 + value.chars().count() };
        if used + message.chars().count() > MAX_ERROR_CHARS {
            message = clip_escaped(&message, MAX_ERROR_CHARS.saturating_sub(used).max(1));
        }
        ScenarioError { key, value, message }
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.value.is_empty() {
            write!(f, "{}: {}", self.key, self.message)
        } else {
            write!(f, "{}={}: {}", self.key, self.value, self.message)
        }
    }
}

impl std::error::Error for ScenarioError {}

/// How the page draws the landscape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewMode {
    TwoD,
    ThreeD,
}

/// Controls the page can hide (`hide=`) for embedding.
pub const CONTROLS: &[&str] =
    &["landscape", "knobs", "optimizers", "lr", "noise", "seed", "speed", "view", "playback", "panels", "about", "share", "escape", "census"];

/// The controls a `<saddle-scope>` element can show (`controls="playback,lr"`).
pub const ELEMENT_CONTROLS: &[&str] = &["playback", "lr", "noise", "speed", "seed"];

/// The key of a typed function (`f=`, with `landscape=custom`).
pub const EXPRESSION_KEY: &str = "f";

/// Keys besides landscape parameters and `<optimizer>.<param>`.
pub const KEYS: &[&str] =
    &["landscape", "opt", "lr", "noise", "start", "seed", "steps", "view", "box", "camera", "speed", "hide", "embed", "plane", "workers"];

/// The 3D view's tilt a link may set (`camera=yaw,pitch,zoom`), in degrees: 0 would look from the
/// side, 90 from straight above.
pub const CAMERA_PITCH: (f64, f64) = (3.0, 88.0);
/// The 3D view's zoom factor a link may set.
pub const CAMERA_ZOOM: (f64, f64) = (0.3, 5.0);

/// A slider's range on the page (the scenario itself may accept more).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SliderRange {
    pub min: f64,
    pub max: f64,
    /// Positions map to values logarithmically.
    pub log: bool,
    /// The first position means 0 (noise off).
    pub zero: bool,
    pub integer: bool,
}

/// The step-size slider (η; `lr=` accepts (0, 100]).
pub const LR_SLIDER: SliderRange = SliderRange { min: 1e-4, max: 2.0, log: true, zero: false, integer: false };
/// The noise slider (σ; position 0 is no noise; `noise=` accepts [0, 100]).
pub const NOISE_SLIDER: SliderRange = SliderRange { min: 1e-4, max: 2.0, log: true, zero: true, integer: false };
/// The speed slider (steps per frame, an upper bound; `speed=` accepts [1, 100000]).
pub const SPEED_SLIDER: SliderRange = SliderRange { min: 1.0, max: 1000.0, log: true, zero: false, integer: true };

/// The most optimizers in one race.
pub const MAX_RACE: usize = 8;

/// What the page shows when a link names nothing.
pub const DEFAULT_SCENARIO: &str = "landscape=saddle&opt=gd,pgd,adam";

/// The default race when a scenario names none.
pub const DEFAULT_OPTIMIZERS: &[&str] = &["gd", "pgd", "adam"];
/// The seed of an iframe (`embed=1`) whose link names none: every reader of a post sees the same
/// runs. The playground itself draws a fresh seed and writes it into its link.
pub const EMBED_SEED: u64 = 1;

/// A page's pool size when a link names none: min(hardware threads, POOL_WORKERS).
pub const POOL_WORKERS: u32 = 8;
/// The most coordinates the page's plane picker offers (pairs of x₁ … x₈).
pub const PLANE_PICKER_COORDS: usize = 8;
/// The most workers a page's pool may have (`workers=`).
pub const MAX_WORKERS: u32 = 16;
/// The most steps a run may take (`steps=`, and the CLI's `--steps` and `--every`).
pub const MAX_STEPS: u64 = 10_000_000;
/// The most steps per animation frame (`speed=`).
pub const MAX_SPEED: u32 = 100_000;
/// The largest step size η (`lr=`, `<optimizer>.lr=`); it must also be positive.
pub const MAX_LR: f64 = 100.0;
/// The largest gradient-noise level σ (`noise=`, `<optimizer>.noise=`).
pub const MAX_NOISE: f64 = 100.0;
/// The narrowest side of a view box (`box=`); its corners lie within ±[`MAX_COORD`].
pub const MIN_BOX_SIDE: f64 = 1e-9;
/// Largest accepted |coordinate| of a start point (and of the CLI's `eval --at`).
pub const MAX_COORD: f64 = 1e6;
/// Longest accepted scenario text, in bytes (the URL hash, the attributes joined, a CLI argument).
pub const MAX_SCENARIO_BYTES: usize = 16 * 1024;
/// Most `key=value` pairs a scenario may have.
pub const MAX_PAIRS: usize = 256;

/// The cost model's budgets, in estimated floating-point operations (see [`Scenario::build_cost`],
/// [`Scenario::step_cost`], [`Scenario::race_cost`]). A scenario over one of them is refused with a
/// message naming the field. They are sized so that the heaviest links of the lab (saddle3 with
/// d=1024, index=6 and 8 optimizers; relu with 20000 samples; relu-ss with k=n=12 and 8 optimizers;
/// 8 noisy optimizers for 10⁷ steps on saddle) stay accepted: their work is for the page's workers,
/// not for the parser to refuse.
///
/// Building a race: the landscape's critical points and the box estimates (about 1.1e12 for
/// saddle3 with d=1024 and index=6, the largest the parameter ranges allow).
pub const MAX_BUILD_FLOPS: f64 = 1e13;
/// One step of every run of a race (about 7.7e10 for 8 optimizers on saddle3 with d=1024).
pub const MAX_STEP_FLOPS: f64 = 1e12;
/// A whole race to its step limit (about 3.9e14 for saddle3 with d=1024, 8 optimizers and the
/// default 5000 steps; 10⁷ steps there would be 7.7e17).
pub const MAX_RACE_FLOPS: f64 = 1e16;

/// Where the runs start.
#[derive(Clone, Debug, PartialEq)]
pub enum Start {
    /// These coordinates (`start=1,1e-12`).
    Point(Vec<f64>),
    /// The landscape's saddle (`start=saddle`), moved by a seeded offset drawn uniformly on the
    /// sphere of radius `radius` (`start=saddle+0.01`) when the radius is positive.
    Saddle { radius: f64 },
}

impl Start {
    /// The text the scenario format writes.
    pub fn text(&self) -> String {
        match self {
            Start::Point(v) => join(v),
            Start::Saddle { radius } if *radius == 0.0 => "saddle".into(),
            Start::Saddle { radius } => format!("saddle+{}", fmt_num(*radius)),
        }
    }
}

/// Every setting of a demo. `None` and empty mean "the default"; only what was given is printed.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub landscape: &'static str,
    pub landscape_params: ParamValues,
    pub optimizers: Vec<&'static str>,
    pub lr: Option<f64>,
    pub noise: Option<f64>,
    /// `<optimizer>.<param>=value`, including `<optimizer>.lr` and `<optimizer>.noise`.
    pub opt_params: Vec<(&'static str, String, f64)>,
    pub start: Option<Start>,
    pub seed: Option<u64>,
    pub steps: Option<u64>,
    pub view: Option<ViewMode>,
    pub view_box: Option<ViewBox>,
    /// The 3D view's camera: yaw and pitch in degrees, and zoom (`camera=yaw,pitch,zoom`).
    pub camera: Option<[f64; 3]>,
    /// Steps per animation frame.
    pub speed: Option<u32>,
    pub hide: Vec<String>,
    pub embed: bool,
    /// Coordinates (0-based) of the slice plane for landscapes with d ≥ 3.
    pub plane: Option<(usize, usize)>,
    /// The page's worker pool size (never changes a result).
    pub workers: Option<u32>,
    /// The typed function (`f=`, `p.<name>=`) of a landscape that takes one (`custom`); `None` for
    /// every other landscape.
    pub expression: Option<Expression>,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            landscape: "saddle",
            landscape_params: ParamValues::new(),
            optimizers: DEFAULT_OPTIMIZERS.to_vec(),
            lr: None,
            noise: None,
            opt_params: Vec::new(),
            start: None,
            seed: None,
            steps: None,
            view: None,
            view_box: None,
            camera: None,
            speed: None,
            hide: Vec::new(),
            embed: false,
            plane: None,
            workers: None,
            expression: None,
        }
    }
}

/// Decodes `%XX` escapes; malformed escapes and invalid UTF-8 are an error for `key` (quoting
/// `value` when it is not the key itself).
fn percent_decode(s: &str, key: &str, value: &str) -> Result<String, ScenarioError> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
            match hex {
                Some(b) => {
                    out.push(b);
                    i += 3;
                }
                None => return Err(ScenarioError::new(key, value, "has a malformed %-escape (% must be followed by two hex digits)")),
            }
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| ScenarioError::new(key, value, "is not valid UTF-8 after %-decoding"))
}

fn parse_f64(key: &str, value: &str) -> Result<f64, ScenarioError> {
    let v: f64 = value.trim().parse().map_err(|_| ScenarioError::new(key, value, "is not a number"))?;
    if !v.is_finite() {
        return Err(ScenarioError::new(key, value, "must be a finite number"));
    }
    Ok(v)
}

fn parse_list(key: &str, value: &str) -> Result<Vec<f64>, ScenarioError> {
    value.split(',').map(|p| parse_f64(key, p).map_err(|e| ScenarioError::new(key, value, format!("{} {}", q(p), e.message)))).collect()
}

fn join(v: &[f64]) -> String {
    v.iter().map(|x| fmt_num(*x)).collect::<Vec<_>>().join(",")
}

/// How an error names a pair whose key is empty.
const EMPTY_KEY: &str = "(empty key)";

fn named(key: &str) -> &str {
    if key.is_empty() {
        EMPTY_KEY
    } else {
        key
    }
}

fn too_long(bytes: usize) -> ScenarioError {
    ScenarioError::new("scenario", "", format!("is {bytes} bytes long; at most {MAX_SCENARIO_BYTES} bytes (16 KB) are accepted"))
}

fn too_many_pairs() -> ScenarioError {
    ScenarioError::new("scenario", "", format!("has more than {MAX_PAIRS} key=value pairs; at most {MAX_PAIRS} are accepted"))
}

/// Splits `text` into decoded `(key, value)` pairs; a repeated key is an error. Linear in the
/// length of `text`, which is at most [`MAX_SCENARIO_BYTES`] with at most [`MAX_PAIRS`] pairs.
pub fn pairs(text: &str) -> Result<Vec<(String, String)>, ScenarioError> {
    if text.len() > MAX_SCENARIO_BYTES {
        return Err(too_long(text.len()));
    }
    let text = text.trim();
    let text = text.strip_prefix('#').or_else(|| text.strip_prefix('?')).unwrap_or(text);
    let mut out: Vec<(String, String)> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for seg in text.split('&') {
        let seg = seg.trim();
        if seg.is_empty() {
            continue;
        }
        if out.len() == MAX_PAIRS {
            return Err(too_many_pairs());
        }
        let (k, v) = match seg.split_once('=') {
            Some(kv) => kv,
            None => {
                let k = percent_decode(seg, named(seg), "")?;
                return Err(ScenarioError::new(named(k.trim()), "", "has no value (expected key=value)"));
            }
        };
        let key = percent_decode(k, named(k.trim()), "")?.trim().to_string();
        let value = percent_decode(v, named(&key), v)?.trim().to_string();
        if key.is_empty() {
            return Err(ScenarioError::new(EMPTY_KEY, &value, "a pair has no key (expected key=value)"));
        }
        if !seen.insert(key.clone()) {
            return Err(ScenarioError::new(&key, &value, "is given twice"));
        }
        out.push((key, value));
    }
    Ok(out)
}

impl Scenario {
    /// The seed a race uses: the scenario's, else [`EMBED_SEED`] in an iframe, else a fresh one.
    pub fn seed_or_draw(&self) -> u64 {
        self.seed.unwrap_or_else(|| if self.embed { EMBED_SEED } else { crate::numeric::random::fresh_seed() })
    }

    /// Parses the scenario format (an optional leading `#` or `?` is ignored).
    pub fn parse(text: &str) -> Result<Scenario, ScenarioError> {
        Scenario::from_pairs(&pairs(text)?)
    }

    /// Builds a scenario from decoded pairs, checking every field.
    pub fn from_pairs(pairs: &[(String, String)]) -> Result<Scenario, ScenarioError> {
        if pairs.len() > MAX_PAIRS {
            return Err(too_many_pairs());
        }
        let bytes: usize = pairs.iter().map(|(k, v)| k.len() + v.len() + 2).sum();
        if bytes > MAX_SCENARIO_BYTES {
            return Err(too_long(bytes));
        }
        let mut s = Scenario::default();
        let get = |k: &str| pairs.iter().find(|(k2, _)| k2 == k).map(|(_, v)| v.as_str());
        if let Some(id) = get("landscape") {
            s.landscape = landscape::info(id).map(|l| l.id).ok_or_else(|| {
                ScenarioError::new("landscape", id, format!("is not a landscape{} (accepted: {})", did_you_mean(id, landscape::LANDSCAPES.iter().map(|l| l.id)), landscape_ids()))
            })?;
        }
        let linfo = landscape::info(s.landscape).expect("landscape id checked");
        let takes_expression = landscape::takes_expression(linfo.id);
        let mut expression = Expression::default();
        if let Some(list) = get("opt") {
            let mut v: Vec<&'static str> = Vec::new();
            for id in list.split(',').map(str::trim) {
                let info = optim::info(id).ok_or_else(|| {
                    ScenarioError::new("opt", list, format!("{} is not an optimizer{} (accepted: {})", q(id), did_you_mean(id, optim::OPTIMIZERS.iter().map(|o| o.id)), optimizer_ids()))
                })?;
                if v.contains(&info.id) {
                    return Err(ScenarioError::new("opt", list, format!("{} is listed twice", q(id))));
                }
                v.push(info.id);
            }
            if v.len() > MAX_RACE {
                return Err(ScenarioError::new("opt", list, format!("at most {MAX_RACE} optimizers race at once")));
            }
            s.optimizers = v;
        }
        for (key, value) in pairs {
            let (key, value) = (key.as_str(), value.as_str());
            match key {
                "landscape" | "opt" => {}
                "f" => {
                    if !takes_expression {
                        return Err(ScenarioError::new(key, value, format!("is only for landscape={} (a function typed by you)", custom::ID)));
                    }
                    expression.text = value.to_string();
                }
                _ if key.starts_with("p.") => {
                    let name = &key[2..];
                    if !takes_expression {
                        return Err(ScenarioError::new(key, value, format!("parameters p.<name> are only for landscape={}", custom::ID)));
                    }
                    custom::check_param_name(name).map_err(|m| ScenarioError::new(key, value, m))?;
                    if expression.params.len() >= custom::MAX_PARAMS {
                        return Err(ScenarioError::new(key, value, format!("at most {} parameters p.<name>", custom::MAX_PARAMS)));
                    }
                    let p = UserParam::parse(name, value).map_err(|m| ScenarioError::new(key, value, m))?;
                    expression.set_param(p);
                }
                "lr" => s.lr = Some(check_lr(key, value)?),
                "noise" => s.noise = Some(check_noise(key, value)?),
                "start" => s.start = Some(parse_start(key, value)?),
                "seed" => {
                    s.seed = Some(value.parse::<u64>().map_err(|_| {
                        ScenarioError::new(key, value, "must be a whole number from 0 to 18446744073709551615")
                    })?)
                }
                "steps" => {
                    let n = value.parse::<u64>().ok().filter(|n| (1..=MAX_STEPS).contains(n));
                    s.steps = Some(n.ok_or_else(|| ScenarioError::new(key, value, format!("must be a whole number in [1, {MAX_STEPS}]")))?);
                }
                "view" => {
                    s.view = Some(match value {
                        "2d" => ViewMode::TwoD,
                        "3d" => ViewMode::ThreeD,
                        _ => return Err(ScenarioError::new(key, value, "must be 2d or 3d")),
                    })
                }
                "box" => {
                    let v = parse_list(key, value)?;
                    if v.len() != 4 {
                        return Err(ScenarioError::new(key, value, format!("needs 4 numbers x0,x1,y0,y1 (got {})", v.len())));
                    }
                    if !(v[0] < v[1] && v[2] < v[3]) {
                        return Err(ScenarioError::new(key, value, "needs x0 < x1 and y0 < y1"));
                    }
                    if v.iter().any(|x| x.abs() > MAX_COORD) || v[1] - v[0] < MIN_BOX_SIDE || v[3] - v[2] < MIN_BOX_SIDE {
                        return Err(ScenarioError::new(key, value, format!("must lie in [-{MAX_COORD:e}, {MAX_COORD:e}] and be wider than {MIN_BOX_SIDE:e}")));
                    }
                    s.view_box = Some(ViewBox::new(v[0], v[1], v[2], v[3]));
                }
                "camera" => {
                    let v = parse_list(key, value)?;
                    if v.len() != 3 {
                        return Err(ScenarioError::new(key, value, format!("needs 3 numbers yaw,pitch,zoom (degrees, degrees, factor; got {})", v.len())));
                    }
                    let (p, z) = (CAMERA_PITCH, CAMERA_ZOOM);
                    if !(-360.0..=360.0).contains(&v[0]) {
                        return Err(ScenarioError::new(key, value, "yaw must lie in [-360, 360] degrees"));
                    }
                    if !(p.0..=p.1).contains(&v[1]) {
                        return Err(ScenarioError::new(key, value, format!("pitch must lie in [{}, {}] degrees", p.0, p.1)));
                    }
                    if !(z.0..=z.1).contains(&v[2]) {
                        return Err(ScenarioError::new(key, value, format!("zoom must lie in [{}, {}]", z.0, z.1)));
                    }
                    s.camera = Some([v[0], v[1], v[2]]);
                }
                "speed" => {
                    let n = value.parse::<u32>().ok().filter(|n| (1..=MAX_SPEED).contains(n));
                    s.speed = Some(n.ok_or_else(|| ScenarioError::new(key, value, format!("must be a whole number of steps per frame in [1, {MAX_SPEED}]")))?);
                }
                "hide" => {
                    for c in value.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                        if !CONTROLS.contains(&c) {
                            return Err(ScenarioError::new(key, value, format!("{} is not a control (accepted: {})", q(c), CONTROLS.join(", "))));
                        }
                        if !s.hide.iter().any(|h| h == c) {
                            s.hide.push(c.to_string());
                        }
                    }
                }
                "embed" => {
                    s.embed = match value {
                        "1" | "true" => true,
                        "0" | "false" => false,
                        _ => return Err(ScenarioError::new(key, value, "must be 1 or 0")),
                    }
                }
                "workers" => {
                    let max = MAX_WORKERS;
                    s.workers = Some(value.parse::<u32>().ok().filter(|n| (1..=max).contains(n)).ok_or_else(|| {
                        ScenarioError::new(key, value, format!("must be a whole number of workers in [1, {max}]"))
                    })?);
                }
                "plane" => {
                    let v = parse_list(key, value)?;
                    if v.len() != 2 || v.iter().any(|x| x.fract() != 0.0 || *x < 1.0) || v[0] == v[1] {
                        return Err(ScenarioError::new(key, value, "needs two different coordinate numbers i,j (from 1)"));
                    }
                    s.plane = Some((v[0] as usize - 1, v[1] as usize - 1));
                }
                _ if key.contains('.') => {
                    let (id, name) = key.split_once('.').unwrap_or((key, ""));
                    let info = optim::info(id).ok_or_else(|| {
                        ScenarioError::new(key, value, format!("{} is not an optimizer{} (accepted: {})", q(id), did_you_mean(id, optim::OPTIMIZERS.iter().map(|o| o.id)), optimizer_ids()))
                    })?;
                    let v = match name {
                        "lr" => check_lr(key, value)?,
                        "noise" => check_noise(key, value)?,
                        _ => {
                            let spec = info.params.iter().find(|p| p.name == name).ok_or_else(|| {
                                ScenarioError::new(key, value, format!("{} is not a parameter of {} (accepted: {})", q(name), info.id, opt_param_names(info)))
                            })?;
                            spec.parse(value).map_err(|m| ScenarioError::new(key, value, m))?
                        }
                    };
                    s.opt_params.push((info.id, name.to_string(), v));
                }
                _ => {
                    let spec = linfo.param(key).ok_or_else(|| {
                        ScenarioError::new(
                            key,
                            value,
                            format!(
                                "is not a key{} ({}'s parameters: {}; other keys: {}, <optimizer>.<parameter>)",
                                did_you_mean(key, KEYS.iter().copied().chain(linfo.params.iter().map(|p| p.name))),
                                linfo.id,
                                if takes_expression { "f, p.<name>".to_string() } else { crate::numeric::params::names(linfo.params) },
                                KEYS.join(", ")
                            ),
                        )
                    })?;
                    let v = spec.parse(value).map_err(|m| ScenarioError::new(key, value, m))?;
                    s.landscape_params.set(spec.name, v);
                }
            }
        }
        if takes_expression {
            s.expression = Some(expression);
        }
        s.canonicalize();
        // Build once: catches cross-field errors (index > d) and checks the start's arity.
        let l = s.build_landscape()?;
        match &s.start {
            Some(Start::Point(st)) if st.len() != l.dim() => {
                return Err(ScenarioError::new(
                    "start",
                    &join(st),
                    format!("needs {} coordinates for {} (got {})", l.dim(), s.landscape, st.len()),
                ));
            }
            Some(Start::Saddle { .. }) if l.saddle_point().is_none() => {
                return Err(ScenarioError::new("start", "saddle", format!("{} has no saddle to start at", s.landscape)));
            }
            _ => {}
        }
        if let Some((i, j)) = s.plane {
            if i >= l.dim() || j >= l.dim() {
                return Err(ScenarioError::new("plane", &format!("{},{}", i + 1, j + 1), format!("coordinates must be in 1..{}", l.dim())));
            }
        }
        s.check_budget(l.as_ref())?;
        Ok(s)
    }

    /// Estimated floating-point operations to build this scenario's race before its first step:
    /// the landscape's critical points ([`Landscape::critical_points_cost`]) and the box estimates
    /// ℓ̂, ρ̂ (counted whether or not an optimizer needs them). Infinite if the landscape cannot be
    /// built. With [`Scenario::step_cost`], what the page uses to send work to its workers.
    pub fn build_cost(&self) -> f64 {
        self.build_landscape().map_or(f64::INFINITY, |l| self.build_cost_of(l.as_ref()))
    }

    /// Estimated floating-point operations of one step of the whole race: for each optimizer one
    /// evaluation of f, ∇f and ∇²f ([`Landscape::evaluate_cost`]) and one eigen-decomposition
    /// (with eigenvectors: an upper bound). Infinite if the landscape cannot be built.
    pub fn step_cost(&self) -> f64 {
        self.build_landscape().map_or(f64::INFINITY, |l| self.step_cost_of(l.as_ref()))
    }

    /// [`Scenario::step_cost`] times the step limit (`steps`, or the landscape's default): the
    /// most a race can cost when played to its end.
    pub fn race_cost(&self) -> f64 {
        self.build_landscape().map_or(f64::INFINITY, |l| self.step_cost_of(l.as_ref()) * self.steps.unwrap_or_else(|| l.default_steps()) as f64)
    }

    fn build_cost_of(&self, l: &dyn Landscape) -> f64 {
        let d = l.dim();
        let n = crate::landscape::estimates::grid_size(d, 16) as f64;
        l.critical_points_cost() + n * n * (l.evaluate_cost() + crate::numeric::eigen::eigen_cost(d, false))
    }

    fn step_cost_of(&self, l: &dyn Landscape) -> f64 {
        self.optimizers.len() as f64 * (l.evaluate_cost() + crate::numeric::eigen::eigen_cost(l.dim(), true))
    }

    /// Refuses a scenario whose estimated cost is over [`MAX_BUILD_FLOPS`], [`MAX_STEP_FLOPS`] or
    /// [`MAX_RACE_FLOPS`], naming the field that drives it.
    fn check_budget(&self, l: &dyn Landscape) -> Result<(), ScenarioError> {
        let linfo = self.landscape_info();
        // The landscape's size parameters that were given (d, index, samples, k, n …).
        let sizes: Vec<(&str, String)> = linfo
            .params
            .iter()
            .filter(|p| p.restart)
            .filter_map(|p| self.landscape_params.get_opt(p.name).map(|v| (p.name, p.format(v))))
            .collect();
        let with = |skip: usize| -> String {
            let rest: Vec<String> = sizes.iter().skip(skip).map(|(k, v)| format!("{k}={v}")).collect();
            if rest.is_empty() {
                String::new()
            } else {
                format!("with {}: ", rest.join(", "))
            }
        };
        let build = self.build_cost_of(l);
        if build > MAX_BUILD_FLOPS {
            let (key, value) = sizes.first().map_or(("landscape", self.landscape.to_string()), |(k, v)| (*k, v.clone()));
            return Err(ScenarioError::new(
                key,
                &value,
                format!("{}building {} would take about {build:.1e} operations (at most {MAX_BUILD_FLOPS:e})", with(1), self.landscape),
            ));
        }
        let n = self.optimizers.len();
        let step = self.step_cost_of(l);
        if step > MAX_STEP_FLOPS {
            return Err(ScenarioError::new(
                "opt",
                &self.optimizers.join(","),
                format!("{}{n} optimizers in {} dimensions would take about {step:.1e} operations a step (at most {MAX_STEP_FLOPS:e})", with(0), l.dim()),
            ));
        }
        let steps = self.steps.unwrap_or_else(|| l.default_steps());
        let race = step * steps as f64;
        if race > MAX_RACE_FLOPS {
            let (key, value) = if self.steps.is_some() { ("steps", steps.to_string()) } else { ("opt", self.optimizers.join(",")) };
            return Err(ScenarioError::new(
                key,
                &value,
                format!("{n} optimizers × {steps} steps in {} dimensions would take about {race:.1e} operations (at most {MAX_RACE_FLOPS:e})", l.dim()),
            ));
        }
        Ok(())
    }

    /// Sorts given values into table order so equal scenarios print equally.
    fn canonicalize(&mut self) {
        let linfo = self.landscape_info();
        let mut lp = ParamValues::new();
        for spec in linfo.params {
            if let Some(v) = self.landscape_params.get_opt(spec.name) {
                lp.set(spec.name, v);
            }
        }
        self.landscape_params = lp;
        if !landscape::takes_expression(self.landscape) {
            self.expression = None;
        } else if self.expression.is_none() {
            self.expression = Some(Expression::default());
        }
        let order = |id: &str, name: &str| -> (usize, usize) {
            let oi = optim::OPTIMIZERS.iter().position(|o| o.id == id).unwrap_or(usize::MAX);
            let info = &optim::OPTIMIZERS[oi.min(optim::OPTIMIZERS.len() - 1)];
            let pi = match name {
                "lr" => 0,
                "noise" => 1,
                _ => 2 + info.params.iter().position(|p| p.name == name).unwrap_or(usize::MAX - 2),
            };
            (oi, pi)
        };
        // One numeric key (exact: both positions are below 2²⁰) for the crate's shared sort.
        crate::numeric::sort::sort_by_key(&mut self.opt_params, |(id, name, _)| {
            let (o, p) = order(id, name);
            (o.min(1 << 20) * (1 << 21) + p.min(1 << 20)) as f64
        });
    }

    pub fn landscape_info(&self) -> &'static LandscapeInfo {
        landscape::info(self.landscape).expect("scenario holds a known landscape id")
    }

    /// The landscape with this scenario's parameters and data seed.
    pub fn build_landscape(&self) -> Result<Box<dyn Landscape>, ScenarioError> {
        if let Some(e) = &self.expression {
            return custom::build_boxed(e).map_err(|err| ScenarioError::new("f", &e.text, err.to_string()));
        }
        landscape::build(self.landscape, &self.landscape_params, self.seed.unwrap_or(0)).map_err(|e| {
            let value = match self.landscape_params.get_opt(&e.key) {
                Some(v) => fmt_num(v),
                None if e.key == "landscape" => self.landscape.to_string(),
                None => String::new(),
            };
            ScenarioError::new(&e.key, &value, e.message)
        })
    }

    /// The value given for `<id>.<name>`, if any.
    pub fn opt_param(&self, id: &str, name: &str) -> Option<f64> {
        self.opt_params.iter().find(|(i, n, _)| *i == id && n == name).map(|e| e.2)
    }

    /// The resolved hyper-parameters of optimizer `id` on landscape `l`. `estimates` is called only
    /// when the optimizer needs ℓ̂, ρ̂.
    pub fn hyper(&self, info: &'static OptimizerInfo, l: &dyn Landscape, estimates: &mut dyn FnMut() -> Estimates) -> Hyper {
        let own_lr = self.opt_param(info.id, "lr");
        let lr = own_lr.or(self.lr).unwrap_or_else(|| match info.lr_kind {
            LrKind::Curvature => info.lr * l.default_lr().map_or(1.0, |g| g / 0.1),
            _ => info.lr,
        });
        let noise = self.opt_param(info.id, "noise").or(self.noise).unwrap_or(info.noise);
        let given: Vec<bool> = info.params.iter().map(|p| self.opt_param(info.id, p.name).is_some()).collect();
        let values = info.params.iter().map(|p| self.opt_param(info.id, p.name).unwrap_or(p.default)).collect();
        let mut h = Hyper {
            lr,
            lr_given: own_lr.is_some() || self.lr.is_some(),
            noise,
            values,
            specs: info.params,
            given,
            dim: l.dim(),
            estimates: None,
        };
        if (info.needs_estimates)(&h) {
            h.estimates = Some(estimates());
        }
        h
    }

    /// Sets one key as the scenario format would (an empty value removes it) and re-checks the
    /// whole scenario; on error `self` is unchanged. Changing the landscape drops the old one's
    /// parameters, start, view box and plane.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), ScenarioError> {
        if key.len() + value.len() > MAX_SCENARIO_BYTES {
            return Err(ScenarioError::new(
                key,
                value,
                format!("is {} bytes long; at most {MAX_SCENARIO_BYTES} bytes (16 KB) are accepted", key.len() + value.len()),
            ));
        }
        let mut p = self.to_pairs();
        let key = key.trim();
        let mut value = value.trim().to_string();
        if key == "landscape" && value != self.landscape {
            let linfo = self.landscape_info();
            p.retain(|(k, _)| !(linfo.param(k).is_some() || k == "start" || k == "box" || k == "plane" || k == "f" || k.starts_with("p.")));
        }
        if key == "f" && self.expression.as_ref().is_some_and(|e| e.text != value) {
            // A new function is a new landscape: its own start, view and plane.
            p.retain(|(k, _)| !(k == "start" || k == "box" || k == "plane"));
        }
        if let (Some(name), Some(e)) = (key.strip_prefix("p."), &self.expression) {
            // A knob moving gives a value only: it keeps the range while the value lies in it.
            if let (Some(q), Ok(v)) = (e.param(name), value.parse::<f64>()) {
                if !value.contains(':') && v >= q.min && v <= q.max {
                    value = UserParam { value: v, ..q.clone() }.format();
                }
            }
        }
        p.retain(|(k, _)| k != key);
        if !value.is_empty() {
            p.push((key.to_string(), value));
        }
        *self = Scenario::from_pairs(&p)?;
        Ok(())
    }

    /// The pairs this scenario prints as, in canonical order.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut p: Vec<(String, String)> = vec![("landscape".into(), self.landscape.into())];
        let linfo = self.landscape_info();
        for (k, v) in &self.landscape_params.0 {
            let text = linfo.param(k).map(|s| s.format(*v)).unwrap_or_else(|| fmt_num(*v));
            p.push((k.clone(), text));
        }
        if let Some(e) = &self.expression {
            p.push(("f".into(), e.text.clone()));
            for q in &e.params {
                p.push((format!("p.{}", q.name), q.format()));
            }
        }
        p.push(("opt".into(), self.optimizers.join(",")));
        if let Some(v) = self.lr {
            p.push(("lr".into(), fmt_num(v)));
        }
        if let Some(v) = self.noise {
            p.push(("noise".into(), fmt_num(v)));
        }
        for (id, name, v) in &self.opt_params {
            let info = optim::info(id).expect("known optimizer");
            let text = info.params.iter().find(|s| s.name == name).map(|s| s.format(*v)).unwrap_or_else(|| fmt_num(*v));
            p.push((format!("{id}.{name}"), text));
        }
        if let Some(v) = &self.start {
            p.push(("start".into(), v.text()));
        }
        if let Some(v) = self.seed {
            p.push(("seed".into(), v.to_string()));
        }
        if let Some(v) = self.steps {
            p.push(("steps".into(), v.to_string()));
        }
        if let Some(v) = self.view {
            p.push(("view".into(), if v == ViewMode::TwoD { "2d" } else { "3d" }.into()));
        }
        if let Some(b) = self.view_box {
            p.push(("box".into(), join(&[b.x0, b.x1, b.y0, b.y1])));
        }
        if let Some(c) = self.camera {
            p.push(("camera".into(), join(&c)));
        }
        if let Some(v) = self.plane {
            p.push(("plane".into(), format!("{},{}", v.0 + 1, v.1 + 1)));
        }
        if let Some(v) = self.speed {
            p.push(("speed".into(), v.to_string()));
        }
        if !self.hide.is_empty() {
            p.push(("hide".into(), self.hide.join(",")));
        }
        if self.embed {
            p.push(("embed".into(), "1".into()));
        }
        if let Some(w) = self.workers {
            p.push(("workers".into(), w.to_string()));
        }
        p
    }
}

/// Percent-encodes what the format reserves (`&`, `=`, `%`, `#`), what a URL may not hold or may
/// read otherwise (space, `+`, `^`, quotes, brackets, …) and anything outside ASCII.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'&' | b'=' | b'%' | b'#' | b' ' | b'"' | b'<' | b'>' | b'+' | b'^' | b'\'' | b'`' | b'|' | b'\\' | b'{' | b'}' | b'[' | b']' => {
                out.push_str(&format!("%{b:02X}"))
            }
            0x21..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

impl fmt::Display for Scenario {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let text = self.to_pairs().iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&");
        f.write_str(&text)
    }
}

/// `x,y,…`, `saddle` or `saddle+r`.
fn parse_start(key: &str, value: &str) -> Result<Start, ScenarioError> {
    let v = value.trim();
    if let Some(rest) = v.strip_prefix("saddle") {
        let radius = match rest.strip_prefix('+') {
            None if rest.is_empty() => 0.0,
            Some(r) => parse_f64(key, r).ok().filter(|r| *r >= 0.0 && *r <= MAX_COORD).ok_or_else(|| {
                ScenarioError::new(key, value, format!("saddle+r needs a radius r in [0, {MAX_COORD:e}]"))
            })?,
            None => return Err(ScenarioError::new(key, value, "must be coordinates x,y,…, saddle, or saddle+r")),
        };
        return Ok(Start::Saddle { radius });
    }
    let p = parse_list(key, value)?;
    if p.iter().any(|x| x.abs() > MAX_COORD) {
        return Err(ScenarioError::new(key, value, format!("coordinates must lie in [-{MAX_COORD:e}, {MAX_COORD:e}]")));
    }
    Ok(Start::Point(p))
}

fn check_lr(key: &str, value: &str) -> Result<f64, ScenarioError> {
    let v = parse_f64(key, value)?;
    if v <= 0.0 || v > MAX_LR {
        return Err(ScenarioError::new(key, value, format!("must be a step size in (0, {MAX_LR}]")));
    }
    Ok(v)
}

fn check_noise(key: &str, value: &str) -> Result<f64, ScenarioError> {
    let v = parse_f64(key, value)?;
    if !(0.0..=MAX_NOISE).contains(&v) {
        return Err(ScenarioError::new(key, value, format!("must be a noise level σ in [0, {MAX_NOISE}]")));
    }
    Ok(v)
}

/// All landscape ids, comma-separated.
pub fn landscape_ids() -> String {
    landscape::LANDSCAPES.iter().map(|l| l.id).collect::<Vec<_>>().join(", ")
}

/// All optimizer ids, comma-separated.
pub fn optimizer_ids() -> String {
    optim::OPTIMIZERS.iter().map(|o| o.id).collect::<Vec<_>>().join(", ")
}

fn opt_param_names(info: &OptimizerInfo) -> String {
    let mut v = vec!["lr", "noise"];
    v.extend(info.params.iter().map(|p| p.name));
    v.join(", ")
}
