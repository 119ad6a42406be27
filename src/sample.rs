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
