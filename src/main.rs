//! The `shelfstat` command line. Argument parsing (clap) lives here and nowhere else; each
//! subcommand maps onto a plain options struct of `shelfstat::cmd`.

use clap::{Parser, Subcommand, ValueEnum};
use shelfstat::cmd::{compare, headline, init, run, synth};
use shelfstat::codebook::Format;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "shelfstat",
    version,
    about = "Turn raw survey exports about library services into findings people can trust and publish",
    long_about = None,
    after_help = "Run `shelfstat run` with no arguments to analyse the bundled sample survey."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse one survey wave: report, charts, tables, tidy responses and headlines
    #[command(after_help = "Examples:\n  \
        shelfstat run                                        # the bundled IFLA 2019 sample\n  \
        shelfstat run data/ifla-refugee-2019/survey.toml --out /tmp/ifla\n  \
        shelfstat run my-wave/survey.toml --format google-forms   # override the codebook's format\n  \
        shelfstat run my-wave/survey.toml --only tables > results.json   # the numbers, no files\n\n\
        Writes report.md, headline.json, results.json, charts/*.png|svg, tables/*.csv and\n\
        tidy/responses.parquet|csv to --out (default: reports/<survey id>).")]
    Run {
        /// Codebook (survey.toml); omit to run the bundled sample
        codebook: Option<PathBuf>,
        /// Output folder [default: reports/<survey id>]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Read the export as this layout (overrides the codebook's format)
        #[arg(long, value_enum)]
        format: Option<Layout>,
        /// Compute only these and print them, writing no file: `tables` prints the stat tables
        /// as results.json holds them
        #[arg(long, value_enum)]
        only: Option<Only>,
    },
    /// Compare survey waves: every harmonised figure, and each change with its 95% interval
    #[command(after_help = "Examples:\n  \
        shelfstat compare data/ifla-refugee-series.toml\n  \
        shelfstat compare my-series.toml --out /tmp/changes\n\n\
        Writes compare.md, changes.json, tables/changes.csv and tables/figures.csv to --out\n\
        (default: reports/<series id>).")]
    Compare {
        /// Series file naming the waves in order and how their questions correspond
        series: PathBuf,
        /// Output folder [default: reports/<series id>]
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Print headline statements with their number, base and 95% interval
    #[command(after_help = "Examples:\n  \
        shelfstat headline\n  \
        shelfstat headline --format json\n  \
        shelfstat headline data/ifla-refugee-2019/survey.toml --country DE")]
    Headline {
        /// Codebook (survey.toml); omit for the bundled sample
        codebook: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = OutFormat::Text)]
        format: OutFormat,
        /// Only respondents from this country (ISO code or name); small bases are suppressed
        #[arg(long)]
        country: Option<String>,
        /// Only respondents from this UN region or sub-region (Europe, Northern Europe …)
        #[arg(long)]
        region: Option<String>,
        /// Read the export as this layout (overrides the codebook's format)
        #[arg(long = "export-format", value_enum)]
        export_format: Option<Layout>,
    },
    /// Draft a codebook from an export (printed; redirect it to survey.toml)
    #[command(after_help = "Examples:\n  \
        shelfstat init responses.csv > survey.toml       # layout detected from the headers\n  \
        shelfstat init export.csv --format qualtrics > survey.toml\n  \
        shelfstat init --like 2019/survey.toml 2022-export.csv > 2022/survey.toml   # next wave\n\n\
        The draft names every question with a guessed type (single, multi, text, country,\n\
        numeric, grid, ranking, nps), its options in export order and PII columns; `run` accepts\n\
        it unchanged.\n\
        What was guessed, and why, is printed on standard error.")]
    Init {
        /// The raw export (CSV)
        export: PathBuf,
        /// Read the export as this layout [default: detected]
        #[arg(long, value_enum)]
        format: Option<Layout>,
        /// The platform's codebook: REDCap data dictionary (CSV), KoboToolbox XLSForm (XLSX) or
        /// Qualtrics survey definition (.qsf); types, labels and codes are taken from it
        #[arg(long, value_name = "FILE")]
        definition: Option<PathBuf>,
        /// The previous wave's codebook: keep its question ids, short labels, sections,
        /// headlines, analysis and weights, matching questions and options by their text
        #[arg(long, value_name = "PREVIOUS.toml")]
        like: Option<PathBuf>,
        /// Write the draft to this file (atomically) instead of standard output; its `source`
        /// is written relative to the file's folder, as `run` reads it
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Check every number of a draft (Markdown, text or .docx) against the data
    #[command(after_help = "Examples:\n  \
        shelfstat verify findings.md                       # against the bundled sample\n  \
        shelfstat verify findings.md survey.toml --format json\n\n\
        Each percentage (93.2%, 68 per cent), share in words (over half, three in four), count\n\
        (353 libraries, 32 countries) and, against a series file, change (up 2.8 points) is\n\
        matched to the figure its sentence names and judged ok,\n\
        wrong (with the right figure and base), ambiguous or unmatched. Exit code 1 when any\n\
        claim is wrong.")]
    Verify {
        /// The draft (Markdown, plain text or Word .docx)
        draft: PathBuf,
        /// Codebook (survey.toml); omit for the bundled sample
        codebook: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = OutFormat::Text)]
        format: OutFormat,
    },
    /// Generate a synthetic raw export from a codebook and target marginals (deterministic)
    #[command(after_help = "Examples:\n  \
        shelfstat synth --out /tmp/responses.csv      # the bundled sample's export, byte for byte\n  \
        shelfstat synth data/ifla-refugee-2019/survey.toml --targets data/ifla-refugee-2019/targets.toml --seed 7\n  \
        shelfstat synth --layout google-forms --out /tmp/ifla-google-forms.csv")]
    Synth {
        /// Codebook (survey.toml); omit for the bundled sample's
        codebook: Option<PathBuf>,
        /// Targets file (respondents, marginal counts or published percentages)
        #[arg(long)]
        targets: Option<PathBuf>,
        /// Override the targets' seed
        #[arg(long)]
        seed: Option<u64>,
        /// Export layout [default: the codebook's format]
        #[arg(long, value_enum)]
        layout: Option<Layout>,
        /// Output file [default: standard output]
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Human coding of typed answers: a workbook for coders, and their codes read back
    #[command(subcommand)]
    Code(CodeAction),
}

#[derive(Subcommand)]
enum CodeAction {
    /// Write a workbook for coders: one row per typed answer (personal data masked), the
    /// rules' suggested codes, empty coder_1 / coder_2 columns
    #[command(after_help = "Examples:\n  \
        shelfstat code export data/my-wave/survey.toml practice --out practice-coding.xlsx\n\n\
        The question is a coded text question, or a choice question with an \"other\" (its\n\
        typed answers). An existing file is never overwritten.")]
    Export {
        /// Codebook (survey.toml)
        codebook: PathBuf,
        /// The question whose answers are coded
        question: String,
        /// The workbook to write (.xlsx)
        #[arg(long)]
        out: PathBuf,
    },
    /// List the phrases that recur in a question's typed answers, to start a codeframe from
    #[command(after_help = "Examples:\n  \
        shelfstat code suggest data/my-wave/survey.toml practice\n\n\
        Phrases of 1–3 words (case, accents and plurals folded; English, French and Spanish\n\
        stop words left out) held by two or more answers, most frequent first, each with two\n\
        of the answers (personal data masked).")]
    Suggest {
        /// Codebook (survey.toml)
        codebook: PathBuf,
        /// The question whose answers are read
        question: String,
        /// How many phrases to list
        #[arg(long, default_value_t = 30)]
        top: usize,
    },
    /// Read a filled coders' workbook into the human codes file the codebook names
    #[command(after_help = "Examples:\n  \
        shelfstat code import data/my-wave/survey.toml practice practice-coding.xlsx\n\n\
        Each coder cell is checked against the question's codes (an error names the sheet, row\n\
        and column). Writes the file the question's human_codes names, else <question>-codes.csv\n\
        beside the codebook (or --out; never an input); name it with human_codes = \"…\": the first\n\
        coder's codes then override the rules', and\n\
        the report gives the rules' and the coders' agreement (kappa, alpha).")]
    Import {
        /// Codebook (survey.toml)
        codebook: PathBuf,
        /// The question whose answers were coded
        question: String,
        /// The filled workbook
        workbook: PathBuf,
        /// The human codes file to write [default: the file the question's human_codes names, else
        /// <question>-codes.csv beside the codebook]
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// What `run --only` computes and prints instead of writing the outputs.
#[derive(Clone, Copy, ValueEnum)]
enum Only {
    /// The stat tables (results.json), on standard output
    Tables,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutFormat {
    Text,
    Json,
}

/// A `--format` value: one of the codebook's formats, named as the codebook names them (the
/// list is `Format::ALL`, not written again here).
#[derive(Clone, Copy)]
struct Layout(Format);

impl ValueEnum for Layout {
    fn value_variants<'a>() -> &'a [Self] {
        const VARIANTS: [Layout; 9] = {
            let mut out = [Layout(Format::Auto); 9];
            let mut i = 0;
            while i < 9 {
                out[i] = Layout(Format::ALL[i]);
                i += 1;
            }
            out
        };
        &VARIANTS
    }
    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let v = clap::builder::PossibleValue::new(self.0.as_str());
        Some(v.aliases(self.0.aliases().iter().copied()))
    }
}

impl Layout {
    fn format(self) -> Format {
        self.0
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One readable line, however huge a cell or heading it quotes.
            eprintln!("error: {}", shelfstat::error::cut(&e.to_string(), 2000));
            ExitCode::FAILURE
        }
    }
}

fn dispatch(command: Command) -> shelfstat::Result<()> {
    match command {
        Command::Run {
            codebook,
            out,
            format,
            only,
        } => run_command(
            run::RunOptions {
                codebook,
                out,
                format: format.map(Layout::format),
            },
            matches!(only, Some(Only::Tables)),
        ),
        Command::Compare { series, out } => {
            compare_command(compare::CompareOptions { series, out })
        }
        Command::Headline {
            codebook,
            format,
            country,
            region,
            export_format,
        } => headline_command(headline::HeadlineOptions {
            codebook,
            format: match format {
                OutFormat::Text => headline::HeadlineFormat::Text,
                OutFormat::Json => headline::HeadlineFormat::Json,
            },
            country,
            region,
            export_format: export_format.map(Layout::format),
        }),
        Command::Init {
            export,
            format,
            definition,
            like,
            out,
        } => init_command(
            init::InitOptions {
                export,
                format: format.map(Layout::format),
                definition,
                like,
            },
            out,
        ),
        Command::Verify {
            draft,
            codebook,
            format,
        } => verify_command(
            shelfstat::cmd::verify::VerifyOptions { draft, codebook },
            format,
        ),
        Command::Synth {
            codebook,
            targets,
            seed,
            layout,
            out,
        } => synth_command(synth::SynthOptions {
            codebook,
            targets,
            seed,
            format: layout.map(Layout::format),
            out,
        }),
        Command::Code(action) => code_command(action),
    }
}

fn code_command(action: CodeAction) -> shelfstat::Result<()> {
    use shelfstat::cmd::code;
    match action {
        CodeAction::Suggest {
            codebook,
            question,
            top,
        } => {
            let text = code::suggest(&code::SuggestOptions {
                codebook,
                question,
                top,
            })?;
            print_stdout(text.as_bytes())?;
        }
        CodeAction::Export {
            codebook,
            question,
            out,
        } => {
            let n = code::export(&code::ExportOptions {
                codebook,
                question: question.clone(),
                out: out.clone(),
            })?;
            eprintln!(
                "shelfstat: wrote {n} answers of {question:?} to {} (personal data masked)",
                out.display()
            );
        }
        CodeAction::Import {
            codebook,
            question,
            workbook,
            out,
        } => {
            let i = code::import(&code::ImportOptions {
                codebook,
                question: question.clone(),
                workbook,
                out,
            })?;
            eprintln!(
                "shelfstat: {} answers coded by coder_1, {} by coder_2; wrote {}",
                i.coded[0],
                i.coded[1],
                i.out.display()
            );
            eprintln!(
                "shelfstat: name it in question {question:?}: human_codes = {:?}",
                i.out.file_name().unwrap_or_default().to_string_lossy()
            );
        }
    }
    Ok(())
}

fn headline_command(opts: headline::HeadlineOptions) -> shelfstat::Result<()> {
    let text = headline::headline(&opts)?;
    print_stdout(text.as_bytes())
}

/// Prints the verdicts; a wrong claim makes the exit code non-zero.
fn verify_command(
    opts: shelfstat::cmd::verify::VerifyOptions,
    format: OutFormat,
) -> shelfstat::Result<()> {
    let v = shelfstat::cmd::verify::verify(&opts)?;
    let text = match format {
        OutFormat::Text => shelfstat::render::verify_text::text(&v),
        OutFormat::Json => shelfstat::render::verify_text::json(&v),
    };
    print_stdout(text.as_bytes())?;
    match v.count(shelfstat::tables::Verdict::Wrong) {
        0 => Ok(()),
        n => Err(shelfstat::Error::Other(format!(
            "{n} claim{} of the draft {} wrong",
            if n == 1 { "" } else { "s" },
            if n == 1 { "is" } else { "are" }
        ))),
    }
}

fn synth_command(opts: synth::SynthOptions) -> shelfstat::Result<()> {
    let to_stdout = opts.out.is_none();
    let bytes = synth::synth(&opts)?;
    if to_stdout {
        print_stdout(&bytes)?;
    }
    Ok(())
}

fn run_command(opts: run::RunOptions, only_tables: bool) -> shelfstat::Result<()> {
    let s = match only_tables {
        true => {
            let (s, results) = run::tables(&opts)?;
            print_stdout(shelfstat::render::json::results(&results).as_bytes())?;
            eprintln!(
                "shelfstat: read a {} export; {} rows read, {} analysed; printed the stat tables (no file written)",
                s.format.describe(),
                s.rows_read,
                s.analysed
            );
            s
        }
        false => {
            let s = run::run(&opts)?;
            eprintln!(
                "shelfstat: read a {} export; {} rows read, {} analysed; wrote {} files to {}",
                s.format.describe(),
                s.rows_read,
                s.analysed,
                s.files.len(),
                s.out_dir.display()
            );
            s
        }
    };
    for w in &s.warnings {
        eprintln!("shelfstat: warning: {w}");
    }
    for n in &s.notes {
        eprintln!("shelfstat: note: {n}");
    }
    for r in &s.needs_review {
        eprintln!("shelfstat: needs review: {r}");
    }
    Ok(())
}

fn compare_command(opts: compare::CompareOptions) -> shelfstat::Result<()> {
    let s = compare::compare(&opts)?;
    let waves: Vec<String> = s
        .waves
        .iter()
        .map(|(id, n)| format!("{id} ({n})"))
        .collect();
    eprintln!(
        "shelfstat: compared waves {}; {} clear changes; wrote {} files to {}",
        waves.join(", "),
        s.clear_changes,
        s.files.len(),
        s.out_dir.display()
    );
    if s.computed_changes == 0 {
        eprintln!("shelfstat: warning: nothing could be compared: no option is asked, with answers, in two of these waves");
    }
    Ok(())
}

/// The file standard output is redirected to (`init … > cb/survey.toml`), when it is one.
fn stdout_file() -> Option<PathBuf> {
    let p = std::fs::read_link("/proc/self/fd/1").ok()?;
    std::fs::metadata(&p).ok()?.is_file().then_some(p)
}

fn init_command(opts: init::InitOptions, out: Option<PathBuf>) -> shelfstat::Result<()> {
    // The draft's `source` is relative to the folder the draft lands in.
    let lands = out.clone().or_else(stdout_file);
    let dir = lands
        .as_deref()
        .map(|f| f.parent().unwrap_or(std::path::Path::new("")).to_path_buf());
    let (d, fmt) = init::init_into(&opts, dir.as_deref())?;
    // Questions drafted: not PII/skipped/dropped lines, not indented option lines.
    let drafted = d
        .summary
        .iter()
        .filter(|l| !l.starts_with(' ') && (!l.starts_with('(') || l.starts_with("(new)")))
        .count();
    eprintln!(
        "shelfstat: read a {} export; drafted {drafted} questions:",
        fmt.describe()
    );
    for line in &d.summary {
        eprintln!("  {line}");
    }
    for w in &d.warnings {
        eprintln!("shelfstat: warning: {w}");
    }
    match out {
        Some(file) => shelfstat::output::write_atomic(&file, d.toml.as_bytes()),
        None => print_stdout(d.toml.as_bytes()),
    }
}

fn print_stdout(bytes: &[u8]) -> shelfstat::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(shelfstat::Error::io("<stdout>", e)),
    }
}
