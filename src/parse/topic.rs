//! Front matter of a topic (`content/topics/`): its name and description in each language, and
//! the paragraphs of the published texts that treat it, written once in the original file.

use super::front_matter::FrontMatter;
use super::Kind;
use crate::diagnostic::Diagnostic;
use crate::model::{Section, TopicFacts, TopicText, XRef};
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Raw {
    name: Option<String>,
    description: Option<String>,
    // Language-neutral facts.
    paragraphs: Option<Spanned<Vec<Spanned<String>>>>,
}

pub struct Topics;

impl Kind for Topics {
    const SECTION: Section = Section::Topics;
    type Raw = Raw;
    type Facts = TopicFacts;
    type Text = TopicText;

    fn text(fm: &FrontMatter<Raw>, out: &mut Vec<Diagnostic>) -> Option<TopicText> {
        let name = fm.required(&fm.raw.name, "name", "\"Terrorisme\"", false, out);
        let description = fm.required(
            &fm.raw.description,
            "description",
            "\"Une phrase sur ce que le thème couvre.\"",
            false,
            out,
        );
        Some(TopicText {
            name: name?,
            description: description?,
        })
    }

    fn facts(fm: &FrontMatter<Raw>, out: &mut Vec<Diagnostic>) -> Option<TopicFacts> {
        let list = fm.required(
            &fm.raw.paragraphs,
            "paragraphs",
            "[\"@/documents/<slug>.md#<id>\"]",
            true,
            out,
        )?;
        let before = out.len();
        let mut paragraphs: Vec<XRef> = Vec::new();
        for value in list.get_ref() {
            let Some(x) = fm.xref(value, "paragraphs", out) else {
                continue;
            };
            if x.section != Section::Documents || x.fragment.is_none() {
                out.push(
                    Diagnostic::error(format!(
                        "`{}` is not a paragraph of a published text",
                        x.raw
                    ))
                    .at(fm.at(value.span()))
                    .help("a topic lists paragraphs of documents: \"@/documents/<slug>.md#<id>\", with the paragraph's id after #"),
                );
                continue;
            }
            if let Some(first) = paragraphs.iter().find(|p| p.raw == x.raw) {
                out.push(
                    Diagnostic::error(format!("`{}` is listed twice", x.raw))
                        .at(fm.at(value.span()))
                        .note(
                            crate::diagnostic::Location::at(fm.source, first.span.start),
                            "first listed here",
                        )
                        .help("remove one of the two lines"),
                );
                continue;
            }
            paragraphs.push(x);
        }
        if list.get_ref().is_empty() {
            out.push(
                Diagnostic::error("the topic lists no paragraph")
                    .at(fm.at(list.span()))
                    .help("list the paragraphs that treat the topic: paragraphs = [\"@/documents/<slug>.md#<id>\"]"),
            );
        }
        (out.len() == before).then_some(TopicFacts { paragraphs })
    }

    fn check_inherits(fm: &FrontMatter<Raw>, from: &FrontMatter<Raw>, out: &mut Vec<Diagnostic>) {
        fm.inherit(
            from,
            "paragraphs",
            &fm.raw.paragraphs,
            &from.raw.paragraphs,
            out,
        );
    }
}
