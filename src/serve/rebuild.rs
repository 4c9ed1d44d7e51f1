//! The work behind the preview, on threads of its own, never on the server's: the project is
//! owned here, edits are applied and pages rendered here, and each result is published as a
//! new [`Snapshot`] for the server to answer from.
//!
//! An edit is shown in two steps. First the pages it touches: once they are rendered the
//! snapshot is published and the open pages are told to reload, so an editor waits for
//! nothing else. Then the files about the whole site (search index, sitemap, feeds, open
//! data), which on a large site take seconds: a second copy of the project, on its own
//! thread, follows the same edits and makes them, and a second snapshot adds them. Until it
//! lands, a request for one of them gets the last good version at once. The copy costs a
//! second parsed site in memory; it buys that an edit never waits for these files, nor for a
//! copy of the site to make them from, and that a request never waits for either.
//!
//! The copy makes these files from the first build on, while the pages render: the project
//! behind the pages never makes them, so the server holds one set of them, the newest.

use super::snapshot::Snapshot;
use super::Shared;
use crate::crash::{guarded, Crash};
use crate::diagnostic::Report;
use crate::options::Options;
use crate::project::{Project, Rendered};
use crate::watch::{self, Changes};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::time::Instant;

/// The project behind the pages, and what it tells the server and the copy that follows it.
struct Rebuilder {
    root: PathBuf,
    options: Options,
    project: Option<Project>,
    shared: Arc<Shared>,
    follower: mpsc::Sender<Follow>,
    /// The number of the latest edit (a batch of saves); the first build is 0.
    edit: u64,
}

/// What the copy making the files about the whole site is told, in the order it happened.
enum Follow {
    /// Start from this project (the first build, or a new theme or config).
    Project(u64, Box<Project>),
    /// Content files changed.
    Changes(u64, BTreeSet<PathBuf>),
}

/// Starts the thread that owns the project, and returns once it has built the site for the
/// first time and published it (or its problems); it then rebuilds after each edit `rx`
/// brings, until the watcher stops. The first build runs there too, not on the caller's
/// thread: the allocator keeps some pages for each thread that allocates, and the project
/// a thread built is freed there, edit by edit, so one thread doing both keeps memory from
/// piling up on a thread that no longer builds (docs/reliability.md).
pub fn spawn(
    root: &Path,
    options: Options,
    shared: Arc<Shared>,
    rx: mpsc::Receiver<PathBuf>,
) -> std::io::Result<()> {
    let root = root.to_path_buf();
    let (built, first_build) = mpsc::channel();
    std::thread::Builder::new()
        .name("charter-rebuild".into())
        .spawn(move || {
            let rebuilder = Rebuilder::start(&root, options, shared);
            let _ = built.send(());
            rebuilder.run(&rx);
        })?;
    // Gone only if the thread is: the server then answers with what it has.
    let _ = first_build.recv();
    Ok(())
}

impl Rebuilder {
    /// Builds the site for the first time and publishes it (or its problems).
    fn start(root: &Path, options: Options, shared: Arc<Shared>) -> Rebuilder {
        let (follower, follow) = mpsc::channel();
        let (passed, first_pass) = mpsc::channel();
        {
            let shared = shared.clone();
            std::thread::Builder::new()
                .name("charter-site-files".into())
                .spawn(move || follow_edits(&follow, &shared, &passed))
                .expect("a thread for the files about the whole site");
        }
        let mut rebuilder = Rebuilder {
            root: root.to_path_buf(),
            options,
            project: None,
            shared,
            follower,
            edit: 0,
        };
        let start = Instant::now();
        // The copy makes the files about the whole site while the pages render.
        let forked = guarded(|| {
            rebuilder.open();
            rebuilder.fork()
        });
        let first = match &forked {
            Ok(_) => guarded(|| rebuilder.render()),
            Err(crash) => Err(crash.clone()),
        };
        // The site is announced whole, with the files about it (or the problems that stop
        // them).
        if matches!(forked, Ok(true)) {
            let _ = first_pass.recv();
        }
        release_memory(None);
        match first {
            Ok(Some(r)) => {
                if let Some(p) = &rebuilder.project {
                    print_warnings(&p.report());
                }
                println!(
                    "built {} pages in {} ms",
                    r.pages,
                    start.elapsed().as_millis()
                );
            }
            Ok(None) => {}
            Err(crash) => rebuilder.crashed(&crash),
        }
        rebuilder
    }

    /// Gathers edits, rebuilds, and announces each result to the open pages, until the
    /// watcher stops.
    fn run(mut self, rx: &mpsc::Receiver<PathBuf>) {
        let mut last = None;
        while let Some(paths) = watch::gather(rx, watch::Debounce::default(), last) {
            let mut changes = watch::classify(&self.root, paths);
            // Edits that arrived while the previous build ran join this one.
            changes.merge(watch::classify(&self.root, rx.try_iter()));
            if changes.is_empty() {
                continue;
            }
            if let Err(crash) = guarded(|| self.rebuild(&changes)) {
                self.crashed(&crash);
                let _ = self.shared.reload.send(self.edit);
            }
            last = Some(Instant::now());
            release_memory(None);
        }
    }

    fn rebuild(&mut self, changes: &Changes) {
        let start = Instant::now();
        self.edit += 1;
        let reopened = changes.everything || self.project.is_none();
        let usable = if reopened {
            // The config or theme changed: start afresh, but keep the last good output to
            // serve until the new project renders.
            self.open()
        } else if let Some(p) = &mut self.project {
            p.apply(&changes.content);
            let _ = self
                .follower
                .send(Follow::Changes(self.edit, changes.content.clone()));
            true
        } else {
            false
        };
        if usable {
            if let Some(r) = self.render() {
                println!(
                    "rebuilt {} page{} in {:.1} ms ({})",
                    r.pages,
                    if r.pages == 1 { "" } else { "s" },
                    start.elapsed().as_secs_f64() * 1000.0,
                    describe(changes)
                );
            }
        }
        // Only now is the new snapshot published: the pages may reload.
        let _ = self.shared.reload.send(self.edit);
        if reopened && usable {
            let _ = self.fork();
        }
    }

