"""The web editor driven in Chromium: the real Sveltia CMS bundle as the site
serves it at /blog/admin/, on a copy of the repository (local-repository
mode, with a directory picker that hands over the copy's files)."""

import difflib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from browser import Server, axe_violations
from editor_browser import GITHUB_API, EditorSession
from helpers import REPO, SITE_URL, real_site

FIXTURES = REPO / "tests" / "data" / "editor"


@pytest.fixture(scope="module")
def editor_server(site):
    server = Server(site.root, SITE_URL)
    yield server
    server.close()


@pytest.fixture
def session(browser, editor_server):
    session = EditorSession(browser, editor_server)
    yield session
    session.close()


def test_the_editor_shows_its_sign_in_screen_and_reaches_no_other_site(session):
    session.open()
    page = session.page
    # (Sveltia wraps names in invisible isolation marks: "Sign In with ⁨GitHub⁩".)
    for name in (r"Sign In with \W?GitHub", "Sign In Using Access Token"):
        assert page.get_by_role("button", name=re.compile(name)).is_visible()
    page.wait_for_load_state("networkidle")
    assert session.errors == []
    assert session.refused == []
    for url in session.requests:
        assert session.server.is_own(url) or url.startswith(GITHUB_API + "/"), url
    # Its fonts are the site's own, and they are the ones drawn.
    assert any(
        url.endswith("/admin/fonts/source-sans-3-latin-wght-normal.woff2")
        for url in session.requests
    )
    assert page.evaluate("() => document.fonts.check('16px \"Source Sans 3\"')")
    session.screenshot("editor-sign-in.png")
    assert axe_violations(page) == []


def run_blog(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wnyblog.cli.main", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def repository(tmp_path) -> Path:
    """A copy of the repository's site, with a post per construct the blog
    supports and a post made by `blog new`."""
    root = real_site(tmp_path / "repo")
    for fixture in sorted(FIXTURES.glob("*.md")):
        folder = root / "docs/posts/2026" / f"editor-{fixture.stem}"
        folder.mkdir(parents=True)
        shutil.copy(fixture, folder / "index.md")
    made = run_blog(root, "new", "Coping with winter", "--date", "2026-12-01")
    assert made.returncode == 0, made.stdout + made.stderr
    return root


def headings(root: Path) -> dict[str, str]:
    """Each post's "# " heading (what the editor lists) -> its file."""
    out = {}
    for path in sorted((root / "docs/posts").glob("*/*/index.md")):
        text = path.read_text("utf-8")
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        heading = next(line[2:] for line in body.splitlines() if line.startswith("# "))
        out[heading] = path.relative_to(root).as_posix()
    return out


def diff(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    lines = list(difflib.ndiff(before.decode().splitlines(True), after.decode().splitlines(True)))
    return (
        [line[2:] for line in lines if line.startswith("- ")],
        [line[2:] for line in lines if line.startswith("+ ")],
    )


def open_post(session: EditorSession, heading: str) -> None:
    session.page.get_by_text(heading, exact=True).first.click()
    session.field("date").wait_for()


def save(session: EditorSession) -> None:
    session.page.get_by_role("button", name="Save", exact=True).click()
    session.page.get_by_text("Entry saved.").wait_for()
    session.page.get_by_role("button", name="New").wait_for()


def test_every_post_saved_from_the_editor_changes_only_the_setting_changed(session, repository):
    """Every post of the blog, one per construct, and one from `blog new`:
    opened, the date changed, saved — the file's diff is that one line.
    Then a setting a post lacked is added: exactly one more line."""
    before = {path: (repository / path).read_bytes() for path in headings(repository).values()}
    assert len(before) >= 5
    session.open_repository(repository)
    for heading in headings(repository):
        open_post(session, heading)
        session.field("date").locator("input").first.fill("2030-01-02")
        save(session)
    after = session.repository()
    for path, old in before.items():
        removed, added = diff(old, after[path])
        assert len(removed) == 1 and removed[0].startswith("date:"), (path, removed, added)
        assert len(added) == 1 and added[0].startswith("date:") and "2030-01-02" in added[0], (
            path,
            added,
        )
    # A setting the post did not have: one line at the end of its settings block.
    heading, path = next(iter(headings(repository).items()))
    open_post(session, heading)
    session.field("title").locator("input").fill("A title that differs")
    save(session)
    removed, added = diff(after[path], session.repository()[path])
    assert removed == [] and added == ["title: A title that differs\n"], (removed, added)
    text = session.repository()[path].decode()
    block = text.split("\n---\n", 1)[0].splitlines()
    assert block[-1] == "title: A title that differs"
    assert session.errors == [] and session.refused == []
