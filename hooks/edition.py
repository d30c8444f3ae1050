"""MkDocs hook: one build, two editions — English at the site root, Korean under ko/.

Material's multi-language set-up is one MkDocs build per language, joined by
`extra.alternate` (the header's language switcher). The Korean edition is its own
config, mkdocs.ko.yml, which INHERITs mkdocs.yml and reads docs-ko/. This hook makes
the English build (`mkdocs build`, `mkdocs serve`, CI) build both:

- English build: as it starts (`on_pre_build`), it starts `mkdocs build -f
  mkdocs.ko.yml` in a process of its own, so the two editions build at once on two
  cores, and as it ends (`on_post_build`) it waits for that process and moves its site
  into `<site_dir>/ko`. A Korean build that fails (a warning, under --strict) fails
  the English build with the Korean build's output. `mkdocs serve` runs the English
  build on every change, so both editions are served and reloaded together.
- Korean build: takes the English tree's assets (docs/assets: stylesheets, KaTeX's
  CSS and fonts, scripts) as its own files (`on_files`), so docs-ko holds pages only;
  mkdocs.yml's `exclude_docs` applies to them as it does in English.
- Each build sets `LINREG_LANG` for what it starts (the figure-drawing process of
  hooks/figures.py, the lab kernels of hooks/labs.py): `ko` in the Korean build, so
  linreg.plots draws Korean titles and labels, and unset in the English build.
- The labs run once for both editions, and the figures are drawn once: the English
  build's lab kernels also draw the labs' Korean figures and leave the Korean notebooks
  in the folder `LINREG_KOREAN_LABS` names (hooks/labs.py), and its figure process
  saves each figure's Korean translation in the folder `LINREG_FIGURES_SHARED` names
  (hooks/figures.py); the Korean build takes them from there. Both folders are new
  for each build and named here, in both builds' environment.
"""

import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.edition")
LEVEL = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL) +- ")

ROOT = Path(__file__).resolve().parent.parent
ENGLISH_DOCS = ROOT / "docs"
ASSETS = "assets"  # docs/assets: what the Korean build publishes from the English tree
KOREAN_CONFIG = ROOT / "mkdocs.ko.yml"
KOREAN_DIR = "ko"  # where the Korean edition sits in the English build's site
LANGUAGE_VARIABLE = "LINREG_LANG"  # read by linreg.plots (drawn labels) in every process
KOREAN_SITE_URL = "LINREG_KO_SITE_URL"  # mkdocs.ko.yml's site_url: ours + ko/ (serve's too)
PARENT = "LINREG_EDITION_PARENT"  # the English build's process id, in the Korean build
# Folders where the English build leaves work the Korean build would otherwise repeat:
KOREAN_LABS = "LINREG_KOREAN_LABS"  # hooks/labs.py: the Korean labs, executed
FIGURES_SHARED = "LINREG_FIGURES_SHARED"  # hooks/figures.py: the Korean figures, drawn


def language(config: MkDocsConfig) -> str:
    """The edition a config builds: its theme's language ("en", "ko")."""
    return config.theme["language"]


def is_korean(config: MkDocsConfig) -> bool:
    return language(config) == "ko"


def warnings(output: str) -> list[str]:
    """The WARNING and ERROR messages in a build's output, each with the lines that
    continue it (MkDocs starts each message with its level: `WARNING -  ...`)."""
    found, keep = [], False
    for line in output.splitlines():
        level = LEVEL.match(line)
        if level is not None:
            keep = level.group(1) in {"WARNING", "ERROR"}
        if keep:
            found.append(line)
    return found


class _KoreanBuild:
    """`mkdocs build -f mkdocs.ko.yml` running beside the English build, into a
    temporary folder (the English build cleans its site_dir after this starts)."""

    def __init__(self, strict: bool, site_url: str) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="linreg-ko-site-"))
        self.shared = {
            KOREAN_LABS: Path(tempfile.mkdtemp(prefix="linreg-ko-labs-")),
            FIGURES_SHARED: Path(tempfile.mkdtemp(prefix="linreg-ko-figures-")),
        }
        os.environ.update({name: str(path) for name, path in self.shared.items()})  # ours too
        # Not --quiet: MkDocs then drops warnings before --strict counts them.
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(KOREAN_CONFIG)]
        command += ["--site-dir", str(self.folder)] + (["--strict"] if strict else [])
        env = {**os.environ, LANGUAGE_VARIABLE: "ko", KOREAN_SITE_URL: site_url}
        env[PARENT] = str(os.getpid())
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )

    def finish(self, site_dir: str) -> None:
        """Wait for the build; its site becomes `<site_dir>/ko`, or its failure ours."""
        output, _ = self.process.communicate()
        for line in warnings(output):  # ours, so that --strict counts them here too
            log.warning("mkdocs.ko.yml: %s", line)
        if self.process.returncode != 0:
            raise PluginError(f"The Korean edition (mkdocs.ko.yml) failed to build:\n{output}")
        target = Path(site_dir) / KOREAN_DIR
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(self.folder, target)

    def discard(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
        for name, path in self.shared.items():
            os.environ.pop(name, None)
            shutil.rmtree(path, ignore_errors=True)


_korean: _KoreanBuild | None = None


def edition_roots(config: MkDocsConfig) -> dict[str, str]:
    """Each edition's root as an absolute URL, by language: the switcher's relative
    links (extra.alternate) resolved against this edition's site_url."""
    site_url = config.site_url or ""
    return {alt["lang"]: urljoin(site_url, alt["link"]) for alt in config.extra["alternate"]}


def _exit_with(parent: int) -> None:
    """End this process once `parent` has: a Korean build whose English build was
    killed (not interrupted: Ctrl-C reaches both) would otherwise build on alone."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["editions"] = edition_roots(config)  # overrides/sitemap.xml's hreflang
    if is_korean(config):
        os.environ[LANGUAGE_VARIABLE] = "ko"
        if os.environ.get(PARENT):
            parent = int(os.environ[PARENT])
            threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    else:
        os.environ.pop(LANGUAGE_VARIABLE, None)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    global _korean
    if is_korean(config):
        return
    if _korean is not None:  # a build that failed before its end
        _korean.discard()
    _korean = _KoreanBuild(strict=config.strict, site_url=edition_roots(config)["ko"])


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not is_korean(config):
        return files
    for path in sorted((ENGLISH_DOCS / ASSETS).rglob("*")):
        src_uri = path.relative_to(ENGLISH_DOCS).as_posix()
        if path.is_file() and not config.exclude_docs.match_file(src_uri):
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    return files


def on_post_build(config: MkDocsConfig) -> None:
    global _korean
    if _korean is not None:
        korean, _korean = _korean, None
        try:
            korean.finish(config.site_dir)
        finally:
            korean.discard()


def on_build_error(error: Exception) -> None:
    global _korean
    if _korean is not None:
        _korean.discard()
        _korean = None


def on_shutdown() -> None:  # `mkdocs serve` stopped, maybe during a build
    on_build_error(None)  # type: ignore[arg-type]
