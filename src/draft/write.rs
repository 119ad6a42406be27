//! Writing drafted questions as codebook TOML.

use super::ident;
use std::fmt::Write;

/// TOML string literal.
pub(crate) fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The `pii_columns` and `ignore_columns` lines of a draft (when not empty).
pub(crate) fn column_lists(out: &mut String, pii: &[String], ignored: &[String]) {
    for (key, list) in [("pii_columns", pii), ("ignore_columns", ignored)] {
        if !list.is_empty() {
            let list: Vec<String> = list.iter().map(|h| q(h)).collect();
            let _ = writeln!(out, "{key} = [{}]", list.join(", "));
        }
    }
}

/// A drafted question, before it is written out.
pub(crate) struct Drafted {
    pub kind: &'static str,
    pub text: String,
    pub pii: bool,
    /// (code, label, platform value)
    pub options: Vec<(String, String, Option<String>)>,
    pub other: Option<(String, Option<String>)>,
    /// The sub-heading of a free-text comment column ("Please explain here").
    pub comment: Option<String>,
    pub why: String,
    /// A grid's or ranking's items, and a grid scale's marks and scores.
    pub grid: Option<GridParts>,
    /// A multi-select's labels joined in one cell by this instead of ", ".
    pub separator: Option<String>,
    /// Decisions the evidence did not settle ("scale order: …"), written as `check` lines:
    /// `run` withholds what depends on them until they are deleted.
    pub check: Vec<String>,
}

impl Drafted {
    /// Drops options whose label (spaces normalised) repeats an earlier one's — the same
    /// answer under two columns, as in a form's two versions — and says so in `why`: two
    /// options with one label cannot be told apart (the codebook refuses them).
    pub(crate) fn drop_repeated_labels(&mut self) {
        self.keep_items_once();
        let mut seen = std::collections::BTreeSet::new();
        // The "other" choice's label counts too: an option of that label would be its twin.
        if let Some((label, _)) = &self.other {
            seen.insert(crate::ingest::normalize_heading(label));
        }
        let mut dropped = Vec::new();
        self.options.retain(|(_, label, value)| {
            let key = crate::ingest::normalize_heading(label);
            let keep = key.is_empty() || value.is_some() || seen.insert(key);
            if !keep {
                dropped.push(label.clone());
            }
            keep
        });
        if self.options.is_empty() && matches!(self.kind, "single" | "multi") && self.grid.is_none()
        {
            // Nothing left to choose from: its cells are typed text (counted, not published).
            self.kind = "text";
            self.other = None;
            self.separator = None;
            self.why
                .push_str("; no option left once repeated labels are kept once: drafted as text");
            return;
        }
        if !dropped.is_empty() {
            self.why.push_str(&format!(
                "; {} option{} repeating an earlier label kept once ({}): the repeated column is left unread",
                dropped.len(),
                if dropped.len() == 1 { "" } else { "s" },
                dropped.join(", ")
            ));
        }
    }
}

impl Drafted {
    /// A grid's or ranking's items that repeat an earlier item's label (a column exported
    /// twice) are kept once and said: `run` finds an item's column by its label, and refuses two
    /// items an answer cannot tell apart.
    fn keep_items_once(&mut self) {
        let Some(g) = &mut self.grid else {
            return;
        };
        let mut seen = std::collections::BTreeSet::new();
        let keep: Vec<bool> = (g.items.iter())
            .map(|(_, label)| {
                let key = crate::ingest::normalize_heading(label);
                key.is_empty() || seen.insert(key)
            })
            .collect();
        if keep.iter().all(|&k| k) {
            return;
        }
        let dropped: Vec<String> = (g.items.iter().zip(&keep))
            .filter(|(_, &k)| !k)
            .map(|((_, label), _)| label.clone())
            .collect();
        let mut k = keep.iter();
        g.items.retain(|_| *k.next().unwrap_or(&true));
        if g.shorts.len() == keep.len() {
            let mut k = keep.iter();
            g.shorts.retain(|_| *k.next().unwrap_or(&true));
        }
        self.why.push_str(&format!(
            "; {} item{} repeating an earlier label kept once ({}): the repeated column is left unread",
            dropped.len(),
            if dropped.len() == 1 { "" } else { "s" },
            dropped.join(", ")
        ));
    }
}

