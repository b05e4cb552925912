# The R twins are the reference for the Rust functions, so they must keep the
# book's formulas.

test_that("twins compute the book's formulas", {
  x <- c(-2, -0.5, 0, 0.5, 2)
  expect_identical(sigmoid_r(x), 1 / (1 + exp(-x)))
  expect_identical(relu_r(x), ifelse(x > 0, x, 0))
  expect_identical(softmax_r(x), exp(x - max(x)) / sum(exp(x - max(x))))
  expect_identical(cross_entropy_error_single_r(c(0.2, 0.8), c(0, 1)), -log(0.8 + 1e-7))
})

test_that("twins keep the document's expected numbers", {
  expect_equal(softmax_r(c(0.3, 2.9, 4.0)), c(0.01821127, 0.24519181, 0.73659691), tolerance = 1e-7)
  t <- c(0, 0, 1, 0, 0, 0, 0, 0, 0, 0)
  y <- c(0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0)
  expect_equal(cross_entropy_error_single_r(y, t), 0.510825457099338, tolerance = 1e-12)
})

test_that("twins return their R types", {
  expect_type(relu_r(1:3), "integer")
  expect_type(relu_r(NA), "logical")
  expect_warning(softmax_r(numeric(0)), "no non-missing arguments to max")
})
