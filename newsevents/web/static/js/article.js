// Article page: hovering an event card (or quote, actor) outlines its words in the text, and back.
(function () {
  "use strict";
  const text = document.getElementById("article-text");
  if (!text) return;
  function mark(ref, on) {
    text.querySelectorAll("[data-refs]").forEach(function (el) {
      if (el.getAttribute("data-refs").split(" ").indexOf(ref) >= 0) el.classList.toggle("focus", on);
    });
  }
  document.querySelectorAll("[data-ref]").forEach(function (card) {
    const ref = card.getAttribute("data-ref");
    card.addEventListener("mouseenter", function () { mark(ref, true); });
    card.addEventListener("mouseleave", function () { mark(ref, false); });
  });
  text.addEventListener("click", function (ev) {
    const el = ev.target.closest("[data-refs]");
    if (!el) return;
    for (const ref of el.getAttribute("data-refs").split(" ")) {
      const card = document.getElementById("ev-" + ref);
      if (card) { card.scrollIntoView({ behavior: "smooth", block: "center" }); card.classList.add("focus");
        setTimeout(function () { card.classList.remove("focus"); }, 1500); break; }
    }
  });
})();
