"""The search indexer starts before the build's last steps (publish/search_index.py).

It starts once every document is written and runs beside the listings, the
feeds and the sidebars refreshed in place. That is only safe while what it
reads cannot change under it, and these tests hold the parts of that promise
that a build test would only catch by chance: the blog sidebar (the one part
of an indexed page written after the start) tells the index nothing and is
cut out exactly, and a page the indexer's glob would read but the build is
about to delete stops the early start. tests/test_incremental.py compares the
whole published index after each kind of edit with a clean build's.
"""

import json
import re
from pathlib import Path

import pytest
from lxml import html

from helpers import add_redirect, repo_layout, sphinx_in_layout
from wnyblog.config_values import TEMPLATES
from wnyblog.publish import search_index
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


def test_a_page_without_its_sidebar_keeps_everything_else():
    page = (
        b'<html><body><aside><nav class="sidebar-tree">site</nav>'
        b'<nav class="sidebar-blog" aria-label="Blog"><ul><li>Newest post</li></ul></nav>'
        b'</aside><article data-pagefind-body="">Text</article></body></html>'
    )
    refreshed = page.replace(b"Newest post", b"A newer post")
    cut = context.without_sidebar(page)
    assert cut == (
        b'<html><body><aside><nav class="sidebar-tree">site</nav>'
        b'</aside><article data-pagefind-body="">Text</article></body></html>'
    )
    assert context.without_sidebar(refreshed) == cut
    # The article's own text still counts.
    assert context.without_sidebar(page.replace(b"Text", b"Other")) != cut
    assert context.without_sidebar(b"<p>no sidebar</p>") == b"<p>no sidebar</p>"


def test_the_glob_reads_exactly_the_pages_on_disk(tmp_path):
    files = ["get-help/index.html", "posts/2026/a/index.html", "posts/2026/b/index.html"]
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<html></html>")
    assert search_index._globbed(tmp_path, files) == files
    # A post deleted, or turned back into a draft, whose page the build removes at its end.
    gone = tmp_path / "posts/2025/old/index.html"
    gone.parent.mkdir(parents=True)
    gone.write_text("<html></html>")
    assert search_index._globbed(tmp_path, files) == sorted([*files, "posts/2025/old/index.html"])


def test_a_page_written_beside_the_indexer_makes_it_index_again(tmp_path):
    """A clean build whose post keeps an old address under posts/: the old
    address's redirect page is written after the indexer started, inside the
    folder it reads. The build indexes again, once that page is there, and
    the index holds the indexed pages only."""
    site = repo_layout("check", tmp_path)
    add_redirect(site / "docs/posts/2026/good-plain/index.md", "/posts/2025/plain-words/")
    result = sphinx_in_layout(site, "_build/html", env={"BLOG_TODAY": "2026-11-25"})
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "the pages changed while they were indexed; indexing again" in log, log
    out = site / "_build/html"
    redirect = html.parse(str(out / "posts/2025/plain-words/index.html")).getroot()
    assert redirect.cssselect('meta[http-equiv="refresh"]')
    # Made again: a run started at the end, all of it waited for (not the
    # run that started early, whose answer no longer holds).
    took, waited = re.search(INDEXED, log).groups()
    assert took == waited, log
    entry = json.loads((out / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    indexed = [
        path
        for path in out.rglob("*.html")
        if b"data-pagefind-body" in path.read_bytes() and "pagefind" not in path.parts
    ]
    assert entry["languages"]["en"]["page_count"] == len(indexed)


def test_the_index_key_reads_only_pages_whose_files_changed(tmp_path, monkeypatch):
    names = [f"posts/{n}/index.html" for n in range(5)]
    for n, name in enumerate(names):
        (tmp_path / name).parent.mkdir(parents=True)
        (tmp_path / name).write_bytes(f"<article>post {n}</article>".encode())
    key, seen = search_index._key(tmp_path, names, {})
    read = []
    real = Path.read_bytes

    def counted(path):
        if path.is_relative_to(tmp_path):
            read.append(path.relative_to(tmp_path).as_posix())
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    assert search_index._key(tmp_path, names, seen)[0] == key
    assert read == []
    # The same size, new words: read again, and the key changes.
    (tmp_path / names[2]).write_bytes(b"<article>POST 2</article>")
    changed, seen = search_index._key(tmp_path, names, seen)
    assert read == [names[2]]
    assert changed != key
    # Only a refreshed sidebar: read again, and the key stays.
    sidebar = b'<nav class="sidebar-blog" aria-label="Blog"><ul><li>New</li></ul></nav>'
    (tmp_path / names[3]).write_bytes(b"<article>post 3</article>" + sidebar)
    assert search_index._key(tmp_path, names, seen)[0] == changed


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
