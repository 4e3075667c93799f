//! An HTML page (an article saved from the web, an old CMS's or a static site's page, a
//! syndication copy) becomes an article. The article is found as Firefox Reader View finds it,
//! by dom_smoothie (a Rust port of Mozilla's Readability); its metadata is read from JSON-LD,
//! Open Graph and meta tags first; its body goes through the HTML reader every importer uses
//! ([`crate::html`]).
//!
//! Before the extraction every element of the page is stamped with its number
//! ([`html::STAMP`]), so that notes name an element's place in the page as a CSS-like path
//! (`div#content>p:nth-of-type(3)`), and so that what the extraction left out can be told apart
//! from what it kept: scripts, styles, forms and share buttons inside the article are noted one
//! by one, the page around it counted in one note. Frames the extraction drops (Readability
//! keeps only known video players) come back as link cards when they sat in the article.

use std::borrow::Cow;
use std::rc::Rc;

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};

use broadsheet::escape::UrlUse;
use broadsheet::json::{self, ObjectBuilder, Value};
use broadsheet::{Error, Limits, Path, Problem};

use crate::article_json::{plain, string, url, Notes, SourcePlaces};
use crate::html::{self, Element, Node, STAMP};
use crate::resolve::{is_http, resolve};

/// Where each element of the page was, by its stamp (its number in document order).
#[derive(Debug, Default)]
pub(crate) struct Places {
    elements: Vec<Place>,
}

#[derive(Debug)]
struct Place {
    /// The parent's stamp; `NONE` for the root element.
    parent: u32,
    name: String,
    /// Its number among its parent's children of its name, from 1; 0 when it is the only one.
    nth: u32,
    /// Its `id`, when one that reads plainly in a path.
    id: Option<String>,
    /// Characters of text in it (white space aside), its descendants' included; none in code.
    text: u32,
    /// The start of its first text of its own (to tell whether its words made it into the article).
    snippet: Box<str>,
    kind: Kind,
}

const NONE: u32 = u32::MAX;

/// What an element of the page is, for the notes on what the extraction left out.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Code,
    Form,
    Share,
    Hidden,
    /// A frame, an `<embed>` or an `<object>`: its URL and title.
    Frame(String, Option<String>),
    /// An image, with its source.
    Image(String),
    Other,
}

impl SourcePlaces for Places {
    /// The path of the element stamped `stamp`: from the nearest ancestor with an id, or from
    /// `body`, each step `name`, `name#id` or `name:nth-of-type(n)`, joined by `>`.
    fn path(&self, stamp: usize) -> Option<Path> {
        self.elements.get(stamp)?;
        let mut steps = Vec::new();
        let mut at = stamp as u32;
        while at != NONE {
            let place = &self.elements[at as usize];
            if matches!(place.name.as_str(), "html") {
                break;
            }
            match &place.id {
                Some(id) => {
                    steps.push(format!("{}#{id}", place.name));
                    break;
                }
                None if place.nth > 0 => steps.push(format!("{}:nth-of-type({})", place.name, place.nth)),
                None => steps.push(place.name.clone()),
            }
            at = place.parent;
        }
        steps.reverse();
        Some(Path::default().key(&steps.join(">")))
    }
}

/// Whether an id can stand in a path as it is (no character a path would quote).
fn plain_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
}

/// Stamps every element of `document` with its number and records where it is.
fn stamp(document: &Document) -> Places {
    let mut elements: Vec<Place> = Vec::new();
    let mut stack: Vec<(NodeRef, u32, u32)> = Vec::new();
    let root_children = document.root().element_children();
    push_children(&root_children, NONE, &mut stack);
    while let Some((node, parent, nth)) = stack.pop() {
        let index = elements.len() as u32;
        let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        let id = node.id_attr().map(|id| id.to_string()).filter(|id| plain_id(id));
        let kind = kind(&node, &name);
        let (mut own_text, mut snippet) = (0usize, String::new());
        if kind != Kind::Code {
            for text in node.children_it(false).filter(|c| c.is_text()) {
                let text = text.text();
                own_text += text.chars().filter(|c| !c.is_whitespace()).count();
                if snippet.is_empty() {
                    snippet = text.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(80).collect();
                }
            }
        }
        node.set_attr(STAMP, &index.to_string());
        elements.push(Place { parent, name, nth, id, text: own_text.min(u32::MAX as usize) as u32, snippet: snippet.into(), kind });
        push_children(&node.element_children(), index, &mut stack);
    }
    // Children come after their parent: adding each element's text to its parent's, from the
    // last, sums every subtree.
    for i in (0..elements.len()).rev() {
        let (parent, text) = (elements[i].parent, elements[i].text);
        if parent != NONE {
            let total = &mut elements[parent as usize].text;
            *total = total.saturating_add(text);
        }
    }
    Places { elements }
}

/// Pushes `children` on the stack (last first, so they come off in order) with their numbers
/// among the children of their name.
fn push_children<'a>(children: &[NodeRef<'a>], parent: u32, stack: &mut Vec<(NodeRef<'a>, u32, u32)>) {
    let names: Vec<String> = children.iter().map(|c| c.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default()).collect();
    let mut seen: Vec<(&str, u32)> = Vec::new();
    let mut nths = Vec::with_capacity(children.len());
    for name in &names {
        let count = names.iter().filter(|n| *n == name).count();
        let nth = match seen.iter_mut().find(|(n, _)| n == name) {
            Some(entry) => {
                entry.1 += 1;
                entry.1
            }
            None => {
                seen.push((name, 1));
                1
            }
        };
        nths.push(if count > 1 { nth } else { 0 });
    }
    for (child, nth) in children.iter().zip(nths).rev() {
        stack.push((*child, parent, nth));
    }
}

