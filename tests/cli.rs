//! The command line's own switches: `--version` and `-V`.

use std::process::Command;

#[test]
fn the_version_is_the_packages() {
    for switch in ["--version", "-V"] {
        let run = Command::new(env!("CARGO_BIN_EXE_broadsheet")).arg(switch).output().unwrap();
        assert_eq!(run.status.code(), Some(0), "{switch}");
        assert_eq!(String::from_utf8(run.stdout).unwrap(), format!("broadsheet {}\n", env!("CARGO_PKG_VERSION")));
        assert_eq!(run.stderr, b"");
    }
    assert_eq!(env!("CARGO_PKG_VERSION"), "0.1.0");
    // Anything after it is a usage error, as for every other command.
    let run = Command::new(env!("CARGO_BIN_EXE_broadsheet")).args(["--version", "x"]).output().unwrap();
    assert_eq!(run.status.code(), Some(2));
}
