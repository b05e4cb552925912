#' Gradient of the Sigmoid Function
#'
#' Computes the derivative of the sigmoid, \eqn{(1 - s) s}{(1 - s) * s} with
#' \eqn{s = 1 / (1 + e^{-x})}{s = 1 / (1 + exp(-x))}, at every element of
#' `x` in Rust. `sigmoid_grad_r()` is the formula in plain R,
#' `(1 - sigmoid_r(x)) * sigmoid_r(x)`, and serves as the reference that
#' `sigmoid_grad()` is tested against.
#'
#' The operations are those of the R formula in the same order, so the
#' results are identical to the twin's, bit for bit. Where the sigmoid
#' saturates (at 0 below about -745 and at 1 above about 37) the gradient is
#' exactly 0, never `NaN`.
#'
#' @section Differences from the R formula:
#' * An object with a class attribute or flagged as S4, and non-numeric
#'   input, are errors.
#'
#' @inheritParams sigmoid
#' @return A double vector of the same length as `x`, with the attributes of
#'   [sigmoid()]'s result.
#' @family gradient functions
#' @export
#' @examples
#' sigmoid_grad(c(-1000, 0, 2, 1000))
#'
#' # It agrees with the numerical derivative:
#' numerical_gradient(function(x) sum(sigmoid(x)), c(-1, 0.5, 3))
sigmoid_grad <- function(x) {
  result <- .Call(wrap__sigmoid_grad_impl, x)
  if (is.list(result)) stop_rust_error(result)
  result
}

#' Gradient of the ReLU Function
#'
#' Computes the derivative of ReLU at every element of `x` in Rust: 1 where
#' `x > 0`, otherwise 0. `relu_grad_r()` is the formula in plain R,
#' `ifelse(x > 0, 1, 0)`, and serves as the reference that `relu_grad()` is
#' tested against.
#'
#' ReLU has no derivative at 0; `relu_grad()` takes it as 0 there, as the
#' book's ReLU layer does (its backward pass lets the gradient through only
#' where the input was positive) and as PyTorch does. `NA` and `NaN` give
#' `NA`.
#'
#' @section Differences from the R formula:
#' * `relu_grad()` always returns a double vector; `relu_grad_r()` returns a
#'   logical `NA` for a single `NA` or `NaN`.
#' * An object with a class attribute or flagged as S4, and non-numeric
#'   input, are errors.
#'
#' @inheritParams sigmoid
#' @return A double vector of the same length as `x`, with the attributes of
#'   [relu()]'s result.
#' @family gradient functions
#' @export
#' @examples
#' relu_grad(c(-1, 0, 1))
relu_grad <- function(x) {
  result <- .Call(wrap__relu_grad_impl, x)
  if (is.list(result)) stop_rust_error(result)
  result
}

#' Numerical Gradient
#'
#' Computes the gradient of a function `f` of a numeric vector or matrix at
#' `x` by central differences, \eqn{(f(x + h e_i) - f(x - h e_i)) / 2h}{(f(x
#' + h * e_i) - f(x - h * e_i)) / (2 * h)} for every element `i`, with the
#' loop in Rust. `numerical_gradient_r()` is the book's loop in plain R, and
#' serves as the reference that `numerical_gradient()` is tested against.
#'
#' `f` receives a double copy of `x` with all of `x`'s attributes, in which
#' one element at a time is moved by `h` and then restored exactly. The book
#' uses `h = 1e-4`: smaller steps lose digits to rounding, larger ones to the
#' curvature of `f`. The results are identical to the twin's when `f` is
#' deterministic, because both compute the same differences in the same
#' order.
#'
#' @section Differences from the R formula:
#' * `f` must return a single finite number for every point; anything else is
#'   an error naming the element of `x`, where `numerical_gradient_r()`
#'   stores whatever `f` returns.
#' * An error inside `f` stops the computation with an error that repeats
#'   R's message for it and names the element of `x`; an interrupt inside
#'   `f` stops it too.
#' * `h` must be a single positive finite number.
#' * An integer result of `f` is converted to double before the difference,
#'   so it never overflows.
#'
#' @param f A function that takes one argument shaped like `x` and returns a
#'   single finite number.
#' @param x The point: a double, integer or logical vector, matrix or array
#'   without a class attribute.
#' @param h The step: a single positive finite number.
#' @return A double vector with the length and all attributes of `x`: the
#'   partial derivative of `f` with respect to each element.
#' @family gradient functions
#' @export
#' @examples
#' # The gradient of sum(x^2) is 2 * x:
#' numerical_gradient(function(x) sum(x^2), c(3, 4))
#'
#' # The gradient of the softmax loss with respect to the scores:
#' x <- matrix(c(0.3, 2.9, 4.0, 1, 0, -1), nrow = 2, byrow = TRUE)
#' t <- c(3, 1)
#' numerical_gradient(function(x) softmax_loss(x, t), x)
numerical_gradient <- function(f, x, h = 1e-4) {
  result <- .Call(wrap__numerical_gradient_impl, f, x, h)
  if (is.list(result)) stop_rust_error(result)
  result
}
