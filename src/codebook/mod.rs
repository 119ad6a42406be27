//! The codebook: a declarative description of one survey wave (`survey.toml`).
//!
//! A researcher edits this file, not Rust, for the next wave. Unknown keys, unknown question types
//! and references that do not resolve are errors that carry the codebook's line number.

mod analysis;
pub mod check;
pub mod human_codes;
mod questions;
pub mod scale;
mod survey;
mod validate;
mod weighting;

pub use analysis::*;
pub use questions::*;
pub use survey::*;
pub use weighting::*;

use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Codebook {
    pub survey: Survey,
    #[serde(rename = "questions")]
    pub questions: Vec<Question>,
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub headlines: Vec<Headline>,
    #[serde(default)]
    pub analysis: Analysis,
    #[serde(default)]
    pub weights: Option<Weights>,
    /// The file's text, kept for line numbers and the provenance hash.
    #[serde(skip)]
    pub source_text: String,
    /// Where the codebook was read from (a label for the bundled sample).
    #[serde(skip)]
    pub path: PathBuf,
}

impl Codebook {
    /// Reads and validates a codebook file.
    pub fn load(path: &Path) -> Result<Codebook> {
        crate::files::regular_file(path)?;
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let mut cb = Codebook::parse(&text, path)?;
        cb.read_human_codes()?;
        Ok(cb)
    }

    /// Parses and validates codebook text; `path` labels errors.
    pub fn parse(text: &str, path: &Path) -> Result<Codebook> {
        let mut cb: Codebook = parse_toml(text, path)?;
        cb.source_text = text.to_string();
        cb.path = path.to_path_buf();
        cb.validate()?;
        Ok(cb)
    }

    /// Folder the codebook's relative paths are resolved against.
    pub fn dir(&self) -> PathBuf {
        self.path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    pub fn source_path(&self) -> PathBuf {
        self.dir().join(self.survey.source.get_ref())
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id() == id)
    }

    /// The country question, if the codebook has one.
    pub fn country_question(&self) -> Option<&Question> {
        self.questions
            .iter()
            .find(|q| q.kind.shape() == Shape::Country)
    }

    /// The keys each `[[questions]]` table writes, with where, in question order: what a
    /// question's kind checks against the fields it has (`kinds::check`).
    pub fn question_keys(&self) -> Vec<Vec<Spanned<String>>> {
        use toml::de::{DeTable, DeValue};
        let Ok(doc) = DeTable::parse(&self.source_text) else {
            return Vec::new();
        };
        let questions = doc
            .get_ref()
            .iter()
            .find(|(k, _)| k.get_ref() == "questions");
        let Some((_, DeValue::Array(list))) = questions.map(|(k, v)| (k, v.get_ref())) else {
            return Vec::new();
        };
        list.iter()
            .map(|q| match q.get_ref() {
                DeValue::Table(t) => (t.keys())
                    .map(|k| Spanned::new(k.span(), k.get_ref().to_string()))
                    .collect(),
                _ => Vec::new(),
            })
            .collect()
    }

    /// A frame's [`Error::Misplaced`] as a codebook error with its line; any other error as
    /// it is.
    pub fn locate(&self, e: Error) -> Error {
        match e {
            Error::Misplaced { span, message } => Error::Codebook {
                path: self.path.clone(),
                line: line_of(&self.source_text, span.start),
                message,
            },
            other => other,
        }
    }

    /// An error located at a spanned value of this codebook.
    pub fn error_at<T>(&self, spanned: &Spanned<T>, message: impl Into<String>) -> Error {
        Error::Codebook {
            path: self.path.clone(),
            line: line_of(&self.source_text, spanned.span().start),
            message: message.into(),
        }
    }
}

