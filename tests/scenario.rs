//! The scenario format: round trips on generated scenarios and an error naming the field for each
//! kind of bad input.
#![cfg(not(target_arch = "wasm32"))]

use rand::RngExt;
use saddlescope::landscape::LANDSCAPES;
use saddlescope::optim::OPTIMIZERS;
use saddlescope::scenario::{Scenario, ScenarioError};

fn err(s: &str) -> ScenarioError {
    Scenario::parse(s).expect_err(&format!("'{s}' was accepted"))
}

/// A random valid scenario string with shuffled pairs.
fn generate(rng: &mut rand::rngs::StdRng) -> String {
    let l = &LANDSCAPES[rng.random_range(0..LANDSCAPES.len())];
    let mut pairs = vec![format!("landscape={}", l.id)];
    let mut dim_params: Vec<(String, f64)> = Vec::new();
    for p in l.params {
        if rng.random::<f64>() < 0.5 {
            let v = if p.choices.is_empty() {
                let x = p.min + rng.random::<f64>() * (p.max - p.min);
                if p.integer { x.round() } else { x }
            } else {
                rng.random_range(0..p.choices.len()) as f64
            };
            dim_params.push((p.name.to_string(), v));
        }
    }
    // Keep cross-field constraints valid: index ≤ d, k ≤ n, and small dimensions.
    let get = |n: &str, dp: &Vec<(String, f64)>| dp.iter().find(|(k, _)| k == n).map(|e| e.1);
    if l.id == "saddle3" || l.id == "chain" {
        let d = get("d", &dim_params).unwrap_or(3.0).min(6.0);
        dim_params.retain(|(k, _)| k != "d" && k != "index");
        dim_params.push(("d".into(), d));
        if l.id == "saddle3" {
            dim_params.push(("index".into(), (1.0 + (rng.random::<f64>() * d).floor()).min(d)));
        }
    }
    if l.id == "relu-ss" {
        dim_params.retain(|(k, _)| k != "k" && k != "n");
        dim_params.push(("k".into(), 2.0));
        dim_params.push(("n".into(), 3.0));
    }
    if l.id == "relu" {
        dim_params.retain(|(k, _)| k != "samples");
    }
    for (k, v) in &dim_params {
        let spec = l.param(k).unwrap();
        pairs.push(format!("{k}={}", spec.format(*v)));
    }
    let n = rng.random_range(1..4);
    let mut ids: Vec<&str> = Vec::new();
    while ids.len() < n {
        let o = OPTIMIZERS[rng.random_range(0..OPTIMIZERS.len())].id;
        if !ids.contains(&o) {
            ids.push(o);
        }
    }
    pairs.push(format!("opt={}", ids.join(",")));
    for id in &ids {
        let o = saddlescope::optim::info(id).unwrap();
        for p in o.params {
            if rng.random::<f64>() < 0.3 {
                let v = if p.choices.is_empty() { p.min + rng.random::<f64>() * (p.max - p.min).min(1e3) } else { rng.random_range(0..p.choices.len()) as f64 };
                let v = if p.integer { v.round() } else { v };
                pairs.push(format!("{id}.{}={}", p.name, p.format(v)));
            }
        }
    }
    if rng.random::<bool>() {
        pairs.push(format!("lr={}", rng.random::<f64>() * 0.5 + 1e-4));
    }
    if rng.random::<bool>() {
        pairs.push(format!("noise={}", rng.random::<f64>() * 0.1));
    }
    if rng.random::<bool>() {
        pairs.push(format!("seed={}", rng.random::<u32>()));
    }
    if rng.random::<bool>() {
        pairs.push("view=3d&box=-1.5,2,-0.5,1e-3&speed=7&hide=seed,lr".into());
    }
    if rng.random::<bool>() {
        pairs.push(format!("camera={},{},{}", rng.random::<f64>() * 720.0 - 360.0, 3.0 + rng.random::<f64>() * 85.0, 0.3 + rng.random::<f64>() * 4.7));
    }
    // Shuffle.
    for i in (1..pairs.len()).rev() {
        let j = rng.random_range(0..=i);
        pairs.swap(i, j);
    }
    pairs.join("&")
}

