//! Browser tests (wasm-bindgen-test, headless Chrome): the wasm API draws on real canvases, runs
//! agree with the native numbers, and bad input comes back as messages, not panics.
#![cfg(target_arch = "wasm32")]

use saddlescope::web::{check_scenario, encode_jobs, gif_header, prepare_spec, run_jobs, Scope, Staged};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn canvas(w: u32, h: u32) -> HtmlCanvasElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let c: HtmlCanvasElement = doc.create_element("canvas").unwrap().dyn_into().unwrap();
    c.set_width(w);
    c.set_height(h);
    doc.body().unwrap().append_child(&c).unwrap();
    c
}

/// Number of distinct colours among the canvas's pixels (a blank canvas has one).
fn distinct_colours(c: &HtmlCanvasElement) -> usize {
    let ctx: CanvasRenderingContext2d = c.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    let data = ctx.get_image_data(0.0, 0.0, c.width() as f64, c.height() as f64).unwrap().data();
    let mut seen = std::collections::HashSet::new();
    for px in data.0.chunks_exact(4).step_by(7) {
        seen.insert((px[0], px[1], px[2], px[3]));
    }
    seen.len()
}

#[wasm_bindgen_test]
fn draws_a_landscape_trajectories_and_panels() {
    let (bg, fg, h, l) = (canvas(360, 360), canvas(360, 360), canvas(300, 200), canvas(300, 200));
    let mut s = Scope::new("landscape=saddle&opt=gd,pgd&seed=3", bg.clone(), fg.clone(), Some(h.clone()), Some(l.clone()), None).unwrap();
    assert_eq!(distinct_colours(&bg), 1, "fresh canvas is blank");
    s.advance(300);
    s.render().unwrap();
    assert!(distinct_colours(&bg) > 50, "the landscape raster and axes were drawn");
    assert!(distinct_colours(&fg) > 3, "trajectories were drawn");
    assert!(distinct_colours(&h) > 3 && distinct_colours(&l) > 3, "both panels were drawn");
    // The 3D view draws a shaded surface.
    s.set("view", "3d", None).unwrap();
    s.render().unwrap();
    assert!(distinct_colours(&bg) > 50);
}

#[wasm_bindgen_test]
fn state_matches_the_native_trajectory_numbers() {
    let (bg, fg) = (canvas(100, 100), canvas(100, 100));
    let mut s = Scope::new("landscape=saddle&opt=gd&start=1,1e-12&seed=1&steps=400", bg, fg, None, None, None).unwrap();
    s.advance(275);
    let st = s.state();
    // After 275 GD steps from (1, 1e-12): x = 0.9^275 and f just below −0.025
    // (docs/science.md §3 `gd`).
    let v: js_sys::Object = js_sys::JSON::parse(&st).unwrap().dyn_into().unwrap();
    let runs = js_sys::Reflect::get(&v, &"runs".into()).unwrap();
    let run0 = js_sys::Reflect::get(&runs, &0.into()).unwrap();
    let loss = js_sys::Reflect::get(&run0, &"loss".into()).unwrap().as_f64().unwrap();
    let step = js_sys::Reflect::get(&run0, &"step".into()).unwrap().as_f64().unwrap();
    assert_eq!(step, 275.0);
    assert!(loss <= -0.025 && loss > -0.03, "loss {loss}");
}

