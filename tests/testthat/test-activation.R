# sigmoid(), relu() and softmax() against their R twins.

# The book's input for the activation plots: -5.0, -4.9, ..., 4.9.
book_x <- seq(-5, 4.9, by = 0.1)

test_that("sigmoid() equals its twin on the book's input", {
  expect_identical(sigmoid(book_x), sigmoid_r(book_x))
  expect_length(sigmoid(book_x), 100)
})

test_that("sigmoid() gives known values", {
  # e / (1 + e) and 1 / (1 + e), worked out independently of the formula.
  expect_equal(sigmoid(c(-1, 0, 1)), c(0.2689414213699951, 0.5, 0.7310585786300049))
})

test_that("sigmoid() equals its twin bit for bit on special values", {
  expect_identical_bits(
    sigmoid(special_doubles),
    sigmoid_r(special_doubles)
  )
})

test_that("sigmoid() saturates without warnings", {
  x <- c(-1000, -710, 0, 36, 710, 1000, -Inf, Inf)
  expect_silent(result <- sigmoid(x))
  expect_identical_bits(result, sigmoid_r(x))
  expect_true(all(result >= 0 & result <= 1))
  expect_identical_bits(sigmoid(-709), sigmoid_r(-709))
  expect_gt(sigmoid(-709), 0)
})

test_that("sigmoid() keeps NA and NaN apart", {
  result <- sigmoid(c(NA, NaN, 0))
  expect_identical(result, c(NA, NaN, 0.5))
  expect_identical(is.nan(result), c(FALSE, TRUE, FALSE))
})

test_that("relu() equals its twin on the book's input", {
  expect_identical(relu(book_x), relu_r(book_x))
  expect_identical(relu(c(-2, -0.5, 0, 0.5, 2)), c(0, 0, 0, 0.5, 2))
})

test_that("relu() equals its twin bit for bit on special values", {
  expect_identical_bits(
    relu(special_doubles),
    relu_r(special_doubles)
  )
})

test_that("relu() maps NaN to NA like ifelse()", {
  expect_identical(relu(c(NaN, NA, 1)), c(NA_real_, NA_real_, 1))
  expect_false(is.nan(relu(NaN)))
  # A single NaN takes ifelse()'s shortcut and gives a logical NA.
  expect_identical(relu(NaN), as_double_keeping_attributes(relu_r(NaN)))
})

test_that("relu() turns -0 into +0 like ifelse()", {
  expect_identical_bits(relu(-0), 0)
  expect_identical_bits(relu(c(-0, 1)), relu_r(c(-0, 1)))
})

test_that("softmax() matches its twin on the book's example", {
  a <- c(0.3, 2.9, 4.0)
  result <- softmax(a)
  expect_identical_bits(result, softmax_r(a))
  # Values printed by NumPy for the book's example.
  expect_equal(result, c(0.01821127, 0.24519181, 0.73659691), tolerance = 1e-7)
  expect_equal(sum(result), 1)
})

test_that("softmax() does not overflow", {
  expect_identical(softmax(c(1000, 1000)), c(0.5, 0.5))

  dominant <- softmax(c(800, 1, 1))
  expect_equal(dominant, c(1, 0, 0), tolerance = 1e-12)
  expect_equal(sum(dominant), 1, tolerance = 1e-12)
  expect_reduction_equal(dominant, softmax_r(c(800, 1, 1)))

  shifted <- softmax(c(1000, 1001, 1002))
  expect_identical(shifted, softmax(c(0, 1, 2)))
  expect_equal(shifted, c(0.09003057, 0.24472847, 0.66524096), tolerance = 1e-7)
})

test_that("softmax() spreads NA and NaN like its twin", {
  cases <- list(
    c(1, NaN, 3),
    c(1, NA, 3),
    c(NA, NaN, 1),
    c(NaN, NA, 1),
    c(NaN, 1, NA, NaN),
    c(1, Inf, 3),
    c(Inf, -Inf),
    c(-Inf, -Inf),
    c(Inf, Inf),
    c(-Inf, 0)
  )
  for (a in cases) {
    label <- deparse(a)
    expect_reduction_equal(softmax(a), softmax_r(a), label = label)
  }
  expect_true(all(is.nan(softmax(c(1, NaN, 3)))))
  expect_true(all(is.na(softmax(c(1, NA, 3)))))
  expect_false(any(is.nan(softmax(c(1, NA, 3)))))
})

