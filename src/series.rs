//! The series file: survey waves in order, and how their questions correspond.
//!
//! By default a question is compared across the waves that have a question with its id, option by
//! option under the same codes. `[[harmonise]]` declares what differs in one wave (the question's
//! id there, options renamed, options merged); `[[not_comparable]]` keeps a question or an option
//! out of the change tables, with the reason printed in the comparison. Errors carry the line.

use crate::codebook::{line_of, parse_toml, Codebook, Question};
use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    pub series: SeriesInfo,
    pub waves: Vec<WaveRef>,
    #[serde(default)]
    pub harmonise: Vec<Harmonise>,
    #[serde(default)]
    pub not_comparable: Vec<NotComparable>,
    #[serde(skip)]
    pub source_text: String,
    #[serde(skip)]
    pub path: PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesInfo {
    /// Default output folder: reports/<id> (a slug, see `codebook::check_slug`).
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaveRef {
    /// The wave's label in tables ("2019").
    pub id: Spanned<String>,
    /// Its codebook, relative to the series file.
    pub codebook: Spanned<String>,
    /// The heading of an export column that identifies the same library in every wave (an
    /// ISIL code, a register number): libraries found in two waves are reported, since the
    /// change intervals assume independent samples. Only counts are ever shown.
    #[serde(default)]
    pub panel_key: Option<Spanned<String>>,
}

/// A series option: one code in a wave, or several merged.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Codes {
    One(String),
    Many(Vec<String>),
}

