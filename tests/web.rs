//! Browser tests (wasm-bindgen-test, headless Chrome): the wasm API draws on real canvases, runs
//! agree with the native numbers, and bad input comes back as messages, not panics.
#![cfg(target_arch = "wasm32")]

use saddlescope::web::{check_scenario, Scope};
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
    let mut s = Scope::new("landscape=saddle&opt=gd,pgd&seed=3", bg.clone(), fg.clone(), Some(h.clone()), Some(l.clone())).unwrap();
    assert_eq!(distinct_colours(&bg), 1, "fresh canvas is blank");
    s.advance(300);
    s.render().unwrap();
    assert!(distinct_colours(&bg) > 50, "the landscape raster and axes were drawn");
    assert!(distinct_colours(&fg) > 3, "trajectories were drawn");
    assert!(distinct_colours(&h) > 3 && distinct_colours(&l) > 3, "both panels were drawn");
    // The 3D view draws a shaded surface.
    s.set("view", "3d").unwrap();
    s.render().unwrap();
    assert!(distinct_colours(&bg) > 50);
}

#[wasm_bindgen_test]
fn state_matches_the_native_trajectory_numbers() {
    let (bg, fg) = (canvas(100, 100), canvas(100, 100));
    let mut s = Scope::new("landscape=saddle&opt=gd&start=1,1e-12&seed=1&steps=400", bg, fg, None, None).unwrap();
    s.advance(275);
    let st = s.state();
    // After 275 GD steps from (1, 1e-12): x = 0.9^275, f just below −0.025 (SCIENCE.md §3).
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
    assert!(Scope::new("landscape=nope", bg.clone(), fg.clone(), None, None).is_err());
    let mut s = Scope::new("landscape=saddle&opt=gd&seed=2", bg, fg, None, None).unwrap();
    let before = s.scenario();
    for (k, v) in [("lr", "NaN"), ("lr", "-1"), ("b", "1e400"), ("opt", "gd,zz"), ("start", "1,2,3"), ("bogus", "1")] {
        assert!(s.set(k, v).is_err(), "{k}={v} accepted");
        assert_eq!(s.scenario(), before, "{k}={v} changed the scenario");
    }
    let e = check_scenario("landscape=saddle&b=abc").err().expect("bad b rejected");
    let msg: wasm_bindgen::JsValue = e.into();
    let text = js_sys::Reflect::get(&msg, &"message".into()).unwrap().as_string().unwrap();
    assert!(text.starts_with("b=abc"), "{text}");
    // A step size that diverges stops the run with status diverged and finite numbers.
    s.set("lr", "50").unwrap();
    s.advance(200);
    let st = s.state();
    assert!(st.contains("\"diverged\"") && !st.contains("NaN") && !st.contains("inf"), "{st}");
}
