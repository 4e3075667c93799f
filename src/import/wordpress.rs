//! WordPress: a post from the REST API (`context=edit`) or Gutenberg block markup alone.

use super::{Notes, Object};
use crate::error::{Error, Problem};
use crate::Limits;

/// The article a WordPress post (JSON) or its block markup holds.
pub(super) fn article(source: &str, notes: &mut Notes, limits: &Limits) -> Result<Object, Error> {
    let _ = (source, notes, limits);
    Err(Error::from(Problem::whole("the WordPress importer is being written".into())))
}
