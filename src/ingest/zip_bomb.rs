//! Zip bombs. An XLSX or ODS file is a zip, and calamine unpacks parts of it into memory as it
//! opens the file (the shared strings, the styles, an ODS sheet): an 826 KB XLSX whose shared
//! strings unpack to 340 MB took 1.1 GB and 7 s, and ten times that file would take the
//! machine. Before calamine sees the file, every part is unpacked once, streamed and counted,
//! nothing kept (the sizes a zip declares can lie). Apache POI's rule: a part may not unpack
//! to more than 100 times its packed size once past a floor (real exports pack 6–12×), and no
//! part may pass an absolute size.

use crate::error::{Error, Result};
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;

/// How far a part may unpack.
pub(super) struct Limits {
    /// Bytes unpacked per byte packed, once past `floor`.
    pub ratio: u64,
    pub floor: u64,
    /// Bytes unpacked, whatever the ratio.
    pub max: u64,
}

/// The limits for workbooks: 100× past 64 MB, and 2 GB a part (a sheet of 50 million cells,
/// the most a sheet may hold, is about 1.4 GB of XML).
pub(super) const WORKBOOK: Limits = Limits {
    ratio: 100,
    floor: 64 << 20,
    max: 2 << 30,
};

/// Err naming the first part that unpacks past the limits; Ok otherwise, and when the bytes
/// are not a readable zip (calamine then says what is wrong).
#[cfg(test)]
pub(super) fn check(bytes: &[u8], path: &Path, limits: &Limits) -> Result<()> {
    check_reading(bytes, path, limits, "", |_| Ok(()))
}

/// As [`check`], and the part named `name` is read by `read` as it is unpacked and counted
/// (an ODS file's `content.xml`: its repeats are counted in the same pass). A part that passes
/// the limits while `read` has it is reported as a zip bomb whatever `read` says.
pub(super) fn check_reading(
    bytes: &[u8],
    path: &Path,
    limits: &Limits,
    name: &str,
    mut read: impl FnMut(&mut dyn BufRead) -> Result<()>,
) -> Result<()> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            return Ok(());
        };
        let packed = part.compressed_size();
        let allowed = packed
            .saturating_mul(limits.ratio)
            .max(limits.floor)
            .min(limits.max);
        let part_name = part.name().to_string();
        let mut counted = Counted {
            inner: part,
            unpacked: 0,
            allowed,
        };
        let read_result = match part_name == name {
            true => read(&mut BufReader::with_capacity(1 << 16, &mut counted)),
            false => Ok(()),
        };
        // The rest of the part, counted.
        let _ = std::io::copy(&mut counted, &mut std::io::sink());
        if counted.unpacked > allowed {
            return Err(Error::input(
                path,
                format!(
                    "part {part_name:?} of the workbook unpacks to more than {allowed} bytes from {packed} packed (the limit is {}× its packed size past {} MB, and {} MB a part): a zip bomb, or not an export; export the sheet as CSV",
                    limits.ratio,
                    limits.floor >> 20,
                    limits.max >> 20
                ),
            ));
        }
        read_result?;
    }
    Ok(())
}

/// A part as it unpacks: counts its bytes and stops just past `allowed`.
struct Counted<R> {
    inner: R,
    unpacked: u64,
    allowed: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.unpacked > self.allowed {
            return Ok(0);
        }
        // A damaged part reads as ended: calamine then says what is wrong.
        let n = self.inner.read(buf).unwrap_or(0);
        self.unpacked += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zipped(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in parts {
            zip.start_file(*name, deflated).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    /// 100× past 1,000 bytes, 1 MB a part.
    fn test_limits() -> Limits {
        Limits {
            ratio: 100,
            floor: 1000,
            max: 1 << 20,
        }
    }

    #[test]
    fn parts_are_counted_as_they_unpack() {
        let path = Path::new("b.xlsx");
        let limits = test_limits();
        // 200 KB of one byte packs to a few hundred bytes: past the floor and 100×.
        let bomb = zipped(&[
            ("a.xml", b"<a/>"),
            ("xl/sharedStrings.xml", &vec![b'x'; 200_000]),
        ]);
        let err = check(&bomb, path, &limits).unwrap_err().to_string();
        assert!(
            err.starts_with(
                "b.xlsx: part \"xl/sharedStrings.xml\" of the workbook unpacks to more than "
            ),
            "{err}"
        );
        assert!(err.ends_with("(the limit is 100× its packed size past 0 MB, and 1 MB a part): a zip bomb, or not an export; export the sheet as CSV"), "{err}");
        // Under the floor, any ratio is fine; text that packs 3–4× is fine up to the maximum.
        assert!(check(&zipped(&[("s.xml", &[b'x'; 900])]), path, &limits).is_ok());
        let text: Vec<u8> = (0..150_000u32)
            .flat_map(|i| (i * 7919 % 65_521).to_string().into_bytes())
            .collect();
        assert!(check(&zipped(&[("s.xml", &text)]), path, &limits).is_ok());
        // Past the absolute size, whatever the ratio.
        let tight = Limits {
            ratio: 100,
            floor: 1000,
            max: 100_000,
        };
        assert!(check(&zipped(&[("s.xml", &text)]), path, &tight).is_err());
        // Not a zip: left to the reader.
        assert!(check(b"id,q\n", path, &limits).is_ok());
    }

    #[test]
    fn the_named_part_is_read_in_the_counting_pass() {
        let path = Path::new("c.ods");
        let limits = test_limits();
        let zip = zipped(&[("a.xml", b"<a/>"), ("content.xml", b"<sheets/>")]);
        let mut seen = Vec::new();
        check_reading(&zip, path, &limits, "content.xml", |r| {
            let mut text = String::new();
            r.read_to_string(&mut text).unwrap();
            seen.push(text);
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, ["<sheets/>"]);
        // The reader's own verdict comes after the count's: a bomb is a bomb.
        let bomb = zipped(&[("content.xml", &vec![b'x'; 200_000])]);
        let err = check_reading(&bomb, path, &limits, "content.xml", |r| {
            let mut sink = Vec::new();
            r.read_to_end(&mut sink).unwrap();
            assert!(sink.len() < 200_000, "reading stops just past the limit");
            Ok(())
        })
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("part \"content.xml\" of the workbook unpacks to more than "),
            "{err}"
        );
        let refused = check_reading(&zip, path, &limits, "content.xml", |_| {
            Err(Error::Other("too many repeats".into()))
        });
        assert_eq!(refused.unwrap_err().to_string(), "too many repeats");
    }
}
