//! Hostile scenarios: a seeded generator of malformed, oversized and adversarial scenario texts run
//! through `Scenario::parse` and the landscape build (and, where cheap, a race of a few steps).
//! Checks: no panic; every error names its key and is one line of at most 200 characters with no
//! control or bidi characters; a 1 MB scenario is answered in linear time (under 50 ms natively).
//!
//! `cargo test --release --test hostile` runs 100,000 cases; a debug `cargo test` runs 10,000.
#![cfg(not(target_arch = "wasm32"))]

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use saddlescope::landscape::LANDSCAPES;
use saddlescope::optim::OPTIMIZERS;
use saddlescope::run::Race;
use saddlescope::scenario::{Scenario, ScenarioError, CONTROLS, KEYS, MAX_ERROR_CHARS, MAX_PAIRS, MAX_SCENARIO_BYTES};
use std::time::{Duration, Instant};

const CASES: usize = if cfg!(debug_assertions) { 10_000 } else { 100_000 };

/// Values an attacker (or a clumsy hand) might put anywhere.
const NASTY: &[&str] = &[
    "", " ", "nan", "NaN", "inf", "-inf", "infinity", "1e309", "-1e309", "1e-400", "-0", "+0", "0x10", "1_000", "1e6", "-1e6",
    "1000001", "99999999999999999999999999", "18446744073709551616", "-1", "0", "1", "2", "3", "6", "12", "1024", "1025", "0.5",
    ".5", "5.", "1,", ",1", ",", ",,", "1,2,3", "1,1", "2,2", "1,2", "-0,-0", "0,-0", "1e308,1e308", "%", "%z", "%zz", "%e2%80%ae",
    "%00", "%0a", "%0d%0a", "%ff", "%c3%28", "%25", "%26", "%3d", "\u{1b}[31mred", "\n", "\r\n", "\t", "\u{202e}evil", "\u{2066}",
    "\u{feff}", "\u{200b}", "\u{85}", "\u{7f}", "<img src=x onerror=alert(1)>", "\"'><script>", "../../etc/passwd", "😀", "é", "2d",
    "3d", "4d", "true", "false", "yes", "panels", "panels,panels", "landscape,bogus", "gd", "gd,gd", "gd,pgd,adam,sgd,newton,sfn,cubic,cnc,ncd",
    "adamw", "saddle", "saddle3", "relu-ss", "chain", "GD", " gd ", "gd, pgd", "demo", "theory",
];

fn pick<'a>(rng: &mut StdRng, v: &[&'a str]) -> &'a str {
    v[rng.random_range(0..v.len())]
}

/// A plausible key: a scenario key, a landscape parameter, `<optimizer>.<param>`, or junk.
fn key(rng: &mut StdRng) -> String {
    match rng.random_range(0..10) {
        0..=2 => pick(rng, KEYS).to_string(),
        3..=5 => {
            let l = &LANDSCAPES[rng.random_range(0..LANDSCAPES.len())];
            if l.params.is_empty() {
                "b".into()
            } else {
                l.params[rng.random_range(0..l.params.len())].name.to_string()
            }
        }
        6 | 7 => {
            let o = &OPTIMIZERS[rng.random_range(0..OPTIMIZERS.len())];
            let name = match rng.random_range(0..4) {
                0 => "lr",
                1 => "noise",
                2 if !o.params.is_empty() => o.params[rng.random_range(0..o.params.len())].name,
                _ => pick(rng, &["", "x", "lr.lr", ".", "r"]),
            };
            format!("{}.{name}", o.id)
        }
        8 => pick(rng, NASTY).to_string(),
        _ => junk(1 + rng.random_range(0..12), rng),
    }
}

