//! Terminal layout for the plan report: fixed-width tables measured in
//! display columns ([`crate::display::width`]), names on their own line,
//! word wrapping, and no trailing spaces.

use std::fmt::Write as _;

use crate::display::{pad, width};

/// The widest line the report prints, in display columns.
pub const MAX_WIDTH: usize = 100;

/// Columns of fixed widths after an indent; the last column takes what is
/// left of the line.
pub(super) struct Table {
    pub indent: usize,
    pub widths: &'static [usize],
}

impl Table {
    /// The width of the rule under the header.
    fn rule_width(&self, last: usize) -> usize {
        (self.indent + self.widths.iter().sum::<usize>() + last).min(MAX_WIDTH)
    }

    /// One line of cells: every cell but the last padded to its column
    /// (one space after a cell too wide for it), the line trimmed of
    /// trailing spaces.
    pub fn line(&self, out: &mut String, cells: &[&str]) {
        let mut line = " ".repeat(self.indent);
        for (i, cell) in cells.iter().enumerate() {
            match self.widths.get(i) {
                // A cell wider than its column still gets a space after it.
                Some(&w) if i + 1 < cells.len() => {
                    line.push_str(&pad(cell, w.max(width(cell) + 1)))
                }
                _ => line.push_str(cell),
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }

    /// The header line and a rule as wide as the table (`last` columns for
    /// the last cell).
    pub fn header(&self, out: &mut String, cells: &[&str], last: usize) {
        self.line(out, cells);
        let _ = writeln!(
            out,
            "{}{}",
            " ".repeat(self.indent),
            "-".repeat(self.rule_width(last) - self.indent)
        );
    }
}

/// Words of `text` filled into lines of at most [`MAX_WIDTH`] columns,
/// the first starting with `first`, the rest with `rest` (both counted).
pub(super) fn wrap(out: &mut String, text: &str, first: &str, rest: &str) {
    let mut line = first.to_owned();
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && width(&line) + 1 + width(word) > MAX_WIDTH {
            let _ = writeln!(out, "{}", line.trim_end());
            line = rest.to_owned();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    let _ = writeln!(out, "{}", line.trim_end());
}

/// An indicator's names as a row label: `中文名 English name` on one line,
/// or the English name on the next (indented) when both do not fit.
/// Names are never padded, so characters of ambiguous width (“ ” Ⅲ) in
/// them cannot shift a column.
pub(super) fn names(out: &mut String, zh: &str, en: &str) {
    if width(zh) + 1 + width(en) <= MAX_WIDTH {
        let _ = writeln!(out, "{zh} {en}");
    } else {
        let _ = writeln!(out, "{zh}");
        wrap(out, en, "  ", "  ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_padded_by_display_width_and_trimmed() {
        let t = Table {
            indent: 2,
            widths: &[8, 6],
        };
        let mut out = String::new();
        t.line(&mut out, &["万平方米", "a", ""]);
        t.line(&mut out, &["abc", "≤ 5", "end"]);
        // A cell as wide as its column is still followed by a space.
        assert_eq!(out, "  万平方米 a\n  abc     ≤ 5   end\n");
    }

    #[test]
    fn wrapping_keeps_every_line_within_the_limit() {
        let mut out = String::new();
        let text = "全社会研发投入占地区生产总值比重 ".repeat(8);
        wrap(&mut out, &text, "", "    ");
        assert!(out.lines().count() > 1);
        for l in out.lines() {
            assert!(width(l) <= MAX_WIDTH && !l.ends_with(' '), "{l:?}");
        }
    }
}
