# Raises the error that a Rust entry point returned.
#
# The Rust entry points return an `Err` as a condition object of class
# "extendr_error" whose `value` holds the message; every successful result is
# a double vector, so the callers test for an error with is.list(), which
# costs less than inherits(). The error is raised with the call of the
# exported function that received the bad argument, so the user sees
# `Error in sigmoid("a")` and not the internal call.
#
# The exported functions call their registered routine with .Call() instead
# of through the wrapper in R/extendr-wrappers.R, and check the result inline:
# at length 100 each R function call saved is a fifth of sigmoid_r()'s time,
# and a missing argument's error then names the exported function.
stop_rust_error <- function(condition, call = sys.call(-1L)) {
  stop(errorCondition(condition$value, class = "dlscratch_error", call = call))
}