#[wasm_bindgen_test]
fn bad_input_is_a_message_naming_the_field_and_keeps_the_last_good_state() {
    let (bg, fg) = (canvas(100, 100), canvas(100, 100));
    assert!(Scope::new("landscape=nope", bg.clone(), fg.clone(), None, None, None).is_err());
    let mut s = Scope::new("landscape=saddle&opt=gd&seed=2", bg, fg, None, None, None).unwrap();
    let before = s.scenario();
    for (k, v) in [("lr", "NaN"), ("lr", "-1"), ("b", "1e400"), ("opt", "gd,zz"), ("start", "1,2,3"), ("bogus", "1")] {
        assert!(s.set(k, v, None).is_err(), "{k}={v} accepted");
        assert_eq!(s.scenario(), before, "{k}={v} changed the scenario");
    }
    let e = check_scenario("landscape=saddle&b=abc").err().expect("bad b rejected");
    let msg: wasm_bindgen::JsValue = e.into();
    let text = js_sys::Reflect::get(&msg, &"message".into()).unwrap().as_string().unwrap();
    assert!(text.starts_with("b=abc"), "{text}");
    // A step size that diverges stops the run with status diverged and finite numbers.
    s.set("lr", "50", None).unwrap();
    s.advance(200);
    let st = s.state();
    assert!(st.contains("\"diverged\"") && !st.contains("NaN") && !st.contains("inf"), "{st}");
}

/// A typed function's f, ∇f and ∇²f in the browser equal the native numbers bit for bit (printed by
/// `saddlescope eval … --json`, shortest round-trip decimals), and so does a noisy race on it
/// (`saddlescope run … --format jsonl`): every function goes through the same libm.
#[wasm_bindgen_test]
fn a_custom_expression_agrees_with_native_bit_for_bit() {
    use saddlescope::landscape::custom::{self, Expression};
    use saddlescope::landscape::Landscape;
    let text = "sin(x)*cos(y)+exp(-x^2)*tanh(y)+ln(2+x^2)+sqrt(3+y^2)+tan(0.3*x)+sinh(0.2*y)*cosh(0.1*x)+softplus(x-y)\
                +(1+x^2)^(y/3)+(1+y^2)^1.5+abs(x)*relu(y+1)-min(x,y)*max(x,y)+pi*e/x";
    let l = custom::build(&Expression { text: text.into(), params: vec![] }).unwrap();
    let (mut g, mut h) = ([0.0; 2], [0.0; 4]);
    let f = l.evaluate(&[0.7, -0.4], &mut g, &mut h);
    let native_f: f64 = 19.66791194751763;
    let native_g: [f64; 2] = [-13.89090479049601, -1.1654857210349205];
    let native_h: [f64; 4] = [49.88087591962038, -0.3407916399843687, -0.3407916399843687, 4.216706001504621];
    assert_eq!(f.to_bits(), native_f.to_bits(), "f {f}");
    for k in 0..2 {
        assert_eq!(g[k].to_bits(), native_g[k].to_bits(), "∇f {g:?}");
    }
    for k in 0..4 {
        assert_eq!(h[k].to_bits(), native_h[k].to_bits(), "∇²f {h:?}");
    }

    let (bg, fg) = (canvas(100, 100), canvas(100, 100));
    let scenario = "landscape=custom&f=sin(3*x)*cos(2*y)%2B0.2*softplus(x%5E2%2By%5E2)%2Btanh(x*y)%2Bexp(-x%5E2)&opt=gd,adam&noise=0.01&start=0.3,0.2&seed=1&steps=200";
    let mut s = Scope::new(scenario, bg, fg, None, None, None).unwrap();
    s.advance(200);
    let st = s.state();
    for (optimizer, point, loss) in [
        ("gd", [-0.6244316730203311f64, 0.15544474798396968f64], -0.14418654580060775f64),
        ("adam", [-0.6242540487527408, 0.15601902772014975], -0.1441842479115868),
    ] {
        let needle = format!(
            "\"optimizer\":\"{optimizer}\",\"step\":200,\"point\":[{:?},{:?}],\"loss\":{:?}",
            point[0], point[1], loss
        );
        assert!(st.contains(&needle), "{needle} not in {st}");
    }
    // A bad expression is a message naming its column, and the scope keeps its scenario.
    let before = s.scenario();
    let e: wasm_bindgen::JsValue = s.set("f", "x^^2", None).err().expect("x^^2 rejected").into();
    let text = js_sys::Reflect::get(&e, &"message".into()).unwrap().as_string().unwrap();
    assert_eq!(text, "f=x^^2: unexpected '^' at column 3");
    assert_eq!(s.scenario(), before);
}

