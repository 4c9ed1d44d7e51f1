//! `charter import FILE --slug SLUG`: a UN document's text, as converted from the UN's PDF or
//! Word file, made into a content pair: the text word for word with the conversion's defects
//! repaired and the ids the anchor rules give, and a draft skeleton for each other language.
//!
//! The stages, each plain data in and out ([`model`]): [`read`] (bytes → lines → chunks at
//! blank lines) → [`header`] (the UN header → facts, out of the text) → [`repair`] (page
//! furniture dropped, glued bold runs split) → [`footnotes`] → [`tables`] → [`repair`]
//! (paragraphs cut by page breaks joined) → [`capitals`] → [`classify`] (each chunk a block)
//! → [`structure`] (levels, ids, nesting, numbering) → [`front`] (what the front matter
//! says) → [`fields`] and [`write`](mod@write) (the files) and [`skeleton`] → [`summary`] (read back by
//! the site's parser). Beside them: [`dates`] (dates, languages, symbols) and [`glossary`]
//! (the ids of the headings every text uses). Only [`import`] touches the disk.

pub mod capitals;
pub mod classify;
pub mod dates;
pub mod fields;
pub mod footnotes;
pub mod front;
pub mod glossary;
pub mod header;
pub mod model;
pub mod read;
pub mod repair;
pub mod skeleton;
pub mod structure;
pub mod summary;
pub mod tables;
pub mod write;

use crate::load::is_valid_slug;
use crate::model::DocumentKind;
use model::{Kind, Log, Repair};
use std::path::{Path, PathBuf};
use summary::Summary;

/// What the command line asks for.
#[derive(Debug, Clone)]
pub struct Request {
    pub file: PathBuf,
    pub slug: String,
    /// The kind of document, if the editor gives it; otherwise guessed from the text.
    pub kind: Option<DocumentKind>,
    /// The language of the text; the site's default language if not given.
    pub lang: Option<String>,
    /// Write a draft skeleton for each other language of the site.
    pub skeleton: bool,
}

/// What the conversion needs to know besides the text.
#[derive(Debug, Clone)]
pub struct Options {
    pub kind: Option<DocumentKind>,
    /// The file's name, for the comment at the top of the front matter.
    pub source_name: String,
    pub lang: String,
    pub default_lang: String,
    /// The languages to write a skeleton for.
    pub others: Vec<String>,
}

/// The files' text, what was repaired, and the figures.
#[derive(Debug, Clone)]
pub struct Conversion {
    /// The imported text's file.
    pub text: String,
    /// One skeleton per other language, with its language.
    pub skeletons: Vec<(String, String)>,
    pub repairs: Vec<Repair>,
    pub summary: Summary,
    /// What the editor must know before anything else.
    pub warnings: Vec<String>,
    pub front: front::Front,
}

/// The files written and what they hold.
#[derive(Debug)]
pub struct Imported {
    pub files: Vec<PathBuf>,
    pub conversion: Conversion,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not UTF-8 text: the byte at line {line}, column {col} is not valid UTF-8")]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        col: usize,
    },
    #[error("{0} holds no text")]
    Empty(PathBuf),
    #[error("`{0}` is not a valid slug")]
    Slug(String),
    #[error("`{lang}` is not a language of this site (charter.toml has {known})")]
    Language { lang: String, known: String },
    #[error("{0} already exists; charter import never overwrites a file")]
    Exists(PathBuf),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl ImportError {
    /// What to do about it.
    pub fn help(&self) -> String {
        match self {
            ImportError::Read { .. } => "check the path of the file to import".to_string(),
            ImportError::NotUtf8 { path, .. } => format!(
                "save the text as UTF-8 first, e.g. `iconv -f WINDOWS-1252 -t UTF-8 {} > text.txt`",
                path.display()
            ),
            ImportError::Empty(_) => {
                "import the text converted from the document's PDF or Word file".to_string()
            }
            ImportError::Slug(_) => {
                "use English, lower-case ASCII letters, digits and hyphens, e.g. almaty-act-2002"
                    .to_string()
            }
            ImportError::Language { .. } => {
                "give one of the site's languages with --lang".to_string()
            }
            ImportError::Exists(_) => {
                "choose another slug, or move the existing files away first; nothing was written"
                    .to_string()
            }
            ImportError::Write { .. } => {
                "check that content/documents/ can be written; nothing was left half-written"
                    .to_string()
            }
        }
    }
}

/// Imports `request.file` into the site at `root`. Nothing is written unless every file can
/// be; a file that exists is never overwritten.
pub fn import(
    root: &Path,
    languages: &[&str],
    default: &str,
    request: &Request,
) -> Result<Imported, ImportError> {
    if !is_valid_slug(&request.slug) {
        return Err(ImportError::Slug(request.slug.clone()));
    }
    let lang = request.lang.clone().unwrap_or_else(|| default.to_string());
    if !languages.contains(&lang.as_str()) {
        return Err(ImportError::Language {
            lang,
            known: languages.join(", "),
        });
    }
    let dir = root.join("content").join("documents");
    let others: Vec<String> = languages
        .iter()
        .filter(|l| **l != lang && request.skeleton)
        .map(|l| l.to_string())
        .collect();
    let targets: Vec<PathBuf> = std::iter::once(&lang)
        .chain(&others)
        .map(|l| dir.join(format!("{}.{l}.md", request.slug)))
        .collect();
    if let Some(existing) = targets.iter().find(|p| p.exists()) {
        return Err(ImportError::Exists(existing.clone()));
    }
    let text = read_text(&request.file)?;
    let options = Options {
        kind: request.kind,
        source_name: request
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        lang: lang.clone(),
        default_lang: default.to_string(),
        others,
    };
    let conversion = convert(&text, &options);
    let contents: Vec<&str> = std::iter::once(conversion.text.as_str())
        .chain(conversion.skeletons.iter().map(|(_, t)| t.as_str()))
        .collect();
    write_all(&dir, &targets, &contents)?;
    Ok(Imported {
        files: targets,
        conversion,
    })
}

