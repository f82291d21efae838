//! Rendering of listings: aligned table, raw, export and JSON, from one description, so
//! that each command decides what to show and this module alone decides how.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::rc::Rc;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::Value;

/// One value of a row. Listings have tens of thousands of cells, so the common ones carry
/// no allocation of their own (numbers, keys, static and shared strings).
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Int(i64),
    UInt(u64),
    /// A 32-bit value shown as `0x%08x` (System V keys).
    Hex32(u32),
    Text(String),
    Static(&'static str),
    /// A string many rows share (an owner's name).
    Shared(Rc<str>),
    /// Nothing to show: `-` in text forms, `null` in JSON.
    Null,
    /// A value whose text and JSON forms differ (a list of processes).
    Rich {
        text: String,
        json: Value,
    },
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Cell {
        Cell::Text(value.into())
    }

    /// Appends the text form to `buf`.
    fn write_text(&self, buf: &mut String) {
        // Writing to a String cannot fail.
        let _ = match self {
            Cell::Int(n) => write!(buf, "{n}"),
            Cell::UInt(n) => write!(buf, "{n}"),
            Cell::Hex32(n) => write!(buf, "0x{n:08x}"),
            Cell::Text(text) | Cell::Rich { text, .. } => {
                buf.push_str(text);
                Ok(())
            }
            Cell::Static(text) => {
                buf.push_str(text);
                Ok(())
            }
            Cell::Shared(text) => {
                buf.push_str(text);
                Ok(())
            }
            Cell::Null => {
                buf.push('-');
                Ok(())
            }
        };
    }

    fn as_text(&self) -> String {
        let mut buf = String::new();
        self.write_text(&mut buf);
        buf
    }
}

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Int(n) => serializer.serialize_i64(*n),
            Cell::UInt(n) => serializer.serialize_u64(*n),
            Cell::Hex32(n) => serializer.collect_str(&format_args!("0x{n:08x}")),
            Cell::Text(text) => serializer.serialize_str(text),
            Cell::Static(text) => serializer.serialize_str(text),
            Cell::Shared(text) => serializer.serialize_str(text),
            Cell::Null => serializer.serialize_none(),
            Cell::Rich { json, .. } => json.serialize(serializer),
        }
    }
}

/// A column: its name as the header shows it (lsipc's, upper case) and its alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub right: bool,
    pub help: &'static str,
}

/// One table: the rows of one kind of object.
pub struct Section {
    /// The key of this section's array in JSON (lsipc's: `messages`, `sharedmemory`, ...).
    pub json_key: &'static str,
    /// The title printed above the table when several sections are shown.
    pub title: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Raw,
    Export,
    Json,
}

pub struct Options {
    pub format: Format,
    pub headings: bool,
}

/// Writes the sections in the chosen format.
pub fn render(out: &mut impl Write, sections: &[Section], options: &Options) -> io::Result<()> {
    match options.format {
        Format::Json => render_json(out, sections),
        Format::Table => {
            let titled = sections.len() > 1;
            for (index, section) in sections.iter().enumerate() {
                if titled {
                    if index > 0 {
                        writeln!(out)?;
                    }
                    writeln!(out, "{}:", section.title)?;
                }
                render_table(out, section, options.headings)?;
            }
            Ok(())
        }
        Format::Raw => {
            for section in sections {
                render_raw(out, section, options.headings)?;
            }
            Ok(())
        }
        Format::Export => {
            for section in sections {
                render_export(out, section)?;
            }
            Ok(())
        }
    }
}

