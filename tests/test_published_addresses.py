"""A published address never silently changes, with no list to edit: the
addresses live on the base branch come from git (checks/published.py), in
real git repositories: a writer's branch, a fresh clone, a shallow clone on
GitHub, a pull request against main."""

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import git, repo_layout
from wnyblog.checks import permalinks
from wnyblog.checks import runner as sitecheck
from wnyblog.checks.published import base_posts
from wnyblog.cli import main as cli
from wnyblog.posts import schema

TODAY = dt.date(2026, 11, 25)
VOCAB = schema.Vocabulary(
    authors={"clinic": "Clinic", "dr-lee": "Dr Lee"},
    tags=("sleep", "grief", "anxiety", "self-care"),
    categories=("Living well",),
)


@pytest.fixture
def blog(tmp_path, monkeypatch):
    """The check fixture as a repository: main holds its posts, the writer is
    on a branch of their own."""
    root = tmp_path / "blog"
    repo_layout("check", root)
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--message=The blog")
    git(root, "checkout", "--quiet", "-b", "winter-post")
    for name in ("BLOG_BASE_REF", "GITHUB_BASE_REF", "GITHUB_ACTIONS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(root)
    monkeypatch.setenv("BLOG_TODAY", TODAY.isoformat())
    return root


def problems(root: Path) -> list[str]:
    report = sitecheck.check_site(root / "docs", VOCAB, today=TODAY)
    return [str(p) for p in report.problems]


def taken_down(root: Path) -> list[tuple[str, str, str]]:
    posts = sitecheck.check_site(root / "docs", VOCAB, today=TODAY).posts
    return [(t.path, t.url, t.how) for t in permalinks.taken_down(root / "docs", posts, TODAY)]


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_the_live_posts_of_main_are_read_from_git(blog):
    base = base_posts(blog / "docs")
    assert base.ref == "main"
    # The draft and the scheduled post are on main too: whether a post is
    # live is decided by its settings.
    assert sorted((p.url, p.draft, p.date_text) for p in base.posts) == [
        ("/posts/2026/good-image/", False, "2026-05-02"),
        ("/posts/2026/good-plain/", False, "2026-05-01"),
        ("/posts/2026/good-safe/", False, "2026-05-03"),
        ("/posts/2026/good-scheduled/", False, "2026-12-31"),
        ("/posts/2027/good-draft/", True, "2027-01-15"),
    ]


def test_a_renamed_and_retitled_post_is_recognised_by_its_text(blog):
    shutil.move(blog / "docs/posts/2026/good-plain", blog / "docs/posts/2026/rest-well")
    edit(blog / "docs/posts/2026/rest-well/index.md", "# Sleeping better", "# Resting well")
    assert problems(blog) == [
        "docs/posts/2026/rest-well/index.md:1: this post is published at /posts/2026/good-plain/ "
        "today, and this change moves it to /posts/2026/rest-well/: links and bookmarks to the "
        "old address would stop working — keep the old address by adding the line "
        "`redirect_from: [/posts/2026/good-plain/]` to the settings at the top of the post (in "
        "the editor: “Old addresses”); if the post should stay where it was, move it back"
    ]
    edit(
        blog / "docs/posts/2026/rest-well/index.md",
        "category: Living well",
        "category: Living well\nredirect_from: [/posts/2026/good-plain/]",
    )
    assert problems(blog) == []


def test_taking_a_post_down_needs_no_list(blog):
    shutil.rmtree(blog / "docs/posts/2026/good-safe")
    edit(blog / "docs/posts/2026/good-plain/index.md", "---\n", "---\ndraft: true\n")
    assert problems(blog) == []
    assert taken_down(blog) == [
        ("docs/posts/2026/good-plain/index.md", "/posts/2026/good-plain/", "marked as a draft"),
        ("docs/posts/2026/good-safe/index.md", "/posts/2026/good-safe/", "deleted"),
    ]


def test_a_scheduled_post_not_yet_live_may_move(blog):
    shutil.move(blog / "docs/posts/2026/good-scheduled", blog / "docs/posts/2026/later")
    assert problems(blog) == []
    assert taken_down(blog) == []


def test_an_old_address_that_forwards_readers_stays(blog):
    post = blog / "docs/posts/2026/good-plain/index.md"
    edit(post, "category: Living well", "category: Living well\nredirect_from: [/post/sleep]")
    git(blog, "commit", "--quiet", "--all", "--message=Forward the Wix address")
    git(blog, "branch", "--force", "main")  # merged: readers are forwarded today
    edit(post, "redirect_from: [/post/sleep]", "redirect_from: []")
    assert problems(blog) == [
        "docs/posts/2026/good-plain/index.md:6: readers who open the old address /post/sleep/ "
        "are sent to this post today, and this change stops that — keep /post/sleep/ in the "
        "post's old addresses: the line `redirect_from: [/post/sleep/]` (several addresses go "
        "between the brackets, separated by commas)"
    ]


def test_a_branch_behind_main_does_not_take_down_newer_posts(blog):
    """Posts merged into main after the writer's branch started are not the
    writer's removals: the change is compared where it left main."""
    git(blog, "checkout", "--quiet", "main")
    newer = blog / "docs/posts/2026/newer/index.md"
    newer.parent.mkdir()
    newer.write_text("---\ndate: 2026-11-01\n---\n# Newer\n\nText.\n", encoding="utf-8")
    git(blog, "add", "--all")
    git(blog, "commit", "--quiet", "--message=Another writer's post")
    git(blog, "checkout", "--quiet", "winter-post")
    assert not newer.exists()
    assert taken_down(blog) == []


def test_a_fresh_clone_knows_main_as_origin(blog, tmp_path, monkeypatch):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(blog), str(clone)], check=True)
    monkeypatch.chdir(clone)
    git(clone, "checkout", "--quiet", "-b", "my-post", "origin/main")
    shutil.move(clone / "docs/posts/2026/good-image", clone / "docs/posts/2026/calm")
    assert base_posts(clone / "docs").ref == "origin/HEAD"
    assert [p.split(": ", 1)[0] for p in problems(clone)] == ["docs/posts/2026/calm/index.md:1"]


