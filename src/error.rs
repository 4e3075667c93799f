//! What went wrong, and where: every problem carries the JSON path it is about.

use std::fmt;

/// One problem with an article: the JSON path it is about (`body[3].src`; empty for the whole
/// document) and what is wrong there. `Display` prints `path: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: `body[3].src`, or empty for the document as a whole.
    pub path: String,
    /// What is wrong there.
    pub message: String,
}

impl Problem {
    /// A problem at `path`.
    pub fn new(path: String, message: String) -> Self {
        Problem { path, message }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.path.is_empty() {
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
    pub(crate) fn new(problems: Vec<Problem>) -> Self {
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
