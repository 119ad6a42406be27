//! A grid's scale, decided once: each option's score and its side of the midpoint, and which
//! points the top-2 and bottom-2 boxes join.

use super::Question;
pub use crate::figures::{ScalePoint, ScaleSide};

impl Question {
    /// The grid's scale, lowest first. Scores default to 1, 2, 3 … over the points that are not
    /// not-applicable. The midpoint is the option marked `neutral`; on a scale without one, the
    /// middle point of an odd number of points.
    pub fn scale(&self) -> Vec<ScalePoint> {
        let rated: Vec<usize> = (0..self.options.len())
            .filter(|&k| !self.options[k].not_applicable)
            .collect();
        let marked = rated.iter().position(|&k| self.options[k].neutral);
        let middle = marked.or((rated.len() % 2 == 1).then(|| rated.len() / 2));
        let below = |r: usize| match middle {
            Some(m) => r < m,
            None => r < rated.len() / 2,
        };
        self.options
            .iter()
            .enumerate()
            .map(|(k, o)| {
                let r = rated.iter().position(|&j| j == k);
                let (score, side) = match r {
                    None => (None, ScaleSide::NotApplicable),
                    Some(r) => (
                        Some(o.score.unwrap_or(r as f64 + 1.0)),
                        if Some(r) == middle {
                            ScaleSide::Neutral
                        } else if below(r) {
                            ScaleSide::Negative
                        } else {
                            ScaleSide::Positive
                        },
                    ),
                };
                ScalePoint {
                    code: o.code().to_string(),
                    label: o.label().to_string(),
                    short: o.short_label().to_string(),
                    score,
                    side,
                }
            })
            .collect()
    }
}

/// The positions (in `scale`) of the top-2 and bottom-2 boxes: the two highest and the two
/// lowest scored points, on scales of four or more scored points.
pub fn boxes(scale: &[ScalePoint]) -> Option<(Vec<usize>, Vec<usize>)> {
    let mut scored: Vec<usize> = (0..scale.len())
        .filter(|&k| scale[k].score.is_some())
        .collect();
    if scored.len() < 4 {
        return None;
    }
    scored.sort_by(|&a, &b| {
        scale[a]
            .score
            .unwrap_or(0.0)
            .total_cmp(&scale[b].score.unwrap_or(0.0))
    });
    let bottom = scored[..2].to_vec();
    let top = scored[scored.len() - 2..].to_vec();
    Some((top, bottom))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn grid(options: &str) -> Question {
        let toml = format!(
            "[survey]\nid = \"s\"\ntitle = \"t\"\nwave = \"w\"\nsource = \"x.csv\"\nformat = \"plain\"\n\n[[questions]]\nid = \"g\"\ntype = \"grid\"\ntext = \"G\"\nitems = [{{ code = \"a\", label = \"A\" }}]\noptions = [{options}]\n"
        );
        let cb = crate::codebook::Codebook::parse(&toml, Path::new("s.toml")).unwrap();
        cb.questions[0].clone()
    }

    #[test]
    fn five_points_with_dont_know() {
        let q = grid(
            "{ code = \"sd\", label = \"SD\" }, { code = \"d\", label = \"D\" }, { code = \"n\", label = \"N\" }, { code = \"a\", label = \"A\" }, { code = \"sa\", label = \"SA\" }, { code = \"dk\", label = \"DK\", not_applicable = true }",
        );
        let s = q.scale();
        let sides: Vec<ScaleSide> = s.iter().map(|p| p.side).collect();
        use ScaleSide::*;
        assert_eq!(
            sides,
            [
                Negative,
                Negative,
                Neutral,
                Positive,
                Positive,
                NotApplicable
            ]
        );
        let scores: Vec<Option<f64>> = s.iter().map(|p| p.score).collect();
        assert_eq!(
            scores,
            [Some(1.0), Some(2.0), Some(3.0), Some(4.0), Some(5.0), None]
        );
        assert_eq!(boxes(&s), Some((vec![3, 4], vec![0, 1])));
    }

    #[test]
    fn four_points_have_no_midpoint_and_a_marked_neutral_moves_it() {
        let q = grid("{ code = \"a\", label = \"A\" }, { code = \"b\", label = \"B\" }, { code = \"c\", label = \"C\" }, { code = \"d\", label = \"D\" }");
        use ScaleSide::*;
        let sides: Vec<ScaleSide> = q.scale().iter().map(|p| p.side).collect();
        assert_eq!(sides, [Negative, Negative, Positive, Positive]);
        let q = grid("{ code = \"a\", label = \"A\", score = 0 }, { code = \"b\", label = \"B\", score = 5, neutral = true }, { code = \"c\", label = \"C\", score = 10 }");
        let s = q.scale();
        assert_eq!(
            s.iter().map(|p| p.side).collect::<Vec<_>>(),
            [Negative, Neutral, Positive]
        );
        assert_eq!(s[2].score, Some(10.0));
        assert_eq!(boxes(&s), None, "three points have no top-2 box");
    }
}
