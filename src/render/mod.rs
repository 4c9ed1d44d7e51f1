//! Render the resolved site: every page through its Tera template, in parallel, minified
//! ([`minify`]) and, in French, set with French typography ([`typography`]); the search index,
//! the feeds, the sitemap and the open data alongside. Each file goes to a [`Sink`]: the site in
//! memory ([`Output`], for `check` and `serve`) or a build's new folder. The theme comes loaded
//! ([`crate::theme`]) and is compiled once ([`prepared`]): nothing here reads from disk.

pub mod body;
pub mod cbms;
pub mod citations;
pub mod data;
pub mod documents;
pub mod feeds;
pub mod minify;
pub mod overview;
mod pages;
pub mod parallel;
pub mod prepared;
pub mod search;
pub mod states;
pub mod templates;
pub mod typography;
pub mod views;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Report};
use crate::model::{Area, Date, Entry, Lang, Numbering, Section, Site, Slug};
use crate::output::{Output, Sink};
use crate::resolve::Graph;
use crate::theme::Strings;
use crate::urls;
use citations::BlockLabels;
use prepared::PreparedTheme;
use rayon::prelude::*;
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

/// One page of the site: what to render, and so what to re-render after an edit.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageId {
    Chooser,
    NotFound,
    Home(Lang),
    Index(Lang, Section),
    Page(Lang, Section, Slug),
    /// A document in all its languages side by side, this language first.
    Parallel(Lang, Slug),
    Search(Lang),
}

impl PageId {
    /// The page's language (the chooser and the 404 page are in all languages).
    pub fn lang(&self) -> Option<&str> {
        match self {
            PageId::Chooser | PageId::NotFound => None,
            PageId::Home(l)
            | PageId::Index(l, _)
            | PageId::Page(l, ..)
            | PageId::Parallel(l, _)
            | PageId::Search(l) => Some(l),
        }
    }

    /// The page's site-relative path (`fr/documents/x/`).
    pub fn path(&self) -> String {
        match self {
            PageId::Chooser => String::new(),
            PageId::NotFound => "404.html".to_string(),
            PageId::Home(l) => urls::home(l),
            PageId::Index(l, s) => urls::section(l, *s),
            PageId::Page(l, s, slug) => urls::page(l, *s, slug),
            PageId::Parallel(l, slug) => urls::parallel(l, slug),
            PageId::Search(l) => urls::search(l),
        }
    }

    /// The output file the page is written to.
    pub fn file(&self) -> String {
        urls::file_for(&self.path())
    }
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

    /// Every page of the site.
    pub fn all_pages(&self) -> Vec<PageId> {
        let mut pages = vec![PageId::Chooser, PageId::NotFound];
        for lang in self.config.codes() {
            pages.push(PageId::Home(lang.into()));
            pages.push(PageId::Search(lang.into()));
            for section in Section::ALL {
                pages.push(PageId::Index(lang.into(), section));
                for slug in self.site.slugs(section) {
                    pages.push(PageId::Page(lang.into(), section, slug.into()));
                    if section == Section::Documents {
                        pages.push(PageId::Parallel(lang.into(), slug.into()));
                    }
                }
            }
        }
        pages
    }

    /// The whole site in memory: every page, the theme's assets and the files about the site.
    pub fn render(&self) -> Result<Output, Report> {
        let output = std::sync::Mutex::new(Output::default());
        self.render_each(&output)?;
        Ok(output.into_inner().unwrap_or_else(|p| p.into_inner()))
    }

