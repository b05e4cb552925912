# Writing BENCHMARKS.md and the plot of median times.

implementation_labels <- c(
  rust = "Rust",
  twin = "twin",
  base = "base R",
  numpy = "NumPy",
  floor = "floor (x + 0)"
)

# Formats times with three significant digits, in bench's units.
format_time <- function(seconds) {
  formatted <- trimws(format(bench::as_bench_time(signif(seconds, 3))))
  ifelse(is.na(seconds), "-", formatted)
}

# bench prints binary units: 1 KB is 1024 bytes.
format_bytes <- function(bytes) {
  formatted <- trimws(format(bench::as_bench_bytes(bytes)))
  ifelse(is.na(bytes), "-", formatted)
}

# Formats ratios with two or three significant digits.
format_ratio <- function(ratio) {
  digits <- ifelse(ratio < 10, 2L, ifelse(ratio < 100, 1L, 0L))
  digits[is.na(digits)] <- 0L
  formatted <- sprintf("%.*f", digits, ratio)
  ifelse(is.na(ratio), "-", formatted)
}

format_code <- function(call) {
  if (is.null(call)) {
    return("-")
  }
  text <- if (is.character(call)) call else deparse(call)
  paste0("`", text, "`")
}

# Returns the lines of a Markdown table. `align` contains "l" or "r" per
# column.
markdown_table <- function(table, align = rep("l", ncol(table))) {
  rule <- ifelse(align == "r", "---:", "---")
  body <- do.call(paste, c(unname(as.list(table)), sep = " | "))
  c(
    paste0("| ", paste(names(table), collapse = " | "), " |"),
    paste0("| ", paste(rule, collapse = " | "), " |"),
    paste0("| ", body, " |")
  )
}

# Reads the first line of a command's output, or returns `missing` when the
# command cannot be run.
read_command_output <- function(command, args, missing) {
  output <- tryCatch(
    suppressWarnings(system2(command, args, stdout = TRUE, stderr = TRUE)),
    error = function(error) character()
  )
  if (length(output) == 0L || !is.null(attr(output, "status"))) {
    return(missing)
  }
  output[[1]]
}

# Reads the field `name` of a Linux /proc file such as /proc/cpuinfo, or
# returns "unknown" where that file is missing.
read_proc_field <- function(path, name) {
  lines <- tryCatch(
    readLines(path, warn = FALSE),
    error = function(error) character(),
    warning = function(warning) character()
  )
  pattern <- paste0("^", name, "\\s*:\\s*")
  field <- grep(pattern, lines, value = TRUE)
  if (length(field) == 0L) {
    return("unknown")
  }
  sub(pattern, "", field[[1]])
}

# Returns the 1, 5 and 15 minute load averages from /proc/loadavg.
read_load_average <- function() {
  line <- tryCatch(
    readLines("/proc/loadavg", n = 1L, warn = FALSE),
    error = function(error) character(),
    warning = function(warning) character()
  )
  if (length(line) == 0L) {
    return("unknown")
  }
  paste(utils::head(strsplit(line, " ")[[1]], 3L), collapse = " ")
}

# Describes the machine and the software versions of the run.
describe_system <- function(settings) {
  memory_kb <- read_proc_field("/proc/meminfo", "MemTotal")
  memory_gib <- suppressWarnings(as.numeric(sub(" kB$", "", memory_kb)))
  memory_gib <- memory_gib / 1024^2
  c(
    CPU = read_proc_field("/proc/cpuinfo", "model name"),
    `Logical cores` = parallel::detectCores(),
    Memory = if (is.na(memory_gib)) {
      "unknown"
    } else {
      sprintf("%.1f GiB", memory_gib)
    },
    `Operating system` = utils::osVersion,
    R = R.version.string,
    bench = as.character(utils::packageVersion("bench")),
    Rust = read_command_output(
      "rustc",
      "--version",
      missing = "rustc not found"
    ),
    Python = read_python_version(settings),
    NumPy = read_numpy_version(settings),
    dlscratch = as.character(utils::packageVersion("dlscratch")),
    `dlscratch_threads()` = dlscratch::dlscratch_threads()
  )
}

# Returns the results table: one row per n and case.
results_table <- function(timings) {
  medians <- spread_column(timings, "median_seconds")
  memory <- spread_column(timings, "mem_alloc_bytes")
  data.frame(
    n = format_n(medians$n),
    `function` = medians$case,
    Rust = format_time(medians$rust),
    twin = format_time(medians$twin),
    `base R` = format_time(medians$base),
    NumPy = format_time(medians$numpy),
    `twin / Rust` = format_ratio(medians$twin / medians$rust),
    `NumPy / Rust` = format_ratio(medians$numpy / medians$rust),
    `Rust mem_alloc` = format_bytes(memory$rust),
    `twin mem_alloc` = format_bytes(memory$twin),
    `floor x + 0` = format_time(medians$floor),
    `Rust / floor` = format_ratio(medians$rust / medians$floor),
    check.names = FALSE
  )
}

