//! A site held in memory between builds, so that an edit costs what it touches: the edited
//! entry is re-read and re-parsed, the resolve stage re-checks what depends on it, and only
//! the pages whose output can change are re-rendered. `build` and `check` use the same code
//! with one full pass; `serve` keeps the project and calls [`Project::apply`] on each change.

mod affected;
mod edits;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Report};
use crate::load::{self, ContentFile};
use crate::model::{EntryKey, Site};
use crate::options::Options;
use crate::output::Output;
use crate::parse::{self, ParseOptions};
use crate::render::prepared::PreparedTheme;
use crate::render::{PageId, Renderer};
use crate::resolve::{Resolution, ResolveOptions};
use crate::theme::Theme;
use crate::timings::Clock;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct Project {
    pub root: PathBuf,
    pub options: Options,
    pub config: Config,
    /// Shared with the copies made by [`Project::fork`]: it changes only with a new project.
    theme: Arc<PreparedTheme>,
    /// Content files by path relative to the root.
    files: BTreeMap<PathBuf, ContentFile>,
    /// Problems with single paths (bad names, unreadable files), by path.
    load_problems: BTreeMap<PathBuf, Diagnostic>,
    /// Problems found parsing each entry.
    /// Parse problems by the entry whose file they are in (`None`: a problem of no one file).
    parse_problems: HashMap<Option<EntryKey>, Vec<Diagnostic>>,
    pub site: Site,
    resolution: Resolution,
    /// The last good output. Shared with whoever serves it ([`Project::shared_output`]); the
    /// next render changes a copy of the map of files, not the files.
    output: Arc<Output>,
    /// Pages to re-render before `output` is current (all of them when `None`).
    stale: Option<BTreeSet<PageId>>,
    /// Whether the files about the whole site (sitemap, feeds, data) lag behind the pages.
    machine_stale: bool,
    /// Whether those files are left out of [`Project::render`], for
    /// [`Project::make_machine_files`] to make apart (see [`Project::keep_machine_files_apart`]).
    machine_apart: bool,
}

/// What an update did, for the terminal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub pages: usize,
    pub full: bool,
}

impl Project {
    /// Loads, parses and resolves the whole site. Fails only when the config or the theme
    /// cannot be used; content problems are kept in the project (see [`Project::report`]).
    pub fn open(root: &Path, options: &Options) -> Result<Project, Report> {
        let clock = Clock::start();
        let (config, _) = Config::load(root)?;
        check_base_url(options)?;
        let languages: Vec<&str> = config.codes().collect();
        // The theme (templates, strings, static files) and the content are read side by side;
        // the theme is made ready to render with as soon as it is read.
        let (theme, (loaded, load_report)) = rayon::join(
            || {
                let theme = Theme::load(root, &config)?;
                PreparedTheme::new(theme)
            },
            || load::load(root, &languages),
        );
        let theme = theme.map_err(|mut r| {
            r.extend(load_report.diagnostics.clone());
            r
        })?;
        clock.lap("load", None);
        let mut project = Project {
            root: root.to_path_buf(),
            options: options.clone(),
            config,
            theme: Arc::new(theme),
            files: loaded
                .into_iter()
                .map(|f| (f.source.path.clone(), f))
                .collect(),
            load_problems: BTreeMap::new(),
            parse_problems: HashMap::new(),
            site: Site::default(),
            resolution: Resolution::default(),
            output: Arc::default(),
            stale: None,
            machine_stale: false,
            machine_apart: false,
        };
        for (i, d) in load_report.diagnostics.into_iter().enumerate() {
            let path = d
                .location
                .as_ref()
                .map(|l| l.file.clone())
                .unwrap_or_else(|| PathBuf::from(format!("#{i}")));
            project.load_problems.insert(path, d);
        }
        let (site, parse_report) = parse::parse_site(
            project.files.values().cloned().collect(),
            &project.config,
            project.parse_options(),
        );
        project.site = site;
        clock.lap("parse", None);
        for d in parse_report.diagnostics {
            let key = project.key_of(&d);
            project.parse_problems.entry(key).or_default().push(d);
        }
        project.resolution =
            Resolution::full(&project.site, &project.config, project.resolve_options());
        clock.lap("resolve", None);
        Ok(project)
    }

