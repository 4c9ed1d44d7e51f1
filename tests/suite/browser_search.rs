//! The search page in headless Chromium, scenario by scenario (the browser suite's site,
//! server and browser): a search leads first to a paragraph of a text, never to a summary; a
//! paragraph holding every word comes before words spread over a page; a quoted phrase finds
//! only the paragraphs that hold it; a misspelt word offers the word of the texts; a query the
//! texts of one language do not have offers the other language's search; synonyms (CICA =
//! CIMCA, a state's names); the address keeps the query and brings it back; the form is there
//! at once and says it is loading; the filters are named groups reached from the keyboard.

use crate::browser::{eval, open, press, wait_for, with_browser};
use charter::search::text::fold;
use chromiumoxide::Page;

/// The search page of `lang` for `query`, once its results (or its "nothing found") are shown.
async fn search(browser: &chromiumoxide::Browser, base: &str, lang: &str, query: &str) -> Page {
    let q: String = url_encode(query);
    let page = open(browser, &format!("{base}/{lang}/search/?q={q}")).await;
    settled(&page).await;
    page
}

/// Waits until the index is loaded and the query has answered: results, or a status and no
/// pending files.
async fn settled(page: &Page) {
    wait_for(
        page,
        "(() => { const f = document.getElementById('search'); const l = f.querySelector('.search-results'); \
          return !f.hasAttribute('aria-busy') && !l.hasAttribute('aria-busy') \
            && (l.children.length > 0 || f.querySelector('.search-status').textContent.trim() !== ''); })()",
    )
    .await;
}

fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One result as a reader meets it: where its title leads, and the paragraphs listed under
/// it, each with the text of the block it leads to on its page (None: the top of a page).
#[derive(Debug, serde::Deserialize)]
struct Shown {
    title: Link,
    paragraphs: Vec<Link>,
    /// The title and the excerpt under it, as shown.
    lead: String,
}

#[derive(Debug, serde::Deserialize)]
struct Link {
    href: String,
    /// The text of the block the link leads to, found on its page by its id; None without a
    /// fragment.
    target: Option<String>,
}

impl Link {
    fn folded(&self) -> String {
        words(self.target.as_deref().unwrap_or(""))
    }
}

/// Folded text with one space between words: how a phrase is looked for.
fn words(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::from(" ");
    for w in charter::search::text::tokens(&folded) {
        out.push_str(w);
        out.push(' ');
    }
    out
}

/// Every result shown, each link followed to the block it names (which must exist).
async fn shown(page: &Page) -> Vec<Shown> {
    eval(
        page,
        "(async () => { \
           const texts = {}; \
           const target = async (a) => { \
             const href = a.getAttribute('href'); const [path, id] = href.split('#'); \
             if (!id) return { href, target: null }; \
             if (!texts[path]) texts[path] = new DOMParser().parseFromString(await (await fetch(path)).text(), 'text/html'); \
             const block = texts[path].getElementById(id); \
             if (!block) throw new Error('no #' + id + ' on ' + path); \
             return { href, target: block.textContent }; }; \
           const out = []; \
           for (const r of document.querySelectorAll('.search-results > .search-result')) { \
             const paragraphs = []; \
             for (const a of r.querySelectorAll('a.result-paragraph')) paragraphs.push(await target(a)); \
             out.push({ title: await target(r.querySelector('a.result-page')), paragraphs, \
               lead: r.querySelector('h2').textContent + ' ' + (r.querySelector('.result-excerpt') || {}).textContent }); \
           } return out; })()",
    )
    .await
}

fn is_text(href: &str, lang: &str) -> bool {
    href.starts_with(&format!("/{lang}/documents/"))
}