/// Deserialises a TOML file; a syntax error, unknown key or wrong type names its line.
pub fn parse_toml<T: serde::de::DeserializeOwned>(text: &str, path: &Path) -> Result<T> {
    toml::from_str(text).map_err(|e| Error::Codebook {
        path: path.to_path_buf(),
        line: e.span().map(|s| line_of(text, s.start)).unwrap_or(1),
        message: e.message().trim().to_string(),
    })
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
[survey]
id = "t"
title = "T"
wave = "1"
source = "r.csv"
format = "surveymonkey-expanded-text"
respondent_id = "Respondent ID"

[[questions]]
id = "q1"
type = "single"
text = "Q1?"
options = [{ code = "a", label = "A" }, { code = "b", label = "B" }]
"#;

    fn err(text: &str) -> String {
        Codebook::parse(text, Path::new("cb.toml"))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn minimal_parses_with_defaults() {
        let cb = Codebook::parse(MINIMAL, Path::new("x/cb.toml")).unwrap();
        assert_eq!(cb.survey.suppression_threshold, 5);
        assert_eq!(cb.questions[0].base, Base::Answered);
        assert_eq!(cb.source_path(), Path::new("x/r.csv"));
        assert_eq!(cb.questions[0].header().get_ref(), "Q1?");
    }

    #[test]
    fn unknown_key_names_its_line() {
        let text = MINIMAL.replace("text = \"Q1?\"", "text = \"Q1?\"\ncolour = \"red\"");
        let e = err(&text);
        assert!(e.starts_with("cb.toml:14: unknown field `colour`"), "{e}");
    }

    #[test]
    fn unknown_type_names_its_line() {
        let e = err(&MINIMAL.replace("\"single\"", "\"likert\""));
        assert!(e.starts_with("cb.toml:12: unknown variant `likert`"), "{e}");
    }

    #[test]
    fn duplicate_option_code() {
        let e = err(&MINIMAL.replace("code = \"b\"", "code = \"a\""));
        assert_eq!(
            e,
            "cb.toml:14: duplicate option code \"a\" in question \"q1\""
        );
    }

    #[test]
    fn headline_placeholders_checked() {
        let text = format!(
            "{MINIMAL}\n[[headlines]]\nid = \"h\"\nquestion = \"q1\"\noption = \"a\"\ntext = \"{{pct}} say {{percent}}\"\n"
        );
        let e = err(&text);
        assert!(
            e.starts_with("cb.toml:20: unknown placeholder {percent}"),
            "{e}"
        );
        let text = format!(
            "{MINIMAL}\n[[headlines]]\nid = \"h\"\nquestion = \"q1\"\noption = \"zz\"\ntext = \"{{pct}}\"\n"
        );
        assert_eq!(
            err(&text),
            "cb.toml:19: headline \"h\": question \"q1\" has no option \"zz\""
        );
    }

    #[test]
    fn analysis_and_weights_are_validated() {
        let text = format!(
            "{MINIMAL}\n[analysis]\ninterval = \"logit\"\nbreakdowns = [\"q1\", \"region\"]\n"
        );
        assert_eq!(
            err(&text),
            "cb.toml:18: breakdown variable \"region\" needs a country question"
        );
        let text = format!("{MINIMAL}\n[analysis]\ninterval = \"agresti\"\n");
        assert!(
            err(&text).starts_with("cb.toml:17: unknown variant `agresti`"),
            "{}",
            err(&text)
        );
        let ok = format!(
            "{MINIMAL}\n[analysis]\ninterval = \"clopper-pearson\"\nbreakdowns = [\"q1\"]\n"
        );
        let cb = Codebook::parse(&ok, Path::new("cb.toml")).unwrap();
        assert_eq!(cb.analysis.interval, IntervalMethod::ClopperPearson);
        let text = format!("{MINIMAL}\n[weights]\nmethod = \"poststratify\"\n[[weights.margins]]\nvariable = \"q1\"\ntargets = {{ a = 10, c = 5 }}\n");
        assert_eq!(err(&text), "cb.toml:20: margin \"q1\": no option \"c\"");
        let text = format!("{MINIMAL}\n[weights]\nmethod = \"rake\"\n");
        assert_eq!(
            err(&text),
            "cb.toml:17: [weights] method needs at least one [[weights.margins]]"
        );
        let text = format!("{MINIMAL}\n[weights]\ncolumn = \"W\"\ntrim = [2.0, 3.0]\n");
        assert!(
            err(&text).starts_with("cb.toml:18: trim bounds"),
            "{}",
            err(&text)
        );
    }

    #[test]
    fn section_with_unknown_question() {
        let text =
            format!("{MINIMAL}\n[[sections]]\ntitle = \"S\"\nquestions = [\"q1\", \"q9\"]\n");
        assert_eq!(
            err(&text),
            "cb.toml:18: section \"S\" names unknown question \"q9\""
        );
    }
}
