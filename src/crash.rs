//! A bug must not take the site down with it. Whatever the input, charter should report a
//! problem rather than panic; where a panic still happens, it is caught at the top of a
//! command or of a preview rebuild and told to the person in words, with where it happened,
//! while `public/` (or the preview's last good site) stays as it was.

use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once};

/// How many [`guarded`] calls are running: outside them, panics are shown as usual (a failing
/// test keeps its message).
static ACTIVE: AtomicUsize = AtomicUsize::new(0);

/// Where and why the last panic happened, recorded by the hook for [`guarded`] to report.
static LAST: Mutex<Option<String>> = Mutex::new(None);

/// A panic caught: its message and where it happened in charter's code.
#[derive(Debug, Clone)]
pub struct Crash(pub String);

impl std::fmt::Display for Crash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "error: internal error: {}\n\
             help: this is a bug in charter, not a mistake in your files; please report it with \
             the file you last changed",
            self.0
        )
    }
}

/// Runs `f`; a panic in it (or in the threads it waits for) becomes a [`Crash`]. The default
/// hook's message is replaced by the one the caller prints.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, Crash> {
    install_hook();
    ACTIVE.fetch_add(1, Ordering::SeqCst);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    ACTIVE.fetch_sub(1, Ordering::SeqCst);
    result.map_err(|payload| {
        let recorded = LAST.lock().ok().and_then(|mut l| l.take());
        Crash(recorded.unwrap_or_else(|| message(payload.as_ref())))
    })
}

fn install_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let usual = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if ACTIVE.load(Ordering::SeqCst) == 0 {
                return usual(info);
            }
            let place = info
                .location()
                .map(|l| format!(" (at {}:{})", l.file(), l.line()))
                .unwrap_or_default();
            let text = format!("{}{place}", message(info.payload()));
            if let Ok(mut last) = LAST.lock() {
                *last = Some(text);
            }
        }));
    });
}

fn message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_report_with_its_place() {
        let crash = guarded(|| -> u8 { panic!("slice out of bounds") }).unwrap_err();
        let text = crash.to_string();
        assert!(
            text.starts_with("error: internal error: slice out of bounds (at src/crash.rs:"),
            "{text}"
        );
        assert!(text.contains("\nhelp: "), "{text}");
    }

    #[test]
    fn a_panic_in_a_parallel_task_is_caught_too() {
        use rayon::prelude::*;
        let crash = guarded(|| {
            (0..64)
                .into_par_iter()
                .for_each(|i| assert!(i != 63, "task {i} failed"));
        })
        .unwrap_err();
        assert!(crash.0.contains("task 63 failed"), "{}", crash.0);
    }

    #[test]
    fn a_result_passes_through() {
        assert_eq!(guarded(|| 7).unwrap(), 7);
    }
}
