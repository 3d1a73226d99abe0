//! The `custom` landscape: exact derivatives of typed functions against finite differences, the
//! monkey saddle typed by hand against the built-in one, critical points, the domain, the scenario
//! keys, and ten thousand generated and mutated expressions that never panic, never take 10 ms and
//! always name a column when they fail.
#![cfg(not(target_arch = "wasm32"))]

use rand::RngExt;
use saddlescope::landscape::custom::{self, Custom, Expression, NAMES1, NAMES2, PRESETS};
use saddlescope::landscape::{CriticalKind, Landscape};
use saddlescope::numeric::params::UserParam;
use saddlescope::run::{Race, Status};
use saddlescope::scenario::Scenario;
use std::time::{Duration, Instant};

fn param(name: &str, value: f64) -> UserParam {
    let (min, max) = UserParam::auto_range(value);
    UserParam { name: name.into(), value, min, max }
}

fn landscape(text: &str, params: &[UserParam]) -> Custom {
    custom::build(&Expression { text: text.into(), params: params.to_vec() }).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// Expressions covering every function, constant and operator, in 2D and 3D.
const EXPRESSIONS: &[&str] = &[
    "x^2+y^2",
    "sqrt(1+x^2+y^2)",
    "exp(-x^2-y^2)*x",
    "ln(1+x^2)+log(2+y^2)",
    "sin(x)*cos(y)",
    "tan(0.3*x)+y^2",
    "tanh(x*y)",
    "sinh(0.5*x)-cosh(0.5*y)",
    "abs(x)*y^2+abs(x-y)",
    "softplus(x-y)+softplus(2*y)",
    "relu(x+y)^2+relu(-x)*y",
    "min(x^2,y^2+1)+max(x,y)",
    "pi*x^2-e*y^2",
    "x^3-3*x*y^2",
    "(x^2+y-11)^2+(x+y^2-7)^2",
    "x/(1+y^2)",
    "1/(2+x^2+y^2)",
    "(1+x^2)^(y/2)",
    "2^x*3^(-y)",
    "(x^2+1)^1.5-y",
    "-x^2 - -y^2 + x^-2",
    "a*x^2-b*y^2+a*b*x*y",
    "sqrt(x)+ln(y)",
    "x*y*z+sin(x+z)-sqrt(4+y^2+z^2)",
    "exp(-(x^2+y^2+z^2))+x^2*z-y*z^3",
    "max(x,z)*cosh(y)-min(y,z)^2+abs(z)",
];

#[test]
fn the_expressions_cover_every_function() {
    for name in NAMES1.iter().map(|f| f.0).chain(NAMES2.iter().copied()).chain(["pi", "e", "^", "/", "--"]) {
        let n = if name == "--" { "- -" } else { name };
        assert!(EXPRESSIONS.iter().any(|e| e.contains(n)), "no expression uses {name}");
    }
    assert!(EXPRESSIONS.len() >= 20);
}

#[test]
fn gradient_and_hessian_match_finite_differences() {
    let params = [param("a", 0.7), param("b", 1.3)];
    let mut rng = saddlescope::numeric::random::rng(11);
    for text in EXPRESSIONS {
        let l = landscape(text, &params);
        let d = l.dim();
        let mut tested = 0;
        for _ in 0..400 {
            if tested == 40 {
                break;
            }
            let x: Vec<f64> = (0..d).map(|_| rng.random::<f64>() * 4.0 - 2.0).collect();
            if !l.in_domain(&x) || l.kink_margin(&x) < 1e-3 {
                continue;
            }
            let (mut g, mut h) = (vec![0.0; d], vec![0.0; d * d]);
            let f = l.evaluate(&x, &mut g, &mut h);
            assert_eq!(f.to_bits(), l.value(&x).to_bits(), "{text}: value and jet disagree at {x:?}");
            let step = 1e-5 * (1.0 + saddlescope::numeric::math::norm(&x));
            let (mut gp, mut gm) = (vec![0.0; d], vec![0.0; d]);
            let mut xp = x.clone();
            let mut ok = true;
            let mut checks = Vec::new();
            for c in 0..d {
                xp[c] = x[c] + step;
                ok &= l.in_domain(&xp);
                let fp = l.value(&xp);
                l.gradient(&xp, &mut gp);
                xp[c] = x[c] - step;
                ok &= l.in_domain(&xp);
                let fm = l.value(&xp);
                l.gradient(&xp, &mut gm);
                xp[c] = x[c];
                checks.push(((fp - fm) / (2.0 * step), (0..d).map(|r| (gp[r] - gm[r]) / (2.0 * step)).collect::<Vec<f64>>()));
            }
            if !ok {
                continue;
            }
            let scale = 1.0 + f.abs() + g.iter().fold(0.0f64, |m, v| m.max(v.abs())) + h.iter().fold(0.0f64, |m, v| m.max(v.abs()));
            for (c, (fd, col)) in checks.iter().enumerate() {
                assert!((fd - g[c]).abs() < 1e-6 * scale, "{text}: ∂f/∂x{c} at {x:?}: fd {fd} vs {}", g[c]);
                for r in 0..d {
                    assert!((col[r] - h[r * d + c]).abs() < 1e-5 * scale, "{text}: H[{r},{c}] at {x:?}: fd {} vs {}", col[r], h[r * d + c]);
                    assert_eq!(h[r * d + c], h[c * d + r], "{text}: Hessian not symmetric");
                }
            }
            tested += 1;
        }
        assert!(tested >= 20, "{text}: only {tested} points tested");
    }
}

const MONKEY: &str = "x^3-3*x*y^2+0.1*(x^2+y^2)+0.05*(x^2+y^2)^2";

#[test]
fn the_monkey_saddle_typed_by_hand_matches_the_built_in_one() {
    let typed = Scenario::parse(&format!("landscape=custom&f={MONKEY}")).unwrap().build_landscape().unwrap();
    let built = Scenario::parse("landscape=monkey&mu=0.1&kappa=0.05").unwrap().build_landscape().unwrap();
    let mut rng = saddlescope::numeric::random::rng(3);
    let (mut g1, mut h1, mut g2, mut h2) = (vec![0.0; 2], vec![0.0; 4], vec![0.0; 2], vec![0.0; 4]);
    for _ in 0..2000 {
        let x = [rng.random::<f64>() * 3.0 - 1.5, rng.random::<f64>() * 3.0 - 1.5];
        let f1 = typed.evaluate(&x, &mut g1, &mut h1);
        let f2 = built.value(&x);
        built.gradient(&x, &mut g2);
        built.hessian(&x, &mut h2);
        assert!((f1 - f2).abs() <= 1e-12, "f at {x:?}: {f1} vs {f2}");
        assert!((typed.value(&x) - f2).abs() <= 1e-12);
        for k in 0..2 {
            assert!((g1[k] - g2[k]).abs() <= 1e-12, "∇f at {x:?}: {g1:?} vs {g2:?}");
        }
        for k in 0..4 {
            assert!((h1[k] - h2[k]).abs() <= 1e-12, "∇²f at {x:?}: {h1:?} vs {h2:?}");
        }
    }
}

#[test]
fn the_monkey_saddle_typed_by_hand_gives_the_same_gd_trajectory() {
    let tail = "&opt=gd&lr=0.002&start=0.5,0.05&seed=1&steps=1000";
    let mut a = Race::new(&Scenario::parse(&format!("landscape=monkey&mu=0.1&kappa=0.05{tail}")).unwrap()).unwrap();
    let mut b = Race::new(&Scenario::parse(&format!("landscape=custom&f={MONKEY}{tail}")).unwrap()).unwrap();
    let mut moved = 0.0f64;
    for _ in 0..1000 {
        assert!(a.runs[0].step() && b.runs[0].step(), "both runs take 1000 steps");
        let (ra, rb) = (&a.runs[0], &b.runs[0]);
        assert_eq!(ra.t(), rb.t());
        for k in 0..2 {
            assert!((ra.x()[k] - rb.x()[k]).abs() <= 1e-12, "step {}: {:?} vs {:?}", ra.t(), ra.x(), rb.x());
        }
        let (fa, fb) = (ra.analysis().f, rb.analysis().f);
        assert!((fa - fb).abs() <= 1e-12, "step {}: f {fa} vs {fb}", ra.t());
        for k in 0..2 {
            let (la, lb) = (ra.analysis().eigenvalues[k], rb.analysis().eigenvalues[k]);
            assert!((la - lb).abs() <= 1e-12, "step {}: λ {la} vs {lb}", ra.t());
        }
        moved = moved.max(saddlescope::numeric::math::dist(ra.x(), &[0.5, 0.05]));
    }
    assert_eq!(a.runs[0].status(), Status::Running);
    assert!(moved > 0.5, "the run went somewhere ({moved})");
}

#[test]
fn critical_points_are_found_and_classified() {
    // Himmelblau: the same four minima, four saddles and one maximum as the built-in landscape.
    let typed = landscape("(x^2+y-11)^2+(x+y^2-7)^2", &[]);
    let built = Scenario::parse("landscape=himmelblau").unwrap().build_landscape().unwrap();
    let found = typed.critical_points();
    assert_eq!(found.len(), 9, "{found:?}");
    for c in built.critical_points() {
        let m = found.iter().find(|p| saddlescope::numeric::math::dist(&p.point, &c.point) < 1e-6);
        let m = m.unwrap_or_else(|| panic!("{:?} not found", c.point));
        assert_eq!((m.kind, m.index), (c.kind, c.index));
    }
    // x³ + y²: one degenerate critical point at the origin.
    let cps = landscape("x^3+y^2", &[]).critical_points();
    assert_eq!(cps.len(), 1);
    assert_eq!(cps[0].kind, CriticalKind::Degenerate);
    assert!(saddlescope::numeric::math::norm(&cps[0].point) < 1e-6);
    // The monkey saddle with μ = 0.1: a minimum at the origin ringed by three index-1 saddles.
    let cps = landscape(MONKEY, &[]).critical_points();
    assert_eq!(cps.iter().filter(|c| c.kind == CriticalKind::Saddle && c.index == 1).count(), 3);
    assert_eq!(cps[0].kind, CriticalKind::Minimum);
    // 3D: an index-1 saddle between two minima at z = ±√2.
    let cps = landscape("x^2+y^2-z^2+z^4/4", &[]).critical_points();
    assert_eq!(cps.len(), 3);
    assert_eq!((cps[0].kind, cps[0].index), (CriticalKind::Saddle, 1));
    assert!(cps[1..].iter().all(|c| c.kind == CriticalKind::Minimum && (c.point[2].abs() - 2f64.sqrt()).abs() < 1e-9));
}

#[test]
fn view_start_and_step_size_come_from_the_function_unless_given() {
    for text in ["(x^2+y-11)^2+(x+y^2-7)^2", "x^2/2-y^2/2+y^4/4", MONKEY, "x^3+y^2", "(1-x*y)^2", "exp(x)+y^2"] {
        let l = landscape(text, &[]);
        let v = l.view();
        let start = l.start(&mut saddlescope::numeric::random::Rng::new(1));
        assert!(v.contains([start[0], start[1]]) && l.in_domain(&start), "{text}: start {start:?} outside {v:?}");
        let lr = l.default_lr().unwrap();
        assert!((1e-4..=0.1).contains(&lr), "{text}: lr {lr}");
        for c in l.critical_points().iter().filter(|c| c.point.iter().all(|x| x.abs() < 8.0)) {
            assert!(v.contains([c.point[0], c.point[1]]), "{text}: {:?} outside {v:?}", c.point);
        }
    }
    // Himmelblau's curvature (~100 at the minima) asks for a small step.
    assert!(landscape("(x^2+y-11)^2+(x+y^2-7)^2", &[]).default_lr().unwrap() <= 0.002);
    // The strict saddle starts near its stable manifold.
    let s = landscape("x^2/2-y^2/2+y^4/4", &[]).start(&mut saddlescope::numeric::random::Rng::new(1));
    assert!(s[0].abs() > 0.5 && s[1].abs() < 1e-2, "{s:?}");
    // Overrides win.
    let race = Race::new(&Scenario::parse("landscape=custom&f=x^2-y^2&start=0.3,0.2&lr=0.07&box=-3,3,-1,1&opt=gd&seed=1").unwrap()).unwrap();
    assert_eq!(race.start(), &[0.3, 0.2]);
    assert_eq!(race.runs[0].hyper().lr, 0.07);
    assert_eq!(race.scenario().view_box.unwrap().x1, 3.0);
    let race = Race::new(&Scenario::parse("landscape=custom&f=(x^2+y-11)^2+(x+y^2-7)^2&opt=gd&seed=1").unwrap()).unwrap();
    assert_eq!(race.runs[0].hyper().lr, race.landscape().default_lr().unwrap());
}

#[test]
fn outside_the_domain_a_run_stops_and_records_stay_finite() {
    let l = landscape("ln(x)+y^2", &[]);
    assert!(l.in_domain(&[0.5, 0.0]) && !l.in_domain(&[0.0, 0.0]) && !l.in_domain(&[-1.0, 2.0]));
    assert!(l.has_domain_or_symmetry() && l.domain_is_where_finite());
    assert!(!landscape("sqrt(x^2+y^2)", &[]).in_domain(&[0.0, 0.0]), "∇f is not finite at 0");
    assert!(!landscape("exp(exp(x))", &[]).in_domain(&[10.0, 0.0]), "overflow");
    let mut race = Race::new(&Scenario::parse("landscape=custom&f=ln(x)+y^2&opt=gd,adam&start=0.5,0.1&lr=0.1&seed=1").unwrap()).unwrap();
    race.advance(100);
    let r = &race.runs[0];
    assert_eq!(r.status(), Status::LeftDomain);
    assert!(r.stop_reason().contains("left the domain"), "{}", r.stop_reason());
    let rec = r.records();
    for i in 0..rec.len() {
        assert!(rec.loss(i).is_finite() && rec.point(i).iter().all(|v| v.is_finite()) && rec.eigenvalues(i).iter().all(|v| v.is_finite()));
    }
    // A start outside the domain stops at once.
    let race = Race::new(&Scenario::parse("landscape=custom&f=ln(x)+y^2&opt=gd&start=-1,0&seed=1").unwrap()).unwrap();
    assert_eq!(race.runs[0].status(), Status::LeftDomain);
    // It reports no value there (not the zeros of an empty buffer), and says why it stopped.
    let a = race.runs[0].analysis();
    assert!(a.f.is_nan() && a.grad_norm.is_nan() && a.eigenvalues.iter().all(|v| v.is_nan()));
    let cells = saddlescope::report::run_readout_cells(&race.runs[0]);
    assert!(cells.iter().any(|c| c == "f –") && cells.iter().any(|c| c.contains("not defined at the start")), "{cells:?}");
    // Defined somewhere only: accepted.
    for f in ["ln(x)+y^2", "sqrt(x-2.9)", "1/x", "ln(x+y+z-8.9)"] {
        Scenario::parse(&format!("landscape=custom&f={}", f.replace('+', "%2B"))).unwrap_or_else(|e| panic!("{f}: {e}"));
    }
}

#[test]
fn scenario_keys_round_trip_canonically() {
    let s = Scenario::parse("p.a=0.5:0:2&landscape=custom&f=a*x^2 - y^2&opt=gd&seed=3").unwrap();
    let text = s.to_string();
    assert_eq!(text, "landscape=custom&f=a*x%5E2%20-%20y%5E2&p.a=0.5:0:2&opt=gd&seed=3");
    assert_eq!(Scenario::parse(&text).unwrap(), s);
    // A value alone gets a range, printed from then on.
    let s = Scenario::parse("landscape=custom&f=b*x^2+a*y^2&p.b=-3&p.a=0").unwrap();
    assert!(s.to_string().contains("&p.a=0:-1:1&p.b=-3:-6:0&"), "{s}");
    assert_eq!(Scenario::parse(&s.to_string()).unwrap(), s);
    // + survives the URL.
    let s = Scenario::parse("landscape=custom&f=x%2By").unwrap();
    assert_eq!(s.expression.as_ref().unwrap().text, "x+y");
    assert!(s.to_string().contains("f=x%2By"));
    // landscape=custom alone is the default expression, printed.
    let s = Scenario::parse("landscape=custom").unwrap();
    assert_eq!(s.expression.as_ref().unwrap().text, custom::DEFAULT_EXPRESSION);
    assert_eq!(Scenario::parse(&s.to_string()).unwrap(), s);
    // Every preset parses, builds and has critical points.
    for p in PRESETS {
        let s = Scenario::parse(p.scenario).unwrap_or_else(|e| panic!("{}: {e}", p.title));
        assert_eq!(Scenario::parse(&s.to_string()).unwrap(), s);
        assert!(!s.build_landscape().unwrap().critical_points().is_empty(), "{}", p.title);
    }
}

#[test]
fn set_keeps_a_knobs_range_and_a_new_function_drops_start_and_box() {
    let mut s = Scenario::parse("landscape=custom&f=a*x^2-y^2&p.a=0.5:0:2&start=1,1&box=-1,1,-1,1").unwrap();
    s.set("p.a", "1.5").unwrap();
    assert_eq!(s.expression.as_ref().unwrap().params[0], UserParam { name: "a".into(), value: 1.5, min: 0.0, max: 2.0 });
    let mut h = [0.0; 4];
    s.build_landscape().unwrap().hessian(&[0.0, 0.0], &mut h);
    assert_eq!(h, [3.0, 0.0, 0.0, -2.0]);
    // Outside the range, a value alone gets its own range.
    s.set("p.a", "5").unwrap();
    assert_eq!(s.expression.as_ref().unwrap().params[0].max, 10.0);
    assert!(s.start.is_some() && s.view_box.is_some());
    // A bad function changes nothing.
    let before = s.clone();
    let e = s.set("f", "x^^2").unwrap_err();
    assert_eq!(s, before);
    assert_eq!(e.to_string(), "f=x^^2: unexpected '^' at column 3");
    // A new function drops start and box and may change the dimension.
    s.set("f", "a*x^2+y^2-z^2").unwrap();
    assert!(s.start.is_none() && s.view_box.is_none());
    assert_eq!(s.build_landscape().unwrap().dim(), 3);
    // Leaving custom drops f and the parameters; coming back gives the default.
    s.set("landscape", "saddle").unwrap();
    assert!(s.expression.is_none() && !s.to_string().contains("f="));
    s.set("landscape", "custom").unwrap();
    assert_eq!(s.expression, Some(Expression::default()));
}

#[test]
fn bad_keys_name_the_field() {
    let err = |t: &str| Scenario::parse(t).expect_err(t);
    assert_eq!(err("landscape=saddle&f=x").key, "f");
    assert_eq!(err("landscape=saddle&p.a=1").key, "p.a");
    for (t, needle) in [
        ("landscape=custom&p.x=1", "variable"),
        ("landscape=custom&p.sin=1", "function"),
        ("landscape=custom&p.1a=1", "letter"),
        ("landscape=custom&p.a=1:2:0", "min < max"),
        ("landscape=custom&p.a=3:0:2", "[0, 2]"),
        ("landscape=custom&p.a=nan", "number"),
        ("landscape=custom&p.a=1:2", "value:min:max"),
        ("landscape=custom&f=a*x", "unknown name 'a' (variables are x, y, z; add a parameter with p.a=1) at column 1"),
        ("landscape=custom&f=", "empty"),
        ("landscape=custom&f=x^2&start=1,2,3", "needs 2 coordinates"),
        // Finite nowhere: refused, not drawn as a blank landscape with made-up readouts.
        ("landscape=custom&f=x/0", "f=x/0: f is not finite anywhere"),
        ("landscape=custom&f=0/0", "not finite anywhere"),
        ("landscape=custom&f=sqrt(-1-x^2-y^2-z^2)", "not finite anywhere"),
    ] {
        let e = err(t);
        assert!(e.to_string().contains(needle), "{t}: {e}");
    }
    let many: String = (0..9).map(|i| format!("&p.a{i}=1")).collect();
    assert!(err(&format!("landscape=custom{many}")).message.contains("at most 8"));
    // Quoted user text is clipped to 60 characters with control characters escaped.
    let e = err(&format!("landscape=custom&f={}%07x", "x+".repeat(50)));
    assert!(e.value.chars().count() <= 60 && e.value.ends_with('…'), "{}", e.value);
    let e = err("landscape=custom&f=x%07");
    assert!(e.to_string().contains("\\u{7}") && !e.to_string().contains('\u{7}'), "{e}");
}

#[test]
fn limits_on_length_nodes_and_depth() {
    let e = custom::compile(&"x".repeat(1001), &[]).unwrap_err();
    assert_eq!(e.column, 1001);
    let e = custom::compile(&vec!["x"; 150].join("+"), &[]).unwrap_err();
    assert!(e.message.contains("200") && e.column > 1, "{e}");
    assert!(custom::compile(&vec!["x"; 100].join("+"), &[]).is_ok());
    let e = custom::compile(&format!("{}x{}", "(".repeat(33), ")".repeat(33)), &[]).unwrap_err();
    assert_eq!((e.column, e.message.contains("32")), (33, true), "{e}");
    assert!(custom::compile(&format!("{}x{}", "(".repeat(32), ")".repeat(32)), &[]).is_ok());
    let e = custom::compile(&"-".repeat(40), &[]).unwrap_err();
    assert!(e.message.contains("32"), "{e}");
}

/// A random valid expression of at most `depth` levels.
fn generate(rng: &mut rand::rngs::StdRng, depth: usize) -> String {
    let leaf = |rng: &mut rand::rngs::StdRng| -> String {
        match rng.random_range(0..10) {
            0..=2 => "x".into(),
            3..=4 => "y".into(),
            5 => "z".into(),
            6 => ["pi", "e", "a"][rng.random_range(0..3)].into(),
            7 => format!("{}", rng.random_range(0..100)),
            8 => format!("{:.3}", rng.random::<f64>() * 10.0),
            _ => format!("{}e{}", rng.random_range(1..9), rng.random_range(-5..5)),
        }
    };
    if depth == 0 || rng.random::<f64>() < 0.25 {
        return leaf(rng);
    }
    let a = generate(rng, depth - 1);
    match rng.random_range(0..9) {
        0..=3 => {
            let op = ["+", "-", "*", "/", "^", " + ", "**"][rng.random_range(0..7)];
            let b = generate(rng, depth - 1);
            if rng.random::<bool>() {
                format!("({a}){op}({b})")
            } else {
                format!("{a}{op}{b}")
            }
        }
        4 => format!("-{a}"),
        5 | 6 => format!("{}({a})", NAMES1[rng.random_range(0..NAMES1.len())].0),
        7 => format!("{}({a},{})", NAMES2[rng.random_range(0..2)], generate(rng, depth - 1)),
        _ => format!("({a})"),
    }
}

/// The text with one random edit: a character deleted, inserted, replaced or duplicated, a piece
/// repeated, the end cut off, or brackets piled up.
fn mutate(rng: &mut rand::rngs::StdRng, text: &str) -> String {
    let alphabet: Vec<char> = "xyz+-*/^(),.e0123456789 abcsinqrtlogmx_πé−·\u{0}\u{7}\t∞".chars().collect();
    let mut c: Vec<char> = text.chars().collect();
    let n = c.len();
    let at = if n == 0 { 0 } else { rng.random_range(0..n) };
    match rng.random_range(0..9) {
        0 if n > 0 => {
            c.remove(at);
        }
        1 => c.insert(at, alphabet[rng.random_range(0..alphabet.len())]),
        2 if n > 0 => c[at] = alphabet[rng.random_range(0..alphabet.len())],
        3 if n > 0 => {
            let end = rng.random_range(at..=n);
            let piece: Vec<char> = c[at..end].to_vec();
            for _ in 0..rng.random_range(1..40) {
                c.extend(piece.iter().copied());
            }
        }
        4 => c.truncate(at),
        5 => {
            let k = rng.random_range(1..60);
            return format!("{}{text}{}", "(".repeat(k), ")".repeat(rng.random_range(0..=k)));
        }
        6 => return format!("{text}{}", "+x".repeat(rng.random_range(1..160))),
        7 => return format!("{}{text}", "-".repeat(rng.random_range(1..50))),
        _ => c.insert(at, '^'),
    }
    c.into_iter().collect()
}

/// Percent-encodes everything but letters and digits.
fn encode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

#[test]
fn ten_thousand_generated_and_mutated_expressions() {
    let mut rng = saddlescope::numeric::random::rng(2024);
    let params = [param("a", 0.5)];
    let (mut ok, mut failed, mut slowest) = (0usize, 0usize, Duration::ZERO);
    let mut previous = String::from("x^2-y^2");
    for i in 0..12_000 {
        let text = if i % 2 == 0 {
            let depth = rng.random_range(1..9);
            generate(&mut rng, depth)
        } else {
            mutate(&mut rng, &previous)
        };
        let points: Vec<Vec<f64>> = (0..3).map(|_| (0..3).map(|_| rng.random::<f64>() * 6.0 - 3.0).collect()).collect();
        let attempt = || -> (Duration, Result<(), String>) {
            let t0 = Instant::now();
            let r = custom::compile(&text, &params).map(|tape| {
                let l = Custom::new(&text, tape);
                let d = l.dim();
                let (mut g, mut h) = (vec![0.0; d], vec![0.0; d * d]);
                for p in &points {
                    let f = l.evaluate(&p[..d], &mut g, &mut h);
                    let v = l.value(&p[..d]);
                    assert!(f.to_bits() == v.to_bits() || (f.is_nan() && v.is_nan()), "{text}: {f} vs {v}");
                    let inside = l.in_domain(&p[..d]);
                    let finite = f.is_finite() && g.iter().chain(&h).all(|v| v.is_finite());
                    assert_eq!(inside, finite, "{text} at {p:?}");
                }
            });
            (t0.elapsed(), r.map_err(|e| e.to_string()))
        };
        let (mut dt, result) = attempt();
        if dt > Duration::from_millis(10) {
            // A shared machine can pause any thread: time it once more before calling it slow.
            dt = dt.min(attempt().0);
        }
        assert!(dt < Duration::from_millis(10), "{text:?} took {dt:?}");
        slowest = slowest.max(dt);
        match result {
            Ok(()) => {
                ok += 1;
                previous = text.clone();
            }
            Err(msg) => {
                failed += 1;
                let column: usize = msg.rsplit("at column ").next().and_then(|c| c.parse().ok()).unwrap_or_else(|| panic!("{text:?}: '{msg}' names no column"));
                assert!(column >= 1 && column <= text.chars().count().min(1000) + 1, "{text:?}: column {column}");
                assert!(!msg.contains('\n') && !msg.chars().any(|c| c.is_control()), "{text:?}: {msg:?}");
            }
        }
        // The whole scenario path, now and then.
        if i % 25 == 0 {
            match Scenario::parse(&format!("landscape=custom&p.a=0.5&f={}", encode(&text))) {
                Ok(s) => assert!(Scenario::parse(&s.to_string()).is_ok()),
                Err(e) => assert!(e.key == "f" && (e.message.contains("at column") || e.message.contains("not finite anywhere")), "{text:?}: {e}"),
            }
        }
    }
    assert!(ok > 3000 && failed > 3000, "{ok} parsed, {failed} rejected");
    println!("{ok} parsed, {failed} rejected, slowest {slowest:?}");
}
