//! The browser suite: the real site, built and served on loopback by a plain static server,
//! driven in Debian's headless Chromium. Where no Chromium is found the suite says so loudly
//! and skips; under `CI=true` a missing browser (or missing test tools) is a failure.
//! Tools: `tests/browser/` holds axe-core and the Nu HTML checker (`npm ci` there).

use crate::support::{require, which, Site, StaticServer};
use chromiumoxide::browser::{Browser, BrowserConfig};
use chromiumoxide::cdp::browser_protocol::emulation::{
    SetDeviceMetricsOverrideParams, SetScriptExecutionDisabledParams,
};
use chromiumoxide::cdp::browser_protocol::input::{DispatchKeyEventParams, DispatchKeyEventType};
use chromiumoxide::cdp::browser_protocol::network::EventRequestWillBeSent;
use chromiumoxide::Page;
use futures::StreamExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

fn chromium() -> Option<PathBuf> {
    let candidates = [
        std::env::var("CHARTER_CHROMIUM").ok(),
        Some("/usr/bin/chromium".into()),
        Some("/usr/bin/chromium-browser".into()),
    ];
    let found = candidates
        .into_iter()
        .flatten()
        .map(PathBuf::from)
        .find(|p| p.is_file());
    require(found, "Debian's chromium", "apt-get install -y chromium")
}

pub(crate) fn tool(rel: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser/node_modules")
        .join(rel);
    require(
        path.is_file().then_some(path),
        rel,
        "run `npm ci` in tests/browser",
    )
}

/// The real site, built once, served by a static server.
fn served() -> &'static (Site, StaticServer) {
    static SITE: OnceLock<(Site, StaticServer)> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = Site::real();
        site.run(&["build", "--base-url", "http://127.0.0.1/"])
            .success();
        let server = StaticServer::start(site.path().join("public"));
        (site, server)
    })
}

/// Runs `f` with a fresh headless Chromium page, on a runtime of its own.
pub(crate) fn with_browser<F, Fut>(f: F)
where
    F: FnOnce(Browser, String) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let Some(chrome) = chromium() else { return };
    let (_, server) = served();
    let base = server.url("");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let profile = tempfile::tempdir().unwrap();
        let config = BrowserConfig::builder()
            .chrome_executable(chrome)
            .no_sandbox()
            .user_data_dir(profile.path())
            .args([
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ])
            .window_size(1280, 900)
            .build()
            .unwrap();
        let (browser, mut handler) = Browser::launch(config).await.expect("Chromium starts");
        let events = tokio::spawn(async move { while handler.next().await.is_some() {} });
        f(browser, base).await;
        events.abort();
    });
}

pub(crate) async fn open(browser: &Browser, url: &str) -> Page {
    let page = browser.new_page(url).await.expect("page opens");
    page.wait_for_navigation().await.expect("page loads");
    page
}

pub(crate) async fn eval<T: serde::de::DeserializeOwned>(page: &Page, js: &str) -> T {
    page.evaluate(js)
        .await
        .unwrap_or_else(|e| panic!("{js}: {e}"))
        .into_value()
        .unwrap_or_else(|e| panic!("{js}: {e}"))
}

/// Polls a JavaScript condition until it holds (pages update asynchronously; during a
/// navigation the page may not answer at all).
/// Clicks the first element matching `css`, as a reader's pointer would.
pub(crate) async fn click(page: &Page, css: &str) {
    page.find_element(css)
        .await
        .unwrap_or_else(|e| panic!("no element {css}: {e}"))
        .click()
        .await
        .unwrap();
}

