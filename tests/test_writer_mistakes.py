"""Writer mistakes the checks used to let through, each with its exact message.

A title line with no words, a front-matter setting written twice, a list
that holds no actual name, every setting left empty, written as a list or
as settings of its own, text with no words, placeholders and web addresses
where sentences belong, odd old addresses, and every piece of example text
`blog new` writes: each is `file:line: what — how to fix` from `make check`,
and the same line fails `make html`.
"""

import shutil

import pytest

from helpers import REPO, make_html_in_layout, repo_layout
from wnyblog.cli import main as cli
from wnyblog.posts.schema import FIELDS

CALM = REPO / "tests" / "roots" / "test-check" / "posts" / "2026" / "good-image" / "calm.png"


def post(*settings: str, body: str = "# TITLE\n\nText.\n") -> str:
    """A post dated 2026-06-01 with *settings* from line 3 on; TITLE becomes
    the case's name, so no two posts share a title."""
    return "\n".join(["---", "date: 2026-06-01", *settings, "---", body])


# (case, the post (None: written by `blog new`; a dict: several posts by name),
#  [(line in the case's post, "what — how to fix")])
MISTAKES = [
    (
        "title-line-empty",
        post(body="# \n\nText.\n"),
        [
            (
                4,
                (
                    "the title line has no words — write the post's title after the `# `, e.g. `# "
                    "Coping with winter`"
                ),
            ),
        ],
    ),
    (
        "title-line-hash-only",
        post(body="#\n\nText.\n"),
        [
            (
                4,
                (
                    "the title line has no words — write the post's title after the `# `, e.g. `# "
                    "Coping with winter`"
                ),
            ),
        ],
    ),
    (
        "title-line-punctuation",
        post(body="# ...!?\n\nText.\n"),
        [
            (
                4,
                (
                    "the title line has no words (“...!?”) — write the post's title after the `# "
                    "`, e.g. `# Coping with winter`"
                ),
            ),
        ],
    ),
    (
        "title-line-emoji",
        post(body="# 🌻🌻\n\nText.\n"),
        [
            (
                4,
                (
                    "the title line has no words (“🌻🌻”) — write the post's title after the `# `, "
                    "e.g. `# Coping with winter`"
                ),
            ),
        ],
    ),
    (
        "title-line-closing-hashes",
        post(body="# # #\n\nText.\n"),
        [
            (
                4,
                (
                    "the title line has no words (“#”) — write the post's title after the `# `, "
                    "e.g. `# Coping with winter`"
                ),
            ),
        ],
    ),
    (
        "key-twice",
        post(
            "tags: [sleep]",
            "description: A calm text about sleep.",
            "tags: [anxiety]",
        ),
        [
            (
                5,
                (
                    "`tags` is written twice (first on line 3) — keep one `tags:` line and delete "
                    "the other"
                ),
            ),
        ],
    ),
    (
        "key-three-times",
        "---\ndate: 2026-06-01\ndate: 2026-06-02\ndate: 2026-06-03\n---\n# TITLE\n\nText.\n",
        [
            (
                3,
                (
                    "`date` is written twice (first on line 2) — keep one `date:` line and delete "
                    "the other"
                ),
            ),
            (
                4,
                (
                    "`date` is written twice (first on line 2) — keep one `date:` line and delete "
                    "the other"
                ),
            ),
        ],
    ),
    (
        "key-twice-differing-case-is-unknown",
        post("tags: [sleep]", "Tags: [anxiety]"),
        [
            (
                4,
                (
                    'unknown front-matter setting "Tags" (did you mean "tags"?) — use one of: '
                    "title, date, updated, author, tags, category, description, excerpt, image, "
                    "image_alt, reviewed_by, reviewed, sources, draft, scheduled, redirect_from, "
                    "imported_from, date_is_import_date"
                ),
            ),
        ],
    ),
    (
        "tags-only-a-comma",
        post("tags: ,"),
        [
            (
                3,
                (
                    "the value of `tags` starts with “,”, which has a meaning of its own there — "
                    'put double quotes around the whole value: `tags: ","`'
                ),
            ),
        ],
    ),
    (
        "tags-empty-text-in-list",
        post('tags: [""]'),
        [
            (
                3,
                (
                    "`tags` holds no tag — list tags like `tags: [sleep, anxiety]`, or write "
                    "`tags: []` for none"
                ),
            ),
        ],
    ),
    (
        "tags-only-spaces",
        post('tags: "  "'),
        [
            (
                3,
                (
                    "`tags` holds no tag — list tags like `tags: [sleep, anxiety]`, or write "
                    "`tags: []` for none"
                ),
            ),
        ],
    ),
    (
        "tags-a-dash",
        post("tags: [-]"),
        [
            (
                3,
                (
                    "`tags` holds no tag — list tags like `tags: [sleep, anxiety]`, or write "
                    "`tags: []` for none"
                ),
            ),
        ],
    ),
    (
        "tags-nothing",
        post("tags:"),
        [
            (
                3,
                (
                    "`tags` is empty — list tags like `tags: [sleep, anxiety]`, or write `tags: "
                    "[]` for none"
                ),
            ),
        ],
    ),
    (
        "tags-comma-too-many",
        post("tags: sleep,,anxiety"),
        [
            (3, "`tags` has an empty entry — delete the extra comma"),
        ],
    ),
    (
        "tags-punctuation-entry",
        post("tags: [sleep, '...']"),
        [
            (
                3,
                (
                    "“...” in `tags` is not a tag: it has no letters or digits — delete it, or "
                    "write the tag in words"
                ),
            ),
        ],
    ),
    (
        "tags-twice",
        post("tags: [sleep, sleep]"),
        [
            (3, "“sleep” is listed twice in `tags` — delete one of the two"),
        ],
    ),
    (
        "tags-mapping",
        post("tags:", "  sleep: yes"),
        [
            (3, "`tags` should be a list — write `tags: [first, second]`"),
        ],
    ),
    (
        "tags-yes",
        post("tags: [yes]"),
        [
            (
                3,
                (
                    "`tags` should be a list of names — write `tags: [first, second]`, with "
                    'quotes around a name that YAML reads otherwise, such as "yes" or "no"'
                ),
            ),
        ],
    ),
    (
        "tags-number",
        post("tags: [2024]"),
        [
            (
                3,
                (
                    'unknown tag "2024" — use one listed under `tags:` in docs/vocabulary.yaml, '
                    "or add it there on purpose"
                ),
            ),
        ],
    ),
    (
        "author-empty-list",
        post("author: []"),
        [
            (
                3,
                (
                    "`author` holds no author — write an author key, e.g. `author: clinic`, or "
                    "delete the line to use the default author"
                ),
            ),
        ],
    ),
    (
        "author-nothing",
        post("author:"),
        [
            (
                3,
                (
                    "`author` is empty — write an author key, e.g. `author: clinic`, or delete "
                    "the line to use the default author"
                ),
            ),
        ],
    ),
    (
        "author-comma",
        post("author: ','"),
        [
            (
                3,
                (
                    "`author` holds no author — write an author key, e.g. `author: clinic`, or "
                    "delete the line to use the default author"
                ),
            ),
        ],
    ),
    (
        "author-mapping",
        post("author: {clinic: yes}"),
        [
            (3, "`author` should be a list — write `author: [first, second]`"),
        ],
    ),
    (
        "title-nothing",
        post("title:"),
        [
            (3, "`title` is empty — write the title after `title:`, or delete the line"),
        ],
    ),
    (
        "title-spaces",
        post("title: '   '"),
        [
            (3, "`title` is empty — write the title after `title:`, or delete the line"),
        ],
    ),
    (
        "title-punctuation",
        post("title: '***'"),
        [
            (3, "`title` has no words (“***”) — write it in words, or delete it"),
        ],
    ),
    (
        "title-yes",
        post("title: yes"),
        [
            (
                3,
                (
                    '`title` reads as true, not as text — put the text in quotes: `title: "your '
                    'text"`'
                ),
            ),
        ],
    ),
    (
        "title-list",
        post("title: [Coping, winter]"),
        [
            (
                3,
                (
                    "`title` should be one piece of text — write the text on the same line: "
                    "`title: your text` (in quotes if it contains a colon)"
                ),
            ),
        ],
    ),
    (
        "title-mapping",
        post("title:", "  text: Coping"),
        [
            (
                3,
                (
                    "`title` should be one piece of text — write the text on the same line: "
                    "`title: your text` (in quotes if it contains a colon)"
                ),
            ),
        ],
    ),
    (
        "description-example",
        post(
            "description: One or two plain sentences about the post, for listings and feeds.",
        ),
        [
            (
                3,
                (
                    "the `description` is still the example text from `blog new` — write one or "
                    "two plain sentences about the post: they are shown in listings, feeds, "
                    "search results and link previews"
                ),
            ),
        ],
    ),
    (
        "description-web-address",
        post("description: https://example.org/sleep"),
        [
            (
                3,
                (
                    "the `description` is only a web address — write one or two plain sentences "
                    "about the post: they are shown in listings, feeds, search results and link "
                    "previews"
                ),
            ),
        ],
    ),
    (
        "description-todo",
        post("description: TODO"),
        [
            (
                3,
                (
                    "the `description` “TODO” is a placeholder — write one or two plain sentences "
                    "about the post: they are shown in listings, feeds, search results and link "
                    "previews"
                ),
            ),
        ],
    ),
    (
        "description-lorem",
        post("description: Lorem ipsum dolor sit amet."),
        [
            (
                3,
                (
                    "the `description` “Lorem ipsum dolor sit amet.” is a placeholder — write one "
                    "or two plain sentences about the post: they are shown in listings, feeds, "
                    "search results and link previews"
                ),
            ),
        ],
    ),
    (
        "description-punctuation",
        post("description: '...'"),
        [
            (3, "`description` has no words (“...”) — write it in words, or delete it"),
        ],
    ),
    (
        "description-nothing",
        post("description:"),
        [
            (
                3,
                (
                    "`description` is empty — write one or two sentences about the post after "
                    "`description:`, or delete the line"
                ),
            ),
        ],
    ),
    (
        "description-and-excerpt",
        post("description: A calm text.", "excerpt: Another calm text."),
        [
            (
                4,
                (
                    "`description` and `excerpt` are the same setting, and both are set — keep "
                    "one of the two lines"
                ),
            ),
        ],
    ),
    (
        "excerpt-example",
        post(
            "excerpt: One or two plain sentences about the post, for listings and feeds.",
        ),
        [
            (
                3,
                (
                    "the `excerpt` is still the example text from `blog new` — write one or two "
                    "plain sentences about the post: they are shown in listings, feeds, search "
                    "results and link previews"
                ),
            ),
        ],
    ),
    (
        "image-alt-punctuation",
        post("image: calm.png", "image_alt: '!!!'"),
        [
            (4, "`image_alt` has no words (“!!!”) — write it in words, or delete it"),
        ],
    ),
    (
        "image-alt-example",
        post("image: calm.png", "image_alt: What the picture shows"),
        [
            (
                4,
                (
                    "`image_alt` is still the example text from `blog new` — describe the picture "
                    "in a few words for readers who cannot see it, e.g. `image_alt: A snowy path "
                    "through a quiet park`"
                ),
            ),
        ],
    ),
    (
        "image-alt-one-word",
        post("image: calm.png", "image_alt: Photo"),
        [
            (
                4,
                (
                    "`image_alt: Photo` does not say what the picture shows — describe the "
                    "picture in a few words for readers who cannot see it, e.g. `image_alt: A "
                    "snowy path through a quiet park`"
                ),
            ),
        ],
    ),
    (
        "image-alt-file-name",
        post("image: calm.png", "image_alt: calm.png"),
        [
            (
                4,
                (
                    "`image_alt: calm.png` does not say what the picture shows — describe the "
                    "picture in a few words for readers who cannot see it, e.g. `image_alt: A "
                    "snowy path through a quiet park`"
                ),
            ),
        ],
    ),
    (
        "image-alt-without-image",
        post("image_alt: A lake at dawn"),
        [
            (
                3,
                (
                    "`image_alt` describes a cover image, but the post has no `image:` — add "
                    "`image:` with the picture's file name, or delete this line"
                ),
            ),
        ],
    ),
    (
        "image-web-address",
        post("image: https://cdn.example.org/x.jpg", "image_alt: A lake at dawn"),
        [
            (
                3,
                (
                    "the cover image “https://cdn.example.org/x.jpg” is a web address — save the "
                    "picture beside the post and give its file name: the blog loads nothing from "
                    "other sites"
                ),
            ),
        ],
    ),
    (
        "image-nothing",
        post("image:", "image_alt: A lake at dawn"),
        [
            (
                3,
                (
                    "`image` is empty — write the picture's file name after `image:`, or delete "
                    "the line"
                ),
            ),
        ],
    ),
    (
        "draft-nothing",
        post("draft:"),
        [
            (3, "`draft` is empty — write `draft: true` or `draft: false`"),
        ],
    ),
    (
        "draft-one",
        post("draft: 1"),
        [
            (3, "`draft: 1` is not true or false — write `draft: true` or `draft: false`"),
        ],
    ),
    (
        "draft-list",
        post("draft: [true]"),
        [
            (3, "`draft` should be true or false — write `draft: true` or `draft: false`"),
        ],
    ),
    (
        "scheduled-text",
        post("scheduled: soon"),
        [
            (
                3,
                (
                    "`scheduled: soon` is not true or false — write `scheduled: true` or "
                    "`scheduled: false`"
                ),
            ),
        ],
    ),
    (
        "import-date-nothing",
        post("date_is_import_date:"),
        [
            (
                3,
                (
                    "`date_is_import_date` is empty — write `date_is_import_date: true` or "
                    "`date_is_import_date: false`"
                ),
            ),
        ],
    ),
    (
        "date-as-number",
        "---\ndate: 20260601\n---\n# Date as number\n\nText.\n",
        [
            (
                2,
                (
                    '`date`: "20260601" is not a date the site understands — write it as '
                    "YYYY-MM-DD (for example 2025-05-14), optionally with a time such as "
                    "2025-05-14 09:30"
                ),
            ),
        ],
    ),
    (
        "date-year-only",
        "---\ndate: 2026\n---\n# Date year only\n\nText.\n",
        [
            (
                2,
                (
                    '`date`: "2026" is not a date the site understands — write it as YYYY-MM-DD '
                    "(for example 2025-05-14), optionally with a time such as 2025-05-14 09:30"
                ),
            ),
        ],
    ),
    (
        "date-nothing",
        "---\ndate:\n---\n# Date nothing\n\nText.\n",
        [
            (2, "`date` is empty — write the date as YYYY-MM-DD, for example 2026-05-14"),
        ],
    ),
    (
        "date-list",
        "---\ndate: [2026-06-01]\n---\n# Date list\n\nText.\n",
        [
            (
                2,
                (
                    "`date` should be one date — write the date as YYYY-MM-DD, for example "
                    "2026-05-14"
                ),
            ),
        ],
    ),
    (
        "updated-nothing",
        post("updated:"),
        [
            (3, "`updated` is empty — write the date as YYYY-MM-DD, for example 2026-05-14"),
        ],
    ),
    (
        "updated-true",
        post("updated: true"),
        [
            (
                3,
                (
                    "`updated` should be one date — write the date as YYYY-MM-DD, for example "
                    "2026-05-14"
                ),
            ),
        ],
    ),
    (
        "category-nothing",
        post("category:"),
        [
            (
                3,
                (
                    "`category` is empty — write one category from docs/vocabulary.yaml, or "
                    "delete the line"
                ),
            ),
        ],
    ),
    (
        "category-list",
        post("category: [Living well, Clinic news]"),
        [
            (3, "`category` should be one name — write `category: ` and one category"),
        ],
    ),
    (
        "category-dash",
        post("category: '-'"),
        [
            (
                3,
                (
                    "`category` holds no category (“-”) — write one category from "
                    "docs/vocabulary.yaml, or delete the line"
                ),
            ),
        ],
    ),
    (
        "category-no",
        post("category: no"),
        [
            (3, "`category` should be one name — write `category: ` and one category"),
        ],
    ),
    (
        "redirect-nothing",
        post("redirect_from:"),
        [
            (
                3,
                (
                    "`redirect_from` is empty — write old addresses like `redirect_from: "
                    "[/post/old-name]`, or delete the line"
                ),
            ),
        ],
    ),
    (
        "redirect-odd-paths",
        post(
            "redirect_from: ['/?p=12', '/post/a b', '/post/../x', '/post//x', '/post/x#top']",
        ),
        [
            (
                3,
                (
                    "“/?p=12” in `redirect_from` cannot be an old address here: it has a ? — "
                    "write the path as it appeared in the old address bar, up to any ? or #, e.g. "
                    "/post/my-old-post (a space is written %20)"
                ),
            ),
            (
                3,
                (
                    "“/post/a b” in `redirect_from` cannot be an old address here: it has a space "
                    "— write the path as it appeared in the old address bar, up to any ? or #, "
                    "e.g. /post/my-old-post (a space is written %20)"
                ),
            ),
            (
                3,
                (
                    "“/post/../x” in `redirect_from` cannot be an old address here: it has a . or "
                    ".. folder — write the path as it appeared in the old address bar, up to any "
                    "? or #, e.g. /post/my-old-post (a space is written %20)"
                ),
            ),
            (
                3,
                (
                    "“/post//x” in `redirect_from` cannot be an old address here: it has two "
                    "slashes in a row — write the path as it appeared in the old address bar, up "
                    "to any ? or #, e.g. /post/my-old-post (a space is written %20)"
                ),
            ),
            (
                3,
                (
                    "“/post/x#top” in `redirect_from` cannot be an old address here: it has a # — "
                    "write the path as it appeared in the old address bar, up to any ? or #, e.g. "
                    "/post/my-old-post (a space is written %20)"
                ),
            ),
        ],
    ),
    (
        "redirect-twice",
        post("redirect_from: [/post/x, /post/x]"),
        [
            (3, "“/post/x” is listed twice in `redirect_from` — delete one of the two"),
        ],
    ),
    (
        "redirect-home",
        post("redirect_from: [/]"),
        [
            (
                3,
                (
                    "“/” is the address of the home page — a forwarding page there would replace "
                    "it: remove it from `redirect_from`"
                ),
            ),
        ],
    ),
    (
        "redirect-page",
        post("redirect_from: [/get-help/]"),
        [
            (
                3,
                (
                    "“/get-help/” is the address of the page docs/get-help.md — a forwarding page "
                    "there would replace it: remove it from `redirect_from`"
                ),
            ),
        ],
    ),
    (
        "redirect-post",
        post("redirect_from: [/posts/2026/good-plain/]"),
        [
            (
                3,
                (
                    "“/posts/2026/good-plain/” is the address of the post "
                    "docs/posts/2026/good-plain/index.md — a forwarding page there would replace "
                    "it: remove it from `redirect_from`"
                ),
            ),
        ],
    ),
    (
        "redirect-own",
        post("redirect_from: [/posts/2026/redirect-own/]"),
        [
            (
                3,
                (
                    "“/posts/2026/redirect-own/” is this post's own address — remove it from "
                    "`redirect_from`"
                ),
            ),
        ],
    ),
    (
        # Two posts claim one old address: the newer one is told.
        "redirect-shared-b",
        {
            "redirect-shared-a": post("redirect_from: [/post/shared]"),
            "redirect-shared-b": (
                "---\ndate: 2026-06-02\nredirect_from: [/post/shared/]\n---\n# TITLE\n\nText.\n"
            ),
        },
        [
            (
                3,
                (
                    "“/post/shared/” is already an old address of "
                    "docs/posts/2026/redirect-shared-a/index.md — keep it in one post's "
                    "`redirect_from` only"
                ),
            ),
        ],
    ),
    (
        "imported-from-nothing",
        post("imported_from:"),
        [
            (
                3,
                (
                    "`imported_from` is empty — write where the post came from after "
                    "`imported_from:`, or delete the line"
                ),
            ),
        ],
    ),
    (
        "new-post-examples",
        None,
        [
            (
                5,
                (
                    "the `description` is still the example text from `blog new` — write one or "
                    "two plain sentences about the post: they are shown in listings, feeds, "
                    "search results and link previews"
                ),
            ),
            (
                12,
                (
                    "the post still has the example opening paragraph from `blog new` — replace "
                    "it with your own words, or delete it"
                ),
            ),
            (
                14,
                (
                    "the post still has the example heading “A first section” from `blog new` — "
                    "replace it with your own words, or delete it"
                ),
            ),
            (
                16,
                (
                    "the post still has the example text “More text. …” from `blog new` — replace "
                    "it with your own words, or delete it"
                ),
            ),
        ],
    ),
]


