//! Search metadata: every `tests/fixtures/NAME.json` gives exactly the JSON-LD in
//! `tests/json-ld/NAME.json` and the page `<head>` in `NAME.head.html` (`BLESS=1` rewrites them);
//! the page's JSON-LD reads back as the API's value and as what the article says; hostile text
//! stays inside its `<script>`; relative URLs are made absolute or left out.

use std::fs;
use std::path::Path;

use broadsheet::article::{Block, Media};
use broadsheet::json::JsonStyle;
use broadsheet::{Article, Options};
use scraper::{Html, Selector};
use serde_json::{json, Value};

#[allow(dead_code)]
use broadsheet_test_support::golden::{compare, inputs, name, options_for, root};

const STYLESHEET: &str = "broadsheet.css";
const SCRIPT: &str = "broadsheet-element.js";
const OPEN: &str = "<script type=\"application/ld+json\">";

/// A fixture's article and its options (`NAME.options.json` when present), as tests/fixtures.rs reads them.
fn load(input: &Path) -> (Article, Options) {
    let options = options_for(input);
    let text = fs::read_to_string(input).unwrap();
    let article = broadsheet::parse(&text, &options.limits).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
    (article, options)
}

/// From `<head>` to `</head>` and its line break.
fn head(page: &str) -> &str {
    let start = page.find("<head>").expect("a <head>");
    let end = page.find("</head>\n").expect("a </head>") + "</head>\n".len();
    &page[start..end]
}

/// The text of the page's one JSON-LD script, as far as an HTML parser reads it.
fn json_ld_text(page: &str) -> String {
    assert_eq!(page.matches(OPEN).count(), 1, "one JSON-LD script");
    let document = Html::parse_document(page);
    let selector = Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    let scripts: Vec<String> = document.select(&selector).map(|s| s.text().collect()).collect();
    assert_eq!(scripts.len(), 1, "the HTML parser sees one JSON-LD script");
    // What the parser reads is exactly what was written between the tags.
    let start = page.find(OPEN).unwrap() + OPEN.len();
    let end = start + page[start..].find("</script>").unwrap();
    assert_eq!(scripts[0], page[start..end]);
    scripts.into_iter().next().unwrap()
}

fn api_value(article: &Article, options: &Options) -> Value {
    serde_json::from_str(&broadsheet::json_ld(article, options).to_json(JsonStyle::Pretty)).unwrap()
}