fn render_table(out: &mut impl Write, section: &Section, headings: bool) -> io::Result<()> {
    // Every cell's text goes into one arena; cells are ranges of it.
    let mut arena = String::new();
    let mut ranges: Vec<(usize, usize)> =
        Vec::with_capacity(section.rows.len() * section.columns.len());
    let mut widths: Vec<usize> = section
        .columns
        .iter()
        .map(|c| if headings { c.name.chars().count() } else { 0 })
        .collect();
    for row in &section.rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            let start = arena.len();
            cell.write_text(&mut arena);
            let text = &arena[start..];
            let count = if text.is_ascii() {
                text.len()
            } else {
                text.chars().count()
            };
            *width = (*width).max(count);
            ranges.push((start, arena.len()));
        }
    }
    let last = section.columns.len().saturating_sub(1);
    let write_line =
        |out: &mut dyn Write, cells: &mut dyn Iterator<Item = &str>| -> io::Result<()> {
            // Trailing blanks are left out: pending padding is only written before a value.
            let mut pending = 0usize;
            for (index, (text, column)) in cells.zip(&section.columns).enumerate() {
                let count = if text.is_ascii() {
                    text.len()
                } else {
                    text.chars().count()
                };
                let pad = widths[index].saturating_sub(count);
                if index > 0 {
                    pending += 1;
                }
                if column.right {
                    pending += pad;
                }
                if !text.is_empty() {
                    write_spaces(out, pending)?;
                    pending = 0;
                    out.write_all(text.as_bytes())?;
                }
                if !column.right && index != last {
                    pending += pad;
                }
            }
            out.write_all(b"\n")
        };
    if headings {
        write_line(out, &mut section.columns.iter().map(|c| c.name))?;
    }
    let width = section.columns.len().max(1);
    for row in ranges.chunks(width) {
        write_line(
            out,
            &mut row.iter().map(|(start, end)| &arena[*start..*end]),
        )?;
    }
    Ok(())
}

fn write_spaces(out: &mut dyn Write, mut count: usize) -> io::Result<()> {
    const SPACES: [u8; 64] = [b' '; 64];
    while count > 0 {
        let chunk = count.min(SPACES.len());
        out.write_all(&SPACES[..chunk])?;
        count -= chunk;
    }
    Ok(())
}

/// Raw cells are separated by one space; a space, backslash or control character inside a
/// value is written as `\xHH`, as lsipc --raw does.
fn raw_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if c == ' ' || c == '\\' || c.is_control() {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                escaped.push_str(&format!("\\x{byte:02x}"));
            }
        } else {
            escaped.push(c);
        }
    }
    escaped
}

fn render_raw(out: &mut impl Write, section: &Section, headings: bool) -> io::Result<()> {
    if headings {
        let names: Vec<&str> = section.columns.iter().map(|c| c.name).collect();
        writeln!(out, "{}", names.join(" "))?;
    }
    for row in &section.rows {
        let cells: Vec<String> = row.iter().map(|c| raw_escape(&c.as_text())).collect();
        writeln!(out, "{}", cells.join(" "))?;
    }
    Ok(())
}

/// A column name usable as a shell variable: `USE%` becomes `USE_PCT`.
pub fn shell_name(name: &str) -> String {
    name.replace('%', "_PCT")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

fn render_export(out: &mut impl Write, section: &Section) -> io::Result<()> {
    for row in &section.rows {
        let pairs: Vec<String> = section
            .columns
            .iter()
            .zip(row)
            .map(|(column, cell)| {
                let value = match cell {
                    Cell::Null => String::new(),
                    other => other.as_text(),
                };
                let mut quoted = String::with_capacity(value.len() + 2);
                for c in value.chars() {
                    if matches!(c, '"' | '\\' | '$' | '`') {
                        quoted.push('\\');
                    }
                    quoted.push(c);
                }
                format!("{}=\"{quoted}\"", shell_name(column.name))
            })
            .collect();
        writeln!(out, "{}", pairs.join(" "))?;
    }
    Ok(())
}

/// One row as a JSON object, keys in column order.
struct JsonRow<'a> {
    keys: &'a [String],
    cells: &'a [Cell],
}

impl Serialize for JsonRow<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.keys.len()))?;
        for (key, cell) in self.keys.iter().zip(self.cells) {
            map.serialize_entry(key, cell)?;
        }
        map.end()
    }
}

struct JsonSection<'a>(&'a Section, Vec<String>);

impl Serialize for JsonSection<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.rows.iter().map(|cells| JsonRow {
            keys: &self.1,
            cells,
        }))
    }
}

struct JsonTop<'a>(&'a [Section]);

impl Serialize for JsonTop<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for section in self.0 {
            let keys = section
                .columns
                .iter()
                .map(|c| c.name.to_ascii_lowercase())
                .collect();
            map.serialize_entry(section.json_key, &JsonSection(section, keys))?;
        }
        map.end()
    }
}

