#!/bin/sh
# Checks a source tarball made by `make dist`:
#   1. it carries no build output (no target/ folder, no .a, .o or .so file);
#   2. it installs with no network (CARGO_NET_OFFLINE=true) into a fresh
#      library, with HOME set to an empty folder in which no .cargo folder
#      appears, and the installed package runs the walkthrough;
#   3. after a change to a kernel's .rs file, installing again from the
#      unpacked source folder picks up the change.
#
# Usage: sh tests/offline-install.sh dist/dlscratch_<version>.tar.gz
set -eu

tarball="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/home" "$work/lib" "$work/src"
passed=0

echo "== 1. build output in the tarball"
if tar -tzf "$tarball" | grep -E '(^|/)target/|\.(a|o|so)$'; then
  echo "FAILED: the tarball contains the build output listed above" >&2
  exit 1
fi
passed=$((passed + 1))

echo "== 2. offline install with an empty HOME"
# rustup keeps its toolchains under the real HOME; only cargo's own files
# must stay out of the empty one.
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
cargo_bin="$HOME/.cargo/bin"
HOME="$work/home" PATH="$PATH:$cargo_bin" CARGO_NET_OFFLINE=true \
  R CMD INSTALL --library="$work/lib" "$tarball"
if [ -e "$work/home/.cargo" ]; then
  echo "FAILED: the install wrote $work/home/.cargo" >&2
  exit 1
fi
R_LIBS="$work/lib" Rscript -e '
  stopifnot(identical(dlscratch::sigmoid(0), 0.5))
  demo("walkthrough", package = "dlscratch", ask = FALSE, echo = FALSE)
'
passed=$((passed + 1))

echo "== 3. a changed .rs file is rebuilt"
tar -xzf "$tarball" -C "$work/src"
kernel="$work/src/dlscratch/src/rust/src/kernels/activation.rs"
HOME="$work/home" PATH="$PATH:$cargo_bin" CARGO_NET_OFFLINE=true \
  R CMD INSTALL --library="$work/lib" "$work/src/dlscratch" >/dev/null
sed -i 's|\*o = 1.0 / (1.0 + r_exp(-v.to_real()));|*o = 2.0 / (1.0 + r_exp(-v.to_real()));|' "$kernel"
grep -q '2.0 / (1.0 + r_exp' "$kernel"
HOME="$work/home" PATH="$PATH:$cargo_bin" CARGO_NET_OFFLINE=true \
  R CMD INSTALL --library="$work/lib" "$work/src/dlscratch" >/dev/null
R_LIBS="$work/lib" Rscript -e 'stopifnot(identical(dlscratch::sigmoid(0), 1))'
passed=$((passed + 1))

echo "offline install: $passed passed, 0 failed"
