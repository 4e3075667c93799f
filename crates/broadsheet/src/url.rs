//! URLs, parsed once: the parts of a reference, its host and origin, and a reference resolved
//! against a base as a browser resolves it. Validation's policy (`escape::check_url`), the
//! JSON-LD, the privacy report, warnings, the video readers and the importers all read URLs here.

/// The parts of a URI reference (RFC 3986, appendix B); `None` is absent, `Some("")` present and
/// empty. Every string has this shape; whether the format allows the URL is
/// [`check_url`](crate::escape::check_url)'s question, asked of these same parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Url<'u> {
    /// What precedes the first `:` when no `/` comes before it (`https`, as written).
    pub scheme: Option<&'u str>,
    /// What follows `//`, up to the path: `user@host:port`.
    pub authority: Option<&'u str>,
    /// The path, possibly empty.
    pub path: &'u str,
    /// What follows `?`, up to `#`.
    pub query: Option<&'u str>,
    /// What follows `#`.
    pub fragment: Option<&'u str>,
}

impl<'u> Url<'u> {
    /// Splits `url` into its parts.
    pub fn parse(url: &'u str) -> Url<'u> {
        parts(url)
    }

    /// The host, without user information or port (as written; hosts compare case-insensitively).
    pub fn host(&self) -> Option<&'u str> {
        let authority = self.authority?;
        let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
        // A port follows the last ':' unless it is inside an IPv6 literal's brackets.
        let host = match host.rfind(':') {
            Some(colon) if !host[colon..].contains(']') => &host[..colon],
            _ => host,
        };
        Some(host)
    }

    /// `scheme://host[:port]` of an `https` or `http` URL with a host, scheme and host lower
    /// case: the site a browser contacts. `None` for a relative URL (the page's own site).
    pub fn origin(&self) -> Option<String> {
        let scheme = self.scheme?.to_ascii_lowercase();
        if scheme != "https" && scheme != "http" {
            return None;
        }
        let authority = self.authority.filter(|a| !a.is_empty())?;
        let host_and_port = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
        Some(format!("{scheme}://{}", host_and_port.to_ascii_lowercase()))
    }
}

/// An `https` or `http` URL with a host, as the video readers take it apart: the host lower case
/// (its port and user information dropped), the path without its leading `/`, an absent query or
/// fragment as `""`.
pub(crate) struct WebParts<'u> {
    pub host: String,
    pub path: &'u str,
    pub query: &'u str,
    pub fragment: &'u str,
}

/// `url`'s [`WebParts`], or `None` when it is not an absolute `https` or `http` URL with a host.
pub(crate) fn web_parts(url: &str) -> Option<WebParts<'_>> {
    let parts = Url::parse(url);
    let scheme = parts.scheme?;
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return None;
    }
    let host = parts.host().filter(|host| !host.is_empty())?.to_ascii_lowercase();
    Some(WebParts {
        host,
        path: parts.path.strip_prefix('/').unwrap_or(parts.path),
        query: parts.query.unwrap_or(""),
        fragment: parts.fragment.unwrap_or(""),
    })
}

/// Where the ':' that ends a URL's scheme is: the first ':', when no '/', '?' or '#' comes
/// before it. One at the very start ends no scheme: [`Url::parse`] reads none there, and the
/// policy refuses it.
pub fn scheme_colon(url: &str) -> Option<usize> {
    url.find([':', '/', '?', '#']).filter(|&at| url.as_bytes()[at] == b':')
}

fn parts(url: &str) -> Url<'_> {
    let (rest, fragment) = match url.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (url, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((rest, query)) => (rest, Some(query)),
        None => (rest, None),
    };
    // `rest` is a prefix of `url` that holds everything before the first '?' or '#'.
    let (scheme, rest) = match scheme_colon(url).filter(|&at| at > 0) {
        Some(colon) => (Some(&rest[..colon]), &rest[colon + 1..]),
        None => (None, rest),
    };
    let (authority, path) = match rest.strip_prefix("//") {
        Some(rest) => {
            let end = rest.find('/').unwrap_or(rest.len());
            (Some(&rest[..end]), &rest[end..])
        }
        None => (None, rest),
    };
    Url { scheme, authority, path, query, fragment }
}

