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

test_that("sum_squared_error() equals its twin", {
  expect_equal(sum_squared_error(confident, one_hot), 0.0975, tolerance = 1e-12)
  expect_identical_bits(sum_squared_error(confident, one_hot), sum_squared_error_r(confident, one_hot))
  expect_identical_bits(sum_squared_error(mistaken, one_hot), sum_squared_error_r(mistaken, one_hot))
  expect_identical_bits(sum_squared_error(numeric(0), numeric(0)), sum_squared_error_r(numeric(0), numeric(0)))
  expect_identical_bits(sum_squared_error(1:3, c(TRUE, FALSE, NA)), sum_squared_error_r(1:3, c(TRUE, FALSE, NA)))
  for (value in special_doubles) {
    y <- c(value, 0.5)
    t <- c(0.25, value)
    expect_reduction_equal(sum_squared_error(y, t), sum_squared_error_r(y, t), label = format(value))
  }
  for (n in test_lengths) {
    set.seed(n)
    y <- runif(n)
    t <- runif(n)
    expect_reduction_equal(sum_squared_error(y, t), sum_squared_error_r(y, t), label = paste("n =", n))
  }
})

test_that("sum_squared_error() requires equal lengths", {
  expect_error(sum_squared_error(c(1, 2), 1), "`t` must have the same length as `y` (2), not 1.", fixed = TRUE, class = "dlscratch_error")
  expect_error(sum_squared_error("a", 1), "`y` must be .*, not a character vector", class = "dlscratch_error")
})

# The book's batch example: three samples of three classes, true classes 3, 1
# and 2, as one-hot rows and as labels.
batch_y <- matrix(c(0.1, 0.2, 0.7, 0.7, 0.2, 0.1, 0.2, 0.5, 0.3), 3, byrow = TRUE)
batch_labels <- c(3, 1, 2)
batch_one_hot <- diag(3)[batch_labels, ]

test_that("cross_entropy_error() gives the same loss for one-hot and labels", {
  dense <- cross_entropy_error(batch_y, batch_one_hot)
  # -(log(0.7 + 1e-7) * 2 + log(0.5 + 1e-7)) / 3, worked out by hand.
  expect_equal(dense, 0.468832, tolerance = 1e-6)
  expect_identical_bits(dense, cross_entropy_error_r(batch_y, batch_one_hot))
  expect_identical_bits(cross_entropy_error(batch_y, batch_labels), cross_entropy_error_r(batch_y, batch_labels))
  expect_identical_bits(cross_entropy_error(batch_y, as.integer(batch_labels)), dense)
  expect_identical_bits(cross_entropy_error(batch_y, factor(c("c", "a", "b"))), dense)
  expect_equal(cross_entropy_error(batch_y, batch_labels), dense, tolerance = 1e-15)
})

test_that("cross_entropy_error() of a vector equals the single form", {
  expect_identical_bits(cross_entropy_error(confident, one_hot), cross_entropy_error_single(confident, one_hot))
  expect_identical_bits(cross_entropy_error(mistaken, one_hot), cross_entropy_error_single(mistaken, one_hot))
  expect_identical_bits(cross_entropy_error(confident, 3), cross_entropy_error_single(confident, one_hot))
  expect_identical_bits(cross_entropy_error(confident, 3), cross_entropy_error_r(confident, 3))
})

test_that("cross_entropy_error() equals its twin on random batches", {
  for (rows in c(1, 7, 1000, 1e5)) {
    set.seed(rows)
    y <- softmax(matrix(rnorm(rows * 10), ncol = 10), margin = 1)
    labels <- sample.int(10, rows, replace = TRUE)
    soft <- softmax(matrix(rnorm(rows * 10), ncol = 10), margin = 1)
    label <- paste("rows =", rows)
    expect_identical_bits(cross_entropy_error(y, labels), cross_entropy_error_r(y, labels), label = label)
    expect_identical_bits(cross_entropy_error(y, diag(10)[labels, , drop = FALSE]), cross_entropy_error_r(y, diag(10)[labels, , drop = FALSE]), label = label)
    expect_reduction_equal(cross_entropy_error(y, soft), cross_entropy_error_r(y, soft), label = label)
  }
})

test_that("cross_entropy_error() handles missing labels and special values", {
  expect_identical(cross_entropy_error(batch_y, c(3, NA, 2)), NA_real_)
  expect_identical(cross_entropy_error(batch_y, c(3L, NA, 2L)), cross_entropy_error_r(batch_y, c(3L, NA, 2L)))
  y <- batch_y
  y[2, 1] <- NaN
  expect_reduction_equal(cross_entropy_error(y, batch_labels), cross_entropy_error_r(y, batch_labels))
  expect_reduction_equal(cross_entropy_error(y, batch_one_hot), cross_entropy_error_r(y, batch_one_hot))
})

