//! Classic content: HTML outside blocks, as the classic editor saved it. Blank lines make
//! paragraphs and single newlines line breaks (WordPress's `wpautop`), a YouTube or Vimeo URL on
//! a paragraph of its own is embedded, and the core shortcodes that hold content (`[caption]`,
//! `[embed]`, `[video]`, `[audio]`) become their blocks.

use broadsheet::Path;
use crate::html::{self, Element, Node};
use crate::article_json::{Embedded, Notes, video_or_embed};
use broadsheet::json::Value;

/// The note for WordPress's "more" marker (a block, or `<!--more-->` in classic content).
pub(super) const MORE_LEFT_OUT: &str = "the \"more\" break (where WordPress cuts the post short on archive pages) was left out";
/// The note for WordPress's page breaks (a block, or `<!--nextpage-->` in classic content).
pub(super) const PAGE_BREAK_LEFT_OUT: &str = "the page break was left out: the article is one page";

/// Format 1.1 blocks for classic content at `at`.
pub(super) fn blocks(html: &str, at: &Path, notes: &mut Notes, max_list_depth: usize) -> Vec<Value<'static>> {
    let html = html.replace("\r\n", "\n");
    // WordPress's markers in classic content, which are comments to HTML.
    if html.contains("<!--more") {
        notes.add(at, MORE_LEFT_OUT);
    }
    if html.contains("<!--nextpage-->") {
        notes.add(at, PAGE_BREAK_LEFT_OUT);
    }
    let mut out = Vec::new();
    for segment in segments(&html) {
        match segment {
            Segment::Html(html) => out.extend(paragraphs_of(html, at, notes, max_list_depth)),
            Segment::Shortcode(code) => out.extend(shortcode(&code, at, notes, max_list_depth)),
        }
    }
    out
}

/// Classic HTML, or a shortcode WordPress fills in.
enum Segment<'s> {
    Html(&'s str),
    Shortcode(Shortcode<'s>),
}

struct Shortcode<'s> {
    /// The opening tag, as written (`[caption id="a"]`).
    tag: &'s str,
    name: &'s str,
    /// Names lower case; a value without a name has the name `""`.
    attrs: Vec<(String, String)>,
    /// What an enclosing shortcode holds (`[caption …]this[/caption]`).
    content: &'s str,
}

impl Shortcode<'_> {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// WordPress's own shortcodes that stand for content; any other `[name]` is text.
const SHORTCODES: [&str; 7] = ["caption", "wp_caption", "embed", "video", "audio", "gallery", "playlist"];

/// The shortcodes opened in `html`: where each `[` is, and the name after it.
fn openings(html: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = html[from..].find('[') {
        let open = from + found;
        from = open + 1;
        let rest = &html[open + 1..];
        // `[[caption]]` is WordPress's escape for the text `[caption]`.
        if rest.starts_with('[') {
            from = rest.find("]]").map_or(open + 2, |end| open + 1 + end + 2);
            continue;
        }
        let name_length = rest.bytes().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')).count();
        let after_name = &rest[name_length..];
        if name_length > 0 && after_name.starts_with(|c: char| c.is_ascii_whitespace() || c == ']' || c == '/') {
            out.push((open, &rest[..name_length]));
        }
    }
    out
}