#[test]
fn a_search_leads_first_to_a_paragraph_of_a_text_and_summaries_never_outrank_it() {
    with_browser(|browser, base| async move {
        for (lang, query) in [("en", "terrorism"), ("fr", "terrorisme")] {
            let page = search(&browser, &base, lang, query).await;
            let results = shown(&page).await;
            assert!(results.len() > 4, "{lang}: {results:?}");
            let first = &results[0].title;
            assert!(
                is_text(&first.href, lang) && first.href.contains('#'),
                "{lang}: the first result is not a paragraph of a text: {}",
                first.href
            );
            // Every title that leads to a paragraph leads to one that holds the word; every
            // text's title leads to a paragraph, never to the top of the text.
            for r in &results {
                let t = &r.title;
                assert!(
                    t.target.is_none() || t.folded().contains(" terror"),
                    "{lang}: {} leads to a block without the word: {:?}",
                    t.href,
                    t.target
                );
                assert!(
                    !is_text(&t.href, lang) || t.href.contains('#'),
                    "{lang}: {} leads to the top of a text",
                    t.href
                );
            }
            // Texts first: no topic, cited text or measure (found by its heading) above a text.
            let kinds: Vec<bool> = results
                .iter()
                .map(|r| is_text(&r.title.href, lang))
                .collect();
            let texts = kinds.iter().take_while(|t| **t).count();
            assert!(
                texts >= 3 && kinds[texts..].iter().all(|t| !t),
                "{lang}: a page found by its heading outranks a text: {:?}",
                results.iter().map(|r| &r.title.href).collect::<Vec<_>>()
            );
            let _ = page.close().await;
        }
    });
}

#[test]
fn a_paragraph_holding_every_word_comes_before_words_spread_over_a_page() {
    with_browser(|browser, base| async move {
        for (lang, query, wanted) in [
            ("fr", "Kazakhstan Corée", [" kazakhstan ", " coree "]),
            ("en", "Kazakhstan Korea", [" kazakhstan ", " korea "]),
        ] {
            let page = search(&browser, &base, lang, query).await;
            let results = shown(&page).await;
            let whole: Vec<bool> = results
                .iter()
                .filter(|r| r.title.target.is_some())
                .map(|r| wanted.iter().all(|w| r.title.folded().contains(w)))
                .collect();
            assert!(
                whole.contains(&true) && whole.contains(&false),
                "{lang}: the scenario needs both kinds of page: {results:?}"
            );
            assert!(
                whole.windows(2).all(|w| w[0] || !w[1]),
                "{lang}: words spread over a page outrank a paragraph that holds them all: {:?}",
                results.iter().map(|r| &r.title.href).collect::<Vec<_>>()
            );
            let _ = page.close().await;
        }
        // Where paragraphs hold every word, only they are listed: not "République du
        // Kazakhstan" for "République de Corée".
        for (lang, query, word) in [
            ("fr", "République de Corée", " coree "),
            ("en", "Republic of Korea", " korea "),
        ] {
            let page = search(&browser, &base, lang, query).await;
            let results = shown(&page).await;
            assert!(!results.is_empty(), "{lang}: nothing for {query}");
            for r in &results {
                for link in std::iter::once(&r.title).chain(&r.paragraphs) {
                    assert!(
                        link.target.is_none() || link.folded().contains(word),
                        "{lang}: {query:?} lists {} ({:?})",
                        link.href,
                        link.target
                    );
                }
            }
            let _ = page.close().await;
        }
    });
}

#[test]
fn a_quoted_phrase_finds_only_the_paragraphs_that_hold_it() {
    with_browser(|browser, base| async move {
        for (lang, phrase, reversed) in [
            ("fr", "sécurité énergétique", "énergétique sécurité"),
            ("en", "energy security", "security energy"),
        ] {
            let wanted = words(phrase);
            let page = search(&browser, &base, lang, &format!("\"{phrase}\"")).await;
            let results = shown(&page).await;
            let links: Vec<&Link> = results
                .iter()
                .flat_map(|r| std::iter::once(&r.title).chain(&r.paragraphs))
                .filter(|l| l.target.is_some())
                .collect();
            assert!(
                links.iter().any(|l| is_text(&l.href, lang)),
                "{lang}: no paragraph of a text for the phrase: {results:?}"
            );
            for l in &links {
                assert!(
                    l.folded().contains(&wanted),
                    "{lang}: {} does not hold {phrase:?}: {:?}",
                    l.href,
                    l.target
                );
            }
            // A page found by its heading holds the phrase in it.
            for r in results.iter().filter(|r| r.title.target.is_none()) {
                assert!(
                    words(&r.lead).contains(&wanted),
                    "{lang}: {} shown for {phrase:?}: {}",
                    r.title.href,
                    r.lead
                );
            }
            // What is marked is the phrase, whole.
            let marks: Vec<String> = eval(
                &page,
                "Array.from(document.querySelectorAll('.search-results mark')).map(m => m.textContent)",
            )
            .await;
            assert!(!marks.is_empty(), "{lang}: nothing marked");
            for m in &marks {
                assert_eq!(words(m), wanted, "{lang}: {marks:?}");
            }
            let _ = page.close().await;

            // The same words the other way round: as words, the same paragraphs; as a phrase,
            // which no text writes, nothing.
            let page = search(&browser, &base, lang, reversed).await;
            assert!(
                !shown(&page).await.is_empty(),
                "{lang}: nothing for {reversed:?}"
            );
            let _ = page.close().await;
            let page = search(&browser, &base, lang, &format!("«{reversed}»")).await;
            let status: String = eval(
                &page,
                "document.querySelector('.search-status').textContent",
            )
            .await;
            assert!(
                shown(&page).await.is_empty(),
                "{lang}: «{reversed}» found: {status}"
            );
            let _ = page.close().await;
        }
    });
}