#[test]
fn generated_scenarios_round_trip() {
    let mut rng = saddlescope::numeric::random::rng(99);
    for _ in 0..400 {
        let text = generate(&mut rng);
        let s = Scenario::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let printed = s.to_string();
        let again = Scenario::parse(&printed).unwrap_or_else(|e| panic!("{printed}: {e}"));
        assert_eq!(again, s, "{text} → {printed}");
        assert_eq!(again.to_string(), printed, "canonical form is stable");
    }
}

#[test]
fn order_percent_escapes_and_a_leading_hash_do_not_matter() {
    let a = Scenario::parse("landscape=saddle&b=0.5&opt=gd,pgd&pgd.r=0.1").unwrap();
    let b = Scenario::parse("#pgd.r=0.1&opt=gd%2Cpgd&b=0.5&landscape=saddle").unwrap();
    assert_eq!(a, b);
    assert_eq!(Scenario::parse("").unwrap(), Scenario::default());
    let c = Scenario::parse("landscape=saddle&pgd.preset=theory&cnc.mode=gated&opt=pgd,cnc").unwrap();
    assert!(c.to_string().contains("pgd.preset=theory") && c.to_string().contains("cnc.mode=gated"));
}

#[test]
fn each_kind_of_bad_field_names_key_value_and_what_is_accepted() {
    let e = err("landscape=volcano");
    assert_eq!((e.key.as_str(), e.value.as_str()), ("landscape", "volcano"));
    assert!(e.message.contains("saddle") && e.message.contains("relu-ss"));
    let e = err("landscape=saddle&zzz=1");
    assert_eq!(e.key, "zzz");
    assert!(e.message.contains("b, a, c, theta"), "{e}");
    let e = err("opt=gd,adamw");
    assert!(e.key == "opt" && e.message.contains("adamw") && e.message.contains("rmsprop"), "{e}");
    let e = err("b=NaN");
    assert_eq!(e.key, "b");
    let e = err("b=inf");
    assert_eq!(e.key, "b");
    let e = err("b=11");
    assert!(e.message.contains("[0, 10]"), "{e}");
    let e = err("lr=0");
    assert_eq!(e.key, "lr");
    let e = err("noise=-1");
    assert_eq!(e.key, "noise");
    let e = err("start=1,2,3");
    assert!(e.key == "start" && e.message.contains("needs 2 coordinates"), "{e}");
    let e = err("landscape=chain&d=4&start=1,2");
    assert!(e.message.contains("needs 4"), "{e}");
    let e = err("start=1,x");
    assert_eq!(e.key, "start");
    let e = err("camera=10,20");
    assert!(e.key == "camera" && e.message.contains("yaw,pitch,zoom"), "{e}");
    let e = err("camera=10,95,1");
    assert!(e.key == "camera" && e.message.contains("pitch") && e.message.contains("[3, 88]"), "{e}");
    let e = err("camera=10,45,0");
    assert!(e.key == "camera" && e.message.contains("zoom"), "{e}");
    let e = err("camera=NaN,45,1");
    assert_eq!(e.key, "camera");
    let e = err("start=1e300,0");
    assert_eq!(e.key, "start");
    let e = err("b=1&b=2");
    assert!(e.key == "b" && e.message.contains("twice"), "{e}");
    let e = err("seed=-4");
    assert_eq!(e.key, "seed");
    let e = err("steps=0");
    assert_eq!(e.key, "steps");
    let e = err("view=4d");
    assert_eq!(e.key, "view");
    let e = err("box=1,0,0,1");
    assert_eq!(e.key, "box");
    let e = err("box=0,1,0");
    assert!(e.message.contains("4 numbers"));
    let e = err("hide=everything");
    assert_eq!(e.key, "hide");
    let e = err("pgd.r=-1");
    assert_eq!(e.key, "pgd.r");
    let e = err("pgd.preset=magic");
    assert!(e.message.contains("demo, theory"), "{e}");
    let e = err("adam.beta3=1");
    assert!(e.message.contains("beta1, beta2"), "{e}");
    let e = err("foo.lr=1");
    assert_eq!(e.key, "foo.lr");
    let e = err("landscape=saddle3&index=3&d=2");
    assert_eq!((e.key.as_str(), e.value.as_str(), e.message.as_str()), ("index", "3", "must be at most d = 2"));
    let e = err("landscape=relu-ss&k=8&n=6");
    assert_eq!((e.key.as_str(), e.value.as_str()), ("k", "8"));
    assert!(e.message.starts_with("must be at most n = 6"), "{e}");
    let e = err("landscape=saddle&b");
    assert!(e.key == "b" && e.message.contains("no value"), "{e}");
    let e = err("b=%zz");
    assert!(e.message.contains("%-escape"));
    let e = err("landscape=saddle3&index=1.5");
    assert!(e.message.contains("whole"), "{e}");
    let e = err("opt=gd,gd");
    assert!(e.message.contains("twice"));
    let e = err("plane=1,1");
    assert_eq!(e.key, "plane");
    // Display names key and value.
    assert_eq!(err("lr=abc").to_string(), "lr=abc: is not a number");
}

