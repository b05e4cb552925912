# Threaded paths: results must not depend on the thread count.

# Mirrors PARALLEL_MIN_LEN and CHUNK_LEN in src/rust/src/kernels/parallel.rs.
parallel_min_len <- 65536
chunk_len <- 32768

# Runs `code` with the thread count set to `n`, restoring the old count.
with_threads <- function(n, code) {
  old <- dlscratch_threads(n)
  on.exit(dlscratch_threads(old))
  code
}

test_that("results do not depend on the thread count", {
  lengths <- c(parallel_min_len - 1, parallel_min_len, parallel_min_len + 1, 7 * chunk_len + 3)
  for (n in lengths) {
    x <- random_doubles(n, seed = n)
    y <- softmax_r(x[is.finite(x)])
    t <- runif(length(y))
    single <- with_threads(1, list(sigmoid(x), relu(x), softmax(x), cross_entropy_error_single(y, t)))
    for (threads in 2:3) {
      parallel <- with_threads(threads, list(sigmoid(x), relu(x), softmax(x), cross_entropy_error_single(y, t)))
      label <- sprintf("n = %d, %d threads", n, threads)
      expect_identical_bits(parallel, single, label = label)
    }
  }
})

test_that("threaded results equal the twins", {
  x <- random_doubles(3 * parallel_min_len, seed = 11)
  for (threads in 1:3) {
    with_threads(threads, {
      expect_identical_bits(sigmoid(x), sigmoid_r(x))
      expect_identical_bits(relu(x), relu_r(x))
      expect_reduction_equal(softmax(x), softmax_r(x))
    })
  }
})

test_that("softmax of 1e7 values is the same on 1 and 2 threads", {
  skip_if(under_valgrind, "too slow under valgrind")
  x <- seq(-20, 20, length.out = 1e7)
  one <- with_threads(1, softmax(x))
  two <- with_threads(2, softmax(x))
  expect_identical_bits(two, one)
  expect_lt(abs(sum(one) - 1), 1e-12)
  expect_reduction_equal(one, softmax_r(x))
})

test_that("dlscratch_threads() reads and sets the count", {
  old <- dlscratch_threads()
  on.exit(dlscratch_threads(old))
  expect_type(old, "integer")
  expect_gte(old, 1L)
  expect_identical(withVisible(dlscratch_threads(3))$visible, FALSE)
  expect_identical(dlscratch_threads(2), 3L)
  expect_identical(dlscratch_threads(), 2L)
  dlscratch_threads(4.0)
  expect_identical(dlscratch_threads(), 4L)
})

test_that("dlscratch_threads() rejects bad counts", {
  old <- dlscratch_threads()
  on.exit(dlscratch_threads(old))
  error <- tryCatch(dlscratch_threads(0), error = identity)
  expect_identical(conditionCall(error), quote(dlscratch_threads(0)))
  bad <- list(0, -1, 1.5, NA, NA_integer_, 1025, c(1, 2), "2", TRUE, numeric(0), factor(2), Inf)
  for (n in bad) {
    expect_error(
      dlscratch_threads(n),
      "`n` must be a whole number from 1 to 1024",
      class = "dlscratch_error",
      label = deparse(n)
    )
  }
  expect_identical(dlscratch_threads(), old)
})

test_that("the default thread count follows the environment", {
  saved <- Sys.getenv(c("DLSCRATCH_THREADS", "_R_CHECK_LIMIT_CORES_"), unset = NA)
  on.exit({
    for (name in names(saved)) {
      if (is.na(saved[[name]])) Sys.unsetenv(name) else do.call(Sys.setenv, as.list(saved[name]))
    }
  })
  cores <- dlscratch:::available_cores_impl()

  Sys.unsetenv(c("DLSCRATCH_THREADS", "_R_CHECK_LIMIT_CORES_"))
  expect_identical(dlscratch:::default_thread_count(), cores)

  Sys.setenv("_R_CHECK_LIMIT_CORES_" = "TRUE")
  expect_identical(dlscratch:::default_thread_count(), min(cores, 2L))
  Sys.setenv("_R_CHECK_LIMIT_CORES_" = "false")
  expect_identical(dlscratch:::default_thread_count(), cores)

  Sys.setenv(DLSCRATCH_THREADS = "3", "_R_CHECK_LIMIT_CORES_" = "TRUE")
  expect_identical(dlscratch:::default_thread_count(), 3L)
  for (invalid in c("many", "0", "1.5", "2000")) {
    Sys.setenv(DLSCRATCH_THREADS = invalid)
    expect_warning(
      count <- dlscratch:::default_thread_count(),
      "`DLSCRATCH_THREADS` must be a whole number from 1 to 1024.* Using the default instead."
    )
    expect_identical(count, min(cores, 2L), label = invalid)
  }
})
