# activation_data() and plot_activations().

test_that("activation_data() returns the documented columns and rows", {
  x <- seq(-5, 4.9, by = 0.1)
  curves <- activation_data(c("sigmoid", "relu"), x)
  expect_s3_class(curves, "data.frame")
  expect_named(curves, c("x", "y", "fn"))
  expect_identical(nrow(curves), 2L * length(x))
  expect_identical(levels(curves$fn), c("sigmoid", "relu"))
  expect_identical(curves$x, c(x, x))
  expect_identical(curves$y, c(sigmoid(x), relu(x)))
})

test_that("activation_data() uses the book's grid by default", {
  curves <- activation_data("step_function")
  expect_identical(curves$x, seq(-5, 4.9, by = 0.1))
  expect_identical(curves$y, step_function(seq(-5, 4.9, by = 0.1)))
  gradients <- activation_data(c("sigmoid_grad", "relu_grad"), c(-1, 0, 1))
  expect_identical(gradients$y, c(sigmoid_grad(c(-1, 0, 1)), relu_grad(c(-1, 0, 1))))
})

test_that("activation_data() rejects unknown names and bad x", {
  expect_error(activation_data("tanh"), "`fns` contains unknown function \"tanh\". Valid names: ", fixed = TRUE, class = "dlscratch_error")
  expect_error(activation_data(1), "`fns` must be a character vector of function names.", fixed = TRUE)
  expect_error(activation_data("relu", "a"), "`x` must be a numeric vector, not character.", fixed = TRUE)
})

test_that("plot_activations() builds and saves without warnings", {
  skip_if_not_installed("ggplot2")
  plot <- plot_activations()
  expect_s3_class(plot, "ggplot")
  built <- expect_silent(ggplot2::ggplot_build(plot))
  expect_identical(nrow(built$data[[1]]), 3L * 100L)
  path <- tempfile(fileext = ".png")
  on.exit(unlink(path))
  expect_silent(ggplot2::ggsave(path, plot, width = 5, height = 3.5, dpi = 72))
  expect_gt(file.size(path), 1000)
})

test_that("plot_activations() adds the derivatives on request", {
  skip_if_not_installed("ggplot2")
  plot <- plot_activations(c("sigmoid", "relu"), grad = TRUE)
  built <- expect_silent(ggplot2::ggplot_build(plot))
  expect_identical(nrow(built$data[[1]]), 4L * 100L)
  expect_setequal(levels(plot$data$curve), c("function", "derivative"))
  derivative <- plot$data[plot$data$curve == "derivative" & plot$data$fn == "sigmoid", ]
  expect_identical(derivative$y, sigmoid_grad(derivative$x))
  every <- plot_activations(c("identity_function", "step_function", "sigmoid", "relu"), grad = TRUE)
  built <- expect_silent(ggplot2::ggplot_build(every))
  expect_identical(nrow(built$data[[1]]), 8L * 100L)
  expect_error(plot_activations(grad = NA), "`grad` must be TRUE or FALSE.", fixed = TRUE)
  expect_error(plot_activations("softmax"), "unknown function \"softmax\"", fixed = TRUE)
})

test_that("the functions work in geom_function() and stat_function()", {
  skip_if_not_installed("ggplot2")
  for (fun in list(sigmoid, relu, step_function, sigmoid_grad, relu_grad)) {
    with_geom <- ggplot2::ggplot() + ggplot2::xlim(-5, 5) + ggplot2::geom_function(fun = fun)
    built <- expect_silent(ggplot2::ggplot_build(with_geom))
    layer <- built$data[[1]]
    expect_identical(layer$y, fun(layer$x))

    with_stat <- ggplot2::ggplot(data.frame(x = c(-5, 5)), ggplot2::aes(x)) +
      ggplot2::stat_function(fun = fun, n = 51)
    built <- expect_silent(ggplot2::ggplot_build(with_stat))
    expect_identical(nrow(built$data[[1]]), 51L)
  }
})

test_that("plot_activations() accepts an empty grid", {
  skip_if_not_installed("ggplot2")
  plot <- plot_activations("sigmoid", grad = TRUE, x = numeric(0))
  expect_s3_class(plot, "ggplot")
  expect_identical(nrow(plot$data), 0L)
})
