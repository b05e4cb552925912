# sigmoid_grad(), relu_grad() and numerical_gradient() against their twins,
# and gradient checks between them.

test_that("gradients at the kink and in saturation", {
  expect_identical(relu_grad(c(-1, 0, 1)), c(0, 0, 1))
  result <- sigmoid_grad(c(-1000, 0, 2, 1000))
  expect_false(any(is.nan(result)))
  # (1 - s) * s with s = 1 / (1 + exp(-2)), worked out by hand.
  expect_equal(result, c(0, 0.25, 0.1049935854, 0), tolerance = 1e-9)
})

test_that("gradients equal their twins bit for bit", {
  inputs <- list(special_doubles, c(-2:2, NA), c(TRUE, FALSE, NA), numeric(0))
  for (x in inputs) {
    expect_identical_bits(sigmoid_grad(x), sigmoid_grad_r(x), label = deparse(x))
    expect_identical_bits(
      relu_grad(x),
      as_double_keeping_attributes(relu_grad_r(x)),
      label = deparse(x)
    )
  }
  for (n in test_lengths) {
    x <- random_doubles(n, seed = n)
    expect_identical_bits(sigmoid_grad(x), sigmoid_grad_r(x), label = paste("n =", n))
    expect_identical_bits(relu_grad(x), relu_grad_r(x), label = paste("n =", n))
  }
})

test_that("gradients keep the attributes their twins keep", {
  for (case in names(attribute_cases)) {
    x <- attribute_cases[[case]]
    expect_identical_bits(sigmoid_grad(x), sigmoid_grad_r(x), label = case)
    expect_identical_bits(
      relu_grad(x),
      as_double_keeping_attributes(relu_grad_r(x)),
      label = case
    )
  }
})

test_that("numerical_gradient() of sum(x^2) is 2x", {
  gradient <- numerical_gradient(function(x) sum(x^2), c(3, 4))
  expect_equal(gradient, c(6, 8), tolerance = 1e-6)
  expect_identical_bits(gradient, numerical_gradient_r(function(x) sum(x^2), c(3, 4)))
})

test_that("numerical_gradient() equals its twin with shape and attributes", {
  f <- function(x) sum(sin(x) * seq_along(x))
  points <- list(
    c(a = 1, b = -2, c = 0.5),
    matrix(c(0.1, 0.2, -0.3, 4), 2, dimnames = list(c("r1", "r2"), NULL)),
    1:3,
    c(TRUE, FALSE)
  )
  for (x in points) {
    expect_identical_bits(numerical_gradient(f, x), numerical_gradient_r(f, x), label = deparse(x))
  }
  expect_identical(numerical_gradient(f, numeric(0)), numeric(0))
  expect_identical_bits(
    numerical_gradient(f, c(1, 2), h = 1e-3),
    numerical_gradient_r(f, c(1, 2), h = 1e-3)
  )
})

test_that("numerical_gradient() restores x and leaves it unchanged", {
  x <- c(0.1, 0.2, 0.3)
  original <- c(0.1, 0.2, 0.3)
  seen <- list()
  f <- function(p) {
    seen[[length(seen) + 1]] <<- p
    sum(p)
  }
  numerical_gradient(f, x)
  expect_identical(x, original)
  # Every point that f kept is still the point it was given: each moves one
  # element by h and leaves the others as they were.
  expect_length(seen, 6)
  for (i in seq_along(seen)) {
    element <- (i + 1) %/% 2
    step <- if (i %% 2 == 1) 1e-4 else -1e-4
    expected <- original
    expected[element] <- original[element] + step
    expect_identical(seen[[i]], expected, label = paste("call", i))
  }
})

test_that("sigmoid_grad() and relu_grad() agree with numerical_gradient()", {
  x <- c(-3, -0.5, 0.25, 2)
  expect_equal(numerical_gradient(function(x) sum(sigmoid(x)), x), sigmoid_grad(x), tolerance = 1e-8)
  # Away from the kink at 0, where relu has no derivative.
  expect_equal(numerical_gradient(function(x) sum(relu(x)), x), relu_grad(x), tolerance = 1e-8)
})

test_that("softmax_loss() has the gradient (softmax(x, 1) - t) / nrow(x)", {
  set.seed(4)
  x <- matrix(rnorm(12), nrow = 4)
  labels <- c(1, 3, 2, 3)
  one_hot <- diag(3)[labels, ]
  numeric <- numerical_gradient(function(x) softmax_loss(x, one_hot), x)
  # The 1e-7 inside the logarithm shifts the exact gradient by about 1e-7
  # relative to the probability of the true class, hence the tolerance.
  expect_equal(numeric, (softmax(x, margin = 1) - one_hot) / nrow(x), tolerance = 1e-5)
  expect_identical_bits(numerical_gradient(function(x) softmax_loss(x, labels), x), numeric)
})

test_that("numerical_gradient() rejects bad arguments", {
  expect_error(numerical_gradient(1, c(1, 2)), "`f` must be a function, not a double vector.", fixed = TRUE, class = "dlscratch_error")
  expect_error(numerical_gradient(sum, "a"), "`x` must be .*, not a character vector", class = "dlscratch_error")
  for (h in list(0, -1, Inf, NA, NaN, c(1e-4, 1e-3), "0.1", NULL)) {
    expect_error(numerical_gradient(sum, c(1, 2), h = h), "`h` must be a single positive finite number", class = "dlscratch_error", label = deparse(h))
  }
})

test_that("numerical_gradient() requires f to return one finite number", {
  returns <- list(
    "a double vector of length 2" = function(x) x,
    "NaN" = function(x) NaN,
    "Inf" = function(x) Inf,
    "NULL of length 0" = function(x) NULL,
    "a character vector of length 1" = function(x) "a"
  )
  for (given in names(returns)) {
    expect_error(
      numerical_gradient(returns[[given]], c(1, 2)),
      paste0("`f` must return a single finite number, but returned ", given, " at element 1 of `x`."),
      fixed = TRUE,
      class = "dlscratch_error"
    )
  }
  expect_identical(numerical_gradient(function(x) 1L, c(1, 2)), c(0, 0))
})

test_that("numerical_gradient() reports errors inside f", {
  fails_late <- function(x) if (x[2] > 2) stop("too large") else sum(x)
  expect_error(
    numerical_gradient(fails_late, c(1, 2)),
    "`f` failed at element 2 of `x`: Error in .*: too large$",
    class = "dlscratch_error"
  )
  # A jump to a restart leaves no error message, so none is repeated.
  try(stop("an older error"), silent = TRUE)
  expect_error(
    numerical_gradient(function(x) invokeRestart("abort"), c(1, 2)),
    "`f` was interrupted at element 1 of `x`.",
    fixed = TRUE,
    class = "dlscratch_error"
  )
  # The session goes on normally afterwards.
  expect_equal(numerical_gradient(function(x) sum(x), c(1, 2)), c(1, 1), tolerance = 1e-10)
})
