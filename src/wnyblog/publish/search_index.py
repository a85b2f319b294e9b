"""The site's search index: Pagefind, run once per build on the pages written.

Which pages are searched, and what each page tells the index, is decided here
and written into the pages by the templates (``page.html``): a post and every
page beside the blog (get-help, about, privacy, ...) carry
``data-pagefind-body`` around their own text, with the post's tags, category,
authors and year as filters and its date and description as metadata. Pages
without it (the home page, listings, archives, 404, the editor) are not
indexed: Pagefind indexes only pages that have one, once any page does.

Once Sphinx has written every document, Pagefind's binary (the one
pinned in requirements.txt, run as one subprocess: its Python API, fed page by
page, is forty times slower) indexes the indexed pages and writes
``pagefind/``. It reads them as :mod:`.search_pages` cuts them down, which
gives the same index in 40% less time. It starts at ``html-collect-pages``
(:func:`start`) and runs beside the build's last steps (listings, feeds,
sidebars refreshed in place), none of which changes what it reads: the blog
sidebar is the only part of an indexed page written after that, and it is
not in the cut-down copy. At ``build-finished`` (:func:`build`) the copies
are made again from the pages as published, and the index made again if they
differ after all. It runs only when some copy, the list of indexed pages or
the indexer changed since the last index (:data:`STATE`, beside the
doctrees); the old folder is removed first, so an incremental build
publishes exactly a clean build's files. Pagefind's output depends only on
the pages' bytes once its filters are put in a fixed order
(:mod:`.pagefind_order`), so two builds and two clones publish the same index
(tests/test_site.py, tests/test_reproducible.py).

Result addresses are relative to the site's root; the search page's script
prefixes them with the folder the site is served from, which keeps search
working under ``/blog/`` and in a Read the Docs preview alike.
"""

import hashlib
import json
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.errors import ExtensionError
from sphinx.util import logging

from .. import build_state
from ..site.model import Blog, PublishedPost
from . import output, pagefind_order, search_pages
from .search_pages import Seen

logger = logging.getLogger(__name__)

FOLDER = "pagefind"  # in the published site
STATE = "wnyblog-search.json"  # in the doctree folder
SEARCH_PAGE = "search"
# The builders that publish a site (not `blog check`'s, which writes no pages).
BUILDERS = ("html", "dirhtml")
HELP_PAGE = "get-help"
# Pagefind weighs words 0-10 (1 for body text, 7 for an h1): the crisis page's
# words are weighed most. That alone does not put it above a post whose title
# says "suicide", so it also carries these words as metadata that
# static/search.js weighs above a title (Pagefind 1.5's ranking.metaWeights),
# and hides from the result: "suicide", "988", "crisis" or "self-harm" finds
# the crisis page first.
HELP_WEIGHT = 10
HELP_META = ("help", "suicide suicidal self-harm crisis 988 emergency")
# Inside a page's own text, but not words of it: the "#" beside each heading.
EXCLUDED = "a.headerlink"
# Files Sphinx writes for its own search, which the site no longer uses.
SPHINX_SEARCH_FILES = (
    "searchindex.js",
    "_static/searchtools.js",
    "_static/language_data.js",
    "_static/sphinx_highlight.js",
    "_static/base-stemmer.js",
    "_static/english-stemmer.js",
)
# Sphinx adds this to every page; it only highlights words from Sphinx's search.
SPHINX_HIGHLIGHT = "_static/sphinx_highlight.js"
# Pagefind writes three UIs and a highlighter; the search page uses one UI.
UNUSED_BUNDLE_FILES = (
    "pagefind-component-ui.css",
    "pagefind-component-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-highlight.js",
)


@dataclass(frozen=True)
class PageSearch:
    """What one page tells the index: its weight, filters and metadata."""

    weight: int | None = None
    filters: tuple[tuple[str, str], ...] = ()
    meta: tuple[tuple[str, str], ...] = ()


def is_indexed(app: Sphinx, model: Blog, pagename: str) -> bool:
    """A post, or a page of the site's own that is not a listing."""
    if pagename in model.by_docname:
        return True
    return pagename in app.env.found_docs and pagename != app.config.root_doc


