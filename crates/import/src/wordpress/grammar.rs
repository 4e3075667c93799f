//! Gutenberg's block grammar: `<!-- wp:name {attrs} -->` … `<!-- /wp:name -->` comments read into
//! a tree of blocks, the HTML around and between them kept in order. Never fails: what is not a
//! block comment is HTML, and each block carries what was wrong with its comments.

use std::borrow::Cow;

use crate::html::MAX_HTML_DEPTH;
use broadsheet::json::{self, Value};

/// How deep blocks nest; deeper block comments are read as HTML of the block at the limit, so no
/// input can exhaust the stack. The same bound as HTML elements'.
pub(super) const MAX_BLOCK_DEPTH: usize = MAX_HTML_DEPTH;

/// Attributes: the comment's JSON object, in order.
pub(super) type Attrs<'s> = Vec<(Cow<'s, str>, Value<'s>)>;

/// One block.
#[derive(Debug)]
pub(super) struct Block<'s> {
    /// The name without the implied `core/`: `paragraph`, `core-embed/youtube`, `myplugin/thing`.
    pub name: &'s str,
    /// Empty when the comment has none, or when they are not valid JSON (then `problems` says so).
    pub attrs: Attrs<'s>,
    /// The block's own HTML and its inner blocks, in source order.
    pub content: Vec<Piece<'s>>,
    /// Everything between its opening and closing comments, inner blocks' comments included.
    pub body: &'s str,
    /// What was wrong with its comments, each for a note at the block's path.
    pub problems: Vec<String>,
}

impl<'s> Block<'s> {
    /// The attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&Value<'s>> {
        self.attrs.iter().find(|(key, _)| key == name).map(|(_, value)| value)
    }

    /// The inner blocks.
    pub fn inner_blocks(&self) -> impl Iterator<Item = &Block<'s>> {
        self.content.iter().filter_map(|piece| match piece {
            Piece::Block(block) => Some(block),
            Piece::Html(_) => None,
        })
    }
}

/// HTML, or a block.
#[derive(Debug)]
pub(super) enum Piece<'s> {
    Html(&'s str),
    Block(Block<'s>),
}

/// A whole post's markup.
#[derive(Debug)]
pub(super) struct Document<'s> {
    /// Top-level HTML (classic content) and blocks, in source order.
    pub content: Vec<Piece<'s>>,
    /// Problems that belong to no block (a stray closing comment at the top level).
    pub problems: Vec<String>,
}

/// A block comment.
#[derive(Debug, PartialEq)]
enum Comment<'s> {
    Open { name: &'s str, attrs: Option<&'s str>, self_closing: bool },
    Close { name: &'s str },
}

/// A block being read: its block so far, and where its body starts.
struct Open<'s> {
    block: Block<'s>,
    body_start: usize,
    /// Whether block comments nested past [`MAX_BLOCK_DEPTH`] were read as its HTML.
    too_deep: bool,
}