    fn parse_options(&self) -> ParseOptions {
        ParseOptions {
            drafts: self.options.drafts,
            strict: self.options.strict,
        }
    }

    fn resolve_options(&self) -> ResolveOptions {
        ResolveOptions {
            strict: self.options.strict,
        }
    }

    /// The entry a parse diagnostic belongs to, from the file it names.
    fn key_of(&self, d: &Diagnostic) -> Option<EntryKey> {
        let languages: Vec<&str> = self.config.codes().collect();
        d.location
            .as_ref()
            .and_then(|l| load::classify(&l.file, &languages).ok())
            .map(|(section, slug, _)| EntryKey { section, slug })
    }

    /// Every problem of the site as it stands. Resolve problems are only reported once the
    /// files load and parse: until then they would mostly be echoes of the first problems.
    pub fn report(&self) -> Report {
        let mut report = Report::default();
        report.extend(self.load_problems.values().cloned());
        report.extend(self.parse_problems.values().flatten().cloned());
        if !report.has_errors() {
            report.extend(self.resolution.report().diagnostics);
        }
        report.sorted()
    }

    /// From now on, [`Project::render`] makes the pages and the theme's assets only, even in
    /// full, and the files about the whole site are left to [`Project::make_machine_files`]
    /// (on this project or a fork). `serve` makes them on another thread, and this way holds
    /// one copy of them, not a stale one in the pages besides the current one.
    pub fn keep_machine_files_apart(&mut self) {
        self.machine_apart = true;
        self.machine_stale = true;
    }

    /// Serve `old`'s output until this project renders (it then renders in full).
    pub fn keep_output_of(&mut self, old: Project) {
        self.output = old.output;
        self.stale = None;
    }

    pub fn output(&self) -> &Output {
        &self.output
    }

    /// The last good output, to keep while this project goes on to the next one.
    pub fn shared_output(&self) -> Arc<Output> {
        self.output.clone()
    }

    /// A copy of the project without its output, to follow the same edits elsewhere (`serve`
    /// makes the files about the whole site on another thread with one).
    pub fn fork(&self) -> Project {
        Project {
            root: self.root.clone(),
            options: self.options.clone(),
            config: self.config.clone(),
            theme: self.theme.clone(),
            files: self.files.clone(),
            load_problems: self.load_problems.clone(),
            parse_problems: self.parse_problems.clone(),
            site: self.site.clone(),
            resolution: self.resolution.clone(),
            output: Arc::default(),
            stale: Some(BTreeSet::new()),
            machine_stale: self.machine_stale,
            machine_apart: self.machine_apart,
        }
    }

    pub fn graph(&self) -> &crate::resolve::Graph {
        &self.resolution.graph
    }

