//! Naming a Qualtrics export's columns from its header rows: what each column's ImportId says
//! (question, choice, text entry), and its question text and choice or item label, split at the
//! common prefix of its question's cells.

use std::collections::BTreeMap;

/// What row 3 (or the column id) says about a column.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Import {
    /// "QID9" for question columns; None for metadata.
    pub qid: Option<String>,
    pub choice: bool,
    pub text: bool,
}

pub(super) fn parse_import(s: &str, id: &str) -> Import {
    let s = s.trim();
    let key = |k: &str| -> Option<String> {
        // {"ImportId":"QID9","choiceId":"1"} or {'ImportId': 'QID9-1'}
        let pos = s.find(k)?;
        let rest = &s[pos + k.len()..];
        let rest = rest.trim_start_matches(['"', '\'', ':', ' ']);
        let end = rest.find(['"', '\'']).unwrap_or(rest.len());
        Some(rest[..end].to_string())
    };
    match key("ImportId") {
        Some(imp) if imp.starts_with("QID") => {
            let qid: String = imp
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let text = imp.ends_with("_TEXT") || imp.ends_with("-TEXT") || s.contains("TEXT");
            let choice = !text && (key("choiceId").is_some() || imp[qid.len()..].starts_with('-'));
            Import {
                qid: Some(qid),
                choice,
                text,
            }
        }
        Some(_) => Import {
            qid: None,
            choice: false,
            text: false,
        },
        None => {
            // Legacy: no ImportId row; questions are the non-V columns.
            let is_q = !id.is_empty()
                && !(id.starts_with('V') && id[1..].chars().all(|c| c.is_ascii_digit()));
            let text = id.ends_with("_TEXT");
            let qid = is_q.then(|| id.split('_').next().unwrap_or(id).to_string());
            let choice = is_q && !text && id.contains('_');
            Import { qid, choice, text }
        }
    }
}

/// The question text and choice label of a column, from its text-row cell and the common
/// prefix of its question's cells.
fn split_text(cell: &str, prefix: &str) -> (String, String) {
    let q = prefix
        .trim_end_matches([' ', '-'])
        .trim_end_matches(" - Selected Choice")
        .trim()
        .to_string();
    // The prefix is another cell's: it may end inside one of this cell's characters (found by
    // fuzzing), so slice only on a character boundary.
    let rest = cell.get(prefix.len().min(cell.len())..).unwrap_or(cell);
    let mut label = rest.trim_start_matches([' ', '-']).trim().to_string();
    if let Some(l) = label.strip_prefix("Selected Choice - ") {
        label = l.to_string();
    }
    (q, label)
}

fn common_prefix<'a>(items: &[&'a str]) -> &'a str {
    let first = items[0];
    let mut end = first.len();
    for s in &items[1..] {
        end = end.min(
            first
                .char_indices()
                .zip(s.chars())
                .take_while(|((_, a), b)| a == b)
                .last()
                .map(|((i, c), _)| i + c.len_utf8())
                .unwrap_or(0),
        );
    }
    // Cut at a separator so a label's shared first word stays in the label.
    let cut = first[..end]
        .rfind(" - ")
        .map(|i| i + 3)
        .or_else(|| first[..end].rfind('-').map(|i| i + 1))
        .unwrap_or(end);
    &first[..cut.min(end)]
}

/// Each question's choice columns (text-entry columns left out), by question id.
pub(super) fn groups(imports: &[Import]) -> BTreeMap<String, Vec<usize>> {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, imp) in imports.iter().enumerate() {
        if let (Some(q), false) = (&imp.qid, imp.text) {
            groups.entry(q.clone()).or_default().push(i);
        }
    }
    groups
}

/// What names a column: the header rows' texts, and each question's choice columns.
pub(super) struct Headings<'a> {
    pub texts: &'a csv::StringRecord,
    pub imports: &'a [Import],
    pub groups: BTreeMap<String, Vec<usize>>,
    pub legacy: bool,
}

impl Headings<'_> {
    /// Column `i`'s question heading and its sub-label (choice, item or "other" text).
    pub fn of(&self, i: usize, id: &str) -> (String, String) {
        let imp = &self.imports[i];
        let text = self.texts.get(i).unwrap_or("");
        let Some(q) = &imp.qid else {
            let heading = if self.legacy { text.trim() } else { id };
            return (heading.to_string(), String::new());
        };
        let members = self.groups.get(q).map(Vec::as_slice).unwrap_or(&[]);
        let cells: Vec<&str> = members
            .iter()
            .map(|&k| self.texts.get(k).unwrap_or(""))
            .collect();
        let prefix = if cells.len() > 1 {
            common_prefix(&cells)
        } else {
            ""
        };
        // Several answer columns (a multi-select's choices, a matrix's items): the text they
        // share is the question, the rest of each is its choice or item.
        let split_group = members.len() > 1
            && (members.iter().all(|&k| self.imports[k].choice) || !prefix.trim().is_empty());
        if split_group {
            let (q, label) = split_text(text, prefix);
            return match imp.text {
                true => (q, label.trim_end_matches(" - Text").to_string()),
                false => (q, label),
            };
        }
        // One answer column (single choice, text): the whole text is the question.
        let main = cells.first().copied().unwrap_or(text);
        let q = main
            .trim()
            .trim_end_matches(" - Selected Choice")
            .to_string();
        if !imp.text {
            return (q, String::new());
        }
        let label = text
            .strip_prefix(main.trim_end_matches(" - Selected Choice"))
            .unwrap_or(text);
        let label = label
            .trim_start_matches([' ', '-'])
            .trim_end_matches(" - Text")
            .trim();
        (q, label.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_ending_inside_a_character_does_not_panic() {
        // The prefix is 2 bytes; this cell's first character is 2 bytes wide at byte 1.
        let (_, label) = split_text("aÿb - Text", "ab");
        assert_eq!(label, "aÿb - Text");
        assert_eq!(split_text("Q - Selected Choice - Yes", "Q - ").1, "Yes");
    }
}
