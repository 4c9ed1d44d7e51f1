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
        // One index per language, built side by side: Pagefind indexes one page at a time.
        let langs: Vec<&str> = self.config.codes().collect();
        let bundles: Vec<Result<Vec<(String, Vec<u8>)>, Diagnostic>> =
            std::thread::scope(|scope| {
                let handles: Vec<_> = langs
                    .iter()
                    .map(|lang| {
                        let pages: Vec<(String, String)> = output
                            .files
                            .iter()
                            .filter(|(path, _)| {
                                is_indexed(path) && path.starts_with(&format!("{lang}/"))
                            })
                            .map(|(path, bytes)| {
                                (
                                    self.rel(path.trim_end_matches("index.html")),
                                    String::from_utf8_lossy(bytes).into_owned(),
                                )
                            })
                            .collect();
                        scope.spawn(move || index(pages))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| {
                        h.join().unwrap_or_else(|_| {
                            Err(Diagnostic::error("the search indexer stopped"))
                        })
                    })
                    .collect()
            });
        merge(bundles.into_iter().collect::<Result<Vec<_>, _>>()?)
    }
}

/// Indexes the pages of one language.
fn index(pages: Vec<(String, String)>) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let fail = |e: anyhow::Error| {
        Diagnostic::error(format!("the search index could not be built: {e}"))
            .help("this is a bug in charter; please report it with the content that triggers it")
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
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
        Ok(files
            .into_iter()
            .map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                (
                    format!("pagefind/{}", name.trim_start_matches("pagefind/")),
                    f.contents,
                )
            })
            .collect())
    })
}

/// One bundle from the bundles of each language: their files (named by language and content,
/// so they do not clash) and one entry file listing every language.
fn merge(bundles: Vec<Vec<(String, Vec<u8>)>>) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let mut files = std::collections::BTreeMap::new();
    let mut entry: Option<serde_json::Value> = None;
    for bundle in bundles {
        for (path, bytes) in bundle {
            if path == "pagefind/pagefind-entry.json" {
                let this: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
                    Diagnostic::error(format!("unexpected search index entry: {e}"))
                })?;
                match &mut entry {
                    None => entry = Some(this),
                    Some(all) => {
                        if let (Some(langs), Some(more)) = (
                            all["languages"].as_object_mut(),
                            this["languages"].as_object(),
                        ) {
                            langs.extend(more.iter().map(|(k, v)| (k.clone(), v.clone())));
                        }
                    }
                }
            } else {
                files.insert(path, bytes);
            }
        }
    }
    if let Some(entry) = entry {
        files.insert(
            "pagefind/pagefind-entry.json".to_string(),
            serde_json::to_vec(&entry).unwrap_or_default(),
        );
    }
    Ok(files.into_iter().collect())
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
