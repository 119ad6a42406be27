//! A scale label's place on its scale: what the anchor sets ([`super::anchors`]) and the word
//! rules ([`super::scale_words`]) both say of a label.

/// A label's place on its scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Place {
    /// Off the scale: counted, left out of the base.
    NotApplicable,
    /// A position (0 = the midpoint; negative below it).
    At(f64),
    /// The words do not say.
    Unknown,
}

impl Place {
    /// What a drafted scale option says of it: "neutral", "not_applicable" or nothing.
    pub(crate) fn mark(self) -> &'static str {
        match self {
            Place::NotApplicable => "not_applicable",
            Place::At(x) if x == 0.0 => "neutral",
            Place::At(_) | Place::Unknown => "",
        }
    }
}
