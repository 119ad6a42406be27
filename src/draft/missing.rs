//! Missing-value markers: cells that say "no answer" in words (`NA` from R and pandas, `N/A`,
//! `#N/A` from spreadsheets). A draft declares the ones the export uses (`[survey] missing`), and
//! drafts its questions with those cells blank, so a marker is never an option or an answer.

use crate::ingest::RawExport;

/// Values that only ever mean "no answer" in an export.
const MARKERS: &[&str] = &["NA", "N/A", "n/a", "#N/A", "NaN", "null", "NULL"];

/// The markers the export uses, each with how many cells hold it, in [`MARKERS`] order.
pub(crate) fn markers(raw: &RawExport) -> Vec<(String, usize)> {
    let mut counts = vec![0usize; MARKERS.len()];
    for col in &raw.cells.columns {
        // Once per distinct value of a dictionary column.
        col.for_each_value(|v, n| {
            if let Some(k) = MARKERS.iter().position(|m| *m == v.trim()) {
                counts[k] += n;
            }
        });
    }
    MARKERS
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(m, n)| (m.to_string(), n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codebook::Format;
    use std::path::Path;

    #[test]
    fn markers_found_and_blanked() {
        let csv = "id,Tools,Years\n1,Python;R,3\n2,NA,NA\n3,R,N/A\n4,Excel,5\n";
        let mut raw =
            crate::ingest::read(csv.as_bytes(), Path::new("p.csv"), Format::Plain).unwrap();
        let m = markers(&raw);
        assert_eq!(m, [("NA".to_string(), 2), ("N/A".to_string(), 1)]);
        let list: Vec<String> = m.into_iter().map(|(v, _)| v).collect();
        assert_eq!(raw.blank_missing(&list), 3);
        let years = raw.block("Years")[0];
        let cells: Vec<Option<&str>> = raw.cells(years).unwrap().iter().collect();
        assert_eq!(cells, [Some("3"), None, None, Some("5")]);
    }
}
