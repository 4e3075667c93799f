//! What broadsheet's tests and fuzzers share: the oracle that reads rendered HTML with a real
//! HTML5 parser, the per-target checks, the structured input generator, the golden-file helper,
//! and the XSS corpus the browser test loads. The fuzz targets are in `fuzz/fuzz_targets/`
//! (`scripts/fuzz.sh` runs them); the tests are in `tests/`.

pub mod checks;
pub mod golden;
pub mod oracle;
pub mod pieces;
pub mod spec;
pub mod xss;
