//! The data records of `tidy/responses.sav`, bytecode-compressed, written straight from the
//! frame's columns in blocks of rows encoded on all cores. The bytes are those `ambers`' writer
//! gives (its row layout: a number in one 8-byte slot, a string of width w ≤ 255 in ⌈w/8⌉
//! space-padded slots; its encoder's opcodes; the end-of-data opcode padded with zeros), which a
//! test checks on random frames: the writer assembles a whole copy of the rows in memory, one
//! row at a time, which cost a million-respondent run 1.6 s and its largest allocation.
//!
//! A row is the same number of slots (opcodes) every time, so a block of a multiple of eight
//! rows starts a new group of eight opcodes: blocks are encoded apart and written in order.

use crate::error::Result;
use polars::prelude::*;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Rows encoded as one block (a multiple of 8).
const BLOCK_ROWS: usize = 8192;
/// SPSS's system-missing value.
const SYSMIS: u64 = 0xFFEF_FFFF_FFFF_FFFF;
/// The bias of the compressed codes (ambers' and SPSS's default).
const BIAS: f64 = 100.0;
/// Opcodes.
const RAW_FOLLOWS: u8 = 253;
const EIGHT_SPACES: u8 = 254;
const SYSTEM_MISSING: u8 = 255;
const END_OF_DATA: u8 = 252;

/// How a column's values are written.
pub(super) enum Coding<'a> {
    /// As text.
    Text,
    /// As the number the value (or code) is.
    Number,
    /// Each code as the number given.
    Recoded(&'a BTreeMap<String, f64>),
}

impl Coding<'_> {
    pub(super) fn numeric(&self) -> bool {
        match self {
            Coding::Text => false,
            Coding::Number | Coding::Recoded(_) => true,
        }
    }
}

/// A column of the file: how its values are written, and its slots (1 for a number).
pub(super) struct Var<'a> {
    pub column: &'a Column,
    pub coding: &'a Coding<'a>,
    pub slots: usize,
}

/// Writes every row of `vars` (all `rows` long), then the end of the data.
pub(super) fn write(vars: &[Var], rows: usize, w: &mut dyn std::io::Write) -> Result<()> {
    let per_row: usize = vars.iter().map(|v| v.slots).sum();
    let blocks = rows.div_ceil(BLOCK_ROWS).max(1);
    // Enough blocks at once to keep every core busy, few enough to bound the memory.
    let batch = 4 * rayon::current_num_threads();
    let mut first = 0;
    while first < blocks {
        let upto = (first + batch).min(blocks);
        let encoded: Vec<Result<Vec<u8>>> = (first..upto)
            .into_par_iter()
            .map_init(Vec::new, |buf, b| {
                let start = b * BLOCK_ROWS;
                let len = BLOCK_ROWS.min(rows - start);
                block(buf, vars, start, len, per_row, b + 1 == blocks)
            })
            .collect();
        for e in encoded {
            w.write_all(&e?).map_err(unwritten)?;
        }
        first = upto;
    }
    Ok(())
}

/// A failure to write the .sav (the caller names the file), from this writer or ambers'.
pub(super) fn unwritten(e: impl std::fmt::Display) -> crate::error::Error {
    crate::error::Error::Other(format!("the tidy .sav could not be written: {e}"))
}

/// The opcodes and raw values of rows `start..start + len`; `last`: the end of the data after
/// them. `rows`: room for the rows' slots, reused from block to block (spaces, then every
/// number slot and every text's bytes written).
fn block(
    rows: &mut Vec<u8>,
    vars: &[Var],
    start: usize,
    len: usize,
    per_row: usize,
    last: bool,
) -> Result<Vec<u8>> {
    let width = per_row * 8;
    // Spaces throughout, once per block: a string is then copied without padding each cell
    // (a call to memset per text cell was a tenth of the encoding).
    rows.clear();
    rows.resize(len * width, b' ');
    let mut at = 0;
    for v in vars {
        fill(rows, width, at, v, start, len)?;
        at += v.slots * 8;
    }
    let mut enc = Encoder::with_capacity(len * (per_row + per_row / 2));
    // Whole groups of eight slots at once (a block begins a group); the rest slot by slot.
    let mut groups = rows.chunks_exact(64);
    for group in &mut groups {
        enc.group(group.try_into().expect("64-byte groups"));
    }
    for slot in groups.remainder().chunks_exact(8) {
        enc.push(slot.try_into().expect("8-byte slots"));
    }
    if last {
        enc.end();
    }
    Ok(enc.out)
}