#[test]
fn a_misspelt_word_offers_the_word_of_the_texts() {
    with_browser(|browser, base| async move {
        for (lang, typed, offered) in [
            ("en", "terorism", "terrorism"),
            ("fr", "terorisme", "terrorisme"),
        ] {
            let page = search(&browser, &base, lang, typed).await;
            wait_for(&page, "!document.querySelector('.search-suggest').hidden").await;
            let link: Vec<String> = eval(
                &page,
                "(() => { const a = document.querySelector('.search-suggest a'); return [a.textContent, a.getAttribute('href'), document.querySelector('.search-suggest').textContent]; })()",
            )
            .await;
            assert_eq!(link[0], offered, "{lang}: {link:?}");
            assert_eq!(
                link[1],
                format!("/{lang}/search/?q={offered}"),
                "{lang}: the suggestion is a search of its own"
            );
            // Following it runs that search, here, and the address says so.
            eval::<bool>(
                &page,
                "document.querySelector('.search-suggest a').click(), true",
            )
            .await;
            wait_for(
                &page,
                &format!(
                    "document.getElementById('search-input').value === {offered:?} \
                     && document.querySelectorAll('.search-results a.result-page').length > 0 \
                     && new URLSearchParams(location.search).get('q') === {offered:?} \
                     && document.querySelector('.search-suggest').hidden"
                ),
            )
            .await;
            let _ = page.close().await;
        }
    });
}

#[test]
fn a_query_the_texts_do_not_have_offers_the_other_language() {
    with_browser(|browser, base| async move {
        for (lang, query, other) in [
            ("en", "sécurité énergétique", "fr"),
            ("fr", "drug trafficking", "en"),
        ] {
            let page = search(&browser, &base, lang, query).await;
            wait_for(&page, "!document.querySelector('.search-elsewhere').hidden").await;
            let found: usize = eval(
                &page,
                "document.querySelectorAll('.search-results li').length",
            )
            .await;
            assert_eq!(found, 0, "{lang}: {query:?} finds something here");
            let link: Vec<String> = eval(
                &page,
                "(() => { const a = document.querySelector('.search-elsewhere a'); return [a.getAttribute('href'), a.getAttribute('hreflang'), a.textContent]; })()",
            )
            .await;
            assert_eq!(
                link[0],
                format!("/{other}/search/?q={}", url_encode(query)),
                "{lang}: {link:?}"
            );
            assert_eq!(link[1], other);
            assert!(link[2].contains(query), "{lang}: {link:?}");
            // The other language's search runs the query and finds its paragraphs.
            page.goto(format!("{base}{}", link[0])).await.unwrap();
            page.wait_for_navigation().await.unwrap();
            settled(&page).await;
            let value: String = eval(&page, "document.getElementById('search-input').value").await;
            assert_eq!(value, query);
            let results = shown(&page).await;
            assert!(
                results
                    .iter()
                    .any(|r| is_text(&r.title.href, other) && r.title.href.contains('#')),
                "{other}: {results:?}"
            );
            let hidden: bool =
                eval(&page, "document.querySelector('.search-elsewhere').hidden").await;
            assert!(
                hidden,
                "{other}: results found, yet the other language is offered"
            );
            let _ = page.close().await;
        }
    });
}

