//! Views of states and organizations: the index by status and one page per state.

use super::views::*;
use super::Renderer;
use crate::map;
use crate::model::{Section, State, StateKind, Status};
use crate::urls;
use std::collections::BTreeMap;

impl Renderer<'_> {
    fn state_item(&self, lang: &str, state: &State) -> StateItem {
        let s = self.strings(lang);
        let f = &state.facts;
        StateItem {
            slug: state.slug.clone(),
            url: self.rel(&urls::page(lang, Section::States, &state.slug)),
            name: state.version(lang, self.default()).text.name.clone(),
            iso: f.iso.clone(),
            status: s.get(status_key(f.status, f.kind)).to_string(),
            kind: match f.kind {
                StateKind::State => "state",
                StateKind::Organization => "organization",
            }
            .to_string(),
            joined: f.joined.as_ref().map(|j| j.year),
            fallback: !state.versions.contains_key(lang),
        }
    }

    /// Members, observer states, observer organizations; each sorted by name in the language.
    pub fn state_groups(&self, lang: &str) -> Vec<StateGroup> {
        let s = self.strings(lang);
        let groups = [
            ("members", Status::Member, StateKind::State),
            ("observer-states", Status::Observer, StateKind::State),
            (
                "observer-organizations",
                Status::Observer,
                StateKind::Organization,
            ),
        ];
        groups
            .iter()
            .map(|(key, status, kind)| {
                let mut states: Vec<StateItem> = self
                    .site
                    .states
                    .values()
                    .filter(|st| st.facts.status == *status && st.facts.kind == *kind)
                    .map(|st| self.state_item(lang, st))
                    .collect();
                states.sort_by(|a, b| {
                    sort_key(&a.name)
                        .cmp(&sort_key(&b.name))
                        .then_with(|| a.slug.cmp(&b.slug))
                });
                StateGroup {
                    key: key.to_string(),
                    name: s.get(&format!("group_{key}")).to_string(),
                    states,
                }
            })
            .collect()
    }

    pub fn state_view(&self, lang: &str, state: &State) -> StateView {
        let default = self.default();
        let version = state.version(lang, default);
        let s = self.strings(lang);
        let f = &state.facts;
        let (body, backlinks) = self.body_html(lang, Section::States, state);
        let mut facts = vec![SourcedFact {
            text: s.get(status_key(f.status, f.kind)).to_string(),
            source: self.place_link(lang, &self.xref_place(&f.status_source)),
        }];
        if let Some(j) = &f.joined {
            facts.push(SourcedFact {
                text: s.get("fact_joined").replace("{year}", &j.year.to_string()),
                source: self.place_link(lang, &self.xref_place(&j.source)),
            });
        }
        for c in &f.chairs {
            let text = match c.order {
                Some(n) => s.get("fact_chair_order").replace("{n}", &ordinal(lang, n)),
                None => s.get("fact_chair").to_string(),
            };
            facts.push(SourcedFact {
                text,
                source: self.place_link(lang, &self.xref_place(&c.source)),
            });
        }
        let line = self.coordinator_line(lang, state, &self.area_coordinations(lang));
        let (coordinates, areas, pending) = match line {
            Some(l) => (l.cbms, l.areas, l.pending),
            None => (Vec::new(), Vec::new(), Vec::new()),
        };
        let mentions = self.mention_groups(lang, &state.slug);
        let name = &version.text.name;
        let locator = f
            .iso
            .as_deref()
            .and_then(|iso| map::locator(iso, &s.get("map_locator").replace("{name}", name)));
        StateView {
            item: self.state_item(lang, state),
            official_name: version.text.official_name.clone(),
            official_name_source: f
                .official_name_source
                .as_ref()
                .map(|x| self.place_link(lang, &self.xref_place(x))),
            facts,
            coordinates,
            areas,
            pending,
            mention_count: mentions.iter().map(|g| g.mentions.len()).sum(),
            mentions,
            body,
            text_lang: version.lang.clone(),
            fallback: !state.versions.contains_key(lang),
            backlinks,
            locator,
        }
    }

    /// Member and observer states shaded on one map, each a link to its page; organizations
    /// have no territory and stay in the list below it.
    pub fn membership_map(&self, lang: &str) -> MembershipMapView {
        let s = self.strings(lang);
        let mut places = Vec::new();
        let mut placed = Vec::new();
        let mut unmapped = Vec::new();
        for state in self.site.states.values() {
            let f = &state.facts;
            if f.kind != StateKind::State {
                continue;
            }
            let item = self.state_item(lang, state);
            match &f.iso {
                Some(iso) => {
                    places.push(map::Place {
                        iso: iso.clone(),
                        url: item.url.clone(),
                        name: item.name.clone(),
                        label: format!("{} — {}", item.name, item.status),
                        shade: match f.status {
                            Status::Member => map::Shade::Member,
                            Status::Observer => map::Shade::Observer,
                        },
                    });
                    placed.push(item);
                }
                None => unmapped.push(item),
            }
        }
        let drawn = map::membership(&places, s.get("map_label"));
        let count = |shade| {
            places
                .iter()
                .enumerate()
                .filter(|(i, p)| p.shade == shade && !drawn.undrawn.contains(i))
                .count()
        };
        let (members, observers) = (count(map::Shade::Member), count(map::Shade::Observer));
        unmapped.extend(drawn.undrawn.iter().map(|&i| placed[i].clone()));
        unmapped.sort_by_key(|a| sort_key(&a.name));
        MembershipMapView {
            svg: drawn.svg,
            members,
            observers,
            unmapped,
        }
    }

    fn mention_groups(&self, lang: &str, state: &str) -> Vec<MentionGroup> {
        let list = self.graph.mentions_of(lang, Section::States, state);
        // Keep the order found (documents oldest first, then reading order).
        let mut groups: Vec<MentionGroup> = Vec::new();
        let mut index: BTreeMap<&str, usize> = BTreeMap::new();
        for m in list {
            let i = *index.entry(m.document.as_str()).or_insert_with(|| {
                groups.push(MentionGroup {
                    document: LinkView {
                        label: self.page_label(lang, Section::Documents, &m.document),
                        url: self.rel(&urls::page(lang, Section::Documents, &m.document)),
                    },
                    mentions: Vec::new(),
                });
                groups.len() - 1
            });
            let place = crate::resolve::Place {
                section: Section::Documents,
                slug: m.document.clone(),
                block: Some(m.block.clone()),
            };
            groups[i].mentions.push(MentionView {
                place: self.place_link(lang, &place),
                excerpt: m.excerpt.clone(),
            });
        }
        groups
    }
}