test_that("cross_entropy_error() checks shapes and labels", {
  cases <- list(
    list(t = c(0, 1, 2), message = "`t` must hold labels from 1 to ncol(y) = 3, but element 1 is 0."),
    list(t = c(1, 4, 2), message = "`t` must hold labels from 1 to ncol(y) = 3, but element 2 is 4."),
    list(t = c(1, 2), message = "`t` must have one label per row of `y` (3), not 2."),
    list(t = c(1, 2.5, 3), message = "`t` must hold whole-number labels, but element 2 is 2.5."),
    list(t = factor(c("a", "b", "a")), message = "`t` is a factor with 2 levels, but `y` has 3 columns"),
    list(t = matrix(0, 2, 3), message = "`t` must have the same shape as `y` (a 3 x 3 matrix) or be one class label per row, not a 2 x 3 matrix."),
    list(t = c(TRUE, FALSE, TRUE), message = "`t` must be numeric class labels or targets, not a logical vector."),
    list(t = "a", message = "`t` must be .*, not a character vector")
  )
  for (case in cases) {
    expect_error(cross_entropy_error(batch_y, case$t), case$message, fixed = !grepl(".*", case$message, fixed = TRUE), class = "dlscratch_error", label = deparse(case$t))
  }
  expect_error(cross_entropy_error(array(0.5, c(2, 2, 2)), 1), "`y` must be a vector or a matrix, not an array with 3 dimensions.", fixed = TRUE)
})

test_that("softmax_loss() equals the loss of the row-wise softmax", {
  set.seed(9)
  for (rows in c(1, 3, 500, 1e4)) {
    x <- matrix(rnorm(rows * 10, sd = 3), ncol = 10)
    labels <- sample.int(10, rows, replace = TRUE)
    one_hot <- diag(10)[labels, , drop = FALSE]
    label <- paste("rows =", rows)
    expect_identical_bits(softmax_loss(x, labels), softmax_loss_r(x, labels), label = label)
    expect_identical_bits(softmax_loss(x, one_hot), softmax_loss_r(x, one_hot), label = label)
    expect_identical_bits(softmax_loss(x, labels), cross_entropy_error(softmax(x, margin = 1), labels), label = label)
  }
  scores <- c(0.3, 2.9, 4.0)
  expect_identical_bits(softmax_loss(scores, c(0, 0, 1)), cross_entropy_error_single(softmax(scores), c(0, 0, 1)))
  expect_identical_bits(softmax_loss(scores, 3), softmax_loss_r(scores, 3))
})

test_that("softmax_loss() handles rows with NA or Inf like its twin", {
  x <- rbind(c(1, 2, 3), c(1, NA, 3), c(1, Inf, 3))
  for (t in list(c(1, 2, 3), diag(3))) {
    expect_reduction_equal(softmax_loss(x, t), softmax_loss_r(x, t), label = deparse(t))
  }
})

test_that("softmax_loss() checks its arguments", {
  expect_error(softmax_loss(diag(3), c(1, 2)), "`t` must have one label per row of `x` (3), not 2.", fixed = TRUE, class = "dlscratch_error")
  expect_error(softmax_loss(list(1), 1), "`x` must be .*, not a list", class = "dlscratch_error")
})

test_that("losses reject targets of another dim", {
  y <- matrix(1:6 / 10, 2)
  t <- matrix(c(0, 1, 0, 0, 1, 0), 3)
  expect_error(sum_squared_error(y, t), "`t` must have the same dim as `y` (2 x 3), not 3 x 2.", fixed = TRUE, class = "dlscratch_error")
  expect_error(cross_entropy_error_single(y, t), "`t` must have the same dim as `y` (2 x 3), not 3 x 2.", fixed = TRUE, class = "dlscratch_error")
  expect_identical(sum_squared_error(y, as.vector(t)), sum_squared_error_r(y, as.vector(t)))
})

test_that("cross_entropy_error() reads labels in every documented form", {
  expected <- cross_entropy_error(batch_y, batch_labels)
  expect_identical(cross_entropy_error(batch_y, matrix(batch_labels, ncol = 1)), expected)
  expect_identical(cross_entropy_error(batch_y, matrix(batch_labels, nrow = 1)), expected)
  expect_identical(cross_entropy_error(batch_y, array(batch_labels, 3)), expected)
  expect_identical(cross_entropy_error(batch_y, matrix(batch_labels, ncol = 1)), cross_entropy_error_r(batch_y, matrix(batch_labels, ncol = 1)))
  expect_error(cross_entropy_error(batch_y, c(3, 1e10, 2)), "`t` must hold labels from 1 to ncol(y) = 3, but element 2 is 10000000000.", fixed = TRUE)
  expect_error(cross_entropy_error(confident, 11), "`t` must hold labels from 1 to length(y) = 10, but element 1 is 11.", fixed = TRUE)
  expect_error(cross_entropy_error(batch_y, array(1, c(3, 1, 2))), "`t` must have the same shape as `y` (a 3 x 3 matrix) or be one class label per row, not an array of dim 3 x 1 x 2.", fixed = TRUE)
})

test_that("factor labels stand for the columns by position", {
  y <- matrix(c(0.7, 0.2, 0.1, 0.1, 0.2, 0.7), 2, byrow = TRUE, dimnames = list(NULL, c("cat", "dog", "bird")))
  # Levels sort alphabetically: "bird" is level 1, so it stands for column 1
  # ("cat"), and "dog" is level 3, so it stands for column 3 ("bird").
  labels <- factor(c("bird", "dog"), levels = c("bird", "cat", "dog"))
  expect_identical(cross_entropy_error(y, labels), cross_entropy_error(y, c(1, 3)))
})
