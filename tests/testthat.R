# This file is part of the standard setup for testthat. It runs the tests in
# tests/testthat/ against the installed package, both under R CMD check and
# through `make test`.
library(testthat)
library(dlscratch)

test_check("dlscratch")
