//! One page through its template: the context each kind of page gets, and the template that
//! makes it.

use super::views::{Collection, LanguageChoice};
use super::{templates, PageId, Renderer};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::Section;
use crate::urls;

/// How many of the latest documents the home page lists.
const HOME_DOCUMENTS: usize = 10;

impl Renderer<'_> {
    /// One page as its template makes it, before minifying.
    pub(super) fn page(&self, page: &PageId) -> Result<Vec<u8>, Diagnostic> {
        match page {
            PageId::Chooser => self.chooser_page(),
            PageId::NotFound => self.not_found_page(),
            PageId::Home(lang) => self.home_page(lang),
            PageId::Index(lang, section) => self.index_page(lang, *section),
            PageId::Search(lang) => self.search_page(lang),
            PageId::Parallel(lang, slug) => self.parallel_page(lang, slug),
            PageId::Page(lang, section, slug) => self.entry_page(lang, *section, slug),
        }
    }

    /// The site's title in `lang`.
    fn site_title(&self, lang: &str) -> String {
        self.config
            .language(lang)
            .map(|l| l.title.clone())
            .unwrap_or_default()
    }

    fn chooser_page(&self) -> Result<Vec<u8>, Diagnostic> {
        let lang = self.default();
        let title = self.site_title(lang);
        let mut ctx = self.context(lang, "", "chooser", &title);
        ctx.insert("choices", &self.choices());
        self.template("index.html", &ctx)
    }

    fn not_found_page(&self) -> Result<Vec<u8>, Diagnostic> {
        let lang = self.default();
        let mut ctx = self.context(
            lang,
            "404.html",
            "404",
            self.strings(lang).get("not_found_title"),
        );
        ctx.insert("choices", &self.choices());
        self.template("404.html", &ctx)
    }

    fn home_page(&self, lang: &str) -> Result<Vec<u8>, Diagnostic> {
        let path = urls::home(lang);
        let title = self.site_title(lang);
        let mut ctx = self.context(lang, &path, "home", &title);
        // The latest texts; the full list is one click away.
        let mut latest = self.document_items(lang);
        latest.truncate(HOME_DOCUMENTS);
        ctx.insert("documents", &latest);
        ctx.insert("collections", &self.collections(lang));
        ctx.insert("timeline", &self.timeline(lang));
        self.template("home.html", &ctx)
    }

    fn index_page(&self, lang: &str, section: Section) -> Result<Vec<u8>, Diagnostic> {
        let path = urls::section(lang, section);
        let s = self.strings(lang);
        let mut ctx = self.context(lang, &path, section.dir(), s.get(section.dir()));
        match section {
            Section::Documents => ctx.insert("documents", &self.document_items(lang)),
            Section::Cbms => {
                ctx.insert("areas", &self.area_groups(lang));
                ctx.insert("by_state", &self.coordinator_lines(lang));
                let (columns, rows) = self.matrix(lang);
                ctx.insert("matrix_columns", &columns);
                ctx.insert("matrix_rows", &rows);
            }
            Section::States => {
                ctx.insert("groups", &self.state_groups(lang));
                ctx.insert("map", &self.membership_map(lang));
            }
            Section::Topics => ctx.insert("topics", &self.topic_items(lang)),
            Section::References => ctx.insert("references", &self.reference_items(lang)),
        }
        self.template(&format!("{}.html", section.dir()), &ctx)
    }

    fn search_page(&self, lang: &str) -> Result<Vec<u8>, Diagnostic> {
        let path = urls::search(lang);
        let ctx = self.context(lang, &path, "search", self.strings(lang).get("search"));
        self.template("search.html", &ctx)
    }

    fn parallel_page(&self, lang: &str, slug: &str) -> Result<Vec<u8>, Diagnostic> {
        let path = urls::parallel(lang, slug);
        let v = self.parallel_view(lang, &self.site.documents[slug]);
        let title = format!("{} — {}", v.title, self.strings(lang).get("parallel_view"));
        let mut ctx = self.context(lang, &path, "parallel", &title);
        ctx.insert("doc", &v);
        self.template("parallel.html", &ctx)
    }

    /// The page of one entry.
    fn entry_page(&self, lang: &str, section: Section, slug: &str) -> Result<Vec<u8>, Diagnostic> {
        let path = urls::page(lang, section, slug);
        // Each view goes into the context as it is: converted once, not twice.
        let (template, ctx) = match section {
            Section::Documents => {
                let v = self.document_view(lang, &self.site.documents[slug]);
                let mut ctx = self.context(lang, &path, "document", &v.item.title);
                ctx.insert("doc", &v);
                ("document.html", ctx)
            }
            Section::Cbms => {
                let v = self.cbm_view(lang, &self.site.cbms[slug]);
                let title = format!(
                    "{}{} {}",
                    v.item.label,
                    self.strings(lang).get("colon"),
                    v.item.title
                );
                let mut ctx = self.context(lang, &path, "cbm", &title);
                ctx.insert("doc", &v);
                ("cbm.html", ctx)
            }
            Section::States => {
                let v = self.state_view(lang, &self.site.states[slug]);
                let mut ctx = self.context(lang, &path, "state", &v.item.name);
                ctx.insert("doc", &v);
                ("state.html", ctx)
            }
            Section::Topics => {
                let v = self.topic_view(lang, &self.site.topics[slug]);
                let mut ctx = self.context(lang, &path, "topic", &v.item.name);
                ctx.insert("doc", &v);
                ("topic.html", ctx)
            }
            Section::References => {
                let v = self.reference_view(lang, &self.site.references[slug]);
                let mut ctx = self.context(lang, &path, "reference", &v.item.title);
                ctx.insert("doc", &v);
                ("reference.html", ctx)
            }
        };
        self.template(template, &ctx)
    }

    /// A page through its template, as bytes: written to a file, never read back as text.
    fn template(&self, name: &str, ctx: &tera::Context) -> Result<Vec<u8>, Diagnostic> {
        let mut page = Vec::with_capacity(64 * 1024);
        self.theme
            .engine
            .render_to(name, ctx, &mut page).map(|()| page).map_err(|e| {
            let file = self.theme.dir.join("templates").join(name);
            Diagnostic::error(format!("template `{name}` failed: {}", templates::error_chain(&e)))
                .at(Location::file(&file))
                .help("check the variables the template uses against the view structs in src/render/views.rs")
        })
    }

    fn choices(&self) -> Vec<LanguageChoice> {
        self.config
            .languages
            .iter()
            .map(|l| LanguageChoice {
                lang: l.code.clone(),
                name: self.strings(&l.code).get("language_name").to_string(),
                site_title: l.title.clone(),
                description: l.description.clone(),
                url: self.rel(&urls::home(&l.code)),
                enter: self.strings(&l.code).get("enter").to_string(),
            })
            .collect()
    }

    fn collections(&self, lang: &str) -> Vec<Collection> {
        let s = self.strings(lang);
        // A site without topics or cited texts does not offer empty lists.
        Section::ALL
            .iter()
            .filter(|&&section| !self.site.slugs(section).is_empty())
            .map(|&section| Collection {
                name: s.get(section.dir()).to_string(),
                url: self.rel(&urls::section(lang, section)),
                count: self.site.slugs(section).len(),
                description: s.get(&format!("{}_description", section.dir())).to_string(),
            })
            .collect()
    }
}
