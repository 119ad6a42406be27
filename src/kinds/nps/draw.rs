//! A Net Promoter Score question's synthetic answers: the targets' `values`, each a count of
//! respondents and the cells they typed ("10", "9 - Very likely"), summing to the base.

use crate::draw::asked::Asked;
use crate::draw::rng::Rng;
use crate::draw::Answer;
use crate::error::Result;

pub(super) fn answers(a: &Asked, rng: &mut Rng) -> Result<Vec<Option<Answer>>> {
    crate::draw::values::counted(a, rng, "score", |s| {
        super::tidy::score(s)
            .is_none()
            .then(|| format!("{s:?} is not a score from 0 to 10"))
    })
}
