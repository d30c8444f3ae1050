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
  // A lab's Markdown cells (mkdocs-jupyter) keep Jupyter's $...$ and $$...$$. Only
  // there: a dollar sign in the site's own prose stays a dollar sign.
  for (const cell of body.querySelectorAll(".jupyter-wrapper .jp-MarkdownOutput")) {
    renderMathInElement(cell, {
      delimiters: [
        { left: "$$", right: "$$", display: true },
        { left: "$", right: "$", display: false },
      ],
    });
  }
});
