//! `charter new document|cbm|state|topic|reference SLUG`: the French and English files of a new entry, with
//! every required field and a comment on each.

use crate::load::is_valid_slug;
use crate::model::Section;
use std::path::{Path, PathBuf};

/// Writes the files of a new entry; refuses to overwrite anything. Returns the files written.
pub fn create(
    root: &Path,
    section: Section,
    slug: &str,
    languages: &[&str],
    default: &str,
) -> Result<Vec<PathBuf>, String> {
    if !is_valid_slug(slug) {
        return Err(format!(
            "`{slug}` is not a valid slug: use English, lower-case ASCII letters, digits and hyphens, e.g. almaty-act-2002"
        ));
    }
    let dir = root.join("content").join(section.dir());
    let files: Vec<(PathBuf, String)> = languages
        .iter()
        .map(|lang| {
            let path = dir.join(format!("{slug}.{lang}.md"));
            (path, template(section, *lang == default, lang))
        })
        .collect();
    if let Some((existing, _)) = files.iter().find(|(p, _)| p.exists()) {
        return Err(format!(
            "{} already exists; charter new never overwrites a file",
            existing.display()
        ));
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (path, text) in &files {
        std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

fn template(section: Section, original: bool, lang: &str) -> String {
    let translated = if original {
        String::new()
    } else {
        format!("# This file translates the original; language-neutral fields are inherited from it.\ntranslation = \"unofficial\"   # remove if this {lang} text is official\n")
    };
    match section {
        Section::Documents => {
            let neutral = if original {
                r#"# Language-neutral facts: written here only; the other languages inherit them.
kind = "declaration"          # act | declaration | letter | request
date = 2000-01-01             # date of adoption, year-month-day
# letter_date = 2000-01-01    # date of the transmittal letter, if any
# distributed = 2000-01-01    # date of distribution, if the header gives it
# symbol = "A/00/000"         # UN document symbol, only if known
# original_languages = ["en"] # ISO 639-1 codes
# numbering = "per-part"      # if paragraph numbers restart in each part (default: continuous)
"#
            } else {
                ""
            };
            format!(
                r#"+++
title = "TODO"                # the full title, in this language
short_title = "TODO"          # used in citations: "Almaty Act, para. 27"
summary = "TODO"              # two sentences: what the text is and what it does
place = "TODO"                # where it was adopted
draft = true                  # left out of the site until removed; remove it once every TODO is replaced
{translated}{neutral}+++

## TODO part heading {{#part-id}}

1. TODO: the first numbered paragraph (its id will be para-1).
"#
            )
        }
        Section::Cbms => {
            let neutral = if original {
                r#"# Language-neutral facts: written here only; the other languages inherit them.
area = "economy"              # economy | environment | human | new-threats | military-political
number = 1                    # the measure's number within its area
source = "@/documents/TODO.md#TODO"   # the paragraph that defines the measure
# [[coordinators]]            # one table per coordinating state
# state = "TODO"              # a state slug
# row = "@/documents/TODO.md#TODO"    # the coordinator-table row naming it
# approximate = false         # true where the row matches the measure only loosely
"#
            } else {
                ""
            };
            let translated = translated
                .replace(
                    "translation = \"unofficial\"   # remove if this",
                    "# (CBM files have no translation field;",
                )
                .replace(" text is official\n", " titles are translated here)\n");
            format!(
                r#"+++
title = "TODO"                # a short title for lists, in this language
{translated}{neutral}+++
"#
            )
        }
        Section::States => {
            let neutral = if original {
                r#"# Language-neutral facts: written here only; the other languages inherit them.
iso = "TODO"                  # ISO 3166-1 alpha-3; remove for an organization
status = "member"             # member | observer
kind = "state"                # state | organization
status_source = "@/documents/TODO.md#TODO"   # the paragraph that gives the status
# [joined]                    # accession, where a text dates it
# year = 2000
# source = "@/documents/TODO.md#TODO"
"#
            } else {
                ""
            };
            let translated = translated
                .replace(
                    "translation = \"unofficial\"   # remove if this",
                    "# (state files have no translation field;",
                )
                .replace(" text is official\n", " names are translated here)\n");
            format!(
                r#"+++
name = "TODO"                 # the usual name, in this language
# official_name = "TODO"      # only with official_name_source: the name as a published text gives it
aliases = ["TODO"]            # every name the texts of this language use for it
{translated}{neutral}+++
"#
            )
        }
        Section::Topics => {
            let neutral = if original {
                r#"# Language-neutral: written here only. Every paragraph of the texts that treats the topic,
# by date of text, then reading order.
paragraphs = [
  "@/documents/TODO.md#TODO",
]
"#
            } else {
                ""
            };
            format!(
                r#"+++
name = "TODO"                 # the topic's name, in this language
description = "TODO"          # one sentence: what the topic covers
{neutral}+++
"#
            )
        }
        Section::References => {
            let neutral = if original {
                r#"# Language-neutral: written here only, and only what a published text says.
source = "@/documents/TODO.md#TODO"   # a paragraph that names the text (and gives its date or symbol)
# date = 2000-01-01           # only if a published text gives the full date
# year = 2000                 # only if it gives just the year
# symbol = "A/RES/00/000"     # only if it gives the symbol
"#
            } else {
                ""
            };
            format!(
                r#"+++
title = "TODO"                # the title as the texts of this language give it
aliases = ["TODO"]            # every name the texts of this language use for it
{neutral}+++
"#
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_both_languages_and_never_overwrites() {
        let tmp = tempfile::tempdir().unwrap();
        let files = create(
            tmp.path(),
            Section::Documents,
            "new-text",
            &["fr", "en"],
            "fr",
        )
        .unwrap();
        assert_eq!(files.len(), 2);
        let fr = std::fs::read_to_string(&files[0]).unwrap();
        let en = std::fs::read_to_string(&files[1]).unwrap();
        assert!(fr.contains("kind = ") && fr.contains("date = ") && !fr.contains("translation ="));
        assert!(en.contains("translation = \"unofficial\"") && !en.contains("kind = "));
        // Nothing unfinished is published: both files of a new text are drafts.
        assert!(fr.contains("\ndraft = true") && en.contains("\ndraft = true"));
        std::fs::write(&files[1], "edited").unwrap();
        let e = create(
            tmp.path(),
            Section::Documents,
            "new-text",
            &["fr", "en"],
            "fr",
        )
        .unwrap_err();
        assert!(e.contains("already exists"));
        assert_eq!(std::fs::read_to_string(&files[1]).unwrap(), "edited");
        assert!(create(tmp.path(), Section::Cbms, "Bad Slug", &["fr", "en"], "fr").is_err());
    }
}
