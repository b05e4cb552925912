#!/bin/sh
# Builds a source tarball of dlscratch that installs without network access:
# the crates from crates.io that Cargo.lock pins are vendored into
# src/rust/vendor.tar.xz, and src/Makevars builds from them offline.
#
# Usage: sh tools/build-dist.sh OUTPUT_DIR   (from the package's top folder)
set -eu

output_dir=$(mkdir -p "$1" && cd "$1" && pwd)
top=$(pwd)
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT

# Copy the files that git tracks, as they are in the working tree.
mkdir "$staging/dlscratch"
git ls-files -z | (cd "$top" && xargs -0 tar -cf -) | tar -xf - -C "$staging/dlscratch"

# The source tarball leaves out the top-level Cargo workspace, so the crate
# builds on its own and needs the workspace's lock file next to it. An empty
# [workspace] table makes it its own workspace root, so that cargo does not
# look for one in the folders above wherever the tarball is unpacked.
cp Cargo.lock "$staging/dlscratch/src/rust/Cargo.lock"
printf '\n[workspace]\n' >> "$staging/dlscratch/src/rust/Cargo.toml"

cd "$staging/dlscratch/src/rust"
echo "Vendoring the crates that Cargo.lock pins"
cargo vendor --locked --versioned-dirs --quiet vendor >/dev/null
tar -cJf vendor.tar.xz vendor
rm -rf vendor

cd "$staging"
R CMD build --no-manual dlscratch
mv dlscratch_*.tar.gz "$output_dir/"
ls "$output_dir"/dlscratch_*.tar.gz
