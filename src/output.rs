//! Rendering of listings: aligned table, raw, export and JSON, from one description, so
//! that each command decides what to show and this module alone decides how.

use std::io::{self, Write};

use serde_json::{Map, Value};

/// One value of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Int(i64),
    UInt(u64),
    Text(String),
    /// Nothing to show: `-` in text forms, `null` in JSON.
    Null,
    /// A value whose text and JSON forms differ (a size shown as `4K` is 4096 in JSON when
    /// asked for bytes; a list of processes).
    Rich {
        text: String,
        json: Value,
    },
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Cell {
        Cell::Text(value.into())
    }

    fn as_text(&self) -> String {
        match self {
            Cell::Int(n) => n.to_string(),
            Cell::UInt(n) => n.to_string(),
            Cell::Text(text) => text.clone(),
            Cell::Null => "-".into(),
            Cell::Rich { text, .. } => text.clone(),
        }
    }

    fn as_json(&self) -> Value {
        match self {
            Cell::Int(n) => Value::from(*n),
            Cell::UInt(n) => Value::from(*n),
            Cell::Text(text) => Value::from(text.as_str()),
            Cell::Null => Value::Null,
            Cell::Rich { json, .. } => json.clone(),
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
    let texts: Vec<Vec<String>> = section
        .rows
        .iter()
        .map(|row| row.iter().map(Cell::as_text).collect())
        .collect();
    let mut widths: Vec<usize> = section
        .columns
        .iter()
        .map(|c| if headings { c.name.chars().count() } else { 0 })
        .collect();
    for row in &texts {
        for (width, text) in widths.iter_mut().zip(row) {
            *width = (*width).max(text.chars().count());
        }
    }
    let mut line = String::new();
    let mut write_line = |out: &mut dyn Write, cells: &mut dyn Iterator<Item = &str>| {
        line.clear();
        for (index, (text, column)) in cells.zip(&section.columns).enumerate() {
            let width = widths[index];
            let pad = width.saturating_sub(text.chars().count());
            if index > 0 {
                line.push(' ');
            }
            let last = index + 1 == section.columns.len();
            if column.right {
                line.extend(std::iter::repeat_n(' ', pad));
                line.push_str(text);
            } else {
                line.push_str(text);
                if !last {
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
        }
        let trimmed = line.trim_end();
        writeln!(out, "{trimmed}")
    };
    if headings {
        write_line(out, &mut section.columns.iter().map(|c| c.name))?;
    }
    for row in &texts {
        write_line(out, &mut row.iter().map(String::as_str))?;
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

fn render_json(out: &mut impl Write, sections: &[Section]) -> io::Result<()> {
    let mut top = Map::new();
    for section in sections {
        let rows: Vec<Value> = section
            .rows
            .iter()
            .map(|row| {
                let object: Map<String, Value> = section
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(column, cell)| (column.name.to_ascii_lowercase(), cell.as_json()))
                    .collect();
                Value::Object(object)
            })
            .collect();
        top.insert(section.json_key.to_string(), Value::Array(rows));
    }
    serde_json::to_writer_pretty(&mut *out, &Value::Object(top)).map_err(io::Error::other)?;
    writeln!(out)
}

/// A byte count as lsipc shows it: `0B`, `512B`, `4K`, `1.5M`, `16E` (powers of 1024, one
/// decimal where it is not zero).
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

    #[test]
    fn human_sizes() {
        assert_eq!(human_size(0), "0B");
        assert_eq!(human_size(1023), "1023B");
        assert_eq!(human_size(4096), "4K");
        assert_eq!(human_size(1536), "1.5K");
        assert_eq!(human_size(16384), "16K");
        assert_eq!(human_size(u64::MAX), "16E");
        assert_eq!(human_size(18446744073692774399), "16E");
    }
}
