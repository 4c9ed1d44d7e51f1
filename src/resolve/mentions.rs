//! Where the texts name a state or a text they cite: every paragraph of every document that
//! contains one of its aliases in that language, as a whole word with case and accents as
//! written. The aliases of a language, of states and cited texts alike, are compiled once into
//! one automaton, so the search is a single pass over each paragraph whatever their number, and
//! a longer name wins over a shorter one inside it whoever owns them ("Charte de l'Organisation
//! des Nations Unies" is the Charter, not the Organization).

use super::{DocMentions, FoundMention, Mention};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{EntryKey, Lang, Section, Site, Slug};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::{BTreeSet, HashMap};

/// All aliases of one language.
pub struct Matcher {
    automaton: AhoCorasick,
    /// For each pattern, the state or text it names; `None` for a phrase that contains an
    /// alias without naming its owner ("United Nations conventions").
    owners: Vec<Option<EntryKey>>,
}

impl Matcher {
    /// `aliases`: (owner, alias) pairs. Longest alias wins where two overlap, so
    /// "Fédération de Russie" is one mention, not also one of "Russie".
    /// `not_mentions`: phrases that contain an alias but do not name its state; being longer,
    /// they win over the alias inside them, and count for nothing.
    pub fn new(aliases: &[(EntryKey, String)], not_mentions: &[String]) -> Matcher {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(
                aliases
                    .iter()
                    .map(|(_, a)| a.as_str())
                    .chain(not_mentions.iter().map(String::as_str)),
            )
            .expect("aliases compile");
        let owners = aliases.iter().map(|(s, _)| Some(s.clone()));
        Matcher {
            automaton,
            owners: owners.chain(not_mentions.iter().map(|_| None)).collect(),
        }
    }

    /// The (owner, pattern index) pairs named in `text`, whole words only.
    pub fn find(&self, text: &str) -> BTreeSet<(EntryKey, usize)> {
        let mut found = BTreeSet::new();
        for m in self.automaton.find_iter(text) {
            let p = m.pattern().as_usize();
            if let Some(owner) = &self.owners[p] {
                if is_word_boundary(text, m.start(), m.end()) {
                    found.insert((owner.clone(), p));
                }
            }
        }
        found
    }
}

/// A match is a whole word when the characters around it are not letters or digits
/// (an alias that itself ends in punctuation, like "Iran (République islamique d')", needs
/// no check on that side).
fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let edge = |outside: Option<char>, inside: Option<char>| match (outside, inside) {
        (Some(o), Some(i)) if i.is_alphanumeric() => !o.is_alphanumeric(),
        _ => true,
    };
    edge(before, first) && edge(after, last)
}

/// A short excerpt of `text` around byte `at`, cut at word boundaries.
pub fn excerpt(text: &str, start: usize, end: usize, radius: usize) -> String {
    let mut from = start.saturating_sub(radius);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + radius).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let mut s = &text[from..to];
    let mut out = String::new();
    if from > 0 {
        s = s.split_once(' ').map(|(_, r)| r).unwrap_or(s);
        out.push('…');
    }
    if to < text.len() {
        s = s.rsplit_once(' ').map(|(l, _)| l).unwrap_or(s);
    }
    out.push_str(s);
    if to < text.len() {
        out.push('…');
    }
    out
}

/// The aliases of every language, compiled once.
pub struct Matchers {
    by_lang: HashMap<Lang, (Matcher, Vec<(EntryKey, String)>)>,
}

/// What the texts call one state or cited text in one language.
struct Names<'a> {
    key: EntryKey,
    source: &'a crate::source::Source,
    aliases: &'a [String],
    aliases_span: usize,
    not_mentions: &'a [String],
}

/// The names of every state and cited text in `lang` (from the original where a translation
/// is missing).
fn names_in<'a>(site: &'a Site, lang: &str, default: &str) -> Vec<Names<'a>> {
    let states = site.states.iter().map(|(slug, e)| {
        let v = e.version(lang, default);
        Names {
            key: EntryKey::new(Section::States, slug.clone()),
            source: &v.source,
            aliases: &v.text.aliases,
            aliases_span: v.text.aliases_span.start,
            not_mentions: &v.text.not_mentions,
        }
    });
    let references = site.references.iter().map(|(slug, e)| {
        let v = e.version(lang, default);
        Names {
            key: EntryKey::new(Section::References, slug.clone()),
            source: &v.source,
            aliases: &v.text.aliases,
            aliases_span: v.text.aliases_span.start,
            not_mentions: &v.text.not_mentions,
        }
    });
    states.chain(references).collect()
}

impl Matchers {
    pub fn new(site: &Site, config: &Config) -> (Matchers, Vec<Diagnostic>) {
        let default = config.default_language.as_str();
        let mut diags = Vec::new();
        let mut by_lang = HashMap::new();
        for lang in config.codes() {
            let mut aliases: Vec<(EntryKey, String)> = Vec::new();
            let mut owner: HashMap<&str, &EntryKey> = HashMap::new();
            let mut not_mentions: Vec<String> = Vec::new();
            let names = names_in(site, lang, default);
            for n in &names {
                not_mentions.extend(n.not_mentions.iter().cloned());
                for alias in n.aliases {
                    match owner.get(alias.as_str()) {
                        Some(other) if **other != n.key => diags.push(
                            Diagnostic::error(format!("alias \"{alias}\" is claimed by `{other}` and `{}`", n.key))
                                .at(Location::at(n.source, n.aliases_span))
                                .help("an alias must name one state or text only: remove it from one of the two files"),
                        ),
                        Some(_) => {}
                        None => {
                            owner.insert(alias, &n.key);
                            aliases.push((n.key.clone(), alias.clone()));
                        }
                    }
                }
            }
            if !aliases.is_empty() {
                let matcher = Matcher::new(&aliases, &not_mentions);
                by_lang.insert(Lang::from(lang), (matcher, aliases));
            }
        }
        (Matchers { by_lang }, diags)
    }
}