/// Reads block markup into blocks.
pub(super) fn parse(markup: &str) -> Document<'_> {
    let mut reader = BlockMarkupReader { markup, open: Vec::new(), top: Vec::new(), problems: Vec::new(), html_start: 0 };
    // Block comments opened past the depth limit and not yet closed: their closers are HTML too.
    let mut ignored = 0usize;
    let mut from = 0;
    while let Some(found) = markup[from..].find("<!--") {
        let at = from + found;
        // A comment ends at the first `-->`, as in HTML; with none, the rest is one comment.
        let Some(length) = markup[at + 4..].find("-->") else { break };
        let end = at + 4 + length + 3;
        from = end;
        let Some(comment) = block_comment(&markup[at + 4..at + 4 + length]) else { continue };
        match comment {
            Comment::Open { .. } if reader.open.len() >= MAX_BLOCK_DEPTH => {
                if let Some(open) = reader.open.last_mut() {
                    open.too_deep = true;
                }
                if !matches!(comment, Comment::Open { self_closing: true, .. }) {
                    ignored += 1;
                }
            }
            Comment::Close { .. } if ignored > 0 => ignored -= 1,
            Comment::Open { name, attrs, self_closing } => {
                reader.html_until(at);
                let block = new_block(name, attrs);
                if self_closing {
                    reader.add(Piece::Block(block));
                } else {
                    reader.open.push(Open { block, body_start: end, too_deep: false });
                }
                reader.html_start = end;
            }
            Comment::Close { name } => match reader.open.iter().rposition(|open| open.block.name == name) {
                Some(index) => {
                    reader.html_until(at);
                    while reader.open.len() > index + 1 {
                        let parent = reader.open[reader.open.len() - 2].block.name;
                        reader.close(at, Some(format!("the block has no closing comment; it ends where `{parent}` ends")));
                    }
                    reader.close(at, None);
                    reader.html_start = end;
                }
                // A closer that closes nothing stays in the HTML, where it is a comment.
                None => {
                    let problem = format!("a closing comment `<!-- /wp:{name} -->` without its opening was ignored");
                    match reader.open.last_mut() {
                        Some(open) => open.block.problems.push(problem),
                        None => reader.problems.push(problem),
                    }
                }
            },
        }
    }
    reader.html_until(markup.len());
    while let Some(open) = reader.open.last() {
        let problem = format!("the block has no closing comment (`<!-- /wp:{} -->`); it runs to the end of the content", open.block.name);
        reader.close(markup.len(), Some(problem));
    }
    Document { content: reader.top, problems: reader.problems }
}

struct BlockMarkupReader<'s> {
    markup: &'s str,
    /// Blocks opened and not yet closed, innermost last.
    open: Vec<Open<'s>>,
    top: Vec<Piece<'s>>,
    problems: Vec<String>,
    /// Where the HTML not yet added starts.
    html_start: usize,
}

impl<'s> BlockMarkupReader<'s> {
    fn add(&mut self, piece: Piece<'s>) {
        match self.open.last_mut() {
            Some(open) => open.block.content.push(piece),
            None => self.top.push(piece),
        }
    }

    /// Adds the HTML from `html_start` to `end`, if there is any.
    fn html_until(&mut self, end: usize) {
        if end > self.html_start {
            self.add(Piece::Html(&self.markup[self.html_start..end]));
        }
        self.html_start = end;
    }

    /// Closes the innermost open block, its body ending at `end`.
    fn close(&mut self, end: usize, problem: Option<String>) {
        let Some(Open { mut block, body_start, too_deep }) = self.open.pop() else { return };
        block.body = &self.markup[body_start..end.max(body_start)];
        block.problems.extend(problem);
        if too_deep {
            block.problems.push(format!("blocks nest deeper than {MAX_BLOCK_DEPTH} levels; the deeper ones were read as this block's HTML"));
        }
        self.add(Piece::Block(block));
    }
}

fn new_block<'s>(name: &'s str, attrs: Option<&'s str>) -> Block<'s> {
    let mut problems = Vec::new();
    let attrs = match attrs.map(json::parse) {
        None => Vec::new(),
        Some(Ok(Value::Object(entries))) => entries,
        Some(Ok(other)) => {
            problems.push(format!("the block's attributes are {}, not an object; they were ignored", other.kind()));
            Vec::new()
        }
        Some(Err(error)) => {
            problems.push(format!("the block's attributes are not valid JSON ({}); they were ignored", error.first().message));
            Vec::new()
        }
    };
    Block { name, attrs, content: Vec::new(), body: "", problems }
}

