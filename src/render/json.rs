//! JSON: an array of objects with the CSV's column names, in the same order.
//!
//! The array is written an object at a time, so that a long output is never held whole.
//! serde_json can only stream a sequence from inside one serializer call, which a writer
//! fed in parts cannot be; so the brackets and commas are written here (a few lines) and
//! each object is pretty-printed by serde_json and indented one level. JSON text holds no
//! raw line break inside a string, so indenting every line is exact: the bytes are those
//! of `serde_json::to_string_pretty` of the whole array (a unit test holds this).

use std::io::Write;

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
                Cell::Bool(b) => map.serialize_entry(name, &b)?,
                Cell::List(items) => map.serialize_entry(name, items)?,
                Cell::Null => map.serialize_entry(name, &())?,
            }
        }
        map.end()
    }
}

/// A JSON array written into `out` as its objects come.
pub struct Writer<W: Write> {
    out: W,
    empty: bool,
    object: Vec<u8>,
}

impl<W: Write> Writer<W> {
    pub fn new(mut out: W) -> Result<Self, Error> {
        out.write_all(b"[").map_err(Error::Output)?;
        Ok(Writer {
            out,
            empty: true,
            object: Vec::new(),
        })
    }

    pub fn rows<R: Row>(&mut self, rows: &[R]) -> Result<(), Error> {
        for row in rows {
            self.object.clear();
            serde_json::to_writer_pretty(&mut self.object, &Object(row))
                .map_err(|e| Error::Render(format!("cannot write JSON: {e}")))?;
            let open: &[u8] = if self.empty { b"\n" } else { b",\n" };
            self.empty = false;
            self.out.write_all(open).map_err(Error::Output)?;
            for (n, line) in self.object.split(|&b| b == b'\n').enumerate() {
                let start: &[u8] = if n == 0 { b"  " } else { b"\n  " };
                self.out.write_all(start).map_err(Error::Output)?;
                self.out.write_all(line).map_err(Error::Output)?;
            }
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<(), Error> {
        let close: &[u8] = if self.empty { b"]\n" } else { b"\n]\n" };
        self.out.write_all(close).map_err(Error::Output)?;
        self.out.flush().map_err(Error::Output)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::rows::Row;

    struct Item(&'static str, i64, Vec<String>);

    impl Row for Item {
        const COLUMNS: &'static [&'static str] = &["name", "n", "tags"];
        fn cells(&self) -> Vec<Cell<'_>> {
            vec![
                Cell::Text(self.0.into()),
                Cell::Int(self.1),
                Cell::List(&self.2),
            ]
        }
    }

    fn whole(rows: &[Item]) -> String {
        let objects: Vec<Object<Item>> = rows.iter().map(Object).collect();
        serde_json::to_string_pretty(&objects).expect("serialises") + "\n"
    }

    fn in_parts(parts: &[&[Item]]) -> String {
        let mut out = Vec::new();
        let mut writer = Writer::new(&mut out).expect("writes");
        for part in parts {
            writer.rows(part).expect("writes");
        }
        writer.finish().expect("writes");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn an_array_written_in_parts_is_the_whole_array_pretty_printed() {
        let rows = [
            Item("Ana \"A\"\nB", 1, vec!["x".into(), "y".into()]),
            Item("Bo", -2, vec![]),
            Item("Cy", 3, vec!["z".into()]),
        ];
        let written = in_parts(&[&rows[..1], &[], &rows[1..]]);
        assert_eq!(written, whole(&rows));
        assert!(written.starts_with("[\n  {\n    \"name\": \"Ana \\\"A\\\"\\nB\",\n"));
        assert_eq!(in_parts(&[]), "[]\n");
        assert_eq!(in_parts(&[&[]]), whole(&[]));
    }
}