test_that("softmax() matches its twin on special values", {
  for (value in special_doubles) {
    a <- c(value, 0, 1)
    expect_reduction_equal(softmax(a), softmax_r(a), label = deparse(a))
  }
  expect_reduction_equal(softmax(special_doubles), softmax_r(special_doubles))
})

test_that("activations keep attributes like their twins", {
  m <- matrix(c(-1, 2, -3, 4), 2)
  named <- c(a = -1, b = 2)
  expect_identical(relu(m), relu_r(m))
  expect_identical(relu(named), relu_r(named))
  expect_identical(sigmoid(matrix(c(-1, 0, 1, 2), 2)), sigmoid_r(matrix(c(-1, 0, 1, 2), 2)))
  expect_identical_bits(softmax(c(a = 1, b = 2)), softmax_r(c(a = 1, b = 2)))
  expect_identical(dim(relu(m)), c(2L, 2L))
  expect_named(relu(named), c("a", "b"))
})

test_that("sigmoid() and softmax() keep every attribute", {
  x <- array(
    c(-2, -1, 0, 1, 2, 3),
    dim = c(1, 2, 3),
    dimnames = list("r", c("a", "b"), c("x", "y", "z"))
  )
  attr(x, "units") <- "logits"
  expect_identical(sigmoid(x), sigmoid_r(x))
  expect_identical(attr(sigmoid(x), "units"), "logits")
  # The twin's arithmetic puts the attributes in another order.
  by_name <- function(attributes) attributes[order(names(attributes))]
  expect_identical(by_name(attributes(softmax(x))), by_name(attributes(softmax_r(x))))
})

test_that("activations keep the attributes their twins keep", {
  for (case in names(attribute_cases)) {
    x <- attribute_cases[[case]]
    expect_identical_bits(sigmoid(x), sigmoid_r(x), label = paste("sigmoid:", case))
    expect_identical_bits(
      relu(x),
      as_double_keeping_attributes(relu_r(x)),
      label = paste("relu:", case)
    )
    expect_identical_bits(
      softmax(x),
      suppressWarnings(softmax_r(x)),
      label = paste("softmax:", case)
    )
  }
})

test_that("relu() keeps only names, dim and dimnames", {
  x <- matrix(c(-1, 2, -3, 4), 2, dimnames = list(c("r1", "r2"), c("c1", "c2")))
  attr(x, "units") <- "logits"
  expect_identical(relu(x), relu_r(x))
  expect_null(attr(relu(x), "units"))
  expect_identical(dimnames(relu(x)), dimnames(x))
})

test_that("activations read integers and logicals as doubles", {
  expect_identical(sigmoid(1:3), sigmoid_r(1:3))
  expect_identical(relu(-2:2), c(0, 0, 0, 1, 2))
  expect_identical(relu(-2:2), as_double_keeping_attributes(relu_r(-2:2)))
  expect_identical(softmax(1:3), softmax_r(1:3))

  integers <- c(-3L, NA, 0L, .Machine$integer.max, -.Machine$integer.max)
  expect_identical(sigmoid(integers), sigmoid_r(integers))
  expect_identical(relu(integers), as_double_keeping_attributes(relu_r(integers)))

  logicals <- c(TRUE, FALSE, NA)
  expect_identical(sigmoid(logicals), sigmoid_r(logicals))
  expect_identical(relu(logicals), as_double_keeping_attributes(relu_r(logicals)))
  expect_identical(softmax(c(TRUE, FALSE)), softmax_r(c(TRUE, FALSE)))
  expect_type(relu(1:3), "double")
})

test_that("softmax() converts integers before subtracting the maximum", {
  a <- c(-.Machine$integer.max, .Machine$integer.max)
  expect_identical(softmax(a), softmax(as.double(a)))
  expect_identical(softmax(a), c(0, 1))
})

