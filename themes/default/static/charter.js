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
      // A quote on another page (a topic's) cites the paragraph in its own text.
      var url = block.getAttribute("data-cite-href") || base + "#" + block.id;
      var cite = block.getAttribute("data-cite");
      var tools = document.createElement("span");
      tools.className = "cite-tools";
      tools.appendChild(button("#", (body.getAttribute("data-copy-link") || "Copy link") + " — " + cite, function () { copy(url); }));
      tools.appendChild(button("❝", (body.getAttribute("data-copy-cite") || "Copy citation") + " — " + cite, function () { copy(cite + ", " + url); }));
      var target = block.matches("tr") ? block.querySelector("td") : (block.matches(".para") ? block.querySelector("p") : (block.matches(".quote") ? block.querySelector("figcaption") : block));
      (target || block).appendChild(tools);
    });
  }
})();

// The outline of a text (partials/outline.html): open beside the text on wide screens, closed
// above it on narrow ones, and the entry of the part being read marked as the reader scrolls.
// Without JavaScript it is a plain list, which the stylesheet shows on wide screens.
(function () {
  "use strict";
  var nav = document.querySelector("nav.outline");
  if (!nav) return;
  var details = nav.querySelector("details");
  // The width at which style.css puts the outline beside the text.
  var wide = window.matchMedia("(min-width: 68.75rem)");
  function fit() { details.open = wide.matches; }
  fit();
  if (wide.addEventListener) wide.addEventListener("change", fit);
  nav.classList.add("scripted");

  if (!("IntersectionObserver" in window)) return;
  var links = Array.prototype.slice.call(nav.querySelectorAll("a[href^='#']"));
  var targets = links.map(function (a) {
    return document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
  });
  var current = null;
  var footer = document.querySelector("footer.site");
  // The part being read: the last heading above a line a tenth down the window (where a
  // heading an outline link leads to lands), or, once the end of the page is in view, the last
  // heading in view (the last parts may be too short to reach the line). Headings come in the
  // order of the outline.
  function update() {
    var end = footer && footer.getBoundingClientRect().bottom <= window.innerHeight + 1;
    var line = end ? window.innerHeight : window.innerHeight / 10, found = null;
    targets.forEach(function (t, i) {
      if (t && t.getBoundingClientRect().top <= line) found = links[i];
    });
    if (found === current) return;
    if (current) current.removeAttribute("aria-current");
    current = found;
    if (!current) return;
    current.setAttribute("aria-current", "location");
    // In a column taller than the window, the marked entry scrolls into the column's view
    // (the column only, never the page).
    if (nav.scrollHeight > nav.clientHeight) {
      var r = current.getBoundingClientRect(), box = nav.getBoundingClientRect();
      if (r.top < box.top) nav.scrollTop -= box.top - r.top + 8;
      else if (r.bottom > box.bottom) nav.scrollTop += r.bottom - box.bottom + 8;
    }
  }
  // A heading crossing the top of the window or the line, or the footer coming wholly into
  // view or leaving it, calls update.
  var observer = new IntersectionObserver(update, { rootMargin: "0px 0px -90% 0px" });
  targets.forEach(function (t) { if (t) observer.observe(t); });
  if (footer) new IntersectionObserver(update, { threshold: 1 }).observe(footer);
})();