/// A value for `key`: often sensible, often nasty.
fn value(rng: &mut StdRng, key: &str) -> String {
    match rng.random_range(0..10) {
        0..=3 => pick(rng, NASTY).to_string(),
        4 => match key {
            "landscape" => LANDSCAPES[rng.random_range(0..LANDSCAPES.len())].id.to_string(),
            "opt" => {
                let n = rng.random_range(1..11);
                (0..n).map(|_| OPTIMIZERS[rng.random_range(0..OPTIMIZERS.len())].id).collect::<Vec<_>>().join(",")
            }
            "hide" => (0..rng.random_range(1..5)).map(|_| pick(rng, CONTROLS)).collect::<Vec<_>>().join(","),
            _ => format!("{}", rng.random_range(-5.0..2000.0f64)),
        },
        5 => format!("{}", rng.random::<f64>() * 10f64.powi(rng.random_range(-320..320))),
        6 => (0..rng.random_range(1..6)).map(|_| format!("{}", rng.random_range(-3.0..3.0f64))).collect::<Vec<_>>().join(","),
        7 => format!("{}", rng.random_range(0..2048u32)),
        8 => junk(rng.random_range(0..80), rng),
        _ => {
            // Long: digits, commas or junk, up to 20 KB.
            let n = rng.random_range(100..20_000);
            match rng.random_range(0..3) {
                0 => "9".repeat(n),
                1 => ",".repeat(n),
                _ => junk(n, rng),
            }
        }
    }
}

/// Random text over an alphabet rich in the format's own characters, escapes and control and
/// bidi characters.
fn junk(n: usize, rng: &mut StdRng) -> String {
    const ALPHABET: &[&str] = &[
        "&", "=", "%", ",", ".", "#", "?", "-", "e", "0", "1", "9", "a", "z", " ", "%2", "%e2%80%ae", "%0a", "\n", "\r", "\t", "\u{0}",
        "\u{1b}", "\u{7f}", "\u{9b}", "\u{202e}", "\u{2067}", "\u{200f}", "\u{feff}", "é", "😀", "\\", "'", "\"", "<", ">",
    ];
    (0..n).map(|_| pick(rng, ALPHABET)).collect()
}

/// One hostile scenario text.
fn scenario(rng: &mut StdRng) -> String {
    match rng.random_range(0..20) {
        // Pure junk.
        0 | 1 => junk(rng.random_range(0..200), rng),
        // Many pairs (around the pair limit).
        2 => {
            let n = rng.random_range(MAX_PAIRS - 10..MAX_PAIRS + 10);
            (0..n).map(|i| format!("k{i}=1")).collect::<Vec<_>>().join("&")
        }
        // Size parameters at or past their limits, with big races.
        3 | 4 => {
            let l = pick(rng, &["saddle3", "chain", "relu", "relu-ss", "finite-sum"]);
            let mut p = vec![format!("landscape={l}")];
            for k in ["d", "index", "samples", "k", "n"] {
                if rng.random_range(0..2) == 0 {
                    p.push(format!("{k}={}", pick(rng, &["1", "2", "3", "6", "7", "12", "13", "1000", "1024", "1025", "20000", "20001"])));
                }
            }
            if rng.random_range(0..2) == 0 {
                p.push("opt=gd,sgd,pgd,adam,newton,sfn,cubic,cnc".into());
            }
            if rng.random_range(0..2) == 0 {
                p.push(format!("steps={}", pick(rng, &["1", "5000", "100000", "10000000", "10000001"])));
            }
            p.join("&")
        }
        // Pairs from keys and values, with extras: repeats, empty segments, leading # or ?.
        _ => {
            let n = rng.random_range(0..8);
            let mut p: Vec<String> = Vec::new();
            if rng.random_range(0..3) > 0 {
                p.push(format!("landscape={}", LANDSCAPES[rng.random_range(0..LANDSCAPES.len())].id));
            }
            for _ in 0..n {
                let k = key(rng);
                let v = value(rng, &k);
                match rng.random_range(0..12) {
                    0 => p.push(k),                                 // no '='
                    1 => p.push(format!("{k}={v}={v}")),            // two '='
                    2 => p.push(format!("{}={}", encode(&k), encode(&v))), // fully %-encoded
                    3 => p.push(String::new()),                     // empty segment
                    _ => p.push(format!("{k}={v}")),
                }
            }
            if rng.random_range(0..10) == 0 && !p.is_empty() {
                let i = rng.random_range(0..p.len());
                let dup = p[i].clone();
                p.push(dup);
            }
            let mut s = p.join("&");
            match rng.random_range(0..8) {
                0 => s.insert(0, '#'),
                1 => s.insert(0, '?'),
                2 => s = format!("  {s}  "),
                _ => {}
            }
            s
        }
    }
}

fn encode(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02x}")).collect()
}