/// Words in a class or id that mark share buttons and social widgets.
const SHARE_WORDS: [&str; 7] = ["share", "sharing", "social", "sociable", "addthis", "sharethis", "shareaholic"];

fn kind(node: &NodeRef, name: &str) -> Kind {
    match name {
        "script" | "style" | "link" | "template" | "noscript" => return Kind::Code,
        "form" | "input" | "button" | "select" | "textarea" | "fieldset" | "label" => return Kind::Form,
        "iframe" | "embed" | "object" => {
            let src = node.attr("src").or_else(|| node.attr("data-src")).or_else(|| node.attr("data")).map(|s| s.trim().to_owned()).unwrap_or_default();
            return Kind::Frame(src, node.attr("title").and_then(|t| plain(&t)));
        }
        "img" => return Kind::Image(node.attr("src").or_else(|| node.attr("data-src")).map(|s| s.trim().to_owned()).unwrap_or_default()),
        _ => {}
    }
    let named = [node.attr("class"), node.id_attr()];
    let share = named.iter().flatten().any(|v| {
        v.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| SHARE_WORDS.contains(&w.to_ascii_lowercase().as_str()))
    });
    if share {
        return Kind::Share;
    }
    let style = node.attr("style").map(|s| s.to_ascii_lowercase().replace(' ', "")).unwrap_or_default();
    let hidden = node.has_attr("hidden")
        || node.attr("aria-hidden").is_some_and(|v| v.trim() == "true")
        || style.contains("display:none")
        || style.contains("visibility:hidden");
    if hidden {
        return Kind::Hidden;
    }
    Kind::Other
}

/// What the page's head says about the article, read before the extraction changes the page.
#[derive(Debug, Default)]
struct Head {
    /// `(key, content, stamp)` of every `<meta>` with content; keys are lower case `property`,
    /// `name` or `itemprop` values.
    metas: Vec<(String, String, usize)>,
    canonical: Option<(String, usize)>,
    /// The first `<base href>`.
    base: Option<String>,
    /// The text of each `<script type="application/ld+json">`, with its stamp.
    json_ld: Vec<(String, usize)>,
}

impl Head {
    fn meta(&self, keys: &[&str]) -> Option<(&str, usize)> {
        keys.iter().find_map(|key| self.metas.iter().find(|(k, v, _)| k == key && !v.trim().is_empty()).map(|(_, v, at)| (v.as_str(), *at)))
    }

    fn all(&self, key: &str) -> impl Iterator<Item = (&str, usize)> + '_ {
        let key = key.to_owned();
        self.metas.iter().filter(move |(k, _, _)| *k == key).map(|(_, v, at)| (v.as_str(), *at))
    }
}

fn stamp_of(node: &NodeRef) -> usize {
    node.attr(STAMP).and_then(|s| s.parse().ok()).unwrap_or(0)
}

fn read_head(document: &Document) -> Head {
    let mut head = Head::default();
    for meta in document.select("meta[content]").nodes() {
        let content = meta.attr("content").map(|c| c.to_string()).unwrap_or_default();
        for attribute in ["property", "name", "itemprop"] {
            if let Some(keys) = meta.attr(attribute) {
                for key in keys.split_ascii_whitespace() {
                    head.metas.push((key.to_ascii_lowercase(), content.clone(), stamp_of(meta)));
                }
            }
        }
    }
    head.canonical = document
        .select("link[href]")
        .nodes()
        .iter()
        .find(|l| l.attr("rel").is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("canonical"))))
        .map(|l| (l.attr("href").map(|h| h.trim().to_owned()).unwrap_or_default(), stamp_of(l)));
    head.base = document.select("base[href]").nodes().first().and_then(|b| b.attr("href")).map(|h| h.trim().to_owned());
    for script in document.select("script").nodes() {
        let kind = script.attr("type").map(|t| t.trim().to_ascii_lowercase()).unwrap_or_default();
        if kind == "application/ld+json" {
            head.json_ld.push((script.text().to_string(), stamp_of(script)));
        }
    }
    head
}

/// The article object of a page's JSON-LD (`NewsArticle`, `BlogPosting` …, also inside
/// `@graph` or an array), with where its script is.
fn json_ld_article<'h>(head: &'h Head, notes: &mut Notes) -> Option<Value<'h>> {
    const TYPES: [&str; 14] = [
        "Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "ReviewNewsArticle",
        "BackgroundNewsArticle", "TechArticle", "ScholarlyArticle", "Report", "SocialMediaPosting", "LiveBlogPosting", "AdvertiserContentArticle",
    ];
    fn is_article(value: &Value) -> bool {
        match value.field("@type") {
            Some(Value::String(t)) => TYPES.contains(&t.as_ref()),
            Some(Value::Array(types)) => types.iter().any(|t| matches!(t, Value::String(t) if TYPES.contains(&t.as_ref()))),
            _ => false,
        }
    }
    fn find<'h>(value: &Value<'h>) -> Option<Value<'h>> {
        match value {
            Value::Array(items) => items.iter().find_map(find),
            Value::Object(_) if is_article(value) => Some(value.clone()),
            Value::Object(_) => value.field("@graph").and_then(find),
            _ => None,
        }
    }
    for (text, at) in &head.json_ld {
        // As Readability does: a CDATA section or a comment around the JSON is not part of it.
        let mut text = text.trim();
        for (open, close) in [("<!--", "-->"), ("//<![CDATA[", "//]]>"), ("<![CDATA[", "]]>")] {
            text = text.strip_prefix(open).unwrap_or(text).trim();
            text = text.strip_suffix(close).unwrap_or(text).trim();
        }
        match json::parse(text) {
            Ok(value) => {
                if let Some(article) = find(&value) {
                    return Some(article);
                }
            }
            Err(error) => {
                let at = place(notes, *at);
                notes.add(&at, format!("the JSON-LD is not valid JSON ({}); it was not read", error.first()));
            }
        }
    }
    None
}