def page_search(app: Sphinx, model: Blog, pagename: str) -> PageSearch | None:
    """What the page carries for the index; None for a page not indexed."""
    if not is_indexed(app, model, pagename):
        return None
    post: PublishedPost | None = model.by_docname.get(pagename)
    weight = HELP_WEIGHT if pagename == HELP_PAGE else None
    # The description comes from the page's <meta name="description">
    # (templates/blog/meta.html): no second copy in the body.
    if post is None:
        return PageSearch(weight=weight, meta=(HELP_META,) if weight else ())
    filters = [
        *(("tag", archive.name) for archive in post.tag_archives),
        *(("author", archive.name) for archive in post.author_archives),
        ("year", str(post.date.year)),
    ]
    if post.category_archive is not None:
        filters.append(("category", post.category_archive.name))
    meta = (("date", post.date.strftime(app.config.post_date_format)),)
    return PageSearch(weight=weight, filters=tuple(filters), meta=meta)


def page(app: Sphinx, model: Blog) -> tuple[str, dict[str, object], str]:
    """The search page, as ``html-collect-pages`` gives it to Sphinx. With no
    page to index yet there is no index, and the page loads none of it."""
    ready = any(is_indexed(app, model, docname) for docname in app.env.found_docs)
    return SEARCH_PAGE, {"title": "Search", "blog_search_ready": ready}, "search.html"


def without_sphinx_highlight(scripts: list[str]) -> list[str]:
    """A page's scripts minus Sphinx's search-word highlighter."""
    return [s for s in scripts if getattr(s, "filename", s) != SPHINX_HIGHLIGHT]


def indexed_files(app: Sphinx, model: Blog) -> list[str]:
    """The published files of every indexed page, relative to the site, sorted."""
    names = [d for d in sorted(app.env.found_docs) if is_indexed(app, model, d)]
    builder = cast(StandaloneHTMLBuilder, app.builder)
    return sorted(output.site_path(app.outdir, builder.get_outfilename(d)) for d in names)