// Search: the site's own index (search-index/{lang}/, written with the site), fetched a few
// small files at a time. The unit of search is the citable block, so every result leads to the
// paragraph that holds the words. Words are folded as the generator folds them (lower case, no
// accents); the index maps each word of the texts to its Snowball stem, so inflections meet
// without a stemmer here. A topic chosen narrows the search to the paragraphs it covers, and
// with no words lists them.
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form) return;
  var input = form.querySelector("input");
  var list = form.querySelector(".search-results");
  var status = form.querySelector(".search-status");
  var filterBox = form.querySelector(".search-filters");
  var topicBox = form.querySelector(".search-topic");
  var topicSelect = topicBox && topicBox.querySelector("select");
  var base = form.getAttribute("data-index");
  // The format of the index this script reads (`search::VERSION` in the generator).
  var VERSION = 4;
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  var meta = null;
  var files = {};
  var chosen = {};
  // The blocks of the chosen topic, page → block → true; null when none is chosen.
  var topic = null;
  var serial = 0;

  function element(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function load(name) {
    if (!files[name]) {
      files[name] = fetch(base + name).then(function (r) {
        if (!r.ok) throw new Error(name + ": " + r.status);
        return r.json();
      });
    }
    return files[name];
  }

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")
      .replace(/œ/g, "oe").replace(/æ/g, "ae");
  }

  // The query's words, as the index holds them: no stop words, no single letters.
  function words(query) {
    return (fold(query).match(WORD) || []).filter(function (w, i, all) {
      return all.indexOf(w) === i && meta.stop.indexOf(w) < 0 && (w.length > 1 || /\p{N}/u.test(w));
    });
  }

  // The shard a key sorts into: the last one whose first key is not after it.
  function shardIndex(key) {
    var lo = 0, hi = meta.shards.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (meta.shards[mid] <= key) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  var shards = {};
  function shardOf(key) {
    var n = shardIndex(key);
    return load("t" + n + ".json").then(function (shard) { return (shards[n] = shard); });
  }

  // A word's stem, if the shard that holds it has been fetched (for marking matches).
  function stemOf(word) {
    var shard = shards[shardIndex(word)];
    if (!shard) return null;
    return has(shard.w, word) ? shard.w[word] : has(shard.s, word) ? word : null;
  }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  // The stems a query word stands for: its own stem if the texts have the word; else the
  // words it begins (typing in progress); else the longest stem it begins with (an inflection
  // the texts do not have).
  function stems(word) {
    return shardOf(word).then(function (shard) {
      if (has(shard.w, word)) return [shard.w[word]];
      if (has(shard.s, word)) return [word];
      var found = {};
      Object.keys(shard.s).forEach(function (k) { if (k.indexOf(word) === 0) found[k] = true; });
      Object.keys(shard.w).forEach(function (k) { if (k.indexOf(word) === 0) found[shard.w[k]] = true; });
      var completions = Object.keys(found).slice(0, 40);
      if (completions.length || word.length < 5) return completions;
      var tries = [];
      for (var n = word.length - 1; n >= 4; n--) tries.push(word.slice(0, n));
      return Promise.all(tries.map(function (p) {
        return shardOf(p).then(function (sh) { return has(sh.s, p) ? p : null; });
      })).then(function (hits) {
        var best = hits.filter(Boolean)[0];
        return best ? [best] : [];
      });
    });
  }

  // page → block → occurrences, over the postings of some stems. A stem's postings are
  // grouped by page: for each page, its distance from the previous page and its number of
  // blocks, then for each block its distance from the previous block and its occurrences.
  function postings(list) {
    return Promise.all(list.map(function (stem) {
      return shardOf(stem).then(function (shard) { return has(shard.s, stem) ? shard.s[stem] : []; });
    })).then(function (all) {
      var hits = {};
      all.forEach(function (flat) {
        for (var i = 0, p = 0; i + 1 < flat.length;) {
          p += flat[i];
          var n = flat[i + 1], page = hits[p] || (hits[p] = {});
          i += 2;
          for (var b = 0; n > 0 && i + 1 < flat.length; n--, i += 2) {
            b += flat[i];
            page[b] = (page[b] || 0) + flat[i + 1];
          }
        }
      });
      return hits;
    });
  }

  // A block filter's list as page → block → true. Blocks are grouped by page: for each page,
  // its distance from the previous page and its number of blocks, then each block's distance
  // from the previous one (the first from 0).
  function blockSet(flat) {
    var set = {};
    for (var i = 0, p = 0; i + 1 < flat.length;) {
      p += flat[i];
      var n = flat[i + 1], page = set[p] || (set[p] = {});
      i += 2;
      for (var b = 0; n > 0 && i < flat.length; n--, i++) {
        b += flat[i];
        page[b] = true;
      }
    }
    return set;
  }

  // A word's hits (page → block → occurrences) in the chosen topic's blocks only.
  function inTopic(hits) {
    if (!topic) return hits;
    var out = {};
    Object.keys(hits).forEach(function (p) {
      var keep = topic[p];
      if (!keep) return;
      Object.keys(hits[p]).forEach(function (b) {
        if (keep[b]) (out[p] || (out[p] = {}))[b] = hits[p][b];
      });
    });
    return out;
  }

  // Pages the chosen filters allow (null: all of them).
  function allowed() {
    var names = Object.keys(chosen);
    if (!names.length) return null;
    var sets = names.map(function (name) {
      var set = {};
      chosen[name].forEach(function (value) {
        (meta.filters[name][value] || []).forEach(function (p) { set[p] = true; });
      });
      return set;
    });
    return function (page) { return sets.every(function (set) { return set[page]; }); };
  }

  // Pages holding every query word (in the chosen topic's blocks, if one is chosen), each
  // with those blocks by score (BM25-like weights; the page's title block counts double). A
  // word weighs what it weighs in the whole index, whatever the topic.
  function rank(all) {
    var ok = allowed();
    var perWord = all.map(inTopic);
    var pages = Object.keys(perWord[0]).filter(function (p) {
      return perWord.every(function (h) { return has(h, p); }) && (!ok || ok(p));
    });
    var idf = all.map(function (h) {
      var df = 0;
      Object.keys(h).forEach(function (p) { df += Object.keys(h[p]).length; });
      return Math.log(1 + meta.blocks / Math.max(df, 1));
    });
    return pages.map(function (p) {
      var blocks = {};
      perWord.forEach(function (h, i) {
        Object.keys(h[p]).forEach(function (b) {
          var tf = h[p][b];
          blocks[b] = (blocks[b] || 0) + idf[i] * tf / (tf + 1.2) * (b === "0" ? 2 : 1);
        });
      });
      var order = Object.keys(blocks).sort(function (a, b) { return blocks[b] - blocks[a] || a - b; });
      // The best block decides; more matching blocks only break near ties, so a long text
      // does not outrank the page about the very thing.
      var score = blocks[order[0]] + 0.2 * (blocks[order[1]] || 0) + 0.1 * (blocks[order[2]] || 0);
      return { page: +p, score: score, blocks: order.map(Number) };
    }).sort(function (a, b) { return b.score - a.score || a.page - b.page; });
  }

  function chunkOf(page) {
    var n = 0;
    while (n + 1 < meta.chunks.length && meta.chunks[n + 1] <= page) n++;
    return n;
  }

  // Text with the words that match marked, cut around the first match if long.
  function excerpt(text, matched, max) {
    var parts = text.split(/([\p{Alphabetic}\p{N}]+)/u);
    var first = -1, offset = 0, marks = [];
    parts.forEach(function (part, i) {
      var folded = i % 2 === 1 ? fold(part) : "";
      var hit = i % 2 === 1 && (matched.indexOf(stemOf(folded)) >= 0 ||
        matched.some(function (s) { return folded.indexOf(s) === 0; }));
      marks.push(hit);
      if (hit && first < 0) first = offset;
      offset += part.length;
    });
    // Whole words only: start a third of the way before the first match, stop before `max`.
    var begin = text.length > max && first > max / 3 ? first - Math.floor(max / 3) : 0;
    var out = element("span");
    var cut = false, started = false;
    offset = 0;
    parts.forEach(function (part, i) {
      var from = offset;
      offset += part.length;
      if (cut || from < begin) return;
      if (offset - begin > max && started) { cut = true; return; }
      started = true;
      out.appendChild(marks[i] ? element("mark", null, part) : document.createTextNode(part));
    });
    if (begin > 0) out.insertBefore(document.createTextNode("…"), out.firstChild);
    if (cut) out.appendChild(document.createTextNode("…"));
    return out;
  }

  // The pages of some results (page number → URL, title, blocks), from their chunks.
  function pagesOf(results) {
    var chunks = results.map(function (r) { return chunkOf(r.page); })
      .filter(function (c, i, all) { return all.indexOf(c) === i; });
    return Promise.all(chunks.map(function (c) { return load("p" + c + ".json"); }))
      .then(function (loaded) {
        var pages = {};
        loaded.forEach(function (chunk, i) {
          chunk.forEach(function (page, j) { pages[meta.chunks[chunks[i]] + j] = page; });
        });
        return pages;
      });
  }

  // Each result: its page's title, leading to its first block; the first block's excerpt
  // (unless `browsing`, where the list below shows it); then up to `max` paragraphs.
  function show(results, message, pages, matched, max, browsing) {
    list.textContent = "";
    status.textContent = message;
    results.forEach(function (r) {
      var page = pages[r.page];
      var blocks = r.blocks.filter(function (b) { return b > 0; }).slice(0, max);
      var item = element("li", "search-result");
      var title = element("a", "result-page", page.t);
      var best = page.b[r.blocks[0]];
      title.href = page.u + (best && best[0] ? "#" + best[0] : "");
      item.appendChild(element("h2")).appendChild(title);
      if (!browsing) {
        var lead = element("p", "result-excerpt");
        lead.appendChild(excerpt(best[2], matched, 220));
        item.appendChild(lead);
      }
      if (blocks.length) {
        var sub = element("ul", "result-paragraphs");
        blocks.forEach(function (b) {
          var block = page.b[b];
          var link = element("a", "result-paragraph");
          link.href = page.u + "#" + block[0];
          link.appendChild(element("span", "result-label", block[1]));
          link.appendChild(document.createTextNode(" — "));
          link.appendChild(excerpt(block[2], matched, 140));
          sub.appendChild(element("li")).appendChild(link);
        });
        item.appendChild(sub);
      }
      list.appendChild(item);
    });
  }

  function failed(mine) {
    return function () {
      if (mine === serial) status.textContent = form.getAttribute("data-error");
    };
  }

  function run() {
    var mine = ++serial;
    var query = meta ? words(input.value) : [];
    if (!query.length) {
      if (topic) return browse(mine);
      list.textContent = "";
      status.textContent = "";
      return;
    }
    Promise.all(query.map(stems)).then(function (perWord) {
      var matched = [].concat.apply([], perWord);
      return Promise.all(perWord.map(postings)).then(function (hits) {
        var ranked = perWord.every(function (s) { return s.length; }) ? rank(hits) : [];
        var top = ranked.slice(0, 20);
        return pagesOf(top).then(function (pages) {
          if (mine !== serial) return;
          var message = ranked.length ? form.getAttribute("data-count").replace("{n}", ranked.length)
            : form.getAttribute(topic ? "data-topic-none" : "data-none");
          show(top, message, pages, matched, 5, false);
        });
      });
    }).catch(failed(mine));
  }

  // A topic chosen and no words: every paragraph of the topic, page by page in the order of
  // the index (texts oldest first), each page's in reading order.
  function browse(mine) {
    var ok = allowed();
    var count = 0;
    var results = Object.keys(topic).filter(function (p) { return !ok || ok(p); })
      .map(Number).sort(function (a, b) { return a - b; })
      .map(function (p) {
        var blocks = Object.keys(topic[p]).map(Number).sort(function (a, b) { return a - b; });
        count += blocks.length;
        return { page: p, blocks: blocks };
      });
    pagesOf(results).then(function (pages) {
      if (mine !== serial) return;
      var message = count ? form.getAttribute("data-topic-count").replace("{n}", count)
        : form.getAttribute("data-none");
      show(results, message, pages, [], Infinity, true);
    }).catch(failed(mine));
  }

  // The topics, by name, in a list whose first choice is every topic.
  function topics() {
    var values = meta.block_filters && meta.block_filters.topic;
    if (!topicSelect || !values) return;
    var lang = form.getAttribute("data-lang");
    Object.keys(values).sort(function (a, b) { return a.localeCompare(b, lang); }).forEach(function (name) {
      var option = element("option", null, name);
      option.value = name;
      topicSelect.appendChild(option);
    });
    topicBox.hidden = topicSelect.options.length < 2;
    function choose() {
      var name = topicSelect.value;
      topic = name && has(values, name) ? blockSet(values[name]) : null;
    }
    topicSelect.addEventListener("change", function () { choose(); run(); });
    // A link may choose the topic (?topic=Terrorisme): its name in the page's language.
    var asked = new URLSearchParams(window.location.search).get("topic");
    if (asked && has(values, asked)) {
      topicSelect.value = asked;
      choose();
    }
  }

  function filters() {
    Object.keys(meta.filters).sort().forEach(function (name) {
      Object.keys(meta.filters[name]).sort().forEach(function (value) {
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
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });

  load("index.json").then(function (m) {
    if (m.version !== VERSION) throw new Error("search index version " + m.version);
    meta = m;
    form.hidden = false;
    filters();
    topics();
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) input.value = q;
    run();
  }).catch(function () {
    form.hidden = false;
    status.textContent = form.getAttribute("data-error");
  });
})();
