# For every exported function with an R twin: the Rust functions that do its
# work, as named in src/rust/src.
rust_kernels <- list(
  identity_function = "identity_into",
  step_function = c("step_function_into", "positive_indicator_into"),
  sigmoid = "sigmoid_into",
  sigmoid_grad = "sigmoid_grad_into",
  relu = "relu_into",
  relu_grad = c("relu_grad_into", "positive_indicator_into"),
  softmax = c("softmax_into", "softmax_rows_into", "softmax_columns_into"),
  sum_squared_error = "sum_squared_error",
  cross_entropy_error_single = "cross_entropy_error_single",
  cross_entropy_error = "cross_entropy_error",
  softmax_loss = c("softmax_loss", "row_scales"),
  numerical_gradient = "numerical_gradient"
)

#' Show an R Twin Next to Its Rust Kernel
#'
#' Prints the R formula of a function (its twin, `<name>_r()`) and the Rust
#' code that computes it, side by side when the console is wide enough and
#' one above the other otherwise. The Rust code is the source that was
#' compiled into the installed library, embedded at build time, so it cannot
#' drift from what runs.
#'
#' @param name The name of an exported function with a twin, such as
#'   `"sigmoid"`.
#' @param width The console width to fit the output to.
#' @return Invisibly, a list with the R twin's code (`r`) and the Rust
#'   source (`rust`), each a single string.
#' @family teaching functions
#' @export
#' @examples
#' twin_source("sigmoid")
#' code <- twin_source("relu", width = 60)
#' cat(code$rust)
twin_source <- function(name, width = getOption("width")) {
  check_names(name, names(rust_kernels), "name")
  if (!is.numeric(width) || length(width) != 1L || is.na(width) || width < 1) {
    stop(errorCondition(
      "`width` must be a single positive number of columns.",
      class = "dlscratch_error",
      call = sys.call()
    ))
  }
  if (length(name) != 1L) {
    stop(errorCondition(
      sprintf("`name` must be a single function name, not %d names.", length(name)),
      class = "dlscratch_error",
      call = sys.call()
    ))
  }

  twin_name <- paste0(name, "_r")
  r_code <- paste(
    c(paste(twin_name, "<-"), deparse(get(twin_name, mode = "function"))),
    collapse = "\n"
  )
  rust_code <- paste(
    vapply(rust_kernels[[name]], rust_source, character(1)),
    collapse = "\n\n"
  )
  print_side_by_side(
    c(paste("R twin:", twin_name), strsplit(r_code, "\n", fixed = TRUE)[[1]]),
    c("Rust:", strsplit(rust_code, "\n", fixed = TRUE)[[1]]),
    width
  )
  invisible(list(r = r_code, rust = rust_code))
}

rust_source <- function(name) {
  result <- .Call(wrap__rust_source_impl, name)
  if (is.list(result)) stop_rust_error(result)
  result
}

# Prints two blocks of lines next to each other when both fit in `width`,
# and one after the other otherwise.
print_side_by_side <- function(left, right, width) {
  left_width <- max(nchar(left, type = "width"))
  right_width <- max(nchar(right, type = "width"))
  if (left_width + 3 + right_width <= width) {
    rows <- max(length(left), length(right))
    left <- c(left, rep("", rows - length(left)))
    right <- c(right, rep("", rows - length(right)))
    padded <- formatC(left, width = -left_width)
    cat(paste0(padded, " | ", right), sep = "\n")
  } else {
    cat(left, "", right, sep = "\n")
  }
}

#' Compare the Rust Functions with Their R Twins
#'
#' Runs each Rust function and its R twin on the same seeded inputs, and
#' reports whether the results are identical, how far apart they are in
#' units in the last place (ulp), and how long each takes and how much
#' memory each allocates.
#'
#' Each function is checked on two inputs of every size: seeded random
#' values, and the same values with the special values `NA`, `NaN`, `Inf`,
#' `-Inf` and `-0` written over the first five. The timings use the random
#' input. They come from [bench::mark()] when bench is installed, and
#' otherwise from repeated [system.time()] calls, without memory figures.
#' `numerical_gradient()` calls its function, `sum(x^2)`, twice per element,
#' so it is checked on at most 100 elements, and only on finite values.
#'
#' @param names Names of exported functions with twins, or `NULL` (the
#'   default) for all of them.
#' @param n Input sizes: the number of elements (for the batch functions,
#'   the number of elements of a matrix with 10 columns).
#' @param seed The seed for the random inputs: a single whole number. The
#'   random number stream of the session is restored afterwards, so the call
#'   does not change later random numbers.
#' @return A data frame of class `twin_comparison` with one row per function
#'   and size, and the columns `fn`, `n`, `identical` (on both inputs),
#'   `max_ulp` (the largest difference, 0 when identical, `Inf` where one
#'   result is a missing value and the other is not), `rust_time` and
#'   `twin_time` (median seconds), `speedup` (`twin_time / rust_time`),
#'   `rust_mem` and `twin_mem` (bytes allocated in R, `NA` without bench).
#' @family teaching functions
#' @export
#' @examples
#' compare_twins(c("sigmoid", "softmax"), n = c(100, 1e4))
compare_twins <- function(names = NULL,
                          n = c(1e2, 1e4, 1e6),
                          seed = 1) {
  compare_twins_impl(names, n, seed)
}

