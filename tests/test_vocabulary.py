"""The writers' vocabulary lives in docs/vocabulary.yaml, not in Python.

Every slip in it, and every slip in conf.py, is one `file:line: what — how
to fix` line from `make check` (`blog check`) and from `make html` (the build's
front end, which stops before Sphinx), never a traceback; the build fills
ABlog's authors, tags and categories from the file, and conf.py setting them
too is an error.
"""

from pathlib import Path

import pytest
from lxml import etree

from helpers import REPO, make_html_in_layout, repo_layout, sphinx_in_layout
from wnyblog.cli import main as cli
from wnyblog.posts import vocabulary

ROOT = REPO / "tests" / "roots" / "test-check"
GOOD = (ROOT / "vocabulary.yaml").read_text(encoding="utf-8")
CONF = (ROOT / "conf.py").read_text(encoding="utf-8")
# The fixture's vocabulary, line by line (the expected line numbers refer to it):
#  1 comment, 2 authors:, 3 clinic:, 4 name: The Clinic, 5 dr-lee:, 6 name: Dr. Lee,
#  7 default_author: clinic, 8 categories:, 9 - Living well, 10 - Clinic news,
# 11 tags:, 12 - anxiety, 13 - sleep, 14 - grief
assert GOOD.splitlines()[10:14] == ["tags:", "  - anxiety", "  - sleep", "  - grief"]


def _edit(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new)