/// `html` cut at the shortcodes in [`SHORTCODES`].
fn segments(html: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut html_start = 0;
    // Closers found missing once are missing after every later opening too (so the scan stays
    // linear): `]` for any tag, `[/name]` for each name.
    let mut missing: Vec<String> = Vec::new();
    for (open, name) in openings(html) {
        if open < html_start || !SHORTCODES.contains(&name) || missing.iter().any(|m| m == "]") {
            continue;
        }
        let after_name = &html[open + 1 + name.len()..];
        let Some(tag_end) = after_name.find(']') else {
            missing.push("]".into());
            continue;
        };
        let attrs_text = &after_name[..tag_end];
        let self_closing = attrs_text.trim_end().ends_with('/');
        let after_tag = &after_name[tag_end + 1..];
        let closer = format!("[/{name}]");
        let found = match self_closing || missing.contains(&closer) {
            true => None,
            false => {
                let found = after_tag.find(&closer);
                if found.is_none() {
                    missing.push(closer.clone());
                }
                found
            }
        };
        let (content, after) = match found {
            Some(end) => (&after_tag[..end], &after_tag[end + closer.len()..]),
            // A caption or embed without its closer is text; the others stand alone.
            None if !matches!(name, "caption" | "wp_caption" | "embed") => ("", after_tag),
            None => continue,
        };
        if open > html_start {
            out.push(Segment::Html(&html[html_start..open]));
        }
        let tag = &html[open..open + 1 + name.len() + tag_end + 1];
        out.push(Segment::Shortcode(Shortcode { tag, name, attrs: shortcode_attrs(attrs_text.trim_end_matches('/')), content }));
        html_start = html.len() - after.len();
    }
    if html_start < html.len() {
        out.push(Segment::Html(&html[html_start..]));
    }
    out
}

/// A shortcode's attributes, as WordPress reads them: `name="value"`, `name='value'`,
/// `name=value`, and values without a name.
fn shortcode_attrs(text: &str) -> Vec<(String, String)> {
    let mut attrs = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return attrs;
        }
        let name_length = rest.bytes().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')).count();
        let after_name = rest[name_length..].trim_start();
        let (name, value_text) = match after_name.strip_prefix('=') {
            Some(value) if name_length > 0 => (rest[..name_length].to_ascii_lowercase(), value.trim_start()),
            _ => (String::new(), rest),
        };
        let (value, next) = match value_text.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let body = &value_text[1..];
                let end = body.find(quote).unwrap_or(body.len());
                (&body[..end], body.get(end + 1..).unwrap_or(""))
            }
            _ => {
                let end = value_text.find(char::is_whitespace).unwrap_or(value_text.len()).max(1.min(value_text.len()));
                (&value_text[..end], &value_text[end..])
            }
        };
        attrs.push((name, value.to_owned()));
        rest = next;
    }
}

fn shortcode(code: &Shortcode, at: &Path, notes: &mut Notes, max_list_depth: usize) -> Vec<Value<'static>> {
    match code.name {
        "caption" | "wp_caption" => caption(code, at, notes, max_list_depth),
        "gallery" | "playlist" => {
            let tag = code.tag;
            notes.add(at, format!("the shortcode {tag} is filled in by WordPress from its media library when the page is shown; the post holds only its settings, so it was left out"));
            paragraphs_of(code.content, at, notes, max_list_depth)
        }
        "embed" => {
            let embedded = Embedded { url: broadsheet::text::decode_character_references(code.content.trim()).into_owned(), ..Embedded::default() };
            video_or_embed(embedded, at, notes).into_iter().collect()
        }
        _ => {
            const SOURCES: [&str; 12] = ["src", "mp4", "m4v", "webm", "ogv", "wmv", "flv", "mp3", "ogg", "oga", "wav", "m4a"];
            let mut out = Vec::new();
            match SOURCES.iter().find_map(|name| code.attr(name)) {
                Some(src) => {
                    notes.add(at, format!("the [{}] shortcode's file cannot be played by the format; it is kept as a link card", code.name));
                    out.extend(video_or_embed(Embedded { url: broadsheet::text::decode_character_references(src).into_owned(), ..Embedded::default() }, at, notes));
                }
                None => notes.add(at, format!("the [{}] shortcode names no file; it was left out", code.name)),
            }
            out.extend(paragraphs_of(code.content, at, notes, max_list_depth));
            out
        }
    }
}