# compare_twins() with the twins replaceable: `twins` is a named list of
# functions used in place of `<name>_r()`, so that the tests can check that a
# wrong twin is reported.
compare_twins_impl <- function(names, n, seed, twins = list(), call = sys.call(-1L)) {
  if (is.null(names)) {
    names <- base::names(rust_kernels)
  }
  check_names(names, base::names(rust_kernels), "names", call = call)
  valid_seed <- is.numeric(seed) && length(seed) == 1L && !is.na(seed) &&
    seed == round(seed)
  if (!valid_seed) {
    stop(errorCondition(
      "`seed` must be a single whole number.",
      class = "dlscratch_error",
      call = call
    ))
  }
  # Restore the session's random number stream when done.
  if (exists(".Random.seed", envir = globalenv(), inherits = FALSE)) {
    saved_seed <- get(".Random.seed", envir = globalenv())
    on.exit(assign(".Random.seed", saved_seed, envir = globalenv()))
  } else {
    on.exit(rm(".Random.seed", envir = globalenv()))
  }
  valid_n <- is.numeric(n) && length(n) > 0L && !anyNA(n) &&
    all(n >= 1 & n == round(n) & n <= 1e8)
  if (!valid_n) {
    stop(errorCondition(
      "`n` must be whole numbers from 1 to 1e8.",
      class = "dlscratch_error",
      call = call
    ))
  }

  rows <- list()
  for (name in names) {
    rust <- get(name, mode = "function")
    twin <- twins[[name]]
    if (is.null(twin)) {
      twin <- get(paste0(name, "_r"), mode = "function")
    }
    for (size in n) {
      set.seed(seed)
      random_args <- twin_inputs(name, size, special = FALSE)
      set.seed(seed)
      special_args <- twin_inputs(name, size, special = TRUE)
      distance <- max(
        twin_distance(rust, twin, random_args),
        twin_distance(rust, twin, special_args)
      )
      timing <- time_twins(rust, twin, random_args)
      rows[[length(rows) + 1L]] <- data.frame(
        fn = name,
        n = size,
        identical = distance == 0,
        max_ulp = distance,
        rust_time = timing$time[[1]],
        twin_time = timing$time[[2]],
        speedup = timing$time[[2]] / timing$time[[1]],
        rust_mem = timing$mem[[1]],
        twin_mem = timing$mem[[2]]
      )
    }
  }
  result <- do.call(rbind, rows)
  attr(result, "seed") <- seed
  class(result) <- c("twin_comparison", "data.frame")
  result
}

# Builds the arguments of `name` for an input of `size` elements.
twin_inputs <- function(name, size, special) {
  columns <- 10
  batch_rows <- max(1, size %/% columns)
  values <- stats::rnorm(size, sd = 5)
  finite_values <- values
  if (special) {
    specials <- c(NA, NaN, Inf, -Inf, -0)
    values[seq_len(min(size, 5))] <- specials[seq_len(min(size, 5))]
  }
  one_hot <- numeric(size)
  one_hot[sample.int(size, 1)] <- 1
  scores <- matrix(stats::rnorm(batch_rows * columns), ncol = columns)
  if (special) {
    scores[1, seq_len(min(columns, 5))] <- c(NA, NaN, Inf, -Inf, -0)[seq_len(min(columns, 5))]
  }
  labels <- sample.int(columns, batch_rows, replace = TRUE)
  switch(name,
    softmax = list(values),
    sum_squared_error = list(values, stats::runif(size)),
    cross_entropy_error_single = list(softmax_r(values), one_hot),
    cross_entropy_error = list(softmax(scores, margin = 1), labels),
    softmax_loss = list(scores, labels),
    # The function must return finite numbers, so special values stay out.
    numerical_gradient = list(function(x) sum(x^2), finite_values[seq_len(min(size, 100))]),
    list(values)
  )
}

