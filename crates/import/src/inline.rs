//! Inline Markdown written from marked-up text (HTML's inline elements, Portable Text's marks):
//! text is escaped so it stays text, and marks become the delimiters format 1.1 reads.

use broadsheet::Limits;

/// An inline mark both sources can express and the format can write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    Strong,
    Emphasis,
    Code,
    Strike,
    /// A link; the caller has already checked the URL against the policy.
    Link(String),
}

/// How deep marks may nest in one field imported under `limits`: validation reads the field as a
/// paragraph, one level of `limits.max_markdown_depth`, and each mark as one more. Deeper marks
/// keep their text and lose their mark.
pub fn max_mark_depth(limits: &Limits) -> usize {
    limits.max_markdown_depth.saturating_sub(1)
}

/// Builds one inline Markdown field from `open`, `text`, `line_break` and `close` calls.
#[derive(Debug)]
pub struct InlineMarkdown {
    out: String,
    /// How deep marks may nest ([`max_mark_depth`]).
    max_depth: usize,
    /// Open marks, each with where its opening delimiter starts in `out`.
    open: Vec<(Mark, usize)>,
    /// Marks that `open` refused (too deep, inside code, a link in a link); their `close` is ignored.
    ignored: Vec<Mark>,
    /// Where the last closing delimiter ends in `out`.
    closed_at: Option<usize>,
}

/// Why [`InlineMarkdown::open`] did not apply a mark; the text inside is kept either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Marks nest deeper than [`max_mark_depth`].
    TooDeep,
    /// Code is literal text: nothing inside it can be marked.
    InsideCode,
    /// Links cannot hold links.
    LinkInLink,
}

impl Refused {
    /// A note's wording.
    pub fn reason(self) -> &'static str {
        match self {
            Refused::TooDeep => "marks nest too deep",
            Refused::InsideCode => "code cannot hold other marks",
            Refused::LinkInLink => "a link cannot hold another link",
        }
    }
}

impl InlineMarkdown {
    /// An empty field whose marks nest at most `max_depth` deep.
    pub fn new(max_depth: usize) -> Self {
        InlineMarkdown { out: String::new(), max_depth, open: Vec::new(), ignored: Vec::new(), closed_at: None }
    }

    /// Opens `mark`; refused marks keep their text and are closed by the matching `close`.
    pub fn open(&mut self, mark: Mark) -> Result<(), Refused> {
        let refused = if self.in_code() {
            Some(Refused::InsideCode)
        } else if self.open.len() >= self.max_depth {
            Some(Refused::TooDeep)
        } else if matches!(mark, Mark::Link(_)) && self.open.iter().any(|(m, _)| matches!(m, Mark::Link(_))) {
            Some(Refused::LinkInLink)
        } else {
            None
        };
        if let Some(refused) = refused {
            self.ignored.push(mark);
            return Err(refused);
        }
        let delimiter = match mark {
            Mark::Strong => "**",
            Mark::Emphasis => "*",
            Mark::Code => "`",
            Mark::Strike => "~~",
            Mark::Link(_) => "[",
        };
        // Straight after a closing delimiter of the same character, an opening one would merge
        // with it into one run (`**a*b***` then `*c*`); an invisible word joiner keeps them apart.
        if self.closed_at == Some(self.out.len()) && self.out.ends_with(&delimiter[..1]) {
            self.out.push('\u{2060}');
        }
        let at = self.out.len();
        self.out.push_str(delimiter);
        self.open.push((mark, at));
        Ok(())
    }

    /// Closes the innermost open `mark` (and any opened after it).
    pub fn close(&mut self, mark: &Mark) {
        if let Some(i) = self.ignored.iter().rposition(|m| m == mark) {
            self.ignored.remove(i);
            return;
        }
        let Some(i) = self.open.iter().rposition(|(m, _)| m == mark) else { return };
        while self.open.len() > i {
            self.close_innermost();
        }
    }

    /// Appends text; in code it is literal, elsewhere Markdown's punctuation is escaped.
    pub fn text(&mut self, text: &str) {
        let in_code = self.in_code();
        for c in text.chars() {
            match c {
                // Control characters cannot appear in the format's strings.
                c if c.is_control() && c != '\n' && c != '\t' => {}
                '\n' if in_code => self.out.push(' '),
                c if !in_code && is_markdown_punctuation(c) => {
                    self.out.push('\\');
                    self.out.push(c);
                }
                c => self.out.push(c),
            }
        }
    }

    /// A hard line break (HTML's `<br>`); none before any text, and spaces before it dropped
    /// (they show nothing).
    pub fn line_break(&mut self) {
        if self.in_code() {
            self.out.push(' ');
        } else if !self.is_blank() {
            self.out.truncate(self.out.trim_end_matches(' ').len());
            self.out.push_str("\\\n");
        }
    }

    /// Whether nothing but white space has been written.
    pub fn is_blank(&self) -> bool {
        self.out.trim().is_empty()
    }

    /// The Markdown, every mark closed; `None` when it holds no text.
    pub fn finish(mut self) -> Option<String> {
        while !self.open.is_empty() {
            self.close_innermost();
        }
        let mut text = self.out.trim();
        // A line break at the end breaks nothing.
        while ends_in_line_break(text) {
            text = text[..text.len() - 1].trim_end();
        }
        (!text.is_empty()).then(|| text.to_owned())
    }

    fn in_code(&self) -> bool {
        self.open.iter().any(|(m, _)| *m == Mark::Code)
    }