/// `[caption]<img …> Its caption[/caption]`: the image (perhaps in a link), then the caption
/// (or, in older posts, the `caption` attribute).
fn caption(code: &Shortcode, at: &Path, notes: &mut Notes, max_list_depth: usize) -> Vec<Value<'static>> {
    let nodes = html::parse(code.content, at, notes);
    let media = nodes.iter().position(|node| matches!(node, Node::Element(e) if e.name == "img" || e.find("img").is_some()));
    let Some(media) = media else {
        notes.add(at, "the [caption] shortcode holds no image; its text was kept");
        return paragraphs_of(code.content, at, notes, max_list_depth);
    };
    let mut rest = nodes;
    let Node::Element(media) = rest.remove(media) else { return Vec::new() };
    let img = match media.name.as_str() {
        "img" => &media,
        _ => {
            if media.name == "a" {
                link_dropped(&media, at, notes);
            }
            media.find("img").unwrap_or(&media)
        }
    };
    let caption = html::inline(&rest, at, notes).or_else(|| code.attr("caption").and_then(|c| html::inline_of(c, at, notes)));
    html::image_element(&img_as_saved(img), caption, at, notes).into_iter().collect()
}

/// Blocks of classic HTML: its paragraphs made as `wpautop` makes them, and a paragraph that is
/// only a YouTube or Vimeo URL embedded, as WordPress embeds it.
fn paragraphs_of(html: &str, at: &Path, notes: &mut Notes, max_list_depth: usize) -> Vec<Value<'static>> {
    let nodes = paragraphs(html::parse(html, at, notes));
    let mut out = Vec::new();
    let mut pending: Vec<Node> = Vec::new();
    for node in nodes {
        match video_url(&node) {
            Some(url) => {
                out.extend(html::blocks(&std::mem::take(&mut pending), at, notes, max_list_depth));
                out.extend(video_or_embed(Embedded { url, ..Embedded::default() }, at, notes));
            }
            None => pending.push(node),
        }
    }
    out.extend(html::blocks(&pending, at, notes, max_list_depth));
    out
}

/// The URL a paragraph holds and nothing else, when it is a YouTube or Vimeo video's.
fn video_url(node: &Node) -> Option<String> {
    let Node::Element(p) = node else { return None };
    let [Node::Text(text)] = p.children.as_slice() else { return None };
    let url = text.trim();
    let video = broadsheet::video::VideoSite::of_url(url).is_some();
    (p.name == "p" && video && !url.contains(char::is_whitespace)).then(|| url.to_owned())
}

/// The elements `wpautop` treats as blocks: inline content between them is a paragraph.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "table" | "thead" | "tfoot" | "caption" | "col" | "colgroup" | "tbody" | "tr" | "td" | "th" | "div" | "dl" | "dd" | "dt" | "ul" | "ol" | "li" | "pre" | "form" | "map" | "area" | "blockquote" | "address" | "style" | "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "hr" | "fieldset" | "legend" | "section" | "article" | "aside" | "hgroup" | "header" | "footer" | "nav" | "figure" | "figcaption" | "details" | "menu" | "summary" | "main"
    )
}

/// Blocks whose content is read as paragraphs of its own.
fn holds_paragraphs(name: &str) -> bool {
    matches!(name, "blockquote" | "div" | "li" | "dd" | "td" | "th" | "section" | "article" | "aside" | "header" | "footer" | "main" | "nav" | "details" | "form" | "fieldset")
}

/// Blocks whose content is inline text.
fn holds_text(name: &str) -> bool {
    matches!(name, "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt" | "figcaption" | "caption" | "address" | "summary" | "legend")
}

/// `nodes` with their inline runs made paragraphs: a blank line ends one, block elements stand
/// between them.
fn paragraphs(nodes: Vec<Node>) -> Vec<Node> {
    let mut out = Vec::new();
    let mut run = Vec::new();
    for node in nodes {
        match node {
            Node::Element(e) if is_block(&e.name) => {
                end_paragraph(&mut run, &mut out);
                out.push(Node::Element(inside_block(e)));
            }
            Node::Text(text) => {
                for (i, part) in split_at_blank_lines(&text).into_iter().enumerate() {
                    if i > 0 {
                        end_paragraph(&mut run, &mut out);
                    }
                    run.push(Node::Text(part.to_owned()));
                }
            }
            inline => run.push(inline),
        }
    }
    end_paragraph(&mut run, &mut out);
    out
}

