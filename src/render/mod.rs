//! Render the resolved site: every page through its Tera template, in parallel, minified
//! ([`minify`]) and, in French, set with French typography ([`typography`]); the search index,
//! the feeds, the sitemap and the open data alongside. Each file goes to a
//! [`Sink`](crate::output::Sink): the site in memory ([`Output`](crate::output::Output), for
//! `check` and `serve`) or a build's new folder. The theme comes loaded ([`crate::theme`]) and is
//! compiled once ([`prepared`]): nothing here reads from disk.
//!
//! The list of pages is in `page_id` ([`PageId`]), each page's template and context in `pages`
//! and `context`, the making of every file in `files`. This file holds the [`Renderer`] and what
//! every part of it uses: URLs, dates, labels, and a body rendered for its page.

pub mod body;
pub mod cbms;
pub mod citations;
mod context;
pub mod data;
pub mod documents;
pub mod feeds;
mod files;
pub mod minify;
pub mod overview;
mod page_id;
mod pages;
pub mod parallel;
pub mod prepared;
pub mod search;
pub mod states;
pub mod templates;
pub mod typography;
pub mod views;

pub use page_id::PageId;

use crate::config::Config;
use crate::model::{Area, Date, Entry, Numbering, Section, Site};
use crate::resolve::Graph;
use crate::theme::Strings;
use crate::urls;
use citations::BlockLabels;
use prepared::PreparedTheme;
use std::collections::HashMap;
use views::*;

pub struct Renderer<'a> {
    pub site: &'a Site,
    pub graph: &'a Graph,
    pub config: &'a Config,
    pub theme: &'a PreparedTheme,
    /// Absolute base URL (overridden for deploy previews), with a trailing slash.
    pub base_url: String,
    pub base_path: String,
    /// Labels of the blocks of each version, computed when first needed.
    labels: std::sync::Mutex<HashMap<(Section, String, String), std::sync::Arc<BlockLabels>>>,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        graph: &'a Graph,
        config: &'a Config,
        theme: &'a PreparedTheme,
        base_url: Option<&str>,
    ) -> Renderer<'a> {
        let mut cfg = config.clone();
        if let Some(url) = base_url {
            cfg.base_url = url.to_string();
        }
        Renderer {
            site,
            graph,
            config,
            theme,
            base_url: cfg.base_url(),
            base_path: cfg.base_path(),
            labels: Default::default(),
        }
    }

    /// The labels of one version's blocks (`par. 27`), memoized: a page may cite the same
    /// text many times.
    pub fn block_labels(
        &self,
        section: Section,
        slug: &str,
        lang: &str,
    ) -> Option<std::sync::Arc<BlockLabels>> {
        let key = (section, slug.to_string(), lang.to_string());
        if let Some(l) = self.labels.lock().unwrap().get(&key) {
            return Some(l.clone());
        }
        let d = self.default();
        let (body, numbering) = match section {
            Section::Documents => self
                .site
                .documents
                .get(slug)
                .map(|e| (&e.version(lang, d).body, e.facts.numbering))?,
            Section::Cbms => self
                .site
                .cbms
                .get(slug)
                .map(|e| (&e.version(lang, d).body, Numbering::Continuous))?,
            Section::States => self
                .site
                .states
                .get(slug)
                .map(|e| (&e.version(lang, d).body, Numbering::Continuous))?,
        };
        let s = self.strings(lang);
        let labels = std::sync::Arc::new(citations::block_labels(
            body,
            numbering,
            s.get("para_abbr"),
            s.get("row_abbr"),
        ));
        self.labels.lock().unwrap().insert(key, labels.clone());
        Some(labels)
    }

    pub fn default(&self) -> &str {
        &self.config.default_language
    }

    pub fn strings(&self, lang: &str) -> &Strings {
        &self.theme.strings[lang]
    }

    pub fn abs(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    pub fn rel(&self, path: &str) -> String {
        format!("{}{path}", self.base_path)
    }

    pub fn date(&self, lang: &str, d: &Date) -> DateView {
        DateView {
            iso: d.iso(),
            display: self.strings(lang).date(d),
        }
    }

    pub fn area_name(&self, lang: &str, area: Area) -> String {
        self.strings(lang)
            .get(&format!("area_{}", area.key()))
            .to_string()
    }

    /// The URL of each cross-reference of a body, for pages in `lang`.
    pub fn xref_urls<'x>(
        &'x self,
        lang: &'x str,
        xrefs: &'x [crate::model::XRef],
    ) -> impl Fn(usize) -> String + 'x {
        move |n: usize| {
            let x = &xrefs[n];
            let mut url = self.rel(&urls::page(lang, x.section, &x.slug));
            if let Some(f) = &x.fragment {
                url.push('#');
                url.push_str(f);
            }
            url
        }
    }

    /// A body rendered for a page: ids, self-links, resolved cross-references, and a marker
    /// beside each block that other pages cite.
    pub fn body_html<F, T>(
        &self,
        lang: &str,
        section: Section,
        entry: &Entry<F, T>,
    ) -> (String, Backlinks) {
        let version = entry.version(lang, self.default());
        let s = self.strings(lang);
        let labels = body::Labels {
            anchor: s.get("anchor_link"),
            paragraph: s.get("paragraph_link"),
            row: s.get("row_link"),
            notes: s.get("notes"),
            back: s.get("footnote_back"),
        };
        let xref_url = self.xref_urls(lang, &version.body.xrefs);
        let cited = self.cited_blocks(lang, section, &entry.slug);
        let marker_label = s.get("cited_marker");
        let marker = |id: &str| {
            cited.get(id).map(|by| {
                let n = by.len();
                format!(
                    "<a class=\"cited\" href=\"#cited-{id}\" aria-label=\"{}\">{n}</a>",
                    body::esc(&marker_label.replace("{n}", &n.to_string()))
                )
            })
        };
        let block_labels = self.block_labels(section, &entry.slug, lang);
        let page_label = self.page_label(lang, section, &entry.slug);
        let cite = |id: &str| {
            let block = block_labels.as_ref()?.get(id)?;
            Some(format!("{page_label}, {block}"))
        };
        let html = body::render(
            &version.body,
            &labels,
            &xref_url,
            &body::Decor {
                marker: &marker,
                cite: &cite,
            },
        );
        let order: HashMap<&str, usize> = version
            .body
            .anchors()
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let mut cited_ids: Vec<&String> = cited.keys().collect();
        cited_ids.sort_by_key(|id| order.get(id.as_str()).copied().unwrap_or(usize::MAX));
        let blocks = cited_ids
            .into_iter()
            .map(|id| (id, &cited[id]))
            .map(|(id, by)| CitedBlock {
                id: id.clone(),
                label: block_labels
                    .as_ref()
                    .and_then(|l| l.get(id))
                    .cloned()
                    .unwrap_or_else(|| id.clone()),
                by: by.clone(),
            })
            .collect();
        let backlinks = Backlinks {
            groups: self.cited_in(lang, section, &entry.slug),
            blocks,
        };
        (html, backlinks)
    }
}
