//! The HTML tables Jupyter shows for `Catalog`, `Indicator`, `Figure` and
//! `Assessment`: escaped text, scoped CSS (text left, numbers right in
//! tabular figures, units never wrapped), bilingual labels and words for
//! the codes. The text of every number comes from [`xh_core::display`].

/// Styles scoped to `div.xuhui-repr`, so they neither leak into the
/// notebook nor lose to its own table styles (they are more specific).
const CSS: &str = "\
div.xuhui-repr table.xuhui{border-collapse:collapse;margin:0.4em 0;font-size:0.92em}\
div.xuhui-repr table.xuhui th,div.xuhui-repr table.xuhui td{text-align:left;vertical-align:top;\
padding:0.25em 0.7em;border:none;border-bottom:1px solid rgba(127,127,127,0.25);white-space:normal}\
div.xuhui-repr table.xuhui thead th{border-bottom:1px solid rgba(127,127,127,0.7);font-weight:600}\
div.xuhui-repr table.xuhui tbody th{font-weight:600}\
div.xuhui-repr table.xuhui .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\
div.xuhui-repr table.xuhui .unit,div.xuhui-repr table.xuhui .nowrap{white-space:nowrap}\
div.xuhui-repr table.xuhui .quote{max-width:38em}\
div.xuhui-repr .en{opacity:0.75}\
div.xuhui-repr p{margin:0.2em 0}\
div.xuhui-repr .note{opacity:0.75;font-size:0.88em}\
div.xuhui-repr details{margin:0.15em 0}\
div.xuhui-repr summary{cursor:pointer}";

pub(crate) use crate::convert::escape;

/// The repr's outer `div` with its style sheet.
pub(crate) fn frame(kind: &str, body: &str) -> String {
    format!("<div class=\"xuhui-repr xuhui-{kind}\"><style>{CSS}</style>{body}</div>")
}

/// Chinese, then English in a lighter tone: `经济 <span class="en">Economy</span>`.
pub(crate) fn both(zh: &str, en: &str) -> String {
    if zh.is_empty() {
        return format!("<span class=\"en\">{}</span>", escape(en));
    }
    format!("{} <span class=\"en\">{}</span>", escape(zh), escape(en))
}

/// A cell of escaped text, with an optional class (`num`, `unit`, `quote`).
pub(crate) fn td(text: &str, class: &str) -> String {
    cell("td", &escape(text), class)
}

/// A cell of HTML already escaped.
pub(crate) fn td_html(html: &str, class: &str) -> String {
    cell("td", html, class)
}

fn cell(tag: &str, html: &str, class: &str) -> String {
    if class.is_empty() {
        format!("<{tag}>{html}</{tag}>")
    } else {
        format!("<{tag} class=\"{class}\">{html}</{tag}>")
    }
}

/// A header row: each `(html, class)`.
pub(crate) fn thead(cells: &[(&str, &str)]) -> String {
    let row: String = cells.iter().map(|(h, c)| cell("th", h, c)).collect();
    format!("<thead><tr>{row}</tr></thead>")
}

/// A table of rows (each already `<td>`s).
pub(crate) fn table(head: &str, rows: &[String]) -> String {
    let body: String = rows.iter().map(|r| format!("<tr>{r}</tr>")).collect();
    format!("<table class=\"xuhui\">{head}<tbody>{body}</tbody></table>")
}

/// A two-column key/value table with the keys as row headers.
pub(crate) fn key_values(rows: &[(String, String)]) -> String {
    let body: String = rows
        .iter()
        .map(|(k, v)| format!("<tr><th>{k}</th><td>{v}</td></tr>"))
        .collect();
    format!("<table class=\"xuhui\"><tbody>{body}</tbody></table>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_styles_are_scoped() {
        assert_eq!(td("<b>&", "num"), "<td class=\"num\">&lt;b&gt;&amp;</td>");
        let html = frame("figure", "x");
        // Every selector of the style sheet sits under the repr's div.
        for rule in CSS.split('}').filter(|r| !r.is_empty()) {
            let selectors = rule.split('{').next().unwrap();
            for s in selectors.split(',') {
                assert!(s.starts_with("div.xuhui-repr "), "{s}");
            }
        }
        assert!(html.starts_with("<div class=\"xuhui-repr xuhui-figure\"><style>"));
    }
}
