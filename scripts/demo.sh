#!/usr/bin/env bash
# `make demo`: installs what is missing, builds the package and the demo site, and serves it on
# http://127.0.0.1:PORT/ (default 8080) until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${1:-8080}
scripts/setup.sh
scripts/build.sh
node scripts/build-site.mjs
exec node scripts/serve.mjs "$port" target/site