/// The file's text: readable, UTF-8, not empty.
fn read_text(path: &Path) -> Result<String, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let text = read::decode(&bytes).map_err(|e| ImportError::NotUtf8 {
        path: path.to_path_buf(),
        line: e.line,
        col: e.col,
    })?;
    if text.trim().is_empty() {
        return Err(ImportError::Empty(path.to_path_buf()));
    }
    Ok(text)
}

/// Writes every file or none: each is created new (never replacing one), and those written
/// are removed if a later one fails.
fn write_all(dir: &Path, targets: &[PathBuf], contents: &[&str]) -> Result<(), ImportError> {
    use std::io::Write;
    std::fs::create_dir_all(dir).map_err(|source| ImportError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written: Vec<&PathBuf> = Vec::new();
    for (path, text) in targets.iter().zip(contents) {
        let result = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .and_then(|mut f| f.write_all(text.as_bytes()));
        if let Err(source) = result {
            for p in &written {
                let _ = std::fs::remove_file(p);
            }
            if source.kind() == std::io::ErrorKind::AlreadyExists {
                return Err(ImportError::Exists(path.clone()));
            }
            return Err(ImportError::Write {
                path: path.clone(),
                source,
            });
        }
        written.push(path);
    }
    Ok(())
}

/// The text repaired and structured: its blocks, its outline and its front matter.
struct Repaired {
    blocks: Vec<model::Block>,
    outline: structure::Outline,
    front: front::Front,
    warnings: Vec<String>,
}

/// The stages from the text to the blocks.
fn repair(text: &str, kind: Option<DocumentKind>, log: &mut Log) -> Repaired {
    let chunks = read::chunks(text);
    let (header, chunks) = header::read(chunks, log);
    let chunks = repair::drop_furniture(chunks, &header.symbols, log);
    let chunks = repair::unglue(chunks, log);
    let chunks = footnotes::convert(chunks, log);
    let chunks = tables::rebuild(chunks, log);
    let chunks = repair::join_page_breaks(chunks, log);
    let chunks = capitals::restore(chunks, log);
    let mut pieces = classify::classify(chunks);
    let outline = structure::build(&mut pieces, log);
    let front = front::gather(&header, &pieces, &outline, kind);
    let mut blocks = structure::settle_notes(pieces.into_iter().map(|p| p.block).collect());
    let mut warnings = Vec::new();
    let structured = blocks
        .iter()
        .any(|b| b.is_heading() || matches!(b.kind, Kind::Numbered { .. }));
    if !structured {
        warnings.push(
            "no structure recognised (no heading, no numbered paragraph): imported as one part"
                .to_string(),
        );
        if let Some(first) = blocks.first_mut() {
            first.notes.push("no structure was recognised: the text was imported as one part of plain paragraphs".to_string());
        }
    }
    if front.date.is_none() {
        warnings.push("no date found: `date` holds the placeholder 2000-01-01".to_string());
    }
    Repaired {
        blocks,
        outline,
        front,
        warnings,
    }
}

/// The skeleton's body: the same structure, so the same ids.
fn skeleton_body(
    blocks: &[model::Block],
    ids: &[String],
    numbering: crate::model::Numbering,
    warnings: &mut Vec<String>,
) -> String {
    let mut body = String::new();
    write::body(&skeleton::blocks(blocks), &mut body);
    if summary::read(&body, numbering).ids() != ids {
        warnings.push(
            "the skeleton's ids differ from the text's: `charter check` shows where".to_string(),
        );
    }
    body
}

/// The conversion itself, without the disk: the text of a converted UN document → the files.
pub fn convert(text: &str, options: &Options) -> Conversion {
    let mut log = Log::default();
    let Repaired {
        mut blocks,
        outline,
        front,
        mut warnings,
    } = repair(text, options.kind, &mut log);
    let body = summary::settle_ids(&mut blocks, outline.numbering, &mut log);
    let intro = format!(
        "Imported by `charter import` from {}: check every value against the document.",
        options.source_name
    );
    let fields = fields::original_fields(&front, options.lang == options.default_lang);
    let text = format!("{}{body}", fields::front_matter(&intro, &fields));
    let read = summary::read(&body, outline.numbering);
    let skeleton_body = skeleton_body(&blocks, &read.ids(), outline.numbering, &mut warnings);
    let skeletons = options
        .others
        .iter()
        .map(|lang| {
            let intro = format!(
                "Skeleton written by `charter import`: translate each TODO of the {} text.",
                options.lang
            );
            let fields = skeleton::fields(&front, &options.lang, *lang == options.default_lang);
            let file = format!("{}{skeleton_body}", fields::front_matter(&intro, &fields));
            (lang.clone(), file)
        })
        .collect();
    let repairs = log.sorted();
    Conversion {
        summary: summary::count(&read, repairs.len()),
        text,
        skeletons,
        repairs,
        warnings,
        front,
    }
}

#[cfg(test)]
mod tests;
