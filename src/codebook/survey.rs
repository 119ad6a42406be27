//! `[survey]`: what the wave is, where its export is and how to read it.

use serde::{Deserialize, Serialize};
use toml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Survey {
    /// Short identifier, used as the default output folder name: a slug (see [`check_slug`]).
    pub id: Spanned<String>,
    pub title: String,
    pub wave: String,
    #[serde(default)]
    pub description: String,
    /// The raw export, relative to the codebook's folder.
    pub source: Spanned<String>,
    pub format: Spanned<Format>,
    /// Heading of the column holding the platform's respondent id (Google Forms has none:
    /// leave it out and rows are identified by their number).
    #[serde(default)]
    pub respondent_id: Option<Spanned<String>>,
    /// Export columns that identify people; they never reach an output.
    #[serde(default)]
    pub pii_columns: Vec<Spanned<String>>,
    /// Export columns left out on purpose (a grid shelfstat cannot analyse yet, a timer):
    /// named in the report's data notes, never warned about as unaccounted.
    #[serde(default)]
    pub ignore_columns: Vec<Spanned<String>>,
    /// Cells of a breakdown with a base below this are suppressed in published outputs.
    #[serde(default = "default_threshold")]
    pub suppression_threshold: u64,
    /// What one respondent is, in sentences ("libraries").
    #[serde(default = "default_unit")]
    pub unit: String,
    /// KoboToolbox: leave out submissions whose `_validation_status` is "not approved".
    #[serde(default)]
    pub exclude_not_approved: bool,
    /// Qualtrics: analyse survey previews and test responses instead of leaving them out (to
    /// try a pipeline on generated test data before launch; the report says how many).
    #[serde(default)]
    pub keep_test_responses: bool,
    /// Cell values that mean "no answer" in this export (R and pandas write `NA`, spreadsheets
    /// `N/A` or `-`): read as blank, never counted as an option or an answer.
    #[serde(default)]
    pub missing: Vec<String>,
    /// LimeSurvey "full answers" exports: the survey language's words for a multiple-choice
    /// subquestion that was ticked, shown but not ticked, and not shown. Default: LimeSurvey's
    /// own words for the response's `startlanguage` (Yes/No, Ja/Nein, Oui/Non …) and "N/A".
    #[serde(default)]
    pub checkbox_words: Option<CheckboxWords>,
    /// A UTF-8 export with damaged bytes: `"error"` (default: the line is named) or `"replace"`
    /// (each bad byte becomes U+FFFD, with a warning in the report).
    #[serde(default)]
    pub invalid_utf8: InvalidUtf8,
    /// A row with more or fewer cells than the header (a file cut off mid-row): `"error"`
    /// (default: the line is named) or `"exclude"` (left out, counted, and named in a warning).
    #[serde(default)]
    pub malformed_rows: MalformedRows,
}

/// What to do with a row whose number of cells differs from the header's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MalformedRows {
    #[default]
    Error,
    Exclude,
}

/// What to do with bytes that are not UTF-8 in an otherwise UTF-8 export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InvalidUtf8 {
    #[default]
    Error,
    Replace,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckboxWords {
    pub yes: String,
    pub no: String,
    #[serde(default = "default_not_shown")]
    pub not_shown: String,
}

fn default_not_shown() -> String {
    "N/A".into()
}

fn default_threshold() -> u64 {
    5
}
fn default_unit() -> String {
    "respondents".into()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Detect from the export's headers.
    Auto,
    /// SurveyMonkey "actual answer text" CSV, expanded or condensed: two header rows.
    #[serde(alias = "surveymonkey")]
    SurveymonkeyExpandedText,
    /// Google Forms responses CSV: one header row starting "Timestamp".
    GoogleForms,
    /// Qualtrics CSV: current and 2016–2020 3-row headers, legacy 2-row; choice text or numeric.
    Qualtrics,
    /// KoboToolbox / ODK CSV: XLSForm names as headers, select_multiple detail columns.
    #[serde(alias = "kobotoolbox")]
    Kobo,
    /// LimeSurvey CSV with question-code headings (`q[SQ001]`, `Y` when selected).
    Limesurvey,
    /// REDCap CSV, raw or labels (`field___code` / `Label (choice=…)` checkboxes).
    Redcap,
    /// A plain table: one header row, one row per respondent, one column per question.
    Plain,
    /// An SPSS data file (.sav / .zsav): variables, labels and value labels.
    Spss,
}

impl Format {
    /// Every format a codebook or the command line may name, `Auto` first: the one list the
    /// CLI's `--format` values are made from.
    pub const ALL: [Format; 9] = [
        Format::Auto,
        Format::SurveymonkeyExpandedText,
        Format::GoogleForms,
        Format::Qualtrics,
        Format::Kobo,
        Format::Limesurvey,
        Format::Redcap,
        Format::Plain,
        Format::Spss,
    ];
    /// Every concrete layout a reader exists for (not `Auto`), for tools that try them all.
    pub const READABLE: [Format; 8] = {
        let mut out = [Format::Auto; 8];
        let mut i = 0;
        while i < 8 {
            out[i] = Format::ALL[i + 1];
            i += 1;
        }
        out
    };
    /// Other names the codebook and the command line accept for it.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Format::SurveymonkeyExpandedText => &["surveymonkey"],
            Format::Kobo => &["kobotoolbox"],
            Format::Auto
            | Format::GoogleForms
            | Format::Qualtrics
            | Format::Limesurvey
            | Format::Redcap
            | Format::Plain
            | Format::Spss => &[],
        }
    }
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::SurveymonkeyExpandedText => "surveymonkey-expanded-text",
            Format::GoogleForms => "google-forms",
            Format::Qualtrics => "qualtrics",
            Format::Kobo => "kobo",
            Format::Limesurvey => "limesurvey",
            Format::Redcap => "redcap",
            Format::Plain => "plain",
            Format::Spss => "spss",
        }
    }
    /// Whether a choice's cell may hold what a respondent typed for "Other" (Google Forms, a
    /// plain table). The other platforms keep that text in a column of its own, so every
    /// answer in a choice's cell is one of the form's choices, however few gave it.
    pub fn other_typed_in_cell(self) -> bool {
        match self {
            Format::GoogleForms | Format::Plain | Format::Auto => true,
            Format::SurveymonkeyExpandedText
            | Format::Qualtrics
            | Format::Kobo
            | Format::Limesurvey
            | Format::Redcap
            | Format::Spss => false,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Format::Auto => "detected from the headers",
            Format::SurveymonkeyExpandedText => "SurveyMonkey (actual answer text)",
            Format::GoogleForms => "Google Forms",
            Format::Qualtrics => "Qualtrics",
            Format::Kobo => "KoboToolbox",
            Format::Limesurvey => "LimeSurvey",
            Format::Redcap => "REDCap",
            Format::Plain => "plain table",
            Format::Spss => "SPSS data file",
        }
    }
}

/// An id used as a folder name (`reports/<id>`): lowercase letters, digits, `-`, `_` and `.`,
/// starting with a letter or digit, at most 100 characters — never a path (`..`, `/`).
pub fn check_slug(id: &str) -> std::result::Result<(), String> {
    let ok = !id.is_empty()
        && id.len() <= 100
        && id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
        && !id.contains("..");
    if ok {
        Ok(())
    } else {
        Err(format!(
            "id {id:?} must be a short name for a folder: lowercase letters, digits, - _ and ., starting with a letter or digit (choose another folder with --out)"
        ))
    }
}
