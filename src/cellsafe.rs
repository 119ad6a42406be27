//! Text cells that are safe to open in a spreadsheet (OWASP "CSV injection"): a cell that
//! starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula by
//! Excel, LibreOffice or Google Sheets, so it is written with a leading `'`, which spreadsheets
//! show as plain text and hide. Applied to every text field of every CSV output (labels,
//! respondent ids, reasons, published answers), never to numbers.

use std::borrow::Cow;

/// The cell as written: unchanged, or with a leading `'` when it could be read as a formula.
pub fn cell(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_are_neutralised_and_stay_readable() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\",\"y\")"),
            "'=HYPERLINK(\"http://x\",\"y\")"
        );
        assert_eq!(cell("+1 555"), "'+1 555");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("Public library"), "Public library");
        assert_eq!(cell(""), "");
    }
}