fn place(notes: &Notes, stamp: usize) -> Path {
    notes.place_of(&stamp.to_string()).unwrap_or_default()
}

/// The page's text as an article object (without `schema`), and notes.
pub(super) fn article(source: &str, given_url: Option<&str>, notes: &mut Notes, limits: &Limits) -> Result<ObjectBuilder<'static>, Error> {
    if let Some(given) = given_url {
        if !is_http(given.trim()) || broadsheet::escape::check_url(given.trim(), UrlUse::Canonical).is_err() {
            return Err(Error::from(Problem::whole(format!("the page's URL \"{}\" is not an absolute http(s) URL", crate::article_json::shown(given)))));
        }
    }
    let (source, dropped) = limit_depth(source);
    if dropped > 0 {
        notes.add(
            &Path::default(),
            format!("elements nest deeper than {MAX_PAGE_DEPTH} levels; {dropped} tags of the deeper ones were dropped, their text kept (real pages nest a few dozen levels)"),
        );
    }
    let document = Document::from(source.as_ref());
    let places = Rc::new(stamp(&document));
    notes.places = Some(places.clone() as Rc<dyn SourcePlaces>);
    let head = read_head(&document);
    let ld = json_ld_article(&head, notes);

    // The base for relative URLs: the page's own URL, else its canonical URL (a `<base>` in
    // the page is resolved against it by the extraction, as a browser would).
    let canonical = head.canonical.as_ref().map(|(href, at)| (given_url.map_or(href.clone(), |g| resolve(g.trim(), href)), *at));
    let base = given_url.map(|g| g.trim().to_owned()).or_else(|| canonical.as_ref().map(|(c, _)| c.clone()).filter(|c| is_http(c)));
    let config = Config { keep_classes: true, ..Config::default() };
    let extracted = Readability::with_document(document, base.as_deref(), Some(config)).and_then(|mut r| r.parse());
    let extracted = match extracted {
        Ok(extracted) => extracted,
        Err(error) => {
            return Err(Error::from(Problem::whole(format!("no article was found in the page ({error}): Reader View would find nothing to show either"))));
        }
    };

    let mut body_notes = notes.beside();
    let mut nodes = html::parse(&extracted.content, &Path::default(), &mut body_notes);
    let mut kept = vec![false; places.elements.len()];
    mark_kept(&nodes, &mut kept);
    let region = article_region(&places, &kept);
    let mut restored = Vec::new();
    if let Some(region) = region.clone() {
        restored = restore_frames(&places, &kept, region, &mut nodes);
    }
    // Relative URLs against the page's base: its URL (or canonical URL) and its `<base>`.
    let base = match (&base, &head.base) {
        (Some(page), Some(href)) => Some(resolve(page, href)),
        (None, Some(href)) if is_http(href) => Some(href.clone()),
        (page, _) => page.clone(),
    };
    if let Some(base) = &base {
        resolve_urls(&mut nodes, base);
    }

    let mut out = ObjectBuilder::new();
    // Headline and dek.
    let mut headline = plain(&extracted.title);
    let mut body = html::blocks(&nodes, &Path::default(), &mut body_notes, limits.max_list_depth);
    if headline.is_none() {
        if let Some(first) = body.iter().position(|b| b.field("type").and_then(Value::as_str) == Some("heading")) {
            let heading = body.remove(first);
            let text = heading.field("text").and_then(Value::as_str).and_then(|t| plain(&broadsheet::inline_plain_text(t)));
            if let Some(text) = text {
                notes.add(&Path::default(), "the page has no title; its first heading is the headline");
                headline = Some(text);
            }
        }
    }
    out.set_some("headline", headline.map(string));
    let described = head.meta(&["description", "og:description", "twitter:description"]).is_some() || ld.as_ref().and_then(|ld| ld.field("description")).is_some();
    if let Some(excerpt) = extracted.excerpt.as_deref().and_then(plain) {
        if described {
            out.set("dek", string(crate::inline::escaped(&excerpt)));
        }
    }

    // Who, when, where.
    out.set_some("lang", language(extracted.lang.as_deref(), notes));
    if let Some(dir) = extracted.dir.as_deref().map(|d| d.trim().to_ascii_lowercase()) {
        match dir.as_str() {
            "ltr" | "rtl" | "auto" => {
                out.set("dir", string(dir));
            }
            "" => {}
            other => notes.add(&Path::default(), format!("the page's direction \"{}\" is not ltr, rtl or auto; it was left out", crate::article_json::shown(other))),
        }
    }
    let canonical_url = canonical
        .or_else(|| head.meta(&["og:url"]).map(|(u, at)| (base.as_deref().map_or(u.to_owned(), |b| resolve(b, u)), at)))
        .or_else(|| extracted.url.clone().map(|u| (u, 0)))
        .or_else(|| given_url.map(|g| (g.trim().to_owned(), 0)));
    if let Some((href, at)) = canonical_url {
        let at = place(notes, at);
        if is_http(&href) {
            out.set_some("url", url(&href, UrlUse::Canonical, &at, notes).map(string));
        } else {
            notes.add(&at, format!("the canonical URL \"{}\" is not an absolute http(s) URL; it was left out", crate::article_json::shown(&href)));
        }
    }
    out.set_some("section", section(&head, ld.as_ref()));
    out.set_some("authors", authors(extracted.byline.as_deref(), ld.as_ref(), notes));
    out.set_some("published", extracted.published_time.as_deref().and_then(|t| date_time(t, "published", notes)));
    out.set_some("modified", extracted.modified_time.as_deref().and_then(|t| date_time(t, "modified", notes)));
    out.set_some("tags", tags(&head, ld.as_ref(), notes));
    if let Some(site) = extracted.site_name.as_deref().and_then(plain) {
        notes.add(&Path::default(), format!("the site's name (\"{}\") has no field in the format; it was not kept", crate::article_json::shown(&site)));
    }

    // The lead image, and the body.
    let hero = hero(&head, extracted.image.as_deref(), base.as_deref(), &mut body, notes);
    out.set_some("hero", hero);
    if base.is_none() && has_relative_urls(&nodes) {
        notes.add(&Path::default(), "the page's URL is not known (give one: --url, or `url` in JS), so its relative links and images stay relative");
    }
    out.set("body", Value::Array(body));

    // What the extraction left out.
    if let Some(region) = region {
        let metadata: Vec<String> = [Some(extracted.title.as_str()), extracted.byline.as_deref(), extracted.excerpt.as_deref()].into_iter().flatten().map(normalized).collect();
        left_out(&places, &kept, &restored, region, &extracted.content, &metadata, notes);
    }
    notes.list.append(&mut body_notes.list);
    let merged = merged(std::mem::take(&mut notes.list));
    notes.list = merged;
    Ok(out)
}

