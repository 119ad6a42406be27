//! Each selected row's options, in one flat list: a row's options are a slice of it, so a
//! million rows are two allocations, not a million (each row's own `Vec` was most of a single
//! choice's tidying: allocating and freeing them cost more than finding the options).

/// The options each row chose, in option order and each once: row `j`'s are
/// `options[starts[j]..starts[j + 1]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Choices {
    starts: Vec<usize>,
    options: Vec<u32>,
}

impl Choices {
    pub fn with_capacity(rows: usize) -> Self {
        let mut starts = Vec::with_capacity(rows + 1);
        starts.push(0);
        Choices {
            starts,
            options: Vec::with_capacity(rows),
        }
    }

    /// Adds the next row: its options, in option order, each once.
    pub fn push_row(&mut self, options: impl IntoIterator<Item = u32>) {
        self.options.extend(options);
        self.starts.push(self.options.len());
    }

    pub fn row(&self, j: usize) -> &[u32] {
        &self.options[self.starts[j]..self.starts[j + 1]]
    }

    pub fn iter(&self) -> impl Iterator<Item = &[u32]> + '_ {
        self.starts.windows(2).map(|w| &self.options[w[0]..w[1]])
    }

    /// Row `j`, which chose one option, chose `k` instead.
    pub fn replace_only(&mut self, j: usize, k: u32) {
        assert_eq!(self.row(j).len(), 1, "row {j} chose one option");
        self.options[self.starts[j]] = k;
    }
}

#[cfg(test)]
mod tests {
    use super::Choices;

    #[test]
    fn rows_are_slices_of_one_list() {
        let mut c = Choices::with_capacity(3);
        c.push_row([0, 2]);
        c.push_row([]);
        c.push_row([1]);
        assert_eq!(
            (c.row(0), c.row(1), c.row(2)),
            (&[0, 2][..], &[][..], &[1][..])
        );
        c.replace_only(2, 3);
        let all: Vec<&[u32]> = c.iter().collect();
        assert_eq!(all, vec![&[0, 2][..], &[][..], &[3][..]]);
    }
}
