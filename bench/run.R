# Times dlscratch's Rust functions against their R twins, base-R
# alternatives, NumPy and the memory floor `x + 0`, then writes BENCHMARKS.md
# and bench/benchmark-time.png.
#
# Run it with `make bench`, which installs the package and NumPy first, or
# from the package root with
#
#   R_LIBS=.Rlib Rscript bench/run.R
#
# Environment variables:
#   PYTHON       the Python that runs NumPy (default: python3)
#   BENCH_MAX_N  the largest n (default: 1e7). Smaller values give a quick
#                run while changing the benchmarks, but skip the targets
#                at larger n.

suppressPackageStartupMessages(library(dlscratch))

script_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
if (length(script_arg) != 1L) {
  stop("Run this script with Rscript: Rscript bench/run.R", call. = FALSE)
}
bench_dir <- dirname(normalizePath(sub("^--file=", "", script_arg)))

source(file.path(bench_dir, "cases.R"))
source(file.path(bench_dir, "measure.R"))
source(file.path(bench_dir, "targets.R"))
source(file.path(bench_dir, "report.R"))

max_n <- suppressWarnings(as.numeric(Sys.getenv("BENCH_MAX_N", "1e7")))
all_sizes <- as.integer(10^(2:7))
if (is.na(max_n) || max_n < min(all_sizes)) {
  stop(
    sprintf(
      "BENCH_MAX_N must be a number of at least 100, not \"%s\".",
      Sys.getenv("BENCH_MAX_N")
    ),
    call. = FALSE
  )
}

settings <- list(
  sizes = all_sizes[all_sizes <= max_n],
  seed = 1L,
  min_time = 0.3,
  min_iterations = 5L,
  max_iterations = 100000L,
  rounds = 3L,
  python = Sys.getenv("PYTHON", "python3"),
  bench_dir = bench_dir
)

started <- Sys.time()
load_at_start <- read_load_average()
# Reading the versions first also stops the run early when NumPy is missing.
system_info <- describe_system(settings)
message(sprintf(
  "Timing %d functions at n = %s with %s dlscratch threads, NumPy %s.",
  length(bench_cases),
  paste(format_n(settings$sizes), collapse = ", "),
  system_info[["dlscratch_threads()"]],
  system_info[["NumPy"]]
))

measurements <- run_benchmarks(bench_cases, settings)
targets <- evaluate_targets(measurements$timings, bench_cases)

run <- list(
  settings = settings,
  started = started,
  minutes = as.numeric(difftime(Sys.time(), started, units = "mins")),
  load_at_start = load_at_start,
  load_at_end = read_load_average()
)
report_path <- file.path(dirname(bench_dir), "BENCHMARKS.md")
plot_path <- file.path(bench_dir, "benchmark-time.png")
plot_times(measurements$timings, bench_cases, settings$sizes, plot_path)
write_report(
  report_path,
  plot_path,
  measurements,
  bench_cases,
  targets,
  system_info,
  run
)

met <- targets_table(targets)$met
message(paste0(
  format(c("met", met)),
  "  ",
  c("target: measured", paste0(targets$target, ": ", targets$measured)),
  collapse = "\n"
))
message(sprintf(
  "Wrote %s and %s in %.1f minutes.",
  report_path,
  plot_path,
  run$minutes
))
