use charter::cli::{Cli, Command};
use charter::{build, generate, out_dir, Failure, Options};
use clap::Parser;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes: 0 success, 1 content problems (or a bug they trigger), 2 usage or I/O errors
/// (clap exits with 2 itself).
fn main() -> ExitCode {
    let cli = Cli::parse();
    let start = Instant::now();
    let root = cli.root;
    match cli.command {
        Command::Build {
            out,
            base_url,
            drafts,
        } => {
            let options = Options {
                base_url,
                drafts,
                strict: false,
            };
            let out = out_dir(&root, out.as_deref());
            guarded(|| build_site(&root, &out, &options, start), Some(&out))
        }
        #[cfg(feature = "serve")]
        Command::Serve {
            port,
            bind,
            open,
            drafts,
        } => serve(
            &root,
            charter::serve::ServeOptions {
                bind,
                port,
                open,
                drafts,
            },
        ),
        Command::New { kind, slug } => new(&root, kind, &slug),
        Command::Import(args) => guarded(|| import(&root, &args), None),
        Command::Check { strict, drafts } => {
            let options = Options {
                base_url: None,
                drafts,
                strict,
            };
            guarded(|| check(&root, &options, start), None)
        }
    }
}

/// Runs a command; a bug that panics is reported in words with exit 1, and the output folder,
/// if any, is said to be untouched (the build writes beside it and only swaps on success).
fn guarded(command: impl FnOnce() -> ExitCode, out: Option<&Path>) -> ExitCode {
    charter::crash::guarded(command).unwrap_or_else(|crash| {
        eprintln!("{crash}");
        if let Some(out) = out {
            eprintln!("build failed; {} left as it was", out.display());
        }
        ExitCode::from(1)
    })
}

fn build_site(root: &Path, out: &Path, options: &Options, start: Instant) -> ExitCode {
    match build(root, out, options) {
        Ok(g) => {
            print_warnings(&g.warnings);
            println!(
                "built {} pages ({}) in {} ms → {}",
                g.pages,
                counts(g.site()),
                start.elapsed().as_millis(),
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(Failure::Content(report)) => {
            eprintln!("{report}");
            eprintln!("build failed; {} left as it was", out.display());
            ExitCode::from(1)
        }
        Err(Failure::Io(e)) => {
            print_error(&e);
            ExitCode::from(2)
        }
    }
}

#[cfg(feature = "serve")]
fn serve(root: &Path, options: charter::serve::ServeOptions) -> ExitCode {
    match charter::serve::run(root, options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            print_error(&e);
            ExitCode::from(2)
        }
    }
}

fn check(root: &Path, options: &Options, start: Instant) -> ExitCode {
    match generate(root, options) {
        Ok(g) => {
            print_warnings(&g.warnings);
            println!(
                "checked {} ({} pages): no errors, in {} ms",
                counts(g.site()),
                g.pages,
                start.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(report) => {
            eprintln!("{report}");
            ExitCode::from(1)
        }
    }
}

/// `error: cannot listen on 127.0.0.1:80: Permission denied (os error 13)`: the error, then
/// each error it comes from.
fn print_error(e: &dyn std::error::Error) {
    let mut line = format!("error: {e}");
    let mut source = e.source();
    while let Some(s) = source {
        line.push_str(&format!(": {s}"));
        source = s.source();
    }
    eprintln!("{line}");
}

fn print_warnings(warnings: &charter::diagnostic::Report) {
    if !warnings.is_empty() {
        eprintln!("{warnings}");
    }
}

fn counts(site: &charter::model::Site) -> String {
    format!(
        "{} documents, {} measures, {} states and organizations, {} topics, {} cited texts",
        site.documents.len(),
        site.cbms.len(),
        site.states.len(),
        site.topics.len(),
        site.references.len()
    )
}

/// The site's config for the commands that write content files: a config that cannot be read
/// stops them with its problems (exit 2), before anything is written.
fn site_config(root: &Path) -> Result<charter::config::Config, ExitCode> {
    charter::config::Config::load(root)
        .map(|(config, _)| config)
        .map_err(|report| {
            eprintln!("{report}");
            ExitCode::from(2)
        })
}

fn new(root: &Path, kind: charter::cli::NewKind, slug: &str) -> ExitCode {
    use charter::cli::NewKind;
    use charter::model::Section;
    let section = match kind {
        NewKind::Document => Section::Documents,
        NewKind::Cbm => Section::Cbms,
        NewKind::State => Section::States,
        NewKind::Topic => Section::Topics,
        NewKind::Reference => Section::References,
    };
    let config = match site_config(root) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let languages: Vec<&str> = config.codes().collect();
    match charter::scaffold::create(root, section, slug, &languages, &config.default_language) {
        Ok(files) => {
            for f in files {
                println!("wrote {}", f.display());
            }
            println!(
                "fill in the TODOs, remove `draft = true` from a text once it is complete, \
                 then run `charter check --strict`"
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn import(root: &Path, args: &charter::cli::ImportArgs) -> ExitCode {
    let request = &args.request();
    let config = match site_config(root) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let languages: Vec<&str> = config.codes().collect();
    match charter::import::import(root, &languages, &config.default_language, request) {
        Ok(imported) => {
            let c = &imported.conversion;
            if args.repairs {
                for r in &c.repairs {
                    println!("{}:{}: {}", request.file.display(), r.line, r.what);
                }
            }
            for f in &imported.files {
                println!("wrote {}", f.display());
            }
            for w in &c.warnings {
                eprintln!("warning: {w}");
            }
            println!("imported {}", c.summary);
            println!(
                "next: read the {} `<!-- import: … -->` notes (`charter check` lists them), check the front matter, write the summary; \
                 translate the skeleton; remove `draft = true` from each file when it is ready",
                c.summary.warnings
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("help: {}", e.help());
            ExitCode::from(2)
        }
    }
}
