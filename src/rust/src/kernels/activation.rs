//! Activation functions and their gradients: identity, step, sigmoid, ReLU
//! and softmax.
//!
//! Every kernel reads any [`RealInput`] slice and writes doubles into `out`,
//! which must have the same length as the input. Long inputs are split
//! across up to `threads` threads (see [`super::parallel`]); the results are
//! the same for every thread count.

use super::parallel::{for_each_chunk_mut, map_chunks, map_chunks_and_sum, reduce_chunks};
use super::real::{is_na_real, na_real, r_exp, RealInput};

/// Computes the sigmoid `1 / (1 + exp(-x))` of every element.
///
/// The operations are those of the R formula in the same order, so each
/// result is bitwise equal to R's. `NA` and NaN pass through unchanged, `-Inf`
/// gives 0 and `Inf` gives 1, and `exp()` overflowing for `x < -709.78`
/// gives exactly 0.
///
/// # Panics
///
/// Panics if `out` and `x` differ in length.
pub fn sigmoid_into<T: RealInput>(x: &[T], out: &mut [f64], threads: usize) {
    map_chunks(x, out, threads, |x, out| {
        for (o, &v) in out.iter_mut().zip(x) {
            *o = 1.0 / (1.0 + r_exp(-v.to_real()));
        }
    });
}

/// Copies every element as a double: the identity activation, which the book
/// uses for regression outputs.
///
/// # Panics
///
/// Panics if `out` and `x` differ in length.
pub fn identity_into<T: RealInput>(x: &[T], out: &mut [f64], threads: usize) {
    map_chunks(x, out, threads, |x, out| {
        for (o, &v) in out.iter_mut().zip(x) {
            *o = v.to_real();
        }
    });
}

/// Computes `ifelse(x > 0, 1, 0)` for every element: 1 for positive values,
/// 0 for zero, `-0` and negative values, and `NA` for `NA` and NaN.
fn positive_indicator_into<T: RealInput>(x: &[T], out: &mut [f64], threads: usize) {
    map_chunks(x, out, threads, |x, out| {
        for (o, &v) in out.iter_mut().zip(x) {
            let value = v.to_real();
            *o = if value > 0.0 {
                1.0
            } else if value.is_nan() {
                na_real()
            } else {
                0.0
            };
        }
    });
}

/// Computes the step function of every element: 1 where `x > 0`, else 0, and
/// `NA` for `NA` and NaN, as R's `ifelse(x > 0, 1, 0)` does.
///
/// # Panics
///
/// Panics if `out` and `x` differ in length.
pub fn step_function_into<T: RealInput>(x: &[T], out: &mut [f64], threads: usize) {
    positive_indicator_into(x, out, threads);
}

/// Computes the gradient of ReLU at every element: 1 where `x > 0`, else 0.
///
/// The gradient at the kink, `x = 0`, is taken as 0, as in the book's ReLU
/// layer (which passes the gradient only where the input was positive) and in
/// PyTorch. `NA` and NaN give `NA`, as in R's `ifelse(x > 0, 1, 0)`.
///
/// # Panics
///
/// Panics if `out` and `x` differ in length.
pub fn relu_grad_into<T: RealInput>(x: &[T], out: &mut [f64], threads: usize) {
    positive_indicator_into(x, out, threads);
}

/// Computes the gradient of the sigmoid, `(1 - s) * s` with
/// `s = 1 / (1 + exp(-x))`, for every element.
///
/// The operations are those of the R formula in the same order, so each
/// result is bitwise equal to R's. Where the sigmoid saturates at 0 or 1 the
/// gradient is exactly 0, never NaN.
///
/// # Panics
///
/// Panics if `out` and `x` differ in length.
pub fn sigmoid_grad_into<T: RealInput>(x: &[T], out: &mut [f64], threads: usize) {
    map_chunks(x, out, threads, |x, out| {
        for (o, &v) in out.iter_mut().zip(x) {
            let s = 1.0 / (1.0 + r_exp(-v.to_real()));
            *o = (1.0 - s) * s;
        }
    });
}

