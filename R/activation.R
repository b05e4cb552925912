#' Sigmoid Function
#'
#' Computes the logistic sigmoid \eqn{1 / (1 + e^{-x})}{1 / (1 + exp(-x))}
#' of every element of `x` in Rust. `sigmoid_r()` is the same formula in plain R,
#' `1 / (1 + exp(-x))`, and serves as the reference that `sigmoid()` is
#' tested against.
#'
#' `sigmoid()` performs the operations of the R formula in the same order and
#' calls the same C library `exp()`, so its results are identical to
#' `sigmoid_r()`'s, bit for bit, on every double: `NA` stays `NA`, `NaN` stays
#' `NaN`, `-Inf` gives 0, `Inf` gives 1, and inputs below about -709.78, where
#' `exp()` overflows, give exactly 0.
#'
#' @section Differences from the R formula:
#' * An object with a class attribute (a factor, a data frame, a `Date`) or
#'   flagged as S4 is an error, where `sigmoid_r()` applies whatever method R
#'   finds for `-` and `exp()`.
#' * Complex input is an error, where `sigmoid_r()` computes the complex
#'   sigmoid.
#' * Character, list and other non-numeric input is an error in both, but
#'   `sigmoid()`'s message names the argument and what it received.
#'
#' @param x A double, integer or logical vector, matrix or array without a
#'   class attribute. Integers and logicals are converted to double.
#' @return A double vector of the same length as `x`, with the attributes
#'   that R's arithmetic gives `sigmoid_r(x)`: all of `x`'s attributes, except
#'   that a matrix or array keeps no names besides its dimnames, an empty `x`
#'   keeps only dim and dimnames, and a logical `x` keeps only names, dim and
#'   dimnames, because R's `-x` makes a new integer vector from it.
#' @family activation functions
#' @export
#' @examples
#' sigmoid(c(-1, 0, 1))
#'
#' x <- seq(-5, 4.9, by = 0.1)
#' identical(sigmoid(x), sigmoid_r(x))
#'
#' # Attributes are kept, as in the R formula.
#' sigmoid(matrix(c(-1, 0, 1, 2), nrow = 2))
sigmoid <- function(x) {
  result <- .Call(wrap__sigmoid_impl, x)
  if (is.list(result)) stop_rust_error(result)
  result
}

#' ReLU Function
#'
#' Computes the rectified linear unit of every element of `x` in Rust: `x`
#' where `x > 0`, otherwise 0. `relu_r()` is the formula in plain R,
#' `ifelse(x > 0, x, 0)`, and serves as the reference that `relu()` is tested
#' against.
#'
#' The values are those of `ifelse(x > 0, x, 0)` converted to double: positive
#' values are returned unchanged, zero, negative values, `-0` and `-Inf` give
#' `0`, and both `NA` and `NaN` give `NA` (`ifelse()` keeps the logical `NA`
#' that `NaN > 0` returns).
#'
#' @section Differences from the R formula:
#' * `relu()` always returns a double vector. `relu_r()` returns an integer
#'   vector for integer input without negative values (`relu_r(1:3)`), and a
#'   logical `NA` for a single `NA` or `NaN`.
#' * An object with a class attribute (a factor, a data frame, a `Date`) or
#'   flagged as S4 is an error, where `relu_r()` calls its methods for `>`
#'   and `` `[<-` ``.
#' * Character, complex, list and other non-numeric input is an error.
#'   `relu_r()` compares strings with `"0"` instead.
#'
#' @inheritParams sigmoid
#' @return A double vector of the same length as `x`, with the attributes
#'   that `x > 0` keeps and `ifelse()` passes on: dim and dimnames for a
#'   matrix or array, names otherwise, and `tsp`. Other attributes are
#'   dropped.
#' @family activation functions
#' @export
#' @examples
#' relu(c(-2, -0.5, 0, 0.5, 2))
#'
#' x <- seq(-5, 4.9, by = 0.1)
#' identical(relu(x), relu_r(x))
#'
#' # Always double, where the R formula can give integers:
#' str(relu(1:3))
#' str(relu_r(1:3))
relu <- function(x) {
  result <- .Call(wrap__relu_impl, x)
  if (is.list(result)) stop_rust_error(result)
  result
}

