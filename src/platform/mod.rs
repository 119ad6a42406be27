//! Each survey platform in one place: one [`Platform`] implementation per platform
//! (`platform/<name>.rs`) names everything shelfstat knows of it — its reader (detection,
//! reading, row exclusions, metadata columns: [`crate::ingest::Reader`]), the layout `synth`
//! writes for it, and the platform codebook `init --definition` reads from it. The stages keep
//! their code where the data flow puts it (ingest, synth, definition); this is where a platform
//! is put together, and where a new platform is added.

mod googleforms;
mod kobo;
mod limesurvey;
mod plain;
mod qualtrics;
mod redcap;
mod surveymonkey;

use crate::codebook::{Codebook, Format, Shape};
use crate::definition::Definition;
use crate::error::{Error, Result};
use crate::ingest::Reader;
use crate::synth::{Generated, Targets};
use std::path::Path;

/// Everything shelfstat knows of one survey platform.
pub trait Platform: Sync {
    /// Detection, reading, row exclusions and metadata columns.
    fn reader(&self) -> &'static dyn Reader;
    fn format(&self) -> Format {
        self.reader().format()
    }
    /// The export `synth` writes in this platform's layout; None when it writes none.
    fn write_synth(&self, _cb: &Codebook, _g: &Generated) -> Option<Result<Vec<u8>>> {
        None
    }
    /// Whether that layout holds grids and rankings.
    fn synth_items(&self) -> bool {
        false
    }
    /// The platform's own codebook (its survey definition), when `bytes` are one.
    fn definition(&self, _bytes: &[u8], _path: &Path) -> Option<Result<Definition>> {
        None
    }
}

/// Every platform.
pub static ALL: [&dyn Platform; 7] = [
    &surveymonkey::SurveyMonkey,
    &googleforms::GoogleForms,
    &qualtrics::Qualtrics,
    &limesurvey::LimeSurvey,
    &redcap::Redcap,
    &kobo::Kobo,
    &plain::Plain,
];

/// The platform of a layout (`auto`: SurveyMonkey's, synth's default).
pub fn of(format: Format) -> &'static dyn Platform {
    let format = match format {
        Format::Auto => Format::SurveymonkeyExpandedText,
        f => f,
    };
    ALL.iter()
        .copied()
        .find(|p| p.format() == format)
        .unwrap_or(ALL[0])
}

/// Generates respondents to the targets and lays them out in `format`'s export.
pub fn synth_export(cb: &Codebook, t: &Targets, format: Format) -> Result<Vec<u8>> {
    let p = of(format);
    let items = cb
        .questions
        .iter()
        .find(|q| matches!(q.kind.shape(), Shape::Rated | Shape::Ranked));
    if let (Some(q), false) = (items, p.synth_items()) {
        return Err(Error::Other(format!(
            "synth writes grids and rankings ({:?}) in the SurveyMonkey and Google Forms layouts only",
            q.id()
        )));
    }
    let g = crate::synth::generate(cb, t)?;
    p.write_synth(cb, &g).unwrap_or_else(|| {
        Err(Error::Other(format!(
            "synth does not write the {} layout yet",
            p.format().describe()
        )))
    })
}

/// Reads a platform codebook, recognised by the platform whose format it is.
/// Whether `bytes` are TOML with a `[survey]` or `[series]` table: shelfstat's own files.
fn is_shelfstat_file(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes)
        .ok()
        .and_then(|t| toml::from_str::<toml::Table>(t).ok())
        .is_some_and(|t| t.contains_key("survey") || t.contains_key("series"))
}

pub fn read_definition(path: &Path) -> Result<Definition> {
    crate::files::regular_file(path)?;
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    if is_shelfstat_file(&bytes) {
        return Err(Error::input(
            path,
            "this is a shelfstat codebook or series file, not a platform's codebook; to draft a new wave from a previous wave's codebook, use --like",
        ));
    }
    if let Some(d) = ALL.iter().find_map(|p| p.definition(&bytes, path)) {
        return d;
    }
    if crate::ingest::xlsx::is_xlsx(&bytes) {
        return Err(Error::input(
            path,
            "an XLSX workbook without a \"survey\" sheet: not an XLSForm",
        ));
    }
    let first = crate::definition::first_cell(&bytes, path)?;
    Err(Error::input(
        path,
        format!(
            "row 1, column A: {:?} does not start a platform codebook shelfstat knows (REDCap data dictionary, KoboToolbox XLSForm, Qualtrics .qsf)",
            first.chars().take(40).collect::<String>()
        ),
    ))
}