# The largest distance in ulp between `rust(args)` and `twin(args)`, with
# the twin's result converted to double where ifelse() leaves it logical or
# integer.
twin_distance <- function(rust, twin, args) {
  actual <- do.call(rust, args)
  expected <- suppressWarnings(do.call(twin, args))
  storage.mode(expected) <- "double"
  if (length(actual) != length(expected)) {
    return(Inf)
  }
  if (identical(actual, expected, num.eq = FALSE)) {
    return(0)
  }
  exponent <- pmax(floor(log2(abs(expected))), -1022)
  distance <- abs(actual - expected) / 2^(exponent - 52)
  both_missing <- is.na(actual) & is.na(expected) &
    is.nan(actual) == is.nan(expected)
  both_equal <- !is.na(actual) & !is.na(expected) & actual == expected
  distance[both_missing | both_equal] <- 0
  distance[is.na(distance)] <- Inf
  # Results equal in value can still differ in their attributes or in the
  # sign of a zero, so a difference of 0 ulp is counted as 1 then.
  max(distance, 1)
}

# Median seconds and allocated bytes of `rust(args)` and of `twin(args)`.
time_twins <- function(rust, twin, args) {
  run_rust <- function() do.call(rust, args)
  run_twin <- function() suppressWarnings(do.call(twin, args))
  if (requireNamespace("bench", quietly = TRUE)) {
    marks <- bench::mark(
      run_rust(),
      run_twin(),
      check = FALSE,
      min_iterations = 3,
      max_iterations = 1000,
      min_time = 0.2,
      filter_gc = FALSE
    )
    return(list(
      time = as.numeric(marks$median),
      mem = as.numeric(marks$mem_alloc)
    ))
  }
  list(
    time = c(median_seconds(run_rust), median_seconds(run_twin)),
    mem = c(NA_real_, NA_real_)
  )
}

# The median time of `f()` in seconds, from batches of calls timed with
# system.time(), whose resolution is about a millisecond.
median_seconds <- function(f) {
  calls <- 1
  repeat {
    elapsed <- system.time(for (i in seq_len(calls)) f())[["elapsed"]]
    if (elapsed >= 0.02 || calls >= 1e6) break
    calls <- calls * 10
  }
  batches <- vapply(seq_len(5), function(i) {
    system.time(for (i in seq_len(calls)) f())[["elapsed"]]
  }, numeric(1))
  stats::median(batches) / calls
}

#' @export
print.twin_comparison <- function(x, ...) {
  # A subset of the columns prints as a plain data frame.
  columns <- c("fn", "n", "identical", "max_ulp", "rust_time", "twin_time",
               "speedup", "rust_mem", "twin_mem")
  if (!all(columns %in% names(x))) {
    print(as.data.frame(unclass(x)), ...)
    return(invisible(x))
  }
  cat("Rust functions against their R twins (seed ", attr(x, "seed"), ")\n\n", sep = "")
  table <- data.frame(
    fn = x$fn,
    n = format(x$n, scientific = FALSE, big.mark = ","),
    identical = x$identical,
    max_ulp = format(x$max_ulp),
    rust = format_seconds(x$rust_time),
    twin = format_seconds(x$twin_time),
    speedup = sprintf("%.1fx", x$speedup),
    rust_mem = format_bytes(x$rust_mem),
    twin_mem = format_bytes(x$twin_mem)
  )
  names(table) <- c("function", "n", "identical", "max ulp", "Rust", "R twin",
                    "speed-up", "Rust mem", "twin mem")
  print(table, row.names = FALSE, right = TRUE)
  invisible(x)
}

format_seconds <- function(seconds) {
  # The micro sign needs a UTF-8 locale; "us" stands in for it elsewhere.
  micro <- if (isTRUE(l10n_info()[["UTF-8"]])) "\u00b5s" else "us"
  units <- c(s = 1, ms = 1e-3, 1e-6, ns = 1e-9)
  names(units)[3] <- micro
  vapply(seconds, function(value) {
    if (is.na(value)) return("NA")
    unit <- units[units <= value][1]
    if (is.na(unit)) unit <- units[length(units)]
    sprintf("%.3g %s", value / unit, names(unit))
  }, character(1))
}

format_bytes <- function(bytes) {
  vapply(bytes, function(value) {
    if (is.na(value)) return("NA")
    if (value < 1024) return(sprintf("%.0f B", value))
    if (value < 1024^2) return(sprintf("%.1f KB", value / 1024))
    sprintf("%.1f MB", value / 1024^2)
  }, character(1))
}