test_that("activations return empty doubles for empty input", {
  for (empty in list(numeric(0), integer(0), logical(0))) {
    expect_identical(sigmoid(empty), numeric(0))
    expect_identical(relu(empty), numeric(0))
    expect_silent(expect_identical(softmax(empty), numeric(0)))
  }
  empty_matrix <- matrix(numeric(0), nrow = 0, ncol = 3)
  expect_identical(dim(sigmoid(empty_matrix)), c(0L, 3L))
  expect_identical(dim(relu(empty_matrix)), c(0L, 3L))
  expect_identical(dim(softmax(empty_matrix)), c(0L, 3L))
})

test_that("activations read ALTREP sequences and leave them unchanged", {
  x <- as.numeric(1:5)
  expect_identical(sigmoid(x), sigmoid_r(c(1, 2, 3, 4, 5)))
  expect_identical(x, c(1, 2, 3, 4, 5))
  expect_identical(relu(as.numeric(-2:2)), relu_r(c(-2, -1, 0, 1, 2)))
  expect_identical(softmax(as.numeric(1:3)), softmax_r(c(1, 2, 3)))

  long <- 1:1e6
  expect_identical(sigmoid(long), sigmoid_r(long))
  expect_identical(relu(-long), as_double_keeping_attributes(relu_r(-long)))
})

test_that("activations leave their input unchanged", {
  x <- c(-1, 0, NA, 2)
  original <- c(-1, 0, NA, 2)
  sigmoid(x)
  relu(x)
  softmax(x)
  expect_identical(x, original)
})

test_that("sigmoid() and relu() equal their twins on random input", {
  for (n in test_lengths) {
    x <- random_doubles(n, seed = n)
    label <- paste("n =", n)
    expect_identical_bits(sigmoid(x), sigmoid_r(x), label = label)
    expect_identical_bits(relu(x), relu_r(x), label = label)
  }
})

test_that("softmax() matches its twin on random input", {
  for (n in test_lengths) {
    a <- random_doubles(n, seed = n, specials = FALSE)
    label <- paste("n =", n)
    result <- softmax(a)
    expect_reduction_equal(result, softmax_r(a), label = label)
    expect_equal(sum(result), 1, tolerance = 1e-12, label = label)
  }
})

test_that("activations reject non-numeric input", {
  for (given in names(bad_inputs)) {
    x <- bad_inputs[[given]]
    expect_error(sigmoid(x), paste0("`x` must be .*, not ", given), class = "dlscratch_error")
    expect_error(relu(x), paste0("`x` must be .*, not ", given), class = "dlscratch_error")
    expect_error(softmax(x), paste0("`a` must be .*, not ", given), class = "dlscratch_error")
  }
})

test_that("activation errors show the user's call", {
  error <- tryCatch(sigmoid("a"), error = identity)
  expect_identical(error$call, quote(sigmoid("a")))
})

test_that("identity_function() returns x as double with its attributes", {
  for (case in names(attribute_cases)) {
    x <- attribute_cases[[case]]
    expect_identical_bits(identity_function(x), as_double_keeping_attributes(identity_function_r(x)), label = case)
  }
  expect_identical_bits(identity_function(special_doubles), special_doubles)
  expect_identical(identity_function(c(1L, NA, -3L)), c(1, NA, -3))
  expect_identical(identity_function(c(TRUE, NA)), c(1, NA))
})

test_that("step_function() follows ifelse(x > 0, 1, 0)", {
  expect_identical(step_function(c(-1, 0, 1, NaN)), c(0, 0, 1, NA))
  expect_identical_bits(step_function(special_doubles), step_function_r(special_doubles))
  expect_identical(step_function(NaN), NA_real_)
  for (case in names(attribute_cases)) {
    x <- attribute_cases[[case]]
    expect_identical_bits(step_function(x), as_double_keeping_attributes(step_function_r(x)), label = case)
  }
  for (n in test_lengths) {
    x <- random_doubles(n, seed = n)
    expect_identical_bits(step_function(x), step_function_r(x), label = paste("n =", n))
  }
})

