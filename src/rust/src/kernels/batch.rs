//! Batch forms over matrices with one sample per row.
//!
//! Matrices arrive as R stores them, column-major: element `(i, j)` of a
//! matrix with `rows` rows sits at index `i + j * rows`. The kernels read
//! them in place through ndarray views with column-major strides, so no
//! transposed copy is made.

use ndarray::{ArrayView2, ArrayViewMut2, Axis, ShapeBuilder};

use super::activation::{max_like_r, softmax_into};
use super::parallel::for_each_part_mut;
use super::real::{r_exp, RealInput};
use super::sum::RSum;

/// Number of rows that one thread processes at a time.
const ROWS_PER_PART: usize = 4096;

/// The number of rows and columns of a column-major matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MatrixShape {
    pub rows: usize,
    pub cols: usize,
}

impl MatrixShape {
    /// Returns the number of elements.
    pub fn len(self) -> usize {
        self.rows * self.cols
    }

    /// Returns whether the matrix has no elements.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
}

/// Views `values` as a column-major matrix of the given shape.
///
/// # Panics
///
/// Panics if `values` does not have `rows * cols` elements.
pub fn column_major<T>(values: &[T], shape: MatrixShape) -> ArrayView2<'_, T> {
    ArrayView2::from_shape((shape.rows, shape.cols).f(), values)
        .expect("the data has rows * cols elements")
}

fn column_major_mut(values: &mut [f64], shape: MatrixShape) -> ArrayViewMut2<'_, f64> {
    ArrayViewMut2::from_shape((shape.rows, shape.cols).f(), values)
        .expect("the data has rows * cols elements")
}

/// Computes the softmax of each row of the matrix `a` into `out`, which has
/// the same shape. Each row gets exactly what [`softmax_into`] gives for that
/// row as a vector, so an `NA` or `Inf` in one row affects only that row.
///
/// # Panics
///
/// Panics if `a` or `out` does not have `shape.len()` elements.
pub fn softmax_rows_into<T: RealInput>(
    a: &[T],
    out: &mut [f64],
    shape: MatrixShape,
    threads: usize,
) {
    let input = column_major(a, shape);
    let mut output = column_major_mut(out, shape);
    if shape.is_empty() {
        return;
    }
    let parts: Vec<ArrayViewMut2<f64>> = output
        .axis_chunks_iter_mut(Axis(0), ROWS_PER_PART)
        .collect();
    for_each_part_mut(parts, shape.len(), threads, |k, part| {
        let first_row = k * ROWS_PER_PART;
        let mut row = vec![0.0; shape.cols];
        let mut result = vec![0.0; shape.cols];
        for (offset, mut out_row) in part.rows_mut().into_iter().enumerate() {
            for (slot, &value) in row.iter_mut().zip(input.row(first_row + offset)) {
                *slot = value.to_real();
            }
            softmax_into(&row, &mut result, 1);
            for (slot, &value) in out_row.iter_mut().zip(&result) {
                *slot = value;
            }
        }
    });
}

/// Computes the softmax of each column of the matrix `a` into `out`, which
/// has the same shape. Columns are contiguous, so each is a plain slice.
///
/// # Panics
///
/// Panics if `a` or `out` does not have `shape.len()` elements.
pub fn softmax_columns_into<T: RealInput>(
    a: &[T],
    out: &mut [f64],
    shape: MatrixShape,
    threads: usize,
) {
    assert_eq!(a.len(), shape.len(), "the input has rows * cols elements");
    assert_eq!(
        out.len(),
        shape.len(),
        "the output has rows * cols elements"
    );
    if shape.is_empty() {
        return;
    }
    let columns: Vec<&mut [f64]> = out.chunks_mut(shape.rows).collect();
    for_each_part_mut(columns, shape.len(), threads, |j, column| {
        let start = j * shape.rows;
        softmax_into(&a[start..start + shape.rows], column, 1);
    });
}

/// The maximum and the sum of exponentials of one row, as `softmax_r()`
/// computes them for that row: `max(a)` and `sum(exp(a - max(a)))`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RowScale {
    pub max: f64,
    pub sum: f64,
}

impl RowScale {
    /// Returns the softmax value of an element `value` of this row.
    #[inline]
    pub fn softmax(self, value: f64) -> f64 {
        r_exp(value - self.max) / self.sum
    }

    /// Returns whether every softmax value of the row is finite and not
    /// negative. That is the case when the maximum and the sum are finite and
    /// the sum is positive, because each value is then an exponential of at
    /// most 0 divided by that sum.
    #[inline]
    pub fn gives_finite_values(self) -> bool {
        self.max.is_finite() && self.sum.is_finite() && self.sum > 0.0
    }
}

