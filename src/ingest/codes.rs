//! A dictionary column's codes, as narrow as its dictionary allows: one byte per cell while the
//! column has at most 256 distinct values (every tick, choice and scale column of a survey),
//! two bytes up to 65,536, four beyond. At a million respondents and 50 columns this is 50 MB
//! instead of 200 MB, and a quarter of the fresh pages to fault in while reading.

/// Codes of one column; widened as larger codes arrive.
#[derive(Debug, Clone)]
pub enum Codes {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
}

impl Default for Codes {
    fn default() -> Self {
        Codes::U8(Vec::new())
    }
}

/// Equal codes, whatever their width.
impl PartialEq for Codes {
    fn eq(&self, other: &Codes) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Codes {
    pub fn len(&self) -> usize {
        match self {
            Codes::U8(v) => v.len(),
            Codes::U16(v) => v.len(),
            Codes::U32(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code of cell `i`.
    pub fn get(&self, i: usize) -> Option<u32> {
        match self {
            Codes::U8(v) => v.get(i).map(|&c| c as u32),
            Codes::U16(v) => v.get(i).map(|&c| c as u32),
            Codes::U32(v) => v.get(i).copied(),
        }
    }

    /// `f(i, code of cell i)` for each `i` of `rows` (0 past the end): the width matched once,
    /// not per cell as by [`Codes::get`].
    #[inline]
    pub fn for_rows(&self, rows: &[usize], mut f: impl FnMut(usize, u32)) {
        match self {
            Codes::U8(v) => rows
                .iter()
                .for_each(|&i| f(i, v.get(i).map_or(0, |&c| c as u32))),
            Codes::U16(v) => rows
                .iter()
                .for_each(|&i| f(i, v.get(i).map_or(0, |&c| c as u32))),
            Codes::U32(v) => rows
                .iter()
                .for_each(|&i| f(i, v.get(i).copied().unwrap_or(0))),
        }
    }

    /// (Inlined into the reader's per-cell step: as a call it cost 24 instructions a cell.)
    #[inline(always)]
    pub fn push(&mut self, c: u32) {
        match self {
            Codes::U8(v) if c <= u8::MAX as u32 => v.push(c as u8),
            Codes::U16(v) if c <= u16::MAX as u32 => v.push(c as u16),
            Codes::U32(v) => v.push(c),
            Codes::U8(_) | Codes::U16(_) => self.widen_push(c),
        }
    }

    #[cold]
    fn widen_push(&mut self, c: u32) {
        self.widen(c);
        self.push(c);
    }

    /// Makes room for code `c`: every code so far copied into wider ones.
    fn widen(&mut self, c: u32) {
        let old: Vec<u32> = self.iter().collect();
        *self = match c <= u16::MAX as u32 {
            true => Codes::U16(old.into_iter().map(|c| c as u16).collect()),
            false => Codes::U32(old),
        };
    }

    pub fn iter(&self) -> Iter<'_> {
        match self {
            Codes::U8(v) => Iter::U8(v.iter()),
            Codes::U16(v) => Iter::U16(v.iter()),
            Codes::U32(v) => Iter::U32(v.iter()),
        }
    }
}

impl Codes {
    /// Appends `other`'s codes, each `c` as `remap[c]` (widened once, before, when the
    /// largest needs it): merging two pieces' columns is a copy of one width into another.
    pub fn extend_mapped(&mut self, other: &Codes, remap: &[u32]) {
        let top = remap.iter().copied().max().unwrap_or(0);
        let fits = match self {
            Codes::U8(_) => top <= u8::MAX as u32,
            Codes::U16(_) => top <= u16::MAX as u32,
            Codes::U32(_) => true,
        };
        if !fits {
            self.widen(top);
        }
        match self {
            Codes::U8(v) => mapped(v, other, |c| remap[c as usize] as u8),
            Codes::U16(v) => mapped(v, other, |c| remap[c as usize] as u16),
            Codes::U32(v) => mapped(v, other, |c| remap[c as usize]),
        }
    }
}

/// `other`'s codes through `f`, appended to `out`.
fn mapped<T>(out: &mut Vec<T>, other: &Codes, f: impl Fn(u32) -> T) {
    match other {
        Codes::U8(o) => out.extend(o.iter().map(|&c| f(c as u32))),
        Codes::U16(o) => out.extend(o.iter().map(|&c| f(c as u32))),
        Codes::U32(o) => out.extend(o.iter().map(|&c| f(c))),
    }
}

impl Extend<u32> for Codes {
    fn extend<I: IntoIterator<Item = u32>>(&mut self, codes: I) {
        let codes = codes.into_iter();
        match self {
            Codes::U8(v) => v.reserve(codes.size_hint().0),
            Codes::U16(v) => v.reserve(codes.size_hint().0),
            Codes::U32(v) => v.reserve(codes.size_hint().0),
        }
        for c in codes {
            self.push(c);
        }
    }
}

impl FromIterator<u32> for Codes {
    fn from_iter<I: IntoIterator<Item = u32>>(codes: I) -> Codes {
        let mut out = Codes::default();
        out.extend(codes);
        out
    }
}

/// The codes in order, as `u32`.
pub enum Iter<'a> {
    U8(std::slice::Iter<'a, u8>),
    U16(std::slice::Iter<'a, u16>),
    U32(std::slice::Iter<'a, u32>),
}

impl Iterator for Iter<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        match self {
            Iter::U8(i) => i.next().map(|&c| c as u32),
            Iter::U16(i) => i.next().map(|&c| c as u32),
            Iter::U32(i) => i.next().copied(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Iter::U8(i) => i.size_hint(),
            Iter::U16(i) => i.size_hint(),
            Iter::U32(i) => i.size_hint(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn for_rows_reads_what_get_reads_at_every_width() {
        for top in [200u32, 60_000, 70_000] {
            let mut c = Codes::default();
            for k in 0..500 {
                c.push(k * 7919 % (top + 1));
            }
            let rows = [0, 3, 499, 17, 500, 10_000, 250];
            let mut seen = Vec::new();
            c.for_rows(&rows, |i, code| seen.push((i, code)));
            let want: Vec<(usize, u32)> =
                rows.iter().map(|&i| (i, c.get(i).unwrap_or(0))).collect();
            assert_eq!(seen, want, "codes up to {top}");
        }
    }

    #[test]
    fn codes_appended_through_a_map_widen_once_when_they_must() {
        let mut c: Codes = [0, 1, 2].into_iter().collect();
        c.extend_mapped(&[1, 0].into_iter().collect(), &[7, 9]);
        assert!(matches!(c, Codes::U8(_)));
        assert_eq!(c.iter().collect::<Vec<_>>(), [0, 1, 2, 9, 7]);
        c.extend_mapped(&[0, 1, 1].into_iter().collect(), &[3, 70_000]);
        assert!(matches!(c, Codes::U32(_)));
        assert_eq!(
            c.iter().collect::<Vec<_>>(),
            [0, 1, 2, 9, 7, 3, 70_000, 70_000]
        );
        let mut d: Codes = [5].into_iter().collect();
        d.extend_mapped(&[0].into_iter().collect(), &[300]);
        assert!(matches!(d, Codes::U16(_)));
        assert_eq!(d.iter().collect::<Vec<_>>(), [5, 300]);
    }

    #[test]
    fn widened_as_codes_grow_and_equal_whatever_the_width() {
        let mut c = Codes::default();
        c.extend([0, 1, 255]);
        assert!(matches!(c, Codes::U8(_)));
        c.push(256);
        assert!(matches!(c, Codes::U16(_)));
        c.push(70_000);
        assert!(matches!(c, Codes::U32(_)));
        assert_eq!(c.iter().collect::<Vec<_>>(), [0, 1, 255, 256, 70_000]);
        assert_eq!((c.get(3), c.get(5), c.len()), (Some(256), None, 5));
        let narrow: Codes = [3, 4].into_iter().collect();
        assert_eq!(narrow, Codes::U32(vec![3, 4]));
        assert_ne!(narrow, Codes::U32(vec![3, 4, 0]));
    }
}
