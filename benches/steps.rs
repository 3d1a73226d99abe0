//! `cargo bench`: prints steps per second of the core (see `saddlescope::bench`).
fn main() {
    print!("{}", saddlescope::bench::table());
}
