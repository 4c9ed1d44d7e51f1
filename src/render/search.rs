//! The search index, built by the generator itself with Pagefind (as a library) from the
//! rendered pages of the texts, the measures and the states. Pagefind indexes each page in the
//! language of its `<html lang>`, French and English separately with their own stemming, and
//! records every element with an id, so the search page can lead to the paragraph a match is
//! in. Pages mark what to index (`data-pagefind-body`), their filters (kind, dimension) and
//! what to leave out (`data-pagefind-ignore`).

use super::Renderer;
use crate::diagnostic::Diagnostic;
use crate::output::Output;

impl Renderer<'_> {
    /// The Pagefind bundle (`pagefind/…`): index, fragments, and its JavaScript and wasm.
    pub fn search_files(&self, output: &Output) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
        let pages: Vec<(String, String)> = output
            .files
            .iter()
            .filter(|(path, _)| is_indexed(path))
            .map(|(path, bytes)| {
                (
                    self.rel(path.trim_end_matches("index.html")),
                    String::from_utf8_lossy(bytes).into_owned(),
                )
            })
            .collect();
        let fail = |e: anyhow::Error| {
            Diagnostic::error(format!("the search index could not be built: {e}")).help(
                "this is a bug in charter; please report it with the content that triggers it",
            )
        };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| Diagnostic::error(format!("cannot start the search indexer: {e}")))?;
        runtime.block_on(async {
            let mut index = pagefind::api::PagefindIndex::new(None).map_err(fail)?;
            for (url, html) in pages {
                index
                    .add_html_file(None, Some(url), html)
                    .await
                    .map_err(fail)?;
            }
            let files = index.get_files().await.map_err(fail)?;
            let mut out: Vec<(String, Vec<u8>)> = files
                .into_iter()
                .map(|f| {
                    let name = f.filename.to_string_lossy().replace('\\', "/");
                    (
                        format!("pagefind/{}", name.trim_start_matches("pagefind/")),
                        f.contents,
                    )
                })
                .collect();
            out.sort_by(|a, b| a.0.cmp(&b.0));
            Ok(out)
        })
    }
}

/// The pages a reader searches: each text, measure and state, in every language (not the
/// lists, not the parallel views, which repeat the texts).
fn is_indexed(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    matches!(
        parts.as_slice(),
        [_, "documents" | "cbms" | "states", _, "index.html"]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_content_pages_are_indexed() {
        assert!(is_indexed("fr/documents/almaty-act-2002/index.html"));
        assert!(is_indexed("en/states/china/index.html"));
        assert!(!is_indexed("fr/documents/index.html"));
        assert!(!is_indexed(
            "fr/documents/almaty-act-2002/parallel/index.html"
        ));
        assert!(!is_indexed("fr/index.html"));
    }
}
