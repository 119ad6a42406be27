//! Where a run's figures come from: the tool, the export's and the codebook's fingerprints.

use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FileFingerprint {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Provenance {
    pub tool: String,
    pub format: String,
    pub input: FileFingerprint,
    pub codebook: FileFingerprint,
}
