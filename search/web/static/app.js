// thidua's own script (the only one the page's Content-Security-Policy lets run besides htmx).
// Steps through the query's matches in an article: the buttons of .match-nav move a
// "current" class along the <mark class="hit"> elements and scroll to it.
(function () {
  "use strict";
  function step(nav, delta) {
    var count = parseInt(nav.getAttribute("data-count"), 10);
    if (!count) { return; }
    var at = parseInt(nav.getAttribute("data-at") || "-1", 10);
    at = at < 0 && delta < 0 ? count - 1 : (at + delta + count) % count;
    nav.setAttribute("data-at", String(at));
    document.querySelectorAll("mark.hit.current").forEach(function (m) { m.classList.remove("current"); });
    var marks = document.querySelectorAll('mark.hit[data-hit="' + at + '"]');
    marks.forEach(function (m) { m.classList.add("current"); });
    if (marks.length) { marks[0].scrollIntoView({block: "center"}); }
    var label = nav.querySelector(".match-at");
    if (label) { label.textContent = (at + 1) + "/" + count; }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".match-prev, .match-next");
    if (!button) { return; }
    var nav = button.closest(".match-nav");
    if (nav) { step(nav, button.classList.contains("match-next") ? 1 : -1); }
  });
})();
