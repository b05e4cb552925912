#' dlscratch: Deep Learning from Scratch Functions in Rust
#'
#' The functions of the book *Deep Learning from Scratch* under the book's
#' names, computed in Rust, each with a pure R twin that holds the plain
#' formula:
#'
#' | Rust function | R twin |
#' |---|---|
#' | [sigmoid()] | `sigmoid_r()`: `1 / (1 + exp(-x))` |
#' | [relu()] | `relu_r()`: `ifelse(x > 0, x, 0)` |
#' | [softmax()] | `softmax_r()`: `exp(a - max(a)) / sum(exp(a - max(a)))` |
#' | [cross_entropy_error_single()] | `cross_entropy_error_single_r()`: `-sum(t * log(y + 1e-7))` |
#'
#' `demo("walkthrough", package = "dlscratch")` runs the book's examples with
#' both versions, plots the activation functions with ggplot2 and reports
#' whether the two agree.
#'
#' @keywords internal
"_PACKAGE"
