//! Breakdown and weighting variables: a single-choice question's option codes, or the region,
//! sub-region or country derived from the country question; their display labels.

use crate::codebook::Codebook;
use crate::error::{Error, Result};
use polars::prelude::*;

/// Values of a breakdown or weighting variable per respondent: a single-choice question's
/// option code, or the region / sub-region / ISO code derived from the country question.
pub fn variable_values(
    cb: &Codebook,
    frame: &DataFrame,
    name: &str,
) -> Result<Vec<Option<String>>> {
    Ok(variable_strs(cb, frame, name)?
        .into_iter()
        .map(|v| v.map(str::to_string))
        .collect())
}

/// As [`variable_values`], borrowed from the frame.
pub fn variable_strs<'f>(
    cb: &Codebook,
    frame: &'f DataFrame,
    name: &str,
) -> Result<Vec<Option<&'f str>>> {
    Ok(variable_column(cb, frame, name)?.iter().collect())
}

/// The frame's column of a breakdown or weighting variable.
pub fn variable_column<'f>(
    cb: &Codebook,
    frame: &'f DataFrame,
    name: &str,
) -> Result<&'f StringChunked> {
    let col = match name {
        "region" | "subregion" | "country" => {
            let q = cb
                .country_question()
                .ok_or_else(|| Error::Other(format!("{name} needs a country question")))?;
            if name == "country" {
                q.id().to_string()
            } else {
                crate::names::flag(q.id(), name)
            }
        }
        q => q.to_string(),
    };
    Ok(frame.column(&col)?.str()?)
}

/// Display label of a variable's value (an option label for questions; names as they are).
pub fn value_label(cb: &Codebook, variable: &str, value: &str) -> String {
    match variable {
        "country" => crate::country::display_name(value),
        "region" | "subregion" => value.to_string(),
        q => cb
            .question(q)
            .and_then(|q| q.option(value))
            .map(|o| o.short_label().to_string())
            .unwrap_or_else(|| value.to_string()),
    }
}

/// Display name of a variable.
pub fn variable_label(cb: &Codebook, variable: &str) -> String {
    match variable {
        "region" => "region".into(),
        "subregion" => "sub-region".into(),
        "country" => "country".into(),
        q => cb
            .question(q)
            .map(|q| q.short_label().to_lowercase())
            .unwrap_or_else(|| q.to_string()),
    }
}
