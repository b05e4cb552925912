#' Cross-Entropy Error of One Sample
#'
#' Computes the cross-entropy error
#' \eqn{-\sum_k t_k \log(y_k + 10^{-7})}{-sum(t * log(y + 1e-7))} of
#' predictions `y` against targets `t` in Rust. `cross_entropy_error_single_r()`
#' is the formula in plain R, `-sum(t * log(y + 1e-7))`, and serves as the
#' reference that `cross_entropy_error_single()` is tested against.
#'
#' The constant `1e-7` keeps a prediction of exactly 0 from giving
#' `log(0) = -Inf`: the largest possible term is then `-log(1e-7)`, about
#' 16.118. For the same reason a prediction of exactly 1 on the true class
#' gives a tiny negative error, `-log(1 + 1e-7)`, not 0.
#'
#' @section Accuracy:
#' Each term `t * log(y + 1e-7)` is identical to R's, bit for bit. R's `sum()`
#' adds in a C `long double`, which on x86_64 is the x87 80-bit extended
#' format, and `cross_entropy_error_single()` adds the terms in that same
#' format, in the same order, so the result is identical to
#' `cross_entropy_error_single_r()`'s. On other processors it uses a
#' compensated sum, which can differ from R's in the last bits. A one-hot
#' target for a single sample leaves a single nonzero term, so that result
#' is identical everywhere.
#'
#' @section Differences from the R formula:
#' * `y` and `t` must have the same length. `cross_entropy_error_single_r()`
#'   recycles the shorter one, with a warning only when the longer length is
#'   not a multiple of the shorter.
#' * A negative prediction gives `NaN` without the warning "NaNs produced"
#'   that `log()` gives in `cross_entropy_error_single_r()`.
#' * An object with a class attribute (a factor, a data frame) or flagged as
#'   S4 is an error, and so is complex input.
#' * On processors other than x86_64, the result can differ in the last bits
#'   (see "Accuracy").
#'
#' @param y Predicted probabilities: a double, integer or logical vector,
#'   matrix or array without a class attribute, such as the output of
#'   [softmax()].
#' @param t Targets of the same length as `y`, usually one-hot (1 for the true
#'   class, 0 elsewhere). Same types as `y`.
#' @return A double vector of length one, without attributes. Empty `y` and
#'   `t` give `-0`, as `-sum(numeric(0))` does.
#' @family loss functions
#' @export
#' @examples
#' t <- c(0, 0, 1, 0, 0, 0, 0, 0, 0, 0)
#'
#' # 0.6 on the true (third) class: a small error.
#' y <- c(0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0)
#' cross_entropy_error_single(y, t)
#'
#' # 0.6 on the eighth class: a large error.
#' y <- c(0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0)
#' cross_entropy_error_single(y, t)
cross_entropy_error_single <- function(y, t) {
  result <- .Call(wrap__cross_entropy_error_single_impl, y, t)
  if (is.list(result)) stop_rust_error(result)
  result
}

#' Sum of Squared Errors
#'
#' Computes the sum of squared errors \eqn{\frac{1}{2}\sum_k (y_k - t_k)^2}{0.5 *
#' sum((y - t)^2)} of predictions `y` against targets `t` in Rust.
#' `sum_squared_error_r()` is the formula in plain R,
#' `0.5 * sum((y - t)^2)`, and serves as the reference that
#' `sum_squared_error()` is tested against.
#'
#' @inheritSection cross_entropy_error_single Accuracy
#' @section Differences from the R formula:
#' * `y` and `t` must have the same length, and the same dim when both have
#'   one; `sum_squared_error_r()` recycles the shorter one.
#' * Integer input is converted to double first, so a difference never
#'   overflows; the twin subtracts integers and gives `NA` with a warning
#'   beyond `.Machine$integer.max`.
#' * An object with a class attribute or flagged as S4, and non-numeric
#'   input, are errors.
#'
#' @param y Predictions: a double, integer or logical vector, matrix or array
#'   without a class attribute.
#' @param t Targets of the same length as `y`. Same types as `y`.
#' @return A double vector of length one, without attributes.
#' @family loss functions
#' @export
#' @examples
#' t <- c(0, 0, 1, 0, 0, 0, 0, 0, 0, 0)
#' y <- c(0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0)
#' sum_squared_error(y, t)
sum_squared_error <- function(y, t) {
  result <- .Call(wrap__sum_squared_error_impl, y, t)
  if (is.list(result)) stop_rust_error(result)
  result
}

