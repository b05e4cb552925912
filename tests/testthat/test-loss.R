# cross_entropy_error_single() against its R twin.

# The book's example: ten classes, the third one true.
one_hot <- c(0, 0, 1, 0, 0, 0, 0, 0, 0, 0)
confident <- c(0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0)
mistaken <- c(0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0)

test_that("cross_entropy_error_single() matches the book's examples", {
  expect_identical_bits(
    cross_entropy_error_single(confident, one_hot),
    cross_entropy_error_single_r(confident, one_hot)
  )
  expect_identical_bits(
    cross_entropy_error_single(mistaken, one_hot),
    cross_entropy_error_single_r(mistaken, one_hot)
  )
  # The book prints 0.510825457099338 and 2.302584092994546.
  expect_identical(format(cross_entropy_error_single(confident, one_hot), digits = 5), "0.51083")
  expect_identical(round(cross_entropy_error_single(confident, one_hot), 4), 0.5108)
  expect_identical(round(cross_entropy_error_single(mistaken, one_hot), 4), 2.3026)
})

test_that("cross_entropy_error_single() handles a zero probability", {
  # -log(1e-7): the largest term that a one-hot target can give.
  expect_equal(cross_entropy_error_single(c(0, 1, 0), c(1, 0, 0)), 16.11809565, tolerance = 1e-9)
  expect_identical(
    cross_entropy_error_single(c(0, 1, 0), c(1, 0, 0)),
    cross_entropy_error_single_r(c(0, 1, 0), c(1, 0, 0))
  )

  # -log(1 + 1e-7) is slightly negative: the formula, not a bug.
  certain <- cross_entropy_error_single(c(0, 1, 0), c(0, 1, 0))
  expect_equal(certain, -9.9999995e-08, tolerance = 1e-9)
  expect_lt(certain, 0)
  expect_identical(certain, cross_entropy_error_single_r(c(0, 1, 0), c(0, 1, 0)))
})

test_that("cross_entropy_error_single() reads integer and logical targets", {
  y <- c(0.2, 0.7, 0.1)
  expect_equal(cross_entropy_error_single(y, c(0L, 1L, 0L)), 0.3566748, tolerance = 1e-7)
  expect_identical(
    cross_entropy_error_single(y, c(0L, 1L, 0L)),
    cross_entropy_error_single_r(y, c(0L, 1L, 0L))
  )
  expect_identical(
    cross_entropy_error_single(y, c(FALSE, TRUE, FALSE)),
    cross_entropy_error_single_r(y, c(FALSE, TRUE, FALSE))
  )
  expect_identical(
    cross_entropy_error_single(c(0L, 1L, 0L), c(0L, 1L, 0L)),
    cross_entropy_error_single_r(c(0L, 1L, 0L), c(0L, 1L, 0L))
  )
})

test_that("cross_entropy_error_single() returns a plain double", {
  y <- matrix(c(0.2, 0.7, 0.1, 0.0), 2, dimnames = list(c("a", "b"), NULL))
  t <- matrix(c(0, 1, 0, 0), 2)
  result <- cross_entropy_error_single(y, t)
  expect_type(result, "double")
  expect_length(result, 1)
  expect_null(attributes(result))
  expect_identical(result, cross_entropy_error_single_r(y, t))
})

test_that("cross_entropy_error_single() of empty input is -0", {
  expect_identical_bits(cross_entropy_error_single(numeric(0), numeric(0)), -0)
  expect_identical_bits(
    cross_entropy_error_single(numeric(0), integer(0)),
    cross_entropy_error_single_r(numeric(0), integer(0))
  )
})

test_that("cross_entropy_error_single() matches its twin on special values", {
  # Every pair of one special prediction and one special target, next to an
  # ordinary term.
  for (y_value in special_doubles) {
    for (t_value in special_doubles) {
      y <- c(y_value, 0.5)
      t <- c(t_value, 1)
      twin <- suppressWarnings(cross_entropy_error_single_r(y, t))
      label <- sprintf("y = %s, t = %s", y_value, t_value)
      expect_reduction_equal(cross_entropy_error_single(y, t), twin, label = label)
    }
  }
})

test_that("cross_entropy_error_single() matches its twin on random input", {
  for (n in test_lengths) {
    set.seed(n)
    y <- softmax_r(rnorm(n))
    soft_target <- runif(n)
    label <- paste("n =", n)
    expect_reduction_equal(
      cross_entropy_error_single(y, soft_target),
      cross_entropy_error_single_r(y, soft_target),
      label = label
    )

    # One-hot targets have a single nonzero term, so no sum can differ.
    hot <- numeric(n)
    hot[sample.int(n, 1)] <- 1
    expect_identical_bits(
      cross_entropy_error_single(y, hot),
      cross_entropy_error_single_r(y, hot),
      label = label
    )
  }
})

test_that("cross_entropy_error_single() requires equal lengths", {
  expect_error(
    cross_entropy_error_single(c(0.5, 0.5, 0), c(1, 0)),
    "`t` must have the same length as `y` (3), not 2.",
    fixed = TRUE,
    class = "dlscratch_error"
  )
  expect_error(
    cross_entropy_error_single(numeric(0), 1),
    "`t` must have the same length as `y` (0), not 1.",
    fixed = TRUE
  )
  # The twin recycles silently where the lengths divide.
  expect_silent(cross_entropy_error_single_r(c(0.5, 0.5, 0.5, 0.5), c(1, 0)))
})

test_that("cross_entropy_error_single() rejects non-numeric input", {
  for (given in names(bad_inputs)) {
    bad <- bad_inputs[[given]]
    expect_error(
      cross_entropy_error_single(bad, c(1, 0)),
      paste0("`y` must be .*, not ", given),
      class = "dlscratch_error"
    )
    expect_error(
      cross_entropy_error_single(c(0.5, 0.5), bad),
      paste0("`t` must be .*, not ", given),
      class = "dlscratch_error"
    )
  }
})
