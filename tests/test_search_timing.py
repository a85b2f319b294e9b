"""The search indexer starts before the build's last steps (publish/search_index.py).

It starts once every document is written and runs beside the listings, the
feeds and the sidebars refreshed in place. That is only safe while what it
reads cannot change under it, and these tests hold the parts of that promise
that a build test would only catch by chance: the blog sidebar (the one part
of an indexed page written after the start) tells the index nothing and is
not in the copy the indexer reads (publish/search_pages.py), and the copies
are exactly the indexed pages, whatever else the build writes or deletes
beside them. tests/test_incremental.py compares the whole published index
after each kind of edit with a clean build's.
"""

import json
import re
from pathlib import Path

import pytest
from lxml import html

from helpers import add_redirect, repo_layout, sphinx_in_layout
from wnyblog.config_values import TEMPLATES
from wnyblog.publish import search_index, search_pages
from wnyblog.site import context

SIDEBAR_TEMPLATE = Path(TEMPLATES) / context.SIDEBAR[0]
INDEXED = r"search index: \d+ pages indexed in ([\d.]+) s \(the build waited ([\d.]+) s of it\)"


def test_the_sidebar_tells_the_index_nothing():
    template = SIDEBAR_TEMPLATE.read_text(encoding="utf-8")
    # Pagefind reads data-pagefind-* attributes anywhere in a page.
    assert "pagefind" not in template
    # One element, opened by the marker and closed once: what is cut out is all of it.
    assert template.count(context.SIDEBAR[1]) == 1
    assert template.count("<nav") == 1 and template.count(context.SIDEBAR[2]) == 1


PAGE = (
    b'<!doctype html>\n<html lang="en"><head><title>A post</title>'
    b'<meta name="description" content="About sleep" data-pagefind-meta="description[content]">'
    b'<style>body{}</style></head><body><aside><nav class="sidebar-tree">site</nav>'
    b'<nav class="sidebar-blog" aria-label="Blog"><ul><li>Newest post</li></ul></nav></aside>'
    b'<article><div data-pagefind-body><div class="section">Text</div></div>'
    b"<section data-pagefind-ignore>Related</section></article></body></html>"
)


def test_the_indexer_reads_a_page_without_its_sidebar():
    copy = search_pages.cut(PAGE)
    assert copy == (
        b'<!DOCTYPE html>\n<html lang="en">\n<head><title>A post</title>'
        b'<meta name="description" content="About sleep" data-pagefind-meta="description[content]">'
        b'</head>\n<body>\n<div data-pagefind-body><div class="section">Text</div></div>'
        b"\n</body>\n</html>\n"
    )
    assert search_pages.cut(PAGE.replace(b"Newest post", b"A newer post")) == copy
    # The page's own text still counts.
    assert search_pages.cut(PAGE.replace(b"Text", b"Other")) != copy


@pytest.mark.parametrize(
    "page",
    [
        # No element to cut out, or one never closed.
        b"<html><body><p>no body element</p></body></html>",
        b"<html><body><div data-pagefind-body><div>open</div></body></html>",
        # Something outside the element that Pagefind would read.
        PAGE.replace(b"<aside>", b'<aside><span data-pagefind-filter="tag:sleep"></span>'),
        PAGE.replace(b"Related", b'<span data-pagefind-meta="image:a.png"></span>'),
        # HTML's attribute names are not case-sensitive.
        PAGE.replace(b"<aside>", b'<aside><span DATA-PAGEFIND-FILTER="tag:sleep"></span>'),
    ],
)
def test_a_page_the_cut_might_change_is_read_whole(page):
    assert search_pages.cut(page) == page


