//! The bundled sample survey (IFLA 2019, synthetic rows), compiled into the binary so that
//! `shelfstat run` works from any directory.

pub const CODEBOOK_PATH: &str = "data/ifla-refugee-2019/survey.toml";
pub const RESPONSES_PATH: &str = "data/ifla-refugee-2019/responses.csv";
pub const TARGETS_PATH: &str = "data/ifla-refugee-2019/targets.toml";

pub const CODEBOOK: &str = include_str!("../data/ifla-refugee-2019/survey.toml");
pub const RESPONSES: &[u8] = include_bytes!("../data/ifla-refugee-2019/responses.csv");
pub const TARGETS: &str = include_str!("../data/ifla-refugee-2019/targets.toml");
/// The sample's human codes of the practice answers (`human_codes` in its codebook).
pub const PRACTICE_CODES_PATH: &str = "data/ifla-refugee-2019/practice-codes.csv";
pub const PRACTICE_CODES: &[u8] = include_bytes!("../data/ifla-refugee-2019/practice-codes.csv");

/// A file the sample's codebook names beside it (its human codes), from the binary.
pub fn file(wanted: &std::path::Path) -> crate::Result<Vec<u8>> {
    match wanted == std::path::Path::new(PRACTICE_CODES_PATH) {
        true => Ok(PRACTICE_CODES.to_vec()),
        false => Err(crate::Error::input(
            wanted,
            "is not part of the bundled sample",
        )),
    }
}
