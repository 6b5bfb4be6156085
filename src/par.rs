//! Mapping a function over items on every core, results in the items' order.
//!
//! Parsing, resolving and emitting are independent per file, per block and per
//! dashboard; a large project spends most of its time there. Workers take items one at
//! a time from a shared counter (so a few big items do not leave a core idle) and the
//! results are put back in input order, so the output and the diagnostics do not
//! depend on scheduling.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// Below this many items a thread costs more than it saves.
const MIN_ITEMS: usize = 2;

/// Linux's default for the main thread: the stack every thread dac starts gets, so no
/// input parses on the main thread but overflows another's.
pub const STACK: usize = 8 << 20;

/// `items.into_iter().map(f).collect()`, on up to as many threads as there are cores.
pub fn map<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let workers = thread::available_parallelism().map_or(1, |n| n.get());
    if workers < 2 || items.len() < MIN_ITEMS {
        return items.into_iter().map(f).collect();
    }
    let len = items.len();
    // Each item is taken exactly once, by whichever worker draws its index.
    let slots: Vec<Mutex<Option<T>>> = items.into_iter().map(|i| Mutex::new(Some(i))).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = slots.get(i) else { break };
            // Never poisoned: nothing runs while the lock is held.
            let item = slot.lock().map_or(None, |mut s| s.take());
            if let Some(item) = item {
                done.push((i, f(item)));
            }
        }
        done
    };
    let mut results: Vec<Option<R>> = Vec::new();
    results.resize_with(len, || None);
    thread::scope(|scope| {
        // The main thread's stack size, so no input parses on the calling thread but
        // overflows a helper's; a helper the system refuses just leaves more work here.
        let helpers: Vec<_> = (1..workers.min(len))
            .filter_map(|_| {
                thread::Builder::new()
                    .stack_size(STACK)
                    .spawn_scoped(scope, work)
                    .ok()
            })
            .collect();
        let mut all = work();
        for helper in helpers {
            match helper.join() {
                Ok(done) => all.extend(done),
                // A panic in `f` is a bug; carry it to the caller as if it ran here.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        for (i, r) in all {
            results[i] = Some(r);
        }
    });
    results.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_input_order() {
        let items: Vec<u64> = (0..1000).collect();
        let squares = map(items, |n| {
            // Uneven work, so workers finish out of order.
            if n % 7 == 0 {
                std::thread::yield_now();
            }
            n * n
        });
        assert_eq!(squares, (0..1000).map(|n| n * n).collect::<Vec<_>>());
    }

    #[test]
    fn handles_empty_and_single_inputs() {
        assert!(map(Vec::<u8>::new(), |n| n).is_empty());
        assert_eq!(map(vec![3], |n| n + 1), [4]);
    }
}
