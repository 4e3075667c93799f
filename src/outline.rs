//! The document outline: heading levels that never skip, and element ids that never repeat.

use std::collections::{HashMap, HashSet};

/// Tracks the headings written so far in one article.
pub struct Outline {
    /// Added to every level (the `heading_shift` option).
    shift: u8,
    /// The last body heading's level before the shift, 1 for the headline.
    last_level: u8,
    ids: HashSet<String>,
    prefix: String,
    /// For each generated base id, the suffix to try next: ids are never released, so counting on
    /// gives the same ids as searching from `-2`, and many equal headings stay linear.
    next_suffix: HashMap<String, usize>,
}

impl Outline {
    pub fn new(prefix: String, shift: u8) -> Self {
        Outline { shift, last_level: 1, ids: HashSet::new(), prefix, next_suffix: HashMap::new() }
    }

    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The HTML level (1 to 6) for the headline.
    pub fn headline_level(&self) -> u8 {
        html_level(1, self.shift)
    }

    /// The HTML level for a top-level section heading such as the related rail's.
    pub fn section_level(&self) -> u8 {
        html_level(2, self.shift)
    }

    /// The HTML level for a body heading that asks for `requested` (2 to 6): never more than
    /// one below the previous heading, so the outline has no gaps.
    pub fn body_level(&mut self, requested: u8) -> u8 {
        let level = requested.clamp(2, self.last_level.saturating_add(1).min(6));
        self.last_level = level;
        html_level(level, self.shift)
    }

    /// Claims `id` as given; `false` if an element already has it.
    pub fn claim(&mut self, id: &str) -> bool {
        self.ids.insert(id.to_owned())
    }

    /// A new id `{prefix}-{slug of text}`, with `-2`, `-3`, … added when taken.
    pub fn generate(&mut self, text: &str) -> String {
        let mut base = String::with_capacity(self.prefix.len() + 1 + text.len().min(48));
        base.push_str(&self.prefix);
        base.push('-');
        push_slug(&mut base, text, 48, "section");
        if self.claim(&base) {
            return base;
        }
        let mut n = self.next_suffix.get(&base).copied().unwrap_or(2);
        loop {
            let candidate = format!("{base}-{n}");
            n += 1;
            if self.claim(&candidate) {
                self.next_suffix.insert(base, n);
                return candidate;
            }
        }
    }
}

fn html_level(level: u8, shift: u8) -> u8 {
    level.saturating_add(shift).min(6)
}

/// Appends a slug of `text`: ASCII letters and digits lower-cased, every other run of characters
/// one `-`, at most `max` bytes; `fallback` when nothing is left.
pub fn push_slug(out: &mut String, text: &str, max: usize, fallback: &str) {
    let start = out.len();
    let mut pending_dash = false;
    for c in text.chars() {
        if out.len() - start >= max {
            break;
        }
        if c.is_ascii_alphanumeric() {
            if pending_dash && out.len() > start {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '’' {
            pending_dash = true;
        }
    }
    if out.len() == start {
        out.push_str(fallback);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_never_skip() {
        let mut outline = Outline::new("a".into(), 0);
        assert_eq!(outline.headline_level(), 1);
        assert_eq!(outline.body_level(4), 2);
        assert_eq!(outline.body_level(4), 3);
        assert_eq!(outline.body_level(6), 4);
        assert_eq!(outline.body_level(2), 2);
        let mut shifted = Outline::new("a".into(), 1);
        assert_eq!(shifted.headline_level(), 2);
        assert_eq!(shifted.body_level(2), 3);
        assert_eq!(Outline::new("a".into(), 9).section_level(), 6);
    }

    #[test]
    fn ids_are_unique_slugs() {
        let mut outline = Outline::new("story".into(), 0);
        assert_eq!(outline.generate("What's next?"), "story-whats-next");
        assert_eq!(outline.generate("What's next?"), "story-whats-next-2");
        assert_eq!(outline.generate("¿Qué?"), "story-qu");
        assert_eq!(outline.generate("…"), "story-section");
    }
}
