//! A synthetic bilingual corpus for benchmarks: N documents in French and English, about 30
//! numbered paragraphs each in three parts, with cross-references between documents and
//! mentions of states. Deterministic: the same N gives the same files.
//!
//! Not part of the library: the reload bench (`benches/reload.rs`), the example that writes
//! it (`examples/corpus.rs`) and the integration tests each include this file as a module of
//! their own. A folder with a `mod.rs`, so that cargo does not take it for a bench.

use std::fmt::Write as _;
use std::path::Path;

const STATES: [(&str, &str, &str, &str); 10] = [
    ("kazakhstan", "Kazakhstan", "Kazakhstan", "KAZ"),
    ("china", "Chine", "China", "CHN"),
    ("india", "Inde", "India", "IND"),
    ("turkey", "Turquie", "Turkey", "TUR"),
    (
        "russian-federation",
        "Fédération de Russie",
        "Russian Federation",
        "RUS",
    ),
    ("thailand", "Thaïlande", "Thailand", "THA"),
    ("mongolia", "Mongolie", "Mongolia", "MNG"),
    ("egypt", "Égypte", "Egypt", "EGY"),
    ("israel", "Israël", "Israel", "ISR"),
    ("pakistan", "Pakistan", "Pakistan", "PAK"),
];

const FR_WORDS: [&str; 16] = [
    "coopération",
    "sécurité",
    "confiance",
    "dialogue",
    "développement",
    "paix",
    "mesures",
    "région",
    "stabilité",
    "principes",
    "consultations",
    "échanges",
    "économie",
    "environnement",
    "culture",
    "États",
];
const EN_WORDS: [&str; 16] = [
    "cooperation",
    "security",
    "confidence",
    "dialogue",
    "development",
    "peace",
    "measures",
    "region",
    "stability",
    "principles",
    "consultations",
    "exchanges",
    "economy",
    "environment",
    "culture",
    "States",
];

/// A small deterministic generator (xorshift), so the corpus needs no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Numbered paragraphs per document.
pub const PARAGRAPHS: usize = 30;

/// The slug of document `i`.
pub fn slug(i: usize) -> String {
    format!("text-{i:05}")
}

/// Writes `charter.toml`, `content/` (documents and states) under `root`. The theme is not
/// written: copy one into `root/themes/`.
pub fn write(root: &Path, documents: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(root.join("content/documents"))?;
    std::fs::create_dir_all(root.join("content/states"))?;
    std::fs::write(
        root.join("charter.toml"),
        "base_url = \"https://example.org/\"\ndefault_language = \"fr\"\n\n[[languages]]\ncode = \"fr\"\ntitle = \"Corpus\"\n\n[[languages]]\ncode = \"en\"\ntitle = \"Corpus\"\n",
    )?;
    for (slug, fr, en, iso) in STATES {
        std::fs::write(
            root.join(format!("content/states/{slug}.fr.md")),
            format!("+++\nname = \"{fr}\"\naliases = [\"{fr}\"]\niso = \"{iso}\"\nstatus = \"member\"\nstatus_source = \"@/documents/{}.md#para-1\"\n+++\n", self::slug(0)),
        )?;
        std::fs::write(
            root.join(format!("content/states/{slug}.en.md")),
            format!("+++\nname = \"{en}\"\naliases = [\"{en}\"]\n+++\n"),
        )?;
    }
    for i in 0..documents {
        for (lang, words) in [("fr", &FR_WORDS), ("en", &EN_WORDS)] {
            std::fs::write(
                root.join(format!("content/documents/{}.{lang}.md", slug(i))),
                document(i, documents, lang, words),
            )?;
        }
    }
    Ok(())
}

/// One document in one language. Both languages share the seed, so their structure (and so
/// their ids) match.
fn document(i: usize, total: usize, lang: &str, words: &[&str; 16]) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (i as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut s = String::with_capacity(8 * 1024);
    let year = 1990 + i % 35;
    let (title, place, extra) = if lang == "fr" {
        (
            format!("Texte de synthèse {i}"),
            "Almaty",
            format!(
                "kind = \"declaration\"\ndate = {year}-{:02}-{:02}\n",
                1 + i % 12,
                1 + i % 28
            ),
        )
    } else {
        (
            format!("Synthetic text {i}"),
            "Almaty",
            "translation = \"unofficial\"\n".to_string(),
        )
    };
    let _ = write!(s, "+++\ntitle = \"{title}\"\nshort_title = \"{title}\"\nsummary = \"{title}.\"\nplace = \"{place}\"\n{extra}+++\n\n");
    let parts = ["I", "II", "III"];
    let mut n = 1;
    for (p, part) in parts.iter().enumerate() {
        let _ = write!(s, "## {part}. {}\n\n", words[p]);
        for _ in 0..PARAGRAPHS / parts.len() {
            let _ = write!(s, "{n}. ");
            let len = 40 + rng.below(40);
            for w in 0..len {
                if w > 0 {
                    s.push(' ');
                }
                s.push_str(words[rng.below(words.len())]);
            }
            if rng.below(4) == 0 {
                let (_, fr, en, _) = STATES[rng.below(STATES.len())];
                let _ = write!(s, " {}", if lang == "fr" { fr } else { en });
            }
            if n == 2 && total > 1 {
                let target = slug((i + 1) % total);
                let _ = write!(
                    s,
                    " [{}](@/documents/{target}.md#para-{})",
                    words[0],
                    1 + rng.below(PARAGRAPHS)
                );
            }
            s.push_str(".\n\n");
            n += 1;
        }
    }
    s
}