    /// Writes the closing delimiter. White space at either end of the marked text moves outside
    /// the delimiters (`** a **` would not be emphasis); a mark around nothing is dropped.
    fn close_innermost(&mut self) {
        let Some((mark, at)) = self.open.pop() else { return };
        let opening = match mark {
            Mark::Strong | Mark::Strike => 2,
            Mark::Link(_) => 1,
            Mark::Emphasis | Mark::Code => 1,
        };
        let content = self.out.split_off(at + opening);
        self.out.truncate(at);
        let trimmed = content.trim_matches([' ', '\n', '\t']);
        let leading = &content[..content.len() - content.trim_start_matches([' ', '\n', '\t']).len()];
        let mut trailing = content[trimmed.len() + leading.len()..].to_owned();
        // A line break that ends the marked text moves out with the white space.
        let trimmed = match ends_in_line_break(trimmed) {
            true => {
                trailing.insert(0, '\\');
                &trimmed[..trimmed.len() - 1]
            }
            false => trimmed,
        };
        self.out.push_str(leading);
        if trimmed.is_empty() {
            self.out.push_str(&trailing);
            return;
        }
        match &mark {
            Mark::Code => {
                // A run of backticks longer than any inside, and spaces where the content starts
                // or ends with one (CommonMark strips one space from each end).
                let fence = "`".repeat(longest_run(trimmed, '`') + 1);
                let pad = if trimmed.starts_with('`') || trimmed.ends_with('`') { " " } else { "" };
                self.out.push_str(&fence);
                self.out.push_str(pad);
                self.out.push_str(trimmed);
                self.out.push_str(pad);
                self.out.push_str(&fence);
            }
            Mark::Link(url) => {
                self.out.push('[');
                self.out.push_str(trimmed);
                self.out.push_str("](<");
                // Angle brackets delimit the destination; inside it they are percent-encoded.
                self.out.push_str(&url.replace('<', "%3C").replace('>', "%3E"));
                self.out.push_str(">)");
            }
            Mark::Strong | Mark::Emphasis | Mark::Strike => {
                let delimiter = match mark {
                    Mark::Strong => "**",
                    Mark::Emphasis => "*",
                    _ => "~~",
                };
                self.out.push_str(delimiter);
                self.out.push_str(trimmed);
                self.out.push_str(delimiter);
            }
        }
        self.closed_at = Some(self.out.len());
        self.out.push_str(&trailing);
    }
}

/// Whether `markdown` ends in the backslash of a hard line break (an odd run of backslashes; an
/// even one is escaped backslashes).
fn ends_in_line_break(markdown: &str) -> bool {
    let backslashes = markdown.len() - markdown.trim_end_matches('\\').len();
    backslashes % 2 == 1
}

/// ASCII punctuation that can start or end inline Markdown syntax, or an entity.
fn is_markdown_punctuation(c: char) -> bool {
    matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' | '!' | '|')
}

fn longest_run(text: &str, of: char) -> usize {
    text.split(|c| c != of).map(str::len).max().unwrap_or(0)
}

/// Text as inline Markdown that reads as exactly that text.
pub fn escaped(text: &str) -> String {
    let mut markdown = InlineMarkdown::new(0);
    markdown.text(text);
    markdown.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(steps: &[(&str, Option<Mark>)]) -> Option<String> {
        let mut markdown = InlineMarkdown::new(16);
        for (step, mark) in steps {
            match (*step, mark) {
                ("open", Some(mark)) => markdown.open(mark.clone()).unwrap(),
                ("close", Some(mark)) => markdown.close(mark),
                ("br", None) => markdown.line_break(),
                (text, None) => markdown.text(text),
                _ => unreachable!(),
            }
        }
        markdown.finish()
    }

    #[test]
    fn marks_become_delimiters_and_text_stays_text() {
        let steps = [
            ("2 * 3 ", None),
            ("open", Some(Mark::Strong)),
            (" bold ", None),
            ("close", Some(Mark::Strong)),
            ("and ", None),
            ("open", Some(Mark::Code)),
            ("a`b*", None),
            ("close", Some(Mark::Code)),
            ("open", Some(Mark::Link("https://x.test/a>b".into()))),
            ("[site]", None),
            ("close", Some(Mark::Link("https://x.test/a>b".into()))),
            ("br", None),
            ("open", Some(Mark::Emphasis)),
            ("close", Some(Mark::Emphasis)),
            ("end", None),
        ];
        assert_eq!(
            build(&steps).unwrap(),
            "2 \\* 3  **bold** and ``a`b*``[\\[site\\]](<https://x.test/a%3Eb>)\\\nend"
        );
    }

    #[test]
    fn blank_is_nothing() {
        assert_eq!(build(&[(" ", None), ("br", None)]), None);
        // White space before the first text (HTML's newlines between blocks) starts no line.
        assert_eq!(build(&[(" ", None), ("br", None), ("a", None), ("br", None), (" ", None), ("br", None), ("b", None)]).unwrap(), "a\\\n\\\nb");
    }

    #[test]
    fn refusals_keep_text() {
        let mut markdown = InlineMarkdown::new(16);
        markdown.open(Mark::Code).unwrap();
        assert_eq!(markdown.open(Mark::Strong), Err(Refused::InsideCode));
        markdown.text("x");
        markdown.close(&Mark::Strong);
        markdown.close(&Mark::Code);
        assert_eq!(markdown.finish().unwrap(), "`x`");
    }
}
