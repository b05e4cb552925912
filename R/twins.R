# The plain R formulas behind the Rust functions. Each twin is documented on
# the help page of its Rust function, and the tests compare the two.

#' @rdname sigmoid
#' @export
sigmoid_r <- function(x) {
  1 / (1 + exp(-x))
}

#' @rdname relu
#' @export
relu_r <- function(x) {
  ifelse(x > 0, x, 0)
}

#' @rdname softmax
#' @export
softmax_r <- function(a) {
  exp_a <- exp(a - max(a))
  sum_exp_a <- sum(exp_a)
  exp_a / sum_exp_a
}

#' @rdname cross_entropy_error_single
#' @export
cross_entropy_error_single_r <- function(y, t) {
  -sum(t * log(y + 1e-7))
}
