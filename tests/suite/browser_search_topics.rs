//! The search page's topic list in headless Chromium (the browser suite's site, server and
//! browser): a topic chosen from the keyboard narrows a search to its paragraphs, and with no
//! words lists them all.

use crate::browser::{eval, open, press, wait_for, with_browser};
use crate::topics_data::listed_paragraphs;
use chromiumoxide::Page;

/// Every link of the results shown, as written.
const RESULT_LINKS: &str =
    "Array.from(document.querySelectorAll('.search-results a')).map(a => a.getAttribute('href'))";

/// The addresses of what a topic's page quotes, found on the texts' pages in the browser: each
/// paragraph its file lists, and the blocks nested in it.
async fn topic_paragraphs(page: &Page, lang: &str, topic: &str) -> Vec<String> {
    let listed: Vec<[String; 2]> = listed_paragraphs(topic)
        .into_iter()
        .map(|(doc, id)| [doc, id])
        .collect();
    let js = format!(
        "(async () => {{ const out = []; for (const [doc, id] of {listed}) {{ \
           const url = '/{lang}/documents/' + doc + '/'; \
           const html = await (await fetch(url)).text(); \
           const block = new DOMParser().parseFromString(html, 'text/html').getElementById(id); \
           out.push(url + '#' + id); \
           block.querySelectorAll('[id][data-cite]').forEach(e => out.push(url + '#' + e.id)); \
         }} return out; }})()",
        listed = serde_json::to_string(&listed).unwrap()
    );
    eval(page, &js).await
}

/// Chooses a topic from the keyboard: the list takes the focus, then the down arrow moves
/// through the topics until it is chosen.
async fn choose_topic(page: &Page, name: &str) {
    wait_for(
        page,
        "document.querySelectorAll('#search-topic option').length > 1",
    )
    .await;
    eval::<bool>(
        page,
        "document.getElementById('search-topic').focus(), true",
    )
    .await;
    for _ in 0..40 {
        let value: String = eval(page, "document.getElementById('search-topic').value").await;
        if value == name {
            return;
        }
        press(page, "ArrowDown").await;
    }
    panic!("{name:?} cannot be chosen from the keyboard");
}

#[test]
fn a_topic_narrows_the_search_to_its_paragraphs_and_lists_them() {
    with_browser(|browser, base| async move {
        for (lang, label, all, topic, query) in [
            ("fr", "Thème", "Tous les thèmes", "Terrorisme", "nations"),
            ("en", "Topic", "All topics", "Terrorism", "nations"),
        ] {
            let page = open(&browser, &format!("{base}/{lang}/search/?q={query}")).await;
            wait_for(
                &page,
                "document.querySelectorAll('.search-results a').length > 0",
            )
            .await;
            let everywhere: Vec<String> = eval(&page, RESULT_LINKS).await;

            // The list is labelled, and starts with every topic.
            let named: Vec<String> = eval(
                &page,
                "(() => { const s = document.getElementById('search-topic'); return [s.labels[0].textContent.trim(), s.options[0].textContent, s.value, String(s.closest('[hidden]') === null)]; })()",
            )
            .await;
            assert_eq!(named, [label, all, "", "true"], "{lang}");

            let allowed = topic_paragraphs(&page, lang, "terrorism").await;
            assert!(allowed.len() >= 13, "{lang}: {allowed:?}");
            let allowed_js = serde_json::to_string(&allowed).unwrap();
            choose_topic(&page, topic).await;
            // Only the topic's paragraphs: every link of every result is one.
            wait_for(
                &page,
                &format!("(() => {{ const links = {RESULT_LINKS}; const ok = {allowed_js}; return links.length > 0 && links.every(l => ok.includes(l)); }})()"),
            )
            .await;
            let narrowed: Vec<String> = eval(&page, RESULT_LINKS).await;
            assert!(
                narrowed.iter().all(|l| allowed.contains(l)),
                "{lang}: {narrowed:?} beyond {allowed:?}"
            );
            let pages = |links: &[String]| {
                let mut p: Vec<String> = links
                    .iter()
                    .map(|l| l.split('#').next().unwrap().to_string())
                    .collect();
                p.sort();
                p.dedup();
                p.len()
            };
            assert!(
                narrowed.len() < everywhere.len() && pages(&narrowed) < pages(&everywhere),
                "{lang}: without a topic, more: {narrowed:?} / {everywhere:?}"
            );

            // No words: the topic's paragraphs, every one of them.
            eval::<bool>(
                &page,
                "(() => { const i = document.getElementById('search-input'); i.value = ''; i.dispatchEvent(new Event('input')); return true; })()",
            )
            .await;
            wait_for(
                &page,
                &format!("(() => {{ const links = new Set({RESULT_LINKS}); const ok = {allowed_js}; return ok.every(l => links.has(l)) && [...links].every(l => ok.includes(l)); }})()"),
            )
            .await;
            let status: String = eval(
                &page,
                "document.querySelector('.search-status').textContent",
            )
            .await;
            assert!(
                status.contains(&allowed.len().to_string()),
                "{lang}: {status:?}"
            );

            // Every topic again: the same words find what they found.
            eval::<bool>(
                &page,
                &format!("(() => {{ const i = document.getElementById('search-input'); i.value = {query:?}; i.dispatchEvent(new Event('input')); const s = document.getElementById('search-topic'); s.value = ''; s.dispatchEvent(new Event('change')); return true; }})()"),
            )
            .await;
            wait_for(
                &page,
                &format!("(() => {{ const links = {RESULT_LINKS}; return links.length === {} && links[0] === {:?}; }})()", everywhere.len(), everywhere[0]),
            )
            .await;
        }
    });
}
