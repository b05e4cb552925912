# stop_on_rust_error() raises the errors that the Rust entry points return.

test_that("stop_on_rust_error() passes ordinary values through", {
  expect_identical(stop_on_rust_error(1:3), 1:3)
  expect_null(stop_on_rust_error(NULL))
})

test_that("stop_on_rust_error() raises a classed error with the caller's call", {
  condition <- structure(
    list(message = "extendr_err", value = "`x` must be numeric."),
    class = c("extendr_error", "error", "condition")
  )
  caller <- function(x) stop_on_rust_error(condition)
  error <- tryCatch(caller(1), error = identity)
  expect_s3_class(error, "dlscratch_error")
  expect_identical(conditionMessage(error), "`x` must be numeric.")
  expect_identical(conditionCall(error), quote(caller(1)))
})

test_that("error messages read well", {
  expect_snapshot(error = TRUE, {
    sigmoid("a")
    relu(factor("a"))
    softmax(data.frame(a = 1))
    sigmoid(NULL)
    cross_entropy_error_single(c(0.5, 0.5), 1:3)
    cross_entropy_error_single(list(0.5), 1)
  })
})
