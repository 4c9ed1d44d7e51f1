//! Every file of the site, made in parallel: the pages minified and, in French, set with French
//! typography; the search index, the feeds, the sitemap, the open data and the theme's assets
//! alongside. Each file goes to a [`Sink`] as soon as it is made.

use super::{minify, typography, PageId, Renderer};
use crate::diagnostic::{Diagnostic, Report};
use crate::output::{Output, Sink};
use rayon::prelude::*;

impl Renderer<'_> {
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
        self.akn_each(sink)?;
        for lang in self.config.codes() {
            sink.put(format!("{lang}/atom.xml"), self.atom(lang).into_bytes());
        }
        self.cite_files_each(sink);
        self.data_each(sink)
    }

    /// Every page and the theme's assets, without the files about the whole site.
    pub fn render_pages_and_assets(&self) -> Result<Output, Report> {
        let mut output = Output::default();
        for (path, bytes) in self.render_pages(&self.all_pages())? {
            output.insert(path, bytes);
        }
        for (path, bytes) in &self.theme.assets {
            output.insert(path.clone(), bytes.clone());
        }
        Ok(output)
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
}
