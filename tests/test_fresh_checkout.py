"""A CI runner's build (pages.yml): a fresh checkout, where every source and
every installed template has a new file time, with the last build's doctrees
and output restored from the cache, reads and writes only what changed, and
publishes exactly what a clean build does."""

import os
import time
from pathlib import Path

import corpus
import furo
import pytest
import sphinx

from helpers import GENERATED_POSTS, assert_same_site
from test_incremental import sphinx_build
from wnyblog import config_values
from wnyblog.speed import digests

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

DOCUMENTS = GENERATED_POSTS + 6  # the posts and the site's six pages (editorial policy included)
# The template folders the build reads (the extension's, Furo's and the basic theme's).
TEMPLATE_FOLDERS = [
    Path(config_values.TEMPLATES),
    Path(furo.__file__).parent / "theme" / "furo",
    Path(sphinx.__file__).parent / "themes" / "basic",
]


@pytest.fixture
def runner(generated_blog):
    """The cached build put back with its file times (as actions/cache does),
    and the sources checked out afresh: every file's time is now."""
    built, posts, log = generated_blog
    assert f"{DOCUMENTS} added" in log
    root = built.restore()
    now = time.time_ns()
    for folder, _, names in os.walk(root / "site"):
        for name in names:
            os.utime(Path(folder, name), ns=(now, now))
    return root, posts


@pytest.fixture
def fresh_install():
    """Every template with the time of a new install; put back afterwards."""
    templates = [p for folder in TEMPLATE_FOLDERS for p in folder.rglob("*.html")]
    before = {p: p.stat().st_mtime_ns for p in templates}
    now = time.time_ns()
    try:
        for path in templates:
            os.utime(path, ns=(now, now))
        yield
    finally:
        for path, mtime in before.items():
            os.utime(path, ns=(mtime, mtime))


def test_one_post_edited_reads_and_writes_one_page(runner, fresh_install, tmp_path):
    root, posts = runner
    corpus.edit_body(root / "site" / "docs", posts[7], "Edited on github.com.")
    log = sphinx_build(root / "site", root / "build")
    assert "updating environment: 0 added, 1 changed, 0 removed" in log
    assert "targets for 1 source files that are out of date" in log
    sphinx_build(root / "site", tmp_path / "clean")
    assert_same_site(root / "build" / "html", tmp_path / "clean" / "html")


def test_without_the_remembered_times_everything_is_read_again(runner, tmp_path):
    root, _ = runner
    (root / "build" / "doctrees" / digests.RECORD).unlink()
    (root / "build" / "doctrees" / "wnyblog-uptodate.json").unlink()
    log = sphinx_build(root / "site", root / "build")
    assert f"updating environment: 0 added, {DOCUMENTS} changed, 0 removed" in log


def test_nothing_changed_builds_nothing(runner):
    root, _ = runner
    before = {p: p.read_bytes() for p in (root / "build" / "html").rglob("*") if p.is_file()}
    log = sphinx_build(root / "site", root / "build")
    assert "Nothing has changed since the last build" in log
    after = {p: p.read_bytes() for p in (root / "build" / "html").rglob("*") if p.is_file()}
    assert after == before


def test_an_empty_output_folder_is_written_whole(runner, tmp_path):
    """Only the doctrees cached: every page is written again, none forgotten."""
    root, posts = runner
    for path in sorted((root / "build" / "html").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    corpus.edit_body(root / "site" / "docs", posts[3], "Edited again.")
    log = sphinx_build(root / "site", root / "build")
    assert "updating environment: 0 added, 1 changed, 0 removed" in log
    sphinx_build(root / "site", tmp_path / "clean")
    assert_same_site(root / "build" / "html", tmp_path / "clean" / "html")


def test_a_post_broken_then_mended_between_runs(runner, tmp_path):
    """A run that fails on a writer's mistake, then one with it fixed."""
    root, posts = runner
    post = root / "site" / "docs" / posts[5].path
    original = post.read_text(encoding="utf-8")
    post.write_text(original.replace("---\n", "---\ntagz: [oops]\n", 1), encoding="utf-8")
    with pytest.raises(AssertionError) as failed:
        sphinx_build(root / "site", root / "build")
    assert 'unknown front-matter setting "tagz"' in str(failed.value)
    post.write_text(original, encoding="utf-8")
    sphinx_build(root / "site", root / "build")
    sphinx_build(root / "site", tmp_path / "clean")
    assert_same_site(root / "build" / "html", tmp_path / "clean" / "html")


def _docs_state(docs: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(docs).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(docs.rglob("*"))
        if p.is_file()
    }


def test_a_build_changes_nothing_under_docs(runner, fresh_install):
    """Staleness is decided by content: no writer's file gets another time."""
    root, posts = runner
    docs = root / "site" / "docs"
    corpus.edit_body(docs, posts[9], "Edited once more.")
    before = _docs_state(docs)
    log = sphinx_build(root / "site", root / "build")
    assert "updating environment: 0 added, 1 changed, 0 removed" in log
    assert _docs_state(docs) == before
