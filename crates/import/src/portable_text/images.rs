//! Sanity image objects: an asset URL (expanded in the query, or made from an asset reference
//! and the document's `projectId` and `dataset`), alt text and caption.

use super::{spans, text, Context, Fields};
use broadsheet::Path;
use broadsheet::escape::{check_url, UrlUse};
use crate::inline;
use crate::article_json::{ImageFields, Notes, paragraph, plain};
use broadsheet::json::{field_of, Value};

/// Where a project's image assets live on Sanity's CDN.
pub(super) struct Project {
    id: String,
    dataset: String,
}

/// The document's `projectId` and `dataset`, when both are given and are Sanity names (they
/// become part of image URLs).
pub(super) fn project(fields: &Fields, notes: &mut Notes) -> Option<Project> {
    let (id, dataset) = match (field_of(fields, "projectId"), field_of(fields, "dataset")) {
        (None, None) => return None,
        (Some(Value::String(id)), Some(Value::String(dataset))) if is_project_id(id) && is_dataset(dataset) => (id, dataset),
        _ => {
            let message = "image URLs need both `projectId` (a-z, 0-9 and -) and `dataset` (a-z, 0-9, _ and -, \
                           at most 64) as Sanity names them; they were not used";
            notes.add(&Path::default().key("projectId"), message);
            return None;
        }
    };
    Some(Project { id: id.to_string(), dataset: dataset.to_string() })
}

fn is_project_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_dataset(name: &str) -> bool {
    let fits = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-';
    (1..=64).contains(&name.len()) && name.bytes().all(fits) && !name.starts_with(['_', '-'])
}

/// An image object (`{ asset, alt, caption }`) as an image block. Without a usable asset the
/// image is left out with a note, its alt text and caption kept as a paragraph.
pub(super) fn image(fields: &Fields, at: &Path, context: &Context, notes: &mut Notes) -> Option<Value<'static>> {
    let alt = field_of(fields, "alt").and_then(|alt| text(alt, &at.key("alt"), notes)).map(str::to_owned);
    let caption = field_of(fields, "caption").and_then(|caption| spans::inline_text(caption, &at.key("caption"), notes));
    let credit = field_of(fields, "credit").and_then(|credit| text(credit, &at.key("credit"), notes)).and_then(plain);
    let asset = match asset(fields, context) {
        Ok(asset) => asset,
        Err(reason) => {
            let kept: Vec<&str> = [(alt.as_deref().and_then(plain).is_some(), "alt text"), (caption.is_some(), "caption"), (credit.is_some(), "credit")]
                .into_iter()
                .filter_map(|(has, name)| has.then_some(name))
                .collect();
            let kept_note = match kept.as_slice() {
                [] => String::new(),
                [one] => format!("; its {one} is kept as a paragraph"),
                [init @ .., last] => format!("; its {} and {last} are kept as a paragraph", init.join(", ")),
            };
            notes.add(&at.key("asset"), format!("{reason}; the image was left out{kept_note}"));
            let alt = alt.as_deref().and_then(plain).map(|alt| inline::escaped(&alt));
            return paragraph([alt, caption, credit.map(|credit| inline::escaped(&credit))]);
        }
    };
    let (width, height) = asset.size.map_or((None, None), |(w, h)| (Some(w), Some(h)));
    let fields = ImageFields { src: asset.url, alt, width, height, caption, credit, ..ImageFields::default() };
    crate::article_json::image(fields, at, notes)
}

/// An image's file: its URL and, when known, its size in pixels.
struct Asset {
    url: String,
    size: Option<(f64, f64)>,
}

