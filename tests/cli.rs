//! The command line's own switches: `--version` and `-V`, and what `render --page` refuses.

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

/// A page's stylesheet and script go through the URL policy; on the command line a refused one is
/// an error, not a page that silently lacks it.
#[test]
fn a_page_refuses_a_stylesheet_or_script_the_policy_refuses() {
    let article = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/every-block.json");
    for (flag, url, why) in [
        ("--stylesheet", "javascript:alert(1)", "URL scheme \"javascript\" is not allowed here (allowed: https, http, or a relative URL)"),
        ("--script", "data:text/javascript,alert(1)", "URL scheme \"data\" is not allowed here (allowed: https, http, or a relative URL)"),
    ] {
        let run = Command::new(env!("CARGO_BIN_EXE_broadsheet")).args(["render", article, "--page", flag, url]).output().unwrap();
        assert_eq!(String::from_utf8(run.stderr).unwrap(), format!("{flag} \"{url}\": {why}\n"));
        assert_eq!(run.status.code(), Some(2), "{flag}");
        assert_eq!(run.stdout, b"");
    }
}