/// A block element with its content read as `wpautop` reads it.
fn inside_block(mut e: Element) -> Element {
    e.children = if holds_paragraphs(&e.name) {
        paragraphs(e.children)
    } else if holds_text(&e.name) {
        line_breaks(e.children)
    } else if matches!(e.name.as_str(), "pre" | "style") {
        e.children
    } else {
        e.children
            .into_iter()
            .map(|node| match node {
                Node::Element(child) if is_block(&child.name) => Node::Element(inside_block(child)),
                other => other,
            })
            .collect()
    };
    e
}

/// Ends the open paragraph: its white space at either end trimmed, its newlines line breaks.
fn end_paragraph(run: &mut Vec<Node>, out: &mut Vec<Node>) {
    let mut nodes = std::mem::take(run);
    while let Some(Node::Text(first)) = nodes.first_mut() {
        *first = first.trim_start().to_owned();
        if !first.is_empty() {
            break;
        }
        nodes.remove(0);
    }
    while let Some(Node::Text(last)) = nodes.last_mut() {
        *last = last.trim_end().to_owned();
        if !last.is_empty() {
            break;
        }
        nodes.pop();
    }
    if !nodes.is_empty() {
        out.push(Node::Element(Element { name: "p".into(), attrs: Vec::new(), children: line_breaks(nodes) }));
    }
}

/// `text` cut where a line holds only white space.
fn split_at_blank_lines(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut from) = (0, 0);
    while let Some(found) = text[from..].find('\n') {
        let newline = from + found;
        let after = &text[newline + 1..];
        let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
        if after[gap..].starts_with('\n') {
            parts.push(&text[start..newline]);
            start = newline + 1 + gap + 1;
            from = start;
        } else {
            from = newline + 1;
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Newlines in inline content as `<br>`, except right after a `<br>`.
fn line_breaks(nodes: Vec<Node>) -> Vec<Node> {
    let mut after_break = false;
    with_breaks(nodes, &mut after_break)
}

fn with_breaks(nodes: Vec<Node>, after_break: &mut bool) -> Vec<Node> {
    let mut out = Vec::new();
    for node in nodes {
        match node {
            Node::Text(text) => {
                for (i, line) in text.split('\n').enumerate() {
                    if i > 0 && !*after_break {
                        out.push(Node::Element(Element { name: "br".into(), attrs: Vec::new(), children: Vec::new() }));
                        *after_break = true;
                    }
                    if !line.trim().is_empty() {
                        *after_break = false;
                    }
                    if !line.is_empty() {
                        out.push(Node::Text(line.to_owned()));
                    }
                }
            }
            Node::Element(e) if e.name == "br" => {
                *after_break = true;
                out.push(Node::Element(e));
            }
            Node::Element(e) if matches!(e.name.as_str(), "script" | "style" | "textarea" | "pre") || e.children.is_empty() => {
                *after_break = false;
                out.push(Node::Element(e));
            }
            Node::Element(mut e) => {
                e.children = with_breaks(e.children, after_break);
                out.push(Node::Element(e));
            }
        }
    }
    out
}

/// The note for a link around an image, which the format cannot keep.
pub(super) fn link_dropped(link: &Element, at: &Path, notes: &mut Notes) {
    let href = link.attr("href").unwrap_or("");
    notes.add(at, format!("the image links to \"{href}\"; the link was dropped (images link nowhere in the format)"));
}

/// `<h1>` … `<h6>`'s level.
pub(super) fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', level @ b'1'..=b'6'] => Some(level - b'0'),
        _ => None,
    }
}

