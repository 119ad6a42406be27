//! A country question's answers: each country's count, typed in one of its given spellings.

use crate::draw::asked::Asked;
use crate::draw::rng::Rng;
use crate::draw::Answer;
use crate::error::Result;

pub(crate) fn answers(a: &Asked, rng: &mut Rng) -> Result<Vec<Option<Answer>>> {
    crate::draw::values::counted(a, rng, "country", |_| None)
}