#' Cross-Entropy Error of a Batch
#'
#' Computes the mean cross-entropy error over a batch of samples in Rust, as
#' the book's batch `cross_entropy_error()` does. `cross_entropy_error_r()`
#' is the formula in plain R and serves as the reference that
#' `cross_entropy_error()` is tested against.
#'
#' `y` holds predicted probabilities: a vector for one sample, or a matrix
#' with one sample per row, such as `softmax(scores, margin = 1)`. `t` holds
#' the targets in either of two forms:
#' * the same shape as `y` (one-hot or soft targets): the error is
#'   `-sum(t * log(y + 1e-7)) / nrow(y)`;
#' * one class label per row of `y`, as 1-based integers or as a factor whose
#'   levels stand for the columns of `y` by position (level k is column k,
#'   whatever the column names): the error is
#'   `-sum(log(y[cbind(1:nrow(y), t)] + 1e-7)) / nrow(y)`. Labels may also
#'   come as a one-column or one-row matrix.
#'
#' Both forms give the same value for the same targets. For a vector `y` and
#' a target of the same length the result equals
#' [cross_entropy_error_single()].
#'
#' @inheritSection cross_entropy_error_single Accuracy
#' @section Differences from the R formula:
#' * Shapes are checked: a matrix `t` must have the dim of `y`, labels must
#'   number one per row and lie between 1 and `ncol(y)`, and a factor must
#'   have `ncol(y)` levels. `cross_entropy_error_r()` recycles or indexes
#'   silently, or fails with R's subscript error.
#' * For a matrix `y`, same-shape targets must be a matrix too; a plain
#'   vector `t` is read as labels.
#' * An object with a class attribute (other than a factor `t`) or flagged as
#'   S4, and non-numeric input, are errors.
#'
#' @param y Predicted probabilities: a vector for one sample, or a matrix
#'   with one sample per row (double, integer or logical, without a class
#'   attribute).
#' @param t Targets: the same shape as `y`, or one class label per row of
#'   `y` (integers from 1 to `ncol(y)`, or a factor with `ncol(y)` levels).
#'   A missing label gives `NA`.
#' @return A double vector of length one, without attributes.
#' @family loss functions
#' @export
#' @examples
#' # Three samples of three classes; the true classes are 3, 1 and 2.
#' y <- matrix(c(0.1, 0.2, 0.7,
#'               0.7, 0.2, 0.1,
#'               0.2, 0.5, 0.3), nrow = 3, byrow = TRUE)
#' one_hot <- diag(3)[c(3, 1, 2), ]
#' cross_entropy_error(y, one_hot)
#' cross_entropy_error(y, c(3, 1, 2))
#' cross_entropy_error(y, factor(c("c", "a", "b")))
cross_entropy_error <- function(y, t) {
  result <- .Call(wrap__cross_entropy_error_impl, y, t)
  if (is.list(result)) stop_rust_error(result)
  result
}

#' Softmax Loss
#'
#' Computes the cross-entropy error of the row-wise softmax of scores `x`, in
#' Rust: the loss of the book's `SoftmaxWithLoss` layer.
#' `softmax_loss_r()` is the formula in plain R,
#' `cross_entropy_error_r(softmax_r(x, margin = 1), t)`, and serves as the
#' reference that `softmax_loss()` is tested against.
#'
#' The probabilities are computed where a term needs them, from each row's
#' maximum and sum of exponentials, so no matrix of probabilities is stored.
#' For a matrix `x` and a one-hot matrix `t`, its gradient with respect to
#' `x` is `(softmax(x, margin = 1) - t) / nrow(x)`, up to the small shift
#' that the `1e-7` inside the logarithm causes.
#'
#' @section Accuracy:
#' The probabilities and each term are identical to those of
#' `cross_entropy_error_r(softmax_r(x, margin = 1), t)`, bit for bit. On
#' x86_64 the terms are added in R's 80-bit extended precision and order, so
#' the loss is identical too; on other processors a compensated sum can
#' differ in the last bits.
#'
#' @section Differences from the R formula:
#' * Shapes are checked as for [cross_entropy_error()]: a matrix `t` must
#'   have the dim of `x`, and labels must number one per row and lie between
#'   1 and `ncol(x)`.
#' * Integer scores are converted to double first, so subtracting a row's
#'   maximum never overflows.
#' * An object with a class attribute (other than a factor `t`) or flagged as
#'   S4, and non-numeric input, are errors.
#'
#' @param x Scores: a vector for one sample, or a matrix with one sample per
#'   row (double, integer or logical, without a class attribute).
#' @param t Targets: the same shape as `x`, or one class label per row of
#'   `x`, as for [cross_entropy_error()].
#' @return A double vector of length one, without attributes.
#' @family loss functions
#' @export
#' @examples
#' x <- matrix(c(0.3, 2.9, 4.0,
#'               1.0, 0.0, -1.0), nrow = 2, byrow = TRUE)
#' softmax_loss(x, c(3, 1))
#' cross_entropy_error(softmax(x, margin = 1), c(3, 1))
softmax_loss <- function(x, t) {
  result <- .Call(wrap__softmax_loss_impl, x, t)
  if (is.list(result)) stop_rust_error(result)
  result
}