#' Softmax Function
#'
#' Computes the softmax
#' \eqn{e^{a_i - \max a} / \sum_j e^{a_j - \max a}}{exp(a[i] - max(a)) / sum(exp(a - max(a)))}
#' over
#' all elements of `a` in Rust. `softmax_r()` is the formula in plain R,
#' `exp(a - max(a)) / sum(exp(a - max(a)))`, and serves as the reference that
#' `softmax()` is tested against.
#'
#' Subtracting the maximum changes nothing in exact arithmetic, but keeps
#' `exp()` from overflowing: `softmax(c(1000, 1000))` is `c(0.5, 0.5)`, where
#' the textbook formula without it gives `NaN`. The result sums to 1 up to
#' rounding. A missing value anywhere makes every element `NA` or `NaN`,
#' exactly as in the R formula: with only `NaN`s, all are `NaN`; with an `NA`,
#' all are `NA` except at the positions of `NaN`s, because R's arithmetic
#' keeps the first operand's `NaN`.
#'
#' @section Accuracy:
#' R's `sum()` adds in a C `long double`. On x86_64 that is the x87 80-bit
#' extended format, and `softmax()` adds in that same format, in the same
#' order, so its results are identical to `softmax_r()`'s, bit for bit; the
#' package's tests check this on seeded input of lengths 1 to 10^6 and on
#' every mix of `NA`, `NaN` and infinities that they list. On other
#' processors Rust has no such type, and `softmax()` uses a compensated sum
#' instead, which can differ from R's sum in the last bits: tried on x86_64
#' against R's sum, that version differed from `softmax_r()` by up to 4 ulp
#' at length 10^6.
#'
#' @section Differences from the R formula:
#' * With a margin, `a` must be a matrix, and an empty matrix gives an empty
#'   double matrix; `softmax_r()` returns whatever [apply()] makes of it.
#' * Empty input returns an empty double vector without a warning.
#'   `softmax_r()` warns that `max()` found no values.
#' * Integer and logical input is converted to double first, so subtracting the
#'   maximum never overflows. `softmax_r()` subtracts in integer arithmetic and
#'   returns `NA` with a warning when the range exceeds `.Machine$integer.max`.
#' * An object with a class attribute (a factor, a data frame) or flagged as
#'   S4 is an error.
#' * Complex input is an error.
#' * On processors other than x86_64, results can differ in the last bits
#'   (see "Accuracy").
#'
#' @param a A double, integer or logical vector, matrix or array without a
#'   class attribute. Integers and logicals are converted to double.
#' @param margin `NULL` (the default) for the softmax over all elements of
#'   `a`, `1` for each row of the matrix `a`, or `2` for each column, as in
#'   [apply()]'s `MARGIN`.
#' @return For `margin = NULL`, a double vector of the same length as `a`, with the attributes that
#'   R's arithmetic gives `softmax_r(a)`: all of `a`'s attributes, except that
#'   a matrix or array keeps no names besides its dimnames, and an empty `a`
#'   keeps only dim and dimnames, or its names. The elements lie in \[0, 1\]
#'   and sum to 1 up to rounding, unless `a` contains `NA`, `NaN` or `Inf`, or
#'   only `-Inf`. For a margin, a double matrix with the dim and dimnames of
#'   `a` and no other attributes.
#' @family activation functions
#' @export
#' @examples
#' y <- softmax(c(0.3, 2.9, 4.0))
#' y
#' sum(y)
#'
#' # No overflow, thanks to subtracting the maximum:
#' softmax(c(1000, 1001, 1002))
#'
#' # A batch of two samples, one per row:
#' scores <- matrix(c(1, 2, 3, 1, 1, 1), nrow = 2, byrow = TRUE)
#' softmax(scores, margin = 1)
#' rowSums(softmax(scores, margin = 1))
softmax <- function(a, margin = NULL) {
  result <- .Call(wrap__softmax_impl, a, margin)
  if (is.list(result)) stop_rust_error(result)
  result
}

#' Identity Function
#'
#' Returns `x` unchanged, as double, computed in Rust: the book's activation
#' for the output layer of a regression network. `identity_function_r()`
#' returns `x` itself, and serves as the reference that
#' `identity_function()` is tested against.
#'
#' @section Differences from the R formula:
#' * `identity_function()` always returns a double vector, where
#'   `identity_function_r()` returns integers and logicals as they are.
#' * An object with a class attribute or flagged as S4, and non-numeric
#'   input, are errors.
#'
#' @inheritParams sigmoid
#' @return A double vector of the same length as `x`, with all of `x`'s
#'   attributes.
#' @family activation functions
#' @export
#' @examples
#' identity_function(c(-1.5, 0, 2))
#' str(identity_function(1:3))
identity_function <- function(x) {
  result <- .Call(wrap__identity_function_impl, x)
  if (is.list(result)) stop_rust_error(result)
  result
}

#' Step Function
#'
#' Computes the step function of every element of `x` in Rust: 1 where
#' `x > 0`, otherwise 0. `step_function_r()` is the formula in plain R,
#' `ifelse(x > 0, 1, 0)`, and serves as the reference that `step_function()`
#' is tested against.
#'
#' The step function is the activation of the perceptron, the book's
#' starting point. Zero, `-0` and negative values give 0, and `NA` and `NaN`
#' give `NA`.
#'
#' @section Differences from the R formula:
#' * `step_function()` always returns a double vector; `step_function_r()`
#'   returns a logical `NA` for a single `NA` or `NaN`.
#' * An object with a class attribute or flagged as S4, and non-numeric
#'   input, are errors.
#'
#' @inheritParams sigmoid
#' @return A double vector of the same length as `x`, with the attributes
#'   that `ifelse(x > 0, 1, 0)` keeps: dim and dimnames for a matrix or array,
#'   names otherwise, and `tsp`.
#' @family activation functions
#' @export
#' @examples
#' step_function(c(-1, 0, 1, NaN))
step_function <- function(x) {
  result <- .Call(wrap__step_function_impl, x)
  if (is.list(result)) stop_rust_error(result)
  result
}
