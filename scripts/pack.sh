#!/usr/bin/env bash
# Packs pkg/ as npm would publish it into target/pack/broadsheet.tgz, the file every example under
# examples/ installs. Run scripts/build.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf target/pack
mkdir -p target/pack
tarball=$(npm pack ./pkg --pack-destination target/pack --silent | tail -1)
mv "target/pack/$tarball" target/pack/broadsheet.tgz
