// Progressive enhancement only: every feature here has a plain-HTML fallback.
(function () {
  "use strict";
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
})();