/// Computes the [`RowScale`] of every row of the matrix `x`.
///
/// # Panics
///
/// Panics if `x` does not have `shape.len()` elements.
pub fn row_scales<T: RealInput>(x: &[T], shape: MatrixShape, threads: usize) -> Vec<RowScale> {
    let input = column_major(x, shape);
    let mut scales = vec![RowScale { max: 0.0, sum: 0.0 }; shape.rows];
    let parts: Vec<&mut [RowScale]> = scales.chunks_mut(ROWS_PER_PART).collect();
    for_each_part_mut(parts, shape.len(), threads, |k, part| {
        let first_row = k * ROWS_PER_PART;
        let mut row = vec![0.0; shape.cols];
        for (offset, scale) in part.iter_mut().enumerate() {
            for (slot, &value) in row.iter_mut().zip(input.row(first_row + offset)) {
                *slot = value.to_real();
            }
            let max = max_like_r(&row);
            for slot in row.iter_mut() {
                *slot = r_exp(*slot - max);
            }
            let mut sum = RSum::default();
            sum.add_slice(&row);
            *scale = RowScale {
                max,
                sum: sum.value(),
            };
        }
    });
    scales
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::parallel::PARALLEL_MIN_LEN;
    use crate::kernels::real::{is_na_real, na_real};

    fn softmax_of(values: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; values.len()];
        softmax_into(values, &mut out, 1);
        out
    }

    #[test]
    fn softmax_rows_reads_column_major_data() {
        // matrix(c(1, 2, 3, 1, 1, 1), 2, byrow = TRUE) in R is stored as
        // 1, 1, 2, 1, 3, 1.
        let a = [1.0, 1.0, 2.0, 1.0, 3.0, 1.0];
        let shape = MatrixShape { rows: 2, cols: 3 };
        let mut out = [0.0; 6];
        softmax_rows_into(&a, &mut out, shape, 1);
        let first_row = softmax_of(&[1.0, 2.0, 3.0]);
        assert_eq!([out[0], out[2], out[4]], first_row[..]);
        assert_eq!([out[1], out[3], out[5]], [1.0 / 3.0; 3]);
    }

    #[test]
    fn softmax_rows_of_a_single_column_is_one() {
        let mut out = [0.0; 3];
        softmax_rows_into(
            &[1.0, 2.0, 3.0],
            &mut out,
            MatrixShape { rows: 3, cols: 1 },
            1,
        );
        assert_eq!(out, [1.0; 3]);
    }

    #[test]
    fn softmax_rows_keeps_missing_values_in_their_row() {
        let a = [1.0, 1.0, na_real(), 2.0];
        let mut out = [0.0; 4];
        softmax_rows_into(&a, &mut out, MatrixShape { rows: 2, cols: 2 }, 1);
        assert!(is_na_real(out[0]));
        assert!(is_na_real(out[2]));
        assert_eq!([out[1], out[3]], softmax_of(&[1.0, 2.0])[..]);
    }

    #[test]
    fn softmax_columns_takes_each_column() {
        let a = [1.0, 2.0, 3.0, 0.0, 0.0, 0.0];
        let mut out = [0.0; 6];
        softmax_columns_into(&a, &mut out, MatrixShape { rows: 3, cols: 2 }, 1);
        assert_eq!(out[..3], softmax_of(&[1.0, 2.0, 3.0])[..]);
        assert_eq!(out[3..], [1.0 / 3.0; 3]);
    }

    #[test]
    fn empty_matrices_give_empty_results() {
        for shape in [
            MatrixShape { rows: 0, cols: 3 },
            MatrixShape { rows: 3, cols: 0 },
        ] {
            let mut out: [f64; 0] = [];
            softmax_rows_into::<f64>(&[], &mut out, shape, 2);
            softmax_columns_into::<f64>(&[], &mut out, shape, 2);
            assert_eq!(row_scales::<f64>(&[], shape, 2).len(), shape.rows);
        }
    }

    #[test]
    fn batch_kernels_do_not_depend_on_the_thread_count() {
        let shape = MatrixShape {
            rows: PARALLEL_MIN_LEN / 10 + 7,
            cols: 10,
        };
        let a: Vec<f64> = (0..shape.len())
            .map(|i| ((i as f64) * 0.77).sin() * 10.0)
            .collect();
        let run = |threads| {
            let mut rows = vec![0.0; shape.len()];
            let mut columns = vec![0.0; shape.len()];
            softmax_rows_into(&a, &mut rows, shape, threads);
            softmax_columns_into(&a, &mut columns, shape, threads);
            (rows, columns, row_scales(&a, shape, threads))
        };
        let single = run(1);
        for threads in [2, 3] {
            assert_eq!(run(threads), single, "{threads} threads");
        }
    }

    #[test]
    fn row_scales_match_softmax_rows() {
        let shape = MatrixShape { rows: 2, cols: 3 };
        let a = [0.5, -1.0, 2.0, 0.0, 4.0, 1.0];
        let mut out = [0.0; 6];
        softmax_rows_into(&a, &mut out, shape, 1);
        let scales = row_scales(&a, shape, 1);
        for (k, &value) in a.iter().enumerate() {
            assert_eq!(scales[k % 2].softmax(value), out[k]);
        }
        assert!(scales.iter().all(|scale| scale.gives_finite_values()));
    }
}