    /// Opens the project afresh; on failure publishes the problems and keeps the previous
    /// project, if any.
    fn open(&mut self) -> bool {
        match Project::open(&self.root, &self.options) {
            Ok(mut fresh) => {
                fresh.keep_machine_files_apart();
                if let Some(old) = self.project.take() {
                    fresh.keep_output_of(old);
                }
                self.project = Some(fresh);
                true
            }
            Err(report) => {
                self.show_problems(&report);
                false
            }
        }
    }

    /// Renders what is stale and publishes the result: the new pages, or the problems over
    /// the last good ones (then `None`).
    fn render(&mut self) -> Option<Rendered> {
        let p = self.project.as_mut()?;
        match p.render() {
            Ok(r) => {
                let pages = p.shared_output();
                self.shared.current.update(|s| {
                    Some(Snapshot {
                        pages: Some(pages),
                        problems: None,
                        // Until the copy makes newer ones.
                        machine: s.machine.clone(),
                    })
                });
                Some(r)
            }
            Err(report) => {
                self.show_problems(&report);
                None
            }
        }
    }

    /// Hands a copy of the project to the thread that makes the files about the whole site;
    /// false if there is no project, or no such thread any more.
    fn fork(&self) -> bool {
        self.project.as_ref().is_some_and(|p| {
            self.follower
                .send(Follow::Project(self.edit, Box::new(p.fork())))
                .is_ok()
        })
    }

    /// A bug struck during a rebuild: the project may be half-updated, so it is dropped and the
    /// next save opens the site afresh; meanwhile the last good pages stay, under the report.
    fn crashed(&mut self, crash: &Crash) {
        self.project = None;
        self.over_last_good(&crash.to_string(), "save a file to rebuild");
    }

    fn show_problems(&self, report: &Report) {
        self.over_last_good(&report.to_string(), "fix the problem and save");
    }

    /// Prints `problems` and shows them over the last good pages.
    fn over_last_good(&self, problems: &str, next: &str) {
        eprintln!("{problems}");
        eprintln!("serving the last good version of the site; {next}");
        let text: Arc<str> = problems.into();
        self.shared.current.update(|s| {
            Some(Snapshot {
                problems: Some(text),
                ..s.clone()
            })
        });
    }
}

/// The copy of the project that follows the edits and makes the files about the whole site,
/// publishing them as they are done. It takes in every edit that arrived meanwhile before it
/// starts again. Its work runs on a pool of its own, half the cores, so that the pages of the
/// next edit, rendered on the global pool, never queue behind it. `passed` hears of each
/// pass, whether it made the files or found the site in error.
fn follow_edits(follow: &mpsc::Receiver<Follow>, shared: &Shared, passed: &mpsc::Sender<()>) {
    let threads = std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1));
    let Ok(pool) = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("charter-site-files-{i}"))
        .build()
    else {
        return;
    };
    let mut project: Option<Project> = None;
    let mut at = 0;
    while let Ok(first) = follow.recv() {
        for message in std::iter::once(first).chain(follow.try_iter()) {
            match message {
                Follow::Project(edit, p) => {
                    project = Some(*p);
                    at = edit;
                }
                Follow::Changes(edit, paths) => {
                    let applied = project
                        .as_mut()
                        .map(|p| guarded(|| pool.install(|| p.apply(&paths))));
                    if let Some(Err(crash)) = applied {
                        eprintln!("{crash}");
                        project = None;
                    }
                    at = edit;
                }
            }
        }
        if let Some(p) = &mut project {
            match guarded(|| pool.install(|| p.make_machine_files())) {
                Ok(Some(files)) => shared.current.update(|s| s.with_machine_files(at, files)),
                Ok(None) => {}
                // The pages' side reports problems; this copy waits for the next project.
                Err(crash) => {
                    eprintln!("{crash}");
                    project = None;
                }
            }
        }
        release_memory(Some(&pool));
        let _ = passed.send(());
    }
}

/// Hands what the allocator keeps back to the system, on this thread and on every thread of
/// `pool` (the global one by default), once a build is done and announced. A rebuild leaves
/// the blocks it freed on other threads waiting in the pages of the threads that allocated
/// them, and the pages it emptied in the allocator's hands for a while, until those threads
/// allocate again; a preview idle between saves would keep them all (the figures are in
/// docs/reliability.md). It takes a few milliseconds, after the pages have been told to
/// reload.
fn release_memory(pool: Option<&rayon::ThreadPool>) {
    // SAFETY: `mi_collect` only reorganises the calling thread's heap and the allocator's
    // shared state under its own locks; it takes no pointer.
    let collect = || unsafe { libmimalloc_sys::mi_collect(true) };
    match pool {
        Some(pool) => pool.broadcast(|_| collect()),
        None => rayon::broadcast(|_| collect()),
    };
    collect();
}

fn print_warnings(report: &Report) {
    if !report.is_empty() {
        eprintln!("{report}");
    }
}

fn describe(changes: &Changes) -> String {
    if changes.everything {
        return "theme or config changed".to_string();
    }
    let names: Vec<String> = changes
        .content
        .iter()
        .take(3)
        .map(|p| p.display().to_string())
        .collect();
    let more = changes.content.len().saturating_sub(3);
    if more > 0 {
        format!("{} and {more} more", names.join(", "))
    } else {
        names.join(", ")
    }
}