_MORE_AUTHORS = "default_author: clinic"
# (case, the file's text (None: no file), [the exact lines `make check` prints]).
# Each can stand beside the others in one file, for one build.
SLIPS = [
    (
        # A "- " left out, the name lined up with the others: YAML joins the two
        # lines into one tag, as Python joined "young people" "grief" into
        # "young peoplegrief".
        "dash-left-out",
        _edit("  - anxiety\n  - sleep\n", "  - anxiety\n    sleep\n"),
        [
            "docs/vocabulary.yaml:12: the tag “anxiety sleep” goes on over 2 lines — start "
            "each tag on its own line with `- `: one is missing on line 13"
        ],
    ),
    (
        "differs-only-by-case",
        GOOD + "  - Sleep\n",
        [
            "docs/vocabulary.yaml:15: “Sleep” differs from “sleep” (line 13) only in capitals "
            "— keep one spelling and delete the other: both would share one tag page"
        ],
    ),
    (
        "listed-twice",
        GOOD + "  - grief\n",
        ["docs/vocabulary.yaml:15: “grief” is listed twice (first on line 14) — delete this line"],
    ),
    (
        "same-page-address",
        GOOD + "  - Grief!\n",
        [
            "docs/vocabulary.yaml:15: “Grief!” and “grief” (line 14) would share one page "
            "address (grief) — keep one of the two, or make the names differ in more than "
            "spaces and punctuation"
        ],
    ),
    (
        "empty-tag",
        GOOD + "  -\n",
        ["docs/vocabulary.yaml:15: an empty tag — write one tag after `- `, or delete the line"],
    ),
    (
        "empty-quoted-tag",
        GOOD + '  - "  "\n',
        ["docs/vocabulary.yaml:15: an empty tag — write one tag after `- `, or delete the line"],
    ),
    (
        "punctuation-tag",
        GOOD + "  - '--'\n",
        [
            "docs/vocabulary.yaml:15: “--” is not a tag: it has no letters or digits — write it "
            "in words, or delete the line"
        ],
    ),
    (
        "comma-in-tag",
        GOOD + "  - loss, grief\n",
        [
            "docs/vocabulary.yaml:15: the tag “loss, grief” has a comma, which separates tags "
            "in a post — make it two tags, one per line, or leave the comma out"
        ],
    ),
    (
        "category-case",
        _edit("  - Clinic news\n", "  - Clinic news\n  - clinic news\n"),
        [
            "docs/vocabulary.yaml:11: “clinic news” differs from “Clinic news” (line 10) only "
            "in capitals — keep one spelling and delete the other: both would share one "
            "category page"
        ],
    ),
    (
        "tags-not-a-list",
        _edit("tags:\n  - anxiety\n  - sleep\n  - grief\n", "tags: anxiety, sleep, grief\n"),
        [
            "docs/vocabulary.yaml:11: `tags` should be a list, one tag per line — write each tag "
            "on its own line under `tags:`, after `- `"
        ],
    ),
    (
        "author-without-name",
        _edit("  dr-lee:\n    name: Dr. Lee\n", "  dr-lee:\n"),
        [
            "docs/vocabulary.yaml:5: the author “dr-lee” has no display name — add the name "
            "readers see under the key, indented: `name: Dr. Jane Lee`"
        ],
    ),
    (
        "author-empty-name",
        _edit("    name: Dr. Lee\n", "    name: ''\n"),
        [
            "docs/vocabulary.yaml:6: the author “dr-lee” has no display name — add the name "
            "readers see under the key, indented: `name: Dr. Jane Lee`"
        ],
    ),
    (
        "author-link-but-no-name",
        _edit("    name: Dr. Lee\n", "    link: https://example.org/lee\n"),
        [
            "docs/vocabulary.yaml:5: the author “dr-lee” has no display name — add the name "
            "readers see under the key, indented: `name: Dr. Jane Lee`"
        ],
    ),
    (
        "author-key-with-capitals",
        _edit("  dr-lee:\n", "  Dr Lee:\n"),
        [
            "docs/vocabulary.yaml:5: the author key “Dr Lee” may only have lowercase letters, "
            "digits and hyphens — write it as dr-lee: posts name the author by it, and it is "
            "part of the address of the author's page"
        ],
    ),
    (
        "author-written-twice",
        _edit(_MORE_AUTHORS, "  dr-lee:\n    name: Dr. Lee again\n" + _MORE_AUTHORS),
        [
            "docs/vocabulary.yaml:7: “dr-lee” is written twice (first on line 5) — keep one of "
            "the two and delete the other"
        ],
    ),
    (
        "two-authors-one-name",
        _edit("    name: Dr. Lee\n", "    name: The Clinic\n"),
        [
            "docs/vocabulary.yaml:5: the author “dr-lee” has the same name as “clinic” (line 3) "
            "— give each author their own name, or keep one of the two"
        ],
    ),
    (
        "unknown-author-setting",
        _edit("    name: Dr. Lee\n", "    name: Dr. Lee\n    url: https://example.org/lee\n"),
        [
            'docs/vocabulary.yaml:7: unknown setting "url" for the author “dr-lee” — an author '
            "has `name:` and, when known, `link:` (their page elsewhere), `credentials:`, "
            "`role:`, `bio:` and `photo:`"
        ],
    ),
    (
        "link-not-an-address",
        _edit("    name: Dr. Lee\n", "    name: Dr. Lee\n    link: example dot org\n"),
        [
            "docs/vocabulary.yaml:7: the link of the author “dr-lee” is not a web address "
            "(“example dot org”) — write the whole address, starting with https://, or delete "
            "the `link:` line"
        ],
    ),
    (
        "default-author-unknown",
        _edit("default_author: clinic", "default_author: clinik"),
        [
            'docs/vocabulary.yaml:7: `default_author` "clinik" is not one of the authors '
            '(did you mean "clinic"?) — use a key listed under `authors:`'
        ],
    ),
    (
        "default-author-empty",
        _edit("default_author: clinic", "default_author:"),
        [
            "docs/vocabulary.yaml:7: `default_author` is empty — write the key of the author of "
            "posts without `author:`, or delete the line"
        ],
    ),
    (
        "unknown-section",
        _edit("tags:", "tag:"),
        [
            'docs/vocabulary.yaml:11: unknown section "tag" (did you mean "tags"?) — the file '
            "has these sections: authors, default_author, categories, tags"
        ],
    ),
    (
        "section-written-twice",
        GOOD + "categories:\n  - Rest\n",
        [
            "docs/vocabulary.yaml:15: “categories” is written twice (first on line 8) — keep one "
            "of the two and delete the other"
        ],
    ),
    (
        "authors-as-a-list",
        _edit("  clinic:\n    name: The Clinic\n  dr-lee:\n    name: Dr. Lee\n", "  - clinic\n"),
        [
            "docs/vocabulary.yaml:3: `authors` should list each author's key with their name "
            "under it — write the key (e.g. `dr-lee:`), then on the next line, indented, "
            "`name: Dr. Jane Lee`"
        ],
    ),
]
# Each of these leaves nothing of the file to read.
UNREADABLE = [
    (
        "bracket-never-closed",
        _edit("  - sleep\n", "  - [sleep\n"),
        [
            "docs/vocabulary.yaml:13: the file is not valid YAML (expected ',' or ']', but got "
            "'<stream end>') — start each section (`tags:`) at the beginning of a line, each "
            "entry on its own line after `- `, indented like the others, and put quotes around a "
            "name that contains a colon"
        ],
    ),
    (
        # The same, lined up with the dashes: not YAML at all.
        "dash-left-out-lined-up-with-the-dashes",
        _edit("  - sleep\n", "  sleep\n"),
        [
            "docs/vocabulary.yaml:13: the file is not valid YAML (could not find expected ':') "
            "— a tag or category on this line needs `- ` before it; a section or an author's "
            "key needs `:` after it"
        ],
    ),
    (
        "tab",
        _edit("  - sleep\n", "\t- sleep\n"),
        [
            "docs/vocabulary.yaml:13: the file is not valid YAML (found character '\\t' that "
            "cannot start any token) — indent with spaces, not tabs"
        ],
    ),
    (
        "a-list-not-sections",
        "- anxiety\n- sleep\n",
        [
            "docs/vocabulary.yaml:1: the file does not list the authors, tags and categories — "
            "write the sections `authors:`, `tags:` and `categories:`, each at the beginning of "
            "a line (WRITING.md shows how)"
        ],
    ),
    (
        "only-comments",
        "# nothing here yet\n",
        [
            "docs/vocabulary.yaml:1: the file does not list the authors, tags and categories — "
            "write the sections `authors:`, `tags:` and `categories:`, each at the beginning of "
            "a line (WRITING.md shows how)"
        ],
    ),
    (
        "not-utf8",
        _edit("Dr. Lee", "Dr. Lée").encode("latin-1"),
        ["docs/vocabulary.yaml:6: the file is not UTF-8 text — save it as “UTF-8” in your editor"],
    ),
    (
        "no-file",
        None,
        [
            "docs/vocabulary.yaml:1: the site has no vocabulary file — create "
            "docs/vocabulary.yaml with the authors, tags and categories posts may use "
            "(WRITING.md shows how)"
        ],
    ),
]


