// The language switcher (overrides/partials/alternate.html) keeps the reader on the
// same page and section: each link goes to the twin of the page shown, the path
// after this edition's root put after the other edition's root, with the same
// #anchor (both editions give a section the same anchor). The links are written for
// the page the browser loaded; instant navigation changes the page under a header it
// keeps, so they are rewritten on every page and again on a click (the #anchor may
// have changed since). The twin of a page that has none would be a 404: the parity
// tests keep every page in both editions.
const editionLinks = [...document.querySelectorAll("a.md-select__link[data-edition-root]")];
// Each edition's root as an absolute URL, resolved against the page these links were
// written for, the one loaded now (English is "/", Korean "/ko/" under the same root).
const editionRoots = editionLinks.map(link => new URL(link.dataset.editionRoot, location.href).href);

function twinLinks() {
  // The edition shown is the one whose root is the longest prefix of the address.
  const here = editionRoots
    .filter(root => location.href.startsWith(root))
    .reduce((longest, root) => (root.length > longest.length ? root : longest), "");
  const rest = here ? location.href.slice(here.length) : "";
  editionLinks.forEach((link, index) => {
    link.href = editionRoots[index] + rest;
  });
}

document$.subscribe(twinLinks);
// Capture, so the link is right before anything else handles the click.
document.addEventListener("click", event => {
  if (event.target instanceof Element && event.target.closest("a.md-select__link[data-edition-root]")) {
    twinLinks();
  }
}, true);
