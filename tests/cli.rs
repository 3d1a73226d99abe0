//! The native CLI: its commands, and bad input as exit code 2 with one line naming the field.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_saddlescope")).args(args).output().expect("run the CLI");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn list_eval_critical_run() {
    let (code, out, _) = cli(&["list"]);
    assert_eq!(code, 0);
    assert!(out.contains("relu-ss") && out.contains("pgd") && out.contains("curvature knob: beta"));
    let (code, out, _) = cli(&["list", "--json"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("{\"landscapes\":[") && out.contains("\"choices\":[\"demo\",\"theory\"]"));

    let (code, out, _) = cli(&["eval", "landscape=saddle&b=2", "--at", "0,0", "--json"]);
    assert_eq!(code, 0);
    assert!(out.contains("\"eigenvalues\":[-2.0,1.0]") && out.contains("\"index\":1"), "{out}");

    let (code, out, _) = cli(&["critical", "landscape=relu&beta=20"]);
    assert_eq!(code, 0);
    assert!(out.contains("spurious"), "{out}");

    let (code, out, _) = cli(&["run", "landscape=saddle&opt=gd,pgd&start=1,1e-12&seed=1", "--steps", "400", "--every", "100"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[1].starts_with("step,optimizer,x1,x2,loss,grad_norm,lambda1,lambda2,index,status,events"));
    assert!(out.contains("# summary optimizer=gd status=running steps=400 ") && out.contains("escape_time=253"), "{out}");
    assert!(lines.iter().any(|l| l.starts_with("300,gd,")));

    let (code, out, _) = cli(&["run", "landscape=saddle&opt=gd&lr=50&seed=1", "--format", "jsonl"]);
    assert_eq!(code, 0);
    assert!(out.contains("\"status\":\"diverged\"") && !out.contains("NaN") && !out.contains("inf"), "{out}");
}

#[test]
fn figure_writes_an_svg() {
    let path = std::env::temp_dir().join(format!("saddlescope-fig-{}.svg", std::process::id()));
    let p = path.to_str().unwrap();
    let (code, _, err) = cli(&["figure", "landscape=monkey&opt=gd,adam&seed=1", "--out", p, "--steps", "200", "--width", "600", "--height", "400"]);
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("polyline") && svg.len() > 10_000);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn bad_input_exits_2_with_one_line_naming_the_field() {
    for (args, needle) in [
        (vec!["run", "landscape=saddle&b=abc"], "b=abc"),
        (vec!["run", "landscape=saddle", "--steps", "-5"], "--steps"),
        (vec!["run", "landscape=saddle", "--format", "xml"], "--format"),
        (vec!["run", "landscape=saddle", "--bogus"], "--bogus"),
        (vec!["eval", "landscape=saddle", "--at", "1,2,3"], "--at"),
        (vec!["eval", "landscape=saddle", "--at", "nan,1"], "--at"),
        (vec!["eval", "landscape=saddle"], "--at"),
        (vec!["critical"], "needs a scenario"),
        (vec!["frobnicate"], "frobnicate"),
        (vec![], "no command"),
        (vec!["run", "opt=gd", "extra"], "one scenario"),
        (vec!["figure", "landscape=saddle", "--out", "/tmp/x.png"], "--out"),
    ] {
        let (code, out, err) = cli(&args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!err.contains("panicked"));
    }
}
