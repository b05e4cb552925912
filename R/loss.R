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
#' target has a single nonzero term, so its result is identical everywhere.
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