/// How deep a page's elements may nest. Building a tree and finding the article both take time
/// that grows with the square of the depth (a 100 KB page of nested `<div>`s would take minutes,
/// and in WebAssembly exhaust the stack); real pages nest a few dozen levels (Readability's test
/// pages at most 38).
pub(crate) const MAX_PAGE_DEPTH: usize = 256;

/// `source` with the tags that would nest elements deeper than [`MAX_PAGE_DEPTH`] dropped (their
/// text stays), and how many were: a linear scan that counts start and end tags as a tree builder
/// would, roughly (void elements, self-closing tags, elements whose end tag is optional, and the
/// content of raw-text elements and comments do not nest).
fn limit_depth(source: &str) -> (Cow<'_, str>, usize) {
    let bytes = source.as_bytes();
    let (mut depth, mut excess, mut dropped) = (0usize, 0usize, 0usize);
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(lt) = source[i..].find('<').map(|at| i + at) {
        let rest = &source[lt..];
        let (end, drop) = if rest.starts_with("<!--") {
            (rest.find("-->").map_or(source.len(), |e| lt + e + 3), false)
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            (rest.find('>').map_or(source.len(), |e| lt + e + 1), false)
        } else {
            let closing = rest.starts_with("</");
            let name_start = lt + if closing { 2 } else { 1 };
            let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
            if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
                i = lt + 1;
                continue;
            }
            let name = source[name_start..name_start + name_len].to_ascii_lowercase();
            let tag_end = tag_end(source, name_start + name_len);
            let self_closing = source[..tag_end].ends_with("/>");
            let nests = !is_void(&name) && !optional_end(&name) && !self_closing;
            let mut end = tag_end;
            let mut drop = false;
            if closing {
                if nests && excess > 0 {
                    excess -= 1;
                    drop = true;
                } else if nests {
                    depth = depth.saturating_sub(1);
                }
            } else if nests && depth >= MAX_PAGE_DEPTH {
                excess += 1;
                drop = true;
            } else if nests {
                depth += 1;
            }
            if !closing && matches!(name.as_str(), "script" | "style" | "textarea" | "title" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" | "plaintext") {
                // Raw text: nothing in it is a tag.
                end = tag_end + end_tag(&source[tag_end..], &name);
                if !drop {
                    depth = depth.saturating_sub(1);
                }
            }
            (end, drop)
        };
        if drop {
            let text = out.get_or_insert_with(|| String::with_capacity(source.len()));
            text.push_str(&source[copied..lt]);
            copied = end;
            dropped += 1;
        }
        i = end.max(lt + 1);
    }
    match out {
        Some(mut text) => {
            text.push_str(&source[copied..]);
            (Cow::Owned(text), dropped)
        }
        None => (Cow::Borrowed(source), 0),
    }
}

/// Where `</name` starts in `s` (any letter case), or its end.
fn end_tag(s: &str, name: &str) -> usize {
    let mut from = 0;
    while let Some(at) = s[from..].find("</").map(|i| from + i) {
        let candidate = &s.as_bytes()[at + 2..];
        if candidate.len() >= name.len() && candidate[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return at;
        }
        from = at + 2;
    }
    s.len()
}

/// Where the tag whose name ends at `from` ends (after its `>`; quoted values may hold `>`).
fn tag_end(source: &str, from: usize) -> usize {
    let bytes = source.as_bytes();
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    source.len()
}

fn is_void(name: &str) -> bool {
    matches!(name, "area" | "base" | "br" | "col" | "embed" | "hr" | "img" | "input" | "link" | "meta" | "source" | "track" | "wbr" | "param" | "keygen" | "frame" | "basefont" | "bgsound")
}

