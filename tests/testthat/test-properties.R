# A property test over generated R objects: every exported function either
# returns its twin's result (where the twin's input is valid) or raises an R
# error whose message names the argument. No input crashes R or returns a
# result of another shape.

# Returns one random R object, drawn with the session's seeded generator.
generate_object <- function() {
  length <- sample(c(0, 1, 2, 3, 7, 12, 100), 1)
  special <- c(NA, NaN, Inf, -Inf, 0, -0, 5e-324, 1e308, -1e308, 2.2e-308)
  kind <- sample(c("double", "integer", "logical", "special", "altrep",
                   "character", "complex", "raw", "list", "null", "factor",
                   "data.frame", "s4", "environment", "function", "classed"), 1)
  x <- switch(kind,
    double = rnorm(length, sd = 10^sample(-3:3, 1)),
    integer = sample(c(-5:5, NA, .Machine$integer.max), length, replace = TRUE),
    logical = sample(c(TRUE, FALSE, NA), length, replace = TRUE),
    special = sample(special, length, replace = TRUE),
    # Compact sequences, which R stores as ALTREP objects: integers, and
    # doubles from as.numeric(); now and then a long one.
    altrep = switch(sample(3, 1),
      seq_len(length),
      as.numeric(seq_len(length)),
      1:1e6
    ),
    character = c(as.character(seq_len(length)), NA_character_),
    complex = c(complex(real = seq_len(length)), NA_complex_),
    raw = as.raw(seq_len(length) %% 256),
    list = as.list(seq_len(length)),
    null = NULL,
    factor = factor(sample(letters[1:3], length, replace = TRUE)),
    data.frame = data.frame(a = seq_len(length)),
    s4 = methods::new("Neuron", weight = 1),
    environment = new.env(),
    `function` = function(x) x,
    classed = structure(rnorm(length), class = sample(c("foo", "Date", "difftime"), 1))
  )
  if (is.atomic(x) && !is.null(x) && !is.factor(x) && !is.object(x)) {
    x <- add_random_attributes(x)
  }
  x
}

# Adds names (some NA), a dim and dimnames, or another attribute at random.
add_random_attributes <- function(x) {
  n <- length(x)
  choice <- sample(c("none", "names", "dim", "dimnames", "other", "empty matrix"), 1)
  if (choice == "empty matrix" && n == 0) {
    dim(x) <- c(0, sample(0:3, 1))
  }
  if (choice == "names" && n > 0) {
    names(x) <- sample(c(letters, NA), n, replace = TRUE)
  }
  if (choice %in% c("dim", "dimnames") && n > 0) {
    rows <- if (n %% 2 == 0) 2 else 1
    dim(x) <- c(rows, n / rows)
    if (choice == "dimnames") {
      dimnames(x) <- list(letters[seq_len(rows)], NULL)
    }
  }
  if (choice == "other") {
    attr(x, "units") <- "logits"
  }
  x
}

# Whether the twins accept `x` as the Rust functions do: numbers without a
# class attribute.
valid_number <- function(x) {
  (is.double(x) || is.integer(x) || is.logical(x)) && !is.object(x) && !isS4(x)
}

unary_functions <- c(
  "identity_function", "step_function", "sigmoid", "sigmoid_grad",
  "relu", "relu_grad", "softmax"
)
argument_of <- c(softmax = "a")

test_that("unary functions match their twins or reject with a clear error", {
  set.seed(20261204)
  for (i in seq_len(if (under_valgrind) 150 else 1500)) {
    x <- generate_object()
    for (name in unary_functions) {
      label <- sprintf("%s(<object %d>)", name, i)
      result <- tryCatch(get(name)(x), error = identity)
      if (valid_number(x)) {
        overflow <- FALSE
        twin <- withCallingHandlers(
          get(paste0(name, "_r"))(x),
          warning = function(warning) {
            overflow <<- grepl("integer overflow", conditionMessage(warning))
            invokeRestart("muffleWarning")
          }
        )
        storage.mode(twin) <- "double"
        if (overflow) {
          # softmax_r() subtracts integers and overflows to NA, where
          # softmax() converts to double first: a documented difference.
          as_double <- x
          storage.mode(as_double) <- "double"
          expect_identical(result, softmax(as_double), label = label)
        } else {
          expect_identical_bits(result, twin, label = label)
        }
      } else {
        argument <- if (name %in% names(argument_of)) argument_of[[name]] else "x"
        expect_true(
          inherits(result, "dlscratch_error") &&
            grepl(paste0("`", argument, "` must be"), conditionMessage(result)),
          label = label
        )
      }
    }
  }
})

test_that("losses match their twins or reject with a clear error", {
  set.seed(42)
  for (i in seq_len(if (under_valgrind) 60 else 600)) {
    y <- generate_object()
    t <- if (runif(1) < 0.5) generate_object() else y
    for (name in c("sum_squared_error", "cross_entropy_error_single")) {
      label <- sprintf("%s(<objects %d>)", name, i)
      result <- tryCatch(get(name)(y, t), error = identity)
      valid <- valid_number(y) && valid_number(t) && length(y) == length(t) &&
        (is.null(dim(y)) || is.null(dim(t)) || identical(dim(y), dim(t)))
      if (valid) {
        twin <- suppressWarnings(get(paste0(name, "_r"))(y, t))
        expect_reduction_equal(result, twin, label = label)
      } else {
        expect_true(
          inherits(result, "dlscratch_error") &&
            grepl("`(y|t)` must", conditionMessage(result)),
          label = label
        )
      }
    }
  }
})

test_that("numerical_gradient() keeps the shape of any valid point", {
  set.seed(7)
  for (i in seq_len(if (under_valgrind) 30 else 300)) {
    x <- generate_object()
    if (length(x) > 1000) {
      # f runs twice per element, so a million elements would take hours.
      next
    }
    label <- sprintf("numerical_gradient(<object %d>)", i)
    # Counting the finite elements gives a finite number at every point.
    result <- tryCatch(numerical_gradient(function(p) sum(is.finite(p)), x), error = identity)
    if (valid_number(x)) {
      expect_identical(attributes(result), attributes(x), label = label)
      expect_identical(length(result), length(x), label = label)
    } else {
      expect_true(
        inherits(result, "dlscratch_error") &&
          grepl("`x` must be", conditionMessage(result)),
        label = label
      )
    }
  }
})