/// `reference` resolved against the absolute URL `base`, as a browser does (RFC 3986, 5.2).
pub fn resolve(reference: &str, base: &str) -> String {
    let r = parts(reference);
    let b = parts(base);
    let (scheme, authority, path, query) = if r.scheme.is_some() {
        (r.scheme, r.authority, remove_dot_segments(r.path), r.query)
    } else if r.authority.is_some() {
        (b.scheme, r.authority, remove_dot_segments(r.path), r.query)
    } else if r.path.is_empty() {
        (b.scheme, b.authority, b.path.to_owned(), r.query.or(b.query))
    } else if r.path.starts_with('/') {
        (b.scheme, b.authority, remove_dot_segments(r.path), r.query)
    } else {
        (b.scheme, b.authority, remove_dot_segments(&merge(&b, r.path)), r.query)
    };
    let mut out = String::with_capacity(base.len() + reference.len());
    if let Some(scheme) = scheme {
        out.push_str(scheme);
        out.push(':');
    }
    if let Some(authority) = authority {
        out.push_str("//");
        out.push_str(authority);
    }
    out.push_str(&path);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    if let Some(fragment) = r.fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// A relative path joined to the base's directory (RFC 3986, 5.2.3).
fn merge(base: &Url, path: &str) -> String {
    if base.authority.is_some() && base.path.is_empty() {
        return format!("/{path}");
    }
    let directory = base.path.rfind('/').map_or("", |slash| &base.path[..=slash]);
    format!("{directory}{path}")
}

/// `.` and `..` segments interpreted and removed (RFC 3986, 5.2.4).
fn remove_dot_segments(path: &str) -> String {
    let mut input = path;
    let mut output = String::with_capacity(path.len());
    let pop = |output: &mut String| output.truncate(output.rfind('/').unwrap_or(0));
    while !input.is_empty() {
        if let Some(rest) = input.strip_prefix("../").or_else(|| input.strip_prefix("./")) {
            input = rest;
        } else if input.starts_with("/./") {
            input = &input[2..];
        } else if input == "/." {
            input = "/";
        } else if input.starts_with("/../") {
            input = &input[3..];
            pop(&mut output);
        } else if input == "/.." {
            input = "/";
            pop(&mut output);
        } else if input == "." || input == ".." {
            input = "";
        } else {
            // The first segment, with its leading '/' if it has one.
            let start = usize::from(input.starts_with('/'));
            let end = input[start..].find('/').map_or(input.len(), |slash| slash + start);
            output.push_str(&input[..end]);
            input = &input[end..];
        }
    }
    output
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 3986, 5.4: its examples against its base.
    #[test]
    fn resolves_as_rfc_3986_does() {
        let base = "http://a/b/c/d;p?q";
        let cases = [
            // 5.4.1, normal examples.
            ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"), ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"), ("g?y#s", "http://a/b/c/g?y#s"),
            (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"), ("g;x?y#s", "http://a/b/c/g;x?y#s"),
            ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"), ("..", "http://a/b/"),
            ("../", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../", "http://a/"),
            ("../../g", "http://a/g"),
            // 5.4.2, abnormal examples.
            ("../../../g", "http://a/g"), ("../../../../g", "http://a/g"), ("/./g", "http://a/g"),
            ("/../g", "http://a/g"), ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"), ("g..", "http://a/b/c/g.."),
            ("..g", "http://a/b/c/..g"), ("./../g", "http://a/b/g"), ("./g/.", "http://a/b/c/g/"),
            ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"), ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
            ("g;x=1/../y", "http://a/b/c/y"), ("g?y/./x", "http://a/b/c/g?y/./x"), ("g?y/../x", "http://a/b/c/g?y/../x"),
            ("g#s/./x", "http://a/b/c/g#s/./x"), ("g#s/../x", "http://a/b/c/g#s/../x"), ("http:g", "http:g"),
        ];
        for (reference, expected) in cases {
            assert_eq!(resolve(reference, base), expected, "{reference}");
        }
    }

    #[test]
    fn resolves_what_articles_hold() {
        let base = "https://news.example.com/life/story?page=2#top";
        let cases = [
            ("//cdn.example.com/x.png", "https://cdn.example.com/x.png"),
            ("/media/a.jpg", "https://news.example.com/media/a.jpg"),
            ("a.jpg", "https://news.example.com/life/a.jpg"),
            ("../a.jpg", "https://news.example.com/a.jpg"),
            ("../../../a.jpg", "https://news.example.com/a.jpg"),
            ("img/a.jpg?w=800#crop", "https://news.example.com/life/img/a.jpg?w=800#crop"),
            ("?w=800", "https://news.example.com/life/story?w=800"),
            ("#figure", "https://news.example.com/life/story?page=2#figure"),
            ("page?x=a:b", "https://news.example.com/life/page?x=a:b"),
            ("https://images.example.com/a.jpg", "https://images.example.com/a.jpg"),
            ("café/ñ.jpg", "https://news.example.com/life/café/ñ.jpg"),
            ("é", "https://news.example.com/life/é"),
        ];
        for (reference, expected) in cases {
            assert_eq!(resolve(reference, base), expected, "{reference}");
        }
        // A base with no path: the reference goes under the root.
        assert_eq!(resolve("a.jpg", "https://news.example.com"), "https://news.example.com/a.jpg");
        assert_eq!(resolve("?q", "https://news.example.com"), "https://news.example.com?q");
    }

    #[test]
    fn hosts_and_origins() {
        let url = Url::parse("HTTPS://User@Images.Example.com:8443/a?b#c");
        assert_eq!(url.host(), Some("Images.Example.com"));
        assert_eq!(url.origin().as_deref(), Some("https://images.example.com:8443"));
        assert_eq!(Url::parse("http://[::1]/x").host(), Some("[::1]"));
        assert_eq!(Url::parse("/media/a.jpg").origin(), None);
        assert_eq!(Url::parse("//cdn.example.com/a.jpg").origin(), None);
        assert_eq!(Url::parse("mailto:desk@example.com").origin(), None);
        assert_eq!(Url::parse("https:///nohost").origin(), None);
    }
}
