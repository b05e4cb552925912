# Developer commands for dlscratch. The package installs into a library
# inside the checkout (R_LIB), so nothing here needs write access to R's own
# library.
#
#   make demo       install what is missing, build, run the walkthrough
#   make test       cargo test, then the testthat suite on the installed package
#   make check      R CMD build and R CMD check on the tarball
#   make lint       cargo fmt --check and cargo clippy
#   make document   regenerate R/extendr-wrappers.R, man/ and NAMESPACE
#   make bench      time Rust, the R twins and NumPy, write BENCHMARKS.md
#   make dist       a source tarball in dist/ that installs offline
#   make test-offline  install that tarball offline into a fresh library
#   make check-cran R CMD check --as-cran on that tarball; fails on any
#                   error or warning
#   make valgrind   the testthat suite under valgrind memcheck

R_LIB ?= $(CURDIR)/.Rlib
PLOT_DIR ?= $(CURDIR)/walkthrough-plots
CARGO_MANIFEST = src/rust/Cargo.toml
export PATH := $(PATH):$(HOME)/.cargo/bin

.PHONY: deps install demo test test-rust test-r check lint document wrappers bench dist test-offline check-cran valgrind clean

deps:
	sh tools/install-deps.sh

install: deps
	mkdir -p "$(R_LIB)"
	R CMD INSTALL --no-multiarch --library="$(R_LIB)" .

demo: install
	DLSCRATCH_PLOT_DIR="$(PLOT_DIR)" R_LIBS="$(R_LIB)" Rscript -e \
	  'demo("walkthrough", package = "dlscratch", ask = FALSE, echo = FALSE)'

test: test-rust test-r

test-rust:
	cargo test --manifest-path $(CARGO_MANIFEST)

test-r: install
	NOT_CRAN=true R_LIBS="$(R_LIB)" Rscript tools/run-tests.R

check: deps
	rm -rf check && mkdir -p check
	cd check && R CMD build ..
	cd check && _R_CHECK_CRAN_INCOMING_REMOTE_=false \
	  _R_CHECK_FUTURE_FILE_TIMESTAMPS_=false \
	  R CMD check --no-manual dlscratch_*.tar.gz

lint:
	cargo fmt --manifest-path $(CARGO_MANIFEST) --check
	cargo clippy --manifest-path $(CARGO_MANIFEST) --all-targets -- -D warnings

wrappers: deps
	rm -rf "$(R_LIB)/wrappers" && mkdir -p "$(R_LIB)/wrappers"
	R CMD INSTALL --no-multiarch --no-test-load --library="$(R_LIB)/wrappers" .
	Rscript tools/update-wrappers.R "$(R_LIB)/wrappers"

document: wrappers
	Rscript -e 'roxygen2::roxygenise(load_code = roxygen2::load_source)'

bench: PYTHON ?= python3
bench: install
	$(PYTHON) -c "import numpy" 2>/dev/null || \
	  $(PYTHON) -m pip install --quiet numpy
	PYTHON="$(PYTHON)" R_LIBS="$(R_LIB)" Rscript bench/run.R

dist: deps
	rm -rf dist
	sh tools/build-dist.sh dist

test-offline: dist
	sh tests/offline-install.sh dist/dlscratch_*.tar.gz

# Without network: the remote CRAN checks and the clock check are skipped.
check-cran: dist
	rm -rf check-cran && mkdir -p check-cran
	cd check-cran && _R_CHECK_CRAN_INCOMING_REMOTE_=false \
	  _R_CHECK_FUTURE_FILE_TIMESTAMPS_=false _R_CHECK_SYSTEM_CLOCK_=false \
	  R CMD check --as-cran --no-manual ../dist/dlscratch_*.tar.gz
	@if grep -E "^Status: .*(ERROR|WARNING)" check-cran/dlscratch.Rcheck/00check.log; then \
	  echo "R CMD check --as-cran reported errors or warnings" >&2; exit 1; \
	fi
	@if grep -E "Found '(abort|_exit|exit)'|non-API call" check-cran/dlscratch.Rcheck/00check.log; then \
	  echo "R CMD check found calls that CRAN rejects" >&2; exit 1; \
	fi

# The suite shrinks its largest inputs when DLSCRATCH_VALGRIND is set. The
# log is in valgrind.log; the target fails on invalid reads or writes and on
# definitely lost blocks whose stack passes through dlscratch. (Saving PNG
# files loses 256 bytes inside libfontconfig, which is not the package's.)
valgrind: install
	DLSCRATCH_VALGRIND=true NOT_CRAN=true R_LIBS="$(R_LIB)" \
	  R --vanilla -d "valgrind --tool=memcheck --leak-check=full --log-file=valgrind.log" \
	  -f tools/run-tests.R
	@grep -E "ERROR SUMMARY|definitely lost" valgrind.log
	@if grep -E "Invalid (read|write)" valgrind.log; then \
	  echo "valgrind found invalid reads or writes" >&2; exit 1; \
	fi
	@if awk '/definitely lost in loss record/ { p = 1 } p { print } /^==[0-9]+== $$/ { p = 0 }' \
	    valgrind.log | grep -q dlscratch; then \
	  echo "valgrind found definitely lost blocks from dlscratch" >&2; exit 1; \
	fi

clean:
	rm -rf "$(R_LIB)" check check-cran dist walkthrough-plots src/rust/target target
	rm -f src/*.o src/*.so
