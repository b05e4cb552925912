# Performance targets, checked against the numbers of each run. A speedup is
# the median time of the `versus` implementation divided by the median time
# of the Rust function.

speed_targets <- data.frame(
  case = c(
    "relu",
    "relu",
    "sigmoid",
    "softmax",
    "cross_entropy_error_single",
    "relu"
  ),
  n = c(1e7, 1e7, 1e7, 1e7, 1e7, 100),
  versus = c("twin", "base", "twin", "twin", "twin", "twin"),
  comparison = c(">=", ">", ">=", ">=", ">=", ">"),
  speedup = c(6, 1, 1.6, 3, 5, 1)
)

# At this n, no Rust function may take more than max_slowdown times its
# twin's median.
small_n <- 100
max_slowdown <- 1.2

# A function with a vector result may allocate at most this many bytes
# beyond the 8n bytes of its result. R's vector header is 48 bytes on
# 64-bit platforms. A second double vector of length n would need at least
# 800 bytes at the smallest n of 100.
max_header_bytes <- 256

# Returns one row per target with its description, the measured value and
# whether it is met (NA when the run did not measure it).
evaluate_targets <- function(timings, cases) {
  medians <- spread_column(timings, "median_seconds")
  rbind(
    evaluate_speed_targets(medians, cases),
    evaluate_slowdown_targets(medians, cases),
    evaluate_large_n_targets(medians, cases),
    evaluate_memory_targets(timings, cases)
  )
}

evaluate_speed_targets <- function(medians, cases) {
  rows <- lapply(seq_len(nrow(speed_targets)), function(i) {
    target <- speed_targets[i, ]
    case <- find_case(cases, target$case)
    versus_call <- case[[target$versus]]
    row <- medians[medians$case == target$case & medians$n == target$n, ]
    speedup <- if (nrow(row) == 1L) {
      row[[target$versus]] / row$rust
    } else {
      NA_real_
    }
    wording <- if (target$comparison == ">" && target$speedup == 1) {
      "faster than"
    } else {
      sprintf("at least %s times as fast as", format(target$speedup))
    }
    data.frame(
      target = sprintf(
        "`%s` %s `%s` at n = %s",
        deparse(case$rust),
        wording,
        deparse(versus_call),
        format_n(target$n)
      ),
      measured = sprintf(
        "%s / Rust = %s",
        implementation_labels[[target$versus]],
        format_ratio(speedup)
      ),
      met = match.fun(target$comparison)(speedup, target$speedup)
    )
  })
  do.call(rbind, rows)
}

evaluate_slowdown_targets <- function(medians, cases) {
  runs_at_small_n <- function(case) is.null(case$sizes) || small_n %in% case$sizes
  rows <- lapply(Filter(runs_at_small_n, cases), function(case) {
    row <- medians[medians$case == case$name & medians$n == small_n, ]
    slowdown <- if (nrow(row) == 1L) row$rust / row$twin else NA_real_
    data.frame(
      target = sprintf(
        "`%s` takes at most %s times the median of `%s` at n = %s",
        deparse(case$rust),
        format(max_slowdown),
        deparse(case$twin),
        format_n(small_n)
      ),
      measured = sprintf("Rust / twin = %s", format_ratio(slowdown)),
      met = slowdown <= max_slowdown
    )
  })
  do.call(rbind, rows)
}

# From this n on, every Rust function must be at least as fast as its twin.
large_n <- 1e5

evaluate_large_n_targets <- function(medians, cases) {
  rows <- lapply(cases, function(case) {
    measured <- medians[medians$case == case$name & medians$n >= large_n, ]
    speedup <- if (nrow(measured) > 0L) min(measured$twin / measured$rust) else NA_real_
    data.frame(
      target = sprintf(
        "`%s` at least as fast as `%s` at every n >= %s",
        deparse(case$rust),
        deparse(case$twin),
        format_n(large_n)
      ),
      measured = sprintf("smallest twin / Rust = %s", format_ratio(speedup)),
      met = speedup >= 1
    )
  })
  do.call(rbind, rows)
}

# Checks mem_alloc at every n: a vector result needs 8n bytes plus R's
# header, and a function with a scalar result must not allocate a vector of
# length n.
evaluate_memory_targets <- function(timings, cases) {
  with_target <- Filter(function(case) case$memory_target, cases)
  rows <- lapply(with_target, function(case) {
    rust <- timings[
      timings$case == case$name & timings$implementation == "rust",
    ]
    if (case$output == "vector") {
      evaluate_vector_allocation(case, rust)
    } else {
      evaluate_scalar_allocation(case, rust)
    }
  })
  do.call(rbind, rows)
}

evaluate_vector_allocation <- function(case, rust) {
  target <- sprintf(
    paste(
      "`%s` allocates one output vector:",
      "mem_alloc from 8n to 8n + %d bytes at every n"
    ),
    deparse(case$rust),
    max_header_bytes
  )
  if (nrow(rust) == 0L) {
    return(data.frame(target = target, measured = "not measured", met = NA))
  }
  extra_bytes <- rust$mem_alloc_bytes - 8 * rust$n
  data.frame(
    target = target,
    measured = sprintf(
      "mem_alloc - 8n from %s to %s bytes",
      format(min(extra_bytes)),
      format(max(extra_bytes))
    ),
    met = all(extra_bytes >= 0 & extra_bytes <= max_header_bytes)
  )
}

evaluate_scalar_allocation <- function(case, rust) {
  target <- sprintf(
    "`%s` allocates nothing of size n: mem_alloc below 8n bytes at every n",
    deparse(case$rust)
  )
  if (nrow(rust) == 0L) {
    return(data.frame(target = target, measured = "not measured", met = NA))
  }
  data.frame(
    target = target,
    measured = sprintf(
      "mem_alloc at most %s bytes",
      format(max(rust$mem_alloc_bytes))
    ),
    met = all(rust$mem_alloc_bytes < 8 * rust$n)
  )
}

find_case <- function(cases, name) {
  for (case in cases) {
    if (identical(case$name, name)) {
      return(case)
    }
  }
  stop(sprintf("No benchmark case is named \"%s\".", name), call. = FALSE)
}

# Returns one row per n and case, with the column `column` of each
# implementation in a column named after it (NA where it was not timed).
spread_column <- function(timings, column) {
  wide <- unique(timings[c("n", "case")])
  rownames(wide) <- NULL
  for (implementation in implementations) {
    rows <- timings[timings$implementation == implementation, ]
    wide[[implementation]] <- rows[[column]][match(
      paste(wide$n, wide$case),
      paste(rows$n, rows$case)
    )]
  }
  wide
}