#[test]
fn fixtures_give_their_golden_json_ld_and_head() {
    let mut mismatches = Vec::new();
    for input in inputs("tests/fixtures") {
        let (article, options) = load(&input);
        let expected = root().join("tests/json-ld").join(name(&input));
        let value = broadsheet::json_ld(&article, &options).to_json(JsonStyle::Pretty);
        mismatches.extend(compare(&expected.with_extension("json"), &value));
        let page = broadsheet::render_page(&article, &options, STYLESHEET, SCRIPT);
        mismatches.extend(compare(&expected.with_extension("head.html"), head(&page)));
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// The fixture's videos as the article gives them: hero first, then the body's, in order.
fn videos(article: &Article) -> Vec<(&str, &str, Option<&str>)> {
    let hero = match &article.hero {
        Some(Media::YouTube(video)) => Some((video.id.as_str(), video.title.as_str(), video.uploaded.as_ref().map(|d| d.machine.as_str()))),
        _ => None,
    };
    let body = article.body.iter().filter_map(|block| match block {
        Block::YouTube(video) => Some((video.id.as_str(), video.title.as_str(), video.uploaded.as_ref().map(|d| d.machine.as_str()))),
        Block::Vimeo(video) => Some((video.id.as_str(), video.title.as_str(), None)),
        _ => None,
    });
    hero.into_iter().chain(body).collect()
}

#[test]
fn page_json_ld_reads_back_as_the_api_value_and_the_article() {
    let mut videos_seen = 0;
    for input in inputs("tests/fixtures") {
        let (article, options) = load(&input);
        let page = broadsheet::render_page(&article, &options, STYLESHEET, SCRIPT);
        let read: Value = serde_json::from_str(&json_ld_text(&page)).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        assert_eq!(read, api_value(&article, &options), "{}", input.display());

        assert_eq!(read["@context"], "https://schema.org");
        assert_eq!(read["@type"], "NewsArticle");
        assert_eq!(read["headline"], article.headline.as_str(), "{}", input.display());
        let date = |date: &Option<broadsheet::article::DateTime>| date.as_ref().map_or(Value::Null, |d| json!(d.machine));
        assert_eq!(read["datePublished"], date(&article.published), "{}", input.display());
        assert_eq!(read["dateModified"], date(&article.modified), "{}", input.display());

        let expected = videos(&article);
        let listed = read["video"].as_array().cloned().unwrap_or_default();
        assert_eq!(listed.len(), expected.len(), "{}", input.display());
        for (video, (id, title, uploaded)) in listed.iter().zip(&expected) {
            let embed = video["embedUrl"].as_str().unwrap();
            let read_id = embed
                .strip_prefix("https://www.youtube.com/embed/")
                .or_else(|| embed.strip_prefix("https://player.vimeo.com/video/"))
                .unwrap_or_else(|| panic!("{embed} is neither YouTube's nor Vimeo's player"));
            assert_eq!(read_id, *id, "{}", input.display());
            assert_eq!(video["name"], *title);
            assert_eq!(video["uploadDate"], uploaded.map_or(Value::Null, |u| json!(u)));
            videos_seen += 1;
        }
    }
    assert!(videos_seen >= 10, "the fixtures hold videos of every kind ({videos_seen})");
}

/// Each video's `thumbnailUrl` is the poster its facade shows, made absolute; no poster, none.
#[test]
fn thumbnails_are_the_posters_the_page_shows() {
    let facade = Selector::parse(".bs-facade").unwrap();
    let poster = Selector::parse("img.bs-facade__poster").unwrap();
    let mut checked = [0; 3];
    for input in inputs("tests/fixtures") {
        let (article, options) = load(&input);
        let page = broadsheet::render_page(&article, &options, STYLESHEET, SCRIPT);
        let document = Html::parse_document(&page);
        let shown: Vec<Option<String>> = document
            .select(&facade)
            .map(|f| f.select(&poster).next().and_then(|img| img.value().attr("src")).map(str::to_owned))
            .collect();
        let value = api_value(&article, &options);
        let listed = value["video"].as_array().cloned().unwrap_or_default();
        assert_eq!(shown.len(), listed.len(), "{}", input.display());
        let origin = article.url.as_deref().map(|url| {
            let host_end = url["https://".len()..].find('/').map_or(url.len(), |i| i + "https://".len());
            &url[..host_end]
        });
        for (src, video) in shown.iter().zip(&listed) {
            let expected = match (src.as_deref(), origin) {
                (None, _) => None,
                (Some(src), _) if src.starts_with("https://") => Some(src.to_owned()),
                (Some(src), Some(origin)) if src.starts_with('/') => Some(format!("{origin}{src}")),
                (Some(src), None) if src.starts_with('/') => None,
                (Some(src), _) => panic!("{}: a poster form this test does not cover: {src}", input.display()),
            };
            checked[match (&expected, src) { (Some(_), _) => 0, (None, Some(_)) => 1, (None, None) => 2 }] += 1;
            assert_eq!(video["thumbnailUrl"].as_str(), expected.as_deref(), "{}", input.display());
        }
    }
    // Posters named, relative posters with no base left out, and videos with no poster at all.
    assert!(checked.iter().all(|&n| n > 0), "{checked:?}");
}

#[test]
fn hostile_text_stays_inside_the_json_ld() {
    let hostile = "</script><script>alert(1)</script> <!-- & \u{2028} \u{2029} end";
    let text = json!({
        "headline": hostile,
        "url": "https://news.example.com/a",
        "authors": [{ "name": hostile }],
        "section": { "name": hostile },
        "tags": [hostile],
        "hero": { "type": "image", "src": "/a.jpg", "alt": hostile, "caption": "</script><script>alert(1)</script> <!-- & x", "credit": hostile },
        "body": [{ "type": "youtube", "id": "Bm5lP1dHq9E", "title": hostile, "caption": "<!-- </script> & y", "credit": hostile }]
    })
    .to_string();
    let article = broadsheet::parse(&text, &Default::default()).unwrap();
    let options = Options::default();
    let page = broadsheet::render_page(&article, &options, STYLESHEET, SCRIPT);

    let script = json_ld_text(&page);
    for bad in ["</script", "<!--", "<", ">", "&", "\u{2028}", "\u{2029}"] {
        assert!(!script.contains(bad), "{bad:?} in the JSON-LD: {script}");
    }
    let scripts = Selector::parse("script").unwrap();
    assert_eq!(Html::parse_document(&page).select(&scripts).count(), 2, "only the shell and the JSON-LD");

    let read: Value = serde_json::from_str(&script).unwrap();
    assert_eq!(read, api_value(&article, &options));
    assert_eq!(read["headline"], hostile);
    assert_eq!(read["author"][0]["name"], hostile);
    assert_eq!(read["articleSection"], hostile);
    assert_eq!(read["keywords"], json!([hostile]));
    assert_eq!(read["image"]["creditText"], hostile);
    // Captions are inline Markdown, read as plain text: raw HTML is text, as the page shows it.
    assert_eq!(read["image"]["caption"], "</script><script>alert(1)</script> <!-- & x");
    assert_eq!(read["video"][0]["name"], hostile);
    assert_eq!(read["video"][0]["description"], "<!-- </script> & y");
    assert_eq!(read["video"][0]["creditText"], hostile);

    // The same text in the `<meta>` tags is escaped for an attribute and reads back whole.
    let document = Html::parse_document(&page);
    for name in ["og:title", "og:image:alt", "article:section", "article:tag"] {
        let selector = Selector::parse(&format!("meta[property=\"{name}\"]")).unwrap();
        let meta = document.select(&selector).next().unwrap_or_else(|| panic!("no {name}"));
        assert_eq!(meta.value().attr("content"), Some(hostile), "{name}");
    }
}

/// Search engines need absolute URLs: relative ones are resolved against the article's `url`,
/// and left out (from the JSON-LD and the `<meta>` tags alike) when it has none.
#[test]
fn relative_urls_are_made_absolute_or_left_out() {
    let article = |url: Option<&str>| {
        let mut value = json!({
            "headline": "Relative URLs",
            "authors": [{ "name": "Ana", "url": "../staff/ana" }, { "name": "Ben", "url": "mailto:ben@example.com" }],
            "hero": { "type": "image", "src": "media/hero.jpg", "alt": "A press", "width": 1600, "height": 900 },
            "body": [
                { "type": "youtube", "id": "Bm5lP1dHq9E", "title": "Own poster", "poster": "//cdn.example.com/p.jpg" },
                { "type": "vimeo", "id": "76979871", "title": "Vimeo", "poster": "/p/v.jpg?w=640#x" }
            ]
        });
        if let Some(url) = url {
            value["url"] = json!(url);
        }
        broadsheet::parse(&value.to_string(), &Default::default()).unwrap()
    };
    let options = Options::default();

    let with_url = article(Some("https://news.example.com/life/story"));
    let value = api_value(&with_url, &options);
    assert_eq!(value["mainEntityOfPage"], "https://news.example.com/life/story");
    assert_eq!(value["author"], json!([
        { "@type": "Person", "name": "Ana", "url": "https://news.example.com/staff/ana" },
        // A mail address is not a page about the author.
        { "@type": "Person", "name": "Ben" }
    ]));
    assert_eq!(value["image"], json!({ "@type": "ImageObject", "url": "https://news.example.com/life/media/hero.jpg", "width": 1600, "height": 900 }));
    assert_eq!(value["video"][0]["thumbnailUrl"], "https://cdn.example.com/p.jpg");
    assert_eq!(value["video"][1]["thumbnailUrl"], "https://news.example.com/p/v.jpg?w=640#x");
    let page = broadsheet::render_page(&with_url, &options, STYLESHEET, SCRIPT);
    assert!(page.contains("<meta property=\"og:image\" content=\"https://news.example.com/life/media/hero.jpg\">\n<meta property=\"og:image:alt\" content=\"A press\">\n<meta property=\"og:image:width\" content=\"1600\">\n<meta property=\"og:image:height\" content=\"900\">\n"), "{page}");
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));

    let without_url = article(None);
    let value = api_value(&without_url, &options);
    assert_eq!(value.get("mainEntityOfPage"), None);
    assert_eq!(value["author"], json!([{ "@type": "Person", "name": "Ana" }, { "@type": "Person", "name": "Ben" }]));
    assert_eq!(value.get("image"), None);
    // Scheme-relative is still relative: it needs the article's scheme.
    assert_eq!(value["video"][0].get("thumbnailUrl"), None);
    assert_eq!(value["video"][1].get("thumbnailUrl"), None);
    let page = broadsheet::render_page(&without_url, &options, STYLESHEET, SCRIPT);
    assert!(!page.contains("og:image") && !page.contains("twitter:image") && !page.contains("og:url"), "{page}");
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary\">"));
}