/// The page's exports: the SVG is the same bytes as the native figure of the same race, the figure
/// draws on one canvas at 2×, the CSV has one row per record, GIF frames come back framed.
#[wasm_bindgen_test]
fn exports_the_figure_the_records_and_gif_frames() {
    let (bg, fg) = (canvas(100, 100), canvas(100, 100));
    let mut s = Scope::new("landscape=saddle&opt=gd,pgd&seed=1", bg, fg, None, None, None).unwrap();
    s.advance(5000);
    let svg = s.svg(900, 600).unwrap();
    let sc = saddlescope::scenario::Scenario::parse(&s.scenario()).unwrap();
    let mut race = saddlescope::run::Race::new(&sc).unwrap();
    race.advance(5000);
    assert_eq!(svg, saddlescope::render::svg_figure(&race, 900, 600).unwrap());
    assert!(svg.len() < 300_000 && svg.contains("<text") && !svg.contains("NaN"));
    let c = canvas(1800, 1200);
    s.draw_figure(&c, 2.0).unwrap();
    assert!(distinct_colours(&c) > 50);
    let csv = s.records_csv();
    let records: usize = race.runs.iter().map(|r| r.t() as usize + 1).sum();
    assert_eq!(csv.lines().count(), 2 + records);
    assert!(csv.lines().nth(1).unwrap().starts_with("step,optimizer,x1,x2,loss,grad_norm,lambda1,lambda2"));
    assert!(s.embed_attributes().contains("[\"seed\",\"1\"]"));
    let header = gif_header(4, 2);
    assert_eq!(&header[..6], b"GIF89a");
    let frames: Vec<u8> = (0..2 * 4 * 2 * 4).map(|i| (i * 37 % 256) as u8).collect();
    let out = encode_jobs("gif\n4\n2\n5", &frames, false).unwrap();
    let first = u32::from_le_bytes(out[..4].try_into().unwrap()) as usize;
    let second = u32::from_le_bytes(out[4 + first..8 + first].try_into().unwrap()) as usize;
    assert_eq!(out.len(), 8 + first + second);
    assert!(encode_jobs("gif\n4\n2\n5", &frames[..10], false).is_err());
}

#[wasm_bindgen_test]
fn a_staged_preparation_builds_its_race_and_a_mismatched_one_is_refused() {
    // A costly link: a worker prepares it (here: this thread), the page stages the numbers in one
    // task and builds the race from them in the next.
    let scenario = "landscape=saddle3&d=1024&index=6&opt=gd,newton&seed=1";
    let spec = prepare_spec(scenario).unwrap();
    assert!(spec.starts_with("prepare\n"), "{spec}");
    let data = run_jobs(&spec, 0, 1).unwrap();
    let (bg, fg) = (canvas(200, 200), canvas(200, 200));
    let mut s = Scope::new("landscape=saddle&opt=gd&seed=1", bg, fg, None, None, None).unwrap();
    s.load(spec.split_once('\n').unwrap().1, Some(Staged::new(&spec, data.clone()).unwrap())).unwrap();
    assert!(s.scenario().contains("d=1024"), "{}", s.scenario());
    s.advance(3);
    // Numbers staged for d = 1024 do not fit a d = 512 scenario: an error, and the race stays.
    let e = s.load("landscape=saddle3&d=512&index=6&opt=gd&seed=1", Some(Staged::new(&spec, data).unwrap())).err().expect("refused");
    let msg: wasm_bindgen::JsValue = e.into();
    let text = js_sys::Reflect::get(&msg, &"message".into()).unwrap().as_string().unwrap();
    assert!(text.contains("does not fit"), "{text}");
    assert!(s.scenario().contains("d=1024"));
}
