# Timing in R with bench::mark(), timing in NumPy through
# bench/numpy_bench.py, and checking the Rust results against the twins.

# The implementations that a benchmark row can time, in table order.
implementations <- c("rust", "twin", "base", "numpy", "floor")

# The memory floor: one read of x, one write, one fresh vector of length n.
# NOTE: from about n = 10^5, the cost of a fresh vector depends on whether
# malloc reuses freed memory or maps new pages, so the medians of the floor
# and of every allocating call can differ several-fold between runs.
floor_call <- quote(x + 0)

# Returns the case's calls named by implementation, leaving out a missing
# base-R alternative.
case_calls <- function(case) {
  calls <- list(
    rust = case$rust,
    twin = case$twin,
    base = case$base
  )
  calls[!vapply(calls, is.null, logical(1))]
}

# Returns the cases that run at size n.
cases_at <- function(cases, n) {
  Filter(function(case) is.null(case$sizes) || n %in% case$sizes, cases)
}

# Times each of the named calls with bench::mark(), evaluating them in env.
# Returns a data frame with one row per call.
mark_calls <- function(calls, env, settings) {
  # The first call of a package function loads it from the package's
  # lazy-load database, and bench::mark() would count that in mem_alloc.
  for (call in calls) {
    eval(call, env)
  }
  # bench::mark() would time one call after the other. Several shorter
  # rounds alternate between the calls, so that a busy period of a shared
  # machine slows all of them alike. Each call is timed in a bench::mark() of
  # its own, after a gc(), so that a call pays for the garbage collections
  # that its own garbage causes, and not for the large vectors that the call
  # timed before it left behind.
  rounds <- lapply(seq_len(settings$rounds), function(round) {
    marks <- lapply(seq_along(calls), function(i) {
      invisible(gc())
      bench::mark(
        exprs = calls[i],
        env = env,
        min_time = settings$min_time / settings$rounds,
        min_iterations = ceiling(settings$min_iterations / settings$rounds),
        max_iterations = ceiling(settings$max_iterations / settings$rounds),
        check = FALSE,
        filter_gc = FALSE
      )
    })
    do.call(rbind, marks)
  })
  times <- lapply(seq_along(calls), function(i) {
    unlist(lapply(rounds, function(marks) as.numeric(marks$time[[i]])))
  })
  data.frame(
    implementation = names(calls),
    median_seconds = vapply(times, stats::median, numeric(1)),
    mem_alloc_bytes = as.numeric(rounds[[1]]$mem_alloc),
    iterations = lengths(times)
  )
}

# Returns TRUE when the Rust call gives the same result as the twin's,
# converted with the case's twin_as_rust(). Prints a warning line otherwise.
check_rust_matches_twin <- function(case, env, n) {
  rust_result <- eval(case$rust, env)
  twin_result <- case$twin_as_rust(eval(case$twin, env))
  matches <- identical(rust_result, twin_result)
  if (!matches) {
    message(sprintf(
      "Warning: %s is not identical to %s at n = %s.",
      deparse(case$rust),
      deparse(case$twin),
      format_n(n)
    ))
  }
  matches
}

# Writes the case's inputs to files of little-endian doubles in dir, for
# bench/numpy_bench.py. Returns the manifest rows that describe them.
write_numpy_inputs <- function(case, n, inputs, dir) {
  # R functions among the inputs have their NumPy version in the expression.
  numeric_inputs <- Filter(Negate(is.function), inputs)
  rows <- lapply(names(numeric_inputs), function(variable) {
    value <- numeric_inputs[[variable]]
    path <- file.path(dir, sprintf("%s-%d-%s.f64", case$name, n, variable))
    writeBin(as.double(value), path, size = 8L, endian = "little")
    data.frame(
      case = case$name,
      n = n,
      variable = variable,
      path = path,
      dim = paste(dim(value), collapse = " "),
      expression = case$numpy
    )
  })
  do.call(rbind, rows)
}