def write_cases(docs, cases) -> None:
    for name, text, _ in cases:
        if isinstance(text, dict):
            write_cases(docs, [(other, its_text, []) for other, its_text in text.items()])
            continue
        if text is None:
            continue
        folder = docs / "posts" / "2026" / name
        folder.mkdir(parents=True)
        title = name.replace("-", " ").capitalize()
        (folder / "index.md").write_text(text.replace("TITLE", title), encoding="utf-8")
        if "image: calm.png" in text:
            shutil.copy(CALM, folder / "calm.png")


def expected_lines(cases) -> list[str]:
    return [
        f"docs/posts/2026/{name}/index.md:{line}: {message}"
        for name, _, found in cases
        for line, message in found
    ]


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setenv("BLOG_TODAY", "2026-11-25")
    repo_layout("check", tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def blog_new(name: str) -> None:
    assert cli.main(["new", "Written by blog new", "--date", "2026-06-01", "--slug", name]) == 0


@pytest.mark.slow  # one build per case; the all-at-once test stays fast
@pytest.mark.parametrize("case", [pytest.param(c, id=c[0]) for c in MISTAKES])
def test_check_gives_the_exact_message(site, capsys, case):
    name, text, _ = case
    write_cases(site / "docs", [case])
    if text is None:
        blog_new(name)
    capsys.readouterr()
    assert cli.main(["check", "--no-record"]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    mine = [line for line in out.splitlines() if line.startswith(f"docs/posts/2026/{name}/")]
    assert mine == expected_lines([case])


def test_make_html_fails_with_the_same_lines(site, capsys):
    write_cases(site / "docs", MISTAKES)
    for name, text, _ in MISTAKES:
        if text is None:
            blog_new(name)
    result = make_html_in_layout(site)
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in log and "Exception occurred" not in log
    for line in expected_lines(MISTAKES):
        where, _, rest = line.partition(": ")
        assert f"{where}: WARNING: {rest} [blog.post]" in log, line


# Every setting of the schema, written in each wrong way: never accepted in silence.
WRONG_VALUES = {
    "empty": "",
    "spaces": "'   '",
    "punctuation": "'?!'",
    "a mapping": "{a: b}",
    "a list of lists": "[[a]]",
}


@pytest.mark.slow  # one build per case; the all-at-once test stays fast
@pytest.mark.parametrize("key", sorted(FIELDS))
@pytest.mark.parametrize("how", sorted(WRONG_VALUES))
def test_no_setting_accepts_a_wrong_kind_of_value(site, capsys, key, how):
    text = post(f"{key}: {WRONG_VALUES[how]}") if key != "date" else None
    text = text or f"---\ndate: {WRONG_VALUES[how]}\n---\n# TITLE\n\nText.\n"
    write_cases(site / "docs", [("wrong-value", text, [])])
    capsys.readouterr()
    assert cli.main(["check", "--no-record"]) == 1
    out, err = capsys.readouterr()
    line = 2 if key == "date" else 3
    mine = [row for row in out.splitlines() if row.startswith("docs/posts/2026/wrong-value/")]
    assert "Traceback" not in out + err
    assert mine and all(
        row.startswith(f"docs/posts/2026/wrong-value/index.md:{line}: ") for row in mine
    ), mine
