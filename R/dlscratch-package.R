#' dlscratch: Deep Learning from Scratch Functions in Rust
#'
#' The functions of the book *Deep Learning from Scratch* under the book's
#' names, computed in Rust, each with a pure R twin named `<name>_r()` that
#' holds the plain formula and serves as the reference in the tests:
#'
#' * activations: [identity_function()], [step_function()], [sigmoid()],
#'   [relu()], [softmax()] (also per row or column of a matrix);
#' * gradients: [sigmoid_grad()], [relu_grad()], [numerical_gradient()];
#' * losses: [sum_squared_error()], [cross_entropy_error_single()],
#'   [cross_entropy_error()], [softmax_loss()].
#'
#' Long inputs are split across threads; [dlscratch_threads()] sets how
#' many. `demo("walkthrough", package = "dlscratch")` runs the book's
#' examples with both versions, plots the activation functions with ggplot2
#' and reports whether the two agree.
#'
#' @keywords internal
"_PACKAGE"
