#!/bin/sh
# Installs what dlscratch needs to build, test and run its walkthrough: R, the
# R packages it suggests, pandoc for its vignette, qpdf for R CMD check
# --as-cran, and roxygen2 for `make document`. Rust (cargo and rustc) must
# already be installed.
#
# On Debian and Ubuntu the missing pieces come from apt. Elsewhere the script
# lists what to install and stops.
set -eu

debian_packages="r-base-dev r-cran-testthat r-cran-ggplot2 r-cran-bench r-cran-roxygen2 r-cran-knitr r-cran-rmarkdown pandoc qpdf"
r_packages='"testthat", "ggplot2", "bench", "roxygen2", "knitr", "rmarkdown"'

r_is_complete() {
  command -v Rscript >/dev/null 2>&1 &&
    command -v pandoc >/dev/null 2>&1 &&
    command -v qpdf >/dev/null 2>&1 &&
    Rscript -e "quit(status = !all(vapply(c($r_packages), requireNamespace, NA, quietly = TRUE)))" >/dev/null 2>&1
}

if ! command -v cargo >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/cargo" ]; then
  echo "cargo was not found. Install Rust 1.75 or newer with rustup" >&2
  echo "(https://rustup.rs), then run this again. Debian 12's own Rust" >&2
  echo "packages (1.63) are too old." >&2
  exit 1
fi

if r_is_complete; then
  echo "R and the R packages that dlscratch needs are installed."
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "R or some R packages are missing, and apt-get is not available." >&2
  echo "Install R (>= 4.2), pandoc and qpdf, then in R:" >&2
  echo "  install.packages(c($r_packages))" >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=""
elif command -v sudo >/dev/null 2>&1; then
  as_root="sudo"
else
  echo "Installing with apt-get needs root. Run as root:" >&2
  echo "  apt-get update && apt-get install -y $debian_packages" >&2
  exit 1
fi

echo "Installing from apt: $debian_packages"
$as_root apt-get update
DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y --no-install-recommends $debian_packages
r_is_complete