test_that("softmax() by rows follows the book's batch orientation", {
  m <- matrix(c(1, 2, 3, 1, 1, 1), 2, byrow = TRUE)
  result <- softmax(m, margin = 1)
  expect_identical(dim(result), c(2L, 3L))
  expect_equal(result[1, ], c(0.09003057, 0.24472847, 0.66524096), tolerance = 1e-7)
  expect_equal(result[2, ], rep(1 / 3, 3))
  expect_identical_bits(result, softmax_r(m, margin = 1))
  expect_identical(softmax(matrix(c(1, 2, 3), ncol = 1), margin = 1), matrix(1, 3, 1))
})

test_that("softmax() by rows or columns equals its twin", {
  matrices <- list(
    matrix(c(0.3, 2.9, 4.0, 1, NA, 3, Inf, 1, 2, -Inf, 0, 1000), 4, byrow = TRUE),
    matrix(1:6, 2, dimnames = list(c("a", "b"), c("x", "y", "z"))),
    matrix(c(TRUE, FALSE, NA, TRUE), 2),
    matrix(c(1, 2, 3), nrow = 1)
  )
  for (m in matrices) {
    for (margin in 1:2) {
      label <- paste(deparse(m), "margin", margin)
      expect_identical_bits(softmax(m, margin), softmax_r(m, margin), label = label)
    }
  }
  for (n in c(1, 10, 1000, 1e5)) {
    set.seed(n)
    m <- matrix(rnorm(n * 10, sd = 5), ncol = 10)
    expect_identical_bits(softmax(m, margin = 1), softmax_r(m, margin = 1), label = paste("rows", n))
    expect_identical_bits(softmax(m, margin = 2), softmax_r(m, margin = 2), label = paste("rows", n))
  }
})

test_that("softmax() of a row with NA or Inf affects only that row", {
  m <- rbind(c(1, 2, 3), c(1, NA, 3), c(1, Inf, 3), c(4, 5, 6))
  result <- softmax(m, margin = 1)
  expect_identical(result[1, ], softmax(c(1, 2, 3)))
  expect_true(all(is.na(result[2, ])))
  expect_true(all(is.nan(result[3, ])) || anyNA(result[3, ]))
  expect_identical(result[4, ], softmax(c(4, 5, 6)))
})

test_that("softmax() keeps only dim and dimnames with a margin", {
  m <- structure(matrix(1:4, 2, dimnames = list(c("a", "b"), NULL)), units = "logits")
  result <- softmax(m, margin = 2)
  expect_identical(names(attributes(result)), c("dim", "dimnames"))
  expect_identical(dimnames(result), dimnames(m))
  expect_identical(softmax(matrix(numeric(0), 0, 3), margin = 1), matrix(numeric(0), 0, 3))
  expect_identical(softmax(matrix(numeric(0), 3, 0), margin = 2), matrix(numeric(0), 3, 0))
})

test_that("softmax() checks margin and shape", {
  expect_error(softmax(1:3, margin = 1), "`a` must be a matrix when `margin` is 1, not an integer vector of length 3.", fixed = TRUE, class = "dlscratch_error")
  expect_error(softmax(array(1:8, c(2, 2, 2)), margin = 1), "`a` must be a vector or a matrix, not an array with 3 dimensions.", fixed = TRUE, class = "dlscratch_error")
  for (margin in list(0, 3, 1.5, NA, c(1, 2), "1", TRUE)) {
    expect_error(softmax(diag(2), margin = margin), "`margin` must be NULL, 1 (rows) or 2 (columns)", fixed = TRUE, class = "dlscratch_error", label = deparse(margin))
  }
  expect_identical(softmax(diag(2), margin = 2L), softmax(diag(2), margin = 2))
})

test_that("sigmoid() of logical input keeps what unary minus keeps", {
  # R's -x turns a logical vector into a new integer vector with only its
  # names, dim and dimnames.
  x <- structure(c(TRUE, FALSE, NA), names = c("a", "b", "c"), units = "logits")
  expect_identical_bits(sigmoid(x), sigmoid_r(x))
  expect_identical_bits(sigmoid_grad(x), sigmoid_grad_r(x))
  expect_null(attr(sigmoid(x), "units"))
  m <- structure(matrix(c(TRUE, FALSE, TRUE, NA), 2), names = letters[1:4], units = "logits")
  expect_identical_bits(sigmoid(m), sigmoid_r(m))
})
