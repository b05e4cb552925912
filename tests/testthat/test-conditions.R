# stop_rust_error() raises the errors that the Rust entry points return.

test_that("stop_rust_error() raises a classed error with the caller's call", {
  condition <- structure(
    list(message = "extendr_err", value = "`x` must be numeric."),
    class = c("extendr_error", "error", "condition")
  )
  caller <- function(x) stop_rust_error(condition)
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
    sigmoid(structure(1, class = c("matrix", "array")))
    relu(asS4(c(-1, 1)))
    softmax()
  })
})

test_that("error messages show class names in UTF-8", {
  latin1 <- iconv("caf\u00e9", "UTF-8", "latin1")
  expect_identical(Encoding(latin1), "latin1")
  expect_error(
    sigmoid(structure(1, class = latin1)),
    "not an object of class <caf\u00e9>",
    fixed = TRUE,
    class = "dlscratch_error"
  )
  bytes <- "caf\xe9"
  Encoding(bytes) <- "bytes"
  expect_error(sigmoid(structure(1, class = bytes)), "not an object of class <caf", class = "dlscratch_error")
})

test_that("a missing argument's error names the exported function", {
  for (call in list(quote(sigmoid()), quote(relu()), quote(softmax()), quote(cross_entropy_error_single(0.5)))) {
    error <- tryCatch(eval(call), error = identity)
    expect_match(conditionMessage(error), "is missing, with no default", label = deparse(call))
    expect_identical(conditionCall(error)[[1]], call[[1]], label = deparse(call))
  }
})

test_that("a Rust panic becomes an R error and the session goes on", {
  # extendr-api 0.9 raises the R error for a panic with a longjmp that skips
  # freeing the panic's message, 51 bytes that valgrind reports as lost.
  skip_if(under_valgrind, "the panic path leaks its message by design")
  # Rust's panic hook also prints the panic to stderr.
  expect_error(
    dlscratch:::panic_for_test_impl(),
    "deliberate panic in a worker thread",
    fixed = TRUE
  )
  expect_identical(sigmoid(0), 0.5)
  expect_identical(softmax(rep(1, 4 * 65536)), rep(1 / (4 * 65536), 4 * 65536))
})
