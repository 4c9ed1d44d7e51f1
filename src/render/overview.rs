//! Views that let a reader look rather than read: the timeline of texts, accessions and
//! chairs on the home page, and the dimension × coordinating-state matrix of the catalogue.
//! Both are built from front matter alone, so a new text or state appears with no other step.

use super::views::{LinkView, MatrixCell, MatrixRow, TimelineEntry};
use super::Renderer;
use crate::model::{Area, Scope, Section};
use crate::resolve::Place;
use crate::urls;
use std::collections::BTreeMap;

impl Renderer<'_> {
    /// Texts by adoption date, accessions by year, chairs at the date of the text that states
    /// them; each entry links to what states it.
    pub fn timeline(&self, lang: &str) -> Vec<TimelineEntry> {
        let mut entries = self.document_entries(lang);
        entries.extend(self.accession_entries(lang));
        entries.extend(self.chair_entries(lang));
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries.into_iter().map(|(_, e)| e).collect()
    }

    /// One entry per text, at its adoption date, with the key it sorts by.
    fn document_entries(&self, lang: &str) -> Vec<(String, TimelineEntry)> {
        let d = self.default();
        let s = self.strings(lang);
        let mut entries = Vec::new();
        for doc in self.site.documents.values() {
            let v = doc.version(lang, d);
            entries.push((
                format!("{}-0-{}", doc.facts.date.iso(), doc.slug),
                TimelineEntry {
                    date: self.date(lang, &doc.facts.date).display,
                    kind: "document".to_string(),
                    // "Acte d'Almaty, signé à Almaty": the title is the link.
                    text: match v.text.place.as_str() {
                        "" => String::new(),
                        place => s
                            .get("timeline_place")
                            .replace(
                                "{done}",
                                &s.get(&format!("date_{}", doc.facts.kind.name()))
                                    .to_lowercase(),
                            )
                            .replace("{place}", place),
                    },
                    link: LinkView {
                        label: v.text.title.clone(),
                        url: self.rel(&urls::page(lang, Section::Documents, &doc.slug)),
                    },
                },
            ));
        }
        entries
    }

    /// One entry per accession, at the end of its year, with the key it sorts by.
    fn accession_entries(&self, lang: &str) -> Vec<(String, TimelineEntry)> {
        let d = self.default();
        let s = self.strings(lang);
        let mut entries = Vec::new();
        for state in self.site.states.values() {
            let name = &state.version(lang, d).text.name;
            if let Some(j) = &state.facts.joined {
                entries.push((
                    format!("{:04}-99-1-{}", j.year, state.slug),
                    TimelineEntry {
                        date: j.year.to_string(),
                        kind: "accession".to_string(),
                        text: s.get("timeline_joined").replace("{state}", name),
                        link: self.place_link(lang, &self.xref_place(&j.source)),
                    },
                ));
            }
        }
        entries
    }

    /// Chairs: one entry per text that states a succession, in the order it gives, with the
    /// key it sorts by.
    fn chair_entries(&self, lang: &str) -> Vec<(String, TimelineEntry)> {
        let s = self.strings(lang);
        let mut entries = Vec::new();
        for (_, mut list) in self.chairs_by_source(lang) {
            list.sort();
            let place = list[0].2.clone();
            let Some(doc) = self.site.documents.get(&place.slug) else {
                continue;
            };
            let names: Vec<&str> = list.iter().map(|(_, n, _)| n.as_str()).collect();
            entries.push((
                format!("{}-2-chairs", doc.facts.date.iso()),
                TimelineEntry {
                    date: self.date(lang, &doc.facts.date).display,
                    kind: "chairs".to_string(),
                    text: s
                        .get("timeline_chairs")
                        .replace("{states}", &names.join(", ")),
                    link: self.place_link(lang, &place),
                },
            ));
        }
        entries
    }

    /// The chairs each text states, by the place that states them: (order, name, place).
    fn chairs_by_source(&self, lang: &str) -> BTreeMap<String, Vec<(u32, String, Place)>> {
        let d = self.default();
        let mut chairs: BTreeMap<String, Vec<(u32, String, Place)>> = BTreeMap::new();
        for state in self.site.states.values() {
            for c in &state.facts.chairs {
                let place = self.xref_place(&c.source);
                let key = format!(
                    "{}#{}",
                    c.source.slug,
                    c.source.fragment.clone().unwrap_or_default()
                );
                chairs.entry(key).or_default().push((
                    c.order.unwrap_or(u32::MAX),
                    state.version(lang, d).text.name.clone(),
                    place,
                ));
            }
        }
        chairs
    }

    /// Which state coordinates what, dimension by dimension.
    pub fn matrix(&self, lang: &str) -> (Vec<LinkView>, Vec<MatrixRow>) {
        let s = self.strings(lang);
        let columns: Vec<LinkView> = Area::ALL
            .iter()
            .map(|a| LinkView {
                label: self.area_name(lang, *a),
                url: format!("#{}", a.key()),
            })
            .collect();
        let mut rows: BTreeMap<String, MatrixRow> = BTreeMap::new();
        let column = |a: Area| Area::ALL.iter().position(|x| *x == a).unwrap_or(0);
        let mut cbms: Vec<_> = self.site.cbms.values().collect();
        cbms.sort_by_key(|c| (c.facts.area, c.facts.number));
        for cbm in cbms {
            for c in &cbm.facts.coordinators {
                let cell =
                    &mut self.matrix_row(&mut rows, lang, &c.state).cells[column(cbm.facts.area)];
                cell.links.push(LinkView {
                    label: format!(
                        "{}{}",
                        cbm.facts.number,
                        if c.approximate { " ≈" } else { "" }
                    ),
                    url: self.rel(&urls::page(lang, Section::Cbms, &cbm.slug)),
                });
            }
        }
        for (slug, state) in &self.site.states {
            for c in &state.facts.coordination {
                let (Some(area), Some(scope)) = (c.area, c.scope) else {
                    continue;
                };
                let label = s.get(match scope {
                    Scope::Whole => "matrix_whole",
                    Scope::OneMeasure => "matrix_one_measure",
                });
                let link = self.row_link(lang, &c.row).row;
                self.matrix_row(&mut rows, lang, slug).cells[column(area)]
                    .links
                    .push(LinkView {
                        label: label.to_string(),
                        url: link.url,
                    });
            }
        }
        // A dimension no state coordinates is left out: its column would be dashes only.
        let mut rows: Vec<MatrixRow> = rows.into_values().collect();
        let used: Vec<bool> = (0..columns.len())
            .map(|i| rows.iter().any(|r| !r.cells[i].links.is_empty()))
            .collect();
        let columns: Vec<LinkView> = columns
            .into_iter()
            .zip(&used)
            .filter_map(|(c, u)| u.then_some(c))
            .collect();
        for r in &mut rows {
            let cells = std::mem::take(&mut r.cells);
            r.cells = cells
                .into_iter()
                .zip(&used)
                .filter_map(|(c, u)| u.then_some(c))
                .zip(&columns)
                .map(|(mut c, column)| {
                    c.dimension = column.label.clone();
                    c
                })
                .collect();
        }
        (columns, rows)
    }

    fn matrix_row<'m>(
        &self,
        rows: &'m mut BTreeMap<String, MatrixRow>,
        lang: &str,
        slug: &str,
    ) -> &'m mut MatrixRow {
        let name = self.page_label(lang, Section::States, slug);
        rows.entry(format!("{name}\u{0}{slug}"))
            .or_insert_with(|| MatrixRow {
                state: self.state_link(lang, slug),
                cells: Area::ALL
                    .iter()
                    .map(|_| MatrixCell {
                        dimension: String::new(),
                        links: Vec::new(),
                    })
                    .collect(),
            })
    }
}
