"""Page weight of the first page, and Lighthouse scores of the others, served locally.

    .venv/bin/python benchmarks/page_weight.py [--lighthouse [--runs N]] [page ...]

Builds the site (`mkdocs build --strict`), serves it on 127.0.0.1 the way GitHub
Pages does (gzip for text, by Accept-Encoding), and opens the home page in
Debian's headless Chromium with a fresh cache. It prints every response with the
bytes that crossed the wire (gzipped) and the body after decoding, then the
totals against the budget: the home page's response bodies, with its math assets
and fonts, add up to at most 1.5 MB, counted decoded (so the budget holds on a
server that does not compress; the worker script reports no wire size). Exit status
1 when over budget.

With --lighthouse it also runs Lighthouse (npm, pinned in benchmarks/package.json:
`npm ci --prefix benchmarks`) on each page given (default: every page), against the
same server, with its default mobile emulation (a Moto G Power screen, 4x CPU slowdown,
throttled network). Each page is measured --runs times (default 3) and the median of
each figure is printed: performance and accessibility scores (targets 95 and 100),
cumulative layout shift (CLS, target under 0.05), largest contentful paint (LCP) and
total blocking time (TBT). Lighthouse is sensitive to the machine's load: a median of
several runs says more than one. --reports DIR keeps every JSON report, whose
diagnostics (render-blocking resources, main-thread work, DOM size, the LCP element)
say where a page's time goes. A script, not a test: it measures, and CI does not run it.
"""

import argparse
import functools
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support import CHROMIUM, CHROMIUM_ARGS, PAGES, url_path  # noqa: E402

BUDGET = 1_500_000  # bytes of response bodies for the first page, decoded
LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
TARGETS = {"performance": 95, "accessibility": 100}
# Lighthouse audits reported per page: (audit id, column title, format of its numericValue)
METRICS = (
    ("cumulative-layout-shift", "CLS", "{:.3f}"),
    ("largest-contentful-paint", "LCP ms", "{:,.0f}"),
    ("total-blocking-time", "TBT ms", "{:,.0f}"),
)
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, text gzipped for clients that accept it (as GitHub Pages serves them)."""

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        if not self.path.split("?")[0].endswith("/") and path.name == "index.html":
            return super().send_head()  # let the parent redirect /page to /page/
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Body:
    """The file-like object send_head returns, for a body already in memory."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def build(site: Path, config_file: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
        + ["--config-file", config_file, "--site-dir", str(site)],
        cwd=ROOT,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def page_weight(url: str) -> tuple[int, int]:
    """Print each response of a fresh load of `url`; return (transferred, decoded) bytes."""
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url, wait_until="networkidle")
        for response in responses:
            sizes = response.request.sizes()
            wire = sizes["responseBodySize"] + sizes["responseHeadersSize"]
            rows.append((wire, len(response.body()), response.url.removeprefix(url) or "/"))
        browser.close()
    for wire, decoded, name in sorted(rows, reverse=True):
        print(f"{wire:>10,} {decoded:>10,}  {name}")
    wire, decoded = sum(r[0] for r in rows), sum(r[1] for r in rows)
    print(f"{wire:>10,} {decoded:>10,}  total: {len(rows)} responses (transferred, decoded)")
    return wire, decoded


def lighthouse(url: str, report: Path) -> dict[str, float]:
    """One Lighthouse run of one page (mobile emulation): its scores (0-100) and
    METRICS, the JSON report written to `report`."""
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--only-categories=performance,accessibility",
            "--output=json",
            f"--output-path={report}",
            "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS),
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    result = json.loads(report.read_text("utf-8"))
    scores = {name: result["categories"][name]["score"] * 100 for name in TARGETS}
    return scores | {audit: result["audits"][audit]["numericValue"] for audit, *_ in METRICS}


def lighthouse_table(url: str, paths: list[str], runs: int, reports: Path) -> None:
    """Print a Markdown table: per page, the median of `runs` Lighthouse runs."""
    titles = [name for name in TARGETS] + [title for _, title, _ in METRICS]
    print(f"\nLighthouse 12, mobile emulation, median of {runs} runs per page:\n")
    print("| page | " + " | ".join(titles) + " |")
    print("| --- |" + " ---: |" * len(titles))
    for path in paths:
        name = path.strip("/").replace("/", "-") or "home"
        results = [lighthouse(url + path, reports / f"{name}-{run}.json") for run in range(runs)]
        median = {key: statistics.median(r[key] for r in results) for key in results[0]}
        cells = [f"{median[name]:.0f}" for name in TARGETS]
        cells += [fmt.format(median[audit]) for audit, _, fmt in METRICS]
        print(f"| /{path} | " + " | ".join(cells) + " |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's JSON reports here")
    parser.add_argument("--config-file", default="mkdocs.yml", help="MkDocs config to build")
    parser.add_argument("pages", nargs="*", help="URL paths for Lighthouse (default: all)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site, args.config_file)
        server, url = serve(site)
        try:
            print(f"First page {url}, fresh cache (bytes):")
            wire, decoded = page_weight(url)
            ok = decoded <= BUDGET
            print(f"Page weight: {decoded / 1e6:.2f} MB of {BUDGET / 1e6:.1f} MB budget", end=" ")
            print("(ok)" if ok else "(OVER BUDGET)")
            if args.lighthouse:
                if not LIGHTHOUSE.exists():
                    print("Lighthouse not installed: npm ci --prefix benchmarks")
                    return 2
                reports = args.reports or Path(tmp) / "reports"
                reports.mkdir(parents=True, exist_ok=True)
                paths = args.pages or [url_path(page) for page in PAGES]
                lighthouse_table(url, paths, args.runs, reports)
        finally:
            server.shutdown()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
