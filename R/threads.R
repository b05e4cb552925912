#' Number of Threads for Long Inputs
#'
#' Reads or sets how many threads the Rust functions split long inputs
#' across. Inputs shorter than 65,536 elements always run on the calling
#' thread, because starting threads would cost more than it saves. Results
#' are identical for every thread count: elementwise results do not depend on
#' which thread computes them, and sums add their terms in index order.
#'
#' When the package loads, the count comes from the environment variable
#' `DLSCRATCH_THREADS` if it is set, and otherwise is the number of cores
#' that the machine reports. An invalid `DLSCRATCH_THREADS` gives a warning
#' and the default. When `_R_CHECK_LIMIT_CORES_` is set (and not
#' `"false"`), as `R CMD check --as-cran` does, the default is at most 2,
#' the limit that CRAN sets for package checks.
#'
#' @param n `NULL` to only read the count, or the new count: a single whole
#'   number from 1 to 1024.
#' @return The count in effect before the call, as an integer. When `n` is
#'   given the result is invisible, so that `old <- dlscratch_threads(1)`
#'   can restore it later with `dlscratch_threads(old)`.
#' @export
#' @examples
#' dlscratch_threads()
#'
#' old <- dlscratch_threads(1)
#' x <- seq(-20, 20, length.out = 1e5)
#' one <- softmax(x)
#' dlscratch_threads(2)
#' identical(softmax(x), one)
#' dlscratch_threads(old)
dlscratch_threads <- function(n = NULL) {
  current <- thread_count_impl()
  if (is.null(n)) {
    return(current)
  }
  count <- check_thread_count(n, "n", call = sys.call())
  set_thread_count_impl(count)
  invisible(current)
}

# Returns `n` as an integer if it is a single whole number from 1 to 1024,
# and raises an error naming `arg` otherwise.
check_thread_count <- function(n, arg, call = sys.call(-1L)) {
  valid <- is.numeric(n) && !is.object(n) && length(n) == 1L &&
    !is.na(n) && n == round(n) && n >= 1 && n <= 1024
  if (!valid) {
    given <- if (is.numeric(n) && length(n) == 1L && !is.object(n)) {
      format(n)
    } else {
      paste0("an object of type ", typeof(n), " and length ", length(n))
    }
    stop(errorCondition(
      sprintf("`%s` must be a whole number from 1 to 1024, not %s.", arg, given),
      class = "dlscratch_error",
      call = call
    ))
  }
  as.integer(n)
}

# The thread count when nothing sets it: DLSCRATCH_THREADS if set, otherwise
# the number of cores, at most 2 when _R_CHECK_LIMIT_CORES_ is set.
default_thread_count <- function() {
  cores <- available_cores_impl()
  from_env <- Sys.getenv("DLSCRATCH_THREADS")
  if (nzchar(from_env)) {
    count <- tryCatch(
      check_thread_count(
        suppressWarnings(as.numeric(from_env)),
        "DLSCRATCH_THREADS",
        call = NULL
      ),
      dlscratch_error = function(error) {
        warning(
          conditionMessage(error), " Using the default instead.",
          call. = FALSE
        )
        NULL
      }
    )
    if (!is.null(count)) {
      return(count)
    }
  }
  check_limit <- Sys.getenv("_R_CHECK_LIMIT_CORES_")
  if (nzchar(check_limit) && !identical(tolower(check_limit), "false")) {
    cores <- min(cores, 2L)
  }
  cores
}

.onLoad <- function(libname, pkgname) {
  set_thread_count_impl(default_thread_count())
  enable_interrupts_impl()
}