def _conf(old: str, new: str) -> str:
    assert old in CONF, old
    return CONF.replace(old, new)


_NOT_PYTHON = (
    "look on this line (or the one before) for a missing quote, comma or bracket: text is "
    'written in quotes, "like this"'
)
CONF_SLIPS = [
    (
        "missing-quote",
        _conf('project = "Check"', 'project = "Check'),
        [
            "conf.py:2: conf.py is not valid Python here: unterminated string literal (detected "
            f"at line 2) — {_NOT_PYTHON}"
        ],
    ),
    (
        "missing-comma",
        _conf(
            '{"announcement": "crisis-line"}',
            '{"announcement": "crisis-line"\n    "top_of_page_buttons": []}',
        ),
        [f"conf.py:10: conf.py is not valid Python here: invalid syntax — {_NOT_PYTHON}"],
    ),
    (
        "missing-bracket",
        _conf('"wnyblog"]', '"wnyblog"'),
        [f"conf.py:3: conf.py is not valid Python here: '[' was never closed — {_NOT_PYTHON}"],
    ),
    (
        "text-without-quotes",
        _conf('site_url = "https://example.org/"', "site_url = https://example.org/"),
        [f"conf.py:6: conf.py is not valid Python here: invalid syntax — {_NOT_PYTHON}"],
    ),
    (
        "indented",
        _conf("smartquotes = False", "  smartquotes = False"),
        [
            "conf.py:5: conf.py is not valid Python here: unexpected indent — start each setting "
            "at the left edge of the line, with no spaces before it"
        ],
    ),
    (
        "name-error",
        _conf("smartquotes = False", "smartquotes = false"),
        [
            "conf.py:5: conf.py uses `false`, which is not a setting or a value it knows — put "
            'text in quotes ("like this"); write True, False and None with a capital'
        ],
    ),
    (
        "type-error",
        CONF + 'blog_page_size = "10" + 1\n',
        [
            'conf.py:10: conf.py stops with TypeError: can only concatenate str (not "int") to '
            "str — correct this line: conf.py holds settings, one `name = value` per line"
        ],
    ),
    (
        # The old way: the tags in conf.py (with the missing comma of the issue).
        "sets-tags",
        CONF + 'blog_tags = ["anxiety",\n    "young people"\n    "grief"]\n',
        [
            "conf.py:10: conf.py sets `blog_tags`, but the tags are listed in "
            "docs/vocabulary.yaml — move what it says to docs/vocabulary.yaml and delete "
            "`blog_tags` from conf.py"
        ],
    ),
    (
        "sets-authors",
        CONF + 'blog_authors = {"clinic": ("The Clinic", None)}\nblog_default_author = "clinic"\n',
        [
            "conf.py:10: conf.py sets `blog_authors`, but the authors are listed in "
            "docs/vocabulary.yaml — move what it says to docs/vocabulary.yaml and delete "
            "`blog_authors` from conf.py",
            "conf.py:11: conf.py sets `blog_default_author`, but the default author is named in "
            "docs/vocabulary.yaml — move what it says to docs/vocabulary.yaml and delete "
            "`blog_default_author` from conf.py",
        ],
    ),
    (
        "clinic-author-unknown",
        CONF + 'clinic_author = "the-clinic"\n',
        [
            'conf.py:10: clinic_author "the-clinic" is not an author in docs/vocabulary.yaml '
            '(did you mean "clinic"?) — use the key of the clinic\'s own entry under `authors:`'
        ],
    ),
]