/// Computes the ReLU of every element as R's `ifelse(x > 0, x, 0)` does.
///
/// Positive values pass through, everything else becomes `+0` (so `-0`
/// gives `+0`), and `NA` and NaN both become `NA`: `ifelse()` leaves its
/// `NA` test results in place, and those are logical `NA`.
///
/// # Panics
///
/// Panics if `out` and `x` differ in length.
pub fn relu_into<T: RealInput>(x: &[T], out: &mut [f64], threads: usize) {
    map_chunks(x, out, threads, |x, out| {
        for (o, &v) in out.iter_mut().zip(x) {
            let value = v.to_real();
            *o = if value > 0.0 {
                value
            } else if value.is_nan() {
                na_real()
            } else {
                0.0
            };
        }
    });
}

/// Returns the maximum the way R's `max()` does for doubles.
///
/// Any `NA` makes the result `NA`. Otherwise any NaN makes it NaN (the last
/// one seen). Among equal values the first wins, which decides between `-0`
/// and `+0`. An empty slice gives `-Inf`.
pub fn max_like_r<T: RealInput>(x: &[T]) -> f64 {
    let mut max = f64::NEG_INFINITY;
    let mut updated = false;
    for &v in x {
        let value = v.to_real();
        if value.is_nan() {
            if !is_na_real(max) {
                max = value;
            }
            updated = true;
        } else if value > max || !updated {
            max = value;
            updated = true;
        }
    }
    max
}

