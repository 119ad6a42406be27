//! `verify`'s report: one line per claim (line, claim, verdict, what the data says), then the
//! counts; or the same as JSON.

use crate::tables::{Verdict, Verification};

fn verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Ok => "ok",
        Verdict::Wrong => "WRONG",
        Verdict::Ambiguous => "ambiguous",
        Verdict::Unmatched => "unmatched",
    }
}

pub fn text(v: &Verification) -> String {
    let mut out = format!(
        "{:>5}  {:<20} {:<10} what the data says\n",
        "line", "claim", "verdict"
    );
    for c in &v.claims {
        let claim: String = c.claim.chars().take(20).collect();
        out.push_str(&format!(
            "{:>5}  {:<20} {:<10} {}\n",
            c.line,
            claim,
            verdict(c.verdict),
            c.note
        ));
    }
    for n in &v.not_checked {
        out.push_str(&format!("not checked: {n}\n"));
    }
    out.push_str(&format!(
        "{}: {} claims checked against {}: {} ok, {} wrong, {} ambiguous, {} unmatched\n",
        v.draft,
        v.claims.len(),
        v.survey,
        v.count(Verdict::Ok),
        v.count(Verdict::Wrong),
        v.count(Verdict::Ambiguous),
        v.count(Verdict::Unmatched)
    ));
    out
}

pub fn json(v: &Verification) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}