def make_site(where: Path, vocabulary_text=GOOD, conf: str = CONF) -> Path:
    repo_layout("check", where)
    target = where / "docs" / "vocabulary.yaml"
    if vocabulary_text is None:
        target.unlink()
    elif isinstance(vocabulary_text, bytes):
        target.write_bytes(vocabulary_text)
    else:
        target.write_text(vocabulary_text, encoding="utf-8")
    (where / "conf.py").write_text(conf, encoding="utf-8")
    return where


def blog_check(site: Path, monkeypatch, capsys) -> list[str]:
    monkeypatch.chdir(site)
    code = cli.main(["check", "--no-record"])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in out + err, out + err
    return out.splitlines()


def assert_build_stops_with(site: Path, expected: list[str]) -> None:
    result = make_html_in_layout(site)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.splitlines() == expected
    assert "Traceback" not in result.stdout and not (site / "_build" / "html").exists()


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("BLOG_TODAY", "2026-11-25")


@pytest.mark.slow  # one build per case; the all-at-once test stays fast
@pytest.mark.parametrize(
    ("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in SLIPS + UNREADABLE]
)
def test_check_names_each_vocabulary_slip(tmp_path, monkeypatch, capsys, text, expected):
    lines = blog_check(make_site(tmp_path, text), monkeypatch, capsys)
    assert [line for line in lines if line.startswith("docs/vocabulary.yaml")] == expected
    if (text, expected) in [(t, e) for _, t, e in UNREADABLE]:
        # Nothing of the file could be read: the posts' names are not judged
        # against it (every tag would be "unknown").
        assert lines[1:] == ["1 error, 0 warnings in 5 posts."], lines


@pytest.mark.slow  # one build per case; the all-at-once test stays fast
@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in UNREADABLE])
def test_make_html_stops_at_an_unreadable_vocabulary(tmp_path, text, expected):
    assert_build_stops_with(make_site(tmp_path, text), expected)


def _all_slips() -> str:
    """Several slips of the table in one file."""
    return (
        GOOD.replace("  dr-lee:\n    name: Dr. Lee\n", "  dr-lee:\n  Bob:\n    name: The Clinic\n")
        .replace("default_author: clinic", "default_author: clinik")
        .replace("  - Clinic news\n", "  - Clinic news\n  - clinic news\n  - '--'\n")
        + "  - Sleep\n  - grief\n  - loss, grief\n  -\n"
    )


ALL_SLIPS = [
    "docs/vocabulary.yaml:5: the author “dr-lee” has no display name — add the name readers "
    "see under the key, indented: `name: Dr. Jane Lee`",
    "docs/vocabulary.yaml:6: the author key “Bob” may only have lowercase letters, digits and "
    "hyphens — write it as bob: posts name the author by it, and it is part of the address of "
    "the author's page",
    "docs/vocabulary.yaml:6: the author “Bob” has the same name as “clinic” (line 3) — give "
    "each author their own name, or keep one of the two",
    'docs/vocabulary.yaml:8: `default_author` "clinik" is not one of the authors (did you mean '
    '"clinic"?) — use a key listed under `authors:`',
    "docs/vocabulary.yaml:12: “clinic news” differs from “Clinic news” (line 11) only in "
    "capitals — keep one spelling and delete the other: both would share one category page",
    "docs/vocabulary.yaml:13: “--” is not a category: it has no letters or digits — write it "
    "in words, or delete the line",
    "docs/vocabulary.yaml:18: “Sleep” differs from “sleep” (line 16) only in capitals — keep "
    "one spelling and delete the other: both would share one tag page",
    "docs/vocabulary.yaml:19: “grief” is listed twice (first on line 17) — delete this line",
    "docs/vocabulary.yaml:20: the tag “loss, grief” has a comma, which separates tags in a "
    "post — make it two tags, one per line, or leave the comma out",
    "docs/vocabulary.yaml:21: an empty tag — write one tag after `- `, or delete the line",
]


