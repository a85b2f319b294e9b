"""The pages Pagefind reads: each indexed page cut down to what the index takes from it.

Pagefind parses a whole page, then keeps only the element marked
``data-pagefind-body``, the ``data-pagefind-*`` attributes and the page's
language. A published post is about 31 KB, half of it Furo's head, icon
sprite, navigation and sidebars, and parsing that half was 40% of the
indexer's time at 1,000 posts (1.4 CPU-s in place of 2.1). So the indexer
reads a copy of each indexed page, kept beside the doctrees
(:data:`FOLDER`) at the page's own path, which gives every result the same
address: the ``<html>`` tag, the ``<title>``, the head's tags that carry a
``data-pagefind-*`` attribute and the ``data-pagefind-body`` element. The index
made from the copies is byte for byte the index of the published pages
(tests/test_search_pages.py builds both).

A page where something else could count is copied whole: one without a
single such element to cut out, or one with a ``data-pagefind-*`` attribute
(other than ``-ignore``) in its body outside that element.
"""

import hashlib
import re
import shutil
from pathlib import Path

from . import output

FOLDER = "wnyblog-search-pages"  # in the doctree folder

_BODY = b"<div data-pagefind-body"  # templates/page.html
_ATTRIBUTE_NAME = b"data-pagefind-"
# Searched in the page lowered (bytes.lower: ASCII only, so every position
# holds): HTML's names are not case-sensitive, and a search for a literal is
# many times faster than the same search ignoring case.
_DIV = re.compile(rb"<(/?)div\b[^>]*>")
_HTML = re.compile(rb"<html\b[^>]*>")
_TITLE = re.compile(rb"<title>.*?</title>", re.DOTALL)
_ATTRIBUTE = re.compile(re.escape(_ATTRIBUTE_NAME) + rb"(?!ignore\b)")


def cut(page: bytes) -> bytes:
    """What Pagefind takes from *page* (see the module's text), or the page whole."""
    low = page.lower()
    start, body_at = low.find(_BODY), low.find(b"<body")
    if start < 0 or not 0 <= body_at < start:
        return page
    html = _HTML.search(low, 0, body_at)
    end = _element_end(low, start)
    head_tags = _tags_with_attributes(low, html.end() if html else 0, body_at)
    if (
        html is None
        or end is None
        or head_tags is None
        or _ATTRIBUTE.search(low, body_at, start)
        or _ATTRIBUTE.search(low, end)
    ):
        return page
    title = _TITLE.search(low, 0, body_at)
    return b"".join(
        [
            b"<!DOCTYPE html>\n",
            page[html.start() : html.end()],
            b"\n<head>",
            page[title.start() : title.end()] if title else b"",
            *(page[at:to] for at, to in head_tags),
            b"</head>\n<body>\n",
            page[start:end],
            b"\n</body>\n</html>\n",
        ]
    )


def _tags_with_attributes(low: bytes, at: int, end: int) -> list[tuple[int, int]] | None:
    """Where the tags between *at* and *end* that carry a ``data-pagefind-*``
    attribute are; None when one cannot be told apart."""
    found: list[tuple[int, int]] = []
    name = low.find(_ATTRIBUTE_NAME, at, end)
    while name >= 0:
        opens, closes = low.rfind(b"<", at, name), low.find(b">", name, end)
        if opens < 0 or closes < 0:
            return None
        found.append((opens, closes + 1))
        name = low.find(_ATTRIBUTE_NAME, closes, end)
    return found


def _element_end(low: bytes, start: int) -> int | None:
    """Where the ``<div>`` opened at *start* is closed (after its end tag)."""
    depth = 0
    for tag in _DIV.finditer(low, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    return None


Seen = dict[str, tuple[int, int, str]]


def update(outdir: Path, folder: Path, files: list[str], seen: Seen) -> Seen:
    """Make *folder* hold the copy of each of *files* (published pages, relative
    to *outdir*) and nothing else; return each page's (modification time in ns,
    size, digest of its copy).

    *seen* is that answer from the last time: a page whose file has the time
    and size it had then is not read again, so an edit reads the page it
    wrote, not the thousand it did not; an empty *seen* (no record) makes
    every copy again."""
    if not seen:
        shutil.rmtree(folder, ignore_errors=True)
    now: Seen = {}
    for name in files:
        info = (outdir / name).stat()
        known = seen.get(name)
        copy = folder / name
        present = copy.is_file()
        if known is None or known[:2] != (info.st_mtime_ns, info.st_size) or not present:
            page = cut((outdir / name).read_bytes())
            digest = hashlib.sha256(page).hexdigest()
            if known is None or known[2] != digest or not present:
                copy.parent.mkdir(parents=True, exist_ok=True)
                output.replace_whole(copy, page)
            known = (info.st_mtime_ns, info.st_size, digest)
        now[name] = known
    for name in set(seen) - set(now):
        (folder / name).unlink(missing_ok=True)
    return now
