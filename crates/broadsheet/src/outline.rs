//! The document outline: heading levels that never skip, and element ids that never repeat and
//! never leave the article's prefix.

use std::collections::{HashMap, HashSet};

/// Tracks the headings written so far in one article.
pub struct Outline {
    /// Added to every level (the `heading_shift` option).
    shift: u8,
    /// The last body heading's level before the shift, 1 for the headline.
    last_level: u8,
    ids: HashSet<String>,
    /// Heading ids the article gives (`intro`), written as `{prefix}-intro`, and whether a heading
    /// has been written with each yet.
    given: HashMap<String, bool>,
    prefix: String,
    /// For each generated base id, the suffix to try next: ids are never released, so counting on
    /// gives the same ids as searching from `-2`, and many equal headings stay linear.
    next_suffix: HashMap<String, usize>,
}

impl Outline {
    pub fn new(prefix: String, shift: u8) -> Self {
        Outline { shift, last_level: 1, ids: HashSet::new(), given: HashMap::new(), prefix, next_suffix: HashMap::new() }
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

    /// Claims a heading id the article gives, as `{prefix}-{id}`: ids from content live under the
    /// article's prefix, so none can clobber a name the page's scripts use. `false` (and the id is
    /// not the article's) when an element already has it.
    pub fn claim_given(&mut self, id: &str) -> bool {
        let claimed = self.claim(&self.given_id(id));
        if claimed {
            self.given.insert(id.to_owned(), false);
        }
        claimed
    }

    /// The element id for the heading that gives `id`, the first time; `None` for an id it could
    /// not claim, or a second heading giving the same id (validation refuses both).
    pub fn use_given(&mut self, id: &str) -> Option<String> {
        let used = self.given.get_mut(id)?;
        (!std::mem::replace(used, true)).then(|| self.given_id(id))
    }

    /// A link's target, with the article's own `#id` links pointing at the prefixed ids.
    pub fn local_link<'h>(&self, href: &'h str) -> std::borrow::Cow<'h, str> {
        match href.strip_prefix('#').filter(|id| self.given.contains_key(*id)) {
            Some(id) => std::borrow::Cow::Owned(format!("#{}", self.given_id(id))),
            None => std::borrow::Cow::Borrowed(href),
        }
    }

    fn given_id(&self, id: &str) -> String {
        format!("{}-{id}", self.prefix)
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
    fn given_ids_live_under_the_prefix_and_their_links_follow() {
        let mut outline = Outline::new("story".into(), 0);
        assert!(outline.claim("story-title"));
        assert!(outline.claim_given("config"));
        assert!(!outline.claim_given("title"), "the headline's id is taken");
        assert_eq!(outline.use_given("config").as_deref(), Some("story-config"));
        assert_eq!(outline.use_given("config"), None, "a second heading with the id gets a generated one");
        assert_eq!(outline.use_given("title"), None);
        assert_eq!(outline.generate("Config"), "story-config-2");
        assert_eq!(outline.local_link("#config"), "#story-config");
        assert_eq!(outline.local_link("#title"), "#title", "not an id the article gave");
        assert_eq!(outline.local_link("https://example.com/#config"), "https://example.com/#config");
    }

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
