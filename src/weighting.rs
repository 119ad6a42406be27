//! Weighting: between tidy and stats. Reads the base weights (an export column, or 1), adjusts
//! them by post-stratification or raking to the codebook's margins, and stores the result in the
//! tidy frame's `_weight` column, where the stats stage and the tidy outputs find it.

use crate::codebook::{Codebook, WeightMethod, Weights};
use crate::error::{Error, Result};
use crate::stats::interval::kish_n_eff;
use crate::stats::weights::{self, Margin, RakeOptions, RakeReport, WeightingInfo};
use crate::tidy::variables::variable_values;
use crate::tidy::{Tidy, WEIGHT};
use polars::prelude::*;
use toml::Spanned;

/// Weights that every figure can be computed with: not all zero, and small enough that Σw²
/// stays finite (a weight of 1e200 overflows it). Else an error naming the weight column.
fn check_weights(cb: &Codebook, values: &[f64]) -> Result<()> {
    let Some(w) = &cb.weights else {
        return Ok(());
    };
    let sum: f64 = values.iter().sum();
    let sum2: f64 = values.iter().map(|v| v * v).sum();
    let what = match &w.column {
        Some(c) => format!("the weight column {:?}", c.get_ref()),
        None => "the weights".to_string(),
    };
    let why = if values.iter().all(|&v| v == 0.0) {
        Some(format!(
            "{what}: every weight is zero, so no figure can be weighted"
        ))
    } else if !(sum.is_finite() && sum2.is_finite() && (sum * sum).is_finite()) {
        let max = values.iter().copied().fold(0.0, f64::max);
        Some(format!("{what}: weights as large as {max:e} cannot be computed with (their sum of squares overflows); rescale them, e.g. divide by their mean"))
    } else {
        None
    };
    match (why, &w.column) {
        (None, _) => Ok(()),
        (Some(why), Some(c)) => Err(cb.error_at(c, why)),
        (Some(why), None) => Err(Error::Other(format!("{}: {why}", cb.path.display()))),
    }
}

/// Applies the codebook's weighting to the tidy frame; None when the survey is unweighted.
pub fn apply(cb: &Codebook, tidy: &mut Tidy) -> Result<Option<WeightingInfo>> {
    let Some(w) = &cb.weights else {
        return Ok(None);
    };
    let n = tidy.frame.height();
    let has_column = tidy.frame.column(WEIGHT).is_ok();
    let base: Vec<f64> = if has_column {
        tidy.frame
            .column(WEIGHT)?
            .f64()?
            .iter()
            .map(|v| v.unwrap_or(0.0))
            .collect()
    } else {
        vec![1.0; n]
    };
    let description = match &w.column {
        Some(c) => format!("weights from the export column {:?}", c.get_ref()),
        None => "equal base weights".to_string(),
    };
    let adjusted = match &w.method {
        None => Adjusted {
            values: base,
            description,
            report: None,
        },
        Some(method) => adjust(cb, w, method, &tidy.frame, base, description)?,
    };
    let values = adjusted.values;
    check_weights(cb, &values)?;
    let sum: f64 = values.iter().sum();
    let n_eff = kish_n_eff(&values);
    let info = WeightingInfo {
        description: adjusted.description,
        iterations: adjusted.report.as_ref().map(|r| r.iterations),
        max_gap: adjusted.report.as_ref().map(|r| r.max_gap),
        trimmed: adjusted.report.as_ref().map(|r| r.trimmed),
        n,
        sum,
        min: values.iter().copied().fold(f64::INFINITY, f64::min),
        max: values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        n_eff,
        deff: n as f64 / n_eff,
    };
    let col = Column::new(WEIGHT.into(), values);
    if has_column {
        tidy.frame.replace(WEIGHT, col)?;
    } else {
        tidy.frame.with_column(col)?;
    }
    Ok(Some(info))
}

/// Weights after post-stratification or raking, described, with raking's report.
struct Adjusted {
    values: Vec<f64>,
    description: String,
    report: Option<RakeReport>,
}

/// Post-stratifies or rakes the base weights to the codebook's margins.
fn adjust(
    cb: &Codebook,
    w: &Weights,
    method: &Spanned<WeightMethod>,
    frame: &DataFrame,
    base: Vec<f64>,
    description: String,
) -> Result<Adjusted> {
    let margins: Vec<Margin> = w
        .margins
        .iter()
        .map(|m| Margin {
            variable: m.variable.get_ref().clone(),
            targets: m
                .targets
                .get_ref()
                .iter()
                .map(|(k, v)| (k.clone(), *v))
                .collect(),
        })
        .collect();
    let vars: Vec<Vec<Option<String>>> = margins
        .iter()
        .map(|m| variable_values(cb, frame, &m.variable))
        .collect::<Result<_>>()?;
    let names: Vec<&str> = margins.iter().map(|m| m.variable.as_str()).collect();
    let at = &w.margins[0].variable;
    match method.get_ref() {
        WeightMethod::Poststratify => Ok(Adjusted {
            values: weights::poststratify(&base, &vars[0], &margins[0])
                .map_err(|e| cb.error_at(at, e))?,
            description: format!("{description}, post-stratified to {}", names[0]),
            report: None,
        }),
        WeightMethod::Rake => {
            let mut description = format!("{description}, raked to {}", names.join(", "));
            let opts = RakeOptions {
                tolerance: w.tolerance,
                max_iterations: w.max_iterations,
                trim: w.trim.as_ref().map(|t| (t.get_ref()[0], t.get_ref()[1])),
            };
            if let Some(t) = &opts.trim {
                description = format!(
                    "{description}, trimmed to {}–{} × the mean weight",
                    t.0, t.1
                );
            }
            let (values, report) =
                weights::rake(&base, &vars, &margins, &opts).map_err(|e| cb.error_at(method, e))?;
            Ok(Adjusted {
                values,
                description,
                report: Some(report),
            })
        }
    }
}
