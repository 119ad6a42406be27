//! The coding's quality, where human codes exist: per code, how the rules agree with the first
//! coder (Cohen's kappa with its interval, precision, recall) and the two coders with each
//! other (kappa); Krippendorff's alpha of the two coders over the whole frame (each answer ×
//! code a yes / no). Counted over answers, unweighted: it is about the coding, not the
//! population.

use super::agreement::{self, Kappa};
use crate::codebook::human_codes::CODERS;
use crate::codebook::Question;
use crate::error::Result;
use crate::estimate::masks::Masks;
use crate::names;
use serde::Serialize;

/// How well a coded question's answers are coded.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CodingQuality {
    /// Answers the first coder coded (the rules are checked on these).
    pub human_coded: u64,
    /// Answers both coders coded (None: one coder only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub both_coded: Option<u64>,
    /// Krippendorff's alpha (nominal) of the two coders, each answer × code a unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alpha: Option<f64>,
    pub codes: Vec<CodeAgreement>,
}

/// One code's agreement figures (None where undefined: no answer took the code on either side).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CodeAgreement {
    pub code: String,
    pub label: String,
    /// The rules against the first coder.
    pub rules_kappa: Option<Kappa>,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    /// The first coder against the second, on the answers both coded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coders_kappa: Option<Kappa>,
}

/// Picks the members of `v` where `keep` holds.
fn only(v: &[bool], keep: &[bool]) -> Vec<bool> {
    v.iter()
        .zip(keep)
        .filter(|(_, &k)| k)
        .map(|(&x, _)| x)
        .collect()
}

/// The quality of `q`'s coding; None without human codes.
pub(super) fn quality(q: &Question, m: &Masks) -> Result<Option<CodingQuality>> {
    let Some(human) = &q.human else {
        return Ok(None);
    };
    let id = q.id();
    let Some(first) = q.codes.first() else {
        return Ok(None);
    };
    // Who each coder coded: their columns are null elsewhere.
    let coded: Vec<Vec<bool>> = (0..human.coders)
        .map(|c| m.present(&names::coded_by(id, first.code(), CODERS[c])))
        .collect::<Result<_>>()?;
    let by_one = &coded[0];
    let by_both: Option<Vec<bool>> = coded
        .get(1)
        .map(|two| by_one.iter().zip(two).map(|(&a, &b)| a && b).collect());
    let says = |code: &str, who: &str| m.bools(&names::coded_by(id, code, who));
    let mut codes = Vec::new();
    let mut units: Vec<Vec<Option<u32>>> = Vec::new();
    for c in &q.codes {
        let rules = only(&says(c.code(), names::RULES)?, by_one);
        let one = only(&says(c.code(), CODERS[0])?, by_one);
        let coders_kappa = match &by_both {
            Some(both) => {
                let x = only(&says(c.code(), CODERS[0])?, both);
                let y = only(&says(c.code(), CODERS[1])?, both);
                units.extend(
                    x.iter()
                        .zip(&y)
                        .map(|(&a, &b)| vec![Some(a as u32), Some(b as u32)]),
                );
                agreement::kappa(&x, &y)
            }
            None => None,
        };
        codes.push(CodeAgreement {
            code: c.code().to_string(),
            label: c.label().to_string(),
            rules_kappa: agreement::kappa(&rules, &one),
            precision: agreement::precision(&rules, &one),
            recall: agreement::recall(&rules, &one),
            coders_kappa,
        });
    }
    let count = |v: &[bool]| v.iter().filter(|&&b| b).count() as u64;
    Ok(Some(CodingQuality {
        human_coded: count(by_one),
        both_coded: by_both.as_deref().map(count),
        alpha: by_both
            .as_ref()
            .and_then(|_| agreement::alpha_nominal(&units)),
        codes,
    }))
}

/// "0.85 (95% CI 0.70–1.00)", or "undefined" (no answer took the code on either side).
fn kappa_text(k: Option<Kappa>) -> String {
    let num = |x: f64| match format!("{x:.2}") {
        zero if zero == "-0.00" => "0.00".to_string(),
        s => s.replace('-', "−"),
    };
    k.map_or("undefined".into(), |k| {
        // A standard error of 0 (every answer coded alike by both, or rounding of a margin
        // that is all one way) gives no interval worth printing.
        if k.se < 1e-6 {
            return format!(
                "{} (no interval: they never disagree, or one gave it to every answer or none)",
                num(k.kappa)
            );
        }
        format!(
            "{} (95% CI {} to {})",
            num(k.kappa),
            num(k.ci_low),
            num(k.ci_high)
        )
    })
}

fn share(x: Option<f64>) -> String {
    x.map_or("–".into(), |x| format!("{x:.2}"))
}

/// The method section's sentence on a question's coding quality.
pub fn sentence(short: &str, q: &CodingQuality) -> String {
    let per_code: Vec<String> = (q.codes.iter())
        .map(|c| {
            format!(
                "{} κ {}, precision {}, recall {}",
                crate::markup::md_cell(&c.label),
                kappa_text(c.rules_kappa),
                share(c.precision),
                share(c.recall)
            )
        })
        .collect();
    let mut s = format!(
        "{short}: a human coder's codes are used for the {} answer{} they coded; the rules checked against them: {}.",
        q.human_coded,
        if q.human_coded == 1 { "" } else { "s" },
        per_code.join("; ")
    );
    if let Some(both) = q.both_coded {
        let per_code: Vec<String> = (q.codes.iter())
            .map(|c| {
                format!(
                    "{} κ {}",
                    crate::markup::md_cell(&c.label),
                    kappa_text(c.coders_kappa)
                )
            })
            .collect();
        s.push_str(&format!(
            " Two coders on {both} answers: Krippendorff's α {} over answers × codes; {}.",
            q.alpha.map_or("undefined".into(), |a| format!("{a:.2}")),
            per_code.join("; ")
        ));
    }
    s
}
