//! The tidy frame's column names, written once.
//!
//! Two namespaces that cannot meet, enforced by the codebook validator ([`check_id`],
//! [`check_code`]):
//! - **row metadata** (`_respondent_id`, `_weight`): names starting with `_`, which no question
//!   id may start with;
//! - **a question's columns**: its id `q`, and `q__<suffix>` where the suffix is either an option
//!   code or one of [`FLAGS`], which no option code may be. Ids and codes cannot hold `__`, so
//!   `q__x` never belongs to another question.
//!
//! A question called `weight` is therefore a question, never the survey weight; the weight is
//! read into `_weight` only when the codebook has a `[weights]` section.

/// The respondent's id (the platform's, or the row number).
pub const RESPONDENT_ID: &str = "_respondent_id";
/// The survey weight, present only when the codebook has `[weights]`.
pub const WEIGHT: &str = "_weight";
/// Every row-metadata column.
pub const ROW_METADATA: [&str; 2] = [RESPONDENT_ID, WEIGHT];

/// Per-question flag and derived columns (`q__answered` …).
pub const ANSWERED: &str = "answered";
pub const SHOWN: &str = "shown";
pub const NAME: &str = "name";
pub const RAW: &str = "raw";
pub const REGION: &str = "region";
pub const SUBREGION: &str = "subregion";
/// A choice question's "other" answer moved into its options by the codeframe (back-coded).
pub const BACKCODED: &str = "backcoded";
/// Suffixes no option code may take.
pub const FLAGS: [&str; 7] = [ANSWERED, SHOWN, NAME, RAW, REGION, SUBREGION, BACKCODED];

/// `q__<flag>`.
pub fn flag(question: &str, flag: &str) -> String {
    debug_assert!(FLAGS.contains(&flag), "{flag} is not a tidy flag");
    format!("{question}__{flag}")
}

/// `q__<code>`: whether the respondent ticked option `code`.
pub fn option(question: &str, code: &str) -> String {
    debug_assert!(check_code(code).is_ok(), "option code {code:?}");
    format!("{question}__{code}")
}

/// `q__<code>__backcoded`: option `code` was given by back-coding the "other" answer (the
/// respondent had not ticked it).
pub fn backcoded(question: &str, code: &str) -> String {
    format!("{}__{BACKCODED}", option(question, code))
}

/// Who coded a coded question's answers, beside its published codes: the rules, and each
/// human coder (`human_codes`).
pub const RULES: &str = "rules";

/// `q__<code>__<who>`: whether `who` ([`RULES`], `coder_1`, `coder_2`) gave the answer `code`.
pub fn coded_by(question: &str, code: &str, who: &str) -> String {
    format!("{}__{who}", option(question, code))
}

fn identifier(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !s.contains("__")
}

/// Whether `id` may name a question; Err says why not.
pub fn check_id(id: &str) -> Result<(), String> {
    if identifier(id) {
        Ok(())
    } else {
        Err(format!(
            "question id {id:?} must be lowercase letters, digits and single _, starting with a letter or digit (names starting with _ are shelfstat's own columns)"
        ))
    }
}

/// Whether `code` may name an option; Err says why not.
pub fn check_code(code: &str) -> Result<(), String> {
    if !identifier(code) {
        Err(format!(
            "option code {code:?} must be lowercase letters, digits and single _, starting with a letter or digit"
        ))
    } else if FLAGS.contains(&code) {
        Err(format!(
            "option code {code:?} is reserved for shelfstat's own columns ({}); choose another",
            FLAGS.join(", ")
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_names_are_not_question_ids() {
        for m in ROW_METADATA {
            assert!(check_id(m).is_err(), "{m}");
            assert!(check_id(m.trim_start_matches('_')).is_ok());
        }
        assert!(check_id("weight").is_ok());
        assert!(check_id("q__x").is_err());
        assert!(check_id("Weight").is_err());
    }

    #[test]
    fn flags_are_not_option_codes() {
        for f in FLAGS {
            assert!(check_code(f).is_err(), "{f}");
            assert!(check_id(f).is_ok(), "{f} may still be a question id");
        }
        assert!(check_code("a").is_ok());
        assert!(check_code("_a").is_err());
        // A question `region`'s columns cannot meet the country question's `…__region`.
        assert_eq!(flag("country", REGION), "country__region");
        assert_ne!(option("country", "reg"), flag("country", REGION));
    }
}
