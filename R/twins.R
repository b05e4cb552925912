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
softmax_r <- function(a, margin = NULL) {
  if (is.null(margin)) {
    exp_a <- exp(a - max(a))
    sum_exp_a <- sum(exp_a)
    return(exp_a / sum_exp_a)
  }
  # apply() returns one column per row or column of `a`; put them back in
  # `a`'s shape, which also covers rows or columns of length one.
  by_margin <- apply(a, margin, softmax_r)
  out <- if (margin == 1) t(by_margin) else by_margin
  dim(out) <- dim(a)
  dimnames(out) <- dimnames(a)
  out
}

#' @rdname cross_entropy_error_single
#' @export
cross_entropy_error_single_r <- function(y, t) {
  -sum(t * log(y + 1e-7))
}

#' @rdname identity_function
#' @export
identity_function_r <- function(x) {
  x
}

#' @rdname step_function
#' @export
step_function_r <- function(x) {
  ifelse(x > 0, 1, 0)
}

#' @rdname sigmoid_grad
#' @export
sigmoid_grad_r <- function(x) {
  (1 - sigmoid_r(x)) * sigmoid_r(x)
}

#' @rdname relu_grad
#' @export
relu_grad_r <- function(x) {
  ifelse(x > 0, 1, 0)
}

#' @rdname sum_squared_error
#' @export
sum_squared_error_r <- function(y, t) {
  0.5 * sum((y - t)^2)
}

#' @rdname cross_entropy_error
#' @export
cross_entropy_error_r <- function(y, t) {
  if (is.null(dim(y))) {
    y <- matrix(y, nrow = 1)
  }
  batch_size <- nrow(y)
  if (length(t) == length(y)) {
    return(-sum(t * log(y + 1e-7)) / batch_size)
  }
  labels <- as.integer(t)
  -sum(log(y[cbind(seq_len(batch_size), labels)] + 1e-7)) / batch_size
}

#' @rdname softmax_loss
#' @export
softmax_loss_r <- function(x, t) {
  if (is.null(dim(x))) {
    x <- matrix(x, nrow = 1)
  }
  cross_entropy_error_r(softmax_r(x, margin = 1), t)
}

#' @rdname numerical_gradient
#' @export
numerical_gradient_r <- function(f, x, h = 1e-4) {
  grad <- x
  grad[] <- 0
  for (idx in seq_along(x)) {
    tmp_val <- x[idx]
    x[idx] <- tmp_val + h
    fxh1 <- f(x)
    x[idx] <- tmp_val - h
    fxh2 <- f(x)
    grad[idx] <- (fxh1 - fxh2) / (2 * h)
    x[idx] <- tmp_val
  }
  grad
}
