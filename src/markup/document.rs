//! A report as a document: headings, paragraphs, lists, tables with their column alignment, and
//! figures with their text alternatives — what the report says, built once from the stat
//! tables ([`crate::render::report`]), and written in each syntax by a back-end ([`crate::render::markdown`],
//! [`crate::render::html`]). Text is Markdown inline syntax (emphasis, code, links), already escaped for
//! a table cell where it is one; user-written text (descriptions, notes) is Markdown too.

/// A column's alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    Heading {
        level: u8,
        text: String,
        anchor: String,
    },
    Paragraph {
        text: String,
    },
    List {
        items: Vec<String>,
    },
    Quote {
        text: String,
    },
    Table {
        head: Vec<String>,
        align: Vec<Align>,
        rows: Vec<Vec<String>>,
        /// What the table holds, when the heading above it does not say (HTML's caption).
        caption: Option<String>,
    },
    /// A chart: `stem` is its path without extension (`charts/services`).
    Figure {
        alt: String,
        stem: String,
    },
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// Anchors given so far: a repeated heading gets "-1", "-2" … (as GitHub numbers them).
    #[serde(skip)]
    anchors: std::collections::BTreeSet<String>,
}

/// "Library cards and services" → "library-cards-and-services" (GitHub's heading anchors).
pub fn anchor(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            out.push(c);
        } else if c == ' ' {
            out.push('-');
        }
    }
    out
}

impl Document {
    /// A heading: plain text (a title, a question's wording), escaped here as Markdown text.
    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        let raw = text.into();
        let anchor = anchor(&raw);
        let text = super::inline::text(&raw);
        self.blocks.push(Block::Heading {
            level,
            text,
            anchor,
        });
    }
    /// The codebook's own prose (Markdown), with what prose may not carry taken out.
    pub fn prose(&mut self, md: &str) {
        self.para(super::inline::prose(md.trim()));
    }
    pub fn para(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Paragraph { text: text.into() });
    }
    pub fn list(&mut self, items: Vec<String>) {
        if !items.is_empty() {
            self.blocks.push(Block::List { items });
        }
    }
    pub fn quote(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Quote { text: text.into() });
    }
    /// A table; `align` is one letter per column: `l` left, `r` right.
    pub fn table(&mut self, head: Vec<String>, align: &str, rows: Vec<Vec<String>>) {
        self.table_captioned(None, head, align, rows);
    }
    /// A table with a caption of its own (else its caption is the heading above it).
    pub fn table_captioned(
        &mut self,
        caption: Option<&str>,
        head: Vec<String>,
        align: &str,
        rows: Vec<Vec<String>>,
    ) {
        let align = align
            .chars()
            .map(|c| if c == 'r' { Align::Right } else { Align::Left })
            .collect();
        let caption = caption.map(str::to_string);
        self.blocks.push(Block::Table {
            head,
            align,
            rows,
            caption,
        });
    }
    pub fn figure(&mut self, alt: impl Into<String>, stem: impl Into<String>) {
        self.blocks.push(Block::Figure {
            alt: alt.into(),
            stem: stem.into(),
        });
    }
}