/// The hero video counts, and its poster under each policy is the lead image too.
#[test]
fn a_hero_video_is_a_video_and_its_poster_the_lead_image() {
    let text = r#"{"headline": "Hero", "url": "https://news.example.com/h",
        "hero": {"type": "youtube", "id": "M7lc1UVf-VE", "title": "The hero", "start": 30, "duration": 5400, "uploaded": "2024-01-02T03:04:05Z"},
        "body": []}"#;
    let article = broadsheet::parse(text, &Default::default()).unwrap();
    let value = api_value(&article, &Options::default());
    assert_eq!(value["video"], json!([{
        "@type": "VideoObject",
        "name": "The hero",
        "description": "The hero",
        "thumbnailUrl": "https://i.ytimg.com/vi/M7lc1UVf-VE/hqdefault.jpg",
        "uploadDate": "2024-01-02T03:04:05Z",
        "duration": "PT1H30M",
        "embedUrl": "https://www.youtube.com/embed/M7lc1UVf-VE",
        "url": "https://www.youtube.com/watch?v=M7lc1UVf-VE"
    }]));
    assert_eq!(value["image"], json!({ "@type": "ImageObject", "url": "https://i.ytimg.com/vi/M7lc1UVf-VE/hqdefault.jpg", "width": 480, "height": 360 }));

    let self_hosted = Options { poster: broadsheet::PosterPolicy::SelfHostedOnly, ..Options::default() };
    let value = api_value(&article, &self_hosted);
    assert_eq!(value.get("image"), None);
    assert_eq!(value["video"][0].get("thumbnailUrl"), None);
    let page = broadsheet::render_page(&article, &self_hosted, STYLESHEET, SCRIPT);
    assert!(!page.contains("i.ytimg.com"), "no third-party image under the self-hosted policy");
}

