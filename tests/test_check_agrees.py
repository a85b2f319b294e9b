"""`make check` rejects exactly the posts `make html` rejects.

Posts written in the shape of other ABlog and MyST blogs' posts (their front
matter, blocks and roles from extensions this site does not have, includes,
cross-references, footnotes, code cells) are moved into a copy of the real
site, which is then built and checked with the Makefile's own targets. Every
message either prints names a repository-relative path and a line.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import REPO, real_site
from helpers import make_target as make

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

THIRD_PARTY = REPO / "tests" / "data" / "third-party"
# The moved-in posts that use only what the site has.
CLEAN = {"2024/supported-features", "2025/walking-meetings", "2025/waiting-times"}
MOVED = {
    "{}/{}".format(*path.stem.split("-", 1)): path for path in sorted(THIRD_PARTY.glob("*.md"))
}
CALM = REPO / "tests" / "roots" / "test-check" / "posts" / "2026" / "good-image" / "calm.png"

# A problem as `make html` prints it, and as `make check` prints it.
BUILD_LINE = re.compile(r"^docs/(?P<path>[^\s:]+):(?P<line>\d+): (?:WARNING|ERROR|CRITICAL): .+")
CHECK_LINE = re.compile(r"^docs/(?P<path>[^\s:]+):(?P<line>\d+): (?!advice: ).+ — .+")
# Advice, which fails neither: the same line from both.
ADVICE_LINE = re.compile(r"^docs/[^\s:]+:\d+: advice: .+ — .+")


def move_in(site: Path, posts: dict[str, Path]) -> None:
    for where, source in posts.items():
        folder = site / "docs" / "posts" / where
        folder.mkdir(parents=True)
        shutil.copy(source, folder / "index.md")
    # What the clean ones show or offer, beside them.
    shutil.copy(CALM, site / "docs/posts/2025/walking-meetings/path.png")
    (site / "docs/posts/2025/walking-meetings/walking-guide.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (site / "docs/posts/2025/waiting-times/waits.csv").write_text(
        "Season,Days\nWinter,12\nSpring,9\n", encoding="utf-8"
    )


def flagged(output: str, pattern: re.Pattern) -> set[str]:
    """The posts (year/slug) a command's output names a problem in."""
    found = set()
    for row in output.splitlines():
        match = pattern.match(row)
        if match and match.group("path").startswith("posts/"):
            found.add("/".join(match.group("path").split("/")[1:3]))
    return found


@pytest.fixture(scope="module")
def moved(tmp_path_factory):
    site = tmp_path_factory.mktemp("moved")
    real_site(site)
    move_in(site, MOVED)
    runs = {"html": make(site, "html"), "check": make(site, "check")}
    # Again, incrementally: a page that failed is not forgotten.
    runs["html again"] = make(site, "html")
    runs["check again"] = make(site, "check")
    # As on a CI runner, where Sphinx would colour every line.
    runs["html on a runner"] = make(site, "html", env={"CI": "true"})
    return site, runs


def output(run: subprocess.CompletedProcess) -> str:
    return run.stdout + run.stderr


def test_check_and_build_reject_the_same_posts(moved):
    _, runs = moved
    expected = set(MOVED) - CLEAN
    assert flagged(output(runs["check"]), CHECK_LINE) == expected
    assert flagged(output(runs["html"]), BUILD_LINE) == expected
    assert runs["check"].returncode != 0 and runs["html"].returncode != 0


def test_each_rejects_them_again_on_the_next_run(moved):
    _, runs = moved
    assert runs["check again"].stdout == runs["check"].stdout
    problems = [r for r in output(runs["html"]).splitlines() if BUILD_LINE.match(r)]
    again = [r for r in output(runs["html again"]).splitlines() if BUILD_LINE.match(r)]
    assert sorted(again) == sorted(problems) and runs["html again"].returncode != 0


def test_a_ci_runner_reads_the_same_plain_lines(moved):
    _, runs = moved
    on_runner = output(runs["html on a runner"])
    assert "\x1b[" not in on_runner
    assert flagged(on_runner, BUILD_LINE) == set(MOVED) - CLEAN


def test_every_message_names_a_relative_path_and_a_line(moved):
    site, runs = moved
    check = [r for r in runs["check"].stdout.splitlines() if not ADVICE_LINE.match(r)]
    advice = [r for r in runs["check"].stdout.splitlines() if ADVICE_LINE.match(r)]
    assert check[-1] == (
        f"{len(check) - 1} errors, 0 warnings in 20 posts (and {len(advice)} piece"
        f"{'s' * (len(advice) != 1)} of advice)."
    )
    assert all(CHECK_LINE.match(r) for r in check[:-1]), check
    # The seed post reads at grade 13.1: advice from both, the same lines.
    assert any("understanding-empathy" in r and "grade is 13.1" in r for r in advice), advice
    built = [r for r in output(runs["html"]).splitlines() if ADVICE_LINE.match(r)]
    assert sorted(built) == sorted(advice)
    build = [r for r in output(runs["html"]).splitlines() if re.search("WARNING|ERROR|CRITICAL", r)]
    assert all(BUILD_LINE.match(r) and " — " in r for r in build), [
        r for r in build if not BUILD_LINE.match(r)
    ]
    assert len(build) == len(check) - 1 >= 30
    assert not [r for r in check + build if str(site) in r or "/tmp/" in r]


