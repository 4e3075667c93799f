//! `broadsheet render FILE|- [--page]`, `broadsheet check FILE…`, `broadsheet import --from
//! FORMAT FILE|-`, `broadsheet schema`, `broadsheet --version`.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use broadsheet_import::{Given, Source};
use broadsheet::json::JsonStyle;
use broadsheet::{Options, JSON_SCHEMA};

const USAGE: &str = "usage:
  broadsheet render FILE|- [--page] [--report] [--options OPTIONS.json] [--stylesheet HREF] [--script SRC]
      write the article as an HTML fragment (or, with --page, a whole page);
      OPTIONS.json holds render options as the JS package takes them (camelCase);
      --report prints instead the privacy report: every other site the HTML makes a browser
      contact, before any interaction and when a video is played, each with its block's path
  broadsheet check [--strict] [--report] [--options OPTIONS.json] FILE...
      print every problem as FILE: path: message, and what is valid but bad for readers as
      FILE: path: warning: message [rule] (rules are in docs/warnings.md; switch them off with
      warnings: { off: [RULE…] } in OPTIONS.json); exit 1 on a problem, or with --strict on
      a warning too; --report adds each valid article's privacy report, one FILE: line per request
  broadsheet import --from wordpress|ans|portable-text|html [--headline TEXT] [--url URL] FILE|-
      read a WordPress post (REST API, context=edit) or its block markup, an Arc XP ANS story,
      Portable Text, or any HTML page holding an article (found as Firefox Reader View finds it);
      print the format 1.1 article as JSON, and on stderr one note per line (SOURCE_PATH: message)
      for what was not mapped exactly; --headline is used when the source has none; --url is the
      HTML page's own URL, for its relative links and images; exit 1 if no valid article can be made
  broadsheet schema
      print the JSON Schema of article format v1
  broadsheet --version | -V
      print the version";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("render") => render(&args[1..]),
        Some("check") => check(&args[1..]),
        Some("import") => import(&args[1..]),
        Some("schema") if args.len() == 1 => print(JSON_SCHEMA),
        Some("-h" | "--help" | "help") => print(&format!("{USAGE}\n")),
        Some("-V" | "--version") if args.len() == 1 => print(concat!("broadsheet ", env!("CARGO_PKG_VERSION"), "\n")),
        _ => Err(format!("{USAGE}\n")),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprint!("{message}");
            ExitCode::from(2)
        }
    }
}

fn print(text: &str) -> Result<ExitCode, String> {
    io::stdout().write_all(text.as_bytes()).map_err(|e| format!("broadsheet: {e}\n"))?;
    Ok(ExitCode::SUCCESS)
}

fn read(file: &str) -> Result<String, String> {
    let mut text = String::new();
    let read = if file == "-" {
        io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::File::open(file).and_then(|mut f| f.read_to_string(&mut text)).map(|_| ())
    };
    read.map(|()| text).map_err(|e| format!("{file}: {e}\n"))
}

fn read_bytes(file: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let read = if file == "-" { io::stdin().read_to_end(&mut bytes).map(|_| ()) } else { std::fs::read(file).map(|b| bytes = b) };
    read.map(|()| bytes).map_err(|e| format!("{file}: {e}\n"))
}

fn render(args: &[String]) -> Result<ExitCode, String> {
    let mut file = None;
    let mut options_file = None;
    let mut page = false;
    let mut report = false;
    let mut stylesheet = "broadsheet.css".to_owned();
    let mut script = "broadsheet-element.js".to_owned();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--page" => page = true,
            "--report" => report = true,
            "--options" => options_file = Some(rest.next().ok_or(format!("--options needs a file\n{USAGE}\n"))?),
            "--stylesheet" => stylesheet = rest.next().ok_or(format!("--stylesheet needs a value\n{USAGE}\n"))?.clone(),
            "--script" => script = rest.next().ok_or(format!("--script needs a value\n{USAGE}\n"))?.clone(),
            _ if file.is_none() => file = Some(arg.as_str()),
            _ => return Err(format!("unexpected argument {arg}\n{USAGE}\n")),
        }
    }
    let file = file.ok_or(format!("{USAGE}\n"))?;
    // The page leaves out a URL the policy refuses; here it is an error instead.
    for (flag, url) in [("--stylesheet", &stylesheet), ("--script", &script)] {
        broadsheet::escape::check_url(url, broadsheet::escape::UrlUse::Resource).map_err(|why| format!("{flag} \"{url}\": {why}\n"))?;
    }
    let Some(options) = load_options(options_file)? else {
        return Ok(ExitCode::FAILURE);
    };
    let article = match broadsheet::parse(&read(file)?, &options.limits) {
        Ok(article) => article,
        Err(error) => {
            eprint!("{}", problems(file, &error));
            return Ok(ExitCode::FAILURE);
        }
    };
    if report {
        return print(&broadsheet::privacy_report(&article, &options).to_string());
    }
    let html = if page {
        broadsheet::render_page(&article, &options, &stylesheet, &script)
    } else {
        broadsheet::render(&article, &options)
    };
    print(&html)
}

