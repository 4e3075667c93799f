//! Arc XP ANS: a story (ANS 0.10.x, as the Content API returns it) becomes an article. The
//! story's own fields are read here, its content elements in [`elements`], its images, videos and
//! oEmbeds in [`media`]. `docs/importers/ans.md` has the whole mapping.

mod elements;
mod media;

use std::borrow::Cow;
use std::collections::HashSet;

use broadsheet::{Error, Path, Problem};
use broadsheet::escape::{check_url, UrlUse};
use crate::html::{self, Node};
use crate::article_json::{date_time, Notes, plain, string, url};
use broadsheet::json::{ObjectBuilder, Value};
use broadsheet::Limits;

/// The article an ANS story holds, keys in the format's order, without `schema` and (when the
/// story has none) without `headline`. An error only when the document is not an ANS story.
pub(super) fn article(source: &Value, notes: &mut Notes, limits: &Limits) -> Result<ObjectBuilder<'static>, Error> {
    check_story(source)?;
    let mut reader = StoryReader { notes, max_list_depth: limits.max_list_depth, origin: origin(source) };
    let root = Path::default();
    let mut article = ObjectBuilder::new();
    article.set_some("lang", reader.lang(source));
    article.set_some("url", reader.canonical_url(source));
    let taxonomy = reader.object(source, "taxonomy", &root);
    article.set_some("section", reader.section(source, taxonomy));
    article.set_some("headline", reader.headline(source, &root).map(string));
    article.set_some("dek", reader.dek(source));
    let authors = reader.authors(source);
    if !authors.is_empty() {
        article.set("authors", Value::Array(authors));
    }
    let (published, modified) = reader.dates(source);
    article.set_some("published", published).set_some("modified", modified);
    let tags = reader.tags(taxonomy);
    if !tags.is_empty() {
        article.set("tags", Value::Array(tags));
    }
    let LeadArt { hero, mut body } = reader.lead_art(source);
    article.set_some("hero", hero);
    let content = reader.array(source, "content_elements", &root);
    body.extend(reader.elements(content, &root.key("content_elements")));
    article.set("body", Value::Array(body));
    article.set_some("related", reader.related(source));
    Ok(article)
}

/// Refuses anything but an object whose `type` is `"story"`.
fn check_story(source: &Value) -> Result<(), Error> {
    let reason = match source {
        Value::Object(_) => match source.field("type") {
            Some(Value::String(kind)) if kind == "story" => return Ok(()),
            Some(Value::String(kind)) => format!("`type` is {}; expected \"story\"", quoted(kind)),
            Some(other) => format!("`type` is {}; expected \"story\"", other.kind()),
            None => "it has no `type`; expected \"story\"".to_owned(),
        },
        other => format!("expected a JSON object, found {}", other.kind()),
    };
    Err(Error::from(Problem::whole(format!("not an ANS story: {reason}"))))
}

/// `text` in quotes for a message, cut short if long.
fn quoted(text: &str) -> String {
    const SHOWN: usize = 40;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{:?}…", &text[..end]),
        None => format!("{text:?}"),
    }
}

/// An ANS element's `type`.
fn element_type<'v>(element: &'v Value) -> Option<&'v str> {
    element.field("type").and_then(Value::as_str)
}

/// "a `kind` element" or "an `kind` element", for a note.
fn an_element(kind: &str) -> String {
    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} `{kind}` element")
}

/// A built block's `type`.
fn block_type<'v>(block: &'v Value) -> Option<&'v str> {
    element_type(block)
}