#[test]
fn hostile_inputs_never_panic() {
    let mut rng = saddlescope::numeric::random::rng(5);
    let alphabet: Vec<char> = "=&%,.#?-+eE0123456789abclrdoptgxyz \u{0}é∞NaN".chars().collect();
    for _ in 0..5000 {
        let n = rng.random_range(0..40);
        let s: String = (0..n).map(|_| alphabet[rng.random_range(0..alphabet.len())]).collect();
        let _ = Scenario::parse(&s);
    }
    let long = "b=1&".repeat(10000);
    assert!(Scenario::parse(&long).is_err());
}

#[test]
fn set_changes_one_key_or_nothing() {
    let mut s = Scenario::parse("landscape=saddle&b=0.5&opt=gd&start=1,0").unwrap();
    let before = s.clone();
    assert!(s.set("b", "nope").is_err());
    assert_eq!(s, before);
    s.set("lr", "0.2").unwrap();
    assert_eq!(s.lr, Some(0.2));
    s.set("lr", "").unwrap();
    assert_eq!(s.lr, None);
    // A new landscape drops the old one's knobs and start.
    s.set("landscape", "monkey").unwrap();
    assert_eq!(s.landscape, "monkey");
    assert!(s.start.is_none() && s.landscape_params.0.is_empty());
}

#[test]
fn negative_zero_is_kept_in_the_canonical_scenario() {
    let s = Scenario::parse("landscape=saddle&start=0,-0&box=-1,-0,-0,1").unwrap();
    let text = s.to_string();
    assert!(text.contains("start=0,-0") && text.contains("box=-1,-0,-0,1"), "{text}");
    let again = Scenario::parse(&text).unwrap();
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    match again.start.as_ref().unwrap() {
        saddlescope::scenario::Start::Point(v) => assert_eq!(bits(v), bits(&[0.0, -0.0])),
        other => panic!("{other:?}"),
    }
}

#[test]
fn errors_quote_user_text_escaped_and_clipped_in_one_short_line() {
    use saddlescope::scenario::MAX_ERROR_CHARS;
    let long = "q".repeat(5000);
    for text in [
        format!("landscape=saddle&opt=gd,{long}"),
        format!("landscape=saddle&{long}=1"),
        format!("landscape=saddle&gd.{long}=1"),
        format!("landscape=saddle&hide=panels,{long}"),
        format!("landscape=saddle&start=1,{long}"),
        "landscape=saddle&opt=gd,a%0Ab%1B%5B31m%E2%80%AE".to_string(),
        format!("{long}=1"),
    ] {
        let e = Scenario::parse(&text).unwrap_err();
        let m = e.to_string();
        assert!(m.chars().count() <= MAX_ERROR_CHARS, "{} characters: {m}", m.chars().count());
        assert!(!m.chars().any(|c| c.is_control() || c == '\u{202e}'), "{m:?}");
        assert!(!m.contains(&"q".repeat(61)), "{m}");
    }
    let e = Scenario::parse("landscape=saddle&opt=gd,a%0Ab").unwrap_err();
    assert!(e.to_string().contains("'a\\nb' is not an optimizer"), "{e}");
}

#[test]
fn a_huge_value_set_live_names_its_key_and_changes_nothing() {
    let mut s = Scenario::parse("landscape=saddle&seed=1").unwrap();
    let before = s.clone();
    let e = s.set("b", &"9".repeat(1 << 20)).unwrap_err();
    assert_eq!(e.key, "b");
    assert!(e.to_string().contains("16384") && e.to_string().chars().count() <= 200, "{e}");
    assert_eq!(s, before);
}