# Runs Python with `args` and returns its standard output as lines.
run_python <- function(args, settings) {
  # OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE override the CPU detection of
  # the OpenBLAS that NumPy loads. They are removed so that NumPy runs with
  # its defaults. The timed formulas do not call BLAS.
  # R's startup script etc/ldpaths puts R's library folders, and on Debian
  # /usr/lib/x86_64-linux-gnu, in LD_LIBRARY_PATH. With it, a Python built
  # with a shared libpython (as pyenv builds it) loads the system's libpython
  # and does not find its own packages, so Python runs without it.
  command_args <- c(
    "-u", "OPENBLAS_CORETYPE",
    "-u", "OPENBLAS_L2_SIZE",
    "-u", "LD_LIBRARY_PATH",
    settings$python,
    shQuote(args)
  )
  output <- suppressWarnings(system2("env", command_args, stdout = TRUE))
  status <- attr(output, "status")
  if (!is.null(status)) {
    stop(
      sprintf(
        "`%s %s` failed with exit status %d. `make bench` installs NumPy ",
        settings$python,
        paste(args, collapse = " "),
        status
      ),
      "if it is missing. Set PYTHON to use another Python.",
      call. = FALSE
    )
  }
  output
}

# Returns the version of NumPy, and fails early when NumPy is missing.
read_numpy_version <- function(settings) {
  run_python(c("-c", "import numpy; print(numpy.__version__)"), settings)
}

read_python_version <- function(settings) {
  run_python("--version", settings)
}

# Times the NumPy expressions of the manifest rows. Returns a data frame with
# one row per case and n.
time_in_numpy <- function(manifest, dir, settings) {
  manifest_path <- file.path(dir, "manifest.csv")
  write.csv(manifest, manifest_path, row.names = FALSE)
  output <- run_python(
    c(
      file.path(settings$bench_dir, "numpy_bench.py"),
      manifest_path,
      "--min-time", settings$min_time,
      "--min-repeats", settings$min_iterations,
      "--max-repeats", settings$max_iterations
    ),
    settings
  )
  timings <- read.csv(text = output)
  data.frame(
    case = timings$case,
    n = timings$n,
    implementation = "numpy",
    median_seconds = timings$median_seconds,
    mem_alloc_bytes = NA_real_,
    iterations = timings$repeats
  )
}

# Times every case at size n in R and in NumPy, on rnorm(n) drawn with the
# run's seed. Returns the timings and the results of the twin checks.
run_size <- function(cases, n, settings) {
  input_dir <- tempfile("dlscratch-bench-")
  dir.create(input_dir)
  on.exit(unlink(input_dir, recursive = TRUE))

  set.seed(settings$seed)
  x <- rnorm(n)

  timings <- list()
  checks <- list()
  manifest <- list()
  for (case in cases_at(cases, n)) {
    # Seeding again here keeps a case's random inputs, such as the position
    # of the one-hot 1, independent of the cases before it.
    set.seed(settings$seed + 1L)
    inputs <- case$inputs(x)
    env <- list2env(inputs, parent = globalenv())
    if (!exists("x", envir = env, inherits = FALSE)) {
      assign("x", x, envir = env)
    }

    matches <- check_rust_matches_twin(case, env, n)
    checks[[case$name]] <- data.frame(
      case = case$name,
      n = n,
      identical = matches
    )
    # The floor runs in the same rounds as the case's calls, so that it
    # meets the same load and the same state of the memory allocator.
    case_timing <- mark_calls(
      c(case_calls(case), list(floor = floor_call)),
      env,
      settings
    )
    timings[[case$name]] <- cbind(case = case$name, n = n, case_timing)
    manifest[[case$name]] <- write_numpy_inputs(case, n, inputs, input_dir)
    report_progress(timings[[case$name]])
  }
  numpy_timing <- time_in_numpy(
    do.call(rbind, manifest),
    input_dir,
    settings
  )
  list(
    timings = rbind(do.call(rbind, timings), numpy_timing),
    checks = do.call(rbind, checks)
  )
}

# Times every case at every size of the run.
run_benchmarks <- function(cases, settings) {
  results <- lapply(settings$sizes, function(n) {
    run_size(cases, n, settings)
  })
  timings <- do.call(rbind, lapply(results, `[[`, "timings"))
  rownames(timings) <- NULL
  checks <- do.call(rbind, lapply(results, `[[`, "checks"))
  rownames(checks) <- NULL
  list(timings = timings, checks = checks)
}

report_progress <- function(timing) {
  medians <- format_time(timing$median_seconds)
  message(sprintf(
    "n = %s, %s: %s",
    format_n(timing$n[[1]]),
    timing$case[[1]],
    paste(timing$implementation, medians, sep = " ", collapse = ", ")
  ))
}

# Formats a size as 10^k when it is a power of ten.
format_n <- function(n) {
  exponent <- round(log10(n))
  ifelse(
    10^exponent == n,
    paste0("10^", exponent),
    format(n, big.mark = ",", scientific = FALSE)
  )
}
