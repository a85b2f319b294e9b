"""The settings block's common slips, in a writer's words: what is wrong, and
the line as it should be written (which quotes, around what). And one slip
there does not hide the problems of the text and its pictures."""

import pytest

from helpers import REPO, repo_layout
from wnyblog.checks import runner as sitecheck
from wnyblog.cli import main as cli
from wnyblog.posts import schema

VOCAB = schema.Vocabulary(
    authors={"clinic": "Clinic"}, tags=("sleep", "grief"), categories=("Living well",)
)
POST = "docs/posts/2026/slip/index.md"
BODY = "# Grief and the holidays\n\nA plain paragraph.\n"

SLIPS = [
    pytest.param(
        "date: 2026-06-01\ntitle: Grief: what helps\n",
        "3: the value of `title` contains “: ”, which starts a new setting there — put double "
        'quotes around the whole value: `title: "Grief: what helps"`',
        id="colon-space-in-a-value",
    ),
    pytest.param(
        'date: 2026-06-01\ntitle: He said "rest": and so\n',
        "3: the value of `title` contains “: ”, which starts a new setting there — put single "
        "quotes around the whole value (it holds double quotes): "
        "`title: 'He said \"rest\": and so'`",
        id="colon-space-with-double-quotes-inside",
    ),
    pytest.param(
        'title: "Grief and loss\ndate: 2026-06-01\n',
        '2: the value of `title` opens a double quote (") that is never closed — end the value '
        'with a double quote too: `title: "Grief and loss"`',
        id="double-quote-never-closed",
    ),
    pytest.param(
        "title: 'It's the season'\ndate: 2026-06-01\n",
        "2: the value of `title` has an apostrophe (') inside single quotes — put double quotes "
        'around the whole value instead: `title: "It\'s the season"`',
        id="apostrophe-in-single-quotes",
    ),
    pytest.param(
        'title: "Grief" and the holidays\ndate: 2026-06-01\n',
        "2: the value of `title` goes on after its closing double quote — put single quotes "
        "around the whole value (it holds double quotes): "
        "`title: '\"Grief\" and the holidays'`",
        id="text-after-the-closing-quote",
    ),
    pytest.param(
        "date: 2026-06-01\ntags:\n\t- sleep\n",
        "4: this line holds a tab, which the settings block cannot read — replace the tab with "
        "spaces: a setting starts at the left edge, a list item with two spaces and a dash, "
        "e.g. `  - sleep`",
        id="tab",
    ),
    pytest.param(
        "date: 2026-06-01\ntags: [sleep, grief\n",
        "3: the list of `tags` opens with [ but never closes with ] — end it with ] on the same "
        "line: `tags: [sleep, grief]`",
        id="list-never-closed",
    ),
    pytest.param(
        "date: 2026-06-01\ntags: - sleep\n",
        "3: a list item is written on the `tags:` line — write the list in brackets: "
        "`tags: [sleep]`",
        id="list-item-on-the-key-line",
    ),
    pytest.param(
        "date: 2026-06-01\ntags:\n  - sleep\n - grief\n",
        "5: the items of this list are not lined up — start every item of the list the same "
        "way: two spaces and a dash, e.g. `  - sleep`",
        id="list-items-not-lined-up",
    ),
    pytest.param(
        "date: 2026-06-01\n  category: Living well\n",
        "3: the setting `category:` is indented — start `category:` at the very left edge of "
        "the line, like the other settings",
        id="indented-setting",
    ),
    pytest.param(
        "date: 2026-06-01\ncategory:Living well\n",
        "3: there is no space after the colon of `category:` — put a space after the colon: "
        "`category: Living well`",
        id="no-space-after-the-colon",
    ),
    pytest.param(
        "date: 2026-06-01\ntitle: @home with grief\n",
        "3: the value of `title` starts with “@”, which has a meaning of its own there — put "
        'double quotes around the whole value: `title: "@home with grief"`',
        id="special-first-sign",
    ),
]


def check(tmp_path, monkeypatch, settings: str, body: str = BODY) -> list[str]:
    docs = repo_layout("check", tmp_path) / "docs"
    post = tmp_path / POST
    post.parent.mkdir(parents=True)
    post.write_text(f"---\n{settings}---\n{body}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    report = sitecheck.check_site(docs, VOCAB)
    return [str(p) for p in report.problems if p.path == POST]


@pytest.mark.parametrize(("settings", "expected"), SLIPS)
def test_each_slip_is_said_with_the_line_to_write(tmp_path, monkeypatch, settings, expected):
    assert check(tmp_path, monkeypatch, settings) == [f"{POST}:{expected}"]


def test_a_hash_that_cuts_a_value_short_is_an_error(tmp_path, monkeypatch):
    """No parser error: the # starts a note and the rest is quietly dropped."""
    problems = check(tmp_path, monkeypatch, "date: 2026-06-01\ndescription: Tips #3 for rest\n")
    assert problems == [
        f"{POST}:3: the `description` is cut short at “#3 for rest”: in the settings, a # after "
        "a space starts a note the blog leaves out — put double quotes around the whole value: "
        '`description: "Tips #3 for rest"`'
    ]


def test_a_note_written_on_purpose_after_a_value_is_kept(tmp_path, monkeypatch):
    settings = "date: 2026-06-01\ndescription: Rest well.   # a note for the team\n"
    assert check(tmp_path, monkeypatch, settings) == []


def test_a_slip_in_the_settings_hides_nothing_in_the_text(tmp_path, monkeypatch, capsys):
    """The settings slip, the picture with no description and the missing
    picture are all reported in one run, at their lines."""
    body = "# Grief\n\n![](calm.png)\n\n![A lake](lake.jpg)\n"
    problems = check(tmp_path, monkeypatch, "date: 2026-06-01\ntitle: Grief: what helps\n", body)
    assert [p.split(": ", 1)[0] for p in problems] == [
        f"{POST}:3",
        f"{POST}:7",
        f"{POST}:7",
        f"{POST}:9",
    ]
    assert f"{POST}:7: the image “calm.png” has no description (alt text)" in " ".join(problems)
    assert "calm.png" in problems[1] and "lake.jpg" in problems[3]
    capsys.readouterr()
    assert cli.main(["check"]) == 1
    out = capsys.readouterr().out
    assert f"{POST}:3: the value of `title` contains “: ”" in out
    assert f"{POST}:7: the image “calm.png” has no description (alt text)" in out
    assert "Traceback" not in out


def test_messages_name_the_command_the_writer_typed(tmp_path, monkeypatch):
    """`make check` reaches the checks with BLOG_COMMANDS=make (the Makefile
    exports it): the writer who typed `make new` reads `make new`."""
    body = "# Grief\n\nReplace this paragraph with the opening of your post.\n"
    typed = check(tmp_path / "blog", monkeypatch, "date: 2026-06-01\n", body)
    assert typed == [
        f"{POST}:6: the post still has the example opening paragraph from `blog new` — replace "
        "it with your own words, or delete it"
    ]
    monkeypatch.setenv("BLOG_COMMANDS", "make")
    through_make = check(tmp_path / "make", monkeypatch, "date: 2026-06-01\n", body)
    assert through_make == [typed[0].replace("`blog new`", "`make new`")]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "\nexport BLOG_COMMANDS := make\n" in makefile