    /// The whole site, each file handed to `sink` as soon as it is made (from any thread), so
    /// that a build writes pages while others render and never holds the whole site in
    /// memory. The search index and the files about the site are made alongside the pages.
    /// Returns the number of pages.
    pub fn render_each(&self, sink: &dyn Sink) -> Result<usize, Report> {
        let clock = crate::timings::Clock::start();
        let lap = |what: &str| clock.lap(what, Some("render"));
        let pages = self.all_pages();
        let (problems, (search, data)) = rayon::join(
            || {
                let problems: Vec<Diagnostic> = pages
                    .par_iter()
                    .filter_map(|page| match self.page_file(page) {
                        Ok((path, bytes)) => {
                            sink.put(path, bytes);
                            None
                        }
                        Err(d) => Some(d),
                    })
                    .collect();
                lap("pages");
                problems
            },
            || {
                let (search, data) = rayon::join(
                    || {
                        let search = self.search_each(sink);
                        lap("search");
                        search
                    },
                    || {
                        let data = self.machine_files_each(sink);
                        lap("data");
                        data
                    },
                );
                for (path, bytes) in &self.theme.assets {
                    sink.put(path.clone(), bytes.clone());
                }
                (search, data)
            },
        );
        let mut report = Report::default();
        report.extend(problems);
        report.extend(data.err());
        if let Err(search) = search {
            report.extend(search.diagnostics);
        }
        if report.is_empty() {
            Ok(pages.len())
        } else {
            Err(report)
        }
    }

    /// Sitemap, feeds and open data: files about the whole site, each handed to `sink`.
    pub fn machine_files_each(&self, sink: &dyn Sink) -> Result<(), Diagnostic> {
        sink.put("sitemap.xml".to_string(), self.sitemap().into_bytes());
        for lang in self.config.codes() {
            sink.put(format!("{lang}/atom.xml"), self.atom(lang).into_bytes());
        }
        self.data_each(sink)
    }

    /// Some pages, in parallel, as written: (output path, minified HTML).
    pub fn render_pages(&self, pages: &[PageId]) -> Result<Vec<(String, Vec<u8>)>, Report> {
        let results: Vec<Result<(String, Vec<u8>), Diagnostic>> =
            pages.par_iter().map(|page| self.page_file(page)).collect();
        let mut out = Vec::with_capacity(results.len());
        let mut report = Report::default();
        for r in results {
            match r {
                Ok(file) => out.push(file),
                Err(d) => report.push(d),
            }
        }
        if report.is_empty() {
            Ok(out)
        } else {
            Err(report)
        }
    }

    /// One page as written: (output path, minified HTML, with French typography in French).
    fn page_file(&self, page: &PageId) -> Result<(String, Vec<u8>), Diagnostic> {
        let html = minify::page(&self.page(page)?);
        let french = page.lang().unwrap_or(self.default()) == "fr";
        let html = if french {
            typography::french_bytes(&html)
        } else {
            html
        };
        Ok((page.file(), html))
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

    fn context(&self, lang: &str, path: &str, kind: &'static str, title: &str) -> tera::Context {
        let localized = !matches!(kind, "chooser" | "404");
        let alternate = |l: &str| {
            let p = if localized {
                urls::switch_language(path, l)
            } else {
                path.to_string()
            };
            Alternate {
                lang: l.into(),
                name: self.strings(l).get("language_name").to_string(),
                url: self.rel(&p),
                href: self.abs(&p),
            }
        };
        let alternates = if localized {
            self.config.codes().map(alternate).collect()
        } else {
            Vec::new()
        };
        let switcher = if localized {
            self.config
                .codes()
                .filter(|l| *l != lang)
                .map(alternate)
                .collect()
        } else {
            Vec::new()
        };
        let language = self.config.language(lang);
        let page = PageView {
            lang: lang.into(),
            title: title.to_string(),
            description: language.map(|l| l.description.clone()).unwrap_or_default(),
            url: self.rel(path),
            canonical: self.abs(path),
            base_path: self.base_path.clone(),
            site_title: language.map(|l| l.title.clone()).unwrap_or_default(),
            root: self.base_url.clone(),
            alternates,
            switcher,
            kind,
            assets: Assets {
                css: self.rel(self.theme.asset("style.css")),
                js: self.rel(self.theme.asset("charter.js")),
            },
        };
        let mut ctx = tera::Context::new();
        ctx.insert("page", &page);
        // The interface strings, as the templates name them: `{{ t.home }}`.
        if let Some(t) = self.theme.t.get(lang) {
            ctx.insert("t", t);
        }
        ctx
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
