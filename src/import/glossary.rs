//! The ids of the headings every UN text and CICA text uses, in French and English. Ids never
//! come from a text's words (a translation would change them): a heading the importer knows
//! gets the id the site's texts use for it, in both languages. A heading it does not know keeps
//! the id of its position, or, where the numbering needs a part of its own, an id the editor is
//! asked to check.

use super::dates::fold;

/// What a known heading is to the structure of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A part of the text at the level of its parts: preamble, introduction, modalities…
    Section,
    /// One of a series of parallel headings (CICA's dimensions): each takes the level of the
    /// first.
    Series,
}

/// A known heading: the beginnings it is written with (folded: lower case, no accents), and
/// the id it pins.
struct Term {
    starts: &'static [&'static str],
    id: &'static str,
    role: Role,
}

const TERMS: &[Term] = &[
    Term {
        starts: &["preambule", "preamble"],
        id: "preamble",
        role: Role::Section,
    },
    Term {
        starts: &["introduction"],
        id: "introduction",
        role: Role::Section,
    },
    Term {
        starts: &["conclusions", "conclusion"],
        id: "conclusions",
        role: Role::Section,
    },
    Term {
        starts: &["recommandations", "recommendations"],
        id: "recommendations",
        role: Role::Section,
    },
    Term {
        starts: &["modalites", "modalities"],
        id: "modalities",
        role: Role::Section,
    },
    Term {
        starts: &[
            "domaines de cooperation prioritaires",
            "domaines prioritaires",
            "priority areas",
        ],
        id: "priority-areas",
        role: Role::Section,
    },
    Term {
        starts: &["dispositions finales", "final provisions"],
        id: "final-provisions",
        role: Role::Section,
    },
    Term {
        starts: &["dispositions generales", "general provisions"],
        id: "general-provisions",
        role: Role::Section,
    },
    Term {
        starts: &["suivi", "follow-up"],
        id: "follow-up",
        role: Role::Section,
    },
    Term {
        starts: &["objectifs", "objectives"],
        id: "objectives",
        role: Role::Section,
    },
    Term {
        starts: &["principes", "principles"],
        id: "principles",
        role: Role::Section,
    },
    Term {
        starts: &["mandat", "mandate"],
        id: "mandate",
        role: Role::Section,
    },
    // CICA's five dimensions of confidence-building measures.
    Term {
        starts: &[
            "economie",
            "dimension economique",
            "economic dimension",
            "economy",
        ],
        id: "economy",
        role: Role::Series,
    },
    Term {
        starts: &[
            "environnement",
            "dimension environnementale",
            "environmental dimension",
            "environment",
        ],
        id: "environment",
        role: Role::Series,
    },
    Term {
        starts: &["dimension humaine", "human dimension"],
        id: "human-dimension",
        role: Role::Series,
    },
    Term {
        starts: &[
            "nouveaux defis et nouvelles menaces",
            "nouvelles menaces et nouveaux defis",
            "new challenges and threats",
        ],
        id: "new-challenges",
        role: Role::Series,
    },
    Term {
        starts: &[
            "dimension militaro-politique",
            "dimension politico-militaire",
            "military-political dimension",
        ],
        id: "military-political",
        role: Role::Series,
    },
];

/// The kinds of text a letter transmits, for the id of the part that holds one when it is not
/// an annex ("Déclaration adoptée…" → `declaration`).
const TEXTS: &[(&str, &str)] = &[
    ("declaration", "declaration"),
    ("acte", "act"),
    ("act", "act"),
    ("communique", "communique"),
    ("projet de resolution", "resolution"),
    ("resolution", "resolution"),
    ("rapport", "report"),
    ("report", "report"),
    ("memoire", "memorandum"),
    ("memorandum", "memorandum"),
    ("plan d'action", "action-plan"),
    ("statut", "statute"),
    ("statute", "statute"),
    ("convention", "convention"),
    ("accord", "agreement"),
    ("agreement", "agreement"),
    ("programme", "programme"),
    ("decision", "decision"),
    ("catalogue", "catalogue"),
];

/// A heading's words, folded, without markup, numbers or a footnote call.
fn key(heading: &str) -> String {
    let text = heading.replace("[^", " [^");
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !w.starts_with("[^"))
        .collect();
    fold(&words.join(" "))
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

fn starts_with_words(text: &str, start: &str) -> bool {
    text.strip_prefix(start)
        .is_some_and(|rest| rest.is_empty() || !rest.starts_with(char::is_alphanumeric))
}

/// The id and role of a heading the glossary knows.
pub fn known(heading: &str) -> Option<(&'static str, Role)> {
    let key = key(heading);
    TERMS
        .iter()
        .find(|t| t.starts.iter().any(|s| starts_with_words(&key, s)))
        .map(|t| (t.id, t.role))
}