fn options_json(json: &str) -> Result<Options, String> {
    Options::from_json_value(&broadsheet::json::parse(json).unwrap()).map_err(|e| e.to_string())
}

const SITE: &str = r#"{ "site": { "name": "The Example Times", "url": "https://news.example.com/",
    "logo": { "src": "https://news.example.com/logo.png", "width": 600, "height": 60 },
    "twitter": "exampletimes", "locale": "en_US" } }"#;

/// The site is said once, in the options: the page names it, credits its account, and the
/// JSON-LD names it as the publisher; without it nothing about a site is written.
#[test]
fn the_site_in_the_options_is_the_publisher() {
    let article = broadsheet::parse(r#"{"headline": "H", "body": []}"#, &Default::default()).unwrap();
    let options = options_json(SITE).unwrap();
    let value = api_value(&article, &options);
    assert_eq!(value["publisher"], json!({
        "@type": "Organization", "name": "The Example Times", "url": "https://news.example.com/",
        "logo": { "@type": "ImageObject", "url": "https://news.example.com/logo.png", "width": 600, "height": 60 }
    }));
    let page = broadsheet::render_page(&article, &options, STYLESHEET, SCRIPT);
    assert!(page.contains("<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:site_name\" content=\"The Example Times\">\n<meta property=\"og:locale\" content=\"en_US\">\n"), "{page}");
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary\">\n<meta name=\"twitter:site\" content=\"@exampletimes\">\n"), "{page}");
    // The fragment is the same with or without a site.
    assert_eq!(broadsheet::render(&article, &options), broadsheet::render(&article, &Options::default()));

    // Only the name is required; what is not given is not written.
    let options = options_json(r#"{ "site": { "name": "Example" } }"#).unwrap();
    assert_eq!(api_value(&article, &options)["publisher"], json!({ "@type": "Organization", "name": "Example" }));
    let page = broadsheet::render_page(&article, &options, STYLESHEET, SCRIPT);
    assert!(!page.contains("og:locale") && !page.contains("twitter:site"), "{page}");

    let value = api_value(&article, &Options::default());
    assert_eq!(value.get("publisher"), None);
    let page = broadsheet::render_page(&article, &Options::default(), STYLESHEET, SCRIPT);
    assert!(!page.contains("og:site_name") && !page.contains("og:locale") && !page.contains("twitter:site"), "{page}");
}