/// Writes column `v`'s values for rows `start..start + len` into the rows' slots at byte `at`.
fn fill(rows: &mut [u8], width: usize, at: usize, v: &Var, start: usize, len: usize) -> Result<()> {
    let part = v.column.slice(start as i64, len);
    let mut put = |k: usize, bytes: &[u8]| {
        let from = k * width + at;
        rows[from..from + bytes.len()].copy_from_slice(bytes);
    };
    let number = |x: Option<f64>| x.map_or(SYSMIS, f64::to_bits).to_le_bytes();
    match (part.dtype(), v.coding) {
        (DataType::String, Coding::Text) => {
            // Padded with spaces to its slots: the block's rows are spaces already.
            let room = v.slots * 8;
            for (k, s) in part.str()?.iter().enumerate() {
                let b = s.unwrap_or("").as_bytes();
                let n = b.len().min(room);
                rows[k * width + at..][..n].copy_from_slice(&b[..n]);
            }
        }
        (DataType::String, Coding::Number) => {
            for (k, s) in part.str()?.iter().enumerate() {
                put(k, &number(s.and_then(|s| s.parse::<f64>().ok())));
            }
        }
        (DataType::String, Coding::Recoded(m)) => {
            // Each distinct code looked up once, not once per row.
            let d = super::dictionary::Dictionary::of(part.str()?);
            let per: Vec<[u8; 8]> = (d.distinct.iter())
                .map(|s| number(m.get(*s).copied()))
                .collect();
            for (k, c) in d.of.iter().enumerate() {
                put(k, &c.map_or(number(None), |c| per[c as usize]));
            }
        }
        (DataType::Boolean, _) => {
            // The three values' slots made once; the bits read eight rows at a time.
            let slots = [number(None), number(Some(0.0)), number(Some(1.0))];
            for (k, &state) in super::bits::states(part.bool()?).iter().enumerate() {
                put(k, &slots[state as usize]);
            }
        }
        _ => {
            let f = part.cast(&DataType::Float64)?;
            for (k, x) in f.f64()?.iter().enumerate() {
                put(k, &number(x));
            }
        }
    }
    Ok(())
}

/// The bytecode encoder: opcodes in groups of eight, each group followed by the raw values of
/// its `RAW_FOLLOWS` opcodes. A group's eight opcode bytes are set aside in the output when it
/// begins and filled in as its slots come, the raw values written straight after them (they
/// were gathered apart and copied in per group: a memcpy call per eight slots).
struct Encoder {
    out: Vec<u8>,
    /// Where the current group's opcodes are in `out`.
    group: usize,
    /// Opcodes in the current group so far (8: none begun).
    n: usize,
}

impl Encoder {
    fn with_capacity(bytes: usize) -> Encoder {
        Encoder {
            out: Vec::with_capacity(bytes),
            group: 0,
            n: 8,
        }
    }

    /// Eight slots that make a whole group (none begun before them).
    fn group(&mut self, slots: &[u8; 64]) {
        debug_assert_eq!(self.n, 8, "a group begins");
        let mut ops = [0u8; 8];
        for (op, slot) in ops.iter_mut().zip(slots.chunks_exact(8)) {
            *op = opcode(slot.try_into().expect("8-byte slots"));
        }
        self.out.extend_from_slice(&ops);
        for (&op, slot) in ops.iter().zip(slots.chunks_exact(8)) {
            if op == RAW_FOLLOWS {
                self.out.extend_from_slice(slot);
            }
        }
    }

    fn push(&mut self, slot: &[u8; 8]) {
        let op = opcode(slot);
        self.op(op);
        if op == RAW_FOLLOWS {
            self.out.extend_from_slice(slot);
        }
    }

    fn op(&mut self, op: u8) {
        if self.n == 8 {
            self.group = self.out.len();
            self.out.extend_from_slice(&[0; 8]);
            self.n = 0;
        }
        self.out[self.group + self.n] = op;
        self.n += 1;
    }

    /// The end-of-data opcode, its group padded with zero (skip) opcodes.
    fn end(&mut self) {
        self.op(END_OF_DATA);
        // (The rest of the group is zero already.)
        self.n = 8;
    }
}

/// A slot's opcode: system-missing, eight spaces, a whole number from −99 to 151 (its value
/// plus the bias, when that gives back the very bytes), or raw bytes to follow. Strings'
/// slots are classified the same way (as ambers does; a reader decodes them to the same bytes).
fn opcode(slot: &[u8; 8]) -> u8 {
    let bits = u64::from_le_bytes(*slot);
    if bits == SYSMIS {
        return SYSTEM_MISSING;
    }
    if *slot == [b' '; 8] {
        return EIGHT_SPACES;
    }
    // (ambers asks for a whole number first; the round trip alone refuses any other, as it
    // refuses −0.)
    let v = f64::from_bits(bits);
    if (1.0 - BIAS..=251.0 - BIAS).contains(&v) {
        let code = (v + BIAS) as u8;
        if (code as f64 - BIAS).to_bits() == bits {
            return code;
        }
    }
    RAW_FOLLOWS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A worker's buffer holds the block before: a shorter text must not keep its bytes.
    #[test]
    fn a_reused_buffer_keeps_nothing_of_the_block_before() {
        let long = Column::new("t".into(), [Some("abcdefghijklmnop"); 16]);
        let short = Column::new("t".into(), [Some("a"), None].repeat(8));
        let text = Coding::Text;
        let var = |column| Var {
            column,
            coding: &text,
            slots: 2,
        };
        let mut buf = Vec::new();
        block(&mut buf, &[var(&long)], 0, 16, 2, false).unwrap();
        let reused = block(&mut buf, &[var(&short)], 0, 16, 2, false).unwrap();
        let fresh = block(&mut Vec::new(), &[var(&short)], 0, 16, 2, false).unwrap();
        assert_eq!(reused, fresh);
        // By hand: per row "a" and seven spaces (raw), then eight spaces; or sixteen spaces.
        let mut want = Vec::new();
        for _ in 0..4 {
            want.extend_from_slice(&[RAW_FOLLOWS, EIGHT_SPACES, EIGHT_SPACES, EIGHT_SPACES]);
            want.extend_from_slice(&[RAW_FOLLOWS, EIGHT_SPACES, EIGHT_SPACES, EIGHT_SPACES]);
            want.extend_from_slice(b"a       a       ");
        }
        assert_eq!(fresh, want);
    }
}
