# Sourced by the scripts: the one nightly Rust they use, pinned so that the browser build's bytes
# (and so its size budget) are the same on every machine. The browser build needs it to rebuild
# std (scripts/build.sh); the fuzzers need it for libFuzzer (scripts/fuzz.sh).
NIGHTLY=nightly-2026-05-19