/// Elements whose end tag may be left out: the tree builder closes them itself.
fn optional_end(name: &str) -> bool {
    matches!(
        name,
        "p" | "li" | "dt" | "dd" | "tr" | "td" | "th" | "option" | "optgroup" | "thead" | "tbody" | "tfoot" | "colgroup" | "caption" | "rb" | "rt" | "rp" | "rtc" | "html" | "head" | "body"
    )
}

/// Marks the stamps of every element in `nodes`.
fn mark_kept(nodes: &[Node], kept: &mut [bool]) {
    for node in nodes {
        if let Node::Element(e) = node {
            if let Some(stamp) = e.attr(STAMP).and_then(|s| s.parse::<usize>().ok()) {
                if let Some(k) = kept.get_mut(stamp) {
                    *k = true;
                }
            }
            mark_kept(&e.children, kept);
        }
    }
}

/// The nearest ancestor of `stamp` that the extraction kept, and the outermost one it left out
/// on the way there (`stamp` itself when its parent was kept).
fn kept_ancestor(places: &Places, kept: &[bool], stamp: usize) -> Option<(usize, usize)> {
    let mut child = stamp;
    let mut at = places.elements[stamp].parent;
    while at != NONE {
        if kept[at as usize] {
            return Some((at as usize, child));
        }
        child = at as usize;
        at = places.elements[child].parent;
    }
    None
}

/// Hosts (and paths) of frames that are ads, trackers or social buttons, never an article's.
const WIDGETS: [&str; 16] = [
    "doubleclick.net", "googlesyndication.com", "googleadservices.com", "adnxs.com", "amazon-adsystem.com", "facebook.com/plugins",
    "facebook.com/tr", "platform.twitter.com/widgets", "apis.google.com", "plusone.google.com", "addthis.com", "sharethis.com",
    "disqus.com", "taboola.com", "outbrain.com", "about:blank",
];

fn is_widget(src: &str) -> bool {
    let lower = src.to_ascii_lowercase();
    lower.is_empty() || WIDGETS.iter().any(|w| lower.contains(w))
}

/// Frames, `<embed>`s and `<object>`s that sat in the article (inside what the extraction kept,
/// in a wrapper with little text of its own) but were dropped by it: put back where they were,
/// as `<iframe>`s, for the reader to make link cards (or facades) of. Returns their stamps.
fn restore_frames(places: &Places, kept: &[bool], region: std::ops::Range<usize>, nodes: &mut [Node]) -> Vec<usize> {
    let mut restored = Vec::new();
    for stamp in region {
        let Kind::Frame(src, title) = &places.elements[stamp].kind else { continue };
        if kept[stamp] || is_widget(src) {
            continue;
        }
        let Some((ancestor, outermost)) = kept_ancestor(places, kept, stamp) else { continue };
        // A wrapper with text of its own was judged boilerplate as a whole (a sidebar).
        if places.elements[outermost].text > 200 {
            continue;
        }
        let mut attrs = vec![("src".to_owned(), src.clone()), (STAMP.to_owned(), stamp.to_string())];
        if let Some(title) = title {
            attrs.push(("title".to_owned(), title.clone()));
        }
        let frame = Element { name: "iframe".to_owned(), attrs, children: Vec::new() };
        if insert(nodes, ancestor, stamp, frame) {
            restored.push(stamp);
        }
    }
    restored
}

/// Inserts `element` among the children of the element stamped `parent`, before the first
/// child that came after `stamp` in the page.
fn insert(nodes: &mut [Node], parent: usize, stamp: usize, element: Element) -> bool {
    let mut pending = Some(element);
    insert_into(nodes, parent, stamp, &mut pending);
    pending.is_none()
}

fn insert_into(nodes: &mut [Node], parent: usize, stamp: usize, pending: &mut Option<Element>) {
    for node in nodes.iter_mut() {
        if pending.is_none() {
            return;
        }
        let Node::Element(e) = node else { continue };
        if e.attr(STAMP).and_then(|s| s.parse::<usize>().ok()) == Some(parent) {
            let at = e
                .children
                .iter()
                .position(|c| matches!(c, Node::Element(c) if c.attr(STAMP).and_then(|s| s.parse::<usize>().ok()).is_some_and(|s| s > stamp)))
                .unwrap_or(e.children.len());
            if let Some(element) = pending.take() {
                e.children.insert(at, Node::Element(element));
            }
            return;
        }
        insert_into(&mut e.children, parent, stamp, pending);
    }
}

/// Where the article is in the page: the stamps inside the innermost element that holds all the
/// extraction kept (its descendants are numbered one after another).
fn article_region(places: &Places, kept: &[bool]) -> Option<std::ops::Range<usize>> {
    let (first, last) = (kept.iter().position(|k| *k)?, kept.iter().rposition(|k| *k)?);
    let ancestors = |mut at: u32| {
        let mut chain = Vec::new();
        while at != NONE {
            chain.push(at);
            at = places.elements[at as usize].parent;
        }
        chain.reverse();
        chain
    };
    let (a, b) = (ancestors(first as u32), ancestors(last as u32));
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).last().map(|(x, _)| *x as usize);
    let Some(root) = common else { return Some(0..places.elements.len()) };
    // The root's descendants run from it to the next element that is not one.
    let end = (root + 1..places.elements.len())
        .find(|&i| {
            let mut at = places.elements[i].parent;
            while at != NONE && at as usize > root {
                at = places.elements[at as usize].parent;
            }
            at as usize != root
        })
        .unwrap_or(places.elements.len());
    Some(root + 1..end)
}

