//! The built site in memory, and the atomic replacement of the output folder on disk
//! ([`Replacement`]).

mod replacement;

pub use bytes::Bytes;
pub use replacement::{Op, OutputError, Replacement};
use std::collections::BTreeMap;
use std::path::Path;

/// Every file of the built site, by path relative to the output folder (`/` separators).
/// A sorted map, so writing and hashing are deterministic. The bytes are shared, not copied,
/// when the map is cloned: `serve` keeps the site it serves while the next one is made from
/// a clone, at the cost of the paths alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    pub files: BTreeMap<String, Bytes>,
}

impl Output {
    pub fn insert(&mut self, path: impl Into<String>, bytes: Vec<u8>) {
        self.files.insert(path.into(), Bytes::from(bytes));
    }

    pub fn pages(&self) -> usize {
        self.files.keys().filter(|p| p.ends_with(".html")).count()
    }
}

/// Where rendered files go, from any thread: the site in memory, or a build's new folder.
pub trait Sink: Sync {
    fn put(&self, path: String, bytes: Vec<u8>);

    /// A large file in consecutive parts, so that a folder can write it as it is made instead
    /// of holding it whole. By default the parts are gathered.
    fn put_parts(&self, path: String, parts: &mut dyn Iterator<Item = Vec<u8>>) {
        let bytes = parts.flatten().collect();
        self.put(path, bytes);
    }
}

impl Sink for std::sync::Mutex<Output> {
    fn put(&self, path: String, bytes: Vec<u8>) {
        self.lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(path, bytes);
    }
}

/// Collapses each run of whitespace in a page's text to one space, as a browser would show
/// it anyway, leaving tags, attribute values and `<pre>` blocks as they are: the templates'
/// indentation goes, nothing a reader sees changes. A full minifier would parse every page
/// again (and bring a JavaScript and a CSS compiler into the build) for a few percent more.
pub fn compact_html(html: &str) -> Vec<u8> {
    let bytes = html.as_bytes();
    let mut out = Vec::with_capacity(html.len());
    let mut i = 0;
    let mut in_tag = false;
    let mut in_pre = false;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'<' if !in_tag => {
                in_tag = true;
                let rest = &bytes[i..];
                if starts_with_tag(rest, b"<pre") {
                    in_pre = true;
                } else if starts_with_tag(rest, b"</pre") {
                    in_pre = false;
                }
                out.push(b);
            }
            b'>' if in_tag => {
                in_tag = false;
                out.push(b);
            }
            b' ' | b'\n' | b'\t' | b'\r' if !in_tag && !in_pre => {
                let start = i;
                while i + 1 < bytes.len() && matches!(bytes[i + 1], b' ' | b'\n' | b'\t' | b'\r') {
                    i += 1;
                }
                // Nothing before the doctype; one space elsewhere.
                if start > 0 {
                    out.push(b' ');
                }
            }
            // Apostrophes, quotes and slashes need no escape in text, nor apostrophes and
            // slashes in the double-quoted attribute values the theme writes (the template
            // engine escapes all three everywhere): "d'Almaty" and "/fr/" read as written.
            b'&' if !in_pre => {
                let rest = &bytes[i..];
                let entity = [
                    (&b"&#x27;"[..], b'\''),
                    (&b"&#39;"[..], b'\''),
                    (&b"&quot;"[..], b'"'),
                    (&b"&#x2F;"[..], b'/'),
                ]
                .into_iter()
                .find(|(e, c)| rest.starts_with(e) && !(in_tag && *c == b'"'));
                match entity {
                    Some((e, c)) => {
                        out.push(c);
                        i += e.len() - 1;
                    }
                    None => out.push(b),
                }
            }
            _ => out.push(b),
        }
        i += 1;
    }
    if out.last() == Some(&b' ') {
        out.pop();
    }
    out
}

/// Whether `rest` opens the tag `name` (`<pre>` or `<pre class…`, not `<prefix`).
fn starts_with_tag(rest: &[u8], name: &[u8]) -> bool {
    rest.len() > name.len()
        && rest[..name.len()].eq_ignore_ascii_case(name)
        && matches!(rest[name.len()], b'>' | b' ' | b'\n' | b'\t' | b'/')
}

/// Writes `output` to `dir` so that readers of `dir` see either the previous site or the new
/// one, never a mix (see [`Replacement`]). On failure the previous folder is left as it was.
pub fn write(output: &Output, dir: &Path) -> Result<(), OutputError> {
    use rayon::prelude::*;
    let new = Replacement::begin(dir)?;
    output
        .files
        .par_iter()
        .for_each(|(path, bytes)| new.put(path, bytes));
    new.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compacting_keeps_what_a_reader_sees() {
        let page = "<!doctype html>\n<html>\n  <body>\n    <p class=\"a  b\">Un\n      deux  trois</p>\n    <pre>  code\n    kept </pre>\n    <a title=\"x\n y&#x27;&quot;\" href=\"&#x2F;fr&#x2F;\">l&#x27;ami &quot;lien&quot;</a> suite\n  </body>\n</html>\n";
        let out = String::from_utf8(compact_html(page)).unwrap();
        assert_eq!(
            out,
            "<!doctype html> <html> <body> <p class=\"a  b\">Un deux trois</p> <pre>  code\n    kept </pre> <a title=\"x\n y'&quot;\" href=\"/fr/\">l'ami \"lien\"</a> suite </body> </html>"
        );
    }
}
