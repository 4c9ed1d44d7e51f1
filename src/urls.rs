//! The URL scheme (see the README): one place that knows where each page lives.

use crate::model::Section;

/// Site-relative path of a page, without the base path: `fr/documents/almaty-act-2002/`.
pub fn home(lang: &str) -> String {
    format!("{lang}/")
}

pub fn section(lang: &str, section: Section) -> String {
    format!("{lang}/{}/", section.dir())
}

pub fn page(lang: &str, section: Section, slug: &str) -> String {
    format!("{lang}/{}/{slug}/", section.dir())
}

/// Both languages side by side: `fr/documents/x/parallel/`.
pub fn parallel(lang: &str, slug: &str) -> String {
    format!("{lang}/documents/{slug}/parallel/")
}

/// One text's open data, block by block: `data/documents/x.json`.
pub fn document_data(slug: &str) -> String {
    format!("data/documents/{slug}.json")
}

/// A text's own files beside its page in one language: its citation downloads and its Akoma
/// Ntoso file (`fr/documents/x/cite.ris`, …). They go with the text.
pub fn document_files(lang: &str, slug: &str) -> [String; 4] {
    let page = page(lang, Section::Documents, slug);
    ["cite.ris", "cite.bib", "cite.json", "akn.xml"].map(|f| format!("{page}{f}"))
}

pub fn search(lang: &str) -> String {
    format!("{lang}/search/")
}

/// The file a page path is written to: `fr/documents/x/` → `fr/documents/x/index.html`.
pub fn file_for(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// The same page in another language: only the language prefix changes.
pub fn switch_language(path: &str, to: &str) -> String {
    match path.split_once('/') {
        Some((_, rest)) => format!("{to}/{rest}"),
        None => home(to),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheme() {
        assert_eq!(page("fr", Section::Documents, "x"), "fr/documents/x/");
        assert_eq!(file_for("fr/documents/x/"), "fr/documents/x/index.html");
        assert_eq!(file_for(""), "index.html");
        assert_eq!(file_for("404.html"), "404.html");
        assert_eq!(switch_language("fr/documents/x/", "en"), "en/documents/x/");
        assert_eq!(switch_language("fr/", "en"), "en/");
        assert_eq!(document_data("x"), "data/documents/x.json");
    }
}