/// The id of the part holding a transmitted text, from the kind of text its title names.
pub fn text_id(title: &str) -> &'static str {
    let key = key(title);
    TEXTS
        .iter()
        .find(|(start, _)| starts_with_words(&key, start))
        .map_or("text", |(_, id)| id)
}

/// What an annex or enclosure heading names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attachment {
    /// "Annexe", "Annexe I", "Annexe à la lettre…": a part of the document (`annex`, `annex-1`).
    Annex(Option<u32>),
    /// "Pièce jointe", "Enclosure".
    Enclosure(Option<u32>),
    /// "…: annexe": the annex of a text inside the document (`{part}-annex`).
    InnerAnnex,
}

/// Whether a heading opens an annex or an enclosure.
pub fn attachment(heading: &str) -> Option<Attachment> {
    let key = key(heading);
    for (word, make) in [
        ("annexe", Attachment::Annex as fn(Option<u32>) -> Attachment),
        ("annex", Attachment::Annex),
        ("piece jointe", Attachment::Enclosure),
        ("enclosure", Attachment::Enclosure),
    ] {
        if let Some(rest) = key.strip_prefix(word) {
            let rest = rest.trim();
            if rest.is_empty() || rest.starts_with("a la ") || rest.starts_with("to the ") {
                return Some(make(None));
            }
            if let Some(n) = number(rest) {
                return Some(make(Some(n)));
            }
        }
    }
    let inner = key.ends_with(": annexe") || key.ends_with(": annex") || key.ends_with("- annexe");
    inner.then_some(Attachment::InnerAnnex)
}

/// "I", "IV", "3" → the number, alone.
fn number(text: &str) -> Option<u32> {
    let word = text.trim_end_matches(['.', ':']);
    if let Ok(n) = word.parse() {
        return Some(n);
    }
    roman(&word.to_uppercase())
}

/// The value of a Roman numeral up to 39.
pub fn roman(word: &str) -> Option<u32> {
    let mut total = 0;
    let mut rest = word;
    for (symbol, value) in [
        ("XXX", 30),
        ("XX", 20),
        ("X", 10),
        ("IX", 9),
        ("V", 5),
        ("IV", 4),
    ] {
        if let Some(r) = rest.strip_prefix(symbol) {
            total += value;
            rest = r;
        }
    }
    let ones = rest.len();
    (!word.is_empty() && ones <= 3 && rest.chars().all(|c| c == 'I')).then_some(total + ones as u32)
}

/// An id made from a heading's French words, for a part that needs an id the glossary does not
/// have (`Mémoire explicatif` → `memoire-explicatif`). The editor is asked to check it.
pub fn slug(heading: &str) -> String {
    const SMALL: [&str; 14] = [
        "de", "la", "le", "les", "des", "du", "et", "a", "l", "d", "en", "pour", "sur", "au",
    ];
    let key = key(heading);
    let words: Vec<&str> = key
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !SMALL.contains(w))
        .take(3)
        .collect();
    let id = words.join("-");
    if id.starts_with(|c: char| c.is_ascii_lowercase()) {
        id
    } else {
        format!("part-{id}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_headings_in_both_languages() {
        assert_eq!(known("Préambule"), Some(("preamble", Role::Section)));
        assert_eq!(known("**Preamble**"), Some(("preamble", Role::Section)));
        assert_eq!(
            known("Dimension humaine"),
            Some(("human-dimension", Role::Series))
        );
        assert_eq!(known("Économie"), Some(("economy", Role::Series)));
        assert_eq!(known("Économies d'énergie"), None);
        assert_eq!(
            known("Modalités d'application des mesures de confiance"),
            Some(("modalities", Role::Section))
        );
        assert_eq!(known("Mémoire explicatif"), None);
    }

    #[test]
    fn annexes_enclosures_and_texts() {
        assert_eq!(attachment("Annexe I"), Some(Attachment::Annex(Some(1))));
        assert_eq!(
            attachment("Annexe à la lettre datée du 20 septembre 2002"),
            Some(Attachment::Annex(None))
        );
        assert_eq!(attachment("Annex IV"), Some(Attachment::Annex(Some(4))));
        assert_eq!(
            attachment("Pièce jointe"),
            Some(Attachment::Enclosure(None))
        );
        assert_eq!(
            attachment("Démarche coopérative : annexe"),
            Some(Attachment::InnerAnnex)
        );
        assert_eq!(attachment("Annexes et appendices du rapport"), None);
        assert_eq!(text_id("DÉCLARATION adoptée à l'issue"), "declaration");
        assert_eq!(text_id("Acte d'Almaty"), "act");
        assert_eq!(text_id("Actes divers"), "text");
        assert_eq!(roman("XIV"), Some(14));
        assert_eq!(roman("IIII"), None);
        assert_eq!(slug("Mémoire explicatif"), "memoire-explicatif");
        assert_eq!(slug("2030 et après"), "part-2030-apres");
    }
}
