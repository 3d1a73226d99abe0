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

/// The SVG's text elements' contents.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text").skip(1).filter_map(|t| t.split_once('>').map(|(_, rest)| rest.split("</text>").next().unwrap_or("").trim().to_string())).collect()
}

/// Every `d="…"` path of the SVG as its polylines (points in pixels).
fn paths(svg: &str) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    for chunk in svg.split(" d=\"").skip(1) {
        let d = chunk.split('"').next().unwrap_or("");
        for sub in d.split('M').filter(|s| !s.is_empty()) {
            let pts: Vec<(f64, f64)> = sub
                .trim_end_matches('Z')
                .split('L')
                .filter_map(|p| {
                    let mut it = p.split(' ').filter_map(|v| v.trim_end_matches('Z').parse::<f64>().ok());
                    Some((it.next()?, it.next()?))
                })
                .collect();
            out.push(pts);
        }
    }
    out
}

#[test]
fn figure_is_a_small_true_vector_svg_with_smooth_contours_and_a_png_poster() {
    let dir = std::env::temp_dir();
    let svg_path = dir.join(format!("saddlescope-default-{}.svg", std::process::id()));
    // The page's default race at the default size.
    let (code, _, err) = cli(&["figure", "landscape=saddle&opt=gd,pgd,adam&seed=1", "--out", svg_path.to_str().unwrap(), "--png"]);
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.len() <= 300_000, "{} bytes", svg.len());
    let elements = svg.matches('<').count() - svg.matches("</").count();
    assert!(elements < 2000, "{elements} elements");
    assert!(svg.matches("<rect").count() < 50, "the heat map must not be cells");
    let t = texts(&svg);
    assert!(t.iter().any(|s| s == "x") && t.iter().any(|s| s == "y"), "{t:?}");
    assert!(t.iter().any(|s| s.contains("step 5000") || s.contains("step ")), "{t:?}");
    // Contours: smooth polylines, i.e. their segments are not all axis-aligned.
    let lines = paths(&svg);
    let (mut segments, mut oblique) = (0, 0);
    for l in &lines {
        for w in l.windows(2) {
            segments += 1;
            if (w[0].0 - w[1].0).abs() > 0.05 && (w[0].1 - w[1].1).abs() > 0.05 {
                oblique += 1;
            }
        }
    }
    assert!(segments > 200 && oblique * 2 > segments, "{oblique} of {segments} segments oblique");
    // The PNG poster beside it: 900 × 600.
    let png = std::fs::read(svg_path.with_extension("png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 900);
    assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 600);
    let png_path = dir.join(format!("saddlescope-poster-{}.png", std::process::id()));
    let (code, _, err) = cli(&["figure", "landscape=saddle&seed=1", "--out", png_path.to_str().unwrap(), "--scale", "2", "--width", "300", "--height", "200", "--steps", "50"]);
    assert_eq!(code, 0, "{err}");
    let png = std::fs::read(&png_path).unwrap();
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 600);
    for p in [svg_path.clone(), svg_path.with_extension("png"), png_path] {
        let _ = std::fs::remove_file(p);
    }
}

#[test]
fn figure_honours_the_plane_and_the_3d_view() {
    let path = std::env::temp_dir().join(format!("saddlescope-plane-{}.svg", std::process::id()));
    let p = path.to_str().unwrap();
    // plane=1,3 of a 4-dimensional landscape: the axes name x1 and x3.
    let (code, _, err) = cli(&["figure", "landscape=saddle3&d=4&opt=gd&seed=1&plane=1,3", "--out", p, "--steps", "100"]);
    assert_eq!(code, 0, "{err}");
    let t = texts(&std::fs::read_to_string(&path).unwrap());
    assert!(t.iter().any(|s| s.starts_with("x1")) && t.iter().any(|s| s == "x3"), "{t:?}");
    let (code, _, err) = cli(&["figure", "landscape=saddle3&d=4&opt=gd&seed=1&plane=2,4", "--out", p, "--steps", "100"]);
    assert_eq!(code, 0, "{err}");
    let t = texts(&std::fs::read_to_string(&path).unwrap());
    assert!(t.iter().any(|s| s.starts_with("x2")) && t.iter().any(|s| s == "x4"), "{t:?}");
    // view=3d: the projected surface (its quads) in its box, the f axis; no 2D axes.
    let (code, _, err) = cli(&["figure", "landscape=saddle&opt=gd,pgd&seed=1&view=3d", "--out", p, "--steps", "100"]);
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(&path).unwrap();
    let quads = svg.matches("<path d=\"M").count();
    assert!(quads >= 28 * 28, "{quads} surface quads");
    let t = texts(&svg);
    assert!(t.iter().any(|s| s == "f"), "{t:?}");
    assert!(!t.iter().any(|s| s == "-2.0"), "2D ticks in a 3D figure: {t:?}");
    let _ = std::fs::remove_file(&path);
}