/// Every relative URL in `nodes` (links, sources, srcsets) resolved against `base`.
fn resolve_urls(nodes: &mut [Node], base: &str) {
    for node in nodes {
        let Node::Element(e) = node else { continue };
        for (name, value) in &mut e.attrs {
            match name.as_str() {
                "href" | "src" | "cite" | "poster" | "data" | "data-src" | "data-lazy-src" | "data-original" | "data-lazy" | "data-url" | "data-hi-res-src"
                    if !value.trim_start().starts_with('#') =>
                {
                    *value = resolve(base, value);
                }
                "srcset" | "data-srcset" | "data-lazy-srcset" => {
                    let candidates: Vec<String> = html::parse_srcset(value)
                        .into_iter()
                        .map(|(src, width)| match width {
                            Some(w) => format!("{} {w}w", resolve(base, &src)),
                            None => resolve(base, &src),
                        })
                        .collect();
                    *value = candidates.join(", ");
                }
                _ => {}
            }
        }
        resolve_urls(&mut e.children, base);
    }
}

/// Notes on what the extraction left out: inside the article (the element that holds all it
/// kept), each outermost element left out that held code, a form, share buttons, a frame, an
/// image, or text that is neither in the article nor its headline, byline or dek; around it,
/// one count.
fn left_out(places: &Places, kept: &[bool], restored: &[usize], region: std::ops::Range<usize>, content: &str, metadata: &[String], notes: &mut Notes) {
    let content_text = normalized(&html::text(&html::parse(content, &Path::default(), &mut Notes::default())));
    let elements = &places.elements;
    // Whether each element is or holds an element the extraction kept.
    let mut holds_kept = kept.to_vec();
    for i in (0..elements.len()).rev() {
        let parent = elements[i].parent;
        if holds_kept[i] && parent != NONE {
            holds_kept[parent as usize] = true;
        }
    }
    let (mut around, mut around_text, mut code) = (0usize, 0u64, 0usize);
    for (stamp, place) in elements.iter().enumerate() {
        if holds_kept[stamp] || restored.contains(&stamp) {
            continue;
        }
        if place.kind == Kind::Code {
            code += 1;
        }
        let parent = place.parent;
        let outermost = parent == NONE || holds_kept[parent as usize];
        if !outermost {
            continue;
        }
        if !region.contains(&stamp) {
            around += 1;
            around_text += u64::from(place.text);
            continue;
        }
        let message = match &place.kind {
            Kind::Code if place.name == "link" => continue,
            Kind::Code if place.name == "noscript" => "a <noscript> was dropped (what it holds is for browsers without scripts)".to_owned(),
            Kind::Code => format!("a <{}> was dropped (it holds code, not text)", place.name),
            Kind::Form => format!("a <{}> was dropped (forms and their controls do nothing in an article)", place.name),
            Kind::Share => format!("share buttons (a <{}>) were dropped", place.name),
            Kind::Hidden if place.text > 0 => format!("a hidden <{}> (hidden, aria-hidden or display: none) was left out", place.name),
            Kind::Frame(src, _) if src.is_empty() => format!("an <{}> without a source URL was dropped", place.name),
            Kind::Frame(src, _) if is_widget(src) => format!("an <{}> was dropped: an ad, a tracker or a social button ({})", place.name, crate::article_json::shown(src)),
            Kind::Frame(src, _) => format!("an <{}> was dropped with the part of the page it sat in ({})", place.name, crate::article_json::shown(src)),
            Kind::Image(src) => format!("an image was left out: Reader View judged it not part of the article ({})", crate::article_json::shown(src)),
            _ if place.text == 0 => continue,
            _ => {
                // Text Reader View left out: noted when its words are not in the article.
                let snippet = snippet(places, stamp);
                let words = normalized(snippet);
                if words.is_empty() || content_text.contains(&words) || metadata.iter().any(|m| m.contains(&words)) {
                    continue;
                }
                let shown: String = snippet.chars().take(60).collect();
                let ellipsis = if place.text as usize > shown.chars().filter(|c| !c.is_whitespace()).count() { "…" } else { "" };
                format!("a <{}> was left out: Reader View judged it not part of the article (\"{}{ellipsis}\")", place.name, crate::article_json::shown(&shown))
            }
        };
        let at = places.path(stamp).unwrap_or_default();
        notes.add(&at, message);
    }
    if around > 0 {
        notes.add(
            &Path::default(),
            format!(
                "the page around the article (navigation, header, footer, sidebars, comments …) was left out, as Reader View leaves it out: {around} elements, {around_text} characters of text; {code} scripts and styles in all"
            ),
        );
    }
}

/// The first words of the element stamped `stamp`: its own first text, or its first child's.
fn snippet(places: &Places, stamp: usize) -> &str {
    let mut at = stamp;
    loop {
        let place = &places.elements[at];
        if !place.snippet.is_empty() {
            return &place.snippet;
        }
        match places.elements.get(at + 1) {
            Some(next) if next.parent as usize == at => at += 1,
            _ => return "",
        }
    }
}

fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Whether any link or image in `nodes` is relative.
fn has_relative_urls(nodes: &[Node]) -> bool {
    nodes.iter().any(|node| match node {
        Node::Element(e) => {
            let relative = |name: &str| e.attr(name).is_some_and(|u| !u.trim().is_empty() && !u.trim().starts_with('#') && !crate::resolve::has_scheme(u.trim()) && !u.trim().starts_with("//"));
            relative("href") || relative("src") || has_relative_urls(&e.children)
        }
        Node::Text(_) => false,
    })
}