def test_builds_leave_docs_untouched(blog, capsys):
    new = blog / "docs/posts/2026/fresh/index.md"
    new.parent.mkdir()
    new.write_text("---\ndate: 2026-11-03\n---\n# Fresh\n\nNew words.\n", encoding="utf-8")
    assert cli.main(["check"]) == 0
    assert git(blog, "status", "--porcelain", "--untracked-files=all", "--", "docs") == (
        "?? docs/posts/2026/fresh/index.md"
    )


def test_on_a_github_pull_request_the_base_branch_is_origin(blog, monkeypatch):
    git(blog, "update-ref", "refs/remotes/origin/main", "main")
    git(blog, "branch", "--quiet", "--delete", "--force", "main")
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    assert base_posts(blog / "docs").ref == "origin/main"


def test_a_shallow_clone_on_github_is_an_error_naming_fetch_depth(
    blog, tmp_path, monkeypatch, capsys
):
    """actions/checkout's default fetches only the pull request's commit: the
    check says so instead of passing a moved post."""
    git(blog, "commit", "--quiet", "--allow-empty", "--message=The writer's change")
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth=1", "--branch=winter-post", f"file://{blog}", shallow],
        check=True,
    )
    monkeypatch.chdir(shallow)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(shallow))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    assert cli.main(["check"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        ".github/workflows/check.yml:1: the check cannot see the branch this change goes into "
        "(this clone has no origin/main or main (it is shallow)), so it cannot tell whether a "
        "published address would stop working — give the checkout step `fetch-depth: 0` (the "
        "whole history, with every branch)"
    )


def test_a_clone_without_main_says_what_it_skipped(blog, monkeypatch, capsys):
    git(blog, "branch", "--quiet", "--move", "main", "trunk")
    assert cli.main(["check"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Published addresses were not checked: this clone has no origin/HEAD or origin/main "
        "or main."
    )
    monkeypatch.setenv("BLOG_BASE_REF", "trunk")
    assert base_posts(blog / "docs").ref == "trunk"


def test_a_push_that_made_a_branch_has_no_before(blog, monkeypatch):
    """GitHub's `before` of a push that created a branch is all zeros: the
    usual base branch is used instead."""
    monkeypatch.setenv("BLOG_BASE_REF", "0" * 40)
    assert base_posts(blog / "docs").ref == "main"
