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
#' @section Long vectors:
#' Inputs of \eqn{2^{31}} elements or more work: R's long vectors reach
#' the Rust code as slices indexed by 64-bit `usize`, and no length passes
#' through a 32-bit integer. Memory is the limit. The input itself takes 8
#' bytes per double (4 per integer or logical), and a vector-valued result 8
#' bytes per element more: `sigmoid()` of \eqn{2^{31}} doubles needs 16 GiB
#' for `x` and 16 GiB for the result, while the losses return one number and
#' need no memory beyond their inputs, apart from a few buffers of 256 KiB
#' per thread.
#'
#' @keywords internal
"_PACKAGE"
