# Runs the testthat suite against the installed package and ends with one
# summary line, "testthat: N passed, N failed, N skipped", for CI logs.
# Exits with status 1 when any test fails or errors.
#
# Usage: Rscript tools/run-tests.R   (with the package on .libPaths())

library(testthat)
library(dlscratch)

results <- as.data.frame(test_dir(
  file.path("tests", "testthat"),
  package = "dlscratch",
  load_package = "installed",
  reporter = ProgressReporter$new(show_praise = FALSE),
  stop_on_failure = FALSE
))

# Each row of `results` is one test_that() block: `passed` and `failed` count
# its expectations, and `error` and `skipped` are flags.
failed <- sum(results$failed) + sum(results$error)
cat(sprintf(
  "testthat: %d passed, %d failed, %d skipped\n",
  sum(results$passed),
  failed,
  sum(results$skipped)
))
quit(status = if (failed > 0) 1 else 0)