/// Computes the softmax `exp(a - max(a)) / sum(exp(a - max(a)))` over the
/// whole slice.
///
/// Subtracting the maximum keeps `exp()` from overflowing, and leaves the
/// result unchanged in exact arithmetic. Every step repeats R's, the sum
/// included (see [`super::sum`]), so on x86_64 the results are bitwise equal
/// to R's. An `NA` anywhere makes every
/// element `NA`, a NaN anywhere makes them NaN, and an empty slice is left
/// empty.
///
/// # Panics
///
/// Panics if `out` and `a` differ in length.
pub fn softmax_into<T: RealInput>(a: &[T], out: &mut [f64], threads: usize) {
    assert_eq!(a.len(), out.len(), "output length must equal input length");
    if a.is_empty() {
        return;
    }

    // The maximum and the division are cheap per element, so below this
    // length they run on the calling thread: starting threads for them
    // cost more than they saved at 10^5 elements on a 2-core machine.
    const LIGHT_PASS_PARALLEL_MIN_LEN: usize = 1 << 20;
    let light_threads = if a.len() < LIGHT_PASS_PARALLEL_MIN_LEN {
        1
    } else {
        threads
    };

    // R's rule for max() gives the same result over chunk maxima as over the
    // elements: NA if any, else the last NaN, else the first largest value.
    let max = max_like_r(&reduce_chunks(a, light_threads, max_like_r));

    // R adds in order, so the exponentials are summed chunk by chunk in
    // order while they are computed.
    let total = map_chunks_and_sum(a, out, threads, |a, out| {
        for (o, &v) in out.iter_mut().zip(a) {
            *o = r_exp(v.to_real() - max);
        }
    });

    for_each_chunk_mut(out, light_threads, |_, out| {
        for o in out.iter_mut() {
            *o /= total;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::real::NA_INTEGER;

    fn sigmoid_of(x: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; x.len()];
        sigmoid_into(x, &mut out, 1);
        out
    }

    fn relu_of(x: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; x.len()];
        relu_into(x, &mut out, 1);
        out
    }

    fn softmax_of<T: RealInput>(a: &[T]) -> Vec<f64> {
        let mut out = vec![0.0; a.len()];
        softmax_into(a, &mut out, 1);
        out
    }

    /// Asserts that `kernel` gives bitwise the same output on 1, 2 and 3
    /// threads, for lengths around the parallel threshold.
    fn assert_thread_count_invariant(kernel: fn(&[f64], &mut [f64], usize)) {
        use crate::kernels::parallel::{CHUNK_LEN, PARALLEL_MIN_LEN};
        for len in [PARALLEL_MIN_LEN - 1, PARALLEL_MIN_LEN, 7 * CHUNK_LEN + 3] {
            let mut x: Vec<f64> = (0..len).map(|i| ((i as f64) * 0.37).sin() * 30.0).collect();
            x[len / 2] = -0.0;
            let mut single = vec![0.0; len];
            kernel(&x, &mut single, 1);
            for threads in [2, 3] {
                let mut parallel = vec![0.0; len];
                kernel(&x, &mut parallel, threads);
                let same = single
                    .iter()
                    .zip(&parallel)
                    .all(|(a, b)| a.to_bits() == b.to_bits());
                assert!(same, "length {len}, {threads} threads");
            }
        }
    }

    #[test]
    fn kernels_do_not_depend_on_the_thread_count() {
        assert_thread_count_invariant(identity_into);
        assert_thread_count_invariant(step_function_into);
        assert_thread_count_invariant(sigmoid_into);
        assert_thread_count_invariant(sigmoid_grad_into);
        assert_thread_count_invariant(relu_into);
        assert_thread_count_invariant(relu_grad_into);
        assert_thread_count_invariant(softmax_into);
    }

    fn apply(kernel: fn(&[f64], &mut [f64], usize), x: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; x.len()];
        kernel(x, &mut out, 1);
        out
    }

    #[test]
    fn gradients_at_the_kink() {
        assert_eq!(
            apply(relu_grad_into, &[-1.0, 0.0, -0.0, 1.0]),
            [0.0, 0.0, 0.0, 1.0]
        );
        let step = apply(step_function_into, &[-1.0, 0.0, 1.0, f64::NAN]);
        assert_eq!(step[..3], [0.0, 0.0, 1.0]);
        assert!(is_na_real(step[3]));
    }

    #[test]
    fn sigmoid_grad_saturates_to_zero() {
        // (1 - s) * s at x = 2, with s = 1 / (1 + e^-2): 0.104993585...
        let out = apply(sigmoid_grad_into, &[-1000.0, 0.0, 2.0, 1000.0]);
        assert_eq!(out[0], 0.0);
        assert_eq!(out[1], 0.25);
        assert!((out[2] - 0.1049935854035065).abs() < 1e-15);
        assert_eq!(out[3], 0.0);
    }

    #[test]
    fn identity_converts_integers() {
        let mut out = [0.0; 3];
        identity_into(&[1_i32, NA_INTEGER, -3], &mut out, 1);
        assert_eq!(out[0], 1.0);
        assert!(is_na_real(out[1]));
        assert_eq!(out[2], -3.0);
    }

    #[test]
    fn softmax_spreads_na_found_in_a_later_chunk() {
        let len = 4 * crate::kernels::parallel::CHUNK_LEN;
        let mut a = vec![1.0; len];
        a[len - 1] = na_real();
        a[10] = f64::NAN;
        let mut out = vec![0.0; len];
        softmax_into(&a, &mut out, 3);
        // As in R, NaN - NA keeps the NaN, so that one position stays NaN.
        assert!(out[10].is_nan());
        assert!(!is_na_real(out[10]));
        out[10] = na_real();
        assert!(out.iter().all(|&v| is_na_real(v)));
    }

    fn assert_close(actual: &[f64], expected: &[f64], tolerance: f64) {
        assert_eq!(actual.len(), expected.len());
        for (a, e) in actual.iter().zip(expected) {
            assert!((a - e).abs() <= tolerance, "{actual:?} vs {expected:?}");
        }
    }

    #[test]
    fn sigmoid_at_zero_and_infinities() {
        assert_eq!(
            sigmoid_of(&[0.0, f64::NEG_INFINITY, f64::INFINITY]),
            [0.5, 0.0, 1.0]
        );
    }

    #[test]
    fn sigmoid_saturates_without_nan() {
        // exp(1000) overflows to Inf, and 1 / (1 + Inf) is exactly 0.
        let out = sigmoid_of(&[-1000.0, -710.0, 36.0, 710.0, 1000.0]);
        assert_eq!(out[0], 0.0);
        assert_eq!(out[1], 0.0);
        assert_eq!(out[3], 1.0);
        assert_eq!(out[4], 1.0);
        assert!(out.iter().all(|v| (0.0..=1.0).contains(v)));
    }

    #[test]
    fn sigmoid_keeps_na_and_nan_apart() {
        let out = sigmoid_of(&[na_real(), f64::NAN]);
        assert!(is_na_real(out[0]));
        assert!(out[1].is_nan());
        assert!(!is_na_real(out[1]));
    }

    #[test]
    fn sigmoid_reads_integers() {
        let mut out = [0.0; 3];
        sigmoid_into(&[0_i32, 1, NA_INTEGER], &mut out, 1);
        assert_eq!(out[0], 0.5);
        assert_eq!(out[1], 1.0 / (1.0 + (-1.0_f64).exp()));
        assert!(is_na_real(out[2]));
    }

    #[test]
    fn relu_follows_ifelse() {
        let out = relu_of(&[-2.0, -0.0, 0.0, 3.5, f64::INFINITY, f64::NEG_INFINITY]);
        assert_eq!(out, [0.0, 0.0, 0.0, 3.5, f64::INFINITY, 0.0]);
        // ifelse() gives +0 for -0, because -0 > 0 is FALSE.
        assert_eq!(out[1].to_bits(), 0.0_f64.to_bits());
    }

    #[test]
    fn relu_turns_nan_into_na() {
        let out = relu_of(&[f64::NAN, na_real()]);
        assert!(is_na_real(out[0]));
        assert!(is_na_real(out[1]));
    }

    #[test]
    fn max_like_r_lets_na_trump_nan() {
        assert!(is_na_real(max_like_r(&[f64::NAN, na_real(), 1.0])));
        assert!(is_na_real(max_like_r(&[na_real(), f64::NAN])));
        let max = max_like_r(&[1.0, f64::NAN, 3.0]);
        assert!(max.is_nan());
        assert!(!is_na_real(max));
        assert_eq!(max_like_r(&[-0.0, 0.0]).to_bits(), (-0.0_f64).to_bits());
        assert_eq!(max_like_r::<f64>(&[]), f64::NEG_INFINITY);
    }

    #[test]
    fn softmax_of_the_book_example() {
        // softmax_r(c(0.3, 2.9, 4.0)) in R 4.2.2 on x86_64, printed with
        // sprintf("%a") and converted to the shortest decimal form.
        let expected = [0.01821127329554753, 0.24519181293507392, 0.7365969137693786];
        let out = softmax_of(&[0.3, 2.9, 4.0]);
        if cfg!(target_arch = "x86_64") {
            assert_eq!(out, expected);
        } else {
            assert_close(&out, &expected, 4.0 * f64::EPSILON);
        }
    }

    #[test]
    fn softmax_does_not_overflow() {
        assert_eq!(softmax_of(&[1000.0, 1000.0]), [0.5, 0.5]);
        let shifted = softmax_of(&[1000.0, 1001.0, 1002.0]);
        assert_eq!(shifted, softmax_of(&[0.0, 1.0, 2.0]));
        // Values from R: softmax_r(c(0, 1, 2)).
        assert_close(&shifted, &[0.09003057, 0.24472847, 0.66524096], 5e-9);
        let out = softmax_of(&[800.0, 1.0, 1.0]);
        assert_close(&out, &[1.0, 0.0, 0.0], 1e-12);
    }

    #[test]
    fn softmax_spreads_na_and_nan() {
        let out = softmax_of(&[1.0, na_real(), 3.0]);
        assert!(out.iter().all(|&v| is_na_real(v)));
        let out = softmax_of(&[1.0, f64::NAN, 3.0]);
        assert!(out.iter().all(|v| v.is_nan()));
        assert!(!out.iter().any(|&v| is_na_real(v)));
    }

    #[test]
    fn softmax_of_empty_input_is_empty() {
        assert!(softmax_of::<f64>(&[]).is_empty());
    }

    #[test]
    fn softmax_reads_integers_like_doubles() {
        assert_eq!(softmax_of(&[1_i32, 2, 3]), softmax_of(&[1.0, 2.0, 3.0]));
    }

    #[test]
    fn softmax_of_a_long_input_sums_to_one() {
        let a: Vec<f64> = (0..100_000)
            .map(|i| (i as f64 * 0.37).sin() * 20.0)
            .collect();
        let out = softmax_of(&a);
        let total: f64 = out.iter().sum();
        assert!((total - 1.0).abs() < 1e-12, "sum is {total}");
    }
}
