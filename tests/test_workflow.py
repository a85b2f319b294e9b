"""A writer's round trip: `blog new` -> `blog check` -> build; drafts; moving a
post; the live preview server."""

import shutil
import subprocess

import pytest
from lxml import html

from helpers import (
    add_redirect,
    fetch_text,
    free_port,
    preview_server,
    repo_layout,
    sphinx_in_layout,
    wait_for,
)
from wnyblog.cli import main as cli
from wnyblog.posts import skeleton

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow


@pytest.fixture
def blog_site(tmp_path, monkeypatch):
    """A writable copy of the check fixture laid out like the real repository."""
    repo_layout("check", tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BLOG_TODAY", "2026-11-25")
    return tmp_path


def build(site, *, preview=False):
    out = "_build/preview" if preview else "_build/html"
    result = sphinx_in_layout(site, out, env={"BLOG_PREVIEW": "1"} if preview else None)
    assert result.returncode == 0, result.stdout + result.stderr
    return site / out


def page(out, url):
    return html.parse(str(out / url / "index.html")).getroot()


def titles(doc):
    return [" ".join(a.text_content().split()) for a in doc.cssselect(".postcard-title a")]


def write_own_words(path):
    """Replace every example `blog new` wrote with the writer's own words."""
    text = path.read_text(encoding="utf-8")
    for example, own in [
        (skeleton.DESCRIPTION, "Why a short walk on a winter day helps."),
        (skeleton.OPENING, "Walking outside helps."),
        (skeleton.SECTION, "Where to walk"),
        (skeleton.MORE, "Any park will do."),
    ]:
        text = text.replace(example, own)
    path.write_text(text, encoding="utf-8")


def test_new_check_build_round_trip(blog_site, capsys):
    assert (
        cli.main(
            [
                "new",
                "Winter walks",
                "--tags",
                "sleep",
                "--category",
                "Living well",
                "--date",
                "2026-11-20",
            ]
        )
        == 0
    )
    created = blog_site / "docs/posts/2026/winter-walks/index.md"
    out = capsys.readouterr().out
    assert f"Created {created.relative_to(blog_site)}" in out
    assert "http://127.0.0.1:8000/posts/2026/winter-walks/" in out
    # The skeleton is not publishable until the writer replaces its text.
    assert cli.main(["check", "--no-record"]) == 1
    write_own_words(created)
    assert cli.main(["check", "--no-record"]) == 0
    html_out = build(blog_site)
    assert "Winter walks" in titles(page(html_out, "."))
    assert "Winter walks" in titles(page(html_out, "blog/tag/sleep"))
    assert "Winter walks" in titles(page(html_out, "blog/category/living-well"))
    atom = (html_out / "blog/atom.xml").read_bytes()
    assert b"<title>Winter walks</title>" in atom
    assert b"<title>Winter walks</title>" in (html_out / "blog/rss.xml").read_bytes()


def test_draft_is_nowhere_published_and_bannered_in_preview(blog_site):
    assert cli.main(["new", "Private thoughts", "--tags", "grief", "--draft"]) == 0
    write_own_words(blog_site / "docs/posts/2026/private-thoughts/index.md")
    published = build(blog_site)
    leaks = [
        p for p in published.rglob("*") if p.is_file() and b"Private thoughts" in p.read_bytes()
    ]
    assert leaks == []
    assert not (published / "posts/2026/private-thoughts").exists()
    preview = build(blog_site, preview=True)
    banner = page(preview, "posts/2026/private-thoughts").cssselect(".draft-banner")
    assert banner and banner[0].text_content().strip().startswith("Draft — not published")
    scheduled = page(preview, "posts/2026/good-scheduled").cssselect(".draft-banner")[0]
    assert "Scheduled — not published yet: it goes live on 2026-12-31" in scheduled.text_content()


def _publish(site):
    """Make the site a git repository whose main branch holds its posts, as
    GitHub Pages publishes them, and start a writer's branch."""
    for args in (
        ["init", "--quiet", "--initial-branch=main"],
        ["add", "--all"],
        ["commit", "--quiet", "--message=The blog"],
        ["checkout", "--quiet", "-b", "writer"],
    ):
        subprocess.run(
            ["git", "-c", "user.name=W", "-c", "user.email=w@example.org", *args],
            cwd=site,
            check=True,
            capture_output=True,
        )


def test_moving_a_published_post_needs_a_redirect(blog_site, capsys):
    _publish(blog_site)
    shutil.move(
        blog_site / "docs/posts/2026/good-plain", blog_site / "docs/posts/2026/sleep-better"
    )
    capsys.readouterr()
    assert cli.main(["check"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        "docs/posts/2026/sleep-better/index.md:1: this post is published at "
        "/posts/2026/good-plain/ today, and this change moves it to /posts/2026/sleep-better/: "
        "links and bookmarks to the old address would stop working — keep the old address by "
        "adding the line `redirect_from: [/posts/2026/good-plain/]` to the settings at the top "
        "of the post (in the editor: “Old addresses”); if the post should stay where it was, "
        "move it back"
    )
    add_redirect(blog_site / "docs/posts/2026/sleep-better/index.md", "/posts/2026/good-plain/")
    assert cli.main(["check"]) == 0
    out = build(blog_site)
    old = page(out, "posts/2026/good-plain")
    assert (
        old.cssselect('meta[http-equiv="refresh"]')[0].get("content") == "0; url=../sleep-better/"
    )
    assert (
        old.cssselect('link[rel="canonical"]')[0].get("href")
        == "https://example.org/posts/2026/sleep-better/"
    )
    assert old.cssselect('a[href="../sleep-better/"]')
    # The redirect page is not a post: no listing or feed shows it.
    assert titles(page(out, "blog")).count("Sleeping better") == 1
    assert (out / "blog/atom.xml").read_bytes().count(b"<title>Sleeping better</title>") == 1
    assert b"posts/2026/good-plain" not in (out / "blog/atom.xml").read_bytes()


def test_moved_post_with_the_same_slug_is_named_in_the_message(blog_site, capsys):
    _publish(blog_site)
    (blog_site / "docs/posts/2025").mkdir()
    shutil.move(blog_site / "docs/posts/2026/good-plain", blog_site / "docs/posts/2025/good-plain")
    moved = blog_site / "docs/posts/2025/good-plain/index.md"
    moved.write_text(
        moved.read_text(encoding="utf-8").replace("2026-05-01", "2025-05-01"), encoding="utf-8"
    )
    capsys.readouterr()
    assert cli.main(["check"]) == 1
    assert (
        "docs/posts/2025/good-plain/index.md:1: this post is published at "
        "/posts/2026/good-plain/ today, and this change moves it to /posts/2025/good-plain/"
    ) in capsys.readouterr().out


def _listening_addresses(port: int) -> set[str]:
    addresses = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table, encoding="ascii") as rows:
            for row in list(rows)[1:]:
                local, state = row.split()[1], row.split()[3]
                address, hex_port = local.split(":")
                if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                    addresses.add(address)
    return addresses


def test_preview_serves_on_loopback_and_rebuilds_after_an_edit(blog_site):
    port = free_port()
    with preview_server(blog_site, port) as output:
        url = f"http://127.0.0.1:{port}/posts/2026/good-plain/"
        first = wait_for(lambda: fetch_text(url), timeout=90)
        assert "Sleeping better" in first
        assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1 only
        post = blog_site / "docs/posts/2026/good-plain/index.md"
        post.write_text(
            post.read_text(encoding="utf-8").replace(
                "A plain, good post.", "Edited while previewing."
            ),
            encoding="utf-8",
        )
        wait_for(lambda: "Edited while previewing." in (fetch_text(url) or ""), timeout=60)
        assert not (blog_site / "_build/html").exists()  # drafts never reach the published folder
        assert (blog_site / "_build/preview/posts/2027/good-draft/index.html").is_file()
    assert f"Preview with drafts at http://127.0.0.1:{port}/" in output[0]


def test_new_makes_an_address_from_a_title_with_no_letters(blog_site, capsys):
    # An emoji-only title gave an empty address; `blog new` then refused it.
    assert cli.main(["new", "‼️", "--date", "2026-11-20", "--draft"]) == 0
    created = blog_site / "docs/posts/2026/double-exclamation-mark/index.md"
    assert created.is_file(), capsys.readouterr()
    assert "# ‼️\n" in created.read_text(encoding="utf-8")
