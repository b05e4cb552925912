//! Loss functions.

use super::parallel::ordered_sum;
use super::real::{r_log, RealInput};

/// The constant added to every prediction before its logarithm, so that a
/// prediction of exactly 0 gives `log(1e-7)` instead of `-Inf`.
pub const LOG_DELTA: f64 = 1e-7;

/// Computes the cross-entropy error `-sum(t * log(y + 1e-7))` of one sample:
/// predictions `y` against targets `t`.
///
/// Each term is bitwise equal to R's `t * log(y + 1e-7)`, and the terms are
/// summed as R's `sum()` does (see [`super::sum`]), so on x86_64 the result is
/// bitwise equal to R's. Empty input gives `-0`, as `-sum(numeric(0))` does in R.
///
/// A term whose target is 0 and whose prediction is finite and not negative
/// is `+0` or `-0`, which leaves R's sum unchanged, so its logarithm is never
/// computed. Long inputs are split across up to `threads` threads, with the
/// same result for every thread count.
///
/// # Panics
///
/// Panics if `y` and `t` differ in length.
pub fn cross_entropy_error_single<T: RealInput, U: RealInput>(
    y: &[T],
    t: &[U],
    threads: usize,
) -> f64 {
    assert_eq!(y.len(), t.len(), "y and t must have the same length");
    let total = ordered_sum(y.len(), threads, |range, terms| {
        for (&prediction, &target) in y[range.clone()].iter().zip(&t[range]) {
            let (prediction, target) = (prediction.to_real(), target.to_real());
            if target == 0.0 && prediction >= 0.0 && prediction.is_finite() {
                continue;
            }
            terms.push(target * r_log(prediction + LOG_DELTA));
        }
    });
    -total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::real::{is_na_real, na_real};

    // The book's one-hot target: the third of ten classes is the true one.
    const ONE_HOT: [f64; 10] = [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];

    #[test]
    fn cross_entropy_of_the_book_examples() {
        // Only the true class counts: the results are -log(0.6 + 1e-7) and
        // -log(0.1 + 1e-7), so they equal those expressions bitwise.
        let confident = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0];
        let wrong = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0];
        assert_eq!(
            cross_entropy_error_single(&confident, &ONE_HOT, 1),
            -(0.6_f64 + 1e-7).ln()
        );
        assert_eq!(
            cross_entropy_error_single(&wrong, &ONE_HOT, 1),
            -(0.1_f64 + 1e-7).ln()
        );
    }

    #[test]
    fn cross_entropy_with_a_zero_probability() {
        // -log(1e-7) = 16.11809565...
        let e = cross_entropy_error_single(&[0.0, 1.0, 0.0], &[1.0, 0.0, 0.0], 1);
        assert_eq!(e, -(1e-7_f64).ln());
        // log(1 + 1e-7) is a little above 0, so the error is slightly negative.
        let e = cross_entropy_error_single(&[0.0, 1.0, 0.0], &[0.0, 1.0, 0.0], 1);
        assert_eq!(e, -(1.0_f64 + 1e-7).ln());
        assert!(e < 0.0 && e > -1e-7);
    }

    #[test]
    fn cross_entropy_of_empty_input_is_negative_zero() {
        let e = cross_entropy_error_single::<f64, f64>(&[], &[], 1);
        assert_eq!(e.to_bits(), (-0.0_f64).to_bits());
    }

    #[test]
    fn cross_entropy_reads_integer_targets() {
        let e = cross_entropy_error_single(&[0.2, 0.7, 0.1], &[0_i32, 1, 0], 1);
        assert_eq!(
            e,
            cross_entropy_error_single(&[0.2, 0.7, 0.1], &[0.0, 1.0, 0.0], 1)
        );
    }

    #[test]
    fn cross_entropy_reports_na_before_nan() {
        let e = cross_entropy_error_single(&[0.5, f64::NAN, 0.5], &[1.0, 1.0, na_real()], 1);
        assert!(is_na_real(e));
        let e = cross_entropy_error_single(&[0.5, -1.0], &[1.0, 1.0], 1);
        assert!(e.is_nan() && !is_na_real(e));
    }

    #[test]
    fn cross_entropy_keeps_zero_targets_that_change_the_sum() {
        // 0 * log(y + 1e-7) is NaN where y is NaN, Inf, negative or -1e-7.
        for y in [f64::NAN, f64::INFINITY, -0.5, -1e-7] {
            let e = cross_entropy_error_single(&[y, 0.5], &[0.0, 1.0], 1);
            assert!(e.is_nan(), "y = {y}");
        }
        let e = cross_entropy_error_single(&[-0.0, 0.5], &[0.0, 1.0], 1);
        assert_eq!(e, -(0.5_f64 + 1e-7).ln());
    }

    #[test]
    fn cross_entropy_does_not_depend_on_the_thread_count() {
        use crate::kernels::parallel::{CHUNK_LEN, PARALLEL_MIN_LEN};
        for len in [PARALLEL_MIN_LEN - 1, PARALLEL_MIN_LEN, 9 * CHUNK_LEN + 5] {
            let y: Vec<f64> = (0..len).map(|i| ((i as f64) * 0.11).sin().abs()).collect();
            let soft: Vec<f64> = (0..len).map(|i| ((i as f64) * 0.7).cos().abs()).collect();
            let mut one_hot = vec![0.0; len];
            one_hot[len / 3] = 1.0;
            for t in [&soft, &one_hot] {
                let single = cross_entropy_error_single(&y, t, 1);
                for threads in [2, 3] {
                    let parallel = cross_entropy_error_single(&y, t, threads);
                    assert_eq!(single.to_bits(), parallel.to_bits(), "length {len}");
                }
            }
        }
    }
}
