//! Splitting long inputs into chunks that several threads work on.
//!
//! Work is cut into chunks of [`CHUNK_LEN`] elements that threads claim in
//! order from a shared counter. Elementwise results do not depend on which
//! thread computes a chunk, and sums add their terms in index order (see
//! [`ordered_sum`]), so every result is the same for any thread count.
//! The threads touch only plain slices, never the R API.

use std::cell::Cell;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use super::sum::RSum;

/// Number of elements in one chunk: one unit of work for a thread.
pub const CHUNK_LEN: usize = 1 << 15;

/// Inputs shorter than this run on the calling thread, because starting
/// threads costs more than they save on them.
pub const PARALLEL_MIN_LEN: usize = 1 << 16;

/// Number of chunks that [`ordered_sum`] computes in parallel before adding
/// them up, per thread.
const SUM_WINDOW_CHUNKS_PER_THREAD: usize = 8;

static THREAD_COUNT: AtomicUsize = AtomicUsize::new(1);

/// How often the calling thread runs the stop check during a long
/// computation.
const STOP_CHECK_INTERVAL: Duration = Duration::from_millis(20);

/// The function that returns whether the user requested a stop, such as
/// with Ctrl-C, and the thread that set it. The R binding sets it from R's
/// thread, and it runs only on that thread: a worker, or a kernel that a
/// worker runs, skips the check.
static STOP_CHECK: OnceLock<(fn() -> bool, thread::ThreadId)> = OnceLock::new();

thread_local! {
    /// When this thread last ran the stop check.
    static LAST_STOP_CHECK: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// The payload with which a computation unwinds when the stop check
/// returns true. The caller catches it; no panic message is printed for it.
#[derive(Debug)]
pub struct Stopped;

/// Sets the function that returns whether to stop a long computation, to be
/// run on the calling thread only. Only the first call has an effect.
pub fn set_stop_check(check: fn() -> bool) {
    // A second call finds the check set already, which is fine.
    let _ = STOP_CHECK.set((check, thread::current().id()));
}

/// Runs the stop check when [`STOP_CHECK_INTERVAL`] has passed since the
/// last time, and unwinds with [`Stopped`] if it returns true.
fn check_stop() {
    if stop_requested() {
        std::panic::resume_unwind(Box::new(Stopped));
    }
}

/// Runs the stop check when [`STOP_CHECK_INTERVAL`] has passed since the
/// last time, and returns whether it asked to stop.
fn stop_requested() -> bool {
    let Some((check, owner)) = STOP_CHECK.get() else {
        return false;
    };
    if thread::current().id() != *owner {
        return false;
    }
    let now = Instant::now();
    let due = LAST_STOP_CHECK.with(|last| match last.get() {
        Some(time) if now.duration_since(time) < STOP_CHECK_INTERVAL => false,
        _ => {
            last.set(Some(now));
            true
        }
    });
    due && check()
}

/// Sets the number of threads that long inputs are split across (at least 1).
pub fn set_thread_count(count: usize) {
    THREAD_COUNT.store(count.max(1), Ordering::Relaxed);
}

/// Returns the number of threads that long inputs are split across.
pub fn thread_count() -> usize {
    THREAD_COUNT.load(Ordering::Relaxed)
}

/// Returns how many threads to use for `len` elements when `threads` are
/// allowed: one for short inputs, and never more than there are chunks.
pub fn threads_for(len: usize, threads: usize) -> usize {
    if len < PARALLEL_MIN_LEN {
        1
    } else {
        threads.clamp(1, len.div_ceil(CHUNK_LEN))
    }
}

/// Locks `mutex`. A lock is poisoned only when its holder panicked, and that
/// panic ends the whole computation anyway, so poisoning is ignored.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Calls `work(k)` once for every chunk index `k` in `0..chunk_count`, on
/// `threads` threads. With one thread the calling thread does the work.
///
/// Meanwhile the calling thread runs the stop check every
/// [`STOP_CHECK_INTERVAL`]. When it asks to stop, the workers finish their
/// current chunk and take no other, and the call unwinds with [`Stopped`].
fn run_chunks(chunk_count: usize, threads: usize, work: impl Fn(usize) + Sync) {
    if threads <= 1 {
        for k in 0..chunk_count {
            check_stop();
            work(k);
        }
        return;
    }
    let next_chunk = AtomicUsize::new(0);
    let stopping = AtomicBool::new(false);
    let finished_workers = AtomicUsize::new(0);
    let caller = thread::current();
    thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    // Counts this worker as finished and wakes the caller
                    // however the worker ends, a panic included.
                    let _finished = FinishedWorker {
                        count: &finished_workers,
                        caller: &caller,
                    };
                    while !stopping.load(Ordering::Relaxed) {
                        let k = next_chunk.fetch_add(1, Ordering::Relaxed);
                        if k >= chunk_count {
                            break;
                        }
                        work(k);
                    }
                })
            })
            .collect();
        while finished_workers.load(Ordering::Acquire) < threads {
            thread::park_timeout(STOP_CHECK_INTERVAL);
            if !stopping.load(Ordering::Relaxed) && stop_requested() {
                stopping.store(true, Ordering::Relaxed);
            }
        }
        // Joining each worker here passes a worker's panic on with its own
        // message; the scope alone would replace it with a generic one.
        for worker in workers {
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
    if stopping.load(Ordering::Relaxed) {
        std::panic::resume_unwind(Box::new(Stopped));
    }
}

