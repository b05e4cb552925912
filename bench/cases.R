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
bench_case <- function(name,
                       rust,
                       twin,
                       base = NULL,
                       numpy,
                       inputs,
                       sizes = NULL,
                       output = c("vector", "scalar"),
                       twin_as_rust = identity) {
  list(
    name = name,
    rust = rust,
    twin = twin,
    base = base,
    numpy = numpy,
    inputs = inputs,
    sizes = sizes,
    output = match.arg(output),
    twin_as_rust = twin_as_rust
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
)
