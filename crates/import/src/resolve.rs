//! Relative references resolved against a page's base URL, as RFC 3986 (section 5) says and
//! browsers do for http(s) pages. What comes out still goes through the URL policy.

/// Whether `url` starts with a scheme (`https:`, `javascript:`).
pub(crate) fn has_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else { return false };
    let scheme = &url[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic()) && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Whether `url` is absolute `http:` or `https:` with a host: fit to be a base.
pub(crate) fn is_http(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    !rest.is_empty() && !rest.starts_with(['/', '?', '#'])
}

/// `reference` resolved against `base` (an absolute http(s) URL). A reference with its own
/// scheme is returned as it is; white space around it is trimmed, as browsers do.
pub(crate) fn resolve(base: &str, reference: &str) -> String {
    let reference = reference.trim_matches(|c: char| c.is_ascii_whitespace() || c == '\u{c}');
    if has_scheme(reference) || !is_http(base) {
        return reference.to_owned();
    }
    let base = base.split('#').next().unwrap_or(base);
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let authority_end = base[scheme_end..].find(['/', '?', '#']).map_or(base.len(), |i| scheme_end + i);
    let origin = &base[..authority_end];
    let path_and_query = &base[authority_end..];
    let (base_path, base_query) = match path_and_query.find('?') {
        Some(i) => (&path_and_query[..i], &path_and_query[i..]),
        None => (path_and_query, ""),
    };
    if let Some(rest) = reference.strip_prefix("//") {
        return format!("{}//{rest}", &base[..scheme_end - 2]);
    }
    if reference.is_empty() {
        return format!("{origin}{base_path}{base_query}");
    }
    if reference.starts_with('#') {
        return format!("{origin}{base_path}{base_query}{reference}");
    }
    if reference.starts_with('?') {
        return format!("{origin}{}{reference}", if base_path.is_empty() { "/" } else { base_path });
    }
    let split = reference.find(['?', '#']).unwrap_or(reference.len());
    let (path, suffix) = reference.split_at(split);
    let merged = if path.starts_with('/') {
        path.to_owned()
    } else {
        let directory = base_path.rfind('/').map_or("/", |i| &base_path[..=i]);
        format!("{directory}{path}")
    };
    format!("{origin}{}{suffix}", remove_dot_segments(&merged))
}

/// RFC 3986's `remove_dot_segments`, on a path that starts with `/`.
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." | "%2e" | "%2E" => {
                if last {
                    out.push("");
                }
            }
            ".." | ".%2e" | ".%2E" | "%2e." | "%2E." | "%2e%2e" | "%2E%2E" => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            other => out.push(other),
        }
    }
    format!("/{}", out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve_as_rfc_3986_says() {
        let base = "http://a.test/b/c/d;p?q";
        for (reference, expected) in [
            ("g", "http://a.test/b/c/g"),
            ("./g", "http://a.test/b/c/g"),
            ("g/", "http://a.test/b/c/g/"),
            ("/g", "http://a.test/g"),
            ("//g.test/x", "http://g.test/x"),
            ("?y", "http://a.test/b/c/d;p?y"),
            ("g?y#s", "http://a.test/b/c/g?y#s"),
            ("#s", "http://a.test/b/c/d;p?q#s"),
            ("", "http://a.test/b/c/d;p?q"),
            (".", "http://a.test/b/c/"),
            ("..", "http://a.test/b/"),
            ("../g", "http://a.test/b/g"),
            ("../../../g", "http://a.test/g"),
            ("/./g", "http://a.test/g"),
            ("g/../h", "http://a.test/b/c/h"),
            ("  g  ", "http://a.test/b/c/g"),
            ("https://other.test/x", "https://other.test/x"),
            ("javascript:alert(1)", "javascript:alert(1)"),
            ("mailto:a@b.test", "mailto:a@b.test"),
        ] {
            assert_eq!(resolve(base, reference), expected, "{reference}");
        }
        assert_eq!(resolve("https://a.test", "x"), "https://a.test/x");
        assert_eq!(resolve("https://a.test?q=1", "?z"), "https://a.test/?z");
        assert_eq!(resolve("not a base", "x/y"), "x/y");
        assert!(is_http("HTTPS://a.test") && !is_http("https:///x") && !is_http("ftp://a.test"));
    }
}
