//! What the edits write: words, aliases, coordinators, and the entries the fixture lacks.

/// What paragraphs are made of: words, and names that are aliases of states (or were).
pub(super) const WORDS: &[&str] = &[
    "Coopération",
    "en matière de",
    "transport",
    "energy",
    "Turquie",
    "Turkey",
    "Azerbaïdjan",
    "Azerbaijan",
    "Kazakhstan",
    "Nations Unies",
    "United Nations",
    "Bangkok",
    "l'Azerbaïdjanais",
];

/// Aliases a state can be renamed to, per language (French, English).
pub(super) const ALIASES: [&[&str]; 2] = [
    &[
        "Turquie",
        "Azerbaïdjan",
        "Kazakhstan",
        "Organisation des Nations Unies",
        "Nations Unies",
        "Bangkok",
    ],
    &[
        "Turkey",
        "Azerbaijan",
        "Kazakhstan",
        "United Nations",
        "Bangkok",
        "energy",
    ],
];

/// The states a measure's coordinators are drawn from, with the row each one coordinates.
pub(super) const COORDINATORS: [(&str, &str); 3] = [
    ("azerbaijan", "coordinators-1-row-1"),
    ("turkey", "coordinators-1-row-2"),
    ("united-nations", "coordinators-1-row-2"),
];

pub(super) const LANGS: [&str; 2] = ["fr", "en"];

/// Entries that the fixture lacks: (path without `.fr.md`, French, English). The first text
/// cites the second.
pub(super) fn new_entries() -> Vec<(String, String, String)> {
    let document = |n: u32, fr_extra: &str, en_extra: &str| {
        (
            format!("content/documents/extra-{n}"),
            format!(
                "+++\ntitle = \"Texte {n}\"\nshort_title = \"Texte {n}\"\nsummary = \"Un texte ajouté.\"\n\
                 place = \"Almaty\"\nkind = \"declaration\"\ndate = 2010-0{n}-01\n+++\n\n\
                 ## I. Première partie\n\n\
                 1. La Turquie coopère, voir [la démarche](@/documents/approach.md#economy-para-1).\n\n\
                 2. Le Kazakhstan aussi.{fr_extra}\n"
            ),
            format!(
                "+++\ntitle = \"Text {n}\"\nshort_title = \"Text {n}\"\nsummary = \"An added text.\"\n\
                 place = \"Almaty\"\ntranslation = \"unofficial\"\n+++\n\n\
                 ## I. First part\n\n\
                 1. Turkey cooperates, see [the approach](@/documents/approach.md#economy-para-1).\n\n\
                 2. Kazakhstan too.{en_extra}\n"
            ),
        )
    };
    vec![
        document(
            1,
            " Voir [le texte 2](@/documents/extra-2.md#i-para-2).",
            " See [text 2](@/documents/extra-2.md#i-para-2).",
        ),
        document(2, "", ""),
        (
            "content/cbms/economy-3".to_string(),
            "+++\ntitle = \"Tourisme\"\narea = \"economy\"\nnumber = 3\n\
             source = \"@/documents/approach.md#economy-para-2\"\n\n\
             [[coordinators]]\nstate = \"turkey\"\nrow = \"@/documents/approach.md#coordinators-1-row-2\"\n+++\n"
                .to_string(),
            "+++\ntitle = \"Tourism\"\n+++\n".to_string(),
        ),
        (
            "content/states/kazakhstan".to_string(),
            "+++\nname = \"Kazakhstan\"\n\
             aliases = [\"Kazakhstan\"]\niso = \"KAZ\"\nstatus = \"member\"\n\
             status_source = \"@/documents/approach.md#coordinators-2\"\n+++\n"
                .to_string(),
            "+++\nname = \"Kazakhstan\"\n\
             aliases = [\"Kazakhstan\"]\n+++\n"
                .to_string(),
        ),
    ]
}