cases_table <- function(cases) {
  data.frame(
    `function` = vapply(cases, `[[`, "", "name"),
    Rust = vapply(cases, function(case) format_code(case$rust), ""),
    twin = vapply(cases, function(case) format_code(case$twin), ""),
    `base R` = vapply(cases, function(case) format_code(case$base), ""),
    NumPy = vapply(cases, function(case) format_code(case$numpy), ""),
    check.names = FALSE
  )
}

targets_table <- function(targets) {
  met <- ifelse(
    is.na(targets$met),
    "not measured",
    ifelse(targets$met, "yes", "no")
  )
  data.frame(
    target = targets$target,
    measured = targets$measured,
    met = met
  )
}

describe_checks <- function(checks, cases) {
  converted <- Filter(
    function(case) !identical(case$twin_as_rust, identity),
    cases
  )
  method <- paste(
    "Before the timing at each n, each Rust result is compared with its",
    "twin's result using `identical()`."
  )
  if (length(converted) > 0L) {
    method <- paste(
      method,
      "The twin's result is first converted to the Rust result's type for",
      paste0(vapply(converted, `[[`, "", "name"), collapse = ", "),
      "(see `bench/cases.R`)."
    )
  }
  failed <- checks[!checks$identical, ]
  if (nrow(failed) == 0L) {
    return(paste(
      method,
      "In this run every Rust result was identical to its twin's result."
    ))
  }
  paste0(
    method,
    " In this run these Rust results were not identical to their twin's: ",
    paste0(failed$case, " at n = ", format_n(failed$n), collapse = ", "),
    "."
  )
}

# Describes the smallest number of timed calls behind any median.
describe_fewest_iterations <- function(timings) {
  fewest <- timings[which.min(timings$iterations), ]
  sprintf(
    "The fewest timed calls behind a median were %d (%s, %s, n = %s).",
    fewest$iterations,
    fewest$case,
    implementation_labels[[fewest$implementation]],
    format_n(fewest$n)
  )
}

describe_settings <- function(settings) {
  c(
    sprintf(
      "- Sizes: n = %s, with `set.seed(%d); x <- rnorm(n)` for each n.",
      paste(format_n(settings$sizes), collapse = ", "),
      settings$seed
    ),
    sprintf(
      paste(
        "- R: `bench::mark()` with `check = FALSE` and `filter_gc = FALSE`,",
        "in %d rounds that alternate between the expressions. Within a",
        "round each expression gets a `bench::mark()` of its own after",
        "`gc()`, so that it pays for the garbage collections that its own",
        "garbage causes, not for the vectors that the expression before it",
        "left. Over all rounds, each expression runs at least %d times, and",
        "until %s s have passed or it has run about %d times."
      ),
      settings$rounds,
      settings$min_iterations,
      format(settings$min_time),
      settings$max_iterations
    ),
    sprintf(
      paste(
        "- NumPy: single calls timed with `time.perf_counter()` after one",
        "untimed call, at least %d times, and until %s s have passed or",
        "%d calls are timed."
      ),
      settings$min_iterations,
      format(settings$min_time),
      settings$max_iterations
    )
  )
}