/// The block comment whose text (between `<!--` and `-->`) is `inner`, or `None` when it is some
/// other comment. The grammar: white space, `/`? `wp:`, a name (`[a-z][a-z0-9_-]*`, perhaps
/// after a namespace and `/`), white space, and for an opening comment a JSON object and `/`
/// when it closes itself.
fn block_comment(inner: &str) -> Option<Comment<'_>> {
    let rest = skip_space(inner);
    if rest.len() == inner.len() {
        return None;
    }
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    let rest = rest.strip_prefix("wp:")?;
    let name_length = name_length(rest)?;
    let full_name = &rest[..name_length];
    let name = full_name.strip_prefix("core/").unwrap_or(full_name);
    let after_name = &rest[name_length..];
    let rest = skip_space(after_name).trim_end_matches(|c: char| c.is_ascii_whitespace());
    if after_name.len() == skip_space(after_name).len() {
        return None;
    }
    if closing {
        return rest.is_empty().then_some(Comment::Close { name });
    }
    let (self_closing, attrs) = match rest.strip_suffix('/') {
        Some(attrs) => (true, attrs.trim_end_matches(|c: char| c.is_ascii_whitespace())),
        None => (false, rest),
    };
    let attrs = match attrs.is_empty() {
        true => None,
        false if attrs.starts_with('{') && attrs.ends_with('}') => Some(attrs),
        false => return None,
    };
    Some(Comment::Open { name, attrs, self_closing })
}

fn skip_space(s: &str) -> &str {
    s.trim_start_matches(|c: char| c.is_ascii_whitespace())
}