/// `block` with `key` set to `value` (replacing an earlier value).
fn with(block: Value<'static>, key: &'static str, value: Value<'static>) -> Value<'static> {
    match block {
        Value::Object(mut entries) => {
            entries.retain(|(k, _)| k != key);
            entries.push((Cow::Borrowed(key), value));
            Value::Object(entries)
        }
        other => other,
    }
}

/// Where strings a reader reads sit in an element the importer does not know; their text is
/// kept. `additional_properties` is the CMS's own data, not the story's.
const TEXT_KEYS: [&str; 9] = ["content", "text", "title", "subtitle", "caption", "basic", "description", "name", "alt_text"];

/// Every string under [`TEXT_KEYS`] in `value`, in document order, each once.
fn texts<'v>(value: &'v Value) -> Vec<&'v str> {
    fn collect<'v>(value: &'v Value, seen: &mut HashSet<&'v str>, out: &mut Vec<&'v str>) {
        match value {
            Value::Array(items) => items.iter().for_each(|item| collect(item, seen, out)),
            Value::Object(entries) => {
                for (key, item) in entries {
                    match item {
                        Value::String(s) if TEXT_KEYS.contains(&key.as_ref()) => {
                            if !s.trim().is_empty() && seen.insert(s) {
                                out.push(s);
                            }
                        }
                        _ if key == "additional_properties" => {}
                        _ => collect(item, seen, out),
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    collect(value, &mut HashSet::new(), &mut out);
    out
}

/// `https://host` of the story's website, from the first absolute URL the story gives for itself:
/// `canonical_url`, `website_url`, or its canonical website's `website_url`.
fn origin(story: &Value) -> Option<String> {
    let website = story.field("canonical_website").and_then(Value::as_str);
    let own = website.and_then(|site| story.field("websites").and_then(|w| w.field(site))).and_then(|w| w.field("website_url"));
    [story.field("canonical_url"), story.field("website_url"), own].into_iter().flatten().filter_map(Value::as_str).find_map(origin_of)
}

/// The `scheme://host` of an absolute http(s) URL.
fn origin_of(url: &str) -> Option<String> {
    let url = url.trim();
    check_url(url, UrlUse::Canonical).ok()?;
    broadsheet::url::Url::parse(url).origin()
}

/// What reading a story shares: the notes, the list depth allowed, the website's address.
struct StoryReader<'n> {
    notes: &'n mut Notes,
    max_list_depth: usize,
    /// `https://host` of the story's website when the story gives it; paths on the site
    /// (`/politics/…`) are joined to it.
    origin: Option<String>,
}

/// The lead art: the hero, or, when it cannot be one, blocks that open the body.
struct LeadArt {
    hero: Option<Value<'static>>,
    body: Vec<Value<'static>>,
}

impl StoryReader<'_> {
    /// The string at `value[key]`; a blank one is absent (Arc writes `""` for unset fields),
    /// another kind of value is noted and read as absent.
    fn string<'v>(&mut self, value: &'v Value, key: &str, at: &Path) -> Option<&'v str> {
        match value.field(key)? {
            Value::String(s) => Some(s.as_ref()).filter(|s| !s.trim().is_empty()),
            other => {
                self.notes.add(&at.key(key), format!("expected a string, found {}; it was left out", other.kind()));
                None
            }
        }
    }

    /// The object at `value[key]`; another kind of value is noted and read as absent.
    fn object<'v, 'a>(&mut self, value: &'v Value<'a>, key: &str, at: &Path) -> Option<&'v Value<'a>> {
        match value.field(key)? {
            object @ Value::Object(_) => Some(object),
            other => {
                self.notes.add(&at.key(key), format!("expected an object, found {}; it was left out", other.kind()));
                None
            }
        }
    }

    /// The array at `value[key]`; another kind of value is noted and read as empty.
    fn array<'v, 'a>(&mut self, value: &'v Value<'a>, key: &str, at: &Path) -> &'v [Value<'a>] {
        match value.field(key) {
            None => &[],
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.notes.add(&at.key(key), format!("expected an array, found {}; it was left out", other.kind()));
                &[]
            }
        }
    }

    /// Plain text of an HTML string for a plain field (a headline, a name): markup is dropped,
    /// its text kept, with a note.
    /// A plain-text field (`alt_text`, a credit's name, a headline): text, with character
    /// references decoded. A `<` in it is text ("x < y", "a<b"), unless the field holds markup
    /// HTML has (`<b>`, `</i>`, `<br>`): then it is read as HTML, its text kept, with a note.
    fn plain_text(&mut self, source: &str, at: &Path) -> Option<String> {
        if !holds_markup(source) {
            let text = broadsheet::text::decode_character_references(source);
            return plain(&text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        let nodes = html::parse(source, at, self.notes);
        if nodes.iter().any(|node| matches!(node, Node::Element(_))) {
            self.notes.add(at, "markup was dropped (this field is plain text); its text was kept");
        }
        plain(&html::text(&nodes))
    }

    /// Inline Markdown of an HTML string.
    fn inline(&mut self, source: &str, at: &Path) -> Option<String> {
        html::inline_of(source, at, self.notes)
    }

    /// `headlines.basic` of a story or a related item, as plain text.
    fn headline(&mut self, item: &Value, at: &Path) -> Option<String> {
        let headlines = self.object(item, "headlines", at)?;
        let at = at.key("headlines");
        let headline = self.string(headlines, "basic", &at)?;
        self.plain_text(headline, &at.key("basic"))
    }

    /// A path on the story's website as an absolute URL when the website's address is known.
    fn on_site(&self, url: &str) -> String {
        let url = url.trim();
        match &self.origin {
            Some(origin) if url.starts_with('/') && !url.starts_with("//") => broadsheet::url::resolve(url, origin),
            _ => url.to_owned(),
        }
    }

    fn lang(&mut self, story: &Value) -> Option<Value<'static>> {
        let tag = self.string(story, "language", &Path::default())?.trim();
        if tag.is_empty() {
            return None;
        }
        if !broadsheet::text::is_language_tag(tag) {
            let message = format!("\"{tag}\" is not a BCP 47 language tag (like en or pt-BR); the article has no `lang`");
            self.notes.add(&Path::default().key("language"), message);
            return None;
        }
        Some(string(tag))
    }

    /// `canonical_url` (or `website_url`), made absolute when the website's address is known.
    /// ANS gives a path on the canonical website; the format needs an absolute URL.
    fn canonical_url(&mut self, story: &Value) -> Option<Value<'static>> {
        let root = Path::default();
        let (key, given) = ["canonical_url", "website_url"].into_iter().find_map(|key| Some((key, self.string(story, key, &root)?.trim())))?;
        let at = root.key(key);
        if given.starts_with('/') && self.origin.is_none() {
            let website = story.field("canonical_website").and_then(Value::as_str).map_or(String::new(), |site| format!(" on the website \"{site}\""));
            let message = format!("\"{given}\" is a path{website}; the story does not give the website's address, so the article has no `url` (add the full address)");
            self.notes.add(&at, message);
            return None;
        }
        url(&self.on_site(given), UrlUse::Canonical, &at, self.notes).map(string)
    }

    /// `taxonomy.primary_section`, or else the canonical website's section: its name and path.
    /// Other sections are noted: the format has one.
    fn section(&mut self, story: &Value, taxonomy: Option<&Value>) -> Option<Value<'static>> {
        let taxonomy_at = Path::default().key("taxonomy");
        let primary = taxonomy.and_then(|t| self.object(t, "primary_section", &taxonomy_at)).map(|s| (s, taxonomy_at.key("primary_section")));
        let website_section = story.field("canonical_website").and_then(Value::as_str).and_then(|site| {
            let section = story.field("websites")?.field(site)?.field("website_section")?;
            Some((section, Path::default().key("websites").key(site).key("website_section")))
        });
        let (section, at) = primary.or(website_section)?;
        let name = self.string(section, "name", &at);
        let Some(name) = name.and_then(|name| self.plain_text(name, &at.key("name"))) else {
            self.notes.add(&at, "the section has no name (a reference the Content API did not fill in?); it was left out");
            return None;
        };
        let sections = taxonomy.map_or(&[][..], |t| self.array(t, "sections", &taxonomy_at));
        for (i, other) in sections.iter().enumerate() {
            let other_name = other.field("name").and_then(Value::as_str).and_then(|n| plain(&broadsheet::text::decode_character_references(n)));
            if let Some(other_name) = other_name.filter(|n| *n != name) {
                let message = format!("the story is also in the section \"{other_name}\"; the format has one section, the primary one");
                self.notes.add(&taxonomy_at.key("sections").index(i), message);
            }
        }
        let path = match self.string(section, "path", &at) {
            Some(path) => Some((path, at.key("path"))),
            None => section.field("_id").and_then(Value::as_str).filter(|id| id.starts_with('/')).map(|id| (id, at.key("_id"))),
        };
        let link = path.and_then(|(path, path_at)| url(&self.on_site(path), UrlUse::Link, &path_at, self.notes));
        let mut out = ObjectBuilder::new();
        out.set("name", string(name)).set_some("url", link.map(string));
        Some(out.into_value())
    }

    /// `subheadlines.basic`, or else `description.basic`. A description that says something
    /// else is the summary for search and sharing, which the format has no place for: noted.
    fn dek(&mut self, story: &Value) -> Option<Value<'static>> {
        let root = Path::default();
        let basic = |reader: &mut Self, key: &str| {
            let at = root.key(key);
            reader.object(story, key, &root).and_then(|value| reader.string(value, "basic", &at)).map(|text| (text, at.key("basic")))
        };
        let subheadline = basic(self, "subheadlines");
        let description = basic(self, "description");
        let dek = subheadline.as_ref().and_then(|(text, at)| self.inline(text, at));
        let Some(dek) = dek else {
            return description.and_then(|(text, at)| self.inline(text, &at)).map(string);
        };
        if let (Some((subheadline, _)), Some((description, at))) = (subheadline, description) {
            if plain_words(subheadline) != plain_words(description) {
                self.notes.add(&at, "the description (the summary for search and sharing) differs from the dek (subheadlines.basic); the format has no place for it, so it was left out");
            }
        }
        Some(string(dek))
    }

    /// `credits.by`: each author's name, and a link (`url`, or else the first social link).
    fn authors(&mut self, story: &Value) -> Vec<Value<'static>> {
        let at = Path::default().key("credits");
        let Some(credits) = self.object(story, "credits", &Path::default()) else { return Vec::new() };
        let by = self.array(credits, "by", &at);
        let at = at.key("by");
        by.iter().enumerate().filter_map(|(i, person)| self.author(person, &at.index(i))).collect()
    }

    fn author(&mut self, person: &Value, at: &Path) -> Option<Value<'static>> {
        let name = self.string(person, "name", at);
        let Some(name) = name.and_then(|name| self.plain_text(name, &at.key("name"))) else {
            self.notes.add(at, "the author has no name (a reference the Content API did not fill in?); it was left out");
            return None;
        };
        let link = match self.string(person, "url", at) {
            Some(link) => Some((link, at.key("url"))),
            None => ["social_links", "socialLinks"].into_iter().find_map(|key| {
                let links = match person.field(key) {
                    Some(Value::Array(links)) => links,
                    _ => return None,
                };
                let link_at = |i| at.key(key).index(i).key("url");
                links.iter().enumerate().find_map(|(i, link)| link.field("url").and_then(Value::as_str).filter(|u| !u.trim().is_empty()).map(|u| (u, link_at(i))))
            }),
        };
        let link = link.and_then(|(link, link_at)| url(&self.on_site(link), UrlUse::Link, &link_at, self.notes));
        let mut author = ObjectBuilder::new();
        author.set("name", string(name)).set_some("url", link.map(string));
        Some(author.into_value())
    }

    /// `published` is when the story first came out: `first_publish_date`, or else
    /// `display_date`, or else `publish_date`. `modified` is `last_updated_date`, unless it is
    /// the same instant.
    fn dates(&mut self, story: &Value) -> (Option<Value<'static>>, Option<Value<'static>>) {
        let root = Path::default();
        let date = |reader: &mut Self, key: &str| {
            let text = reader.string(story, key, &root)?;
            date_time(text, &root.key(key), reader.notes)
        };
        let published = ["first_publish_date", "display_date", "publish_date"].into_iter().find_map(|key| date(self, key));
        let modified = date(self, "last_updated_date").filter(|modified| Some(modified) != published.as_ref());
        (published, modified)
    }

    /// `taxonomy.tags[].text`, each once.
    fn tags(&mut self, taxonomy: Option<&Value>) -> Vec<Value<'static>> {
        let at = Path::default().key("taxonomy");
        let Some(taxonomy) = taxonomy else { return Vec::new() };
        let tags = self.array(taxonomy, "tags", &at);
        let at = at.key("tags");
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (i, tag) in tags.iter().enumerate() {
            let text = self.string(tag, "text", &at.index(i));
            if let Some(text) = text.and_then(|text| self.plain_text(text, &at.index(i).key("text"))) {
                if seen.insert(text.clone()) {
                    out.push(string(text));
                }
            }
        }
        out
    }

    /// `promo_items.lead_art` (what Arc's article pages show), or else `promo_items.basic`: the
    /// hero when it becomes an image or a YouTube video; anything else opens the body, noted.
    fn lead_art(&mut self, story: &Value) -> LeadArt {
        let none = LeadArt { hero: None, body: Vec::new() };
        let Some(promo) = self.object(story, "promo_items", &Path::default()) else { return none };
        let Some((key, art)) = ["lead_art", "basic"].into_iter().find_map(|key| promo.field(key).map(|art| (key, art))) else {
            return none;
        };
        let at = Path::default().key("promo_items").key(key);
        let mut blocks = self.element(art, &at);
        if let [only] = blocks.as_slice() {
            if matches!(block_type(only), Some("image" | "youtube")) {
                return LeadArt { hero: blocks.pop(), body: Vec::new() };
            }
        }
        if !blocks.is_empty() {
            let kinds: Vec<String> = blocks.iter().map(|b| format!("`{}`", block_type(b).unwrap_or("?"))).collect();
            let message = format!("the lead art cannot be the hero (an image or a YouTube video); it opens the body instead ({})", kinds.join(", "));
            self.notes.add(&at, message);
        }
        LeadArt { hero: None, body: blocks }
    }

    /// `related_content.basic` as the related rail: each item's headline, URL and promo image.
    fn related(&mut self, story: &Value) -> Option<Value<'static>> {
        let at = Path::default().key("related_content");
        let related_content = self.object(story, "related_content", &Path::default())?;
        let items = self.array(related_content, "basic", &at);
        let at = at.key("basic");
        let items: Vec<Value<'static>> = items.iter().enumerate().filter_map(|(i, item)| self.related_item(item, &at.index(i))).collect();
        if items.is_empty() {
            return None;
        }
        self.notes.add(&at, "ANS gives related content no title; the rail is titled \"Related\" until an editor names it");
        let mut related = ObjectBuilder::new();
        related.set("title", string("Related")).set("items", Value::Array(items));
        Some(related.into_value())
    }

    fn related_item(&mut self, item: &Value, at: &Path) -> Option<Value<'static>> {
        let headline = self.headline(item, at);
        let link = ["canonical_url", "website_url"].into_iter().find_map(|key| Some((self.string(item, key, at)?, at.key(key))));
        let (Some(headline), Some((link, link_at))) = (headline, link) else {
            self.notes.add(at, "a related item needs a headline and a URL (a reference the Content API did not fill in?); it was left out");
            return None;
        };
        let Some(link) = url(&self.on_site(link), UrlUse::Link, &link_at, self.notes) else {
            self.notes.add(at, format!("the related item \"{headline}\" was left out: it has no URL to link to"));
            return None;
        };
        let mut out = ObjectBuilder::new();
        out.set("headline", string(headline)).set("url", string(link));
        out.set_some("image", self.related_image(item, at));
        Some(out.into_value())
    }
}

/// The words of an HTML string, for telling whether two fields say the same.
fn plain_words(source: &str) -> Option<String> {
    plain(&html::text(&html::parse(source, &Path::default(), &mut Notes::default())))
}


#[cfg(test)]
mod tests;

/// Whether `text` holds a tag of an element HTML has, complete with its `>`, or a comment:
/// markup a CMS put in a plain-text field, as opposed to a `<` that is text.
pub(super) fn holds_markup(text: &str) -> bool {
    const NAMES: [&str; 26] = [
        "a", "abbr", "b", "br", "cite", "code", "div", "em", "font", "i", "img", "mark", "p", "q", "s", "small", "span", "strong", "sub", "sup",
        "u", "del", "ins", "script", "style", "iframe",
    ];
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if rest.starts_with("!--") {
            return true;
        }
        let tag = rest.strip_prefix('/').unwrap_or(rest);
        let name_end = tag.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(tag.len());
        let (name, after) = tag.split_at(name_end);
        let closes = after.starts_with('>') || after.starts_with("/>") || (after.starts_with(|c: char| c.is_ascii_whitespace()) && after.contains('>'));
        if closes && NAMES.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            return true;
        }
    }
    false
}
