//! Machine-readable discovery: `/sitemap.xml` with hreflang alternates, and an Atom feed of the
//! documents per language. Dates come from the texts, never from the clock, so the files are
//! the same for the same content.

use super::{escape::esc, PageId, Renderer};
use crate::model::Section;
use crate::urls;
use std::fmt::Write;

impl Renderer<'_> {
    /// Every page a search engine should know, each with its versions in the other languages.
    pub fn sitemap(&self) -> String {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
        );
        let _ = writeln!(out, "  <url><loc>{}</loc></url>", esc(&self.base_url));
        let default = self.default().to_string();
        for page in self.all_pages() {
            if !matches!(page, PageId::Home(ref l) | PageId::Index(ref l, _) | PageId::Page(ref l, ..) | PageId::Parallel(ref l, _) | PageId::Search(ref l) if l.as_str() == default)
            {
                continue;
            }
            let path = page.path();
            for lang in self.config.codes() {
                let own = urls::switch_language(&path, lang);
                let _ = writeln!(out, "  <url>\n    <loc>{}</loc>", esc(&self.abs(&own)));
                for other in self.config.codes() {
                    let _ = writeln!(
                        out,
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{other}\" href=\"{}\"/>",
                        esc(&self.abs(&urls::switch_language(&path, other)))
                    );
                }
                let _ = writeln!(out, "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n  </url>", esc(&self.base_url));
            }
        }
        out.push_str("</urlset>\n");
        out
    }

    /// The documents of one language, newest first, as an Atom feed.
    pub fn atom(&self, lang: &str) -> String {
        let items = self.document_items(lang);
        let updated = items
            .iter()
            .map(|d| d.date.iso.clone())
            .max()
            .unwrap_or_else(|| "1970-01-01".to_string());
        let title = self
            .config
            .language(lang)
            .map(|l| l.title.clone())
            .unwrap_or_default();
        let feed_url = self.abs(&format!("{lang}/atom.xml"));
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = write!(
            out,
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n  <title>{}</title>\n  <id>{}</id>\n  <updated>{updated}T00:00:00Z</updated>\n  <link rel=\"self\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <author><name>{}</name></author>\n",
            esc(&title),
            esc(&feed_url),
            esc(&feed_url),
            esc(&self.abs(&urls::section(lang, Section::Documents))),
            esc(&title),
        );
        for d in items {
            let url = self.abs(&urls::page(lang, Section::Documents, &d.slug));
            let _ = write!(
                out,
                "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <updated>{}T00:00:00Z</updated>\n    <summary>{}</summary>\n  </entry>\n",
                esc(&d.title),
                esc(&url),
                esc(&url),
                d.date.iso,
                esc(&d.summary)
            );
        }
        out.push_str("</feed>\n");
        out
    }
}
