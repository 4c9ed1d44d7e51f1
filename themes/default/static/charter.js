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

// Search: Pagefind's index, queried through its JavaScript API (no inline script: the site's
// Content-Security-Policy allows none). A match leads to the paragraph it is in: each result
// lists the blocks (elements with an id) that hold the matched words.
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form) return;
  form.hidden = false;
  var input = form.querySelector("input");
  var list = form.querySelector(".search-results");
  var status = form.querySelector(".search-status");
  var filterBox = form.querySelector(".search-filters");
  var bundle = form.getAttribute("data-pagefind-bundle");
  var pagefind = null;
  var chosen = {};
  var serial = 0;

  function element(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // The block each matched word is in: the last anchor at or before the word.
  function paragraphs(data) {
    var anchors = (data.anchors || []).filter(function (a) { return a.id; })
      .sort(function (a, b) { return a.location - b.location; });
    var seen = {};
    var out = [];
    (data.locations || []).forEach(function (loc) {
      var hit = null;
      for (var i = 0; i < anchors.length && anchors[i].location <= loc; i++) hit = anchors[i];
      if (hit && !seen[hit.id]) {
        seen[hit.id] = true;
        out.push(hit);
      }
    });
    return out.slice(0, 5);
  }

  function show(results, query) {
    list.textContent = "";
    if (!results.length) {
      status.textContent = form.getAttribute("data-none");
      return;
    }
    status.textContent = form.getAttribute("data-count").replace("{n}", results.length);
    results.forEach(function (data) {
      var item = element("li", "search-result");
      var url = data.url.replace(/index\.html$/, "");
      var blocks = paragraphs(data);
      var title = element("a", "result-page", (data.meta && data.meta.title) || url);
      title.href = blocks.length ? url + "#" + blocks[0].id : url;
      item.appendChild(element("h2")).appendChild(title);
      var excerpt = element("p", "result-excerpt");
      excerpt.innerHTML = data.excerpt;
      item.appendChild(excerpt);
      if (blocks.length) {
        var sub = element("ul", "result-paragraphs");
        blocks.forEach(function (a) {
          var link = element("a", "result-paragraph", (a.text || a.id).slice(0, 140));
          link.href = url + "#" + a.id;
          sub.appendChild(element("li")).appendChild(link);
        });
        item.appendChild(sub);
      }
      list.appendChild(item);
    });
  }

  function run() {
    var query = input.value.trim();
    var mine = ++serial;
    if (!pagefind || !query) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    pagefind.search(query, { filters: chosen }).then(function (search) {
      return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
    }).then(function (results) {
      if (mine === serial) show(results, query);
    });
  }

  function filters() {
    pagefind.filters().then(function (all) {
      Object.keys(all).sort().forEach(function (name) {
        Object.keys(all[name]).sort().forEach(function (value) {
          var label = element("label", "search-filter");
          var box = element("input");
          box.type = "checkbox";
          box.addEventListener("change", function () {
            var values = chosen[name] || [];
            chosen[name] = box.checked ? values.concat([value]) : values.filter(function (v) { return v !== value; });
            if (!chosen[name].length) delete chosen[name];
            run();
          });
          label.appendChild(box);
          label.appendChild(document.createTextNode(" " + value));
          filterBox.appendChild(label);
        });
      });
      filterBox.hidden = !filterBox.querySelector("input");
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });

  import(bundle + "pagefind.js").then(function (module) {
    pagefind = module;
    return pagefind.options({ baseUrl: "/" });
  }).then(function () {
    filters();
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) input.value = q;
    run();
  });
})();