#[test]
fn synonyms_find_what_the_texts_call_otherwise() {
    with_browser(|browser, base| async move {
        // CICA: the French text of 2007 says CIMCA; ONU: the texts write the name in full.
        for (query, written, not) in [
            ("CICA", " cimca ", " cica "),
            ("ONU", " organisation des nations unies ", " onu "),
        ] {
            let page = search(&browser, &base, "fr", query).await;
            let results = shown(&page).await;
            let other: Vec<&Link> = results
                .iter()
                .flat_map(|r| std::iter::once(&r.title).chain(&r.paragraphs))
                .filter(|l| l.target.is_some())
                .filter(|l| l.folded().contains(written) && !l.folded().contains(not))
                .collect();
            assert!(
                !other.is_empty(),
                "{query:?} finds no paragraph that says {written:?} only: {results:?}"
            );
            if query == "CICA" {
                assert!(other.iter().any(|l| l
                    .href
                    .starts_with("/fr/documents/observer-status-request-2007/#")));
            }
            let _ = page.close().await;
        }
    });
}

/// Holds back every request for the search index until `window.__release()` is called.
const HOLD_THE_INDEX: &str = "window.__hold = new Promise(r => { window.__release = r; }); \
     const real = window.fetch.bind(window); \
     window.fetch = (url, options) => String(url).includes('/search-index/') \
       ? window.__hold.then(() => real(url, options)) : real(url, options);";

#[test]
fn the_form_is_there_at_once_and_the_address_keeps_the_query() {
    with_browser(|browser, base| async move {
        for (lang, query, loading, next, topic) in [
            (
                "fr",
                "terrorisme",
                "Chargement de l'index de recherche…",
                "nations",
                "Terrorisme",
            ),
            (
                "en",
                "terrorism",
                "Loading the search index…",
                "nations",
                "Terrorism",
            ),
        ] {
            let page = browser.new_page("about:blank").await.unwrap();
            page.evaluate_on_new_document(HOLD_THE_INDEX).await.unwrap();
            page.goto(format!("{base}/{lang}/search/?q={query}"))
                .await
                .unwrap();
            page.wait_for_navigation().await.unwrap();
            wait_for(
                &page,
                "document.getElementById('search').hasAttribute('aria-busy')",
            )
            .await;
            // While the index loads: the form is shown with the query, and says it is loading.
            let state: Vec<String> = eval(
                &page,
                "(() => { const f = document.getElementById('search'); const i = document.getElementById('search-input'); \
                   return [String(f.checkVisibility() && i.checkVisibility()), i.value, f.getAttribute('aria-busy'), \
                     f.querySelector('.search-status').textContent, String(f.querySelectorAll('.search-results li').length)]; })()",
            )
            .await;
            assert_eq!(state, ["true", query, "true", loading, "0"], "{lang}");
            eval::<bool>(&page, "window.__release(), true").await;
            settled(&page).await;
            let first: String = eval(
                &page,
                "document.querySelector('.search-results a.result-page').getAttribute('href')",
            )
            .await;
            assert!(is_text(&first, lang), "{lang}: {first}");

            // Typing changes the address, without filling the history.
            let before: u32 = eval(&page, "history.length").await;
            eval::<bool>(
                &page,
                &format!("(() => {{ const i = document.getElementById('search-input'); i.value = {next:?}; i.dispatchEvent(new Event('input')); return true; }})()"),
            )
            .await;
            wait_for(
                &page,
                &format!("new URLSearchParams(location.search).get('q') === {next:?}"),
            )
            .await;
            eval::<bool>(
                &page,
                &format!("(() => {{ const s = document.getElementById('search-topic'); s.value = {topic:?}; s.dispatchEvent(new Event('change')); return true; }})()"),
            )
            .await;
            wait_for(
                &page,
                &format!("new URLSearchParams(location.search).get('topic') === {topic:?}"),
            )
            .await;
            settled(&page).await;
            let after: u32 = eval(&page, "history.length").await;
            assert_eq!(before, after, "{lang}: the query is kept by replaceState");
            let links: Vec<String> = eval(
                &page,
                "Array.from(document.querySelectorAll('.search-results a')).map(a => a.getAttribute('href'))",
            )
            .await;
            assert!(
                !links.is_empty(),
                "{lang}: nothing for {next:?} in {topic:?}"
            );

            // The address, opened again (shared), brings the same search back.
            let address: String = eval(&page, "location.href").await;
            let again = open(&browser, &address).await;
            eval::<bool>(&again, "window.__release && window.__release(), true").await;
            settled(&again).await;
            wait_for(
                &again,
                &format!(
                    "document.querySelectorAll('.search-results a').length === {}",
                    links.len()
                ),
            )
            .await;
            let restored: Vec<String> = eval(
                &again,
                "[document.getElementById('search-input').value, document.getElementById('search-topic').value]",
            )
            .await;
            assert_eq!(restored, [next, topic], "{lang}");
            let same: Vec<String> = eval(
                &again,
                "Array.from(document.querySelectorAll('.search-results a')).map(a => a.getAttribute('href'))",
            )
            .await;
            assert_eq!(same, links, "{lang}");
            let _ = again.close().await;
            let _ = page.close().await;
        }
    });
}

