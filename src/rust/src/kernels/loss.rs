//! Loss functions.

use super::batch::{column_major, row_scales, MatrixShape};
use super::parallel::ordered_sum;
use super::real::{na_real, r_log, RealInput, NA_INTEGER};

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

/// Computes the sum of squared errors `0.5 * sum((y - t)^2)`.
///
/// R's `^2` multiplies the difference by itself, and the squares are summed
/// as R's `sum()` does, so on x86_64 the result is bitwise equal to R's.
///
/// The squares cost far less than the in-order sum, which runs on one
/// thread anyway. So they are computed on the calling thread, chunk by chunk
/// next to the sum. With threads, this function was about 15% slower than
/// R's `0.5 * sum((y - t)^2)` on 10^5 elements (bench/, 2-core machine).
///
/// # Panics
///
/// Panics if `y` and `t` differ in length.
pub fn sum_squared_error<T: RealInput, U: RealInput>(y: &[T], t: &[U]) -> f64 {
    assert_eq!(y.len(), t.len(), "y and t must have the same length");
    let total = ordered_sum(y.len(), 1, |range, terms| {
        let squares = y[range.clone()]
            .iter()
            .zip(&t[range])
            .map(|(&prediction, &target)| {
                let difference = prediction.to_real() - target.to_real();
                difference * difference
            });
        terms.extend(squares);
    });
    0.5 * total
}

