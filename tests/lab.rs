//! The lab: every preset runs, splits into jobs whose merge does not depend on how many threads
//! ran them, and its figure agrees with the paper's claim (reduced knobs, to stay quick in a debug
//! build; the page tests run the defaults against the CLI).

use saddlescope::analysis::lab::{self, Lab, LabScenario};

fn run(text: &str, threads: usize) -> Lab {
    let mut l = Lab::new(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    l.run_all(threads).unwrap();
    l
}

#[test]
fn every_preset_gives_the_same_table_on_one_thread_and_on_three() {
    for text in [
        "lab=jin-logd&seeds=6&d_max=64",
        "lab=cnc-d&seeds=6&d_max=16",
        "lab=du-chain&seeds=2&d_max=4",
        "lab=newton-basins&grid=9&steps=200",
        "lab=spurious-share&seeds=5&k_min=3&k_max=5&steps=3000",
        "lab=gd-tail&e_max=6",
        "lab=census&starts=30",
        "lab=census&landscape=himmelblau&starts=40",
    ] {
        let a = run(text, 1);
        let b = run(text, 3);
        assert_eq!(a.json(), b.json(), "{text}");
        assert_eq!(a.done(), a.jobs());
        let r = a.result();
        assert!(!r.table.rows.is_empty() && !r.figure.panels.is_empty() && !r.claims.is_empty(), "{text}");
        // Jobs encoded by a worker and accepted in any order give the same table.
        let mut c = Lab::new(text).unwrap();
        let n = c.jobs();
        for k in (0..n).rev() {
            let data = Lab::run_jobs(text, k, k + 1).unwrap();
            assert_eq!(c.accept(k, &data).unwrap(), 1);
        }
        assert_eq!(c.json(), a.json(), "{text}: jobs accepted in reverse order");
    }
}

#[test]
fn the_figures_agree_with_the_papers() {
    let holds = |text: &str| {
        let l = run(text, 2);
        for c in l.result().claims.iter() {
            assert_eq!(c.holds, Some(true), "{text}: {} — {}", c.claim, c.measured);
        }
    };
    holds("lab=du-chain&seeds=4&d_max=5");
    holds("lab=jin-logd&seeds=48&d_max=1024");
    holds("lab=cnc-d&seeds=48&d_max=256");
    holds("lab=newton-basins&grid=21");
    holds("lab=gd-tail");
    holds("lab=census");
}

#[test]
fn lab_links_name_their_bad_fields() {
    for (text, key) in [
        ("lab=nope", "lab"),
        ("seeds=4", "lab"),
        ("lab=jin-logd&seeds=0", "seeds"),
        ("lab=jin-logd&beta=3", "beta"),
        ("lab=spurious-share&k_min=9&k_max=7", "k_min"),
        ("lab=newton-basins&grid=20", "grid"),
        ("lab=census&landscape=sadle", "landscape"),
        ("lab=jin-logd&workers=99", "workers"),
    ] {
        let e = LabScenario::parse(text).err().unwrap_or_else(|| panic!("{text} was accepted"));
        assert_eq!(e.key, key, "{text}: {e}");
    }
    // workers and embed are the page's: they never change the canonical text.
    let a = LabScenario::parse("lab=jin-logd&seeds=8&workers=1&embed=1").unwrap();
    let b = LabScenario::parse("lab=jin-logd&seeds=8").unwrap();
    assert_eq!(a.canonical(), b.canonical());
    assert_eq!(LabScenario::parse(&a.link()).unwrap(), a);
    assert!(lab::catalogue_json().contains("\"name\":\"spurious-share\""));
}
