//! What went wrong, and where: every problem carries the JSON path it is about, as data.

use std::fmt;

/// A place in a JSON document: the keys and indices that lead to it from the root.
///
/// `Display` prints `body[3].caption`; a key that would read as something else (empty, or holding
/// `.`, `[`, `]`, `"` or white space) is printed quoted, `["a.b"]`, so no two paths print alike.
///
/// ```
/// use broadsheet::{Path, Segment};
/// let path = Path::from_segments(vec![Segment::Key("body".into()), Segment::Index(3), Segment::Key("a.b".into())]);
/// assert_eq!(path.to_string(), r#"body[3]["a.b"]"#);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path {
    segments: Vec<Segment>,
}

/// One step of a [`Path`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// An object's key.
    Key(String),
    /// An array's index.
    Index(usize),
}

impl Path {
    /// The path of these steps, from the root.
    pub fn from_segments(segments: Vec<Segment>) -> Self {
        Path { segments }
    }

    /// The steps from the root; none for the document as a whole.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// This path followed by the key `key`.
    pub fn key(&self, key: &str) -> Path {
        let mut segments = self.segments.clone();
        segments.push(Segment::Key(key.to_owned()));
        Path { segments }
    }

    /// This path followed by the index `index`.
    pub fn index(&self, index: usize) -> Path {
        let mut segments = self.segments.clone();
        segments.push(Segment::Index(index));
        Path { segments }
    }

    /// Whether this is the document as a whole.
    pub fn is_root(&self) -> bool {
        self.segments.is_empty()
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Index(index) => write!(f, "[{index}]")?,
                Segment::Key(key) if reads_plainly(key) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                }
                Segment::Key(key) => {
                    f.write_str("[\"")?;
                    for c in key.chars() {
                        match c {
                            '"' => f.write_str("\\\"")?,
                            '\\' => f.write_str("\\\\")?,
                            c if c.is_control() => write!(f, "\\u{:04x}", c as u32)?,
                            c => write!(f, "{c}")?,
                        }
                    }
                    f.write_str("\"]")?;
                }
            }
        }
        Ok(())
    }
}

/// A key printed as it is cannot be mistaken for another path.
fn reads_plainly(key: &str) -> bool {
    !key.is_empty() && !key.chars().any(|c| matches!(c, '.' | '[' | ']' | '"' | '\\') || c.is_whitespace() || c.is_control())
}

/// Where in JSON text a syntax error is: line and column, both from 1 (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextPosition {
    /// The line, from 1.
    pub line: usize,
    /// The column in characters, from 1.
    pub column: usize,
}

/// One problem with an article: the JSON path it is about (the root for the whole document),
/// what is wrong there, and for a JSON syntax error its place in the text. `Display` prints
/// `path: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: `body[3].src`, or the root for the document as a whole.
    pub path: Path,
    /// What is wrong there.
    pub message: String,
    /// For a JSON syntax error, where in the text.
    pub position: Option<TextPosition>,
}

impl Problem {
    /// A problem at `path`.
    pub fn new(path: Path, message: String) -> Self {
        Problem { path, message, position: None }
    }

    /// A problem with the document as a whole.
    pub fn whole(message: String) -> Self {
        Problem::new(Path::default(), message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.path.is_root() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// All the problems found in one article, in input order; never empty.
///
/// `Display` prints one `path: message` line per problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    problems: Vec<Problem>,
}

impl Error {
    /// Builds an error from a non-empty list of problems.
    pub fn new(problems: Vec<Problem>) -> Self {
        debug_assert!(!problems.is_empty());
        Error { problems }
    }

    /// Every problem, in input order.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The first problem: the one a single-line message shows.
    pub fn first(&self) -> &Problem {
        &self.problems[0]
    }
}

impl From<Problem> for Error {
    fn from(problem: Problem) -> Self {
        Error { problems: vec![problem] }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(segments: &[Segment]) -> String {
        Path::from_segments(segments.to_vec()).to_string()
    }

    #[test]
    fn paths_print_unambiguously() {
        use Segment::{Index, Key};
        assert_eq!(path(&[]), "");
        assert_eq!(path(&[Key("body".into()), Index(3), Key("caption".into())]), "body[3].caption");
        assert_eq!(path(&[Key("x-cms".into()), Key("$ref".into())]), "x-cms.$ref");
        // The same text from different paths must print differently.
        assert_eq!(path(&[Key("a.b".into())]), r#"["a.b"]"#);
        assert_eq!(path(&[Key("a".into()), Key("b".into())]), "a.b");
        assert_eq!(path(&[Key("c[0]".into())]), r#"["c[0]"]"#);
        assert_eq!(path(&[Key("c".into()), Index(0)]), "c[0]");
        assert_eq!(path(&[Key("".into()), Key("say \"hi\"\\".into()), Key("tab\there".into())]), r#"[""]["say \"hi\"\\"]["tab\u0009here"]"#);
    }
}
