"""The indexer reads cut-down copies of the indexed pages (publish/search_pages.py):
the index they give must be the index of the pages as published.

Pagefind is run here on the published pages themselves, as the build ran it
before the copies, and its files are compared byte for byte with the
published ``pagefind/``. A template that puts something Pagefind reads outside
what the copies keep (a filter in the header, a meta tag in the footer) fails
this test.
"""

import subprocess

import pytest
from pagefind_bin import get_executable

from helpers import published
from wnyblog.publish import pagefind_order, search_index, search_pages


def _indexed(folder):
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*.html")
        if "pagefind" not in p.relative_to(folder).parts and b"data-pagefind-body" in p.read_bytes()
    )


@pytest.fixture(params=["site", "generated_blog"])
def built(request):
    """(published folder, doctree folder) of the real site and of a generated blog."""
    if request.param == "site":
        site = request.getfixturevalue("site")
        return site.root, site.root.parent / "doctrees"
    blog, _, _ = request.getfixturevalue("generated_blog")
    return blog.snapshot / "build/html", blog.snapshot / "build/doctrees"


def test_the_copies_give_the_published_pages_index(built, tmp_path):
    html, doctrees = built
    copies = doctrees / search_pages.FOLDER
    files = _indexed(html)
    assert len(files) >= 3
    # The copies are the indexed pages, at the same paths, and smaller.
    assert sorted(p.relative_to(copies).as_posix() for p in copies.rglob("*.html")) == files
    sizes = [((html / f).stat().st_size, (copies / f).stat().st_size) for f in files]
    assert sum(copy for _, copy in sizes) < 0.6 * sum(page for page, _ in sizes)

    whole = tmp_path / "pagefind"
    command = [
        str(get_executable()),
        "--site",
        str(html),
        "--output-path",
        str(whole),
        "--glob",
        "{" + ",".join(files) + "}",
        "--exclude-selectors",
        search_index.EXCLUDED,
        "--quiet",
    ]
    subprocess.run(command, check=True, capture_output=True)
    for name in search_index.UNUSED_BUNDLE_FILES:
        (whole / name).unlink()
    assert pagefind_order.normalise(whole)
    got, want = published(html / search_index.FOLDER), published(whole)
    assert sorted(got) == sorted(want)
    assert [name for name in sorted(got) if got[name] != want[name]] == []
