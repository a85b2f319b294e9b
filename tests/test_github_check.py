"""`blog check` on GitHub Actions: one annotation per problem on its file and
line, escaped as GitHub's workflow commands require, and a job summary with the
problems and the posts the change adds, changes or removes."""

import json
from pathlib import Path

import pytest

from helpers import REPO, git, real_site, repo_layout
from wnyblog.cli import github
from wnyblog.cli import main as cli
from wnyblog.posts import skeleton
from wnyblog.posts.schema import Problem


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """The check fixture as a git repository: its posts are live on main."""
    root = tmp_path / "blog"
    repo_layout("check", root)
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--message=The blog")
    monkeypatch.chdir(root)
    monkeypatch.setenv("BLOG_TODAY", "2026-11-25")
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(root))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    return root


def write(repo: Path, rel: str, text: str) -> None:
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def summary(repo: Path) -> str:
    return (repo.parent / "summary.md").read_text(encoding="utf-8")


def run_check(capsys) -> tuple[int, list[str]]:
    code = cli.main(["check"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out.splitlines()


def open_pull_request(repo: Path, monkeypatch) -> None:
    """Commit the working tree on a branch, as GitHub checks out a pull request
    against main (with the base branch fetched as origin/main)."""
    git(repo, "checkout", "--quiet", "-b", "new-post")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message=A writer's change")
    git(repo, "update-ref", "refs/remotes/origin/main", "main")
    monkeypatch.setenv("GITHUB_EVENT_NAME", "pull_request")
    monkeypatch.setenv("GITHUB_BASE_REF", "main")


def test_escaping_follows_githubs_workflow_command_rules():
    assert github.escape_message("100% sure:\r\nyes, really") == "100%25 sure:%0D%0Ayes, really"
    assert github.escape_property("a,b: 5%\nc") == "a%2Cb%3A 5%25%0Ac"


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        pytest.param(
            Problem("docs/posts/2026/a,b/index.md", 3, "tag: 50%, odd", "use: a, b\nor c"),
            "::error file=docs/posts/2026/a%2Cb/index.md,line=3,title=tag%3A 50%25%2C odd"
            "::use: a, b%0Aor c",
            id="error",
        ),
        pytest.param(
            Problem("docs/x.md", 7, "two\r\nlines", "100% fix", "warning"),
            "::warning file=docs/x.md,line=7,title=two%0D%0Alines::100%25 fix",
            id="warning",
        ),
        pytest.param(
            Problem("docs/x.md", 0, "no line", ""),
            "::error file=docs/x.md,title=no line::no line",
            id="no-line-no-fix",
        ),
        pytest.param(
            Problem("/elsewhere/conf.py", 2, "outside", "fix it"),
            "::error title=outside::fix it",
            id="outside-the-repository",
        ),
    ],
)
def test_one_annotation_per_problem(tmp_path, monkeypatch, problem, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    assert github.annotation(problem, tmp_path) == expected


def test_pull_request_annotations_and_summary(repo, monkeypatch, capsys):
    # A new post with a mistake (in a folder whose name needs escaping), an
    # edited post, a photo added to a third post, and a post taken down.
    write(
        repo,
        "docs/posts/2026/rest,now/index.md",
        '---\ndate: 2026-11-02\ntags: ["50%: odd, tag"]\n---\n# Rest | now\n\nText.\n',
    )
    post = repo / "docs/posts/2026/good-plain/index.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    (repo / "docs/posts/2026/good-image/extra.png").write_bytes(
        (repo / "docs/posts/2026/good-image/calm.png").read_bytes()
    )
    git(repo, "rm", "--quiet", "-r", "docs/posts/2026/good-safe")
    open_pull_request(repo, monkeypatch)
    code, lines = run_check(capsys)
    assert code == 1
    new = "docs/posts/2026/rest,now/index.md"
    fix_tag = "use one listed under `tags:` in docs/vocabulary.yaml, or add it there on purpose"
    # Printed, annotated and summed up in file and line order.
    assert lines == [
        f'{new}:3: unknown tag "50%: odd, tag" — {fix_tag}',
        "1 error, 0 warnings in 5 posts.",
        # Deleting a post is how it is taken down: said, not refused.
        "Taking down /posts/2026/good-safe/: docs/posts/2026/good-safe/index.md is deleted. "
        "Once this is published, that address shows “no page here”; if that is a mistake, "
        "restore the post.",
        "::error file=docs/posts/2026/rest%2Cnow/index.md,line=3,"
        f'title=unknown tag "50%25%3A odd%2C tag"::{fix_tag}',
    ]
    assert not (repo / "docs/permalinks.txt").exists()
    assert summary(repo) == (
        "## Checking the posts\n"
        "\n"
        "1 error in 5 posts. Fix the errors and save the files again: the check "
        "runs again by itself. In a pull request, each problem in a file it changes is also "
        'marked on its line under "Files changed".\n'
        "\n"
        "| File | Line | What is wrong | How to fix it |\n"
        "| --- | --- | --- | --- |\n"
        f'| {new} | 3 | unknown tag "50%: odd, tag" | use one listed under <code>tags:</code> in '
        "docs/vocabulary.yaml, or add it there on purpose |\n"
        "\n"
        "### New and changed posts\n"
        "\n"
        "Compared with the main branch:\n"
        "\n"
        "| Post | File | Change | Address once merged | When merged | Reading grade |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| A calm picture | docs/posts/2026/good-image/index.md | changed | "
        "https://example.org/posts/2026/good-image/ | published when merged | 2.9 |\n"
        "| Sleeping better | docs/posts/2026/good-plain/index.md | changed | "
        "https://example.org/posts/2026/good-plain/ | published when merged | 0.0 |\n"
        "| Talking about suicide safely | docs/posts/2026/good-safe/index.md | removed | "
        "https://example.org/posts/2026/good-safe/ | taken down | – |\n"
        f"| Rest &#124; now | {new} | new | https://example.org/posts/2026/rest,now/ | "
        "published when merged | 0.0 |\n"
        "\n"
        "The reading grade is the US school grade a reader needs for the post's prose "
        "(Flesch-Kincaid): the lower, the more readers understand it.\n"
    )