/// Targets of a batch: one value per element of the predictions (one-hot or
/// soft), or one class label per row.
pub enum Targets<'a, U> {
    /// Same shape as the predictions, column-major.
    Dense(&'a [U]),
    /// 1-based column numbers, one per row, already checked to lie in
    /// `1..=cols`; `NA_INTEGER` is a missing label.
    Labels(&'a [i32]),
}

/// Computes the batch cross-entropy error of predictions `y` (a column-major
/// matrix, one sample per row) against `targets`, divided by the number of
/// rows, as the R formula `-sum(t * log(y + 1e-7)) / nrow(y)` does, or
/// `-sum(log(y[cbind(1:nrow(y), t)] + 1e-7)) / nrow(y)` for labels.
///
/// # Panics
///
/// Panics if `y` does not have `shape.len()` elements, dense targets differ
/// from it in length, there is not one label per row, or a label is out of
/// range.
pub fn cross_entropy_error<T: RealInput, U: RealInput>(
    y: &[T],
    shape: MatrixShape,
    targets: Targets<U>,
    threads: usize,
) -> f64 {
    assert_eq!(y.len(), shape.len(), "y has rows * cols elements");
    let negated_sum = match targets {
        Targets::Dense(t) => cross_entropy_error_single(y, t, threads),
        Targets::Labels(labels) => {
            assert_eq!(labels.len(), shape.rows, "one label per row");
            let matrix = column_major(y, shape);
            -ordered_sum(shape.rows, threads, |range, terms| {
                for row in range {
                    let prediction = match labels[row] {
                        NA_INTEGER => na_real(),
                        label => matrix[[row, column_of(label, shape)]].to_real(),
                    };
                    terms.push(r_log(prediction + LOG_DELTA));
                }
            })
        }
    };
    negated_sum / shape.rows as f64
}

/// Computes the softmax loss: the batch cross-entropy error of the row-wise
/// softmax of the scores `x` (a column-major matrix, one sample per row),
/// as `cross_entropy_error_r(softmax_r(x, margin = 1), t)` does.
///
/// The softmax values are computed where a term needs them, from each row's
/// maximum and sum of exponentials, so no matrix of probabilities is stored.
/// They are bitwise equal to those of the row-wise softmax.
///
/// # Panics
///
/// As for [`cross_entropy_error`].
pub fn softmax_loss<T: RealInput, U: RealInput>(
    x: &[T],
    shape: MatrixShape,
    targets: Targets<U>,
    threads: usize,
) -> f64 {
    assert_eq!(x.len(), shape.len(), "x has rows * cols elements");
    let scales = row_scales(x, shape, threads);
    let total = match targets {
        Targets::Dense(t) => {
            assert_eq!(t.len(), x.len(), "t has the same length as x");
            ordered_sum(x.len(), threads, |range, terms| {
                for k in range {
                    let scale = scales[k % shape.rows];
                    let target = t[k].to_real();
                    // 0 * log(p + 1e-7) is a zero for finite p >= 0, and a
                    // zero leaves R's sum unchanged.
                    if target == 0.0 && scale.gives_finite_values() {
                        continue;
                    }
                    let probability = scale.softmax(x[k].to_real());
                    terms.push(target * r_log(probability + LOG_DELTA));
                }
            })
        }
        Targets::Labels(labels) => {
            assert_eq!(labels.len(), shape.rows, "one label per row");
            let matrix = column_major(x, shape);
            ordered_sum(shape.rows, threads, |range, terms| {
                for row in range {
                    let probability = match labels[row] {
                        NA_INTEGER => na_real(),
                        label => {
                            scales[row].softmax(matrix[[row, column_of(label, shape)]].to_real())
                        }
                    };
                    terms.push(r_log(probability + LOG_DELTA));
                }
            })
        }
    };
    -total / shape.rows as f64
}

/// Returns the 0-based column of a 1-based label.
///
/// # Panics
///
/// Panics if the label is not in `1..=shape.cols`.
fn column_of(label: i32, shape: MatrixShape) -> usize {
    match usize::try_from(label) {
        Ok(column) if (1..=shape.cols).contains(&column) => column - 1,
        _ => panic!("label {label} is outside 1..={}", shape.cols),
    }
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
        assert!(e < 0.0);
        assert!(e > -1e-7);
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
        assert!(e.is_nan());
        assert!(!is_na_real(e));
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

    #[test]
    fn sum_squared_error_of_the_book_example() {
        // 0.5 * sum((y - t)^2) for the book's y with 0.6 on the true class:
        // 0.5 * (0.01 + 0.0025 + 0.16 + 0.0025 + 0.01 + 0.01) = 0.0975.
        let y = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0];
        assert!((sum_squared_error(&y, &ONE_HOT) - 0.0975).abs() < 1e-15);
        assert_eq!(sum_squared_error::<f64, f64>(&[], &[]), 0.0);
    }

    #[test]
    fn labels_and_one_hot_targets_give_the_same_loss() {
        // Three samples of three classes, column-major; true classes 3, 1, 2.
        let y = [0.1, 0.7, 0.2, 0.2, 0.2, 0.5, 0.7, 0.1, 0.3];
        let one_hot = [0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0];
        let shape = MatrixShape { rows: 3, cols: 3 };
        let dense = cross_entropy_error(&y, shape, Targets::Dense(&one_hot), 1);
        let labels = cross_entropy_error::<f64, f64>(&y, shape, Targets::Labels(&[3, 1, 2]), 1);
        let expected =
            -((0.7_f64 + 1e-7).ln() + (0.7_f64 + 1e-7).ln() + (0.5_f64 + 1e-7).ln()) / 3.0;
        assert!((dense - expected).abs() < 1e-15);
        assert!((labels - expected).abs() < 1e-15);
    }

    #[test]
    fn cross_entropy_of_a_missing_label_is_na() {
        let shape = MatrixShape { rows: 2, cols: 2 };
        let loss =
            cross_entropy_error::<f64, f64>(&[0.5; 4], shape, Targets::Labels(&[1, NA_INTEGER]), 1);
        assert!(is_na_real(loss));
    }

    #[test]
    fn softmax_loss_equals_the_loss_of_the_softmax() {
        use crate::kernels::batch::softmax_rows_into;
        let shape = MatrixShape { rows: 2, cols: 3 };
        let x = [0.3, 1.0, 2.9, -1.0, 4.0, 0.5];
        let mut y = [0.0; 6];
        softmax_rows_into(&x, &mut y, shape, 1);
        let one_hot = [0.0, 1.0, 0.0, 0.0, 1.0, 0.0];
        assert_eq!(
            softmax_loss(&x, shape, Targets::Dense(&one_hot), 1).to_bits(),
            cross_entropy_error(&y, shape, Targets::Dense(&one_hot), 1).to_bits()
        );
        assert_eq!(
            softmax_loss::<f64, f64>(&x, shape, Targets::Labels(&[3, 1]), 1).to_bits(),
            cross_entropy_error::<f64, f64>(&y, shape, Targets::Labels(&[3, 1]), 1).to_bits()
        );
    }
}
