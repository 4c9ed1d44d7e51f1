//! The import as a whole, on generated texts.

use super::*;
use proptest::prelude::*;

fn options() -> Options {
    Options {
        kind: None,
        source_name: "x.txt".into(),
        lang: "fr".into(),
        default_lang: "fr".into(),
        others: vec!["en".into()],
    }
}

/// Lines of a converted text: words, numbers, markers, bold runs, tabs, notes, rules.
fn line() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[A-Za-zÉéèàç']{1,12}",
        "[0-9]{1,3}\\.",
        "[a-e]\\)",
        Just("**".to_string()),
        Just("****".to_string()),
        Just("¹".to_string()),
        Just("\t".to_string()),
        Just("- ".to_string()),
        Just("---".to_string()),
        Just("Annexe II".to_string()),
        Just("Lettre datée du 3 juillet 2006".to_string()),
        Just("Fait à Almaty, le 4 juin 2002".to_string()),
        Just("A/57/424".to_string()),
        "[.,;:«»()\\[\\]{}#<>*_|\\\\]",
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|p| p.join(" "))
}

/// What the property asks of one text: files that read back without an error, and a
/// skeleton with the text's ids.
fn reads_back(text: &str) -> Result<(), String> {
    let c = convert(text, &options());
    let body = c.text.splitn(3, "+++\n").nth(2).unwrap_or_default();
    let read = summary::read(body, c.front.numbering);
    let errors: Vec<String> = read
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .map(|d| d.to_string())
        .collect();
    if !errors.is_empty() {
        return Err(format!("{}\n{errors:?}", c.text));
    }
    if c.warnings
        .iter()
        .any(|w| w.contains("skeleton's ids differ"))
    {
        return Err(format!("{}\n{:?}", c.text, c.skeletons));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the text, the import makes files and never panics; a text of words,
    /// markers and punctuation reads back without an error, and its skeleton has its ids.
    #[test]
    fn any_text_imports_into_files_that_read_back(lines in proptest::collection::vec(line(), 1..30)) {
        let text = lines.join("\n");
        prop_assert_eq!(reads_back(&text), Ok(()));
    }
}

/// Texts the property once failed on, each for a reason of its own: a paragraph numbered 0,
/// a note nothing calls, a tab after a marker, a rule of spaced stars, a lone backslash,
/// a label used again, a heading that repeats, braces that read as attributes.
#[test]
fn texts_the_property_found() {
    let found: &[&[&str]] = &[
        &["0. 0."],
        &["¹ a)"],
        &["\t a)"],
        &["** \t **"],
        &["10. \t a"],
        &["¹ a)", "", "ç ¹", "", "¹"],
        &["\t ¹ a)", "", "¹ - "],
        &["** a)", ""],
        &["\\"],
        &["** ¹ 0.", "¹ ****", "¹ É"],
        &["\t ¹ ¹", "\t Annexe II ****", "¹ '", "¹", "", "¹ A"],
        &[
            "Annexe II",
            "",
            "Annexe II",
            "Annexe II **** ¹ **** Annexe II",
        ],
        &["", "** 9.", "**** 9.", "**** Annexe II"],
        &["** { Aa", "} **"],
        &["a", "", "a)", "-  ¹", "¹ ç A \\", "\t - ", "\t Annexe II"],
    ];
    for lines in found {
        assert_eq!(reads_back(&lines.join("\n")), Ok(()), "{lines:?}");
    }
}
