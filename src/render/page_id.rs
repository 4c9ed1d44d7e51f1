//! What a page of the site is ([`PageId`]): its language, its path, its file; and the list of
//! every page of the site.

use super::Renderer;
use crate::model::{Lang, Section, Slug};
use crate::urls;

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

impl Renderer<'_> {
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
}