def test_push_with_good_posts_says_all_good(repo, monkeypatch, capsys):
    before = git(repo, "rev-parse", "HEAD")
    write(
        repo,
        "docs/posts/2027/winter-plans/index.md",
        "---\ndate: 2027-01-04\nscheduled: true\n---\n# Winter plans\n\nA calm <winter>.\n",
    )
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message=Scheduled")
    event = repo.parent / "event.json"
    event.write_text(json.dumps({"before": before}), encoding="utf-8")
    monkeypatch.setenv("GITHUB_EVENT_NAME", "push")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    code, lines = run_check(capsys)
    assert (code, lines) == (0, ["All 6 posts look good."])
    assert summary(repo) == (
        "## Checking the posts\n"
        "\n"
        "6 posts checked, all good.\n"
        "\n"
        "### New and changed posts\n"
        "\n"
        f"Compared with the commit before this push ({before[:7]}):\n"
        "\n"
        "| Post | File | Change | Address once merged | When merged | Reading grade |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| Winter plans | docs/posts/2027/winter-plans/index.md | new | "
        "https://example.org/posts/2027/winter-plans/ | scheduled: goes live on 2027-01-04 "
        "| 0.0 |\n"
        "\n"
        "The reading grade is the US school grade a reader needs for the post's prose "
        "(Flesch-Kincaid): the lower, the more readers understand it.\n"
    )


def test_without_history_the_summary_says_it_cannot_tell(repo, capsys):
    code, _ = run_check(capsys)
    assert code == 0
    assert summary(repo).endswith(
        "### New and changed posts\n"
        "\n"
        "Could not tell which posts changed: git has no earlier commit to compare with.\n"
    )


def test_a_pull_request_that_changes_no_post(repo, monkeypatch, capsys):
    page = repo / "docs/get-help.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nChanged.\n", encoding="utf-8")
    open_pull_request(repo, monkeypatch)
    assert run_check(capsys)[0] == 0
    assert summary(repo).endswith(
        "No post is added, changed or removed (compared with the main branch).\n"
    )


def test_outside_github_nothing_changes(repo, monkeypatch, capsys):
    monkeypatch.delenv("GITHUB_ACTIONS")
    write(repo, "docs/posts/2026/fresh/index.md", "---\ndate: 2026-11-03\n---\n# Fresh\n\nNew.\n")
    code, lines = run_check(capsys)
    assert code == 0
    assert not any(line.startswith("::") for line in lines)
    assert not (repo.parent / "summary.md").exists()
    # Nothing is recorded in the writer's copy: the addresses come from git.
    assert git(repo, "status", "--porcelain", "--untracked-files=all", "--", "docs") == (
        "?? docs/posts/2026/fresh/index.md"
    )


def starter() -> str:
    """The starter post WRITING.md gives writers on github.com to copy."""
    guide = (REPO / "WRITING.md").read_text(encoding="utf-8")
    block = guide.split("   ```markdown\n", 1)[1].split("\n   ```\n", 1)[0]
    return "\n".join(line.removeprefix("   ") for line in block.splitlines()) + "\n"


def test_the_starter_in_writing_md_is_a_post_once_its_text_is_written(
    tmp_path, monkeypatch, capsys
):
    """The real blog's settings, and the file name the guide types on github.com."""
    real_site(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BLOG_TODAY", "2026-12-01")  # the starter's date
    path = "docs/posts/2026/coping-with-winter/index.md"
    write(tmp_path, path, starter())
    assert cli.main(["check", "--no-record"]) == 1
    # Every piece of example text is named at its line until it is replaced.
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith(path)]
    assert [line.split(":")[1] for line in lines] == ["6", "11", "13", "15"], lines
    written = (
        starter()
        .replace(skeleton.DESCRIPTION, "Short days and long nights, and what helps in winter.")
        .replace(skeleton.OPENING, "Winter asks a lot of us.")
        .replace(skeleton.SECTION, "Light in the morning")
        .replace("More text.", "A walk before nine helps most people.")
    )
    write(tmp_path, path, written)
    assert cli.main(["check", "--no-record"]) == 0
