# The activation functions that activation_data() and plot_activations()
# draw, and the gradient function of each.
activation_gradients <- c(
  identity_function = "identity_gradient",
  step_function = "step_gradient",
  sigmoid = "sigmoid_grad",
  relu = "relu_grad"
)

# Gradients of the identity (1) and of the step function (0, taking the
# jump at 0 as flat), for plot_activations(grad = TRUE).
identity_gradient <- function(x) rep(1, length(x))
step_gradient <- function(x) rep(0, length(x))

#' Activation Curves as a Data Frame
#'
#' Evaluates activation functions on a grid of inputs and returns the values
#' in long form, one row per function and input, ready for ggplot2.
#'
#' @param fns Names of activation functions: any of `"identity_function"`,
#'   `"step_function"`, `"sigmoid"`, `"relu"`, `"sigmoid_grad"` and
#'   `"relu_grad"`.
#' @param x The inputs: a double vector. The default is the book's grid,
#'   -5.0, -4.9, ..., 4.9.
#' @return A data frame with `length(fns) * length(x)` rows and the columns
#'   `x` (the input), `y` (the function's value) and `fn` (the function's
#'   name, a factor whose levels follow `fns`).
#' @family plotting functions
#' @export
#' @examples
#' curves <- activation_data(c("sigmoid", "relu"))
#' head(curves)
#' table(curves$fn)
activation_data <- function(fns, x = seq(-5, 4.9, by = 0.1)) {
  allowed <- c(names(activation_gradients), "sigmoid_grad", "relu_grad")
  check_names(fns, allowed, "fns")
  if (!is.numeric(x) || is.object(x)) {
    stop(errorCondition(
      sprintf("`x` must be a numeric vector, not %s.", class(x)[[1]]),
      class = "dlscratch_error",
      call = sys.call()
    ))
  }
  activation_data_of(fns, fns, as.double(x))
}

#' Plot Activation Functions
#'
#' Draws the book's figures of activation functions with ggplot2: one colour
#' per function, on the book's grid from -5 to 4.9 with y limits -0.1 to
#' 1.1, and optionally each function's derivative as a dashed line.
#'
#' ggplot2 is only suggested by dlscratch; `plot_activations()` raises an
#' error that says how to install it when it is missing. The functions also
#' work directly in ggplot2's `geom_function()` and `stat_function()`, which
#' call them with plain vectors (see the examples).
#'
#' @param fns Names of activation functions: any of `"identity_function"`,
#'   `"step_function"`, `"sigmoid"` and `"relu"`.
#' @param grad Whether to add each function's derivative: [sigmoid_grad()],
#'   [relu_grad()], 0 for the step function and 1 for the identity.
#' @param x The inputs to evaluate the functions at.
#' @return A ggplot object.
#' @family plotting functions
#' @export
#' @examplesIf requireNamespace("ggplot2", quietly = TRUE)
#' plot_activations()
#' plot_activations(c("sigmoid", "relu"), grad = TRUE)
#'
#' # The functions work in geom_function() as they are:
#' ggplot2::ggplot() +
#'   ggplot2::xlim(-5, 5) +
#'   ggplot2::geom_function(fun = sigmoid)
plot_activations <- function(fns = c("step_function", "sigmoid", "relu"),
                             grad = FALSE,
                             x = seq(-5, 4.9, by = 0.1)) {
  if (!requireNamespace("ggplot2", quietly = TRUE)) {
    stop(errorCondition(
      paste(
        "plot_activations() needs the ggplot2 package, which is not installed.",
        "Install it with install.packages(\"ggplot2\")."
      ),
      class = "dlscratch_error",
      call = sys.call()
    ))
  }
  check_names(fns, names(activation_gradients), "fns")
  if (!is.logical(grad) || length(grad) != 1L || is.na(grad)) {
    stop(errorCondition(
      "`grad` must be TRUE or FALSE.",
      class = "dlscratch_error",
      call = sys.call()
    ))
  }

  curves <- activation_data(fns, x)
  curves$curve <- rep("function", nrow(curves))
  if (grad) {
    gradients <- activation_data_of(activation_gradients[fns], fns, as.double(x))
    gradients$curve <- rep("derivative", nrow(gradients))
    curves <- rbind(curves, gradients)
  }
  curves$curve <- factor(curves$curve, levels = c("function", "derivative"))

  ggplot2::ggplot(
    curves,
    ggplot2::aes(
      x = .data$x,
      y = .data$y,
      colour = .data$fn,
      linetype = .data$curve
    )
  ) +
    ggplot2::geom_line() +
    ggplot2::coord_cartesian(ylim = c(-0.1, 1.1)) +
    ggplot2::labs(colour = NULL, linetype = NULL, y = NULL)
}

# Evaluates the functions named in `functions` at `x`, in long form, and
# labels each curve with the matching element of `labels`.
activation_data_of <- function(functions, labels, x) {
  values <- lapply(functions, function(fn) get(fn, mode = "function")(x))
  data.frame(
    x = rep(x, times = length(functions)),
    y = unlist(values, use.names = FALSE),
    fn = factor(rep(labels, each = length(x)), levels = unique(labels))
  )
}

# Raises an error naming `arg` unless `names` is a non-empty character vector
# of elements of `allowed`.
check_names <- function(names, allowed, arg, call = sys.call(-1L)) {
  if (!is.character(names) || length(names) == 0L || anyNA(names)) {
    stop(errorCondition(
      sprintf("`%s` must be a character vector of function names.", arg),
      class = "dlscratch_error",
      call = call
    ))
  }
  unknown <- setdiff(names, allowed)
  if (length(unknown) > 0L) {
    stop(errorCondition(
      sprintf(
        "`%s` contains unknown function %s. Valid names: %s.",
        arg,
        paste0("\"", unknown, "\"", collapse = ", "),
        paste0("\"", allowed, "\"", collapse = ", ")
      ),
      class = "dlscratch_error",
      call = call
    ))
  }
}

# ggplot2's aes() reads `.data` as the data mask, which R CMD check would
# otherwise report as an undefined global variable.
#' @importFrom utils globalVariables
NULL
globalVariables(".data")
