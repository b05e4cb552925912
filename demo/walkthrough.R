# A walk through the examples of "Deep Learning from Scratch" for the
# sigmoid, ReLU, softmax and cross-entropy error: every function runs in Rust
# and as its plain R twin, and the two results are printed side by side.
#
# The plots are saved as PNG files in the folder named by the environment
# variable DLSCRATCH_PLOT_DIR, or in a folder under tempdir() when it is unset.

library(dlscratch)

# Prints the Rust result next to the twin's at the positions `shown`, and
# whether the two are identical over all positions.
show_twins <- function(name, rust, twin, shown = seq_along(rust), input = NULL) {
  cat("\n==", name, "==\n")
  table <- data.frame(rust = rust[shown], r_twin = twin[shown])
  if (!is.null(input)) {
    table <- cbind(x = input[shown], table)
  }
  print(table, digits = 10, row.names = FALSE)
  if (length(rust) > length(shown)) {
    cat("(", length(shown), " of ", length(rust), " values shown)\n", sep = "")
  }
  cat("identical:", identical(rust, twin), "\n")
}

# The book's plot input: -5.0, -4.9, ..., 4.9.
x <- seq(-5, 4.9, by = 0.1)

# Positions of x = -5, -2.5, -0.1, 0, 0.5, 2.5 and 4.9.
curve_rows <- c(1, 26, 50, 51, 56, 76, 100)
show_twins("sigmoid(x)", sigmoid(x), sigmoid_r(x), curve_rows, x)
show_twins("relu(x)", relu(x), relu_r(x), curve_rows, x)

a <- c(0.3, 2.9, 4.0)
y <- softmax(a)
show_twins("softmax(c(0.3, 2.9, 4.0))", y, softmax_r(a))
cat("sum(softmax(a)):", format(sum(y)), "\n")

# One-hot target: the third of ten classes is the true one.
t <- c(0, 0, 1, 0, 0, 0, 0, 0, 0, 0)
confident <- c(0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0)
mistaken <- c(0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0)

show_twins(
  "cross_entropy_error_single(y, t), 0.6 on the true class",
  cross_entropy_error_single(confident, t),
  cross_entropy_error_single_r(confident, t)
)
cat("rounded:", round(cross_entropy_error_single(confident, t), 4), "\n")

show_twins(
  "cross_entropy_error_single(y, t), 0.6 on the eighth class",
  cross_entropy_error_single(mistaken, t),
  cross_entropy_error_single_r(mistaken, t)
)
cat("rounded:", round(cross_entropy_error_single(mistaken, t), 4), "\n")

# Every function against its twin on seeded random and special values.
cat("\n")
print(compare_twins(n = c(100, 1e4)))

# The activation curves, drawn as in the book with y limits -0.1 to 1.1.
if (requireNamespace("ggplot2", quietly = TRUE)) {
  plot_dir <- Sys.getenv("DLSCRATCH_PLOT_DIR")
  if (plot_dir == "") {
    plot_dir <- file.path(tempdir(), "dlscratch-walkthrough")
  }
  dir.create(plot_dir, recursive = TRUE, showWarnings = FALSE)
  cat("\nSaving plots in", normalizePath(plot_dir), "\n")

  curves <- list(sigmoid = sigmoid(x), relu = relu(x))
  for (name in names(curves)) {
    plot <- ggplot2::ggplot(
      data.frame(x = x, y = curves[[name]]),
      ggplot2::aes(x, y)
    ) +
      ggplot2::geom_line() +
      ggplot2::coord_cartesian(ylim = c(-0.1, 1.1)) +
      ggplot2::labs(title = paste0(name, "(x)"))
    path <- file.path(plot_dir, paste0(name, ".png"))
    ggplot2::ggsave(path, plot, width = 5, height = 3.5, dpi = 100)
    cat("Saved the", name, "curve as", basename(path), "\n")
  }

  # The book's figure of all three activations, with their derivatives.
  path <- file.path(plot_dir, "activations.png")
  ggplot2::ggsave(path, plot_activations(grad = TRUE), width = 6, height = 4, dpi = 100)
  cat("Saved the activation figure as", basename(path), "\n")
} else {
  cat("\nggplot2 is not installed, so no plots were drawn.",
      "Install it with install.packages(\"ggplot2\").\n")
}
