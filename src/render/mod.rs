//! Render the resolved site to an in-memory [`Output`]: every page through its Tera template,
//! in parallel, then minified.

pub mod body;
pub mod theme;
pub mod views;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location, Report};
use crate::model::{Date, Document, Section, Site, TranslationStatus};
use crate::output::{minify_html, Output};
use crate::urls;
use rayon::prelude::*;
use theme::{Strings, Theme};
use views::*;

pub struct Renderer<'a> {
    pub site: &'a Site,
    pub config: &'a Config,
    pub theme: &'a Theme,
    /// Overrides the config's base URL (deploy previews).
    pub base_url: String,
    pub base_path: String,
}

/// One page to produce: which template, which data.
enum Job<'a> {
    Chooser,
    NotFound,
    Home(&'a str),
    Documents(&'a str),
    Document(&'a str, &'a Document),
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        config: &'a Config,
        theme: &'a Theme,
        base_url: Option<&str>,
    ) -> Renderer<'a> {
        let mut cfg = config.clone();
        if let Some(url) = base_url {
            cfg.base_url = url.to_string();
        }
        Renderer {
            site,
            config,
            theme,
            base_url: cfg.base_url(),
            base_path: cfg.base_path(),
        }
    }

    pub fn render(&self) -> Result<Output, Report> {
        let mut jobs = vec![Job::Chooser, Job::NotFound];
        for lang in self.config.codes() {
            jobs.push(Job::Home(lang));
            jobs.push(Job::Documents(lang));
            for doc in self.site.documents.values() {
                jobs.push(Job::Document(lang, doc));
            }
        }
        let results: Vec<Result<(String, Vec<u8>), Diagnostic>> = jobs
            .par_iter()
            .map(|job| {
                self.job(job)
                    .map(|(path, html)| (urls::file_for(&path), minify_html(&html)))
            })
            .collect();
        let mut output = Output::default();
        let mut report = Report::default();
        for r in results {
            match r {
                Ok((path, bytes)) => output.insert(path, bytes),
                Err(d) => report.push(d),
            }
        }
        for (path, bytes) in &self.theme.assets {
            output.insert(path.clone(), bytes.clone());
        }
        if report.is_empty() {
            Ok(output)
        } else {
            Err(report)
        }
    }

    fn strings(&self, lang: &str) -> &Strings {
        &self.theme.strings[lang]
    }

    fn job(&self, job: &Job) -> Result<(String, String), Diagnostic> {
        match job {
            Job::Chooser => {
                let lang = self.config.default_language.as_str();
                let mut ctx = self.context(
                    lang,
                    "",
                    "chooser",
                    &self
                        .config
                        .language(lang)
                        .map(|l| l.title.clone())
                        .unwrap_or_default(),
                );
                ctx.insert("choices", &self.choices());
                self.template("index.html", &ctx)
                    .map(|h| (String::new(), h))
            }
            Job::NotFound => {
                let lang = self.config.default_language.as_str();
                let mut ctx = self.context(
                    lang,
                    "404.html",
                    "404",
                    self.strings(lang).get("not_found_title"),
                );
                ctx.insert("choices", &self.choices());
                self.template("404.html", &ctx)
                    .map(|h| ("404.html".to_string(), h))
            }
            Job::Home(lang) => {
                let path = urls::home(lang);
                let title = self
                    .config
                    .language(lang)
                    .map(|l| l.title.clone())
                    .unwrap_or_default();
                let mut ctx = self.context(lang, &path, "home", &title);
                ctx.insert("documents", &self.document_items(lang));
                self.template("home.html", &ctx).map(|h| (path, h))
            }
            Job::Documents(lang) => {
                let path = urls::section(lang, Section::Documents);
                let mut ctx = self.context(
                    lang,
                    &path,
                    "documents",
                    self.strings(lang).get("documents"),
                );
                ctx.insert("documents", &self.document_items(lang));
                self.template("documents.html", &ctx).map(|h| (path, h))
            }
            Job::Document(lang, doc) => {
                let path = urls::page(lang, Section::Documents, &doc.slug);
                let view = self.document_view(lang, doc);
                let mut ctx = self.context(lang, &path, "document", &view.item.title);
                ctx.insert("doc", &view);
                self.template("document.html", &ctx).map(|h| (path, h))
            }
        }
    }

    fn template(&self, name: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
        self.theme.tera.render(name, ctx).map_err(|e| {
            let file = self.theme.dir.join("templates").join(name);
            Diagnostic::error(format!(
                "template `{name}` failed: {}",
                theme::error_chain(&e)
            ))
            .at(Location::file(&file))
            .help("check the variables the template uses against docs/theming.md")
        })
    }

    fn abs(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    fn rel(&self, path: &str) -> String {
        format!("{}{path}", self.base_path)
    }

    fn context(&self, lang: &str, path: &str, kind: &'static str, title: &str) -> tera::Context {
        let alternate = |l: &str| {
            let p = if kind == "chooser" || kind == "404" {
                path.to_string()
            } else {
                urls::switch_language(path, l)
            };
            Alternate {
                lang: l.to_string(),
                name: self.strings(l).get("language_name").to_string(),
                url: self.rel(&p),
                href: self.abs(&p),
            }
        };
        let localized = !matches!(kind, "chooser" | "404");
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
            lang: lang.to_string(),
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
                css: self.rel("style.css"),
                js: self.rel("charter.js"),
            },
        };
        let mut ctx = tera::Context::new();
        ctx.insert("page", &page);
        ctx.insert("t", &self.strings(lang).map);
        ctx
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

    fn date(&self, lang: &str, d: &Date) -> DateView {
        DateView {
            iso: d.iso(),
            display: self.strings(lang).date(d),
        }
    }

    fn document_items(&self, lang: &str) -> Vec<DocumentItem> {
        let mut items: Vec<DocumentItem> = self
            .site
            .documents
            .values()
            .map(|d| self.document_item(lang, d))
            .collect();
        // Newest first; ties by slug so the order never depends on anything else.
        items.sort_by(|a, b| {
            b.date
                .iso
                .cmp(&a.date.iso)
                .then_with(|| a.slug.cmp(&b.slug))
        });
        items
    }

    fn document_item(&self, lang: &str, doc: &Document) -> DocumentItem {
        let version = doc
            .versions
            .get(lang)
            .unwrap_or(&doc.versions[&self.config.default_language]);
        let t = &version.text;
        DocumentItem {
            slug: doc.slug.clone(),
            title: t.title.clone(),
            short_title: t.short_title.clone(),
            url: self.rel(&urls::page(lang, Section::Documents, &doc.slug)),
            kind: self
                .strings(lang)
                .get(&format!("kind_{}", doc.facts.kind.name()))
                .to_string(),
            date: self.date(lang, &doc.facts.date),
            place: t.place.clone(),
            summary: t.summary.clone(),
            symbol: doc.facts.symbol.clone(),
            fallback: !doc.versions.contains_key(lang),
        }
    }

    fn document_view(&self, lang: &str, doc: &Document) -> DocumentView {
        let default = &self.config.default_language;
        let version = doc.versions.get(lang).unwrap_or(&doc.versions[default]);
        let s = self.strings(lang);
        let labels = body::Labels {
            anchor: s.get("anchor_link"),
            paragraph: s.get("paragraph_link"),
            row: s.get("row_link"),
            notes: s.get("notes"),
            back: s.get("footnote_back"),
        };
        let xrefs = &version.body.xrefs;
        let xref_url = |n: usize| {
            let x = &xrefs[n];
            let section = Section::from_dir(&x.section).unwrap_or(Section::Documents);
            let mut url = self.rel(&urls::page(lang, section, &x.slug));
            if let Some(f) = &x.fragment {
                url.push('#');
                url.push_str(f);
            }
            url
        };
        let f = &doc.facts;
        DocumentView {
            item: self.document_item(lang, doc),
            letter_date: f.letter_date.as_ref().map(|d| self.date(lang, d)),
            distributed: f.distributed.as_ref().map(|d| self.date(lang, d)),
            original_languages: f
                .original_languages
                .iter()
                .map(|l| {
                    s.map
                        .get(&format!("lang_{l}"))
                        .cloned()
                        .unwrap_or_else(|| l.clone())
                })
                .collect(),
            sessions: version.text.sessions.clone(),
            agenda_items: version.text.agenda_items.clone(),
            body: body::render(&version.body, &labels, &xref_url),
            text_lang: version.lang.clone(),
            unofficial: version.text.translation == Some(TranslationStatus::Unofficial),
            original_url: self.rel(&urls::page(default, Section::Documents, &doc.slug)),
            original_lang_name: s.get(&format!("lang_{default}")).to_string(),
        }
    }
}