/// The asset's URL: expanded (`asset->url`, or `asset.url` in an export) and allowed by the URL
/// policy, or made from its reference; `Err` says why neither can be had.
fn asset(image: &Fields, context: &Context) -> Result<Asset, String> {
    let asset = match field_of(image, "asset") {
        Some(Value::Object(asset)) => asset,
        Some(other) => return Err(format!("the image's asset is {}, expected an asset object or reference", other.kind())),
        None => return Err("the image has no asset".into()),
    };
    let id = field_of(asset, "_ref").and_then(Value::as_str).or_else(|| field_of(asset, "_id").and_then(Value::as_str));
    let id_parts = id.and_then(AssetId::parse);
    if let Some(url) = field_of(asset, "url").and_then(Value::as_str).map(str::trim) {
        check_url(url, UrlUse::Resource).map_err(|reason| format!("the image's URL \"{url}\" cannot be used: {reason}"))?;
        let size = dimensions(asset).or(id_parts.as_ref().map(AssetId::size)).or_else(|| AssetId::from_cdn_url(url).map(|id| id.size()));
        return Ok(Asset { url: url.to_owned(), size });
    }
    let Some(id) = id else { return Err("the image's asset has neither a URL nor a reference".into()) };
    let Some(parts) = id_parts else {
        return Err(format!("the asset reference \"{id}\" is not an image asset id (image-ID-WIDTHxHEIGHT-FORMAT)"));
    };
    let Some(project) = &context.project else {
        return Err(format!(
            "the image's asset is a reference (\"{id}\"); its URL needs the document's `projectId` and `dataset`, which the source does not give"
        ));
    };
    let url = format!("https://cdn.sanity.io/images/{}/{}/{}-{}x{}.{}", project.id, project.dataset, parts.id, parts.width, parts.height, parts.format);
    Ok(Asset { url, size: Some(parts.size()) })
}

/// `metadata.dimensions` of an expanded asset.
fn dimensions(asset: &Fields) -> Option<(f64, f64)> {
    let Some(Value::Object(metadata)) = field_of(asset, "metadata") else { return None };
    let Some(Value::Object(dimensions)) = field_of(metadata, "dimensions") else { return None };
    match (field_of(dimensions, "width"), field_of(dimensions, "height")) {
        (Some(Value::Number(w)), Some(Value::Number(h))) => Some((*w, *h)),
        _ => None,
    }
}

/// The parts of an image asset id, `image-<id>-<width>x<height>-<format>`.
struct AssetId<'a> {
    id: &'a str,
    width: u32,
    height: u32,
    format: &'a str,
}

impl<'a> AssetId<'a> {
    fn parse(reference: &'a str) -> Option<Self> {
        let rest = reference.strip_prefix("image-")?;
        let (rest, format) = rest.rsplit_once('-')?;
        let (id, size) = rest.rsplit_once('-')?;
        Self::from_parts(id, size, format)
    }

    /// The parts of a CDN file name, `…/<id>-<width>x<height>.<format>`.
    fn from_cdn_url(url: &'a str) -> Option<Self> {
        let path = url.strip_prefix("https://cdn.sanity.io/images/")?;
        let file = path.rsplit('/').next()?.split(['?', '#']).next()?;
        let (rest, format) = file.rsplit_once('.')?;
        let (id, size) = rest.rsplit_once('-')?;
        Self::from_parts(id, size, format)
    }

    fn from_parts(id: &'a str, size: &str, format: &'a str) -> Option<Self> {
        let (width, height) = size.split_once('x')?;
        let number = |n: &str| n.bytes().all(|b| b.is_ascii_digit()).then(|| n.parse::<u32>().ok()).flatten();
        let alphanumeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric());
        (alphanumeric(id) && alphanumeric(format)).then_some(())?;
        Some(AssetId { id, width: number(width)?, height: number(height)?, format })
    }

    fn size(&self) -> (f64, f64) {
        (f64::from(self.width), f64::from(self.height))
    }
}

#[cfg(test)]
mod tests {
    use super::AssetId;

    #[test]
    fn asset_ids_and_cdn_file_names_give_their_parts() {
        let id = AssetId::parse("image-Tb9Ew8CXIwaY6R1kjMvI0uRR-2000x3000-jpg").unwrap();
        assert_eq!((id.id, id.width, id.height, id.format), ("Tb9Ew8CXIwaY6R1kjMvI0uRR", 2000, 3000, "jpg"));
        let url = "https://cdn.sanity.io/images/zp7mbokg/production/Tb9Ew8CXIwaY6R1kjMvI0uRR-2000x3000.jpg?w=800";
        let id = AssetId::from_cdn_url(url).unwrap();
        assert_eq!((id.id, id.width, id.height, id.format), ("Tb9Ew8CXIwaY6R1kjMvI0uRR", 2000, 3000, "jpg"));
        for malformed in ["image-abc-2000x3000", "file-abc-2000x3000-pdf", "image-a/b-1x1-png", "image-abc-1x-png", "image-abc-+1x2-png"] {
            assert!(AssetId::parse(malformed).is_none(), "{malformed}");
        }
        assert!(AssetId::from_cdn_url("https://example.com/images/a-1x1.png").is_none());
    }
}
