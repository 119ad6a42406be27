//! The report in Markdown: a [`Document`] written as CommonMark with GitHub tables.

use super::document::{Align, Block, Document};
use crate::tables::Results;

/// The run's report in Markdown.
pub fn report(r: &Results) -> String {
    write(&super::report::document(r))
}

/// A document in Markdown: blocks separated by a blank line, the file ending in one newline.
pub fn write(d: &Document) -> String {
    let mut o = String::new();
    for b in &d.blocks {
        match b {
            Block::Heading { level, text, .. } => {
                o.push_str(&"#".repeat(*level as usize));
                o.push(' ');
                o.push_str(text);
                o.push('\n');
            }
            Block::Paragraph { text } => {
                o.push_str(text);
                o.push('\n');
            }
            Block::List { items } => {
                for i in items {
                    o.push_str("- ");
                    o.push_str(i);
                    o.push('\n');
                }
            }
            Block::Quote { text } => {
                o.push_str("> ");
                o.push_str(text);
                o.push('\n');
            }
            // The heading or sentence above a table says what it holds in Markdown.
            Block::Table {
                head, align, rows, ..
            } => table(&mut o, head, align, rows),
            Block::Figure { alt, stem } => {
                o.push_str(&format!(
                    "![{}]({stem}.png)\n",
                    super::inline::text(&alt.replace('*', ""))
                ));
            }
        }
        o.push('\n');
    }
    let end = o.trim_end_matches('\n').len();
    o.truncate(end);
    o.push('\n');
    o
}

fn row(o: &mut String, cells: &[String]) {
    o.push('|');
    for c in cells {
        match c.is_empty() {
            true => o.push_str(" |"),
            false => {
                o.push(' ');
                o.push_str(c);
                o.push_str(" |");
            }
        }
    }
    o.push('\n');
}

fn table(o: &mut String, head: &[String], align: &[Align], rows: &[Vec<String>]) {
    row(o, head);
    o.push('|');
    for a in align {
        o.push_str(match a {
            Align::Left => "---|",
            Align::Right => "---:|",
        });
    }
    o.push('\n');
    for r in rows {
        row(o, r);
    }
}