#[test]
fn bad_input_exits_2_with_one_line_naming_the_field() {
    for (args, needle) in [
        (vec!["run", "landscape=saddle&b=abc"], "b=abc"),
        (vec!["run", "landscape=saddle", "--steps", "-5"], "--steps"),
        (vec!["run", "landscape=saddle", "--steps", "10000001"], "--steps=10000001: must be a whole number in [1, 10000000]"),
        (vec!["census", "landscape=saddle", "--starts", "100001"], "--starts"),
        (vec!["escape", "landscape=saddle", "--threads", "257"], "--threads"),
        (vec!["run", "landscape=saddle", "--format", "xml"], "--format"),
        (vec!["run", "landscape=saddle", "--bogus"], "--bogus"),
        (vec!["eval", "landscape=saddle", "--at", "1,2,3"], "--at"),
        (vec!["eval", "landscape=saddle", "--at", "nan,1"], "--at"),
        (vec!["eval", "landscape=saddle"], "--at"),
        (vec!["critical"], "needs a scenario"),
        (vec!["frobnicate"], "frobnicate"),
        (vec![], "no command"),
        (vec!["run", "opt=gd", "extra"], "one scenario"),
        (vec!["figure", "landscape=saddle", "--out", "/tmp/x.pdf"], "--out"),
        (vec!["figure", "landscape=saddle", "--out", "/tmp/x.png", "--scale", "3"], "--scale"),
    ] {
        let (code, out, err) = cli(&args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn custom_landscape_in_every_command() {
    let s = "landscape=custom&f=x^3-3*x*y^2+mu*(x^2+y^2)+(x^2+y^2)^2&p.mu=0.1:-1:1";
    let (code, out, err) = cli(&["eval", s, "--at", "0.5,0.25", "--json"]);
    assert_eq!(code, 0, "{err}");
    // f = x³ − 3xy² + μr² + r⁴ at (0.5, 0.25): ∇f = (3x² − 3y² + 2μx + 4r²x, −6xy + 2μy + 4r²y).
    let g = out.split("\"gradient\":[").nth(1).and_then(|r| r.split(']').next()).unwrap_or("");
    let g: Vec<f64> = g.split(',').filter_map(|v| v.parse().ok()).collect();
    assert!(g.len() == 2 && (g[0] - 1.2875).abs() < 1e-12 && (g[1] + 0.3875).abs() < 1e-12, "{out}");
    let (code, out, err) = cli(&["critical", s, "--json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.matches("\"type\":\"saddle\"").count(), 3, "{out}");
    let (code, out, err) = cli(&["run", &format!("{s}&opt=gd,pgd&seed=1"), "--steps", "300", "--every", "100"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("# summary optimizer=pgd") && out.contains("f=x%5E3-3*x*y%5E2%2Bmu*"), "{out}");
    let (code, out, err) = cli(&["escape", &format!("{s}&opt=gd,pgd"), "--seeds", "4"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("pgd"), "{out}");
    let path = std::env::temp_dir().join(format!("saddlescope-custom-{}.svg", std::process::id()));
    let (code, _, err) = cli(&["figure", &format!("{s}&opt=gd&seed=1"), "--out", path.to_str().unwrap(), "--steps", "200"]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&path).unwrap().contains("polyline"));
    let _ = std::fs::remove_file(&path);
    // Leaving the domain is a status, not a NaN.
    let (code, out, _) = cli(&["run", "landscape=custom&f=ln(x)%2By^2&opt=gd&start=0.5,0.1&lr=0.1&seed=1", "--format", "jsonl"]);
    assert_eq!(code, 0);
    assert!(out.contains("\"status\":\"left-domain\"") && !out.contains("NaN") && !out.contains("inf"), "{out}");
    // A bad expression: exit code 2, one line, the column.
    let (code, _, err) = cli(&["critical", "landscape=custom&f=x^^2"]);
    assert_eq!(code, 2);
    assert_eq!(err.trim(), "saddlescope: f=x^^2: unexpected '^' at column 3");
}

#[test]
fn hostile_input_gives_exactly_one_clipped_escaped_line() {
    let long = "x".repeat(5000);
    let ansi = "gd\u{1b}[2J\u{1b}]0;pwned\u{7}";
    let bidi = "gd\u{202e}dp\u{2066}";
    let scen_long = format!("landscape=saddle&b={long}");
    let opt_ansi = format!("landscape=saddle&opt={ansi}");
    let opt_nl = "landscape=saddle&opt=gd,evil\nsecond line".to_string();
    let param = format!("landscape=saddle&gd.{long}=1");
    let hide = format!("landscape=saddle&hide=panels,{bidi}");
    let flag = format!("--{ansi}\n");
    let cases: Vec<Vec<&str>> = vec![
        vec!["run", &scen_long],
        vec!["run", &opt_ansi],
        vec!["run", &opt_nl],
        vec!["run", &param],
        vec!["run", &hide],
        vec!["run", "landscape=saddle", &flag],
        vec!["run", "landscape=saddle", "--steps", "1\n2"],
        vec!["run", "landscape=saddle", "--format", &long],
        vec!["eval", "landscape=saddle", "--at", "1,\u{1b}[31m"],
        vec!["figure", "landscape=saddle", "--out", "a\nb.png"],
        vec![ansi],
        vec!["list", bidi],
        vec!["bench", "\r\n"],
    ];
    for args in cases {
        let (code, out, err) = cli(&args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err:?}");
        assert!(err.ends_with('\n') && !err.trim_end_matches('\n').contains(['\n', '\r']), "{err:?}");
        assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{args:?}: control character in {err:?}");
        assert!(!err.contains(['\u{202e}', '\u{2066}']), "{args:?}: bidi character in {err:?}");
        assert!(err.chars().count() <= 260, "{args:?}: {} characters: {err}", err.chars().count());
    }
}

#[test]
fn non_utf8_arguments_are_an_error_not_a_panic() {
    use std::os::unix::ffi::OsStrExt;
    let bad = std::ffi::OsStr::from_bytes(b"landscape=saddle&b=\xff");
    let out = Command::new(env!("CARGO_BIN_EXE_saddlescope")).arg("run").arg(bad).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1);
    assert!(err.contains("not valid UTF-8"), "{err}");
}

#[test]
fn eval_at_is_bounded_like_start_and_figures_are_capped() {
    let (code, _, err) = cli(&["eval", "landscape=saddle", "--at", "1e308,1e308"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("[-1e6, 1e6]"), "{err}");
    let (code, out, err) = cli(&["eval", "landscape=saddle", "--at", "1e6,-1e6", "--json"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("NaN") && !out.contains("inf"), "{out}");
    let (code, _, err) = cli(&["figure", "landscape=saddle", "--out", "/tmp/never.svg", "--width", "8192", "--height", "8192"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("4096"), "{err}");
}

#[test]
fn negative_zero_survives_the_canonical_scenario() {
    let (code, out, err) = cli(&["run", "landscape=saddle&opt=gd&start=0,-0&seed=1", "--steps", "1"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().next().unwrap().contains("start=0,-0"), "{out}");
}

#[test]
fn a_closed_pipe_stops_the_run_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    // 8 runs × 10⁷ steps would take minutes; reading one line and closing the pipe must end it fast.
    let mut child = Command::new(env!("CARGO_BIN_EXE_saddlescope"))
        .args(["run", "landscape=saddle&opt=gd,sgd,pgd,adam,cnc,momentum,nesterov,rmsprop&noise=1&steps=10000000&seed=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let t = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if t.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("the CLI kept computing after its reader left");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
}
