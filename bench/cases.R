# The benchmark cases: one entry per Rust function. To benchmark a new
# function, add one bench_case() call to `bench_cases` below.

# Describes one benchmark case.
#
# name: the Rust function's name, used in tables and the plot.
# rust, twin, base: calls made with quote(), evaluated where the variables
#   that `inputs` returns are defined. `base` is a base-R alternative, or
#   NULL when there is none.
# numpy: Python statements over the same variables, separated by ";" or
#   newlines, whose last statement is the expression that gives the result.
#   `np` is NumPy.
# inputs: a function of `x`, the seeded standard normal vector of length n,
#   that returns a named list of the arguments. Matrices are passed to NumPy
#   with their dim, in R's column-major order.
# sizes: the n at which the case runs, or NULL for every n of the run.
# output: "vector" when the result has one element per input element, so
#   the Rust function should allocate one double vector of length n, or
#   "scalar" when it should allocate nothing of that size.
# twin_as_rust: converts the twin's result to the Rust result's type before
#   the two are compared with identical().
# memory_target: whether the run checks the allocation that `output`
#   implies.
bench_case <- function(name,
                       rust,
                       twin,
                       base = NULL,
                       numpy,
                       inputs,
                       sizes = NULL,
                       output = c("vector", "scalar"),
                       twin_as_rust = identity,
                       memory_target = TRUE) {
  list(
    name = name,
    rust = rust,
    twin = twin,
    base = base,
    numpy = numpy,
    inputs = inputs,
    sizes = sizes,
    output = match.arg(output),
    twin_as_rust = twin_as_rust,
    memory_target = memory_target
  )
}

# relu_r() returns ifelse()'s result, which is integer or logical for some
# inputs, where relu() always returns double.
as_double <- function(result) {
  storage.mode(result) <- "double"
  result
}

# Returns a vector of n zeros with a single 1 at a random position.
one_hot <- function(n) {
  t <- numeric(n)
  t[sample.int(n, 1L)] <- 1
  t
}

# Returns `x` as a matrix with 10 columns, one sample per row, as the batch
# forms take it: n elements make n / 10 rows.
as_batch <- function(x) {
  matrix(x, ncol = 10)
}

# Returns one random class label (1 to 10) per row of a batch built from n
# values.
batch_labels <- function(n) {
  sample.int(10L, n %/% 10L, replace = TRUE)
}

# The sizes of the book's later functions: n = 10^5 and 10^7, and 10^6 (a
# matrix of 10^5 rows and 10 columns for the batch forms).
later_sizes <- c(1e5, 1e6, 1e7)

# NumPy's version of the book's numerical_gradient() loop, for f(x) = x[0].
numpy_numerical_gradient <- "h = 1e-4
grad = np.zeros_like(x)
for idx in range(x.size):
    tmp = x[idx]
    x[idx] = tmp + h
    above = x[0]
    x[idx] = tmp - h
    below = x[0]
    grad[idx] = (above - below) / (2 * h)
    x[idx] = tmp
grad"

