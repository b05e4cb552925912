# twin_source() and compare_twins().

kernel_names <- dlscratch:::rust_kernels

test_that("twin_source() returns the twin and the compiled Rust kernel", {
  for (name in names(kernel_names)) {
    output <- capture.output(code <- twin_source(name, width = 200))
    twin <- get(paste0(name, "_r"))
    expect_type(code, "list")
    expect_named(code, c("r", "rust"))
    expect_true(grepl(paste(deparse(body(twin)), collapse = "\n"), code$r, fixed = TRUE), label = name)
    for (kernel in kernel_names[[name]]) {
      expect_match(code$rust, paste0("fn ", kernel, "[<(]"), label = paste(name, kernel))
    }
    expect_gt(length(output), 3)
  }
})

test_that("twin_source() prints side by side only when the console is wide", {
  wide <- capture.output(twin_source("sigmoid", width = 200))
  narrow <- capture.output(twin_source("sigmoid", width = 40))
  expect_true(all(grepl(" | ", wide, fixed = TRUE)))
  expect_false(any(grepl(" | ", narrow, fixed = TRUE)))
  expect_gt(length(narrow), length(wide))
})

test_that("twin_source() lists the valid names for an unknown one", {
  expect_error(twin_source("tanh"), "`name` contains unknown function \"tanh\". Valid names: \"identity_function\"", fixed = TRUE, class = "dlscratch_error")
  expect_error(twin_source(c("sigmoid", "relu")), "`name` must be a single function name, not 2 names.", fixed = TRUE)
})

test_that("compare_twins() reports every function identical", {
  result <- compare_twins(n = c(10, 1000))
  expect_s3_class(result, "twin_comparison")
  expect_named(result, c("fn", "n", "identical", "max_ulp", "rust_time", "twin_time", "speedup", "rust_mem", "twin_mem"))
  expect_identical(nrow(result), 2L * length(kernel_names))
  elementwise <- c("identity_function", "step_function", "sigmoid", "sigmoid_grad", "relu", "relu_grad", "numerical_gradient")
  expect_true(all(result$identical[result$fn %in% elementwise]))
  # The reductions match bit for bit where R sums in x87 extended precision,
  # and within the documented 4 ulp elsewhere.
  reductions <- result[!result$fn %in% elementwise, ]
  if (under_valgrind) {
    # Valgrind's x87 emulation changes the sums (see helper-twins.R).
    expect_true(all(is.finite(reductions$rust_time)))
  } else if (sums_match_r) {
    expect_true(all(reductions$identical))
  } else {
    expect_true(all(reductions$max_ulp <= 4))
  }
  expect_true(all(result$rust_time > 0 & result$twin_time > 0))
  expect_equal(result$speedup, result$twin_time / result$rust_time)
})

test_that("compare_twins() reports a wrong twin", {
  slightly_off <- function(x) sigmoid_r(x) * (1 + 2^-52)
  result <- dlscratch:::compare_twins_impl("sigmoid", n = 100, seed = 1, twins = list(sigmoid = slightly_off))
  expect_false(result$identical)
  expect_gte(result$max_ulp, 1)
  expect_true(is.finite(result$max_ulp))

  nan_instead_of_na <- function(x) ifelse(is.na(x), NaN, sigmoid_r(x))
  result <- dlscratch:::compare_twins_impl("sigmoid", n = 100, seed = 1, twins = list(sigmoid = nan_instead_of_na))
  expect_false(result$identical)
  expect_identical(result$max_ulp, Inf)
})

test_that("compare_twins() prints a readable table", {
  result <- compare_twins(c("sigmoid", "softmax"), n = 100)
  output <- capture.output(returned <- print(result))
  expect_identical(returned, result)
  expect_match(output[[1]], "Rust functions against their R twins (seed 1)", fixed = TRUE)
  expect_match(output[[3]], "function +n +identical +max ulp +Rust +R twin +speed-up")
  expect_length(output, 5)
})

test_that("compare_twins() checks its arguments", {
  expect_error(compare_twins("tanh"), "unknown function \"tanh\"", fixed = TRUE, class = "dlscratch_error")
  expect_error(compare_twins("relu", n = 0), "`n` must be whole numbers from 1 to 1e8.", fixed = TRUE)
  expect_error(compare_twins("relu", n = 2.5), "`n` must be whole numbers from 1 to 1e8.", fixed = TRUE)
})

test_that("the timing fallback without bench gives positive medians", {
  seconds <- dlscratch:::median_seconds(function() sum(1:100))
  expect_gt(seconds, 0)
  expect_lt(seconds, 0.01)
})

test_that("compare_twins() checks its seed and keeps the random stream", {
  for (seed in list(c(1, 2), NULL, NA, 1.5, "1")) {
    expect_error(compare_twins("relu", n = 10, seed = seed), "`seed` must be a single whole number.", fixed = TRUE, class = "dlscratch_error", label = deparse(seed))
  }
  set.seed(99)
  expected <- runif(1)
  set.seed(99)
  compare_twins("relu", n = 10)
  expect_identical(runif(1), expected)
})

test_that("a column subset of compare_twins() prints as a data frame", {
  result <- compare_twins("relu", n = 10)
  output <- capture.output(print(result[, c("fn", "n")]))
  expect_match(output[[1]], "fn +n")
  expect_match(output[[2]], "relu +10")
})

test_that("twin_source() checks its width", {
  for (width in list(NA, c(100, 10), "a", 0)) {
    expect_error(twin_source("relu", width = width), "`width` must be a single positive number of columns.", fixed = TRUE, label = deparse(width))
  }
})
