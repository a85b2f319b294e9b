"""WRITING.md names only what exists: its commands, settings, files, form
labels, screenshots, messages and schedule; its editor path speaks no
developer's words; and it stays short."""

import re

import yaml

from helpers import REPO, repo_layout
from wnyblog.checks import runner as sitecheck
from wnyblog.cli.main import _parser
from wnyblog.posts import schema

GUIDE = (REPO / "WRITING.md").read_text(encoding="utf-8")
# Named by the guide, made by other branches of this change: the web editor's
# `make editor` and the file that generates its settings, and the location
# stripper's command. The merge brings them.
FROM_OTHER_BRANCHES: set[str] = set()
SCREENSHOTS = {
    "editor-sign-in.png",
    "editor-post-list.png",
    "editor-new-post.png",
    "editor-cover-photo.png",
    "editor-insert-picture.png",
    "editor-saved.png",
}


def editor_path() -> str:
    """What every writer reads: the editor's sections, up to the part for
    whoever looks after the blog."""
    return GUIDE.split("## The editor\n", 1)[1].split('### A "Sign in with GitHub" button')[0]


def test_every_make_target_named_exists():
    targets = set(re.findall(r"^([a-z][\w-]*):", (REPO / "Makefile").read_text(), re.M))
    # As typed: in backticks, or at the start of a line of a command block.
    named = set(re.findall(r"(?:`|^)make ([a-z][\w-]*)", GUIDE, re.M))
    assert {"new", "preview", "check", "hooks", "editor"} <= named
    missing = {f"make {name}" for name in named - targets}
    assert missing <= FROM_OTHER_BRANCHES, missing


def test_every_blog_command_named_exists():
    commands = _parser()._subparsers._group_actions[0].choices
    named = set(re.findall(r"(?:`|/)blog ([a-z][\w-]*)", GUIDE))
    assert named and named <= set(commands), named - set(commands)


def test_every_setting_named_is_in_the_schema():
    rows = re.findall(r"^\| ((?:`[^`]+`(?:, )?)+) \|", GUIDE, re.M)
    named = {name.split(":")[0] for row in rows for name in re.findall(r"`([^`]+)`", row)}
    assert named == {
        "date",
        "author",
        "category",
        "tags",
        "description",
        "image",
        "image_alt",
        "updated",
        "scheduled",
        "draft",
        "redirect_from",
    }
    assert named <= set(schema.FIELDS)


def test_the_editor_labels_named_are_the_schemas():
    labels = {spec.label for spec in schema.FIELDS.values() if spec.in_editor}
    for label in (
        "Publication date",
        "Category",
        "Tags",
        "Description",
        "Cover picture",
        "What the cover picture shows",
        "Last meaningful change",
        "Scheduled",
    ):
        assert f"**{label}**" in GUIDE
        assert label in labels, label
    # The editor has no Draft field: its Draft is a state (schema's in_editor).
    assert not schema.FIELDS["draft"].in_editor


def test_every_file_named_exists():
    named = set(re.findall(r"`((?:docs|src|\.github|guide)/[^`\s]+\.\w+)`", GUIDE))
    named = {path for path in named if not path.startswith("docs/posts/")}
    assert "docs/vocabulary.yaml" in named
    missing = {path for path in named if not (REPO / path).exists()}
    assert missing <= FROM_OTHER_BRANCHES, missing


def test_the_screenshots_are_the_browser_tests():
    named = re.findall(r"\]\(guide/screenshots/([\w-]+\.png)\)", GUIDE)
    assert set(named) == SCREENSHOTS
    assert len(named) == len(SCREENSHOTS)


def test_the_editor_path_speaks_no_developers_words():
    text = editor_path()
    for word in ("YAML", "git ", "Git ", "branch", "commit", "pull request", "front matter"):
        assert word not in text, word
    assert "Markdown" not in text


def test_photos_are_never_uploaded_on_github_com():
    section = GUIDE.split("### On github.com (text only)", 1)[1].split("###", 1)[0]
    assert "**Never add photos on\ngithub.com**" in section
    assert "Use the editor or the terminal for\nphotos." in section


def test_the_daily_rebuild_is_the_workflows():
    cron = re.search(
        r'cron: "(\d+) (\d+) \* \* \*"', (REPO / ".github/workflows/pages.yml").read_text()
    )
    assert cron is not None
    assert f"at {int(cron[2]):02d}:{int(cron[1]):02d} UTC" in GUIDE


def test_the_preview_banner_quoted_is_the_sites():
    banner = (REPO / "src/wnyblog/templates/blog/preview-banner.html").read_text()
    assert "Preview of a proposed change — not the published blog" in banner
    assert '"Preview of a proposed change — not the published blog"' in GUIDE


def test_the_message_quoted_is_the_checks(tmp_path, monkeypatch):
    docs = repo_layout("check", tmp_path) / "docs"
    post = docs / "posts/2026/grief/index.md"
    post.parent.mkdir()
    post.write_text("---\ndate: 2026-06-01\ntitle: Grief: what helps\n---\n# Grief\n")
    monkeypatch.chdir(tmp_path)
    vocab = schema.Vocabulary({"clinic": "Clinic"}, (), ())
    [problem] = [p for p in sitecheck.check_site(docs, vocab).problems if "grief" in p.path]
    assert f"```text\n{problem}\n```" in GUIDE


def test_the_lists_are_in_the_vocabulary_file_not_conf_py():
    assert "conf.py" not in GUIDE
    form = (REPO / ".github/workflows/new-post.yml").read_text(encoding="utf-8")
    assert "conf.py" not in form
    assert form.count("docs/vocabulary.yaml") == 3  # tags, category, author


def test_the_guide_is_short():
    # It was 24.4 KB with the terminal path first. Around the editor it is
    # about 17 KB, and the health-content section (review, sources, reading
    # grade: issue 17 asks for each key and message) adds about 6 KB.
    assert len(GUIDE.encode()) < 23_500


def test_the_editors_pull_requests_run_the_writers_check():
    """The editor opens a pull request per post, from a branch of its own:
    the check (with its line annotations) runs on every pull request, with
    no filter of branches or paths that could leave them out."""
    check = yaml.safe_load((REPO / ".github/workflows/check.yml").read_text(encoding="utf-8"))
    triggers = check[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["pull_request"] is None
    steps = check["jobs"]["check"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0  # the base branch's published addresses
