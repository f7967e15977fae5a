//! JSON: an array of objects with the CSV's column names, in the same order.

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::rows::{Cell, Row};
use crate::error::Error;

struct Object<'r, R>(&'r R);

impl<R: Row> Serialize for Object<'_, R> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let cells = self.0.cells();
        let mut map = serializer.serialize_map(Some(cells.len()))?;
        for (name, cell) in R::COLUMNS.iter().zip(cells) {
            match cell {
                Cell::Text(t) => map.serialize_entry(name, &t)?,
                Cell::Int(n) => map.serialize_entry(name, &n)?,
                Cell::Num(x) => map.serialize_entry(name, &x)?,
                Cell::List(items) => map.serialize_entry(name, items)?,
                Cell::Null => map.serialize_entry(name, &())?,
            }
        }
        map.end()
    }
}

pub fn render<R: Row>(rows: &[R]) -> Result<String, Error> {
    let objects: Vec<Object<R>> = rows.iter().map(Object).collect();
    let mut text = serde_json::to_string_pretty(&objects)
        .map_err(|e| Error::Render(format!("cannot write JSON: {e}")))?;
    text.push('\n');
    Ok(text)
}