def test_the_copies_are_exactly_the_indexed_pages(tmp_path):
    outdir, copies = tmp_path / "html", tmp_path / "copies"
    files = ["get-help/index.html", "posts/2026/a/index.html", "posts/2026/b/index.html"]
    for name in [*files, "posts/2025/old/index.html"]:
        (outdir / name).parent.mkdir(parents=True, exist_ok=True)
        (outdir / name).write_bytes(PAGE)
    seen = search_pages.update(outdir, copies, [*files, "posts/2025/old/index.html"], {})
    # A post deleted, or turned back into a draft, whose page the build
    # removes only at its end: its copy goes now.
    search_pages.update(outdir, copies, files, seen)
    assert sorted(p.relative_to(copies).as_posix() for p in copies.rglob("*.html")) == files
    # With no record of the copies, a stray one is not kept either.
    (copies / "posts/stray.html").write_bytes(PAGE)
    search_pages.update(outdir, copies, files, {})
    assert sorted(p.relative_to(copies).as_posix() for p in copies.rglob("*.html")) == files


def test_a_page_written_beside_the_indexer_is_not_read(tmp_path):
    """A clean build whose post keeps an old address under posts/: the old
    address's redirect page is written after the indexer started, inside the
    folder of the posts it indexes. The indexer reads copies of the indexed
    pages only, so it goes on, and the index holds the indexed pages only."""
    site = repo_layout("check", tmp_path)
    add_redirect(site / "docs/posts/2026/good-plain/index.md", "/posts/2025/plain-words/")
    result = sphinx_in_layout(site, "_build/html", env={"BLOG_TODAY": "2026-11-25"})
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "indexing again" not in log, log
    out = site / "_build/html"
    redirect = html.parse(str(out / "posts/2025/plain-words/index.html")).getroot()
    assert redirect.cssselect('meta[http-equiv="refresh"]')
    # The run started early, beside the build's last steps.
    took, waited = re.search(INDEXED, log).groups()
    assert float(took) > float(waited), log
    entry = json.loads((out / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    indexed = [
        path
        for path in out.rglob("*.html")
        if b"data-pagefind-body" in path.read_bytes() and "pagefind" not in path.parts
    ]
    assert entry["languages"]["en"]["page_count"] == len(indexed)


def test_the_index_key_reads_only_pages_whose_files_changed(tmp_path, monkeypatch):
    outdir, copies = tmp_path / "html", tmp_path / "copies"
    names = [f"posts/{n}/index.html" for n in range(5)]
    for n, name in enumerate(names):
        (outdir / name).parent.mkdir(parents=True)
        (outdir / name).write_bytes(PAGE.replace(b"Text", f"post {n}".encode()))
    key, seen = search_index._key(outdir, copies, names, {})
    read = []
    real = Path.read_bytes

    def counted(path):
        if path.is_relative_to(outdir):
            read.append(path.relative_to(outdir).as_posix())
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    assert search_index._key(outdir, copies, names, seen)[0] == key
    assert read == []
    # The same size, new words: read again, and the key changes.
    (outdir / names[2]).write_bytes(PAGE.replace(b"Text", b"POST 2"))
    changed, seen = search_index._key(outdir, copies, names, seen)
    assert read == [names[2]]
    assert changed != key
    assert b"POST 2" in (copies / names[2]).read_bytes()
    # Only a refreshed sidebar: read again, and the key stays.
    (outdir / names[3]).write_bytes(
        PAGE.replace(b"Text", b"post 3").replace(b"Newest post", b"A newer post")
    )
    assert search_index._key(outdir, copies, names, seen)[0] == changed
    # A copy lost: made again, and the key stays.
    (copies / names[4]).unlink()
    assert search_index._key(outdir, copies, names, seen)[0] == changed
    assert (copies / names[4]).is_file()


def test_a_page_is_replaced_whole_or_left_as_it_was(tmp_path, monkeypatch):
    from wnyblog.publish import output

    page = tmp_path / "index.html"
    page.write_bytes(b"<p>before</p>")
    output.replace_whole(page, b"<p>after</p>")
    assert page.read_bytes() == b"<p>after</p>"

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", full_disk)
    with pytest.raises(OSError):
        output.replace_whole(page, b"<p>half</p>")
    assert page.read_bytes() == b"<p>after</p>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]