/// Notes with the same message merged into the first, which says how many more there are. (A
/// page repeats its markup: one `<span>` note for all of them says as much as hundreds.)
fn merged(notes: Vec<Problem>) -> Vec<Problem> {
    const DROPPED: &str = "markup the format does not have was dropped, its text kept: ";
    let notes = notes.into_iter().flat_map(|note| match note.message.strip_prefix(DROPPED) {
        Some(names) => names.split(", ").map(|name| Problem::new(note.path.clone(), format!("{DROPPED}{name}"))).collect(),
        None => vec![note],
    });
    let mut out: Vec<(Problem, usize)> = Vec::new();
    for note in notes {
        match out.iter_mut().find(|(n, _)| n.message == note.message) {
            Some((_, count)) => *count += 1,
            None => out.push((note, 0)),
        }
    }
    out.into_iter()
        .map(|(mut note, more)| {
            if more > 0 {
                note.message = format!("{} (and {more} more place{} like it)", note.message, if more == 1 { "" } else { "s" });
            }
            note
        })
        .collect()
}

/// The page's language, when it is a well-formed BCP 47 tag (`en_US` is read as `en-US`).
fn language(lang: Option<&str>, notes: &mut Notes) -> Option<Value<'static>> {
    let lang = lang?.trim();
    if lang.is_empty() {
        return None;
    }
    let fixed = lang.replace('_', "-");
    if broadsheet::text::is_language_tag(&fixed) {
        if fixed != lang {
            notes.add(&Path::default(), format!("the page's language \"{}\" was written \"{fixed}\"", crate::article_json::shown(lang)));
        }
        return Some(string(fixed));
    }
    notes.add(&Path::default(), format!("the page's language \"{}\" is not a BCP 47 language tag; it was left out", crate::article_json::shown(lang)));
    None
}

/// A published or modified time as the format has it (RFC 3339). Pages write times many ways;
/// what says less than a date-time is completed, with a note: a time without a zone is read as
/// UTC, a date alone as midnight UTC, `+0100` as `+01:00`.
fn date_time(text: &str, field: &str, notes: &mut Notes) -> Option<Value<'static>> {
    let text = text.trim();
    let at = Path::default();
    let (date, rest) = (text.get(..10)?, text.get(10..).unwrap_or(""));
    let date_ok = date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-' && date.chars().filter(|c| c.is_ascii_digit()).count() == 8;
    let written = if !date_ok {
        None
    } else if rest.is_empty() {
        notes.add(&at, format!("the page gives the {field} date \"{text}\" without a time; it is written as midnight UTC"));
        Some(format!("{date}T00:00:00Z"))
    } else if let Some(time) = rest.strip_prefix(['T', 't', ' ']) {
        let zone_at = time.find(['Z', 'z', '+', '-']).unwrap_or(time.len());
        let (clock, zone) = time.split_at(zone_at);
        let clock = if clock.len() == 5 { format!("{clock}:00") } else { clock.to_owned() };
        let zone = match zone {
            "" => {
                notes.add(&at, format!("the page gives the {field} time \"{text}\" without a time zone; it is read as UTC"));
                "Z".to_owned()
            }
            z if z.len() == 5 && z[1..].chars().all(|c| c.is_ascii_digit()) => format!("{}:{}", &z[..3], &z[3..]),
            z if z.len() == 3 && z[1..].chars().all(|c| c.is_ascii_digit()) => format!("{z}:00"),
            z => z.to_owned(),
        };
        Some(format!("{date}T{clock}{zone}"))
    } else {
        None
    };
    match written.filter(|w| broadsheet::date::parse_date_time(w).is_some()) {
        Some(written) => Some(string(written)),
        None => {
            notes.add(&at, format!("the {field} time \"{}\" is not a date-time the format can read; it was left out", crate::article_json::shown(text)));
            None
        }
    }
}

/// Texts of a JSON-LD value: a string, the strings of an array, or the `name`s of objects.
fn ld_texts(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.to_string()],
        Some(Value::Array(items)) => items.iter().flat_map(|i| ld_texts(Some(i))).collect(),
        Some(object @ Value::Object(_)) => object.field("name").and_then(Value::as_str).map(|s| vec![s.to_owned()]).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn section(head: &Head, ld: Option<&Value>) -> Option<Value<'static>> {
    let name = head
        .meta(&["article:section"])
        .map(|(v, _)| v.to_owned())
        .or_else(|| ld_texts(ld.and_then(|ld| ld.field("articleSection"))).into_iter().next())
        .and_then(|s| plain(&s))?;
    let mut section = ObjectBuilder::new();
    section.set("name", string(name));
    Some(section.into_value())
}

fn tags(head: &Head, ld: Option<&Value>, notes: &mut Notes) -> Option<Value<'static>> {
    let mut tags: Vec<String> = head.all("article:tag").map(|(v, _)| v.to_owned()).collect();
    if tags.is_empty() {
        let keywords = ld.and_then(|ld| ld.field("keywords"));
        tags = match keywords {
            Some(Value::String(s)) => s.split(',').map(str::to_owned).collect(),
            other => ld_texts(other),
        };
    }
    if tags.is_empty() {
        if let Some((keywords, _)) = head.meta(&["news_keywords", "keywords"]) {
            tags = keywords.split(',').map(str::to_owned).collect();
        }
    }
    let mut out: Vec<String> = Vec::new();
    for tag in tags.iter().filter_map(|t| plain(t)) {
        if !out.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            out.push(tag);
        }
    }
    const MOST: usize = 30;
    if out.len() > MOST {
        notes.add(&Path::default(), format!("the page has {} tags; the first {MOST} were kept", out.len()));
        out.truncate(MOST);
    }
    (!out.is_empty()).then(|| Value::Array(out.into_iter().map(string).collect()))
}

