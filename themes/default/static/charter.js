// Progressive enhancement only: every feature here has a plain-HTML fallback.
(function () {
  "use strict";
  var body = document.body;
  var say = function (name, fallback) { return body.getAttribute(name) || fallback; };

  // Your place follows you: the paragraph being read is kept in the links that lead to the
  // same text elsewhere (the language switch, the side-by-side view and back), so that they
  // open at that paragraph. Ids are the same in every language. Without JavaScript these links
  // keep the #fragment the page was opened with.
  var blocks = Array.prototype.slice.call(document.querySelectorAll(".text [data-cite][id], .parallel-rows .prow[id]"));
  var place = window.location.hash.slice(1);
  function keepPlace() {
    if (!place) return;
    document.querySelectorAll("a[data-keep-fragment], a[data-keep-place]").forEach(function (a) {
      var url = new URL(a.href, window.location.href);
      url.hash = place;
      a.href = url.toString();
    });
  }
  // The paragraph being read: the first whose bottom is below a line near the top of the
  // window (below a sticky header).
  function reading() {
    var line = Math.min(window.innerHeight / 10, 80);
    for (var i = 0; i < blocks.length; i++) {
      if (blocks[i].getBoundingClientRect().bottom > line) return blocks[i].id;
    }
    return "";
  }
  // The place changes when the reader stops on a paragraph: not while the page moves (on the
  // way up to the language switch, say), and not once the header is back in view, where the
  // reader has come to use it.
  var header = document.querySelector("header.site");
  var rest = null;
  function settle() {
    rest = null;
    if (header && header.getBoundingClientRect().bottom > 0) return;
    // The block in the address, or just cited, stays the place while it is in view.
    var held = place && document.getElementById(place);
    if (held) {
      var r = held.getBoundingClientRect();
      if (r.bottom > 0 && r.top < window.innerHeight) return;
    }
    var id = reading();
    if (id && id !== place) { place = id; keepPlace(); }
  }
  window.addEventListener("scroll", function () {
    if (!blocks.length) return;
    if (rest) window.clearTimeout(rest);
    rest = window.setTimeout(settle, 500);
  }, { passive: true });
  window.addEventListener("hashchange", function () { place = window.location.hash.slice(1); keepPlace(); });
  keepPlace();

  // Citing a block: its number (or its ¶) is its one stop in the tab order, and opens its
  // tools: copy its link, copy its citation ("Almaty Act, para. 27, <URL>"). Copying puts the
  // block in the address bar too, and says so beside the button and to screen readers.
  // Without JavaScript the number is a plain link to the block.
  var status = document.getElementById("copy-status");
  function copy(text, shown) {
    document.documentElement.setAttribute("data-last-copied", text);
    var done = function () {
      if (status) status.textContent = say("data-copied", "") + text;
      if (shown) { shown.textContent = say("data-copied-short", "Copied"); shown.hidden = false; }
    };
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
  function button(label, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "cite-button";
    b.textContent = label;
    b.addEventListener("click", action);
    return b;
  }
  var open = null;
  function close(refocus) {
    if (!open) return;
    open.menu.hidden = true;
    open.trigger.setAttribute("aria-expanded", "false");
    if (refocus) open.trigger.focus();
    open = null;
  }
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") close(true); });
  document.addEventListener("click", function (e) {
    if (open && !open.menu.contains(e.target) && e.target !== open.trigger) close(false);
  });
  var article = document.querySelector("[data-cite-url]");
  if (article) {
    var base = article.getAttribute("data-cite-url");
    article.querySelectorAll("[data-cite]").forEach(function (block, n) {
      // A table row is data: its ¶ leads to it, with no tools beside the names.
      if (block.matches("tr")) return;
      // A quote on another page (a topic's) cites the paragraph in its own text.
      var quoted = block.getAttribute("data-cite-href");
      var url = quoted || base + "#" + block.id;
      var cite = block.getAttribute("data-cite");
      var holder = block.matches(".para") ? block.querySelector("p")
        : block.matches(".quote") ? block.querySelector("figcaption")
        : block.matches(".prow") ? block.querySelector(".pcell") : block;
      if (!holder) return;
      var trigger = quoted ? null : holder.querySelector(":scope > a.num, :scope > a.self");
      if (!trigger) {
        trigger = button("❝", function () {});
        trigger.classList.add("cite-open");
        holder.appendChild(trigger);
      }
      var menu = document.createElement("span");
      menu.className = "cite-menu";
      menu.id = "cite-menu-" + n;
      menu.hidden = true;
      menu.setAttribute("role", "group");
      menu.setAttribute("aria-label", say("data-cite-tools", "Cite") + " — " + cite);
      var shown = document.createElement("span");
      shown.className = "cite-done";
      shown.hidden = true;
      menu.appendChild(button(say("data-copy-link", "Copy link"), function () {
        if (!quoted) history.replaceState(null, "", "#" + block.id);
        copy(url, shown);
      }));
      menu.appendChild(button(say("data-copy-cite", "Copy citation"), function () {
        if (!quoted) history.replaceState(null, "", "#" + block.id);
        copy(cite + ", " + url, shown);
      }));
      menu.appendChild(shown);
      holder.appendChild(menu);
      trigger.setAttribute("role", "button");
      trigger.setAttribute("aria-expanded", "false");
      trigger.setAttribute("aria-controls", menu.id);
      trigger.setAttribute("title", say("data-cite-tools", "Cite") + " — " + cite);
      trigger.addEventListener("click", function (e) {
        e.preventDefault();
        if (open && open.trigger === trigger) { close(true); return; }
        close(false);
        if (!quoted) {
          history.replaceState(null, "", "#" + block.id);
          place = block.id;
          keepPlace();
        }
        menu.hidden = false;
        shown.hidden = true;
        trigger.setAttribute("aria-expanded", "true");
        open = { menu: menu, trigger: trigger };
        menu.querySelector("button").focus();
      });
      // A link made a button answers the space bar too.
      trigger.addEventListener("keydown", function (e) {
        if (e.key === " " && trigger.tagName === "A") { e.preventDefault(); trigger.click(); }
      });
    });
  }
})();

// Going to a paragraph by its number ("27", "II 1", "annexe I 3"): the first block of the
// text, in reading order, whose label ends with the number asked and holds every other word
// asked. Labels are the citations' (data-cite) after the text's title.
(function () {
  "use strict";
  var form = document.querySelector("form.goto");
  var article = document.querySelector("article[data-cite-title]");
  if (!form || !article) return;
  var fold = function (s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().match(/[a-z0-9]+/g) || [];
  };
  var prefix = article.getAttribute("data-cite-title") + ", ";
  var blocks = Array.prototype.slice.call(article.querySelectorAll(".text [data-cite][id]"))
    .map(function (b) {
      var cite = b.getAttribute("data-cite");
      return { id: b.id, words: fold(cite.indexOf(prefix) === 0 ? cite.slice(prefix.length) : cite) };
    });
  var input = form.querySelector("input");
  var status = form.querySelector(".goto-status");
  form.hidden = false;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var asked = fold(input.value);
    var number = asked.length ? asked[asked.length - 1] : "";
    var found = number && blocks.find(function (b) {
      var last = b.words[b.words.length - 1];
      return last === number && asked.every(function (w) { return b.words.indexOf(w) >= 0; });
    });
    if (!found) {
      status.textContent = form.getAttribute("data-none").replace("{q}", input.value);
      return;
    }
    status.textContent = "";
    window.location.hash = found.id;
    var target = document.getElementById(found.id);
    var link = target && target.querySelector("a.num, a.self");
    if (link) link.focus({ preventScroll: true });
  });
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
// small files at a time. The unit of search is the citable block, so every result, title
// included, leads to the paragraph that holds the words. Words are folded as the generator
// folds them (lower case, no accents); the index maps each word of the texts to its Snowball
// stem, so inflections meet without a stemmer here. A quoted phrase matches the blocks that
// hold it word for word; a word or phrase the index lists as a synonym (CICA, CIMCA; a state's
// names) also matches the names it stands for. A topic chosen narrows the search to the
// paragraphs it covers, and with no words lists them. The query and the topic are kept in the
// address (?q=, ?topic=), and read from it as the page opens.
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form) return;
  var input = form.querySelector("#search-input");
  var list = form.querySelector(".search-results");
  var status = form.querySelector(".search-status");
  var more = form.querySelector(".search-more");
  var moreCount = more && more.querySelector(".search-more-count");
  var topicBox = form.querySelector(".search-topic");
  var topicSelect = topicBox && topicBox.querySelector("select");
  var suggestBox = form.querySelector(".search-suggest");
  var elsewhere = form.querySelector(".search-elsewhere");
  var base = form.getAttribute("data-index");
  // The format of the index this script reads (`search::VERSION` in the generator).
  var VERSION = 4;
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  // Straight, curly and French quotation marks, in either direction.
  var QUOTE = /["“”«»„]/;
  var asked = new URLSearchParams(window.location.search);
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

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")
      .replace(/œ/g, "oe").replace(/æ/g, "ae");
  }

  // Every word of a text, folded, stop words and single letters kept: how phrases compare.
  function tokens(text) { return fold(text).match(WORD) || []; }

  // Whether the index holds a word at all: no stop words, no single letters.
  function indexable(w) {
    return meta.stop.indexOf(w) < 0 && (w.length > 1 || /\p{N}/u.test(w));
  }

  // The query as terms, each once: a quoted phrase ("…", “…”, « … ») as a whole, every other
  // word by itself. A quotation not yet closed is read as words, so results follow the typing.
  // `name` is how the synonyms map would list the term.
  function parse(query) {
    var terms = [], seen = {};
    var parts = query.split(QUOTE);
    var unclosed = parts.length % 2 === 0;
    parts.forEach(function (part, i) {
      var words = tokens(part);
      if (i % 2 === 1 && !(unclosed && i === parts.length - 1)) {
        if (words.some(indexable)) add({ key: "\"" + words.join(" "), name: words.join(" "), phrase: words });
      } else {
        words.filter(indexable).forEach(function (w) { add({ key: w, name: w, word: w }); });
      }
    });
    function add(term) {
      if (!has(seen, term.key)) terms.push((seen[term.key] = term));
    }
    return terms;
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
  function shard(n) {
    return load("t" + n + ".json").then(function (s) { return (shards[n] = s); });
  }
  function shardOf(key) { return shard(shardIndex(key)); }

  // A word's stem, if the shard that holds it has been fetched (for marking matches).
  function stemOf(word) {
    var s = shards[shardIndex(word)];
    if (!s) return null;
    return has(s.w, word) ? s.w[word] : has(s.s, word) ? word : null;
  }

  // The stem of a word of the texts, or null: no completion, no guess.
  function exactStem(word) {
    return shardOf(word).then(function () { return stemOf(word); });
  }

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

  // Adds the hits of `more` (page → block → occurrences) to `hits`.
  function merge(hits, more) {
    Object.keys(more).forEach(function (p) {
      var page = hits[p] || (hits[p] = {});
      Object.keys(more[p]).forEach(function (b) { page[b] = (page[b] || 0) + more[p][b]; });
    });
    return hits;
  }

  // The words of a block, folded (see tokens), read once from its page chunk.
  var blockWords = {};
  function wordsOf(pages, p, b) {
    var key = p + ":" + b;
    if (!has(blockWords, key)) blockWords[key] = tokens(pages[p].b[b][2]);
    return blockWords[key];
  }

  // How many times `phrase` (folded words) stands in `words`, word for word.
  function occurrences(words, phrase) {
    var n = 0;
    for (var i = 0; i + phrase.length <= words.length; i++) {
      var j = 0;
      while (j < phrase.length && words[i + j] === phrase[j]) j++;
      if (j === phrase.length) n++;
    }
    return n;
  }

  // The blocks that hold a phrase word for word (page → block → occurrences), found among the
  // blocks holding each of its words, read in their page chunks. A phrase with a word the
  // texts do not have matches nothing.
  function phrase(words) {
    var none = { hits: {}, stems: [], phrases: [] };
    var keys = words.filter(indexable);
    if (!keys.length) return Promise.resolve(none);
    return Promise.all(keys.map(exactStem)).then(function (list) {
      if (list.some(function (s) { return !s; })) return none;
      return Promise.all(list.map(function (s) { return postings([s]); })).then(function (each) {
        var candidates = [];
        Object.keys(each[0]).forEach(function (p) {
          Object.keys(each[0][p]).forEach(function (b) {
            if (each.every(function (h) { return has(h, p) && has(h[p], b); })) candidates.push({ page: +p, block: +b });
          });
        });
        return pagesOf(candidates).then(function (pages) {
          var hits = {};
          candidates.forEach(function (c) {
            var n = occurrences(wordsOf(pages, c.page, c.block), words);
            if (n) (hits[c.page] || (hits[c.page] = {}))[c.block] = n;
          });
          return { hits: hits, stems: [], phrases: [words] };
        });
      });
    });
  }

  // A term's hits (page → block → occurrences): those of the word (inflections and all) or
  // of the phrase, and those of each name the synonyms map lists for it, as phrases; with
  // what to mark in the excerpts (the word's stems, the phrases).
  function resolve(term) {
    var names = meta.synonyms && has(meta.synonyms, term.name) ? meta.synonyms[term.name] : [];
    var own = term.word ? stems(term.word).then(function (list) {
      return postings(list).then(function (hits) { return { hits: hits, stems: list, phrases: [] }; });
    }) : phrase(term.phrase);
    return Promise.all([own].concat(names.map(function (name) { return phrase(name.split(" ")); })))
      .then(function (found) {
        var hits = {}, marks = { stems: [], phrases: [] };
        found.forEach(function (f) {
          merge(hits, f.hits);
          marks.stems = marks.stems.concat(f.stems);
          marks.phrases = marks.phrases.concat(f.phrases);
        });
        return { term: term, hits: hits, marks: marks };
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

  // A term's hits (page → block → occurrences) in the chosen topic's blocks only.
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

  // Pages holding every term (in the chosen topic's blocks, if one is chosen), in three tiers:
  // first the pages where one paragraph of the text holds every term; then those whose
  // heading (title, summary, names) holds every term and no paragraph does; then those whose
  // terms are spread over the page. Within a tier, a page scores by its best block (the next
  // two break near ties), a block by idf × tf/(tf + 1.2) over the terms it holds (BM25-like;
  // the heading counting double), a block with more terms first. A term weighs what it weighs
  // in the whole index, whatever the topic. Each page's best block is its best paragraph, or
  // its heading when no paragraph holds a term; the title leads there. `blocks` are the
  // paragraphs to show: those holding every term if any do, else all that hold one.
  function rank(all) {
    var ok = allowed();
    var perTerm = all.map(inTopic);
    var n = perTerm.length;
    var pages = Object.keys(perTerm[0]).filter(function (p) {
      return perTerm.every(function (h) { return has(h, p); }) && (!ok || ok(p));
    });
    var idf = all.map(function (h) {
      var df = 0;
      Object.keys(h).forEach(function (p) { df += Object.keys(h[p]).length; });
      return Math.log(1 + meta.blocks / Math.max(df, 1));
    });
    return pages.map(function (p) {
      var blocks = {};
      perTerm.forEach(function (h, i) {
        Object.keys(h[p]).forEach(function (b) {
          var tf = h[p][b], x = blocks[b] || (blocks[b] = { score: 0, terms: 0 });
          x.score += idf[i] * tf / (tf + 1.2) * (b === "0" ? 2 : 1);
          x.terms += 1;
        });
      });
      var order = Object.keys(blocks).sort(function (a, b) {
        return blocks[b].terms - blocks[a].terms || blocks[b].score - blocks[a].score || a - b;
      });
      var body = order.filter(function (b) { return b !== "0"; });
      var whole = function (b) { return b !== undefined && blocks[b].terms === n; };
      var tier = whole(body[0]) ? 0 : has(blocks, "0") && whole("0") ? 1 : 2;
      // Where paragraphs hold the whole query, only they are shown: not those that hold a
      // word of it about something else ("République du Kazakhstan" for "République de Corée").
      if (tier === 0) body = body.filter(whole);
      var lead = tier === 1 ? ["0"].concat(body) : order;
      var s = function (i) { return lead[i] === undefined ? 0 : blocks[lead[i]].score; };
      return {
        page: +p,
        tier: tier,
        score: s(0) + 0.2 * s(1) + 0.1 * s(2),
        best: body.length ? +body[0] : 0,
        blocks: body.map(Number)
      };
    }).sort(function (a, b) { return a.tier - b.tier || b.score - a.score || a.page - b.page; });
  }

  function chunkOf(page) {
    var n = 0;
    while (n + 1 < meta.chunks.length && meta.chunks[n + 1] <= page) n++;
    return n;
  }

  // Text with what matched marked (words by their stems, phrases word for word), cut around
  // the first match if long.
  function excerpt(text, matched, max) {
    var parts = text.split(/([\p{Alphabetic}\p{N}]+)/u);
    var folded = parts.map(function (part, i) { return i % 2 === 1 ? fold(part) : ""; });
    var marks = folded.map(function (f, i) {
      return i % 2 === 1 && (matched.stems.indexOf(stemOf(f)) >= 0 ||
        matched.stems.some(function (s) { return f.indexOf(s) === 0; }));
    });
    // Words are the odd parts: a phrase starting at part i covers parts i, i + 2, …
    matched.phrases.forEach(function (words) {
      for (var i = 1; i + 2 * (words.length - 1) < parts.length; i += 2) {
        var j = 0;
        while (j < words.length && folded[i + 2 * j] === words[j]) j++;
        if (j < words.length) continue;
        for (var k = i; k <= i + 2 * (words.length - 1); k++) marks[k] = true;
      }
    });
    var first = -1, offset = 0;
    parts.forEach(function (part, i) {
      if (marks[i] && first < 0) first = offset;
      offset += part.length;
    });
    // Whole words only: start a third of the way before the first match, stop before `max`.
    var begin = text.length > max && first > max / 3 ? first - Math.floor(max / 3) : 0;
    var out = element("span");
    var cut = false, started = false, mark = null;
    offset = 0;
    parts.forEach(function (part, i) {
      var from = offset;
      offset += part.length;
      if (cut || from < begin) return;
      if (offset - begin > max && started) { cut = true; return; }
      started = true;
      // Marked parts in a row (a phrase, its spaces included) share one mark.
      if (!marks[i]) mark = null;
      else if (!mark) mark = out.appendChild(element("mark"));
      (mark || out).appendChild(document.createTextNode(part));
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

  // Each result: its page's title, leading to its best block; that block's label and excerpt
  // (unless `browsing`, where the list below shows it); then up to `max` other paragraphs.
  function show(results, message, pages, matched, max, browsing) {
    list.textContent = "";
    status.textContent = message;
    results.forEach(function (r) {
      var page = pages[r.page];
      var best = page.b[r.best];
      var item = element("li", "search-result");
      var title = element("a", "result-page", page.t);
      title.href = page.u + (r.best && best[0] ? "#" + best[0] : "");
      item.appendChild(element("h2")).appendChild(title);
      if (!browsing) {
        var lead = element("p", "result-excerpt");
        if (r.best) {
          lead.appendChild(element("span", "result-label", best[1]));
          lead.appendChild(document.createTextNode(" — "));
        }
        lead.appendChild(excerpt(best[2], matched, 220));
        item.appendChild(lead);
      }
      var blocks = r.blocks.filter(function (b) { return b > 0 && (browsing || b !== r.best); }).slice(0, max);
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

  // Edit distance (insertions, deletions, substitutions, swaps of two neighbours), or
  // `max` + 1 as soon as it must exceed `max`.
  function distance(a, b, max) {
    var before = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= b.length; j++) {
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (before && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2] + 1);
        cur[j] = v;
        if (v < low) low = v;
      }
      if (low > max) return max + 1;
      before = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  // The word of the texts closest to a word they do not have: within two edits (one for a
  // word of four or five letters, none shorter), among the words and stems of the shard the
  // word sorts into and its two neighbours. Nearer first, then one with the same first
  // letter, a word of the texts before a stem, alphabetical order. It is written as the texts
  // write it (accents and all), found in the first block that holds it.
  function correction(word) {
    var max = word.length < 4 ? 0 : word.length < 6 ? 1 : 2;
    if (!max) return Promise.resolve(null);
    var n = shardIndex(word);
    var near = [n - 1, n, n + 1].filter(function (i) { return i >= 0 && i < meta.shards.length; });
    return Promise.all(near.map(shard)).then(function (loaded) {
      var best = null;
      loaded.forEach(function (s) {
        [s.w, s.s].forEach(function (keys, kind) {
          Object.keys(keys).forEach(function (key) {
            if (Math.abs(key.length - word.length) > max) return;
            var d = distance(word, key, max);
            if (d > max) return;
            var c = { key: key, stem: kind ? key : keys[key], rank: [d, key[0] === word[0] ? 0 : 1, kind] };
            if (!best || before(c, best)) best = c;
          });
        });
      });
      return best && spelling(best);
    });
    function before(a, b) {
      for (var i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i] < b.rank[i];
      return a.key < b.key;
    }
  }

  // A word or stem of the index as the texts write it: the first word of the first block
  // holding its stem that folds to it (or, for a stem, the shortest that begins with it),
  // lower case unless written in capitals (CICA).
  function spelling(found) {
    return postings([found.stem]).then(function (hits) {
      var p = Object.keys(hits)[0];
      if (p === undefined) return null;
      var b = Object.keys(hits[p])[0];
      return pagesOf([{ page: +p }]).then(function (pages) {
        var words = pages[p].b[b][2].match(WORD) || [];
        var exact = words.filter(function (w) { return fold(w) === found.key; });
        var begins = words.filter(function (w) { return fold(w).indexOf(found.key) === 0; })
          .sort(function (x, y) { return x.length - y.length; });
        var w = exact[0] || begins[0] || found.key;
        return w.length > 1 && w === w.toUpperCase() ? w : w.toLowerCase();
      });
    });
  }

  // When nothing is found: the query with each word the texts do not have replaced by the
  // closest one they have (null when there is none), to offer as a search of its own.
  function suggestion(found) {
    var unknown = [];
    found.forEach(function (f) {
      if (Object.keys(f.hits).length) return;
      (f.term.word ? [f.term.word] : f.term.phrase.filter(indexable)).forEach(function (w) {
        if (!stemOf(w) && unknown.indexOf(w) < 0) unknown.push(w);
      });
    });
    if (!unknown.length) return Promise.resolve(null);
    return Promise.all(unknown.map(correction)).then(function (fixes) {
      var by = {}, any = false;
      unknown.forEach(function (w, i) { if (fixes[i]) { by[w] = fixes[i]; any = true; } });
      if (!any) return null;
      return input.value.replace(/[\p{Alphabetic}\p{N}]+/gu, function (w) {
        var f = fold(w);
        return has(by, f) ? by[f] : w;
      }).trim();
    });
  }

  // The address of this page searching `query` (and the chosen topic).
  function address(query) {
    var params = new URLSearchParams(window.location.search);
    params.delete("q");
    params.delete("topic");
    if (query.trim()) params.set("q", query);
    var name = topicSelect && (topicSelect.value || (!meta && asked.get("topic")));
    if (name) params.set("topic", name);
    var s = params.toString();
    return window.location.pathname + (s ? "?" + s : "") + window.location.hash;
  }

  // The query and the topic kept in the address as they change, so a search can be shared
  // (the address is left alone while it says the same, however it spells it).
  function remember() {
    var now = new URLSearchParams(window.location.search);
    var next = new URLSearchParams(address(input.value).split("#")[0].split("?")[1] || "");
    var same = ["q", "topic"].every(function (k) { return (now.get(k) || "") === (next.get(k) || ""); });
    if (!same && window.history && history.replaceState) history.replaceState(history.state, "", address(input.value));
  }

  function clearHints() {
    suggestBox.hidden = true;
    suggestBox.textContent = "";
    elsewhere.hidden = true;
  }

  // Nothing found: the corrected query, if any, as a link that runs it, and the same query
  // on the search page of each other language.
  function hints(fixed) {
    clearHints();
    if (fixed) {
      var text = form.getAttribute("data-suggest").split("{q}");
      var link = element("a", null, fixed);
      link.href = address(fixed);
      link.addEventListener("click", function (e) {
        e.preventDefault();
        input.value = fixed;
        input.focus();
        run();
      });
      suggestBox.appendChild(document.createTextNode(text[0]));
      suggestBox.appendChild(link);
      suggestBox.appendChild(document.createTextNode(text.slice(1).join(fixed)));
      suggestBox.hidden = false;
    }
    var query = input.value.trim();
    Array.prototype.forEach.call(elsewhere.querySelectorAll("a"), function (a) {
      if (!a.hasAttribute("data-href")) a.setAttribute("data-href", a.getAttribute("href"));
      a.href = a.getAttribute("data-href") + "?q=" + encodeURIComponent(query);
      a.textContent = a.getAttribute("data-text").replace("{q}", query);
    });
    elsewhere.hidden = !query || !elsewhere.querySelector("a");
  }

  // While a query waits for files: the results are marked busy, and after a moment the
  // status says so.
  function pending(mine) {
    list.setAttribute("aria-busy", "true");
    setTimeout(function () {
      if (mine === serial && list.hasAttribute("aria-busy")) status.textContent = form.getAttribute("data-searching");
    }, 400);
  }

  function settled(mine) {
    if (mine === serial) list.removeAttribute("aria-busy");
  }

  function failed(mine) {
    return function () {
      if (mine !== serial) return;
      settled(mine);
      status.textContent = form.getAttribute("data-error");
    };
  }

  function run() {
    var mine = ++serial;
    remember();
    if (!meta) return;
    clearHints();
    var terms = parse(input.value);
    if (!terms.length) {
      if (topic) return browse(mine);
      list.textContent = "";
      status.textContent = "";
      return settled(mine);
    }
    pending(mine);
    Promise.all(terms.map(resolve)).then(function (found) {
      var matched = { stems: [], phrases: [] };
      found.forEach(function (f) {
        matched.stems = matched.stems.concat(f.marks.stems);
        matched.phrases = matched.phrases.concat(f.marks.phrases);
      });
      var ranked = found.every(function (f) { return Object.keys(f.hits).length; })
        ? rank(found.map(function (f) { return f.hits; })) : [];
      var top = ranked.slice(0, 20);
      return Promise.all([pagesOf(top), ranked.length ? null : suggestion(found)]).then(function (done) {
        if (mine !== serial) return;
        var message = ranked.length ? form.getAttribute("data-count").replace("{n}", ranked.length)
          : form.getAttribute(topic ? "data-topic-none" : "data-none");
        show(top, message, done[0], matched, 5, false);
        if (!ranked.length) hints(done[1]);
        settled(mine);
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
        return { page: p, best: blocks[0], blocks: blocks };
      });
    pending(mine);
    pagesOf(results).then(function (pages) {
      if (mine !== serial) return;
      var message = count ? form.getAttribute("data-topic-count").replace("{n}", count)
        : form.getAttribute("data-none");
      show(results, message, pages, { stems: [], phrases: [] }, Infinity, true);
      settled(mine);
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
    var name = asked.get("topic");
    if (name && has(values, name)) {
      topicSelect.value = name;
      choose();
    }
  }

  // The page filters (kind, dimension), each a group of boxes under its own legend, behind a
  // "Filter" disclosure whose summary counts the boxes ticked.
  function filters() {
    if (!more) return;
    var lang = form.getAttribute("data-lang");
    var ticked = 0;
    Object.keys(meta.filters).sort().forEach(function (name) {
      var group = more.querySelector("fieldset[data-filter=\"" + CSS.escape(name) + "\"]");
      if (!group) {
        group = element("fieldset", "search-filters");
        group.setAttribute("data-filter", name);
        group.appendChild(element("legend", null, name));
        more.appendChild(group);
      }
      Object.keys(meta.filters[name]).sort(function (a, b) { return a.localeCompare(b, lang); }).forEach(function (value) {
        var label = element("label", "search-filter");
        var box = element("input");
        box.type = "checkbox";
        box.addEventListener("change", function () {
          var values = chosen[name] || [];
          chosen[name] = box.checked ? values.concat([value]) : values.filter(function (v) { return v !== value; });
          if (!chosen[name].length) delete chosen[name];
          ticked += box.checked ? 1 : -1;
          if (moreCount) moreCount.textContent = ticked ? " (" + ticked + ")" : "";
          run();
        });
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + value));
        group.appendChild(label);
      });
      group.hidden = !group.querySelector("input");
    });
    more.hidden = !more.querySelector("input");
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });

  // The form is there from the start; while the index loads, it says so. A query in the
  // address (?q=, from a shared link or the search field of any page) is shown at once and
  // run as soon as the index is there.
  var q = asked.get("q");
  if (q) input.value = q;
  form.setAttribute("aria-busy", "true");
  status.textContent = form.getAttribute("data-loading");
  load("index.json").then(function (m) {
    if (m.version !== VERSION) throw new Error("search index version " + m.version);
    meta = m;
    filters();
    topics();
    form.removeAttribute("aria-busy");
    status.textContent = "";
    run();
  }).catch(function () {
    form.removeAttribute("aria-busy");
    status.textContent = form.getAttribute("data-error");
  });
})();