/// Every paragraph of one document that names a state or a cited text, in each language.
pub(super) fn mentions_in(
    site: &Site,
    config: &Config,
    matchers: &Matchers,
    slug: &str,
) -> DocMentions {
    let default = config.default_language.as_str();
    let doc = &site.documents[slug];
    let mut out = DocMentions {
        order: format!("{}\u{0}{slug}", doc.facts.date.iso()),
        ..DocMentions::default()
    };
    for lang in config.codes() {
        let Some((matcher, aliases)) = matchers.by_lang.get(lang) else {
            continue;
        };
        let v = doc.version(lang, default);
        let mut blocks = Vec::new();
        crate::model::visit(&v.body.nodes, &mut |b| {
            blocks.push((b.anchor().id.clone(), b.text()))
        });
        for f in &v.body.footnotes {
            crate::model::visit(&f.body, &mut |b| {
                blocks.push((b.anchor().id.clone(), b.text()))
            });
        }
        for (id, text) in blocks {
            let mut here: Vec<&EntryKey> = Vec::new();
            for (named, pattern) in matcher.find(&text) {
                let alias = &aliases[pattern].1;
                out.aliases_used.insert((Lang::from(lang), alias.clone()));
                if here.contains(&&named) {
                    continue;
                }
                here.push(&aliases[pattern].0);
                let at = text.find(alias.as_str()).unwrap_or(0);
                out.found.push(FoundMention {
                    lang: Lang::from(lang),
                    named,
                    mention: Mention {
                        document: Slug::from(slug),
                        block: id.clone(),
                        name: alias.clone(),
                        excerpt: excerpt(&text, at, at + alias.len(), 70),
                    },
                });
            }
        }
    }
    out
}

/// An alias that matches nothing in the texts of its language is probably misspelt.
pub(super) fn unused_aliases(
    site: &Site,
    config: &Config,
    matchers: &Matchers,
    found: &HashMap<Slug, DocMentions>,
) -> Vec<Diagnostic> {
    let default = config.default_language.as_str();
    let used: std::collections::HashSet<(&str, &str)> = found
        .values()
        .flat_map(|d| d.aliases_used.iter())
        .map(|(l, a)| (l.as_str(), a.as_str()))
        .collect();
    let mut out = Vec::new();
    let mut langs: Vec<&Lang> = matchers.by_lang.keys().collect();
    langs.sort();
    for lang in langs {
        let names = names_in(site, lang, default);
        for (key, alias) in &matchers.by_lang[lang].1 {
            if used.contains(&(lang.as_str(), alias.as_str())) {
                continue;
            }
            let Some(n) = names.iter().find(|n| &n.key == key) else {
                continue;
            };
            // A missing translation borrows the original's names: reported in its own language.
            if !n
                .source
                .path
                .to_string_lossy()
                .ends_with(&format!(".{lang}.md"))
            {
                continue;
            }
            out.push(
                Diagnostic::warning(format!("alias \"{alias}\" of `{}` matches nothing in the {lang} texts", key.slug))
                    .at(Location::at(n.source, n.aliases_span))
                    .help("check its spelling against the texts (whole words, exact case and accents), or remove it"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> Matcher {
        let a = |s: &str, n: &str| (EntryKey::new(Section::States, s), n.to_string());
        Matcher::new(
            &[
                a("russian-federation", "Fédération de Russie"),
                a("russian-federation", "Russie"),
                a("iran", "Iran (République islamique d')"),
                a("iran", "Iran"),
                a("india", "Inde"),
                a("united-nations", "ONU"),
            ],
            &[],
        )
    }

    fn states(text: &str) -> Vec<String> {
        let mut v: Vec<String> = matcher()
            .find(text)
            .into_iter()
            .map(|(s, _)| s.slug.to_string())
            .collect();
        v.dedup();
        v
    }

    #[test]
    fn a_phrase_that_is_not_a_mention_hides_the_alias_inside_it() {
        let m = Matcher::new(
            &[(
                EntryKey::new(Section::States, "united-nations"),
                "United Nations".to_string(),
            )],
            &["Charter of the United Nations".to_string()],
        );
        assert!(m
            .find("in violation of the Charter of the United Nations")
            .is_empty());
        let both = m.find("the United Nations and the Charter of the United Nations");
        assert_eq!(both.len(), 1);
    }

    #[test]
    fn whole_words_with_accents_and_case() {
        assert_eq!(
            states("la Fédération de Russie et l'Inde"),
            ["india", "russian-federation"]
        );
        assert_eq!(states("Indépendance, indemnité"), Vec::<String>::new());
        assert_eq!(
            states("la russie"),
            Vec::<String>::new(),
            "case is respected"
        );
        assert_eq!(states("avec l'ONU."), ["united-nations"]);
        assert_eq!(states("Iran (République islamique d'), Israël"), ["iran"]);
        assert_eq!(states("Iranien"), Vec::<String>::new());
    }

    #[test]
    fn longest_alias_wins() {
        let found = matcher().find("la Fédération de Russie");
        assert_eq!(found.len(), 1);
        assert_eq!(found.iter().next().unwrap().1, 0);
    }

    #[test]
    fn excerpts_cut_at_words() {
        let t = "Les États membres de la CIMCA sont les suivants : Afghanistan, Azerbaïdjan, Chine, Égypte";
        let e = excerpt(
            t,
            t.find("Chine").unwrap(),
            t.find("Chine").unwrap() + 5,
            15,
        );
        assert!(e.starts_with('…') && e.contains("Chine"), "{e}");
    }
}