def test_what_sphinx_says_is_said_in_a_writers_words(moved):
    _, runs = moved
    out = output(runs["check"])
    for where, said in [
        (
            "2024/margin-notes/index.md:11",
            "the block `{margin}` is not one this blog has (it belongs to a Sphinx extension",
        ),
        ("2023/further-reading/index.md:8", "the role `{cite}` is not one this blog has"),
        (
            "2022/shared-introduction/index.md:13",
            "the file “disclaimer.md” does not exist (`{include}` reads it) — put the file in "
            "docs/posts/2022/shared-introduction",
        ),
        ("2024/heading-levels/index.md:11", "a heading jumps from level 1 to level 3"),
        ("2022/footnotes/index.md:9", "[^missing] refers to a footnote that is not written"),
        ("2024/unknown-code-language/index.md:10", "the code block's language “ipython3”"),
        ("2024/admonition-title/index.md:8", "the block `{admonition}` needs a title"),
        (
            "2023/linking-old-posts/index.md:8",
            "the link “/posts/2021/worry-time/index” points to nothing on this site",
        ),
        (
            "2023/figure-elsewhere/index.md:8",
            "the image “./images/light-chart.png” does not exist beside the post — put the "
            "image file in docs/posts/2023/figure-elsewhere",
        ),
    ]:
        assert f"docs/posts/{where}: {said}" in out, (where, said)
    # Said once, though the blog's checks and Sphinx both find a missing image.
    assert out.count("docs/posts/2023/figure-elsewhere/index.md:8:") == 1


def test_check_reports_only_on_the_files_given(moved):
    site, runs = moved
    one = "docs/posts/2024/margin-notes/index.md"
    run = make(site, "check", f"FILES={one}")
    rows = run.stdout.splitlines()
    assert run.returncode != 0
    assert rows[:-1] and all(r.startswith(f"{one}:") for r in rows[:-1])
    assert rows[-1] == "2 errors, 0 warnings in 20 posts."


def test_check_reads_drafts_the_build_leaves_out(tmp_path):
    """`make html` does not read a draft at all; `make check` does, so a draft's
    problems are known before it is published."""
    real_site(tmp_path)
    draft = THIRD_PARTY.joinpath("2024-margin-notes.md").read_text(encoding="utf-8")
    folder = tmp_path / "docs" / "posts" / "2024" / "margin-notes"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(draft.replace("---\n", "---\ndraft: true\n", 1))
    check, html = make(tmp_path, "check"), make(tmp_path, "html")
    assert "docs/posts/2024/margin-notes/index.md:12: the block `{margin}`" in check.stdout
    assert html.returncode == 0, output(html)
    assert not (tmp_path / "_build" / "html" / "posts" / "2024" / "margin-notes").exists()


def test_a_warning_without_a_line_gets_the_line_of_what_it_names(tmp_path, monkeypatch):
    from wnyblog.checks import messages

    post = tmp_path / "docs" / "posts" / "2026" / "cats" / "index.md"
    post.parent.mkdir(parents=True)
    post.write_text(
        "---\ndate: 2026-06-01\n---\n# Cats\n\nSome words\nand ![A cat](cat.png) here.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    said = messages.problem(
        f"{post}:",  # Sphinx's location for a node with no line
        "image file not readable: posts/2026/cats/cat.png",
        "image.not_readable",
        tmp_path / "docs",
        tmp_path,
    )
    assert str(said) == (
        "docs/posts/2026/cats/index.md:7: the image “cat.png” does not exist beside the post"
        " — put the image file in docs/posts/2026/cats or correct the file name"
    )
    # Words it does not know keep theirs, with the machine's paths made relative;
    # a warning about no page is about the settings.
    other = messages.problem(None, f"cannot read {post}", "", tmp_path / "docs", tmp_path)
    assert (other.path, other.line) == ("conf.py", 1)
    assert other.message == "cannot read docs/posts/2026/cats/index.md"


def test_a_link_broken_by_another_posts_change_is_found_by_the_next_check(tmp_path):
    """The linking post did not change, so neither Sphinx nor `blog check` reads
    it again; a clean build would still reject it, and so does the check."""
    real_site(tmp_path)
    posts = tmp_path / "docs" / "posts" / "2026"
    (posts / "a").mkdir()
    (posts / "a" / "index.md").write_text(
        "---\ndate: 2026-06-01\n---\n# Post A\n\nSee [its steps](../b/index.md#first-steps).\n",
        encoding="utf-8",
    )
    (posts / "b").mkdir()
    post_b = "---\ndate: 2026-06-02\n---\n# Post B\n\n## {}\n\nText.\n"
    (posts / "b" / "index.md").write_text(post_b.format("First steps"), encoding="utf-8")
    assert make(tmp_path, "check", "FILES=docs/posts/2026/a/index.md").returncode == 0
    (posts / "b" / "index.md").write_text(post_b.format("Next steps"), encoding="utf-8")
    check = make(tmp_path, "check", "FILES=docs/posts/2026/a/index.md")
    assert check.stdout.startswith(
        "docs/posts/2026/a/index.md:6: the link to “#first-steps” finds no such heading"
    ), output(check)
    html = make(tmp_path, "html")
    assert "docs/posts/2026/a/index.md:6: WARNING: the link to “#first-steps”" in output(html)
