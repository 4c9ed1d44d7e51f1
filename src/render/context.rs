//! The context every page's template gets: the page itself ([`PageView`]), its other
//! languages, and the interface strings.

use super::views::{Alternate, Assets, PageView};
use super::Renderer;
use crate::urls;

impl Renderer<'_> {
    /// A page's context: `kind` names the page to the templates (`home`, `document`, …).
    pub(super) fn context(
        &self,
        lang: &str,
        path: &str,
        kind: &'static str,
        title: &str,
    ) -> tera::Context {
        let localized = !matches!(kind, "chooser" | "404");
        let (alternates, switcher) = if localized {
            self.alternates(lang, path)
        } else {
            (Vec::new(), Vec::new())
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

    /// The page in every language, this one included (for `hreflang` links), and in the other
    /// languages (for the language switcher).
    fn alternates(&self, lang: &str, path: &str) -> (Vec<Alternate>, Vec<Alternate>) {
        let alternate = |l: &str| {
            let p = urls::switch_language(path, l);
            Alternate {
                lang: l.into(),
                name: self.strings(l).get("language_name").to_string(),
                url: self.rel(&p),
                href: self.abs(&p),
            }
        };
        let alternates = self.config.codes().map(alternate).collect();
        let switcher = self
            .config
            .codes()
            .filter(|l| *l != lang)
            .map(alternate)
            .collect();
        (alternates, switcher)
    }
}
