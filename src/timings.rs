//! Stage timings on stderr when `CHARTER_TIMINGS` is set: where a build spends its time and
//! its memory (resident and peak resident size, from `/proc/self/status` where there is one).

use std::time::Instant;

/// A clock for one step (a build, a render after an edit); silent unless `CHARTER_TIMINGS`
/// is set. Each lap shows the time since the clock started and, so that the stages of a build
/// line up on one time scale, since the first clock of the process started.
#[derive(Debug, Clone, Copy)]
pub struct Clock(Option<(Instant, Instant)>);

static ORIGIN: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

impl Clock {
    pub fn start() -> Clock {
        Clock(std::env::var_os("CHARTER_TIMINGS").map(|_| {
            let now = Instant::now();
            (*ORIGIN.get_or_init(|| now), now)
        }))
    }

    /// Prints the times of `stage` (and `within`, for a stage's parts) and the memory in use.
    pub fn lap(&self, stage: &str, within: Option<&str>) {
        let Some((origin, start)) = self.0 else {
            return;
        };
        let ms = |t: Instant| t.elapsed().as_secs_f64() * 1000.0;
        let within = within.map(|w| format!(" ({w})")).unwrap_or_default();
        eprintln!(
            "{stage:>8}: {:7.1} ms{within}, ends at {:7.1} ms{}",
            ms(start),
            ms(origin),
            memory()
        );
    }
}

/// The resident memory and its peak, `, {rss} MB (peak {peak} MB)`, on Linux; nothing elsewhere.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map(|kb| kb / 1024)
    };
    match (field("VmRSS:"), field("VmHWM:")) {
        (Some(rss), Some(peak)) => format!(", {rss} MB (peak {peak} MB)"),
        _ => String::new(),
    }
}
