//! Structured articles (`arbitrary`): every block type and field, strings built from hostile
//! pieces, random options. Checked through JSON and validation, and as a model handed straight to
//! the writer.
#![no_main]

use broadsheet_test_support::{checks, spec::Spec};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|spec: Spec| {
    let options = spec.options();
    let json = spec.to_json().to_string();
    match broadsheet::parse(&json, &options.limits) {
        Ok(article) => {
            if let Err(report) = checks::rendered(&article, &options).and_then(|()| checks::page(&article, &options)) {
                panic!("{report}\n--- JSON ---\n{json}");
            }
        }
        Err(error) => {
            if let Err(report) = checks::well_formed(&error, &[]) {
                panic!("{report}\n--- JSON ---\n{json}");
            }
        }
    }
    if let Err(report) = checks::rendered(&spec.to_model(), &options) {
        panic!("model: {report}\n--- spec ---\n{spec:#?}");
    }
});