/// The authors: the JSON-LD article's `author`s (names and URLs) when they are who Readability's
/// byline names, else the byline as one author ("By " before it dropped).
fn authors(byline: Option<&str>, ld: Option<&Value>, notes: &mut Notes) -> Option<Value<'static>> {
    let byline = byline.map(|b| b.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|b| !b.is_empty());
    let ld_authors: Vec<(String, Option<String>)> = match ld.and_then(|ld| ld.field("author")) {
        Some(Value::Array(items)) => items.iter().filter_map(ld_person).collect(),
        Some(one) => ld_person(one).into_iter().collect(),
        None => Vec::new(),
    };
    let matches_byline = |b: &str| ld_authors.iter().all(|(name, _)| b.to_lowercase().contains(&name.to_lowercase()));
    let people: Vec<(String, Option<String>)> = match &byline {
        _ if !ld_authors.is_empty() && byline.as_deref().is_none_or(matches_byline) => ld_authors,
        Some(b) => {
            let name = b.strip_prefix("By ").or_else(|| b.strip_prefix("by ")).or_else(|| b.strip_prefix("BY ")).unwrap_or(b);
            vec![(name.trim_start_matches(':').trim().to_owned(), None)]
        }
        None => return None,
    };
    let mut out = Vec::new();
    for (name, link) in people {
        let Some(name) = plain(&name) else { continue };
        let mut author = ObjectBuilder::new();
        author.set("name", string(name));
        if let Some(link) = link.filter(|l| is_http(l)) {
            author.set_some("url", url(&link, UrlUse::Link, &Path::default(), notes).map(string));
        }
        out.push(author.into_value());
    }
    (!out.is_empty()).then_some(Value::Array(out))
}

/// A JSON-LD person or organisation: a name (a string, or an object's `name`) and its `url`.
fn ld_person(value: &Value) -> Option<(String, Option<String>)> {
    match value {
        Value::String(name) => plain(name).map(|n| (n, None)),
        Value::Object(_) => {
            let name = value.field("name").and_then(Value::as_str).and_then(plain)?;
            let link = value.field("url").and_then(Value::as_str).map(str::to_owned);
            Some((name, link))
        }
        _ => None,
    }
}

/// The key an image URL is compared by: no scheme, no query or fragment, host in lower case.
fn image_key(src: &str) -> String {
    let src = src.split(['?', '#']).next().unwrap_or(src);
    let src = src.split_once("//").map_or(src, |(_, rest)| rest);
    src.to_ascii_lowercase()
}

/// The lead image (`og:image`, `twitter:image`, JSON-LD `image`, as Readability reads it) as the
/// hero: the body's own image block when the body opens with that image (moved, with its alt
/// and caption), else an image made from the meta tags (`og:image:alt` as its alt).
fn hero(head: &Head, image: Option<&str>, base: Option<&str>, body: &mut Vec<Value<'static>>, notes: &mut Notes) -> Option<Value<'static>> {
    let lead = image.map(str::trim).filter(|s| !s.is_empty())?;
    let lead = base.map_or(lead.to_owned(), |b| resolve(b, lead));
    let key = image_key(&lead);
    let same = |b: &Value| {
        b.field("type").and_then(Value::as_str) == Some("image")
            && (b.field("src").and_then(Value::as_str).is_some_and(|s| image_key(s) == key)
                || matches!(b.field("srcset"), Some(Value::Array(c)) if c.iter().any(|c| c.field("src").and_then(Value::as_str).is_some_and(|s| image_key(s) == key))))
    };
    // In the body's opening (before its third block), the same image is the hero.
    if let Some(i) = body.iter().take(3).position(same) {
        return Some(body.remove(i));
    }
    let at = head.meta(&["og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"]).map_or(Path::default(), |(_, at)| place(notes, at));
    let number = |keys: &[&str]| head.meta(keys).and_then(|(v, _)| v.trim().parse::<f64>().ok());
    let fields = crate::article_json::ImageFields {
        src: lead,
        alt: head.meta(&["og:image:alt", "twitter:image:alt"]).map(|(v, _)| v.to_owned()),
        width: number(&["og:image:width"]),
        height: number(&["og:image:height"]),
        ..crate::article_json::ImageFields::default()
    };
    let hero = crate::article_json::image(fields, &at, notes)?;
    (hero.field("type").and_then(Value::as_str) == Some("image")).then_some(hero)
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_cut_linearly() {
        let page = format!("<title>T</title>{}text{}", "<div><b>".repeat(1000), "</b></div>".repeat(1000));
        let (limited, dropped) = limit_depth(&page);
        assert_eq!(dropped, 2 * (2000 - MAX_PAGE_DEPTH));
        assert!(limited.contains("text") && limited.matches("<div>").count() == MAX_PAGE_DEPTH / 2);
        // What does not nest is left alone: void and self-closing tags, optional end tags, raw text.
        let flat = format!("<title>T</title>{}<script>{}</script>", "<p>a<br><img src=x><li>b<x/>".repeat(2000), "<div>".repeat(2000));
        assert_eq!(limit_depth(&flat).1, 0);
        let mut notes = Notes::default();
        let started = std::time::Instant::now();
        let imported = article(&format!("<title>Deep</title>{}<p>Deep text, enough of it to be an article for Reader View.</p>", "<div>".repeat(200_000)), None, &mut notes, &Limits::default());
        assert!(imported.is_ok() && started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
        assert!(notes.list[0].message.starts_with("elements nest deeper than 256 levels; 199744 tags"), "{:?}", notes.list);
    }
}
