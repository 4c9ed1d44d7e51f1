//! Views of the CBM catalogue: by dimension, by coordinating state, and one page per measure.

use super::views::*;
use super::Renderer;
use crate::model::{Area, Cbm, Scope, Section, State, XRef};
use crate::resolve::Place;
use crate::urls;
use std::collections::BTreeMap;

impl Renderer<'_> {
    /// "Économie 2".
    pub fn cbm_label(&self, lang: &str, cbm: &Cbm) -> String {
        format!(
            "{} {}",
            self.area_name(lang, cbm.facts.area),
            cbm.facts.number
        )
    }

    fn cbm_item(&self, lang: &str, cbm: &Cbm) -> CbmItem {
        let title = cbm.version(lang, self.default()).text.title.clone();
        CbmItem {
            slug: cbm.slug.clone(),
            url: self.rel(&urls::page(lang, Section::Cbms, &cbm.slug)),
            area: cbm.facts.area.key().to_string(),
            area_name: self.area_name(lang, cbm.facts.area),
            number: cbm.facts.number,
            title,
            label: self.cbm_label(lang, cbm),
            coordinators: cbm
                .facts
                .coordinators
                .iter()
                .map(|c| self.state_link(lang, &c.state))
                .collect(),
        }
    }

    pub fn state_link(&self, lang: &str, slug: &str) -> LinkView {
        LinkView {
            label: self.page_label(lang, Section::States, slug),
            url: self.rel(&urls::page(lang, Section::States, slug)),
        }
    }

    /// The place an `@/…` reference points at.
    pub fn xref_place(&self, x: &XRef) -> Place {
        Place {
            section: x.section,
            slug: x.slug.clone(),
            block: x.fragment.clone(),
        }
    }

    /// A coordinator-table row: its own wording (the cells after the state's name), linked.
    pub fn row_link(&self, lang: &str, row: &XRef) -> RowLink {
        let place = self.xref_place(row);
        let wording = self
            .site
            .documents
            .get(&row.slug)
            .and_then(|d| {
                let v = d.version(lang, self.default());
                let id = row.fragment.as_deref()?;
                match v.body.find(id)? {
                    crate::model::Block::Row(r) => Some(
                        r.cells
                            .iter()
                            .skip(1)
                            .map(|c| c.text())
                            .collect::<Vec<_>>()
                            .join(" — "),
                    ),
                    b => Some(b.text()),
                }
            })
            .unwrap_or_default();
        RowLink {
            wording,
            row: self.place_link(lang, &place),
        }
    }

    /// States whose coordination covers a dimension (whole, or one measure of it).
    pub fn area_coordinations(&self, lang: &str) -> Vec<AreaCoordination> {
        let s = self.strings(lang);
        let mut out = Vec::new();
        for (slug, state) in &self.site.states {
            for c in &state.facts.coordination {
                let (Some(area), Some(scope)) = (c.area, c.scope) else {
                    continue;
                };
                out.push(AreaCoordination {
                    state: self.state_link(lang, slug),
                    area: area.key().to_string(),
                    area_name: self.area_name(lang, area),
                    scope: s
                        .get(match scope {
                            Scope::Whole => "scope_whole",
                            Scope::OneMeasure => "scope_one_measure",
                        })
                        .to_string(),
                    row: self.row_link(lang, &c.row),
                });
            }
        }
        out
    }

    pub fn area_groups(&self, lang: &str) -> Vec<AreaGroup> {
        let whole = self.area_coordinations(lang);
        Area::ALL
            .iter()
            .map(|&area| {
                let mut cbms: Vec<CbmItem> = self
                    .site
                    .cbms
                    .values()
                    .filter(|c| c.facts.area == area)
                    .map(|c| self.cbm_item(lang, c))
                    .collect();
                cbms.sort_by_key(|c| c.number);
                AreaGroup {
                    key: area.key().to_string(),
                    name: self.area_name(lang, area),
                    cbms,
                    coordinated_by: whole
                        .iter()
                        .filter(|w| w.area == area.key())
                        .cloned()
                        .collect(),
                }
            })
            .collect()
    }

    /// What each state coordinates, for the catalogue's second view and the state pages.
    pub fn coordinator_lines(&self, lang: &str) -> Vec<CoordinatorLine> {
        let whole = self.area_coordinations(lang);
        let mut lines: BTreeMap<String, CoordinatorLine> = BTreeMap::new();
        for (slug, state) in &self.site.states {
            if let Some(line) = self.coordinator_line(lang, state, &whole) {
                let name = self.page_label(lang, Section::States, slug);
                lines.insert(format!("{name}\u{0}{slug}"), line);
            }
        }
        lines.into_values().collect()
    }

    /// What one state coordinates: measures, dimensions, and rows that name no measure yet.
    /// `whole` is [`Self::area_coordinations`] for the language.
    pub fn coordinator_line(
        &self,
        lang: &str,
        state: &State,
        whole: &[AreaCoordination],
    ) -> Option<CoordinatorLine> {
        let slug = &state.slug;
        let link = self.state_link(lang, slug);
        let cbms = self.coordinated_by(lang, slug);
        let areas: Vec<AreaCoordination> =
            whole.iter().filter(|w| w.state == link).cloned().collect();
        let names_a_measure = |row: &XRef| {
            self.site.cbms.values().any(|m| {
                m.facts.coordinators.iter().any(|x| {
                    x.state == *slug && x.row.slug == row.slug && x.row.fragment == row.fragment
                })
            })
        };
        let pending: Vec<RowLink> = state
            .facts
            .coordination
            .iter()
            .filter(|c| c.area.is_none() && !names_a_measure(&c.row))
            .map(|c| self.row_link(lang, &c.row))
            .collect();
        if cbms.is_empty() && areas.is_empty() && pending.is_empty() {
            return None;
        }
        Some(CoordinatorLine {
            state: link,
            cbms,
            areas,
            pending,
        })
    }

    /// The measures a state coordinates, from the CBM files.
    pub fn coordinated_by(&self, lang: &str, state: &str) -> Vec<CoordinatorView> {
        let mut out: Vec<(Area, u32, CoordinatorView)> = Vec::new();
        for cbm in self.site.cbms.values() {
            for c in cbm.facts.coordinators.iter().filter(|c| c.state == state) {
                out.push((
                    cbm.facts.area,
                    cbm.facts.number,
                    CoordinatorView {
                        who: LinkView {
                            label: format!(
                                "{}{} {}",
                                self.cbm_label(lang, cbm),
                                self.strings(lang).get("colon"),
                                cbm.version(lang, self.default()).text.title
                            ),
                            url: self.rel(&urls::page(lang, Section::Cbms, &cbm.slug)),
                        },
                        row: self.row_link(lang, &c.row),
                        approximate: c.approximate,
                    },
                ));
            }
        }
        out.sort_by_key(|(a, n, _)| (*a, *n));
        out.into_iter().map(|(_, _, v)| v).collect()
    }

    pub fn cbm_view(&self, lang: &str, cbm: &Cbm) -> CbmView {
        let default = self.default();
        let version = cbm.version(lang, default);
        let (body, backlinks) = self.body_html(lang, Section::Cbms, cbm);
        let source = &cbm.facts.source;
        let text = self
            .site
            .documents
            .get(&source.slug)
            .and_then(|d| {
                let v = d.version(lang, default);
                let block = v.body.find(source.fragment.as_deref()?)?;
                let fills = super::inline::Fills {
                    xref_url: &self.xref_urls(lang, &v.body.xrefs),
                    calls: super::inline::Calls::Id,
                };
                let mut html = String::new();
                super::inline::write_block(&mut html, &block, &fills);
                Some(html)
            })
            .unwrap_or_default();
        let coordinated = cbm
            .facts
            .coordinators
            .iter()
            .map(|c| CoordinatorView {
                who: self.state_link(lang, &c.state),
                row: self.row_link(lang, &c.row),
                approximate: c.approximate,
            })
            .collect();
        CbmView {
            item: self.cbm_item(lang, cbm),
            text,
            source: self.place_link(lang, &self.xref_place(source)),
            coordinated,
            area_coordinators: self
                .area_coordinations(lang)
                .into_iter()
                .filter(|w| w.area == cbm.facts.area.key())
                .collect(),
            body,
            text_lang: version.lang.clone(),
            fallback: !cbm.versions.contains_key(lang),
            backlinks,
        }
    }
}
