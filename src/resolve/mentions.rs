//! Where the texts name a state: every paragraph of every document that contains one of the
//! state's aliases in that language, as a whole word with case and accents as written.
//! The aliases of a language are compiled once into one automaton, so the search is a single
//! pass over each paragraph whatever the number of states.

use super::{DocMentions, FoundMention, Mention};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Lang, Site, Slug};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::{BTreeSet, HashMap};

/// All aliases of one language.
pub struct Matcher {
    automaton: AhoCorasick,
    /// For each pattern, the state it names; `None` for a phrase that contains an alias
    /// without naming the state ("Charter of the United Nations").
    owners: Vec<Option<Slug>>,
}

impl Matcher {
    /// `aliases`: (state slug, alias) pairs. Longest alias wins where two overlap, so
    /// "Fédération de Russie" is one mention, not also one of "Russie".
    /// `not_mentions`: phrases that contain an alias but do not name its state; being longer,
    /// they win over the alias inside them, and count for nothing.
    pub fn new(aliases: &[(Slug, String)], not_mentions: &[String]) -> Matcher {
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

    /// The (state, pattern index) pairs named in `text`, whole words only.
    pub fn find(&self, text: &str) -> BTreeSet<(Slug, usize)> {
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
    by_lang: HashMap<Lang, (Matcher, Vec<(Slug, String)>)>,
}

impl Matchers {
    pub fn new(site: &Site, config: &Config) -> (Matchers, Vec<Diagnostic>) {
        let default = config.default_language.as_str();
        let mut diags = Vec::new();
        let mut by_lang = HashMap::new();
        for lang in config.codes() {
            let mut aliases: Vec<(Slug, String)> = Vec::new();
            let mut owner: HashMap<&str, &str> = HashMap::new();
            let mut not_mentions: Vec<String> = Vec::new();
            for (slug, state) in &site.states {
                let v = state.version(lang, default);
                not_mentions.extend(v.text.not_mentions.iter().cloned());
                for alias in &v.text.aliases {
                    match owner.get(alias.as_str()) {
                        Some(other) if *other != slug.as_str() => diags.push(
                            Diagnostic::error(format!("alias \"{alias}\" is claimed by `{other}` and `{slug}`"))
                                .at(Location::at(&v.source, v.text.aliases_span.start))
                                .help("an alias must name one state only: remove it from one of the two files"),
                        ),
                        Some(_) => {}
                        None => {
                            owner.insert(alias, slug);
                            aliases.push((slug.clone(), alias.clone()));
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

/// Every paragraph of one document that names a state, in each language.
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
            let mut here: Vec<&str> = Vec::new();
            for (state, pattern) in matcher.find(&text) {
                let alias = &aliases[pattern].1;
                out.aliases_used.insert((Lang::from(lang), alias.clone()));
                if here.contains(&state.as_str()) {
                    continue;
                }
                here.push(&aliases[pattern].0);
                let at = text.find(alias.as_str()).unwrap_or(0);
                out.found.push(FoundMention {
                    lang: Lang::from(lang),
                    state,
                    mention: Mention {
                        document: Slug::from(slug),
                        block: id.clone(),
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
        for (slug, alias) in &matchers.by_lang[lang].1 {
            if used.contains(&(lang.as_str(), alias.as_str())) {
                continue;
            }
            let v = site.states[slug].version(lang, default);
            if v.lang != *lang {
                continue;
            }
            out.push(
                Diagnostic::warning(format!("alias \"{alias}\" of `{slug}` matches nothing in the {lang} texts"))
                    .at(Location::at(&v.source, v.text.aliases_span.start))
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
        let a = |s: &str, n: &str| (Slug::from(s), n.to_string());
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
            .map(|(s, _)| s.to_string())
            .collect();
        v.dedup();
        v
    }

    #[test]
    fn a_phrase_that_is_not_a_mention_hides_the_alias_inside_it() {
        let m = Matcher::new(
            &[(Slug::from("united-nations"), "United Nations".to_string())],
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
