//! Work on many files at once, results in input order.
//!
//! `ptg check` and `ptg fmt` treat every file on its own, so the work splits by file with
//! no shared state. Workers take the next file from a shared counter (a slow file does not
//! hold up the others) and the calling thread hands the results to `sink` strictly in
//! input order, so output is the same whatever the thread count. Workers stay at most
//! [`WINDOW_PER_THREAD`] files per thread ahead of the last result handed over, which
//! bounds the results held in memory behind one large, slow file.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

/// How far (in files per worker) workers may run ahead of the sink.
const WINDOW_PER_THREAD: usize = 16;

/// The number of threads to use: `requested`, or all cores when it is 0.
pub(crate) fn thread_count(requested: usize) -> usize {
    if requested > 0 {
        return requested;
    }
    std::thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

struct Progress {
    /// The next item to hand out.
    next: usize,
    /// Items handed to the sink so far.
    done: usize,
}

/// Runs `work` on every item on up to `threads` threads and gives each result to `sink`
/// in input order, on the calling thread. Stops early (and returns the error) when `sink`
/// fails; items already started are finished and dropped.
pub(crate) fn for_each_ordered<T, R, E>(
    items: &[T],
    threads: usize,
    work: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    let threads = threads.max(1).min(items.len());
    if threads <= 1 {
        for item in items {
            sink(work(item))?;
        }
        return Ok(());
    }
    let window = threads * WINDOW_PER_THREAD;
    let progress = Mutex::new(Progress { next: 0, done: 0 });
    let moved = Condvar::new();
    let stop = AtomicBool::new(false);
    // Takes the next index, waiting while the workers are a window ahead of the sink.
    let take = || -> Option<usize> {
        let mut state = progress.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if stop.load(Ordering::Relaxed) || state.next >= items.len() {
                return None;
            }
            if state.next < state.done + window {
                state.next += 1;
                return Some(state.next - 1);
            }
            state = moved.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    };
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::channel::<(usize, R)>();
        for _ in 0..threads {
            let send = send.clone();
            let (take, work) = (&take, &work);
            scope.spawn(move || {
                while let Some(index) = take() {
                    if send.send((index, work(&items[index]))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(send);
        // Results that arrived before their predecessors, by index.
        let mut pending: Vec<Option<R>> = Vec::new();
        pending.resize_with(window, || None);
        let mut done = 0;
        let mut outcome = Ok(());
        for (index, result) in receive {
            if outcome.is_err() {
                continue;
            }
            pending[index % window] = Some(result);
            while let Some(result) = pending[done % window].take() {
                done += 1;
                if let Err(err) = sink(result) {
                    outcome = Err(err);
                    stop.store(true, Ordering::Relaxed);
                    break;
                }
            }
            progress.lock().unwrap_or_else(|e| e.into_inner()).done = done;
            moved.notify_all();
        }
        outcome
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn results_come_in_input_order_whatever_the_thread_count() {
        let items: Vec<u64> = (0..500).collect();
        for threads in [1, 2, 3, 8] {
            let mut seen = Vec::new();
            for_each_ordered(
                &items,
                threads,
                |&n| {
                    // Uneven work, so that later items often finish first.
                    if n % 7 == 0 {
                        std::thread::sleep(Duration::from_micros(200));
                    }
                    n * 2
                },
                |r| {
                    seen.push(r);
                    Ok::<_, ()>(())
                },
            )
            .unwrap();
            let expected: Vec<u64> = items.iter().map(|n| n * 2).collect();
            assert_eq!(seen, expected, "{threads} threads");
        }
    }

    #[test]
    fn a_failing_sink_stops_the_run() {
        let items: Vec<u32> = (0..10_000).collect();
        let started = std::sync::atomic::AtomicUsize::new(0);
        let mut count = 0;
        let result = for_each_ordered(
            &items,
            4,
            |&n| {
                started.fetch_add(1, Ordering::Relaxed);
                n
            },
            |n| {
                count += 1;
                if n == 10 {
                    Err("full disk")
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(result, Err("full disk"));
        assert_eq!(count, 11);
        // Workers stop within a window of the failure.
        assert!(started.load(Ordering::Relaxed) <= 11 + 4 * WINDOW_PER_THREAD);
    }

    #[test]
    fn workers_stay_within_the_window() {
        // The first item is slow: the others may not run more than a window ahead.
        let items: Vec<u32> = (0..1_000).collect();
        let max_ahead = std::sync::atomic::AtomicUsize::new(0);
        let finished = std::sync::atomic::AtomicUsize::new(0);
        for_each_ordered(
            &items,
            2,
            |&n| {
                if n == 0 {
                    std::thread::sleep(Duration::from_millis(50));
                    max_ahead.store(finished.load(Ordering::SeqCst), Ordering::SeqCst);
                }
                finished.fetch_add(1, Ordering::SeqCst);
                n
            },
            |_| Ok::<_, ()>(()),
        )
        .unwrap();
        assert!(max_ahead.load(Ordering::SeqCst) < 2 * WINDOW_PER_THREAD);
    }
}
