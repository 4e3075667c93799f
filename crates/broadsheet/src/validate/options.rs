//! Rendering options given as JSON (the JS package's camelCase shape) → [`Options`], the
//! warning rules switched off, and the site.

use super::wording::closest;
use super::{Checker, StackPath};
use crate::json::Value;
use crate::escape::UrlUse;
use crate::options::{Labels, Logo, Options, PosterPolicy, Site};
use crate::warnings::RULES;

impl Checker<'_> {
    pub(super) fn options(&mut self, value: &Value, path: &StackPath) -> Option<Options> {
        let keys = ["headingShift", "idPrefix", "poster", "labels", "defaultSizes", "limits", "warnings", "site"];
        let fields = self.object(value, path, &keys)?;
        let mut options = Options::default();
        if let Some(shift) = self.opt_integer(&fields, "headingShift", path, 0, 5) {
            options.heading_shift = shift as u8;
        }
        if let Some(v) = fields.get("idPrefix") {
            options.id_prefix = self.id(v, &path.key("idPrefix"));
        }
        if let Some(v) = fields.get("poster") {
            if let Some(policy) = self.choice(v, &path.key("poster"), &["youtube", "self-hosted"]) {
                options.poster = if policy == "youtube" { PosterPolicy::YouTube } else { PosterPolicy::SelfHostedOnly };
            }
        }
        if let Some(v) = fields.get("labels") {
            self.labels(v, &path.key("labels"), &mut options.labels);
        }
        if let Some(sizes) = self.opt_text(&fields, "defaultSizes", path) {
            options.default_sizes = sizes;
        }
        if let Some(v) = fields.get("warnings") {
            options.warnings_off = self.warnings_off(v, &path.key("warnings"));
        }
        if let Some(v) = fields.get("site") {
            options.site = self.site(v, &path.key("site"));
        }
        if let Some(v) = fields.get("limits") {
            let path = path.key("limits");
            let keys = ["maxInputBytes", "maxBlocks", "maxStringBytes", "maxMarkdownDepth", "maxListDepth"];
            let fields = self.object(v, &path, &keys)?;
            let limits = &mut options.limits;
            let set = |checker: &mut Self, key: &str, target: &mut usize| {
                if let Some(n) = checker.opt_integer(&fields, key, &path, 1, u32::MAX) {
                    *target = n as usize;
                }
            };
            set(self, "maxInputBytes", &mut limits.max_input_bytes);
            set(self, "maxBlocks", &mut limits.max_blocks);
            set(self, "maxStringBytes", &mut limits.max_string_bytes);
            set(self, "maxMarkdownDepth", &mut limits.max_markdown_depth);
            set(self, "maxListDepth", &mut limits.max_list_depth);
        }
        Some(options)
    }

    /// `{ name, url, logo: { src, width, height }, twitter, locale }`: only `name` is required.
    fn site(&mut self, value: &Value, path: &StackPath) -> Option<Site> {
        let fields = self.object(value, path, &["name", "url", "logo", "twitter", "locale"])?;
        let name = self.required(&fields, "name", path).and_then(|v| self.text(v, &path.key("name")));
        let url = self.opt_url(&fields, "url", path, UrlUse::Canonical);
        let logo = fields.get("logo").and_then(|v| {
            let path = path.key("logo");
            let fields = self.object(v, &path, &["src", "width", "height"])?;
            let src = self.required(&fields, "src", &path).and_then(|v| self.url(v, &path.key("src"), UrlUse::Canonical));
            let width = self.opt_integer(&fields, "width", &path, 1, 100_000);
            let height = self.opt_integer(&fields, "height", &path, 1, 100_000);
            Some(Logo { src: src?, width, height })
        });
        let twitter = fields.get("twitter").and_then(|v| {
            let path = path.key("twitter");
            let handle = self.text(v, &path)?;
            let name = handle.strip_prefix('@').unwrap_or(handle);
            let valid = (1..=15).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            if !valid {
                self.report(&path, format!("\"{handle}\" is not an X (Twitter) handle: 1 to 15 letters, digits or underscores, after an optional @"));
            }
            valid.then(|| format!("@{name}"))
        });
        let locale = fields.get("locale").and_then(|v| {
            let path = path.key("locale");
            let locale = self.text(v, &path)?;
            let valid = locale.split_once('_').is_some_and(|(language, territory)| {
                (2..=3).contains(&language.len())
                    && language.bytes().all(|b| b.is_ascii_lowercase())
                    && territory.len() == 2
                    && territory.bytes().all(|b| b.is_ascii_uppercase())
            });
            if !valid {
                self.report(&path, format!("\"{locale}\" is not an Open Graph locale: language_TERRITORY, as \"en_US\""));
            }
            valid.then(|| locale.to_owned())
        });
        Some(Site { name: name?.to_owned(), url, logo, twitter, locale })
    }

    /// `{ off: [rule id, …] }`: the warning rules switched off, each one of [`RULES`].
    fn warnings_off(&mut self, value: &Value, path: &StackPath) -> Vec<String> {
        let Some(fields) = self.object(value, path, &["off"]) else { return Vec::new() };
        let Some(v) = fields.get("off") else { return Vec::new() };
        let ids: Vec<&str> = RULES.iter().map(|rule| rule.id).collect();
        self.list_of(v, &path.key("off"), |checker, v, p| {
            let id = checker.text(v, p)?;
            if ids.contains(&id) {
                return Some(id.to_owned());
            }
            let message = match closest(id, &ids) {
                Some(suggestion) => format!("unknown warning \"{id}\"; did you mean \"{suggestion}\"?"),
                None => format!("unknown warning \"{id}\" (known: {})", ids.join(", ")),
            };
            checker.report(p, message);
            None
        })
    }

    /// Overrides the labels given; the rest keep their defaults.
    fn labels(&mut self, value: &Value, path: &StackPath, labels: &mut Labels) {
        let keys = [
            "by", "and", "updated", "playVideo", "watchVideo", "credit", "source", "tags", "permalink", "table", "date", "months",
        ];
        let Some(fields) = self.object(value, path, &keys) else { return };
        let texts: [(&str, &mut String); 11] = [
            ("by", &mut labels.by),
            ("and", &mut labels.and),
            ("updated", &mut labels.updated),
            ("playVideo", &mut labels.play_video),
            ("watchVideo", &mut labels.watch_video),
            ("credit", &mut labels.credit),
            ("source", &mut labels.source),
            ("tags", &mut labels.tags),
            ("permalink", &mut labels.permalink),
            ("table", &mut labels.table),
            ("date", &mut labels.date),
        ];
        for (key, target) in texts {
            if let Some(text) = self.opt_text(&fields, key, path) {
                *target = text;
            }
        }
        if let Some(v) = fields.get("months") {
            let months_path = path.key("months");
            let before = self.problems.len();
            let names = self.list_of(v, &months_path, |c, v, p| c.text(v, p).map(str::to_owned));
            if self.problems.len() == before {
                match <[String; 12]>::try_from(names) {
                    Ok(months) => labels.months = months,
                    Err(names) => self.report(&months_path, format!("needs 12 month names, found {}", names.len())),
                }
            }
        }
    }
}