/// Marks a worker as finished when dropped.
struct FinishedWorker<'a> {
    count: &'a AtomicUsize,
    caller: &'a thread::Thread,
}

impl Drop for FinishedWorker<'_> {
    fn drop(&mut self) {
        self.count.fetch_add(1, Ordering::Release);
        self.caller.unpark();
    }
}

/// Calls `work(k, &mut parts[k])` once for every part, on up to `threads`
/// threads, or on the calling thread when `total_len`, the number of elements
/// that all parts cover, is below [`PARALLEL_MIN_LEN`].
pub fn for_each_part_mut<P: Send>(
    parts: Vec<P>,
    total_len: usize,
    threads: usize,
    work: impl Fn(usize, &mut P) + Sync,
) {
    let threads = threads_for(total_len, threads).min(parts.len());
    if threads <= 1 {
        for (k, mut part) in parts.into_iter().enumerate() {
            if total_len >= PARALLEL_MIN_LEN {
                check_stop();
            }
            work(k, &mut part);
        }
        return;
    }
    // Each part sits behind its own lock so that any thread can take it;
    // every lock is taken exactly once, so none is ever contended.
    let parts: Vec<Mutex<P>> = parts.into_iter().map(Mutex::new).collect();
    run_chunks(parts.len(), threads, |k| work(k, &mut lock(&parts[k])));
}

/// Calls `work(offset, chunk)` for consecutive chunks of `out`, where
/// `offset` is the index of the chunk's first element in `out`.
pub fn for_each_chunk_mut(
    out: &mut [f64],
    threads: usize,
    work: impl Fn(usize, &mut [f64]) + Sync,
) {
    let threads = threads_for(out.len(), threads);
    if out.len() < PARALLEL_MIN_LEN {
        work(0, out);
        return;
    }
    // Each chunk sits behind its own lock so that any thread can take it;
    // every lock is taken exactly once, so none is ever contended.
    let chunks: Vec<Mutex<&mut [f64]>> = out.chunks_mut(CHUNK_LEN).map(Mutex::new).collect();
    run_chunks(chunks.len(), threads, |k| {
        let mut chunk = lock(&chunks[k]);
        work(k * CHUNK_LEN, &mut chunk);
    });
}

/// Writes `kernel(input chunk, output chunk)` over matching chunks of `input`
/// and `out`.
///
/// # Panics
///
/// Panics if `input` and `out` differ in length.
pub fn map_chunks<T: Sync>(
    input: &[T],
    out: &mut [f64],
    threads: usize,
    kernel: impl Fn(&[T], &mut [f64]) + Sync,
) {
    assert_eq!(
        input.len(),
        out.len(),
        "output length must equal input length"
    );
    for_each_chunk_mut(out, threads, |offset, chunk| {
        kernel(&input[offset..offset + chunk.len()], chunk);
    });
}

