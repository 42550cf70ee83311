//! The nearest known id to a mistyped one, for "did you mean" messages.
//!
//! A candidate is an id equal to the query once case, spaces and hyphens
//! are normalised (`"AI-Output"` → `ai_output`), else the id with the
//! smallest optimal-string-alignment distance (insertions, deletions,
//! substitutions and swaps of neighbours each count 1), if that distance is
//! at most a third of the query's length (at least 1, at most 3), else an
//! id that starts with the query or that the query starts with (at least 3
//! characters shared), else an id that holds the query as whole words
//! (`unemployment_rate` in `urban_unemployment_rate`; a query of at least 8
//! characters, so that a word such as `rate` suggests nothing). Ties go to
//! the id first in catalog order.

impl super::Catalog {
    /// A row problem's message for an unknown id: short, with the nearest
    /// id when there is one.
    pub(crate) fn unknown_id_message(&self, id: &str) -> String {
        match self.nearest_id(id) {
            Some(near) => format!("unknown indicator id {id:?}; did you mean {near:?}?"),
            None => format!("unknown indicator id {id:?}"),
        }
    }
}

/// The normalised form of an id as a user may type it.
fn normalise(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' | '.' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Optimal string alignment distance between `a` and `b` (by `char`).
fn distance(a: &[char], b: &[char]) -> usize {
    let (n, m) = (a.len(), b.len());
    // Three rolling rows: i-2, i-1, i.
    let mut before: Vec<usize> = vec![0; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut row: Vec<usize> = vec![0; m + 1];
    for i in 1..=n {
        row[0] = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            row[j] = d;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut row);
    }
    prev[m]
}

/// The id of `ids` nearest to `query`, if one is near enough (see the
/// module docs).
pub(crate) fn nearest<'a>(query: &str, ids: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let q = normalise(query);
    if q.is_empty() {
        return None;
    }
    let qc: Vec<char> = q.chars().collect();
    let limit = (qc.len() / 3).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    let mut prefix: Option<&str> = None;
    let mut words: Option<&str> = None;
    let (tail, inner) = (format!("_{q}"), format!("_{q}_"));
    for id in ids {
        if id == q {
            return Some(id);
        }
        let d = distance(&qc, &id.chars().collect::<Vec<_>>());
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, id));
        }
        let shared = qc.len().min(id.chars().count());
        if prefix.is_none() && shared >= 3 && (id.starts_with(&q) || q.starts_with(id)) {
            prefix = Some(id);
        }
        if words.is_none() && qc.len() >= 8 && (id.ends_with(&tail) || id.contains(&inner)) {
            words = Some(id);
        }
    }
    best.map(|(_, id)| id).or(prefix).or(words)
}

#[cfg(test)]
mod tests {
    use super::{distance, nearest};

    fn d(a: &str, b: &str) -> usize {
        distance(
            &a.chars().collect::<Vec<_>>(),
            &b.chars().collect::<Vec<_>>(),
        )
    }

    #[test]
    fn distance_counts_edits_and_swaps() {
        assert_eq!(d("ai_ouput", "ai_output"), 1);
        assert_eq!(d("ai_otuput", "ai_output"), 1);
        assert_eq!(d("gdp", "gdp"), 0);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("kitten", "sitting"), 3);
    }

    #[test]
    fn nearest_finds_typos_case_and_prefixes() {
        let ids = [
            "gdp",
            "ai_output",
            "ai_output_share",
            "patents_per_10k",
            "urban_unemployment_rate",
        ];
        assert_eq!(nearest("ai_ouput", ids), Some("ai_output"));
        assert_eq!(nearest("AI-Output", ids), Some("ai_output"));
        assert_eq!(nearest("patents", ids), Some("patents_per_10k"));
        assert_eq!(nearest("gpd", ids), Some("gdp"));
        assert_eq!(
            nearest("unemployment", ids),
            Some("urban_unemployment_rate")
        );
        assert_eq!(nearest("employment", ids), None);
        assert_eq!(
            nearest("unemployment_rate", ids),
            Some("urban_unemployment_rate")
        );
        assert_eq!(
            nearest("Unemployment Rate", ids),
            Some("urban_unemployment_rate")
        );
        assert_eq!(nearest("rate", ids), None);
        assert_eq!(nearest("employment_rate", ids), None);
        assert_eq!(nearest("", ids), None);
        assert_eq!(nearest("x", ids), None);
    }
}