impl Codes {
    pub fn list(&self) -> Vec<String> {
        match self {
            Codes::One(c) => vec![c.clone()],
            Codes::Many(v) => v.clone(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Harmonise {
    /// The series' id of the question (its id in the first wave that has it).
    pub question: Spanned<String>,
    pub wave: Spanned<String>,
    /// The question's id in that wave, when it differs.
    #[serde(default)]
    pub id: Option<String>,
    /// Series option code → that wave's code (or codes, merged into one figure).
    #[serde(default)]
    pub options: BTreeMap<String, Codes>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotComparable {
    pub question: Spanned<String>,
    /// One option; the whole question when absent.
    #[serde(default)]
    pub option: Option<String>,
    pub why: String,
}

impl Series {
    pub fn load(path: &Path) -> Result<Series> {
        crate::files::regular_file(path)?;
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let mut s: Series = parse_toml(&text, path)?;
        s.source_text = text;
        s.path = path.to_path_buf();
        crate::codebook::check_slug(s.series.id.get_ref())
            .map_err(|why| s.error_at(&s.series.id, why))?;
        if s.waves.len() < 2 {
            return Err(Error::Codebook {
                path: s.path.clone(),
                line: 1,
                message: "a series needs at least two [[waves]]".into(),
            });
        }
        Ok(s)
    }

    pub fn error_at<T>(&self, at: &Spanned<T>, message: impl Into<String>) -> Error {
        Error::Codebook {
            path: self.path.clone(),
            line: line_of(&self.source_text, at.span().start),
            message: message.into(),
        }
    }

    /// A wave's codebook path.
    pub fn codebook_path(&self, w: &WaveRef) -> PathBuf {
        self.path
            .parent()
            .unwrap_or(Path::new(""))
            .join(w.codebook.get_ref())
    }

    /// Checks every reference against the waves' codebooks (in series order).
    pub fn validate(&self, codebooks: &[Codebook]) -> Result<()> {
        let wave = |id: &Spanned<String>| {
            self.waves
                .iter()
                .position(|w| w.id.get_ref() == id.get_ref())
                .ok_or_else(|| {
                    self.error_at(id, format!("no wave {:?} in [[waves]]", id.get_ref()))
                })
        };
        let mut seen = std::collections::BTreeSet::new();
        for w in &self.waves {
            if !seen.insert(w.id.get_ref()) {
                return Err(self.error_at(&w.id, format!("duplicate wave {:?}", w.id.get_ref())));
            }
        }
        let mut pairs = std::collections::BTreeSet::new();
        for h in &self.harmonise {
            if !pairs.insert((h.question.get_ref(), h.wave.get_ref())) {
                let msg = format!(
                    "a second [[harmonise]] for question {:?} in wave {:?}: give one entry per question and wave",
                    h.question.get_ref(),
                    h.wave.get_ref()
                );
                return Err(self.error_at(&h.question, msg));
            }
            let cb = &codebooks[wave(&h.wave)?];
            let id = h.id.as_deref().unwrap_or(h.question.get_ref());
            let Some(q) = cb.question(id) else {
                let msg = format!("wave {:?} has no question {id:?}", h.wave.get_ref());
                return Err(self.error_at(&h.question, msg));
            };
            self.check_option_map(h, q)
                .map_err(|m| self.error_at(&h.question, m))?;
        }
        for n in &self.not_comparable {
            let known = codebooks
                .iter()
                .any(|cb| cb.question(n.question.get_ref()).is_some())
                || self
                    .harmonise
                    .iter()
                    .any(|h| h.question.get_ref() == n.question.get_ref());
            if !known {
                let msg = format!("no wave has a question {:?}", n.question.get_ref());
                return Err(self.error_at(&n.question, msg));
            }
            if let Some(o) = &n.option {
                if !self.option_known(codebooks, n.question.get_ref(), o) {
                    let msg = format!(
                        "no wave's question {:?} has an option {o:?} (nor a [[harmonise]] that names it)",
                        n.question.get_ref()
                    );
                    return Err(self.error_at(&n.question, msg));
                }
            }
        }
        Ok(())
    }

    /// Err for an option map that would publish a figure twice or lose one: a wave code named
    /// twice (by two series options, or twice in one merge), a code the wave lacks, or a series
    /// code that is another of the wave's own options (whose own figure would be dropped).
    fn check_option_map(&self, h: &Harmonise, q: &Question) -> std::result::Result<(), String> {
        let (wave, id) = (h.wave.get_ref(), q.id());
        // A grid's series options are its items.
        let part = |c: &str| q.option(c).is_some() || q.items.iter().any(|i| i.code() == c);
        let mut named: BTreeMap<String, &str> = BTreeMap::new();
        for (series_code, codes) in &h.options {
            for c in codes.list() {
                if !part(&c) {
                    return Err(format!(
                        "question {id:?} of wave {wave:?} has no option {c:?}"
                    ));
                }
                if let Some(first) = named.insert(c.clone(), series_code) {
                    return Err(format!(
                        "option {c:?} of question {id:?} in wave {wave:?} is named twice (by {first:?} and {series_code:?}): a wave's option counts towards one series option, once"
                    ));
                }
            }
            let own = codes.list();
            if part(series_code) && !own.iter().any(|c| c == series_code) {
                return Err(format!(
                    "series option {series_code:?} takes {own:?} in wave {wave:?}, whose question {id:?} has an option {series_code:?} of its own: its figure would be lost; name it in the map too, or choose another series code"
                ));
            }
        }
        Ok(())
    }

    /// Whether any wave's question `question` (by its id, or as a [[harmonise]] names it) has
    /// option `code`, or a [[harmonise]] maps a series option of that code.
    fn option_known(&self, codebooks: &[Codebook], question: &str, code: &str) -> bool {
        let by_wave = self.waves.iter().zip(codebooks).any(|(w, cb)| {
            let id = self
                .in_wave(question, w.id.get_ref())
                .and_then(|h| h.id.as_deref())
                .unwrap_or(question);
            cb.question(id).is_some_and(|q| {
                q.option(code).is_some() || q.items.iter().any(|i| i.code() == code)
            })
        });
        by_wave
            || self
                .harmonise
                .iter()
                .any(|h| h.question.get_ref() == question && h.options.contains_key(code))
    }

    /// How `question` (a series id) is asked in wave `wave`: its id there and the option map.
    pub fn in_wave(&self, question: &str, wave: &str) -> Option<&Harmonise> {
        self.harmonise
            .iter()
            .find(|h| h.question.get_ref() == question && h.wave.get_ref() == wave)
    }

    /// Why a question (option None) or an option is not comparable, if it is declared so.
    pub fn not_comparable(&self, question: &str, option: Option<&str>) -> Option<&str> {
        self.not_comparable
            .iter()
            .find(|n| {
                n.question.get_ref() == question
                    && (n.option.is_none() || n.option.as_deref() == option)
            })
            .map(|n| n.why.as_str())
    }
}