pub(crate) async fn wait_for(page: &Page, js: &str) {
    for _ in 0..100 {
        if let Ok(v) = page.evaluate(js).await {
            if v.into_value::<bool>().unwrap_or(false) {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out waiting for: {js}");
}

#[test]
fn switching_language_keeps_the_paragraph() {
    with_browser(|browser, base| async move {
        let page = open(
            &browser,
            &format!("{base}/fr/documents/almaty-act-2002/#para-27"),
        )
        .await;
        click(&page, "nav.switch a").await;
        wait_for(
            &page,
            "location.pathname === '/en/documents/almaty-act-2002/'",
        )
        .await;
        assert_eq!(eval::<String>(&page, "location.hash").await, "#para-27");
        // The paragraph is in view.
        wait_for(&page, "(() => { const r = document.getElementById('para-27').getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight; })()").await;
        assert_eq!(
            eval::<String>(&page, "document.documentElement.lang").await,
            "en"
        );
    });
}

/// A paragraph's number is its one stop in the tab order and opens its tools: copying says so
/// beside the button, to screen readers, and in the address bar.
#[test]
fn copy_citation_and_copy_link() {
    with_browser(|browser, base| async move {
        let page = open(&browser, &format!("{base}/fr/documents/almaty-act-2002/")).await;
        // Closed, the tools are not in the tab order.
        assert_eq!(
            eval::<usize>(
                &page,
                "document.querySelectorAll('#para-27 .cite-button').length"
            )
            .await,
            2
        );
        assert!(
            eval::<bool>(
                &page,
                "document.querySelector('#para-27 .cite-menu').hidden"
            )
            .await
        );
        click(&page, "#para-27 a.num").await;
        wait_for(
            &page,
            "!document.querySelector('#para-27 .cite-menu').hidden",
        )
        .await;
        assert_eq!(
            eval::<String>(&page, "document.activeElement.textContent").await,
            "Copier le lien",
            "the first tool has the focus"
        );
        let buttons = page.find_elements("#para-27 .cite-button").await.unwrap();
        buttons[1].click().await.unwrap();
        wait_for(
            &page,
            "document.documentElement.hasAttribute('data-last-copied')",
        )
        .await;
        let copied: String = eval(
            &page,
            "document.documentElement.getAttribute('data-last-copied')",
        )
        .await;
        assert_eq!(
            copied,
            "Acte d'Almaty (4 juin 2002), par. 27, http://127.0.0.1/fr/documents/almaty-act-2002/#para-27"
        );
        // Seen beside the button, and the paragraph is in the address.
        wait_for(
            &page,
            "!document.querySelector('#para-27 .cite-done').hidden",
        )
        .await;
        let done: String = eval(
            &page,
            "document.querySelector('#para-27 .cite-done').textContent",
        )
        .await;
        assert_eq!(done, "Copié");
        assert_eq!(eval::<String>(&page, "location.hash").await, "#para-27");
        buttons[0].click().await.unwrap();
        wait_for(
            &page,
            "document.documentElement.getAttribute('data-last-copied').startsWith('http')",
        )
        .await;
        let copied: String = eval(
            &page,
            "document.documentElement.getAttribute('data-last-copied')",
        )
        .await;
        assert_eq!(
            copied,
            "http://127.0.0.1/fr/documents/almaty-act-2002/#para-27"
        );
        // Screen readers hear what was copied.
        let status: String =
            eval(&page, "document.getElementById('copy-status').textContent").await;
        assert!(status.contains("#para-27"), "{status}");
        // Escape closes the tools and gives the focus back to the number.
        press(&page, "Escape").await;
        wait_for(
            &page,
            "document.querySelector('#para-27 .cite-menu').hidden",
        )
        .await;
        assert!(eval::<bool>(&page, "document.activeElement.matches('#para-27 a.num')").await);
    });
}

/// A reader copies para. 20's citation, then switches language: the other language opens at
/// para. 20. The same from the side-by-side view, where the reader only scrolled to it.
#[test]
fn the_place_follows_the_reader_across_languages_and_views() {
    with_browser(|browser, base| async move {
        let page = open(&browser, &format!("{base}/en/documents/almaty-act-2002/")).await;
        click(&page, "#para-20 a.num").await;
        wait_for(
            &page,
            "!document.querySelector('#para-20 .cite-menu').hidden",
        )
        .await;
        page.find_elements("#para-20 .cite-button").await.unwrap()[1]
            .click()
            .await
            .unwrap();
        wait_for(
            &page,
            "document.documentElement.hasAttribute('data-last-copied')",
        )
        .await;
        click(&page, "nav.switch a").await;
        wait_for(
            &page,
            "location.pathname === '/fr/documents/almaty-act-2002/'",
        )
        .await;
        assert_eq!(eval::<String>(&page, "location.hash").await, "#para-20");
        wait_for(&page, "(() => { const r = document.getElementById('para-20').getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight; })()").await;

        // Side by side: the same citation tools, citing the text's page.
        let page = open(
            &browser,
            &format!("{base}/fr/documents/almaty-act-2002/parallel/"),
        )
        .await;
        click(&page, "#para-20 .pcell > a.self").await;
        wait_for(
            &page,
            "!document.querySelector('#para-20 .cite-menu').hidden",
        )
        .await;
        page.find_elements("#para-20 .cite-menu .cite-button")
            .await
            .unwrap()[1]
            .click()
            .await
            .unwrap();
        wait_for(
            &page,
            "document.documentElement.hasAttribute('data-last-copied')",
        )
        .await;
        assert_eq!(
            eval::<String>(
                &page,
                "document.documentElement.getAttribute('data-last-copied')"
            )
            .await,
            "Acte d'Almaty (4 juin 2002), par. 20, http://127.0.0.1/fr/documents/almaty-act-2002/#para-20"
        );
        // Then scroll to para. 20, follow the link to the English text.
        let page = open(
            &browser,
            &format!("{base}/fr/documents/almaty-act-2002/parallel/"),
        )
        .await;
        eval::<bool>(
            &page,
            "(document.getElementById('para-20').scrollIntoView(), true)",
        )
        .await;
        wait_for(&page, "document.querySelector('a[data-keep-place][hreflang], .parallel a[data-keep-place]').href.endsWith('#para-20')").await;
        eval::<bool>(&page, "(Array.from(document.querySelectorAll('a[data-keep-place]')).find(a => a.textContent === 'English').click(), true)").await;
        wait_for(
            &page,
            "location.pathname === '/en/documents/almaty-act-2002/'",
        )
        .await;
        assert_eq!(eval::<String>(&page, "location.hash").await, "#para-20");
    });
}

/// A reader types a paragraph's number and lands on it: "20" in the Almaty Act, "II 1" where
/// numbering restarts in each part; a number the text does not have is said so.
#[test]
fn go_to_a_paragraph_by_its_number() {
    with_browser(|browser, base| async move {
        for (path, asked, id) in [
            ("/en/documents/almaty-act-2002/", "20", "para-20"),
            (
                "/fr/documents/anniversary-declaration-2017/",
                "II 1",
                "ii-para-1",
            ),
        ] {
            let page = open(&browser, &format!("{base}{path}")).await;
            let input = page.find_element("form.goto input").await.unwrap();
            input.click().await.unwrap();
            input.type_str(asked).await.unwrap();
            press(&page, "Enter").await;
            wait_for(&page, &format!("location.hash === '#{id}'")).await;
            wait_for(&page, &format!("(() => {{ const r = document.getElementById('{id}').getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight; }})()")).await;
        }
        let page = open(&browser, &format!("{base}/en/documents/almaty-act-2002/")).await;
        let input = page.find_element("form.goto input").await.unwrap();
        input.click().await.unwrap();
        input.type_str("99").await.unwrap();
        press(&page, "Enter").await;
        wait_for(
            &page,
            "document.querySelector('.goto-status').textContent.includes('99')",
        )
        .await;
        assert_eq!(eval::<String>(&page, "location.hash").await, "");
    });
}

/// The catalogue at a glance fits a desktop: every dimension's column in view, no scrolling.
#[test]
fn the_matrix_shows_all_its_columns_at_1280_px() {
    with_browser(|browser, base| async move {
        for lang in ["fr", "en"] {
            let page = open_sized(&browser, &format!("{base}/{lang}/cbms/"), 1280, 800, true).await;
            let (scroll, client): (f64, f64) = eval(
                &page,
                "(b => [b.scrollWidth, b.clientWidth])(document.querySelector('.matrix-wrap'))",
            )
            .await;
            assert!(
                scroll <= client,
                "{lang}: the matrix scrolls ({scroll} > {client})"
            );
            let columns: usize = eval(
                &page,
                "document.querySelectorAll('.matrix thead th').length",
            )
            .await;
            assert!(columns >= 3, "{lang}: {columns} columns");
        }
    });
}

/// From the top of any page, the second Tab press reaches the search field (the first is the
/// skip link), and the field sends its words to the search page.
#[test]
fn the_search_field_is_two_tab_presses_away_on_every_page() {
    with_browser(|browser, base| async move {
        let page = browser.new_page("about:blank").await.unwrap();
        let mut failures = Vec::new();
        for path in every_page() {
            goto(&page, &format!("{base}{path}")).await;
            press(&page, "Tab").await;
            press(&page, "Tab").await;
            if !eval::<bool>(
                &page,
                "document.activeElement.matches('header.site input[name=q]')",
            )
            .await
            {
                let at: String = eval(&page, "document.activeElement.outerHTML.slice(0, 80)").await;
                failures.push(format!("{path}: the second Tab reaches {at}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        let form: String = eval(
            &page,
            "document.querySelector('header.site form.site-search').getAttribute('action')",
        )
        .await;
        assert!(form.ends_with("/search/"), "{form}");
    });
}

/// A paragraph quoted on a topic's page is cited as the text cites it: its citation and the
/// address of its anchor in the text, not the topic page's.
#[test]
fn a_quote_on_a_topic_page_copies_the_citation_of_its_paragraph() {
    with_browser(|browser, base| async move {
        let page = open(&browser, &format!("{base}/en/topics/terrorism/")).await;
        let quote = "figure.quote[data-cite-href$='/en/documents/almaty-act-2002/#para-16']";
        click(&page, &format!("{quote} .cite-open")).await;
        let buttons = page
            .find_elements(format!("{quote} .cite-menu .cite-button"))
            .await
            .unwrap();
        assert_eq!(buttons.len(), 2, "copy link and copy citation");
        buttons[1].click().await.unwrap();
        wait_for(
            &page,
            "document.documentElement.hasAttribute('data-last-copied')",
        )
        .await;
        let copied: String = eval(
            &page,
            "document.documentElement.getAttribute('data-last-copied')",
        )
        .await;
        assert_eq!(
            copied,
            "Almaty Act (4 June 2002), para. 16, http://127.0.0.1/en/documents/almaty-act-2002/#para-16"
        );
        // The caption leads to the paragraph in its text.
        let href: String = eval(
            &page,
            &format!("document.querySelector(\"{quote} figcaption a\").getAttribute('href')"),
        )
        .await;
        assert_eq!(href, "/en/documents/almaty-act-2002/#para-16");
    });
}

/// Opens `url` in a window of `width`×`height` CSS pixels, with or without JavaScript.
async fn open_sized(browser: &Browser, url: &str, width: i64, height: i64, script: bool) -> Page {
    let page = browser.new_page("about:blank").await.expect("page opens");
    page.execute(SetDeviceMetricsOverrideParams::new(
        width, height, 1., false,
    ))
    .await
    .unwrap();
    if !script {
        page.execute(SetScriptExecutionDisabledParams::new(true))
            .await
            .unwrap();
    }
    page.goto(url).await.expect("page opens");
    page.wait_for_navigation().await.expect("page loads");
    page
}

/// Where an element is: `[left, top, right, bottom, width, height]` in the window, or nothing.
async fn rect(page: &Page, css: &str) -> Option<[f64; 6]> {
    eval(
        page,
        &format!(
            "(() => {{ const e = document.querySelector({css:?}); if (!e) return null; const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, r.width, r.height]; }})()"
        ),
    )
    .await
}

/// Whether the element `{id}` is the page's fragment and its top near the top of the window,
/// below the parallel view's column heads where they stay in view.
const LANDS_AT_TOP: &str = "(() => { const t = document.getElementById('{id}').getBoundingClientRect().top; const h = document.querySelector('.parallel-head'); const below = h && h.checkVisibility() ? h.getBoundingClientRect().bottom : 0; return location.hash === '#{id}' && t >= below - 1 && t < below + 60; })()";

/// Whether the outline's first entry is rendered (a closed disclosure skips its content, which
/// keeps a size all the same).
const VISIBLE_ENTRY: &str =
    "document.querySelector('nav.outline details > ol a').checkVisibility()";

/// The page is no wider than the window, and neither is the outline.
async fn assert_no_sideways_scroll(page: &Page, width: f64, what: &str) {
    let nav = rect(page, "nav.outline").await.expect("an outline");
    assert!(
        nav[0] >= 0. && nav[2] <= width,
        "{what}: the outline spans {nav:?} in a window {width}px wide"
    );
    let overflow: bool = eval(
        page,
        "(() => { const n = document.querySelector('nav.outline'); return n.scrollWidth > n.clientWidth + 1; })()",
    )
    .await;
    assert!(!overflow, "{what}: the outline's content overflows it");
}

#[test]
fn the_outline_sits_beside_the_text_on_a_wide_screen_and_its_links_lead_to_the_parts() {
    let axe = tool("axe-core/axe.min.js").map(|p| std::fs::read_to_string(p).unwrap());
    with_browser(|browser, base| async move {
        for (lang, label) in [("fr", "Plan du texte"), ("en", "Outline")] {
            for path in ["", "parallel/"] {
                let url = format!("{base}/{lang}/documents/almaty-act-2002/{path}");
                let page = open_sized(&browser, &url, 1280, 800, true).await;
                let what = format!("{lang} {path}");
                assert_eq!(
                    eval::<String>(
                        &page,
                        "document.querySelector('nav.outline').getAttribute('aria-label')"
                    )
                    .await,
                    label
                );
                // Open, beside the text and in the window, its entries visible.
                wait_for(&page, "document.querySelector('nav.outline details').open").await;
                let nav = rect(&page, "nav.outline").await.unwrap();
                let text = rect(&page, "article > .text").await.unwrap();
                assert!(
                    nav[0] >= text[2],
                    "{what}: the outline {nav:?} is not beside the text {text:?}"
                );
                assert!(
                    nav[1] >= 0. && nav[1] < 200. && nav[2] <= 1280.,
                    "{what}: {nav:?}"
                );
                assert!(
                    eval::<bool>(&page, VISIBLE_ENTRY).await,
                    "{what}: entries hidden"
                );
                let first = rect(&page, "nav.outline a").await.unwrap();
                assert!(first[1] < 800., "{what}: first entry {first:?}");
                // A click on part IV brings its heading to the top of the window, the outline
                // stays in view beside it, and marks the part.
                click(&page, "nav.outline a[href='#iv']").await;
                wait_for(&page, "location.hash === '#iv'").await;
                wait_for(&page, &LANDS_AT_TOP.replace("{id}", "iv")).await;
                let nav = rect(&page, "nav.outline").await.unwrap();
                assert!(
                    nav[1] >= 0. && nav[1] < 60.,
                    "{what}: the outline scrolled away: {nav:?}"
                );
                wait_for(
                    &page,
                    "document.querySelector('nav.outline a[aria-current=\"location\"]')?.getAttribute('href') === '#iv'",
                )
                .await;
                // Reading on into part IV's first section marks that section, and only it.
                eval::<bool>(
                    &page,
                    "document.getElementById('para-30').scrollIntoView(), true",
                )
                .await;
                wait_for(
                    &page,
                    "(() => { const c = document.querySelectorAll('nav.outline [aria-current]'); return c.length === 1 && c[0].getAttribute('href') === '#iv-1'; })()",
                )
                .await;
                if let Some(axe) = &axe {
                    page.evaluate(axe.as_str()).await.expect("axe loads");
                    let result: serde_json::Value = eval(&page, AXE_RUN).await;
                    assert_eq!(result, serde_json::json!([]), "{what}: axe at 1280px");
                }
                let _ = page.close().await;
            }
            // Without JavaScript, the list shows beside the text all the same.
            let url = format!("{base}/{lang}/documents/almaty-act-2002/");
            let page = open_sized(&browser, &url, 1280, 800, false).await;
            let nav = rect(&page, "nav.outline").await.unwrap();
            let text = rect(&page, "article > .text").await.unwrap();
            assert!(nav[0] >= text[2], "{lang} without JS: {nav:?} {text:?}");
            assert!(
                eval::<bool>(&page, VISIBLE_ENTRY).await,
                "{lang} without JS: the list is hidden"
            );
            let _ = page.close().await;
        }
    });
}

#[test]
fn the_outline_is_a_closed_disclosure_above_the_text_on_a_phone() {
    with_browser(|browser, base| async move {
        for lang in ["fr", "en"] {
            for path in ["", "parallel/"] {
                let url = format!("{base}/{lang}/documents/almaty-act-2002/{path}");
                let page = open_sized(&browser, &url, 320, 640, true).await;
                let what = format!("{lang} {path} at 320px");
                let nav = rect(&page, "nav.outline").await.unwrap();
                let text = rect(&page, "article > .text").await.unwrap();
                assert!(
                    nav[3] <= text[1],
                    "{what}: the outline {nav:?} is not above the text {text:?}"
                );
                assert!(
                    !eval::<bool>(&page, "document.querySelector('nav.outline details').open")
                        .await,
                    "{what}: open"
                );
                assert!(
                    !eval::<bool>(&page, VISIBLE_ENTRY).await,
                    "{what}: entries shown while closed"
                );
                assert_no_sideways_scroll(&page, 320., &what).await;
                click(&page, "nav.outline summary").await;
                wait_for(&page, "document.querySelector('nav.outline details').open").await;
                assert!(
                    eval::<bool>(&page, VISIBLE_ENTRY).await,
                    "{what}: entries hidden once open"
                );
                assert_no_sideways_scroll(&page, 320., &format!("{what}, open")).await;
                // An entry leads to its part.
                click(&page, "nav.outline a[href='#ii']").await;
                wait_for(&page, &LANDS_AT_TOP.replace("{id}", "ii")).await;
                let _ = page.close().await;
            }
        }
    });
}

/// Searches, then waits until the results that should come have come (the script fills its
/// list progressively), and returns every result link shown.
async fn search(
    browser: &Browser,
    base: &str,
    lang: &str,
    query: &str,
    expected: &[&str],
) -> Vec<String> {
    let page = open(
        browser,
        &format!("{base}/{lang}/search/?q={}", query.replace(' ', "%20")),
    )
    .await;
    let js = "Array.from(document.querySelectorAll('.search-results a')).map(a => a.getAttribute('href'))";
    let mut links: Vec<String> = Vec::new();
    for _ in 0..100 {
        links = page
            .evaluate(js)
            .await
            .ok()
            .and_then(|v| v.into_value().ok())
            .unwrap_or_default();
        if expected
            .iter()
            .all(|e| links.iter().any(|l| l.starts_with(e)))
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    links
}

#[test]
fn bilingual_search_leads_to_paragraphs() {
    with_browser(|browser, base| async move {
        let mut found = Vec::new();
        for (lang, query) in [("fr", "sécurité énergétique"), ("en", "energy security")] {
            let expected = [
                format!("/{lang}/cbms/economy-3/"),
                format!("/{lang}/documents/summit-declaration-2006/#"),
            ];
            let links = search(
                &browser,
                &base,
                lang,
                query,
                &expected.iter().map(String::as_str).collect::<Vec<_>>(),
            )
            .await;
            for e in &expected {
                assert!(
                    links.iter().any(|u| u.starts_with(e.as_str())),
                    "{lang}: no {e} in {links:?}"
                );
            }
            found.push(links);
        }
        let (fr, en) = (&found[0], &found[1]);
        assert!(
            fr.iter().all(|u| u.starts_with("/fr/")) && en.iter().all(|u| u.starts_with("/en/")),
            "each language searches its own index"
        );
    });
}

/// What a result shows: the words that matched marked in its excerpts, whatever their accents
/// and endings; and a filter narrows the results to its kind.
#[test]
fn search_marks_the_words_found_and_filters_narrow_the_results() {
    with_browser(|browser, base| async move {
        for (lang, query, kind) in [
            ("fr", "securite energetiques", "Mesure de confiance"),
            ("en", "energy secure", "Confidence-building measure"),
        ] {
            let page = open(
                &browser,
                &format!("{base}/{lang}/search/?q={}", query.replace(' ', "%20")),
            )
            .await;
            wait_for(
                &page,
                "document.querySelectorAll('.search-results .result-paragraph mark').length > 0",
            )
            .await;
            let marks: Vec<String> = eval(
                &page,
                "Array.from(document.querySelectorAll('.search-results mark')).map(m => m.textContent)",
            )
            .await;
            for mark in &marks {
                let folded = charter::search::text::fold(mark);
                assert!(
                    folded.starts_with("secur") || folded.starts_with("energ"),
                    "{lang}: {mark:?} marked for {query:?} in {marks:?}"
                );
            }
            assert!(
                marks.iter().any(|m| !m.is_ascii()) || lang == "en",
                "{lang}: the words are marked as the text writes them, accents and all: {marks:?}"
            );
            let all: Vec<String> = eval(&page, RESULT_PAGES).await;
            assert!(
                all.iter()
                    .any(|u| !u.starts_with(&format!("/{lang}/cbms/"))),
                "{lang}: {all:?}"
            );
            let click = format!(
                "Array.from(document.querySelectorAll('.search-filter')).find(l => l.textContent.trim() === {kind:?}).querySelector('input').click(), true"
            );
            eval::<bool>(&page, &click).await;
            wait_for(
                &page,
                &format!("(() => {{ const u = {RESULT_PAGES}; return u.length > 0 && u.every(h => h.startsWith('/{lang}/cbms/')); }})()"),
            )
            .await;
        }
    });
}

/// The pages of the results shown, as links write them.
const RESULT_PAGES: &str =
    "Array.from(document.querySelectorAll('.search-results a.result-page')).map(a => a.getAttribute('href'))";

const PAGE_TYPES: [&str; 15] = [
    "/",
    "/404.html",
    "/{l}/",
    "/{l}/documents/",
    "/{l}/documents/almaty-act-2002/",
    "/{l}/documents/observer-status-request-2007/parallel/",
    "/{l}/cbms/",
    "/{l}/cbms/economy-3/",
    "/{l}/states/",
    "/{l}/states/kazakhstan/",
    "/{l}/topics/",
    "/{l}/topics/terrorism/",
    "/{l}/references/",
    "/{l}/references/declaration-on-principles-1999/",
    "/{l}/search/",
];

/// Runs axe-core (injected in the page) on the WCAG 2.2 AA rules: its violations, each with the
/// first three places.
const AXE_RUN: &str = "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }).then(r => r.violations.map(v => ({ id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })))";

#[test]
fn every_page_type_passes_axe_and_loads_nothing_from_elsewhere() {
    let Some(axe) = tool("axe-core/axe.min.js") else {
        return;
    };
    let axe = std::fs::read_to_string(axe).unwrap();
    with_browser(|browser, base| async move {
        let mut failures = Vec::new();
        // On a desktop, then on a phone with the menu open (what only a narrow screen shows:
        // the menu, the tables scrolling in their boxes).
        for (phone, size) in [(false, SCREENS[1]), (true, SCREENS[0])] {
            for path in every_page() {
                let page = browser.new_page("about:blank").await.unwrap();
                screen(&page, size).await;
                let requests = Arc::new(Mutex::new(Vec::new()));
                let mut stream = page
                    .event_listener::<EventRequestWillBeSent>()
                    .await
                    .unwrap();
                let seen = requests.clone();
                let listener = tokio::spawn(async move {
                    while let Some(e) = stream.next().await {
                        seen.lock().unwrap().push(e.request.url.clone());
                    }
                });
                page.evaluate_on_new_document(
                    "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));",
                )
                .await
                .unwrap();
                page.goto(format!("{base}{path}")).await.unwrap();
                page.wait_for_navigation().await.unwrap();
                tokio::time::sleep(Duration::from_millis(300)).await;
                let path = format!("{path} ({}px)", size.0);
                if phone {
                    eval::<bool>(
                        &page,
                        "document.querySelectorAll('details.menu').forEach(d => d.open = true), true",
                    )
                    .await;
                }
                page.evaluate(axe.as_str()).await.expect("axe loads");
                let result: serde_json::Value = eval(&page, AXE_RUN).await;
                assert!(result.is_array(), "{path}: axe did not run: {result}");
                if result.as_array().is_some_and(|v| !v.is_empty()) {
                    failures.push(format!("{path}: {result}"));
                }
                let blocked: Vec<String> = eval(&page, "window.__csp || []").await;
                for b in blocked {
                    failures.push(format!("{path}: blocked by the CSP: {b}"));
                }
                listener.abort();
                for url in requests.lock().unwrap().iter() {
                    if !(url.starts_with(&base)
                        || url.starts_with("data:")
                        || url.starts_with("blob:")
                        || url == "about:blank")
                    {
                        failures.push(format!("{path} requested {url}"));
                    }
                }
                let _ = page.close().await;
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    });
}

#[test]
fn the_nu_html_checker_finds_no_error() {
    let Some(vnu) = tool("vnu-jar/build/dist/vnu.jar") else {
        return;
    };
    let java = which("java");
    let Some(java) = require(java, "java", "apt-get install -y default-jre-headless") else {
        return;
    };
    let (site, _) = served();
    let out = std::process::Command::new(java)
        .args(["-jar"])
        .arg(vnu)
        .args(["--errors-only", "--skip-non-html", "--format", "text"])
        .arg(site.path().join("public"))
        .output()
        .expect("vnu runs");
    let report =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "vnu reports errors:\n{report}");
}

/// The screens every page must fit without scrolling sideways: a 320 px phone (the width of
/// WCAG 2.1's reflow criterion, 1.4.10), a desktop, and the desktop at 200% zoom (640 CSS px
/// at twice the pixels), as width, height and device pixels per CSS pixel.
const SCREENS: [(i64, i64, f64); 3] = [(320, 640, 1.0), (1280, 800, 1.0), (640, 400, 2.0)];

/// The pages of every type, in both languages (the chooser and the 404 page are bilingual).
fn every_page() -> Vec<String> {
    let mut paths = Vec::new();
    for lang in ["fr", "en"] {
        for pattern in PAGE_TYPES {
            if pattern.contains("{l}") || lang == "fr" {
                paths.push(pattern.replace("{l}", lang));
            }
        }
    }
    paths
}

async fn screen(page: &Page, (width, height, scale): (i64, i64, f64)) {
    page.execute(SetDeviceMetricsOverrideParams::new(
        width, height, scale, false,
    ))
    .await
    .expect("the screen size is set");
}

/// Presses a key as a keyboard does (Tab, Enter, " ", an arrow, Escape), on whatever has the
/// focus.
pub(crate) async fn press(page: &Page, key: &str) {
    let (name, code, text) = match key {
        "Tab" => ("Tab", 9, None),
        "Enter" => ("Enter", 13, Some("\r")),
        " " => ("Space", 32, Some(" ")),
        "ArrowRight" => ("ArrowRight", 39, None),
        "ArrowDown" => ("ArrowDown", 40, None),
        "Escape" => ("Escape", 27, None),
        _ => panic!("no key {key}"),
    };
    let event = |kind| {
        DispatchKeyEventParams::builder()
            .r#type(kind)
            .key(key)
            .code(name)
            .windows_virtual_key_code(code)
            .native_virtual_key_code(code)
    };
    page.execute(event(DispatchKeyEventType::RawKeyDown).build().unwrap())
        .await
        .unwrap();
    if let Some(text) = text {
        let char = event(DispatchKeyEventType::Char).text(text);
        page.execute(char.build().unwrap()).await.unwrap();
    }
    page.execute(event(DispatchKeyEventType::KeyUp).build().unwrap())
        .await
        .unwrap();
}

async fn goto(page: &Page, url: &str) {
    page.goto(url)
        .await
        .unwrap_or_else(|e| panic!("{url}: {e}"));
    page.wait_for_navigation().await.unwrap();
}

/// How far the page scrolls sideways: the width of its content beyond the width it is shown
/// in (the viewport less any scroll bar), 0 when it does not.
const OVERFLOW: &str =
    "document.scrollingElement.scrollWidth - Math.min(innerWidth, document.documentElement.clientWidth)";

/// What is wrong with an element that must be in view: missing, hidden, empty or out of the
/// viewport's width. Empty when nothing is.
fn in_view(selector: &str) -> String {
    format!(
        "(() => {{ const e = document.querySelector({selector:?}); if (!e) return 'missing'; \
         if (!e.checkVisibility({{ visibilityProperty: true, opacityProperty: true }})) return 'hidden'; \
         const r = e.getBoundingClientRect(); \
         if (r.width < 1 || r.height < 1) return 'empty: ' + r.width + 'x' + r.height; \
         if (r.left < 0 || r.right > document.documentElement.clientWidth) return 'outside: ' + r.left + '..' + r.right; \
         return ''; }})()"
    )
}

/// The two links every page keeps in view, whatever its width: the search, and the language
/// switch (on the pages that have another language: not the chooser nor the 404 page).
const SEARCH: &str = "header.site .nav-search";
const SWITCH: &str = "header.site nav.switch a";

/// WCAG 2.1 reflow (1.4.10): on every page type, in both languages, on a phone, a desktop and
/// a desktop at 200% zoom, the page never scrolls sideways, and the search and the language
/// switch are shown and reached with the Tab key from the top of the page.
#[test]
fn every_page_fits_its_screen_and_keeps_search_and_language_in_reach() {
    with_browser(|browser, base| async move {
        let mut failures = Vec::new();
        for size in SCREENS {
            let page = browser.new_page("about:blank").await.unwrap();
            screen(&page, size).await;
            let at = format!("{}x{}@{}", size.0, size.1, size.2);
            for path in every_page() {
                goto(&page, &format!("{base}{path}")).await;
                let overflow: f64 = eval(&page, OVERFLOW).await;
                if overflow > 0.0 {
                    failures.push(format!("{at} {path}: scrolls {overflow} px sideways"));
                }
                let has_switch = path.starts_with("/fr/") || path.starts_with("/en/");
                let mut wanted = vec![("search", SEARCH)];
                if has_switch {
                    wanted.push(("language switch", SWITCH));
                }
                for (name, selector) in &wanted {
                    let problem: String = eval(&page, &in_view(selector)).await;
                    if !problem.is_empty() {
                        failures.push(format!("{at} {path}: the {name} is {problem}"));
                    }
                }
                // From the top of the page, Tab by Tab: each link gets the focus, in view.
                let mut reached: Vec<&str> = Vec::new();
                for _ in 0..15 {
                    press(&page, "Tab").await;
                    for (name, selector) in &wanted {
                        let focused: bool = eval(
                            &page,
                            &format!("document.activeElement.matches({selector:?})"),
                        )
                        .await;
                        if focused && !reached.contains(name) {
                            reached.push(name);
                            let problem: String = eval(&page, &in_view(selector)).await;
                            if !problem.is_empty() {
                                failures
                                    .push(format!("{at} {path}: the focused {name} is {problem}"));
                            }
                        }
                    }
                    if reached.len() == wanted.len() {
                        break;
                    }
                }
                for (name, _) in &wanted {
                    if !reached.contains(name) {
                        failures.push(format!("{at} {path}: Tab never reaches the {name}"));
                    }
                }
            }
            let _ = page.close().await;
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    });
}

/// On a phone the sections fold into a "Menu" disclosure that opens from the keyboard with no
/// script at all; on a desktop they show in a row, each reached with Tab.
#[test]
fn the_menu_folds_on_a_phone_and_opens_without_javascript() {
    with_browser(|browser, base| async move {
        let page = browser.new_page("about:blank").await.unwrap();
        page.execute(SetScriptExecutionDisabledParams::new(true))
            .await
            .unwrap();
        for (lang, states) in [
            ("fr", "États et organisations"),
            ("en", "States and organizations"),
        ] {
            let sections = format!("header.site .menu a[href$='/{lang}/states/']");
            screen(&page, SCREENS[0]).await;
            goto(&page, &format!("{base}/{lang}/documents/almaty-act-2002/")).await;
            assert_eq!(
                eval::<usize>(&page, "document.querySelectorAll('.cite-button').length").await,
                0,
                "scripts are off"
            );
            assert_eq!(eval::<String>(&page, &in_view(&sections)).await, "hidden");
            assert_eq!(eval::<String>(&page, &in_view(".menu > summary")).await, "");
            // Tab to the summary, Enter: the menu opens, and Tab goes through its links.
            let mut on_summary = false;
            for _ in 0..5 {
                press(&page, "Tab").await;
                on_summary = eval(&page, "document.activeElement.matches('.menu > summary')").await;
                if on_summary {
                    break;
                }
            }
            assert!(on_summary, "{lang}: Tab reaches the menu");
            press(&page, "Enter").await;
            wait_for(&page, "document.querySelector('.menu').open").await;
            assert_eq!(
                eval::<String>(&page, &in_view(&sections)).await,
                "",
                "{lang}"
            );
            let mut focused = Vec::new();
            for _ in 0..4 {
                press(&page, "Tab").await;
                focused
                    .push(eval::<String>(&page, "document.activeElement.textContent.trim()").await);
            }
            assert_eq!(
                focused.last().map(String::as_str),
                Some(states),
                "{lang}: {focused:?}"
            );
            let overflow: f64 = eval(&page, OVERFLOW).await;
            assert!(
                overflow <= 0.0,
                "{lang}: the open menu scrolls {overflow} px sideways"
            );

            // A desktop: no summary, the sections in a row, in the tab order.
            screen(&page, SCREENS[1]).await;
            goto(&page, &format!("{base}/{lang}/documents/almaty-act-2002/")).await;
            assert_eq!(
                eval::<String>(&page, &in_view(".menu > summary")).await,
                "hidden"
            );
            assert_eq!(
                eval::<String>(&page, &in_view(&sections)).await,
                "",
                "{lang}"
            );
            // On one line: the same middle (a link alone in its box is as high as the line).
            let middles: Vec<f64> = eval(
                &page,
                "Array.from(document.querySelectorAll('header.site .menu a, header.site .nav-search, header.site nav.switch a')).filter(a => a.offsetParent !== null).map(a => { const r = a.getBoundingClientRect(); return (r.top + r.bottom) / 2; })",
            )
            .await;
            assert!(
                middles.len() == 8 && middles.iter().all(|m| (m - middles[0]).abs() < 1.0),
                "{lang}: one row: {middles:?}"
            );
            let mut reached = false;
            for _ in 0..8 {
                press(&page, "Tab").await;
                reached = eval(
                    &page,
                    &format!("document.activeElement.matches({sections:?})"),
                )
                .await;
                if reached {
                    break;
                }
            }
            assert!(reached, "{lang}: Tab reaches {states} on a desktop");
        }
    });
}

/// A table wider than a phone scrolls in its own box, which the keyboard can reach and which a
/// screen reader names, while the page itself stays put; the catalogue's matrix becomes a
/// list per state instead.
#[test]
fn wide_tables_scroll_in_their_own_named_focusable_box() {
    with_browser(|browser, base| async move {
        let page = browser.new_page("about:blank").await.unwrap();
        screen(&page, SCREENS[0]).await;
        for lang in ["fr", "en"] {
            for path in [
                format!("/{lang}/cbms/"),
                format!("/{lang}/documents/observer-status-request-2007/"),
            ] {
                goto(&page, &format!("{base}{path}")).await;
                let boxes: Vec<serde_json::Value> = eval(
                    &page,
                    "Array.from(document.querySelectorAll('main table')).map(t => { const b = t.parentElement; \
                     const label = b.getAttribute('aria-label') || (document.getElementById(b.getAttribute('aria-labelledby')) || {}).textContent || ''; \
                     return { box: b.matches('.table'), matrix: b.matches('.matrix-wrap'), role: b.getAttribute('role'), tabindex: b.tabIndex, label: label.trim(), \
                     overflow: getComputedStyle(b).overflowX, scrolls: b.scrollWidth > b.clientWidth }; })",
                )
                .await;
                assert!(!boxes.is_empty(), "{path}: no table");
                for b in &boxes {
                    assert_eq!(b["box"], true, "{path}: {b}");
                    assert_eq!(b["role"], "region", "{path}: {b}");
                    assert_eq!(b["tabindex"], 0, "{path}: {b}");
                    // The catalogue's matrix is a list per state on a phone (below).
                    if !b["matrix"].as_bool().unwrap_or(false) {
                        assert_eq!(b["overflow"], "auto", "{path}: {b}");
                    }
                    assert!(
                        b["label"].as_str().is_some_and(|l| l.len() > 5),
                        "{path}: {b}"
                    );
                }
                let overflow: f64 = eval(&page, OVERFLOW).await;
                assert!(overflow <= 0.0, "{path}: scrolls {overflow} px sideways");
            }
            // The catalogue's matrix becomes one list per state: each row within the column,
            // each dimension a state coordinates named beside its measures, none as dashes.
            goto(&page, &format!("{base}/{lang}/cbms/")).await;
            let rows: Vec<serde_json::Value> = eval(
                &page,
                "Array.from(document.querySelectorAll('.matrix tbody tr')).map(r => { const w = document.querySelector('.matrix-wrap').getBoundingClientRect(); const b = r.getBoundingClientRect(); \
                 const cells = Array.from(r.querySelectorAll('td')).filter(td => td.offsetParent !== null); \
                 return { fits: b.left >= w.left - 1 && b.right <= w.right + 1, \
                 labels: cells.map(td => getComputedStyle(td, '::before').content), \
                 dashes: cells.filter(td => td.textContent.includes('—')).length, \
                 cells: cells.length }; })",
            )
            .await;
            assert!(rows.len() >= 5, "{lang}: {rows:?}");
            for r in &rows {
                assert_eq!(r["fits"], true, "{lang}: {r}");
                assert_eq!(r["dashes"], 0, "{lang}: {r}");
                assert!(r["cells"].as_u64().unwrap_or(0) >= 1, "{lang}: {r}");
                for label in r["labels"].as_array().unwrap() {
                    assert!(label.as_str().is_some_and(|l| l.len() > 6), "{lang}: {r}");
                }
            }
            let scrolls: bool = eval(
                &page,
                "(b => b.scrollWidth > b.clientWidth)(document.querySelector('.matrix-wrap'))",
            )
            .await;
            assert!(!scrolls, "{lang}: the matrix scrolls on a phone");
        }
    });
}

/// A word longer than the line (a UN symbol, a URL, a long compound) breaks rather than
/// widen the page: one is added to every kind of text of every page type, on a phone and at
/// 200% zoom.
#[test]
fn long_words_break_rather_than_widen_the_page() {
    const LONG: &str = "A/60/910-S/2006/444/A/60/910-S/2006/444/https://example.org/une/adresse/sans/espace/interdépartementalisation-anticonstitutionnellement";
    let inject = format!(
        "(() => {{ for (const sel of ['h1', 'h2', 'h3', '.brand', 'summary', '.nav-search', 'nav.switch a', '.kind', '.lead', \
         'p', 'li', 'dt', 'dd', 'blockquote', '.pcell', 'figcaption', 'label', '.matrix-caption', 'q', 'footer p']) \
         document.querySelectorAll(sel).forEach((e, i) => {{ if (i < 4) e.append(' ' + {LONG:?}); }}); return true; }})()"
    );
    with_browser(|browser, base| async move {
        let mut failures = Vec::new();
        for size in [SCREENS[0], SCREENS[2]] {
            let page = browser.new_page("about:blank").await.unwrap();
            screen(&page, size).await;
            for path in every_page() {
                goto(&page, &format!("{base}{path}")).await;
                eval::<bool>(&page, &inject).await;
                let overflow: f64 = eval(&page, OVERFLOW).await;
                if overflow > 0.0 {
                    failures.push(format!(
                        "{}px {path}: scrolls {overflow} px sideways",
                        size.0
                    ));
                }
            }
            let _ = page.close().await;
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    });
}
