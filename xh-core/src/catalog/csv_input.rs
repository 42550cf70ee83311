//! CSV records for the observation loaders, read with the `csv` crate.
//!
//! RFC 4180 quoting (doubled quotes inside quoted fields, separators and
//! line breaks inside quotes), `\n`, `\r\n` or `\r` line ends. Each record
//! keeps the 1-based line it starts on, so problems can name it. Records
//! may differ in length: the loaders report that with the line.
//!
//! The `csv` crate ends a quoted field that is never closed at the end of
//! the input without complaint; a cut-off file must not load as if it were
//! whole, so that case is detected here and reported instead of the record.

use crate::error::RowProblem;

/// One record: the line it starts on and its fields.
pub(crate) type Record = (usize, Vec<String>);

/// Every record of `text` (which must already be free of a BOM) except
/// blank ones (no field, or one field of only whitespace), and the problem
/// of an unterminated quoted field, if the input ends inside one (that last
/// record is then left out).
pub(crate) fn records(text: &str) -> (Vec<Record>, Option<RowProblem>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut last_start = None;
    let mut lines = LineCounter::new(text);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            // Reading from a `&str` in flexible mode cannot fail (no I/O,
            // fields split at ASCII bytes stay UTF-8, lengths may differ);
            // stay total anyway.
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte() as usize));
                let problem = RowProblem {
                    line,
                    column: 0,
                    message: format!("unreadable CSV: {e}"),
                };
                return (out, Some(problem));
            }
        }
        let byte = record.position().map_or(0, |p| p.byte() as usize);
        let line = lines.line_at(byte);
        last_start = Some((line, byte, out.len()));
        if record.is_empty() || record.len() == 1 && record[0].trim().is_empty() {
            continue;
        }
        out.push((line, record.iter().map(str::to_owned).collect()));
    }
    let mut unterminated = None;
    if let Some((line, byte, kept_before)) = last_start {
        if let Some(field) = open_quote_at_end(text.get(byte..).unwrap_or_default()) {
            out.truncate(kept_before);
            unterminated = Some(RowProblem {
                line,
                column: field + 1,
                message: "unterminated quoted field".to_owned(),
            });
        }
    }
    (out, unterminated)
}

/// The 1-based line of a record from its byte offset. The `csv` crate's
/// own line count puts a record that follows a `\r\n` on the previous line
/// (its start is the `\n`), so lines are counted here: a record starts at
/// its first byte that is not a line end; `\n`, `\r\n` and a lone `\r`
/// each end a line. Offsets only grow, so the text is scanned once.
struct LineCounter<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, byte: usize) -> usize {
        let mut start = byte.min(self.bytes.len());
        while start < self.bytes.len() && matches!(self.bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        while self.at < start {
            match self.bytes[self.at] {
                b'\n' => self.line += 1,
                b'\r' if self.bytes.get(self.at + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
            self.at += 1;
        }
        self.line
    }
}

/// Whether the last record (`tail`, from its first byte to the end of the
/// input) ends inside a quoted field, and if so the 0-based index of that
/// field. Follows the `csv` crate's reading: a quote opens a quoted field
/// only at the start of a field, and `""` inside one is a literal quote.
fn open_quote_at_end(tail: &str) -> Option<usize> {
    let (mut field, mut at_start, mut in_quotes) = (0, true, false);
    let mut chars = tail.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    in_quotes = false;
                }
            }
            continue;
        }
        match c {
            '"' if at_start => {
                in_quotes = true;
                at_start = false;
            }
            ',' => {
                field += 1;
                at_start = true;
            }
            '\n' | '\r' => {
                field = 0;
                at_start = true;
            }
            _ => at_start = false,
        }
    }
    in_quotes.then_some(field)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<(usize, Vec<String>)> {
        let (records, problem) = records(text);
        assert!(problem.is_none(), "{problem:?}");
        records
    }

    fn want(rows: &[(usize, &[&str])]) -> Vec<(usize, Vec<String>)> {
        rows.iter()
            .map(|(l, f)| (*l, f.iter().map(|s| (*s).to_owned()).collect()))
            .collect()
    }

    #[test]
    fn quoting_line_ends_and_lines() {
        assert_eq!(
            fields("a,b\r\n\"x, \"\"y\"\"\nz\",2\n\n  \nc,\n"),
            want(&[
                (1, &["a", "b"]),
                (2, &["x, \"y\"\nz", "2"]),
                (6, &["c", ""])
            ])
        );
        assert_eq!(fields("a\rb"), want(&[(1, &["a"]), (2, &["b"])]));
        assert_eq!(
            fields("a\r\nb\r\n\r\nc\r\n"),
            want(&[(1, &["a"]), (2, &["b"]), (4, &["c"])])
        );
        assert_eq!(fields(""), want(&[]));
        // A quote inside an unquoted field is text.
        assert_eq!(fields("5\"x,1"), want(&[(1, &["5\"x", "1"])]));
    }

    #[test]
    fn unterminated_quote_is_reported_and_its_record_dropped() {
        let (rows, problem) = records("id,note\nai_output,\"open\n\nmore");
        assert_eq!(rows.len(), 1);
        let p = problem.unwrap();
        assert_eq!((p.line, p.column), (2, 2));
        assert_eq!(p.message, "unterminated quoted field");
        // Closed at the very end: fine.
        let rows = fields("id,note\nai_output,\"closed\"\"\"");
        assert_eq!(rows[1].1[1], "closed\"");
    }
}