#[test]
fn site_options_are_checked_with_paths() {
    assert_eq!(
        options_json(r#"{ "site": { "nmae": "X", "url": "/home", "logo": { "width": 0 }, "twitter": "@far_too_long_handle", "locale": "en-US" } }"#),
        Err([
            r#"options.site.nmae: unknown key; did you mean "name"?"#,
            "options.site.name: is required",
            "options.site.url: URL must be absolute, starting with https:// or http://",
            "options.site.logo.src: is required",
            "options.site.logo.width: expected a whole number from 1 to 100000, found 0",
            r#"options.site.twitter: "@far_too_long_handle" is not an X (Twitter) handle: 1 to 15 letters, digits or underscores, after an optional @"#,
            r#"options.site.locale: "en-US" is not an Open Graph locale: language_TERRITORY, as "en_US""#,
        ]
        .join("\n"))
    );
    assert_eq!(options_json(r#"{ "site": "Example" }"#), Err("options.site: expected an object, found a string".into()));
    assert_eq!(
        options_json(r#"{ "site": { "name": "X", "logo": { "src": "javascript:alert(1)" } } }"#),
        Err(r#"options.site.logo.src: URL scheme "javascript" is not allowed here (allowed: https, http)"#.into())
    );
}

/// `og:locale` is `language_TERRITORY`: the territory comes from the article's `lang`, else from
/// the site's locale for the same language, else there is none; a territory is never guessed.
#[test]
fn the_locale_is_the_articles_language_with_a_territory_someone_named() {
    let site = options_json(SITE).unwrap();
    let cases = [
        (None, Some("en_US")),
        (Some("en"), Some("en_US")),
        (Some("en-GB"), Some("en_GB")),
        (Some("es-MX"), Some("es_MX")),
        (Some("zh-Hant-TW"), Some("zh_TW")),
        (Some("es"), None),
        (Some("ar"), None),
        (Some("es-419"), None),
    ];
    for (lang, expected) in cases {
        let mut value = json!({ "headline": "H", "body": [] });
        if let Some(lang) = lang {
            value["lang"] = json!(lang);
        }
        let article = broadsheet::parse(&value.to_string(), &Default::default()).unwrap();
        let page = broadsheet::render_page(&article, &site, STYLESHEET, SCRIPT);
        let document = Html::parse_document(&page);
        let selector = Selector::parse("meta[property=\"og:locale\"]").unwrap();
        let locale = document.select(&selector).next().and_then(|meta| meta.value().attr("content"));
        assert_eq!(locale, expected, "{lang:?}");
        // Without a site, only what the article names.
        let page = broadsheet::render_page(&article, &Options::default(), STYLESHEET, SCRIPT);
        let document = Html::parse_document(&page);
        let locale = document.select(&selector).next().and_then(|meta| meta.value().attr("content"));
        assert_eq!(locale, expected.filter(|_| lang.is_some_and(|lang| lang.contains('-'))), "{lang:?} without a site");
    }
}

/// With no hero, the first body image stands for the article, else the first video's poster; the
/// JSON-LD lists every size the image gives.
#[test]
fn without_a_hero_the_first_body_image_or_poster_is_shared() {
    let lead = |body: Value, options: &Options| {
        let text = json!({ "headline": "H", "url": "https://news.example.com/a/story", "body": body }).to_string();
        let article = broadsheet::parse(&text, &Default::default()).unwrap();
        (api_value(&article, options).get("image").cloned(), broadsheet::render_page(&article, options, STYLESHEET, SCRIPT))
    };
    let options = Options::default();
    let image = json!({ "type": "image", "src": "/m/a.jpg", "alt": "Divers at the reef", "width": 1600, "height": 900,
        "srcset": [{ "src": "/m/a-800.jpg", "width": 800 }, { "src": "/m/a.jpg", "width": 1600 }, { "src": "/m/a-2400.jpg", "width": 2400 }] });
    let youtube = json!({ "type": "youtube", "id": "Bm5lP1dHq9E", "title": "Raid" });
    let vimeo = json!({ "type": "vimeo", "id": "76979871", "title": "Vimeo", "poster": "/p/v.jpg" });

    // A video before the image: the image is still the one shared.
    let (value, page) = lead(json!([youtube, image]), &options);
    assert_eq!(value, Some(json!([
        { "@type": "ImageObject", "url": "https://news.example.com/m/a.jpg", "width": 1600, "height": 900 },
        { "@type": "ImageObject", "url": "https://news.example.com/m/a-800.jpg", "width": 800 },
        { "@type": "ImageObject", "url": "https://news.example.com/m/a-2400.jpg", "width": 2400 }
    ])));
    assert!(page.contains("<meta property=\"og:image\" content=\"https://news.example.com/m/a.jpg\">\n<meta property=\"og:image:alt\" content=\"Divers at the reef\">\n<meta property=\"og:image:width\" content=\"1600\">\n<meta property=\"og:image:height\" content=\"900\">\n"), "{page}");
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    assert!(page.contains("<meta name=\"twitter:image:alt\" content=\"Divers at the reef\">"));

    // No image: YouTube's poster as the facade shows it, with its size and no alt text.
    let (value, page) = lead(json!([{ "type": "paragraph", "text": "x" }, youtube, vimeo]), &options);
    assert_eq!(value, Some(json!({ "@type": "ImageObject", "url": "https://i.ytimg.com/vi/Bm5lP1dHq9E/hqdefault.jpg", "width": 480, "height": 360 })));
    assert!(!page.contains("og:image:alt"), "{page}");
    // With self-hosted posters the YouTube video shows none: Vimeo's own poster is next.
    let self_hosted = Options { poster: broadsheet::PosterPolicy::SelfHostedOnly, ..Options::default() };
    let (value, _) = lead(json!([youtube, vimeo]), &self_hosted);
    assert_eq!(value, Some(json!({ "@type": "ImageObject", "url": "https://news.example.com/p/v.jpg" })));
    // Nothing to show: nothing shared.
    let (value, page) = lead(json!([{ "type": "paragraph", "text": "x" }]), &self_hosted);
    assert_eq!(value, None);
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary\">") && !page.contains("og:image"), "{page}");
}

/// With no dek, the description is the first paragraph's text, cut to 160 characters at a sentence
/// end, else a word boundary.
#[test]
fn without_a_dek_the_first_paragraph_describes_the_article() {
    let description = |body: Value| {
        let text = json!({ "headline": "H", "body": body }).to_string();
        let article = broadsheet::parse(&text, &Default::default()).unwrap();
        let value = api_value(&article, &Options::default());
        let page = broadsheet::render_page(&article, &Options::default(), STYLESHEET, SCRIPT);
        let described = value.get("description").and_then(Value::as_str).map(str::to_owned);
        if let Some(text) = &described {
            let escaped = text.replace('&', "&amp;").replace('"', "&quot;");
            for name in ["name=\"description\"", "property=\"og:description\"", "name=\"twitter:description\""] {
                assert!(page.contains(&format!("<meta {name} content=\"{escaped}\">")), "{name}: {page}");
            }
        }
        described
    };
    let paragraph = |text: &str| json!({ "type": "paragraph", "text": text });
    // Markdown is read as text; the first paragraph with text counts.
    assert_eq!(
        description(json!([{ "type": "heading", "level": 2, "text": "Not this" }, paragraph("The *firefight* occurred in [Culiacán](https://e.test/c).")])),
        Some("The firefight occurred in Culiacán.".into())
    );
    let long = "Officials said the footage, released on Wednesday, shows the raid from the start. \
        Soldiers can be heard asking for reinforcements as gunmen surround the house. Later, they leave.";
    assert_eq!(
        description(json!([paragraph(long)])),
        Some("Officials said the footage, released on Wednesday, shows the raid from the start. Soldiers can be heard asking for reinforcements as gunmen surround the house.".into())
    );
    let no_sentence = "word ".repeat(40);
    let cut = description(json!([paragraph(&no_sentence)])).unwrap();
    assert_eq!(cut, format!("{}…", ["word"; 32].join(" ")));
    assert!(cut.chars().count() <= 160);
    // A first sentence shorter than half the room is not where the text is cut.
    let short_first = format!("Yes. {}", "and more ".repeat(30));
    let cut = description(json!([paragraph(&short_first)])).unwrap();
    assert!(cut.starts_with("Yes. and more") && cut.ends_with("more…") && cut.chars().count() <= 160, "{cut}");
    // One long word is cut inside; multi-byte characters are whole.
    let word = "é".repeat(300);
    assert_eq!(description(json!([paragraph(&word)])), Some(format!("{}…", "é".repeat(159))));
    assert_eq!(description(json!([{ "type": "divider" }])), None);
    assert_eq!(description(json!([])), None);
}
