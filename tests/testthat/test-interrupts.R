# Long computations stop when R asks them to: the calling thread checks for
# interrupts and time limits between chunks while the workers compute.

test_that("a time limit stops sigmoid() of 2e8 values", {
  # x and each result take 1.6 GB.
  skip_on_cran()
  skip_if(under_valgrind, "too slow under valgrind")
  x <- numeric(2e8)
  old <- dlscratch_threads()
  on.exit(dlscratch_threads(old))
  for (threads in 1:2) {
    dlscratch_threads(threads)
    # The first call can be slower than later ones, which reuse memory that
    # the system has already mapped, so the faster of two calls counts.
    full_time <- min(
      system.time(sigmoid(x))[["elapsed"]],
      system.time(sigmoid(x))[["elapsed"]]
    )
    # Two threads can finish within 0.5 s, so the limit is then a quarter of
    # the time that the whole call takes.
    limit <- min(0.5, full_time / 4)

    started <- Sys.time()
    setTimeLimit(elapsed = limit, transient = TRUE)
    error <- tryCatch(sigmoid(x), error = identity)
    setTimeLimit()
    stopped_after <- as.numeric(Sys.time() - started, units = "secs")

    label <- paste(threads, "threads")
    expect_s3_class(error, "dlscratch_error")
    expect_identical(conditionMessage(error), "reached elapsed time limit", label = label)
    expect_identical(conditionCall(error), quote(sigmoid(x)), label = label)
    expect_lt(stopped_after, 0.8 * full_time, label = label)
    expect_identical(sigmoid(c(0, 1)), sigmoid_r(c(0, 1)), label = label)
  }
})

test_that("a time limit stops the in-order sums too", {
  skip_on_cran()
  skip_if(under_valgrind, "too slow under valgrind")
  a <- numeric(2e8)
  setTimeLimit(elapsed = 0.1, transient = TRUE)
  error <- tryCatch(softmax(a), error = identity)
  setTimeLimit()
  expect_s3_class(error, "dlscratch_error")
  expect_identical(conditionMessage(error), "reached elapsed time limit")
  expect_identical(softmax(c(1, 1)), c(0.5, 0.5))
})