fn import(args: &[String]) -> Result<ExitCode, String> {
    let mut file = None;
    let mut from = None;
    let mut headline = None;
    let mut page_url = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--url" => page_url = Some(rest.next().ok_or(format!("--url needs a value\n{USAGE}\n"))?.as_str()),
            "--from" => {
                let name = rest.next().ok_or(format!("--from needs a format\n{USAGE}\n"))?;
                let names: Vec<&str> = Source::ALL.iter().map(|(_, name)| *name).collect();
                from = Some(Source::from_name(name).ok_or(format!("--from {name}: unknown format (known: {})\n", names.join(", ")))?);
            }
            "--headline" => headline = Some(rest.next().ok_or(format!("--headline needs a value\n{USAGE}\n"))?.as_str()),
            _ if file.is_none() => file = Some(arg.as_str()),
            _ => return Err(format!("unexpected argument {arg}\n{USAGE}\n")),
        }
    }
    let (Some(file), Some(from)) = (file, from) else {
        return Err(format!("import needs --from and a file\n{USAGE}\n"));
    };
    if page_url.is_some() && from != Source::Html {
        return Err(format!("--url is only read with --from html\n{USAGE}\n"));
    }
    let given = Given { headline, url: page_url };
    let limits = Options::default().limits;
    let imported = match from {
        // A page is bytes: decoded as a browser decodes them.
        Source::Html => broadsheet_import::import_bytes(&read_bytes(file)?, from, given, &limits),
        _ => broadsheet_import::import_with(&read(file)?, from, given, &limits),
    };
    match imported {
        Ok(imported) => {
            let notes: String = imported.notes.iter().map(|note| format!("{note}\n")).collect();
            eprint!("{notes}");
            print(&imported.json.to_json(JsonStyle::Pretty))
        }
        Err(error) => {
            eprint!("{}", problems(file, &error));
            Ok(ExitCode::FAILURE)
        }
    }
}

fn check(args: &[String]) -> Result<ExitCode, String> {
    let (mut privacy, mut strict, mut options_file, mut files) = (false, false, None, Vec::new());
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--report" => privacy = true,
            "--strict" => strict = true,
            "--options" => options_file = Some(rest.next().ok_or(format!("--options needs a file\n{USAGE}\n"))?),
            _ => files.push(arg),
        }
    }
    if files.is_empty() {
        return Err(format!("check needs a file\n{USAGE}\n"));
    }
    let Some(options) = load_options(options_file)? else {
        return Ok(ExitCode::FAILURE);
    };
    let (mut out, mut failed) = (String::new(), false);
    for file in files {
        let article = read(file).and_then(|json| broadsheet::parse(&json, &options.limits).map_err(|error| problems(file, &error)));
        match article {
            Ok(article) => {
                for warning in broadsheet::warnings(&article, &options.warnings_off) {
                    failed |= strict;
                    out.push_str(&format!("{file}: {}: warning: {} [{}]\n", warning.path, warning.message, warning.rule));
                }
                if privacy {
                    let report = broadsheet::privacy_report(&article, &options).to_string();
                    out.extend(report.lines().map(|line| format!("{file}: {line}\n")));
                }
            }
            Err(message) => {
                failed = true;
                out.push_str(&message);
            }
        }
    }
    print(&out)?;
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// The options in `file`, or the defaults without one; `None` when they are not valid (each
/// problem printed as `FILE: path: message`). A file that cannot be read is a usage error.
fn load_options(file: Option<&String>) -> Result<Option<Options>, String> {
    let Some(path) = file else { return Ok(Some(Options::default())) };
    let parsed = broadsheet::json::parse(&read(path)?).and_then(|value| Options::from_json_value(&value));
    match parsed {
        Ok(options) => Ok(Some(options)),
        Err(error) => {
            eprint!("{}", problems(path, &error));
            Ok(None)
        }
    }
}

/// One `FILE: path: message` line per problem.
fn problems(file: &str, error: &broadsheet::Error) -> String {
    error.problems().iter().map(|problem| format!("{file}: {problem}\n")).collect()
}
