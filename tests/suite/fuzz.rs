//! Property tests over the stages that read what editors write: front matter splitting, ids,
//! Markdown → HTML. Whatever the input: no panic, unique ids, well-formed output, and nothing
//! an editor writes ends up as script. Cases per run: `PROPTEST_CASES` (default 256).

use charter::model::Numbering;
use charter::parse::{anchors, front_matter, markdown};
use charter::render::body::{render, Decor, Labels};
use charter::source::Source;
use proptest::prelude::*;

/// Markdown-ish text: the constructs the parser and the id rules care about, mixed with noise.
fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("## I. Partie\n\n".to_string()),
        Just("### 1. Sous-partie\n\n".to_string()),
        Just("## Préambule {#preamble}\n\n".to_string()),
        Just("27. Paragraphe numéroté.\n\n".to_string()),
        Just("    Suite indentée.\n\n".to_string()),
        Just("a) Lettré.\n\n".to_string()),
        Just("- puce\n- puce\n\n".to_string()),
        Just("| A | B |\n|---|---|\n| 1 | 2 |\n\n".to_string()),
        Just("Texte[^1]\n\n[^1]: Note.\n\n".to_string()),
        Just("> cité\n\n".to_string()),
        Just("Lien [x](@/documents/a.md#para-1).\n\n".to_string()),
        Just("<script>alert(1)</script>\n\n".to_string()),
        Just("[clic](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n".to_string()),
        Just("Épinglé {#pin}\n\n".to_string()),
        "[ -~àéèçœ«»\n#*_>|{}\\[\\]()`-]{0,40}",
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

const LABELS: Labels = Labels {
    anchor: "¶",
    paragraph: "par. {n}",
    row: "ligne {n}",
    table: "Tableau",
    colon: " :",
    notes: "Notes",
    back: "retour",
};

fn to_html(md: &str, numbering: Numbering) -> (String, Vec<String>) {
    let src = Source::new("content/documents/x.fr.md", md.to_string());
    let (mut body, _diagnostics) = markdown::parse(&src, 0..md.len());
    anchors::assign(&mut body, numbering);
    // Every diagnostic for duplicates must come with a location: computing them must not panic.
    let _ = anchors::check_unique(&body, &src);
    let ids = body.anchors().iter().map(|a| a.id.clone()).collect();
    let html = render(
        &body,
        &LABELS,
        &|_| "/fr/documents/a/#para-1".to_string(),
        &Decor {
            marker: &|_| None,
            cite: &|_| None,
            names: &|_| None,
        },
    );
    (html, ids)
}

proptest! {
    #[test]
    fn front_matter_splitting_never_panics(text in "(\\+\\+\\+\n)?[ -~\n]{0,200}(\\+\\+\\+\n)?[ -~\n]{0,50}") {
        let src = Source::new("x.fr.md", text.clone());
        if let Ok(split) = front_matter::split(&src) {
            prop_assert!(split.front_matter.end <= split.body.start);
            prop_assert!(split.body.end == text.len());
        }
    }

    #[test]
    fn markdown_gives_unique_valid_ids_and_no_script(md in markdownish(), per_part in any::<bool>()) {
        let numbering = if per_part { Numbering::PerPart } else { Numbering::Continuous };
        let (html, ids) = to_html(&md, numbering);
        for id in &ids {
            prop_assert!(!id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "bad id {id:?}");
        }
        let doc = scraper::Html::parse_fragment(&html);
        let sel = scraper::Selector::parse("*").unwrap();
        for el in doc.select(&sel) {
            prop_assert!(el.value().name() != "script", "script in {html}");
            for (name, value) in el.value().attrs() {
                prop_assert!(!name.starts_with("on"), "{name}= in {html}");
                prop_assert!(!value.trim().to_ascii_lowercase().starts_with("javascript:"), "javascript: in {html}");
            }
        }
        // Ids that the rules gave twice are reported (check_unique), never silently rendered
        // as one: the rendered ids are exactly the computed ones, besides the calls of notes
        // and the notes heading, which no block may take.
        let id_sel = scraper::Selector::parse("[id]").unwrap();
        let rendered: Vec<String> = doc.select(&id_sel).filter_map(|e| e.value().attr("id")).filter(|i| !i.starts_with("ref-") && *i != "notes").map(str::to_string).collect();
        prop_assert_eq!(rendered.len(), ids.len());
    }

    #[test]
    fn arbitrary_text_never_panics(md in "\\PC{0,300}") {
        let _ = to_html(&md, Numbering::Continuous);
    }
}