/// The length of a block name (`name` or `namespace/name`) at the start of `s`.
fn name_length(s: &str) -> Option<usize> {
    let part = |s: &str| {
        s.bytes().next().filter(u8::is_ascii_lowercase)?;
        Some(s.bytes().take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'-')).count())
    };
    let first = part(s)?;
    match s[first..].strip_prefix('/').and_then(part) {
        Some(second) => Some(first + 1 + second),
        None => Some(first),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as text: `name{attrs}[problems](inner blocks)`, HTML as `'html'`.
    fn outline(markup: &str) -> String {
        let document = parse(markup);
        let mut out = pieces(&document.content);
        for problem in &document.problems {
            out.push_str(&format!(" !{problem}"));
        }
        out
    }

    fn pieces(pieces: &[Piece]) -> String {
        let parts: Vec<String> = pieces
            .iter()
            .map(|piece| match piece {
                Piece::Html(html) => format!("'{html}'"),
                Piece::Block(block) => {
                    let attrs = Value::Object(block.attrs.clone()).to_json(broadsheet::json::JsonStyle::Script);
                    let attrs = if block.attrs.is_empty() { String::new() } else { attrs };
                    let problems: String = block.problems.iter().map(|p| format!(" !{p}")).collect();
                    format!("{}{attrs}({}){problems}", block.name, self::pieces(&block.content))
                }
            })
            .collect();
        parts.join(" ")
    }

    #[test]
    fn blocks_html_and_attributes() {
        assert_eq!(
            outline("<p>classic</p>\n<!-- wp:heading {\"level\":3} -->\n<h3>T</h3>\n<!-- /wp:heading -->"),
            "'<p>classic</p>\n' heading{\"level\":3}('\n<h3>T</h3>\n')"
        );
    }

    #[test]
    fn self_closing_and_namespaced() {
        assert_eq!(
            outline("<!-- wp:latest-posts {\"postsToShow\":3} /--><!-- wp:core/separator --><hr/><!-- /wp:core/separator --><!-- wp:myplugin/thing /-->"),
            "latest-posts{\"postsToShow\":3}() separator('<hr/>') myplugin/thing()"
        );
        assert_eq!(
            outline("<!-- wp:core-embed/youtube {\"url\":\"https://youtu.be/x\"} -->U<!-- /wp:core-embed/youtube -->"),
            "core-embed/youtube{\"url\":\"https://youtu.be/x\"}('U')"
        );
    }

    #[test]
    fn nested_blocks_keep_their_html_in_order() {
        let markup = "<!-- wp:list --><ul><!-- wp:list-item --><li>a<!-- wp:list --><ul><!-- wp:list-item --><li>b</li><!-- /wp:list-item --></ul><!-- /wp:list --></li><!-- /wp:list-item --></ul><!-- /wp:list -->";
        assert_eq!(outline(markup), "list('<ul>' list-item('<li>a' list('<ul>' list-item('<li>b</li>') '</ul>') '</li>') '</ul>')");
        let Piece::Block(list) = &parse(markup).content[0] else { panic!() };
        assert_eq!(list.body, &markup["<!-- wp:list -->".len()..markup.len() - "<!-- /wp:list -->".len()]);
        assert_eq!(list.inner_blocks().count(), 1);
    }

    #[test]
    fn bad_attributes_are_a_problem_and_the_body_is_kept() {
        assert_eq!(
            outline("<!-- wp:image {\"id\":1,} --><img src=\"a.jpg\"><!-- /wp:image -->"),
            "image('<img src=\"a.jpg\">') !the block's attributes are not valid JSON (invalid JSON at line 1, column 9: trailing comma); they were ignored"
        );
    }

    #[test]
    fn other_comments_are_html() {
        assert_eq!(outline("<!--more--><!-- wp:more --><!--more--><!-- /wp:more --><!-- wpx -->"), "'<!--more-->' more('<!--more-->') '<!-- wpx -->'");
        // Without white space after the name, or with an upper-case name, it is not a block comment.
        assert_eq!(outline("<!-- wp:paragraph--><!-- wp:Para -->"), "'<!-- wp:paragraph--><!-- wp:Para -->'");
    }

    #[test]
    fn comments_end_at_the_first_close() {
        // Attributes cannot hold `-->` (WordPress writes `-` as `\\u002d` there).
        assert_eq!(outline("<!-- wp:a {\"x\":\"-->\"} --><p>y</p>"), "'<!-- wp:a {\"x\":\"-->\"} --><p>y</p>'");
        assert_eq!(outline("<p>x</p><!-- wp:paragraph"), "'<p>x</p><!-- wp:paragraph'");
        // Many openings that never close are read in linear time.
        let hostile = "<!-- wp:a {".repeat(200_000) + "-->";
        assert!(matches!(parse(&hostile).content.as_slice(), [Piece::Html(_)]));
    }

    #[test]
    fn unclosed_blocks_run_to_the_end() {
        assert_eq!(
            outline("<!-- wp:group --><div><!-- wp:paragraph --><p>x</p>"),
            "group('<div>' paragraph('<p>x</p>') !the block has no closing comment (`<!-- /wp:paragraph -->`); it runs to the end of the content) !the block has no closing comment (`<!-- /wp:group -->`); it runs to the end of the content"
        );
        // Closing an outer block closes the inner ones left open.
        assert_eq!(
            outline("<!-- wp:group --><!-- wp:paragraph --><p>x</p><!-- /wp:group -->y"),
            "group(paragraph('<p>x</p>') !the block has no closing comment; it ends where `group` ends) 'y'"
        );
    }

    #[test]
    fn stray_closers_are_ignored() {
        assert_eq!(
            outline("a<!-- /wp:paragraph -->b<!-- wp:quote -->c<!-- /wp:list -->d<!-- /wp:quote -->"),
            "'a<!-- /wp:paragraph -->b' quote('c<!-- /wp:list -->d') !a closing comment `<!-- /wp:list -->` without its opening was ignored !a closing comment `<!-- /wp:paragraph -->` without its opening was ignored"
        );
    }

    #[test]
    fn nesting_is_bounded() {
        let depth = 10_000;
        let markup = "<!-- wp:group -->(".repeat(depth) + "deep" + &")<!-- /wp:group -->".repeat(depth) + "after";
        let document = parse(&markup);
        let mut block = match &document.content[0] {
            Piece::Block(block) => block,
            Piece::Html(_) => panic!("a block first"),
        };
        let mut levels = 1;
        while let Some(inner) = block.inner_blocks().next() {
            block = inner;
            levels += 1;
        }
        assert_eq!(levels, MAX_BLOCK_DEPTH);
        assert!(block.body.contains("deep"));
        assert_eq!(block.problems, ["blocks nest deeper than 48 levels; the deeper ones were read as this block's HTML"]);
        assert!(matches!(document.content.last(), Some(Piece::Html("after"))));
        assert_eq!(document.content.len(), 2);
    }
}
