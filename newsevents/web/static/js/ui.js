// Tooltips for any element with data-tip. The text is set with textContent: never parsed as HTML.
(function () {
  "use strict";
  const tip = document.getElementById("tip");
  if (!tip) return;
  function show(el, x, y) {
    tip.textContent = el.getAttribute("data-tip");
    tip.hidden = false;
    const w = tip.offsetWidth, h = tip.offsetHeight;
    tip.style.left = Math.min(x + 12, window.innerWidth - w - 8) + "px";
    tip.style.top = (y + 16 + h > window.innerHeight ? y - h - 10 : y + 16) + "px";
  }
  document.addEventListener("mouseover", function (ev) {
    const el = ev.target.closest && ev.target.closest("[data-tip]");
    if (el && el.getAttribute("data-tip")) show(el, ev.clientX, ev.clientY); else tip.hidden = true;
  });
  document.addEventListener("mousemove", function (ev) {
    if (!tip.hidden) {
      const el = ev.target.closest && ev.target.closest("[data-tip]");
      if (el) show(el, ev.clientX, ev.clientY);
    }
  });
  document.addEventListener("mouseleave", function () { tip.hidden = true; });
})();