#[test]
fn limits_are_named_constants_that_the_messages_and_the_catalogue_quote() {
    use saddlescope::scenario::{MAX_LR, MAX_NOISE, MAX_RACE, MAX_SPEED, MAX_STEPS};
    let ids: Vec<&str> = OPTIMIZERS.iter().map(|o| o.id).collect();
    assert!(ids.len() > MAX_RACE);
    assert!(Scenario::parse(&format!("opt={}", ids[..MAX_RACE].join(","))).is_ok());
    let e = err(&format!("opt={}", ids[..MAX_RACE + 1].join(",")));
    assert_eq!(e.key, "opt");
    assert!(e.message.contains(&format!("at most {MAX_RACE} optimizers")), "{e}");
    assert!(Scenario::parse(&format!("steps={MAX_STEPS}")).is_ok());
    assert!(err(&format!("steps={}", MAX_STEPS + 1)).message.contains(&MAX_STEPS.to_string()));
    assert!(Scenario::parse(&format!("speed={MAX_SPEED}")).is_ok());
    assert!(err(&format!("speed={}", MAX_SPEED + 1)).message.contains(&MAX_SPEED.to_string()));
    assert!(Scenario::parse(&format!("lr={MAX_LR}&noise={MAX_NOISE}")).is_ok());
    assert_eq!(err(&format!("lr={}", MAX_LR * 1.5)).message, format!("must be a step size in (0, {MAX_LR}]"));
    assert_eq!(err(&format!("gd.noise={}", MAX_NOISE * 1.5)).message, format!("must be a noise level σ in [0, {MAX_NOISE}]"));
    let c = saddlescope::report::catalogue_json();
    assert!(c.contains(&format!("\"limits\":{{\"max_race\":{MAX_RACE},\"max_steps\":{MAX_STEPS},\"max_speed\":{MAX_SPEED},")), "{c}");
    let (pool, escape) = (saddlescope::scenario::POOL_WORKERS, saddlescope::analysis::escape::DEFAULT_SEEDS);
    assert!(c.contains(&format!("\"pool_workers\":{pool},")) && c.contains(&format!("\"escape_seeds\":{escape}")), "{c}");
    let (w, h) = saddlescope::render::FIGURE_SIZE;
    assert!(c.contains(&format!("\"figure\":{{\"width\":{w},\"height\":{h},\"png_scales\":[1,2,4]}}")), "{c}");
}

#[test]
fn a_camera_written_for_a_link_reads_back_as_the_same_camera() {
    use saddlescope::render::view3d::Camera;
    let mut c = Camera::default();
    for k in 0..200 {
        c.rotate((k % 7) as f64 * 13.0 - 40.0, (k % 5) as f64 * 9.0 - 20.0);
        c.zoom_by(if k % 3 == 0 { 1.15 } else { 1.0 / 1.1 });
        let written = c.to_scenario();
        let text = format!("landscape=monkey&view=3d&camera={},{},{}", written[0], written[1], written[2]);
        let s = Scenario::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(s.camera, Some(written));
        // What the page applies after a drag is a fixed point of writing and reading.
        assert_eq!(Camera::of_scenario(s.camera).to_scenario(), written, "{text}");
        assert!(Scenario::parse(&s.to_string()).unwrap().camera == Some(written));
    }
}

#[test]
fn a_typo_in_a_name_is_answered_with_the_name_meant() {
    let err = |t: &str| Scenario::parse(t).expect_err(t).to_string();
    assert!(err("landscape=sadle").contains("is not a landscape; did you mean saddle?"), "{}", err("landscape=sadle"));
    assert!(err("landscape=saddle&opt=gd,pdg").contains("did you mean pgd?"));
    assert!(err("landscape=saddle&seeed=1").contains("did you mean seed?"));
    assert!(err("landscape=relu&bta=4").contains("did you mean beta?"), "{}", err("landscape=relu&bta=4"));
    // Nothing close: no guess, just the accepted names.
    assert!(!err("landscape=banana").contains("did you mean"));
}