def _key(outdir: Path, pages: Path, files: list[str], seen: Seen) -> tuple[str, Seen]:
    """A digest of what the index is made from: the indexed pages as the
    indexer reads them (:mod:`.search_pages`, updated in *pages*), the
    indexer's version and the code that runs it; and each page's own digest."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"pagefind-bin {version('pagefind-bin')}\0".encode())
    # These modules and the reordering shape the bundle too.
    for module in (__file__, search_pages.__file__, pagefind_order.__file__):
        digest.update(Path(module).read_bytes())
    digest.update(json.dumps([UNUSED_BUNDLE_FILES, EXCLUDED, files]).encode())
    now = search_pages.update(outdir, pages, files, seen)
    for name in files:
        digest.update(f"\0{now[name][2]}".encode())
    return digest.hexdigest(), now


@dataclass
class StartedIndex:
    """The indexer started early (at ``html-collect-pages``), and for which pages."""

    key: str = ""
    files: list[str] = field(default_factory=list)
    seen: Seen = field(default_factory=dict)  # the pages as digested (_key)
    process: "subprocess.Popen[str] | None" = None
    started: float = 0.0


def start(app: Sphinx, model: Blog) -> None:
    """At ``html-collect-pages``, once every document is written: start the
    indexer when the indexed pages changed, and go on with the build."""
    if app.builder.name not in BUILDERS:
        return
    outdir = Path(app.outdir)
    files = indexed_files(app, model)
    started = build_state.of(app, StartedIndex)
    previous, seen = _state(app)
    key, started.seen = _key(outdir, _pages(app), files, seen)
    if not files or _is_current(app, key, previous):
        return
    _remove_index(app)
    started.key, started.files, started.started = key, files, time.perf_counter()
    started.process = _start_pagefind(outdir, _pages(app))


def abandon(app: Sphinx) -> None:
    """Stop an indexer still running: the build failed (the next build indexes
    again), or the pages it read changed under it (:func:`build` runs it again)."""
    started = build_state.of(app, StartedIndex)
    if started.process is not None:
        started.process.kill()
        started.process.wait()
        started.process = None


def build(app: Sphinx, model: Blog) -> None:
    """At ``build-finished``: the index of the pages as published, from the
    indexer started early when the pages are still what it read, else from a
    run now when any of them changed since the last index."""
    outdir = Path(app.outdir)
    remove_sphinx_search(outdir)
    files = indexed_files(app, model)
    started = build_state.of(app, StartedIndex)
    previous, stored = _state(app)  # none when the indexer started: start() removed it
    key, seen = _key(outdir, _pages(app), files, started.seen or stored)
    if started.process is not None and (started.key, started.files) != (key, files):
        logger.info("search index: the pages changed while they were indexed; indexing again")
        abandon(app)
    waited = time.perf_counter()  # from here on the build only waits for the index
    if started.process is None:
        if _is_current(app, key, previous):
            return
        _remove_index(app)
        if not files:
            # A site with no post and no page beside the blog yet: Pagefind
            # refuses to make an empty index, and there is nothing to find.
            logger.info("search index: no page to index yet")
            return
        started.key, started.files, started.started = key, files, waited
        started.process = _start_pagefind(outdir, _pages(app))
    _wait_for_pagefind(started.process)
    build_state.reset(app, StartedIndex)
    bundle = outdir / FOLDER
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)
    # Pagefind lists filters in a different order each run: the same pages
    # must publish the same bytes.
    if not pagefind_order.normalise(bundle):
        logger.info("search index: filters left in Pagefind's order (its files changed shape)")
    now = time.perf_counter()
    seconds = now - started.started
    logger.info(
        "search index: %d pages indexed in %.2f s (the build waited %.2f s of it)",
        len(files),
        seconds,
        now - waited,
    )
    state = {"key": key, "pages": seen}
    Path(app.doctreedir, STATE).write_text(json.dumps(state, sort_keys=True), encoding="utf-8")


def _state(app: Sphinx) -> tuple[str | None, Seen]:
    """What the last index was made from (:data:`STATE`): its key and its
    pages as digested; nothing when unknown or unreadable."""
    try:
        state = json.loads(Path(app.doctreedir, STATE).read_text(encoding="utf-8"))
        key, pages = state.get("key"), state.get("pages", {})
        seen = {str(n): (int(t), int(z), str(d)) for n, (t, z, d) in pages.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return None, {}
    return (key if isinstance(key, str) else None), seen


def _is_current(app: Sphinx, key: str, previous: str | None) -> bool:
    """Whether the published index was made from pages with this key (*previous*,
    the key :func:`_state` found)."""
    return previous == key and Path(app.outdir, FOLDER, "pagefind-entry.json").is_file()


def _remove_index(app: Sphinx) -> None:
    """The index and its record go first: a build that stops half-way leaves neither."""
    Path(app.doctreedir, STATE).unlink(missing_ok=True)
    shutil.rmtree(Path(app.outdir, FOLDER), ignore_errors=True)


def _pages(app: Sphinx) -> Path:
    """Where the copies the indexer reads are kept (:mod:`.search_pages`)."""
    return Path(app.doctreedir, search_pages.FOLDER)


def _start_pagefind(outdir: Path, pages: Path) -> "subprocess.Popen[str]":
    from pagefind_bin import get_executable

    # The binary itself: `python -m pagefind` only finds it and execs it.
    # It reads every page in *pages*, which holds the indexed pages only.
    command = [
        str(get_executable()),
        "--site",
        str(pages),
        "--output-path",
        str(outdir / FOLDER),
        # The "#" link beside every heading is not part of its title.
        "--exclude-selectors",
        EXCLUDED,
        "--quiet",
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _wait_for_pagefind(process: "subprocess.Popen[str]") -> None:
    output, _ = process.communicate()
    if process.returncode != 0:
        raise ExtensionError(
            "the search indexer (Pagefind) failed: "
            + output.strip()
            + " — run `make html` again; if it keeps failing, reinstall with "
            "`rm -rf .venv && make html`"
        )


def remove_sphinx_search(outdir: Path) -> None:
    """Delete the files of Sphinx's own search, which Sphinx copies anyway."""
    for name in SPHINX_SEARCH_FILES:
        (outdir / name).unlink(missing_ok=True)