fn status_key(status: Status, kind: StateKind) -> &'static str {
    match (status, kind) {
        (Status::Member, _) => "status_member",
        (Status::Observer, StateKind::State) => "status_observer_state",
        (Status::Observer, StateKind::Organization) => "status_observer_organization",
    }
}

fn ordinal(lang: &str, n: u32) -> String {
    match (lang, n) {
        ("fr", 1) => "1re".to_string(),
        ("fr", n) => format!("{n}e"),
        (_, n) => {
            let suffix = match (n % 10, n % 100) {
                (1, x) if x != 11 => "st",
                (2, x) if x != 12 => "nd",
                (3, x) if x != 13 => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
    }
}

/// Sort names the way a reader expects: accents and case do not move "Égypte" after "Viet Nam".
pub(super) fn sort_key(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            'À' | 'Â' | 'Ä' | 'à' | 'â' | 'ä' => 'a',
            'É' | 'È' | 'Ê' | 'Ë' | 'é' | 'è' | 'ê' | 'ë' => 'e',
            'Î' | 'Ï' | 'î' | 'ï' => 'i',
            'Ô' | 'Ö' | 'ô' | 'ö' => 'o',
            'Ù' | 'Û' | 'Ü' | 'ù' | 'û' | 'ü' => 'u',
            'Ç' | 'ç' => 'c',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}
