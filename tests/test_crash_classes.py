"""The eight classes of input that crashed `blog check` or `make html`
(issue 18), each through both commands in a tiny site: a `path:line` line
with a non-zero exit, the same line from both, and no crash text. A blog
whose every post is a draft, and one with no post at all, build with empty
but valid listings and feeds.
"""

import json
import re

import feedparser
import pytest
from lxml import etree

from fuzzing import POST, assert_no_crash_text, check_and_build, make_tiny_site
from helpers import REPO
from wnyblog.posts import schema, yamltext

HEAD = "---\ndate: 2026-11-01\ntags: [empathy]\ncategory: Living well\n"
BODY = "---\n\n# A calm title\n\nText.\n"
VOCABULARY = (REPO / "docs" / "vocabulary.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory):
    return make_tiny_site(tmp_path_factory.mktemp("crashes"))


# A settings block that cannot be read, at its line (then the reason).
READ_2, READ_5 = (
    f"docs/posts/2026/x/index.md:{line}: the settings at the top of the post "
    "(between the --- lines) cannot be read "
    for line in (2, 5)
)
POSTS = {
    "a tag whose date does not exist": (
        HEAD.replace("date: 2026-11-01", "date: !!timestamp 2026-02-30") + BODY,
        READ_2 + "(the tag !!timestamp does not fit the value “2026-02-30”) — delete the `!!` tag",
    ),
    "a tag whose number is no number": (
        HEAD + "title: !!int abc\n" + BODY,
        READ_5 + "(the tag !!int does not fit the value “abc”)",
    ),
    "a number of thousands of digits": (
        HEAD + f"title: !!int {'7' * 5000}\n" + BODY,
        READ_5 + "(the tag !!int does not fit the value “7777",
    ),
    "nesting 1,500 deep": (
        HEAD + "description: " + "[" * 1500 + "]" * 1500 + "\n" + BODY,
        READ_5 + "(values are nested more than 50 levels deep)",
    ),
    "a NUL in a picture's name": (
        HEAD + BODY + "\n![A calm lake](calm%00.png)\n",
        "docs/posts/2026/x/index.md:11: the image “calm\\x00.png” holds a NUL character",
    ),
    "a NUL in a linked picture's link (found by make fuzz)": (
        HEAD + BODY + "\n[![A calm lake](calm.png)](calm%00.png)\n",
        "docs/posts/2026/x/index.md:11: the link “calm%00.png” holds a NUL character",
    ),
    "a NUL in a link": (
        HEAD + BODY + "\nSee [the notes](notes%00.md).\n",
        "docs/posts/2026/x/index.md:11: the link “notes\\x00.md” holds a NUL character",
    ),
    "a NUL in the cover's name": (
        HEAD + 'image: "calm\\0.png"\nimage_alt: A calm lake\n' + BODY,
        "docs/posts/2026/x/index.md:5: the cover image “calm\\x00.png” holds a NUL character",
    ),
    "half a surrogate pair in the title": (
        HEAD + 'title: "Calm \\ud800"\n' + BODY,
        READ_5 + "(the value holds \\ud800, half of a character that is not text)",
    ),
    "a newline inside a value": (
        HEAD.replace("Living well", '"Living\\nwell"') + BODY,
        'docs/posts/2026/x/index.md:4: unknown category "Living\\nwell"',
    ),
}


MATCHER = json.loads((REPO / ".github" / "blog-problems.json").read_text(encoding="utf-8"))
[_PATTERN] = MATCHER["problemMatcher"][0]["pattern"]


def _matched(row: str) -> tuple[str, int, str] | None:
    """What GitHub's problem matcher (.github/blog-problems.json) takes from *row*."""
    match = re.match(_PATTERN["regexp"], row)
    if match is None:
        return None
    return match[_PATTERN["file"]], int(match[_PATTERN["line"]]), match[_PATTERN["message"]]


def _same_line_from_both(runs: dict, expected: str) -> None:
    for name, (status, output) in runs.items():
        assert status == 1, (name, output[-3000:])
        assert_no_crash_text(output)
        rows = [row for row in output.splitlines() if row.startswith("docs/")]
        assert [row for row in rows if row.startswith(expected)], (name, expected, rows)
        # One problem matcher reads every problem line of both commands.
        assert all(_matched(row) for row in rows), rows
    check, build = (
        {r for r in out.splitlines() if r.startswith("docs/")} for _, out in runs.values()
    )
    assert check == build


@pytest.mark.slow  # a build per case; the control-character test stays fast
@pytest.mark.parametrize("case", sorted(POSTS))
def test_a_post_that_crashed_gets_one_line_from_both(tiny_site, case):
    text, expected = POSTS[case]
    _same_line_from_both(check_and_build(tiny_site, text), expected)


@pytest.mark.parametrize(
    ("name", "typed", "expected"),
    [
        (
            "a tag",
            "  - !!int abc",
            "docs/vocabulary.yaml:{line}: the file is not valid YAML (the tag !!int does not fit "
            "the value “abc”) — delete the `!!` tag",
        ),
        (
            "half a surrogate pair",
            '  - "Living \\ud800"',
            "docs/vocabulary.yaml:{line}: the file is not valid YAML (the value holds \\ud800",
        ),
    ],
)
def test_a_vocabulary_that_crashed_gets_one_line_from_both(tiny_site, name, typed, expected):
    rows = VOCABULARY.splitlines()
    at = rows.index("  - Living well")
    rows[at] = typed
    runs = check_and_build(tiny_site, HEAD + BODY, "\n".join(rows) + "\n")
    _same_line_from_both(runs, expected.format(line=at + 1))


def test_a_linked_picture_is_published_inside_its_link(tiny_site):
    text = (
        HEAD
        + BODY
        + "\n```{image} calm.png\n:alt: A calm lake\n:target: https://example.org/lake\n```\n"
    )
    runs = check_and_build(tiny_site, text)
    for status, output in runs.values():
        assert status == 0, output[-3000:]
        assert_no_crash_text(output)
    page = etree.parse(str(tiny_site / "_build/html/posts/2026/x/index.html"), etree.HTMLParser())
    [link] = page.xpath("//a[.//picture]")
    assert link.get("href") == "https://example.org/lake"
    assert link.xpath(".//img/@alt") == ["A calm lake"]


def _assert_empty_but_valid(html) -> None:
    atom = feedparser.parse((html / "blog/atom.xml").read_bytes())
    rss = feedparser.parse((html / "blog/rss.xml").read_bytes())
    for feed in (atom, rss):
        assert not feed.bozo, feed.bozo_exception
        assert feed.entries == [] and feed.feed.title
    jsonfeed = json.loads((html / "blog/feed.json").read_text(encoding="utf-8"))
    assert jsonfeed["items"] == [] and jsonfeed["version"].startswith("https://jsonfeed.org/")
    sitemap = etree.parse(str(html / "sitemap.xml"))
    urls = sitemap.findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    assert urls and not [u for u in urls if "/posts/" in u.findtext("{*}loc")]
    listing = etree.parse(str(html / "blog/index.html"), etree.HTMLParser())
    assert listing.xpath("//main") or listing.xpath("//article")
    # The search page loads only index files that were published.
    search = etree.parse(str(html / "search/index.html"), etree.HTMLParser())
    for ref in search.xpath("//script/@src | //link/@href | //*/@data-bundle"):
        if "pagefind/" in ref:
            target = (html / "search" / ref).resolve()
            assert target.exists(), f"the search page loads {ref}, which was not published"


@pytest.mark.slow  # a build per case
@pytest.mark.parametrize("post", ["every post a draft", "no post at all"])
def test_a_blog_with_nothing_published_builds_empty_but_valid(tiny_site, post):
    text = HEAD + "draft: true\n" + BODY if post == "every post a draft" else None
    runs = check_and_build(tiny_site, text)
    for name, (status, output) in runs.items():
        assert status == 0, (name, output[-3000:])
        assert_no_crash_text(output)
    assert not (tiny_site / "_build/html" / POST.parent.relative_to("docs")).exists()
    _assert_empty_but_valid(tiny_site / "_build" / "html")


def test_a_control_character_in_the_text_is_one_line_from_both(tiny_site):
    # Found by `make fuzz`: an escape character in the title crashed the feeds
    # (XML refuses it) after the check had passed.
    runs = check_and_build(tiny_site, HEAD + "---\n\n# Calm \x1b days\n\nText.\n")
    _same_line_from_both(
        runs,
        "docs/posts/2026/x/index.md:7: this line holds a control character (\\x1b), which is "
        "not text — delete it",
    )


def test_a_settings_block_holding_only_a_null_reads_as_no_settings():
    # Found by `make fuzz`: `Null` alone between the --- lines crashed the reader.
    vocab = schema.Vocabulary({"clinic": "Clinic"}, (), ())
    text = "---\nNull\n---\n\n# A title\n\nText.\n"
    meta, problems = schema.read_post(text, "docs/posts/2026/x/index.md", vocab)
    assert meta is not None and meta.title is None
    assert [p.message for p in problems] == ["the post has no date"]


def test_a_hidden_line_break_in_the_settings_is_named_at_its_own_line():
    # Found by `make fuzz`: YAML counts a lone carriage return as a line end,
    # so its line numbers ran past the end of the file.
    with pytest.raises(yamltext.YamlError) as caught:
        yamltext.parse("author: clinic\ntitle: \r'\n")
    assert (caught.value.line, caught.value.problem) == (
        1,
        "this line holds a line break that is not the end of the line",
    )
