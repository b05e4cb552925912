# Raises the error that a Rust entry point returned, or returns `result`.
#
# The Rust entry points return an `Err` as a condition object of class
# "extendr_error" whose `value` holds the message. It is raised here with the
# call of the exported function that received the bad argument, so the user
# sees `Error in sigmoid("a")` and not the internal call.
stop_on_rust_error <- function(result, call = sys.call(-1L)) {
  if (inherits(result, "extendr_error")) {
    stop(errorCondition(result$value, class = "dlscratch_error", call = call))
  }
  result
}
