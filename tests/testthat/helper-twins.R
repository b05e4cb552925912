# Helpers that compare a Rust function's result with its R twin's.

# Converts a twin's result to double and keeps its attributes, because the Rust
# functions always return double where ifelse() can return integer or logical.
as_double_keeping_attributes <- function(x) {
  storage.mode(x) <- "double"
  x
}

# Expects `object` to equal `expected` bit for bit, signed zeros included:
# identical() with num.eq = FALSE. testthat's expect_identical() compares
# with waldo, which treats -0 and +0 as equal.
expect_identical_bits <- function(object, expected, label = NULL) {
  label <- label %||% deparse(substitute(object))
  if (under_valgrind) {
    return(expect_close_under_valgrind(object, expected, label))
  }
  same <- identical(object, expected, num.eq = FALSE)
  detail <- ""
  if (!same && is.double(object) && is.double(expected) &&
        length(object) == length(expected)) {
    differs <- which(ulp_distance(object, expected) > 0 |
                       sign(1 / object) != sign(1 / expected))
    if (length(differs) > 0) {
      first <- differs[[1]]
      detail <- sprintf(
        " First of %d differences at [%d]: %s, expected %s.",
        length(differs), first,
        format(object[[first]], digits = 17),
        format(expected[[first]], digits = 17)
      )
    }
  }
  expect(same, sprintf("%s is not bitwise identical to its expected value.%s", label, detail))
  invisible(object)
}

`%||%` <- function(x, y) if (is.null(x)) y else x

# `make valgrind` sets DLSCRATCH_VALGRIND, under which R runs tens of times
# slower: the largest inputs and the longest loops shrink then.
under_valgrind <- nzchar(Sys.getenv("DLSCRATCH_VALGRIND"))

# Valgrind emulates the x87 unit with 64-bit doubles and its own NaN rules,
# so 80-bit sums and the NaN that R keeps differ from what the processor
# gives, in R and in Rust alike. A valgrind run looks for memory errors, so
# there the checks compare values within 1e-9 and treat NA and NaN alike.
expect_close_under_valgrind <- function(object, expected, label) {
  as_plain <- function(x) {
    x <- as.vector(x)
    if (is.double(x)) x[is.nan(x)] <- NA
    x
  }
  expect_equal(as_plain(object), as_plain(expected), tolerance = 1e-9, label = label)
}

# Whether R's sum() adds in the x87 80-bit format that the Rust sums
# reproduce. Elsewhere the Rust sums are compensated, and reductions may
# differ from R's in the last bits.
sums_match_r <- R.version$arch == "x86_64" && capabilities("long.double")

# Expects a reduction's result to equal the twin's: bit for bit where the sums
# match R's, and within `max_ulp` units in the last place elsewhere.
expect_reduction_equal <- function(object, expected, max_ulp = 4, label = NULL) {
  label <- label %||% deparse(substitute(object))
  if (under_valgrind) {
    return(expect_close_under_valgrind(object, expected, label))
  }
  if (sums_match_r) {
    expect_identical_bits(object, expected, label = label)
  } else {
    # NOTE: no machine without the x87 sum has run this branch yet. The bound
    # of 4 ulp is the largest gap measured on x86_64 between R's sum() and
    # the compensated sum that such machines use.
    expect_identical(is.na(object), is.na(expected), label = label)
    expect_identical(is.nan(object), is.nan(expected), label = label)
    expect_lte(max(ulp_distance(object, expected), 0), max_ulp, label = label)
  }
}

# Distance between doubles in units in the last place of `expected`: 0 where
# both are equal (NA with NA and NaN with NaN included), Inf where one is a
# missing value and the other is not.
ulp_distance <- function(actual, expected) {
  stopifnot(length(actual) == length(expected))
  exponent <- pmax(floor(log2(abs(expected))), -1022)
  distance <- abs(actual - expected) / 2^(exponent - 52)
  same <- (is.na(actual) & is.na(expected) &
             is.nan(actual) == is.nan(expected)) |
    (!is.na(actual) & !is.na(expected) & actual == expected)
  distance[same] <- 0
  distance[is.na(distance)] <- Inf
  distance
}

# Doubles that break naive implementations: missing values, infinities, signed
# zeros, subnormals, the largest doubles and the points where exp() overflows
# (709.78) or underflows to zero (-745.13).
special_doubles <- c(
  NA, NaN, Inf, -Inf, 0, -0,
  5e-324, -5e-324, 2.2e-308, -2.2e-308,
  .Machine$double.xmin, .Machine$double.xmax, -.Machine$double.xmax,
  1, -1, 0.5, 1e-7, -1e-7,
  36, -36, 709.78, -709.78, 710, -710, 745.2, -745.2, 1e300, -1e300
)

# Seeded random input of every length from 1 to 10^6, with special values
# mixed in when `specials` is TRUE.
random_doubles <- function(n, seed, specials = TRUE) {
  set.seed(seed)
  x <- rnorm(n, sd = 10)
  if (specials && n >= 10) {
    positions <- sample.int(n, min(n %/% 10, length(special_doubles)))
    x[positions] <- special_doubles[seq_along(positions)]
  }
  x
}


test_lengths <- c(1, 2, 3, 7, 10, 100, 1000, 16385, 1e5, 1e6)
if (under_valgrind) {
  test_lengths <- test_lengths[test_lengths <= 1e5]
}

# A minimal S4 class for the bad inputs below.
methods::setClass("Neuron", representation(weight = "numeric"))

# Inputs that every function must reject, and how the message names them.
bad_inputs <- list(
  "a character vector" = c("a", "b"),
  "a factor" = factor(c("a", "b")),
  "a list" = list(1, 2),
  "a complex vector" = c(1i, 2i),
  "NULL" = NULL,
  "a data frame" = data.frame(x = c(1, 2)),
  "a function" = function(x) x,
  "a raw vector" = as.raw(c(1, 2)),
  "an environment" = new.env(),
  "an object of class <Date>" = as.Date("2024-01-01"),
  "an object of class <matrix/array>" = structure(matrix(1:4, 2), class = c("matrix", "array")),
  "a double vector flagged as an S4 object" = asS4(c(-1, 2)),
  "an object of class <Neuron>" = methods::new("Neuron", weight = 1),
  "a call" = quote(f(x)),
  "a symbol" = quote(x)
)

# Inputs whose attributes R's arithmetic and comparison treat differently.
attribute_cases <- list(
  "named vector" = c(a = -1, b = 2, c = 0),
  "names with NA" = c(a = -1, b = 2, 3)[c(1, 2, 4)],
  "matrix with dimnames" = matrix(c(-1, 2, -3, 4), 2, dimnames = list(c("r1", "r2"), c("c1", "c2"))),
  "matrix with names" = structure(matrix(c(-1, 2, -3, 4), 2), names = c("a", "b", "c", "d")),
  "1-d array" = array(c(-1, 2, 3), 3, list(c("x", "y", "z"))),
  "3-d array with units" = structure(array(-3:8 / 2, c(2, 3, 2)), units = "logits"),
  "tsp without class" = structure(c(-1, 2, 3), tsp = c(1, 3, 1)),
  "comment" = structure(c(-1, 2), comment = "a note"),
  "empty with names and units" = structure(numeric(0), names = character(0), units = "logits"),
  "empty matrix with dimnames" = structure(
    matrix(numeric(0), 0, 3, dimnames = list(NULL, c("a", "b", "c"))),
    units = "logits"
  ),
  "empty integer with names" = structure(integer(0), names = character(0))
)
