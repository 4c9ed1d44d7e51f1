// Progressive enhancement only: every feature here has a plain-HTML fallback.
(function () {
  "use strict";
  var body = document.body;

  // The language switcher is a plain link to the same page in the other language. With
  // JavaScript, it also keeps the paragraph the reader is at (the #fragment): ids are the
  // same in every language.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-keep-fragment]");
    if (!link || !window.location.hash) return;
    var url = new URL(link.href, window.location.href);
    url.hash = window.location.hash;
    link.href = url.toString();
  });

  // Citing a paragraph: two buttons beside each citable block, one copying its URL, one a
  // citation in the page's language ("Almaty Act, para. 27, <URL>"). Without JavaScript the
  // ¶ link is the URL to copy.
  var status = document.getElementById("copy-status");
  function copy(text) {
    document.documentElement.setAttribute("data-last-copied", text);
    var done = function () { if (status) status.textContent = (body.getAttribute("data-copied") || "") + text; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "offscreen";
      body.appendChild(area);
      area.select();
      try { document.execCommand("copy"); } catch (e) { /* the status still shows the text */ }
      body.removeChild(area);
      done();
    }
  }
  function button(label, title, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "cite-button";
    b.textContent = label;
    b.setAttribute("aria-label", title);
    b.addEventListener("click", action);
    return b;
  }
  var article = document.querySelector("[data-cite-url]");
  if (article) {
    var base = article.getAttribute("data-cite-url");
    article.querySelectorAll("[data-cite]").forEach(function (block) {
      var url = base + "#" + block.id;
      var cite = block.getAttribute("data-cite");
      var tools = document.createElement("span");
      tools.className = "cite-tools";
      tools.appendChild(button("#", (body.getAttribute("data-copy-link") || "Copy link") + " — " + cite, function () { copy(url); }));
      tools.appendChild(button("❝", (body.getAttribute("data-copy-cite") || "Copy citation") + " — " + cite, function () { copy(cite + ", " + url); }));
      var target = block.matches("tr") ? block.querySelector("td") : (block.matches(".para") ? block.querySelector("p") : block);
      (target || block).appendChild(tools);
    });
  }
})();

// Search: Pagefind's interface, started here rather than in an inline script (the site's
// Content-Security-Policy allows no inline script).
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) return;
  function start() {
    if (typeof PagefindUI === "undefined") return;
    new PagefindUI({
      element: "#search",
      bundlePath: box.getAttribute("data-pagefind-bundle"),
      showSubResults: false,
      showImages: false,
      resetStyles: false,
      translations: { placeholder: box.getAttribute("data-placeholder") }
    });
    var params = new URLSearchParams(window.location.search);
    var q = params.get("q");
    if (q) {
      var input = box.querySelector("input");
      if (input) {
        input.value = q;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }
  }
  if (document.readyState === "complete") start(); else window.addEventListener("load", start);
})();