/// What has the focus: its tag, id or class, and its text or label.
const FOCUSED: &str = "(() => { const e = document.activeElement; \
   return [e.tagName.toLowerCase(), e.id || e.className || '', (e.labels && e.labels[0] ? e.labels[0].textContent : e.textContent).trim()]; })()";

#[test]
fn the_filters_are_named_groups_reached_from_the_keyboard() {
    with_browser(|browser, base| async move {
        // The first box of the kinds (in the language's alphabetical order), and where it
        // leads for the query.
        for (lang, query, topic, filter, kind, dimension, first, section) in [
            (
                "fr",
                "sécurité",
                "Thème",
                "Filtrer",
                "Type de page",
                "Dimension (mesures de confiance)",
                "État ou organisation",
                "states",
            ),
            (
                "en",
                "terrorism",
                "Topic",
                "Filter",
                "Type of page",
                "Dimension (confidence-building measures)",
                "Cited text",
                "references",
            ),
        ] {
            let page = search(&browser, &base, lang, query).await;
            // Two fieldsets with their legends, every box labelled; the topic list labelled.
            let groups: Vec<(String, usize, usize)> = eval(
                &page,
                "Array.from(document.querySelectorAll('#search fieldset')).map(f => [f.querySelector('legend').textContent, \
                   f.querySelectorAll('input[type=checkbox]').length, \
                   Array.from(f.querySelectorAll('input')).filter(i => i.labels.length === 1 && i.labels[0].textContent.trim()).length])",
            )
            .await;
            assert_eq!(groups.len(), 2, "{lang}: {groups:?}");
            assert_eq!(
                (groups[0].0.as_str(), groups[1].0.as_str()),
                (kind, dimension)
            );
            assert!(
                groups
                    .iter()
                    .all(|(_, n, labelled)| *n > 1 && n == labelled),
                "{groups:?}"
            );
            let label: String = eval(
                &page,
                "document.getElementById('search-topic').labels[0].textContent",
            )
            .await;
            assert_eq!(label, topic);

            // From the field: the topic, then the filters' summary, one stop for them all.
            eval::<bool>(
                &page,
                "document.getElementById('search-input').focus(), true",
            )
            .await;
            press(&page, "Tab").await;
            let focused: Vec<String> = eval(&page, FOCUSED).await;
            assert_eq!(focused[..2], ["select", "search-topic"], "{lang}");
            press(&page, "Tab").await;
            let focused: Vec<String> = eval(&page, FOCUSED).await;
            assert_eq!(focused[0], "summary", "{lang}: {focused:?}");
            assert!(focused[2].starts_with(filter), "{lang}: {focused:?}");
            press(&page, "Tab").await;
            let focused: Vec<String> = eval(&page, FOCUSED).await;
            assert_ne!(
                focused[0], "input",
                "{lang}: closed, the boxes take no Tab stop"
            );

            // Opened from the keyboard, the first box of the first group ticked with Space.
            eval::<bool>(
                &page,
                "document.querySelector('.search-more summary').focus(), true",
            )
            .await;
            press(&page, "Enter").await;
            wait_for(&page, "document.querySelector('.search-more').open").await;
            press(&page, "Tab").await;
            let focused: Vec<String> = eval(&page, FOCUSED).await;
            assert_eq!(focused[..1], ["input"], "{lang}: {focused:?}");
            assert_eq!(focused[2], first, "{lang}: {focused:?}");
            press(&page, " ").await;
            wait_for(&page, "document.activeElement.checked").await;
            let summary: String = eval(
                &page,
                "document.querySelector('.search-more summary').textContent",
            )
            .await;
            assert_eq!(summary, format!("{filter} (1)"), "{lang}");
            wait_for(
                &page,
                &format!("(() => {{ const u = Array.from(document.querySelectorAll('.search-results a.result-page')).map(a => a.getAttribute('href')); return u.length > 0 && u.every(h => h.startsWith('/{lang}/{section}/')); }})()"),
            )
            .await;
            let _ = page.close().await;
        }
    });
}