fn render_json(out: &mut impl Write, sections: &[Section]) -> io::Result<()> {
    // `io::Error::from` hands back the writer's own error (EPIPE stays BrokenPipe, so a
    // reader that went away ends the command quietly); wrapping it as `io::Error::other`
    // would hide it, as neither io::Error nor serde_json::Error exposes itself as a source.
    serde_json::to_writer_pretty(&mut *out, &JsonTop(sections)).map_err(io::Error::from)?;
    writeln!(out)
}

/// A byte count as lsipc and `ipcs --human` show it: `0B`, `512B`, `4K`, `1.5M`, `16E`
/// (powers of 1024, one decimal where it is not zero; the same figures as util-linux's
/// size_to_human_string, checked on 2 million random sizes and every power of two ± 2000).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 7] = ["B", "K", "M", "G", "T", "P", "E"];
    if bytes < 1024 {
        return format!("{bytes}B");
    }
    let mut exponent = 0;
    while exponent + 1 < UNITS.len() && bytes >> (10 * (exponent + 1)) > 0 {
        exponent += 1;
    }
    let unit = 1u128 << (10 * exponent);
    let tenths = (u128::from(bytes) * 10 + unit / 2) / unit;
    let (whole, tenth) = (tenths / 10, tenths % 10);
    if tenth == 0 {
        format!("{whole}{}", UNITS[exponent])
    } else {
        format!("{whole}.{tenth}{}", UNITS[exponent])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: [Column; 3] = [
        Column {
            name: "KEY",
            right: false,
            help: "",
        },
        Column {
            name: "ID",
            right: true,
            help: "",
        },
        Column {
            name: "USE%",
            right: false,
            help: "",
        },
    ];

    fn section() -> Section {
        Section {
            json_key: "things",
            title: "Things",
            columns: COLUMNS.to_vec(),
            rows: vec![
                vec![Cell::text("0x000004d2"), Cell::Int(12), Cell::text("a b")],
                vec![Cell::text("0x00000001"), Cell::Int(3), Cell::Null],
            ],
        }
    }

    fn rendered(format: Format, headings: bool) -> String {
        let mut out = Vec::new();
        render(&mut out, &[section()], &Options { format, headings }).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn table_aligns_numbers_right() {
        assert_eq!(
            rendered(Format::Table, true),
            "KEY        ID USE%\n0x000004d2 12 a b\n0x00000001  3 -\n"
        );
        assert_eq!(
            rendered(Format::Table, false),
            "0x000004d2 12 a b\n0x00000001  3 -\n"
        );
    }

    #[test]
    fn raw_escapes_spaces() {
        assert_eq!(
            rendered(Format::Raw, true),
            "KEY ID USE%\n0x000004d2 12 a\\x20b\n0x00000001 3 -\n"
        );
    }

    #[test]
    fn export_quotes() {
        assert_eq!(
            rendered(Format::Export, true),
            "KEY=\"0x000004d2\" ID=\"12\" USE_PCT=\"a b\"\nKEY=\"0x00000001\" ID=\"3\" USE_PCT=\"\"\n"
        );
    }

    #[test]
    fn json_uses_lower_case_names_and_numbers() {
        let value: Value = serde_json::from_str(&rendered(Format::Json, true)).unwrap();
        assert_eq!(value["things"][0]["id"], Value::from(12));
        assert_eq!(value["things"][1]["use%"], Value::Null);
        assert_eq!(value["things"][0]["key"], Value::from("0x000004d2"));
    }

    /// A writer whose reader has gone.
    struct Closed;

    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn every_format_keeps_the_writers_error_kind() {
        for format in [Format::Table, Format::Raw, Format::Export, Format::Json] {
            let err = render(
                &mut Closed,
                &[section()],
                &Options {
                    format,
                    headings: true,
                },
            )
            .unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::BrokenPipe, "{format:?}");
        }
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human_size(0), "0B");
        assert_eq!(human_size(1023), "1023B");
        assert_eq!(human_size(4096), "4K");
        assert_eq!(human_size(1536), "1.5K");
        assert_eq!(human_size(16384), "16K");
        assert_eq!(human_size(u64::MAX), "16E");
        assert_eq!(human_size(18446744073692774399), "16E");
        // The figures util-linux's size_to_human_string gives (ipcs --human, lsipc).
        assert_eq!(human_size(5), "5B");
        assert_eq!(human_size(5000), "4.9K");
        assert_eq!(human_size(1048524), "1023.9K");
    }
}
