// A display formula or a table wider than its box scrolls inside it (extra.css;
// Material wraps each table in .md-typeset__scrollwrap). Make such a box reachable
// by keyboard, as Material does for code blocks that scroll: Tab to it, then the
// arrow keys scroll it. Checked on every page (instant navigation included) and
// again whenever the window is resized, which changes what fits.
function focusScrollingBoxes(body) {
  for (const box of body.querySelectorAll("div.arithmatex, .md-typeset__scrollwrap")) {
    if (box.scrollWidth > box.clientWidth) {
      box.setAttribute("tabindex", "0");
    } else {
      box.removeAttribute("tabindex");
    }
  }
}
document$.subscribe(({ body }) => focusScrollingBoxes(body));
window.addEventListener("resize", () => focusScrollingBoxes(document.body));