/// What every error must be: one line, at most 200 characters, naming its key, no control or
/// bidi characters.
fn check_error(input: &str, e: &ScenarioError) {
    let text = e.to_string();
    let short: String = input.chars().take(120).collect();
    assert!(!e.key.is_empty(), "error without a key for {short:?}: {text}");
    assert!(text.starts_with(&e.key), "error does not start with its key for {short:?}: {text}");
    assert!(text.chars().count() <= MAX_ERROR_CHARS, "error of {} characters for {short:?}: {text}", text.chars().count());
    assert!(
        !text.chars().any(|c| c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{2028}' | '\u{2029}')),
        "control or bidi character in the error for {short:?}: {text:?}"
    );
}

#[test]
fn hostile_scenarios_never_panic_and_errors_are_one_short_line() {
    let mut rng = StdRng::seed_from_u64(0x5add1e);
    let t0 = Instant::now();
    let (mut accepted, mut refused, mut raced) = (0usize, 0usize, 0usize);
    let mut longest = String::new();
    let show = std::env::var("HOSTILE_SHOW").ok().and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
    for case in 0..CASES {
        let text = scenario(&mut rng);
        let result = std::panic::catch_unwind(|| Scenario::parse(&text));
        let parsed = result.unwrap_or_else(|_| panic!("case {case}: parse panicked on {:?}", text.chars().take(200).collect::<String>()));
        match parsed {
            Err(e) => {
                refused += 1;
                check_error(&text, &e);
                let m = e.to_string();
                if refused <= show {
                    println!("{m}");
                }
                if m.chars().count() > longest.chars().count() {
                    longest = m;
                }
            }
            Ok(s) => {
                accepted += 1;
                let l = s.build_landscape().unwrap_or_else(|e| panic!("case {case}: accepted {text:?} but its landscape fails: {e}"));
                assert!(s.build_cost().is_finite() && s.step_cost().is_finite() && s.race_cost().is_finite());
                // The canonical form parses back to the same scenario.
                let again = Scenario::parse(&s.to_string()).unwrap_or_else(|e| panic!("case {case}: canonical {s} refused: {e}"));
                assert_eq!(again, s, "case {case}: {text:?}");
                assert_eq!(again.to_string(), s.to_string());
                // A cheap one runs a few steps.
                if s.build_cost() < 1e6 && s.step_cost() < 1e5 && l.dim() <= 16 {
                    let mut race = Race::new(&s).unwrap_or_else(|e| panic!("case {case}: accepted {s} but the race fails: {e}"));
                    race.advance(3);
                    raced += 1;
                }
            }
        }
    }
    let dt = t0.elapsed();
    println!("{CASES} hostile scenarios in {:.2} s: {accepted} accepted ({raced} raced 3 steps), {refused} refused", dt.as_secs_f64());
    println!("longest error ({} characters): {longest}", longest.chars().count());
    assert_eq!(accepted + refused, CASES);
    assert!(accepted > CASES / 50, "the generator should produce some valid scenarios too ({accepted})");
}

/// Median of a few timings of `f`.
fn time(mut f: impl FnMut()) -> Duration {
    let mut v: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    v.sort();
    v[2]
}

#[test]
fn a_one_megabyte_scenario_is_answered_in_linear_time() {
    let mb = 1 << 20;
    let distinct: String = (0..).map(|i| format!("k{i}=1&")).take_while({
        let mut n = 0;
        move |s: &String| {
            n += s.len();
            n <= mb
        }
    }).collect();
    let cases = [
        ("distinct keys", distinct),
        ("one long value", format!("landscape=saddle&b={}", "9".repeat(mb))),
        ("ampersands", "&".repeat(mb)),
        ("percent signs", "%".repeat(mb)),
        ("escapes", "%41".repeat(mb / 3)),
    ];
    for (name, text) in &cases {
        assert!(text.len() >= mb - 16, "{name}: {} bytes", text.len());
        let mut err = None;
        let dt = time(|| err = Scenario::parse(text).err());
        let e = err.unwrap_or_else(|| panic!("{name}: a 1 MB scenario was accepted"));
        check_error(name, &e);
        assert!(e.to_string().contains(&MAX_SCENARIO_BYTES.to_string()), "{name}: the message names the limit: {e}");
        println!("1 MB scenario ({name}): refused in {:.3} ms: {e}", dt.as_secs_f64() * 1e3);
        assert!(dt < Duration::from_millis(50), "{name}: {dt:?}");
    }
    // Just under the byte limit, the pair limit applies; at the pair limit, parsing is linear.
    let many: String = (0..MAX_PAIRS + 1).map(|i| format!("k{i}=1")).collect::<Vec<_>>().join("&");
    let e = Scenario::parse(&many).expect_err("too many pairs");
    assert!(e.to_string().contains(&MAX_PAIRS.to_string()), "{e}");
    let at_limit: String = (0..MAX_PAIRS).map(|i| format!("k{i}=1")).collect::<Vec<_>>().join("&");
    let dt = time(|| {
        let _ = Scenario::parse(&at_limit);
    });
    assert!(dt < Duration::from_millis(5), "{MAX_PAIRS} pairs: {dt:?}");
    // 16 KB of distinct keys: the text limit, not a quadratic scan, decides.
    let big: String = (0..MAX_PAIRS).map(|i| format!("k{i}={}", "1".repeat(50))).collect::<Vec<_>>().join("&");
    assert!(big.len() <= MAX_SCENARIO_BYTES);
    let dt = time(|| {
        let _ = Scenario::parse(&big);
    });
    assert!(dt < Duration::from_millis(5), "{} bytes: {dt:?}", big.len());
}

#[test]
fn pairs_are_checked_in_linear_time_below_the_caps() {
    // The caps bound the input; below them the duplicate check is a hash set, not a scan of every
    // earlier key. Compare 64 and 256 distinct pairs (the limit): linear is ~4×, quadratic ~16×.
    // The fastest of several runs, so that other tests running alongside do not count.
    let text = |n: usize| (0..n).map(|i| format!("z{i}=1")).collect::<Vec<_>>().join("&");
    let (a, b) = (text(64), text(MAX_PAIRS));
    let fastest = |t: &str| {
        (0..9)
            .map(|_| {
                let t0 = Instant::now();
                for _ in 0..500 {
                    let _ = saddlescope::scenario::pairs(std::hint::black_box(t));
                }
                t0.elapsed()
            })
            .min()
            .unwrap()
    };
    let (ta, tb) = (fastest(&a), fastest(&b));
    assert!(tb.as_secs_f64() < 8.0 * ta.as_secs_f64().max(1e-6), "64 pairs {ta:?}, {MAX_PAIRS} pairs {tb:?}");
}

#[test]
fn the_labs_heaviest_links_stay_accepted_and_absurd_ones_are_refused_naming_the_field() {
    for link in [
        "landscape=saddle3&d=1024&index=6&opt=gd,sgd,pgd,adam,newton,sfn,cubic,cnc&seed=1",
        "landscape=relu&samples=20000",
        "landscape=relu-ss&k=12&n=12&opt=gd,sgd,pgd,adam,newton,sfn,cubic,cnc&speed=100000",
        "landscape=saddle&opt=gd,sgd,pgd,adam,cnc,momentum,nesterov,rmsprop&noise=1&steps=10000000",
    ] {
        let t = Instant::now();
        let s = Scenario::parse(link).unwrap_or_else(|e| panic!("{link}: {e}"));
        println!(
            "{link}: parsed in {:.1} ms; build {:.2e}, step {:.2e}, race {:.2e} flops",
            t.elapsed().as_secs_f64() * 1e3,
            s.build_cost(),
            s.step_cost(),
            s.race_cost()
        );
    }
    // The cheap default is cheap.
    let s = Scenario::parse("landscape=saddle").unwrap();
    assert!(s.build_cost() < 1e6 && s.step_cost() < 1e4, "{} {}", s.build_cost(), s.step_cost());
    // Heavier links cost more.
    let small = Scenario::parse("landscape=saddle3&d=8&index=2").unwrap();
    let big = Scenario::parse("landscape=saddle3&d=512&index=6").unwrap();
    assert!(big.build_cost() > 1e3 * small.build_cost());
    assert!(big.step_cost() > 1e3 * small.step_cost());
    // 10⁷ steps of 8 optimizers in 1024 dimensions: refused, naming steps.
    let e = Scenario::parse("landscape=saddle3&d=1024&index=6&opt=gd,sgd,pgd,adam,newton,sfn,cubic,cnc&steps=10000000").unwrap_err();
    assert_eq!(e.key, "steps", "{e}");
    assert!(e.to_string().contains("at most 1e16"), "{e}");
    check_error("steps", &e);
}
