//! Independent jobs on several threads, results in job order: the CLI's `--threads`. The result
//! is the same whatever the thread count, because every job is a pure function of its index.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The most threads the CLI's `--threads` accepts.
pub const MAX_THREADS: usize = 256;

/// `f(k)` for every k in `jobs`, on up to `threads` threads (each takes the next job as it
/// finishes one), returned in the order of `jobs`.
pub fn map_in_order<T: Send, F: Fn(usize) -> T + Sync>(jobs: std::ops::Range<usize>, threads: usize, f: F) -> Vec<T> {
    let n = jobs.len();
    let threads = threads.clamp(1, n.max(1));
    if threads == 1 || cfg!(target_arch = "wasm32") {
        return jobs.map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<T>>> = (0..n).map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                let r = f(jobs.start + i);
                if let Ok(mut slot) = slots[i].lock() {
                    *slot = Some(r);
                }
            });
        }
    });
    slots.into_iter().map(|m| m.into_inner().ok().flatten().expect("every job ran")).collect()
}

/// The number of threads `--threads 0` means: the machine's available parallelism.
pub fn available_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
