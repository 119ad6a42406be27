//! Recognising a LimeSurvey export by its structure, whatever the interface language: the
//! response metadata comes first, in a fixed order — an integer id, the submit date (empty when
//! incomplete), the last page, the start language — then the seed (an integer, when recorded),
//! the start and last-action dates, and the IP address and referrer when recorded. Exports with
//! "full headings" name these columns in the survey's language ("Antwort ID", "Datum
//! Abgeschickt", "Letzte Seite", "Start-Sprache" …); their positions and cells say what they are.
//! And its quoting: LimeSurvey quotes every value, so a bare empty field is its NULL.

fn datetime(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b' ',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        })
}

fn integer(v: &str) -> bool {
    !v.is_empty() && v.len() <= 19 && v.bytes().all(|c| c.is_ascii_digit())
}

/// "de", "en", "pt-BR", "zh-Hans", "de-informal".
fn language(v: &str) -> bool {
    let mut parts = v.splitn(2, ['-', '_']);
    let base = parts.next().unwrap_or("");
    (2..=3).contains(&base.len())
        && base.bytes().all(|c| c.is_ascii_lowercase())
        && parts.next().is_none_or(|r| {
            (2..=8).contains(&r.len()) && r.bytes().all(|c| c.is_ascii_alphanumeric())
        })
}

fn ip(v: &str) -> bool {
    v.parse::<std::net::IpAddr>().is_ok()
}

/// Per leading metadata column, its LimeSurvey code, when `rows` (header first) have the
/// structure; None otherwise.
pub fn metadata_codes(rows: &[csv::StringRecord]) -> Option<Vec<&'static str>> {
    let data = rows.get(1..).filter(|d| !d.is_empty())?;
    let all = |col: usize, ok: &dyn Fn(&str) -> bool, empty_ok: bool| {
        data.iter().all(|r| {
            let v = r.get(col).unwrap_or("").trim();
            (empty_ok && v.is_empty()) || ok(v)
        })
    };
    let fixed = all(0, &integer, false)
        && all(1, &datetime, true)
        && all(2, &integer, true)
        && all(3, &language, false);
    if !fixed || rows[0].len() < 6 {
        return None;
    }
    let mut out = vec!["id", "submitdate", "lastpage", "startlanguage"];
    let mut col = 4;
    if all(col, &integer, false) {
        out.push("seed");
        col += 1;
    }
    for code in ["startdate", "datestamp"] {
        if !all(col, &datetime, false) {
            return None;
        }
        out.push(code);
        col += 1;
    }
    if all(col, &ip, true)
        && data
            .iter()
            .any(|r| r.get(col).is_some_and(|v| ip(v.trim())))
    {
        out.push("ipaddr");
        col += 1;
    }
    let url = |v: &str| v.starts_with("http://") || v.starts_with("https://");
    if all(col, &url, true)
        && data
            .iter()
            .any(|r| r.get(col).is_some_and(|v| url(v.trim())))
    {
        out.push("refurl");
    }
    Some(out)
}

/// Per record, which fields are bare empty (LimeSurvey's NULL: the question was not shown)
/// rather than a quoted `""` (shown, not ticked). None when the file does not quote its
/// fields (a re-save), so the two cannot be told apart.
pub(super) fn bare_empty_fields(text: &str, sep: u8) -> Option<Vec<Vec<bool>>> {
    let b = text.trim_start_matches('\u{feff}').as_bytes();
    if b.first() != Some(&b'"') {
        return None;
    }
    let mut records = Vec::new();
    let mut rec = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // One field.
        let bare_empty;
        if b[i] == b'"' {
            i += 1;
            while i < b.len() {
                if b[i] == b'"' {
                    if b.get(i + 1) == Some(&b'"') {
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                i += 1;
            }
            bare_empty = false;
            while i < b.len() && b[i] != sep && b[i] != b'\n' && b[i] != b'\r' {
                i += 1;
            }
        } else {
            let start = i;
            while i < b.len() && b[i] != sep && b[i] != b'\n' && b[i] != b'\r' {
                i += 1;
            }
            bare_empty = i == start;
        }
        rec.push(bare_empty);
        if i < b.len() && b[i] == sep {
            i += 1;
            continue;
        }
        // End of record.
        if i < b.len() && b[i] == b'\r' {
            i += 1;
        }
        if i < b.len() && b[i] == b'\n' {
            i += 1;
        }
        records.push(std::mem::take(&mut rec));
    }
    Some(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(csv: &str) -> Vec<csv::StringRecord> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv.as_bytes())
            .records()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn german_full_headings() {
        let r = rows("Antwort ID,Datum Abgeschickt,Letzte Seite,Start-Sprache,Zufallsstartwert,Datum gestartet,Datum letzte Aktivität,IP-Adresse,Frage?\n\
                      1,2021-03-01 10:00:00,3,de,123456,2021-03-01 09:50:00,2021-03-01 10:00:00,192.0.2.1,Ja\n\
                      2,,1,de-informal,99,2021-03-01 09:51:00,2021-03-01 09:52:00,,Nein\n");
        assert_eq!(
            metadata_codes(&r).unwrap(),
            [
                "id",
                "submitdate",
                "lastpage",
                "startlanguage",
                "seed",
                "startdate",
                "datestamp",
                "ipaddr"
            ]
        );
    }

    #[test]
    fn other_tables_are_not_taken_for_it() {
        let r = rows("id,name,age,country,x,y\n1,Ann,34,de,1,2\n");
        assert_eq!(metadata_codes(&r), None);
        let r =
            rows("ResponseId,MainBranch,Lang,YearsCode,Country,Age\n1,dev,Python,12,Germany,30\n");
        assert_eq!(metadata_codes(&r), None);
    }
}
