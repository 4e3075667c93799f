//! portable_text importer.

use super::{Notes, Object};
use crate::error::{Error, Problem};
use crate::json::Value;
use crate::Limits;

pub(super) fn article(source: &Value, notes: &mut Notes, limits: &Limits) -> Result<Object, Error> {
    let _ = (source, notes, limits);
    Err(Error::from(Problem::whole("this importer is being written".into())))
}