def test_check_and_make_html_name_every_slip_at_once(tmp_path, monkeypatch, capsys):
    """Several slips in one file: one line each, the same from both, and Sphinx never starts."""
    site = make_site(tmp_path, _all_slips())
    lines = blog_check(site, monkeypatch, capsys)
    assert [line for line in lines if line.startswith("docs/vocabulary.yaml")] == ALL_SLIPS
    assert_build_stops_with(site, ALL_SLIPS)


@pytest.mark.slow  # one build per case; the all-at-once test stays fast
@pytest.mark.parametrize(("conf", "expected"), [pytest.param(c, e, id=i) for i, c, e in CONF_SLIPS])
def test_conf_py_slips_are_one_line_from_check_and_make_html(
    tmp_path, monkeypatch, capsys, conf, expected
):
    site = make_site(tmp_path, conf=conf)
    lines = blog_check(site, monkeypatch, capsys)
    assert [line for line in lines if line.startswith("conf.py")] == expected
    assert_build_stops_with(site, expected)


def test_the_build_reports_vocabulary_slips_as_warnings_without_a_traceback(tmp_path):
    """A build run by Sphinx itself (the live preview, Read the Docs' own
    runner) reports the same problems, with the file and line."""
    site = make_site(tmp_path, _all_slips(), conf=CONF + 'blog_tags = ["sleep"]\n')
    result = sphinx_in_layout(site, "_build/html")
    log = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in log and "Exception" not in log
    expected = [
        "conf.py:10: conf.py sets `blog_tags`, but the tags are listed in docs/vocabulary.yaml "
        "— move what it says to docs/vocabulary.yaml and delete `blog_tags` from conf.py",
        *ALL_SLIPS,
    ]
    for line in expected:
        where, _, rest = line.partition(": ")
        assert f"{where}: WARNING: {rest} [blog.vocabulary]" in log, line


def test_new_refuses_to_start_a_post_with_a_broken_vocabulary(tmp_path, monkeypatch, capsys):
    site = make_site(tmp_path, _edit("default_author: clinic", "default_author: clinik"))
    monkeypatch.chdir(site)
    assert cli.main(["new", "Winter walks"]) == 1
    err = capsys.readouterr().err
    assert err.startswith('docs/vocabulary.yaml:7: `default_author` "clinik" is not one of')
    assert "nothing was created" in err and not (site / "docs/posts/2026/winter-walks").exists()


def test_the_file_is_what_the_build_and_the_checks_use(tmp_path, monkeypatch, capsys):
    """A new tag, a renamed author with a link: the check accepts the new tag
    only once it is in the file, and the build shows the name and the link."""
    site = make_site(tmp_path)
    post = site / "docs/posts/2026/good-plain/index.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace("tags: [sleep]", "tags: [sleep, winter]"),
        encoding="utf-8",
    )
    lines = blog_check(site, monkeypatch, capsys)
    assert lines[0] == (
        'docs/posts/2026/good-plain/index.md:4: unknown tag "winter" — use one listed under '
        "`tags:` in docs/vocabulary.yaml, or add it there on purpose"
    )
    (site / "docs/vocabulary.yaml").write_text(
        GOOD.replace(
            "    name: Dr. Lee\n", "    name: Dr. Jane Lee\n    link: https://lee.example\n"
        )
        + "  - winter\n",
        encoding="utf-8",
    )
    assert cli.main(["check", "--no-record"]) == 0
    capsys.readouterr()
    result = make_html_in_layout(site)
    assert result.returncode == 0, result.stdout + result.stderr
    out = site / "_build" / "html"
    assert (out / "blog/tag/winter/index.html").is_file()
    byline = (out / "posts/2026/good-plain/index.html").read_text(encoding="utf-8")
    assert "Dr. Jane Lee" in byline
    atom = etree.parse(str(out / "blog/atom.xml")).getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    authors = {
        a.findtext("a:name", namespaces=ns): a.findtext("a:uri", namespaces=ns)
        for a in atom.iterfind("a:entry/a:author", ns)
    }
    assert authors["Dr. Jane Lee"] == "https://lee.example"


@pytest.mark.parametrize("root", sorted(p.name for p in (REPO / "tests" / "roots").iterdir()))
def test_every_site_keeps_its_vocabulary_in_the_file(root):
    folder = REPO / "tests" / "roots" / root
    vocab, problems = vocabulary.load(folder, folder / "conf.py")
    assert problems == [] and vocab.authors and vocab.default_author in vocab.authors


def test_the_blogs_own_vocabulary_reads_cleanly():
    vocab, problems = vocabulary.load(REPO / "docs", REPO / "conf.py")
    assert problems == []
    assert vocab.default_author == "clinic" and "young people" in vocab.tags
    assert "Living well" in vocab.categories