/// Writes `kernel(input chunk, output chunk)` over matching chunks of `input`
/// and `out`, like [`map_chunks`], and returns the sum of `out` as R's
/// `sum()` computes it.
///
/// The sum runs while the output is written: a thread that finishes a chunk
/// adds every finished chunk at the front of the sum, in order, unless
/// another thread is already doing so. What is left at the end is added by
/// the calling thread. Each chunk is added while it is still in cache.
///
/// # Panics
///
/// Panics if `input` and `out` differ in length.
pub fn map_chunks_and_sum<T: Sync>(
    input: &[T],
    out: &mut [f64],
    threads: usize,
    kernel: impl Fn(&[T], &mut [f64]) + Sync,
) -> f64 {
    assert_eq!(
        input.len(),
        out.len(),
        "output length must equal input length"
    );
    let threads = threads_for(out.len(), threads);
    if threads == 1 {
        let long = out.len() >= PARALLEL_MIN_LEN;
        let mut sum = RSum::default();
        for (input, out) in input.chunks(CHUNK_LEN).zip(out.chunks_mut(CHUNK_LEN)) {
            if long {
                check_stop();
            }
            kernel(input, out);
            sum.add_slice(out);
        }
        return sum.value();
    }

    let chunks: Vec<Mutex<&mut [f64]>> = out.chunks_mut(CHUNK_LEN).map(Mutex::new).collect();
    let finished: Vec<AtomicBool> = chunks.iter().map(|_| AtomicBool::new(false)).collect();
    // The index of the first chunk not yet added, and the sum so far.
    let front = Mutex::new((0_usize, RSum::default()));

    run_chunks(chunks.len(), threads, |k| {
        {
            let mut chunk = lock(&chunks[k]);
            let start = k * CHUNK_LEN;
            kernel(&input[start..start + chunk.len()], &mut chunk);
        }
        finished[k].store(true, Ordering::Release);

        if let Ok(mut front) = front.try_lock() {
            let (next, sum) = &mut *front;
            while *next < chunks.len() && finished[*next].load(Ordering::Acquire) {
                sum.add_slice(&lock(&chunks[*next]));
                *next += 1;
            }
        }
    });

    let (mut next, mut sum) = front.into_inner().unwrap_or_else(PoisonError::into_inner);
    while next < chunks.len() {
        sum.add_slice(&lock(&chunks[next]));
        next += 1;
    }
    sum.value()
}

/// Computes `reduce(chunk)` for consecutive chunks of `input` and returns the
/// results in chunk order.
pub fn reduce_chunks<T: Sync, R: Send>(
    input: &[T],
    threads: usize,
    reduce: impl Fn(&[T]) -> R + Sync,
) -> Vec<R> {
    let threads = threads_for(input.len(), threads);
    if threads == 1 {
        return vec![reduce(input)];
    }
    let results: Vec<Mutex<Option<R>>> =
        input.chunks(CHUNK_LEN).map(|_| Mutex::new(None)).collect();
    run_chunks(results.len(), threads, |k| {
        let start = k * CHUNK_LEN;
        let end = input.len().min(start + CHUNK_LEN);
        let value = reduce(&input[start..end]);
        *lock(&results[k]) = Some(value);
    });
    results
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(PoisonError::into_inner)
                .expect("run_chunks computes every chunk")
        })
        .collect()
}

