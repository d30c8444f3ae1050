// Render math with the site's own KaTeX (docs/assets/katex) on every page load,
// including instant navigation, which swaps the page body without a reload.
document$.subscribe(({ body }) => {
  renderMathInElement(body, {
    // pymdownx.arithmatex (generic mode) wraps formulas in \( \) and \[ \]
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
  });
});