/// What a grid or ranking adds to a drafted question.
pub(crate) struct GridParts {
    /// (code, label) per item.
    pub items: Vec<(String, String)>,
    /// Per item, a short label for charts (a battery's column without the text they share).
    pub shorts: Vec<String>,
    /// Per option: "", "neutral" or "not_applicable".
    pub marks: Vec<&'static str>,
    /// Per option: its score, when the labels are numbers.
    pub scores: Vec<Option<f64>>,
}

/// A grid's or ranking's `items = [...]`, and a grid's scale as `options = [...]`.
pub(super) fn write_grid(out: &mut String, d: &Drafted, g: &GridParts) {
    write_grid_parts(out, d.kind, &d.options, g);
}

/// As [`write_grid`], from the kind and the scale's options.
pub(super) fn write_grid_parts(
    out: &mut String,
    kind: &str,
    options: &[(String, String, Option<String>)],
    g: &GridParts,
) {
    let _ = writeln!(out, "items = [");
    for (k, (code, label)) in g.items.iter().enumerate() {
        let short = match g.shorts.get(k) {
            Some(s) => format!(", short = {}", q(s)),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "  {{ code = {}, label = {}{short} }},",
            q(code),
            q(label)
        );
    }
    let _ = writeln!(out, "]");
    if kind != "grid" {
        return;
    }
    let _ = writeln!(out, "options = [ # the scale, lowest first");
    for (k, (code, label, value)) in options.iter().enumerate() {
        let mut line = format!("  {{ code = {}, label = {}", q(code), q(label));
        if let Some(v) = value {
            let _ = write!(line, ", value = {}", q(v));
        }
        if let Some(Some(x)) = g.scores.get(k) {
            let _ = write!(line, ", score = {}", toml::Value::Float(*x));
        }
        match g.marks.get(k).copied().unwrap_or("") {
            "" => {}
            mark => {
                let _ = write!(line, ", {mark} = true");
            }
        }
        let _ = writeln!(out, "{line} }},");
    }
    let _ = writeln!(out, "]");
}

/// A question's `check` line, when a decision is unconfirmed.
pub(super) fn write_check(out: &mut String, check: &[String]) {
    if !check.is_empty() {
        let lines: Vec<String> = check.iter().map(|c| q(c)).collect();
        let _ = writeln!(
            out,
            "check = [{}] # unconfirmed: withheld from the report until you delete this line",
            lines.join(", ")
        );
    }
}

pub(super) fn write_question(out: &mut String, id: &str, heading: &str, d: &Drafted) {
    let _ = writeln!(out, "[[questions]]");
    let _ = writeln!(out, "id = {}", q(id));
    let _ = writeln!(out, "type = \"{}\"", d.kind);
    let _ = writeln!(out, "text = {}", q(&d.text));
    if d.text != heading {
        let _ = writeln!(out, "header = {}", q(heading));
    }
    if d.pii {
        let _ = writeln!(out, "pii = true");
    }
    if d.kind == "single" || d.kind == "multi" {
        let value = |v: &Option<String>| match v {
            Some(v) => format!(", value = {}", q(v)),
            None => String::new(),
        };
        let _ = writeln!(out, "options = [");
        for (code, label, v) in &d.options {
            let _ = writeln!(
                out,
                "  {{ code = {}, label = {}{} }},",
                q(code),
                q(label),
                value(v)
            );
        }
        let _ = writeln!(out, "]");
        if let Some((label, v)) = &d.other {
            let mut codes = ident::option_scope();
            codes.extend(d.options.iter().map(|o| o.0.clone()));
            let code = ident::ident("other", &mut codes, "o_");
            let _ = writeln!(
                out,
                "other = {{ code = {}, label = {}{} }}",
                q(&code),
                q(label),
                value(v)
            );
        }
    }
    if let Some(g) = &d.grid {
        write_grid(out, d, g);
    }
    if let Some(sep) = &d.separator {
        let _ = writeln!(
            out,
            "separator = {} # the ticked labels are joined by this in one cell",
            q(sep)
        );
    }
    write_check(out, &d.check);
    if let Some(c) = &d.comment {
        let _ = writeln!(
            out,
            "comment = {} # free-text comment column: counted, never published",
            q(c)
        );
    }
    let _ = writeln!(out);
}