# Writes BENCHMARKS.md.
write_report <- function(path,
                         plot_path,
                         measurements,
                         cases,
                         targets,
                         system_info,
                         run) {
  plot_link <- file.path(
    basename(dirname(plot_path)),
    basename(plot_path)
  )
  lines <- c(
    "# Benchmarks",
    "",
    paste(
      "<!-- bench/run.R writes this file. Run `make bench` to update it;",
      "edits by hand are overwritten. -->"
    ),
    "",
    paste(
      "This page records one run of `make bench`. It times each Rust",
      "function of dlscratch against its R twin (the plain R formula),",
      "a base-R alternative where one exists, the same formula in NumPy,",
      "and the memory floor `x + 0`, on the same seeded numbers."
    ),
    "",
    "## What is measured",
    "",
    paste(
      "`make bench` installs the package into `.Rlib`, installs NumPy with",
      "pip if `import numpy` fails, and runs",
      "`R_LIBS=.Rlib Rscript bench/run.R`."
    ),
    "",
    describe_settings(run$settings),
    paste(
      "- Times are medians of single calls, and include the garbage",
      "collections that a call triggers."
    ),
    paste(
      "- mem_alloc is what R's memory profiler records during one call of",
      "the R expression (through `bench::mark()`): R vectors only, not",
      "memory that Rust or NumPy allocate on their own heaps."
    ),
    paste(
      "- NumPy reads the same inputs, written by R with `writeBin()`, with",
      "`np.fromfile()` in `bench/numpy_bench.py`. It runs with",
      "OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its environment,",
      "and without the LD_LIBRARY_PATH that R sets for its own libraries."
    ),
    paste(
      "- The floor `x + 0` reads x once, writes once and allocates one",
      "double vector of length n. It is timed in the same rounds as each",
      "function, so each row has its own floor."
    ),
    paste("-", describe_checks(measurements$checks, cases)),
    paste("-", describe_fewest_iterations(measurements$timings)),
    "",
    "## Machine and versions",
    "",
    markdown_table(data.frame(
      item = names(system_info),
      value = unname(system_info)
    )),
    "",
    sprintf(
      paste(
        "Run on %s. The timing took %.1f minutes. Load average",
        "(1, 5, 15 minutes): %s at the start, %s at the end."
      ),
      format(run$started, "%Y-%m-%d %H:%M %Z"),
      run$minutes,
      run$load_at_start,
      run$load_at_end
    ),
    "",
    "## Functions",
    "",
    markdown_table(cases_table(cases)),
    "",
    "## Results",
    "",
    markdown_table(
      results_table(measurements$timings),
      align = c("r", "l", rep("r", 10L))
    ),
    "",
    sprintf("![Median time against n, log-log](%s)", plot_link),
    "",
    "## How to read this",
    "",
    paste(
      "twin / Rust is how many times as fast as its twin the Rust function",
      "is: 4 means that it takes a quarter of the twin's median time.",
      "NumPy / Rust compares with NumPy the same way, and a value below 1",
      "means that NumPy was faster. Rust / floor compares the Rust function",
      "with `x + 0`, which only reads, writes and allocates n doubles:",
      "near 1, the function costs about as much as moving its data.",
      "dlscratch splits long inputs across `dlscratch_threads()` threads,",
      system_info[["dlscratch_threads()"]],
      "in this run (`?dlscratch_threads` gives the length from which it",
      "does so). The twins, base R, NumPy's formulas and the floor run on",
      "one thread, so part of the speedup at large n comes from the extra",
      "threads. mem_alloc is shown in binary units",
      "(1 KB is 1024 bytes). The medians vary from run to run on a shared",
      "machine, so compare ratios within one run rather than times across",
      "runs. From about n = 10^5, the cost of a fresh result vector also",
      "depends on whether malloc reuses freed memory or maps new pages from",
      "the operating system, so the medians of the floor and of every",
      "allocating call can differ several-fold between runs."
    ),
    "",
    "## Targets",
    "",
    paste(
      "Each row is computed from the numbers above. A speedup is the",
      "median of the other implementation divided by the median of the",
      "Rust function."
    ),
    "",
    markdown_table(targets_table(targets)),
    "",
    paste(
      "`identity_function_r()` returns its argument and computes nothing,",
      "so no function that checks its input can be as fast.",
      "`identity_function()` also returns a double input itself, and its",
      "whole cost is the call into Rust, the same at every n."
    ),
    "",
    paste(
      "softmax() spends most of its time in `exp()` and in R's in-order",
      "80-bit sum, which only one thread can run; on this 2-core machine",
      "that keeps it near 3 times as fast as `softmax_r()` at n = 10^7,",
      "and the ratio moves with the machine's load from run to run."
    )
  )
  writeLines(lines, path)
}

# Saves a log-log plot of median time against n, one panel per function.
plot_times <- function(timings, cases, sizes, path) {
  timings$implementation <- factor(
    implementation_labels[timings$implementation],
    levels = implementation_labels
  )
  timings$case <- factor(
    timings$case,
    levels = vapply(cases, `[[`, "", "name")
  )
  plot <- ggplot2::ggplot(
    timings,
    ggplot2::aes(n, median_seconds, colour = implementation)
  ) +
    ggplot2::geom_line() +
    ggplot2::geom_point(size = 1) +
    ggplot2::scale_x_log10(
      breaks = sizes,
      labels = parse(text = paste0("10^", log10(sizes)))
    ) +
    ggplot2::scale_y_log10(labels = format_time) +
    ggplot2::scale_colour_brewer(palette = "Dark2") +
    ggplot2::facet_wrap(ggplot2::vars(case)) +
    ggplot2::labs(
      x = "n (length of x)",
      y = "median time per call",
      colour = NULL
    ) +
    ggplot2::theme_bw()
  ggplot2::ggsave(path, plot, width = 9, height = 6.5, dpi = 100)
}