/// Sums the terms that `produce(range, terms)` pushes for consecutive index
/// ranges covering `0..len`, adding them in order as R's `sum()` does.
///
/// `produce` may leave out terms that cannot change the sum (`+0` or `-0`).
/// Threads produce a window of chunks at a time into reused buffers, and the
/// calling thread then adds the window's terms, so memory stays bounded
/// whatever `len` is.
pub fn ordered_sum(
    len: usize,
    threads: usize,
    produce: impl Fn(Range<usize>, &mut Vec<f64>) + Sync,
) -> f64 {
    let threads = threads_for(len, threads);
    let chunk_count = len.div_ceil(CHUNK_LEN);
    let window = if threads == 1 {
        1
    } else {
        threads * SUM_WINDOW_CHUNKS_PER_THREAD
    };
    let buffers: Vec<Mutex<Vec<f64>>> = (0..window.min(chunk_count))
        .map(|_| Mutex::new(Vec::with_capacity(CHUNK_LEN)))
        .collect();

    let mut sum = RSum::default();
    let mut first_chunk = 0;
    while first_chunk < chunk_count {
        let chunks_in_window = window.min(chunk_count - first_chunk);
        run_chunks(chunks_in_window, threads, |j| {
            let start = (first_chunk + j) * CHUNK_LEN;
            let end = len.min(start + CHUNK_LEN);
            let mut terms = lock(&buffers[j]);
            terms.clear();
            produce(start..end, &mut terms);
        });
        for buffer in &buffers[..chunks_in_window] {
            sum.add_slice(&lock(buffer));
        }
        first_chunk += chunks_in_window;
    }
    sum.value()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::sum::sum_like_r;

    const LENGTHS: [usize; 6] = [
        0,
        1,
        PARALLEL_MIN_LEN - 1,
        PARALLEL_MIN_LEN,
        PARALLEL_MIN_LEN + 1,
        5 * CHUNK_LEN + 123,
    ];

    #[test]
    fn threads_for_keeps_short_inputs_on_one_thread() {
        assert_eq!(threads_for(PARALLEL_MIN_LEN - 1, 8), 1);
        assert_eq!(
            threads_for(PARALLEL_MIN_LEN, 8),
            PARALLEL_MIN_LEN / CHUNK_LEN
        );
        assert_eq!(threads_for(100 * CHUNK_LEN, 3), 3);
        assert_eq!(threads_for(100 * CHUNK_LEN, 0), 1);
    }

    #[test]
    fn map_chunks_covers_every_element_once() {
        for len in LENGTHS {
            for threads in [1, 2, 3] {
                let input: Vec<f64> = (0..len).map(|i| i as f64).collect();
                let mut out = vec![-1.0; len];
                map_chunks(&input, &mut out, threads, |chunk, out_chunk| {
                    for (o, &v) in out_chunk.iter_mut().zip(chunk) {
                        *o = v * 2.0;
                    }
                });
                assert!(out.iter().enumerate().all(|(i, &v)| v == 2.0 * i as f64));
            }
        }
    }

    #[test]
    fn reduce_chunks_returns_results_in_order() {
        let input: Vec<usize> = (0..3 * CHUNK_LEN + 5).collect();
        let firsts = reduce_chunks(&input, 3, |chunk| chunk[0]);
        assert_eq!(firsts, vec![0, CHUNK_LEN, 2 * CHUNK_LEN, 3 * CHUNK_LEN]);
        assert_eq!(
            reduce_chunks(&input[..10], 3, |chunk| chunk.len()),
            vec![10]
        );
    }

    #[test]
    fn ordered_sum_equals_a_sequential_sum_for_any_thread_count() {
        for len in LENGTHS {
            let values: Vec<f64> = (0..len).map(|i| ((i as f64) * 0.61).sin() * 1e3).collect();
            let expected = sum_like_r(&values);
            for threads in [1, 2, 3] {
                let total = ordered_sum(len, threads, |range, terms| {
                    terms.extend_from_slice(&values[range]);
                });
                assert_eq!(
                    total.to_bits(),
                    expected.to_bits(),
                    "len {len}, {threads} threads"
                );
            }
        }
    }

    #[test]
    fn map_chunks_and_sum_equals_map_then_sum() {
        for len in LENGTHS {
            let input: Vec<f64> = (0..len).map(|i| ((i as f64) * 0.29).cos() * 1e2).collect();
            let expected = sum_like_r(&input.iter().map(|v| v * 3.0).collect::<Vec<_>>());
            for threads in [1, 2, 3] {
                let mut out = vec![0.0; len];
                let total = map_chunks_and_sum(&input, &mut out, threads, |input, out| {
                    for (o, &v) in out.iter_mut().zip(input) {
                        *o = v * 3.0;
                    }
                });
                assert_eq!(
                    total.to_bits(),
                    expected.to_bits(),
                    "len {len}, {threads} threads"
                );
                assert!(out.iter().zip(&input).all(|(o, v)| *o == v * 3.0));
            }
        }
    }

    #[test]
    fn ordered_sum_may_skip_zero_terms() {
        let len = 3 * CHUNK_LEN;
        let total = ordered_sum(len, 2, |range, terms| {
            terms.extend(range.filter(|i| i % 1000 == 0).map(|i| i as f64));
        });
        let expected: f64 = (0..len).filter(|i| i % 1000 == 0).map(|i| i as f64).sum();
        assert_eq!(total, expected);
    }

    #[test]
    fn map_chunks_keeps_a_worker_panic_message() {
        let input = vec![0.0; 4 * CHUNK_LEN];
        let mut out = vec![0.0; input.len()];
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            map_chunks(&input, &mut out, 2, |_, _| panic!("worker failed"));
        }));
        let payload = result.expect_err("the panic reaches the caller");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"worker failed"));
    }

    #[test]
    fn stop_check_skips_other_threads() {
        static CALLS: AtomicUsize = AtomicUsize::new(0);
        fn count_call() -> bool {
            CALLS.fetch_add(1, Ordering::SeqCst);
            true
        }
        // This test is the only one that sets the check, so its thread owns
        // it, and every other thread must skip it.
        set_stop_check(count_call);
        let asked = thread::spawn(stop_requested).join().expect("no panic");
        assert!(!asked);
        assert_eq!(CALLS.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn thread_count_is_at_least_one() {
        set_thread_count(0);
        assert_eq!(thread_count(), 1);
        set_thread_count(3);
        assert_eq!(thread_count(), 3);
        set_thread_count(1);
    }
}
