//! Fuzzing broadsheet: the oracle, the per-target checks and the structured input generator.
//! The targets are in `fuzz_targets/`; `scripts/fuzz.sh` runs them.

pub mod checks;
pub mod oracle;
pub mod pieces;
pub mod spec;