    /// The renderer of the current site, if it has no errors.
    fn renderer(&self) -> Result<Renderer<'_>, Report> {
        let report = self.report();
        if report.has_errors() {
            return Err(report);
        }
        Ok(Renderer::new(
            &self.site,
            &self.resolution.graph,
            &self.config,
            &self.theme,
            self.options.base_url.as_deref(),
        ))
    }

    /// Renders the whole site into `new` as it goes, keeping nothing in memory: what `build`
    /// does. Fails if the site has errors, leaving what was written for the caller to discard.
    pub fn render_to(&mut self, new: &crate::output::Replacement) -> Result<usize, Report> {
        let clock = Clock::start();
        let pages = self.renderer()?.render_each(new)?;
        clock.lap("render", None);
        // Nothing is kept: a later `render` starts over.
        self.output = Arc::default();
        self.stale = None;
        Ok(pages)
    }

    /// Brings the output up to date, unless the site has errors: then the last good output
    /// stays as it was, and the pages to re-render are remembered for the next success.
    pub fn render(&mut self) -> Result<Rendered, Report> {
        let clock = Clock::start();
        let rendered = match self.stale.clone() {
            None if self.machine_apart => {
                self.output = Arc::new(self.renderer()?.render_pages_and_assets()?);
                Rendered {
                    pages: self.output.pages(),
                    full: true,
                }
            }
            None => {
                self.output = Arc::new(self.renderer()?.render()?);
                // A full render makes the files about the whole site too.
                self.machine_stale = false;
                Rendered {
                    pages: self.output.pages(),
                    full: true,
                }
            }
            Some(stale) => {
                // Pages of entries that are gone leave the output; the others are rendered.
                let (pages, gone): (Vec<PageId>, Vec<PageId>) =
                    stale.iter().cloned().partition(|p| self.exists(p));
                let files = self.renderer()?.render_pages(&pages)?;
                let n = files.len();
                let output = Arc::make_mut(&mut self.output);
                for (path, bytes) in files {
                    output.insert(path, bytes);
                }
                for page in gone {
                    output.files.remove(&page.file());
                    // A text's own open data goes with its pages: the files about the whole
                    // site made after the edit no longer have it, and must not find it here.
                    if let PageId::Parallel(lang, slug) = &page {
                        output.files.remove(&crate::urls::document_data(slug));
                        for file in crate::urls::document_files(lang, slug) {
                            output.files.remove(&file);
                        }
                    }
                }
                Rendered {
                    pages: n,
                    full: false,
                }
            }
        };
        // Rendered: nothing is stale any more (on failure, above, the stale set is kept).
        self.stale = Some(BTreeSet::new());
        clock.lap("render", None);
        Ok(rendered)
    }

    /// The files about the whole site (sitemap, feeds, open data, search index), made afresh
    /// if an edit left them behind; `None` if they are current or the site has errors. Apart
    /// from the pages, so that `serve` can show an edit at once and make these a moment later.
    pub fn make_machine_files(&mut self) -> Option<Output> {
        if !self.machine_stale {
            return None;
        }
        let renderer = self.renderer().ok()?;
        let (machine, search) = (
            std::sync::Mutex::new(Output::default()),
            std::sync::Mutex::new(Output::default()),
        );
        let (data, search_written) = rayon::join(
            || renderer.machine_files_each(&machine),
            || renderer.search_each(&search),
        );
        if data.is_err() || search_written.is_err() {
            // Kept stale: the last good files stay, and the next refresh tries again.
            return None;
        }
        let into_files =
            |m: std::sync::Mutex<Output>| m.into_inner().unwrap_or_else(|p| p.into_inner()).files;
        let mut files = into_files(machine);
        files.extend(into_files(search));
        self.machine_stale = false;
        Some(Output { files })
    }

    fn exists(&self, page: &PageId) -> bool {
        let d = self.config.default_language.as_str();
        match page {
            PageId::Page(_, section, slug) => self.site.version(*section, slug, d, d).is_some(),
            PageId::Parallel(_, slug) => self.site.documents.contains_key(slug),
            _ => true,
        }
    }
}

/// `--base-url` stands in for the config's `base_url`, so it must be an absolute URL as well.
fn check_base_url(options: &Options) -> Result<(), Report> {
    match &options.base_url {
        Some(url) if !(url.starts_with("http://") || url.starts_with("https://")) => Err(
            Diagnostic::error(format!("--base-url `{url}` is not an absolute http(s) URL"))
                .help("pass a URL such as https://deploy-preview-1--example.netlify.app/")
                .into(),
        ),
        _ => Ok(()),
    }
}

/// Where the search index is: the number of its shards and chunks changes with the content,
/// so a new index replaces the previous one whole.
pub const SEARCH_INDEX_DIR: &str = "search-index/";

/// Whether a file is a text's Akoma Ntoso file (`fr/documents/x/akn.xml`): they are made with
/// the files about the whole site, every one each time, so a new set replaces the previous
/// one whole (a text or a translation removed takes its file with it).
pub fn is_akn_file(path: &str) -> bool {
    path.ends_with("/akn.xml")
}

/// Puts newly made files about the whole site ([`Project::make_machine_files`]) in `output`.
pub fn merge_machine_files(output: &mut Output, files: Output) {
    output
        .files
        .retain(|path, _| !path.starts_with(SEARCH_INDEX_DIR) && !is_akn_file(path));
    output.files.extend(files.files);
}

#[cfg(test)]
mod tests;