bench_cases <- list(
  bench_case(
    name = "sigmoid",
    rust = quote(sigmoid(x)),
    twin = quote(sigmoid_r(x)),
    base = quote(plogis(x)),
    numpy = "1 / (1 + np.exp(-x))",
    inputs = function(x) list(x = x)
  ),
  bench_case(
    name = "relu",
    rust = quote(relu(x)),
    twin = quote(relu_r(x)),
    base = quote(pmax(x, 0)),
    numpy = "np.maximum(0, x)",
    inputs = function(x) list(x = x),
    twin_as_rust = as_double
  ),
  bench_case(
    name = "softmax",
    rust = quote(softmax(a)),
    twin = quote(softmax_r(a)),
    numpy = "e = np.exp(a - np.max(a)); e / np.sum(e)",
    inputs = function(x) list(a = x)
  ),
  bench_case(
    name = "cross_entropy_error_single",
    rust = quote(cross_entropy_error_single(y, t)),
    twin = quote(cross_entropy_error_single_r(y, t)),
    numpy = "-np.sum(t * np.log(y + 1e-7))",
    inputs = function(x) list(y = softmax(x), t = one_hot(length(x))),
    output = "scalar"
  )
,
  bench_case(
    name = "identity_function",
    rust = quote(identity_function(x)),
    twin = quote(identity_function_r(x)),
    numpy = "x",
    inputs = function(x) list(x = x),
    sizes = later_sizes,
    output = "scalar"
  ),
  bench_case(
    name = "step_function",
    rust = quote(step_function(x)),
    twin = quote(step_function_r(x)),
    numpy = "(x > 0).astype(np.float64)",
    inputs = function(x) list(x = x),
    sizes = later_sizes
  ),
  bench_case(
    name = "sigmoid_grad",
    rust = quote(sigmoid_grad(x)),
    twin = quote(sigmoid_grad_r(x)),
    numpy = "s = 1 / (1 + np.exp(-x)); (1 - s) * s",
    inputs = function(x) list(x = x),
    sizes = later_sizes
  ),
  bench_case(
    name = "relu_grad",
    rust = quote(relu_grad(x)),
    twin = quote(relu_grad_r(x)),
    numpy = "(x > 0).astype(np.float64)",
    inputs = function(x) list(x = x),
    sizes = later_sizes
  ),
  bench_case(
    name = "softmax_rows",
    rust = quote(softmax(a, margin = 1)),
    twin = quote(softmax_r(a, margin = 1)),
    numpy = "e = np.exp(a - a.max(axis=1, keepdims=True)); e / e.sum(axis=1, keepdims=True)",
    inputs = function(x) list(a = as_batch(x)),
    sizes = later_sizes
  ),
  bench_case(
    name = "sum_squared_error",
    rust = quote(sum_squared_error(y, t)),
    twin = quote(sum_squared_error_r(y, t)),
    numpy = "0.5 * np.sum((y - t) ** 2)",
    inputs = function(x) list(y = softmax(x), t = one_hot(length(x))),
    sizes = later_sizes,
    output = "scalar"
  ),
  bench_case(
    name = "cross_entropy_error",
    rust = quote(cross_entropy_error(y, t)),
    twin = quote(cross_entropy_error_r(y, t)),
    numpy = "-np.sum(np.log(y[np.arange(y.shape[0]), t.astype(np.int64) - 1] + 1e-7)) / y.shape[0]",
    inputs = function(x) {
      list(y = softmax(as_batch(x), margin = 1), t = batch_labels(length(x)))
    },
    sizes = later_sizes,
    output = "scalar"
  ),
  bench_case(
    name = "softmax_loss",
    rust = quote(softmax_loss(x, t)),
    twin = quote(softmax_loss_r(x, t)),
    numpy = paste(
      "e = np.exp(x - x.max(axis=1, keepdims=True))",
      "y = e / e.sum(axis=1, keepdims=True)",
      "-np.sum(np.log(y[np.arange(y.shape[0]), t.astype(np.int64) - 1] + 1e-7)) / y.shape[0]",
      sep = "; "
    ),
    inputs = function(x) list(x = as_batch(x), t = batch_labels(length(x))),
    sizes = later_sizes,
    output = "scalar"
  ),
  # numerical_gradient() calls f twice per element, so its time grows with
  # n times the cost of f: it runs at 10^5 only, with f(x) = x[1]. Like its
  # twin it allocates the moving point and the gradient, two vectors.
  bench_case(
    name = "numerical_gradient",
    rust = quote(numerical_gradient(first_element, x)),
    twin = quote(numerical_gradient_r(first_element, x)),
    numpy = numpy_numerical_gradient,
    inputs = function(x) list(x = x, first_element = function(x) x[1]),
    sizes = 1e5,
    memory_target = FALSE
  )
)