/// An `<img>` as WordPress saved it, read for the format: WordPress writes `alt=""` for every
/// image whose author wrote no alt text, so an empty alt says nothing about decoration and is
/// read as missing (a note), not as decorative.
pub(super) fn img_as_saved(img: &Element) -> Element {
    let mut img = img.clone();
    img.attrs.retain(|(name, value)| !(name == "alt" && value.trim().is_empty()));
    img
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet::json::JsonStyle;

    fn classic(html: &str) -> (String, Vec<String>) {
        let mut notes = Notes::default();
        let out = blocks(html, &Path::default().key("content").key("raw"), &mut notes, 8);
        (Value::Array(out).to_json(JsonStyle::Script), notes.list.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn blank_lines_make_paragraphs_and_newlines_breaks() {
        let (json, notes) = classic("First line\nsecond <b>bold</b><br />\nthird\n\n  \nNext para.\n<h2>Head</h2>\nAfter\n<ul>\n<li>one\ntwo</li>\n</ul>");
        assert_eq!(
            json,
            concat!(
                r#"[{"type":"paragraph","text":"First line\\\nsecond **bold**\\\nthird"},{"type":"paragraph","text":"Next para."},"#,
                r#"{"type":"heading","level":2,"text":"Head"},{"type":"paragraph","text":"After"},"#,
                r#"{"type":"list","items":["one\\\ntwo"]}]"#
            )
        );
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn captions_embeds_and_media_shortcodes() {
        let (json, notes) = classic(concat!(
            "[caption id=\"attachment_7\" align=\"alignnone\" width=\"300\"]<a href=\"https://e.test/big.jpg\"><img src=\"https://e.test/a.jpg\" alt=\"A\" width=\"300\" height=\"200\" /></a> The <em>caption</em>[/caption]\n\n",
            "[caption id=\"x\" caption=\"Old &amp; style\"]<img src=\"https://e.test/b.jpg\" alt=\"\">[/caption]\n",
            "[embed]https://vimeo.com/76979871[/embed]\n[video mp4=\"https://e.test/v.mp4\"][/video]\n",
            "https://youtu.be/dQw4w9WgXcQ\n\n[[caption]] and [gallery ids=\"1,2\"] [sic]"
        ));
        assert_eq!(
            json,
            concat!(
                r#"[{"type":"image","src":"https://e.test/a.jpg","alt":"A","width":300,"height":200,"caption":"The *caption*"},"#,
                r#"{"type":"image","src":"https://e.test/b.jpg","alt":"","caption":"Old \\\u0026 style"},"#,
                r#"{"type":"vimeo","url":"https://vimeo.com/76979871","title":"Vimeo video"},"#,
                r#"{"type":"embed","url":"https://e.test/v.mp4","title":"e.test embed"},"#,
                r#"{"type":"youtube","url":"https://youtu.be/dQw4w9WgXcQ","title":"YouTube video"},"#,
                r#"{"type":"paragraph","text":"\\[\\[caption\\]\\] and"},{"type":"paragraph","text":"\\[sic\\]"}]"#
            )
        );
        assert_eq!(
            notes,
            [
                "content.raw: the image links to \"https://e.test/big.jpg\"; the link was dropped (images link nowhere in the format)",
                "content.raw: the image has no alt text in the source; it is marked decorative (\"alt\": \"\") until an editor describes it",
                "content.raw: the embed has no title in the source; it is called \"Vimeo video\" until an editor names it",
                "content.raw: the [video] shortcode's file cannot be played by the format; it is kept as a link card",
                "content.raw: the embed has no title in the source; it is called \"e.test embed\" until an editor names it",
                "content.raw: the embed has no title in the source; it is called \"YouTube video\" until an editor names it",
                "content.raw: the shortcode [gallery ids=\"1,2\"] is filled in by WordPress from its media library when the page is shown; the post holds only its settings, so it was left out",
            ]
        );
    }

    #[test]
    fn unclosed_shortcodes_are_text_read_in_linear_time() {
        let (json, _) = classic(&"[caption x] ".repeat(100_000));
        assert!(json.starts_with(r#"[{"type":"paragraph","text":"\\[caption x\\] \\[caption"#), "{}", &json[..80]);
        let (json, _) = classic(&"[embed".repeat(100_000));
        assert!(json.starts_with(r#"[{"type":"paragraph","text":"\\[embed\\[embed"#), "{}", &json[..80]);
    }

    #[test]
    fn shortcode_attributes() {
        assert_eq!(
            shortcode_attrs(r#" id="a b" Width='3' x=y "pos" z"#),
            [("id", "a b"), ("width", "3"), ("x", "y"), ("", "pos"), ("", "z")].map(|(n, v)| (n.to_owned(), v.to_owned()))
        );
    }
}
