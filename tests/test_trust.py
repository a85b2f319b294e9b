"""Health content: clinical review, author profiles, sources and plain language.

The fixture site (tests/roots/test-trust) has a post in "Conditions and
treatment" written by one invented clinician and reviewed by another who
wrote nothing, with three sources; a post in long academic sentences; and a
plain one. It is built and checked with the Makefile's own targets, as a
writer runs them. Broken posts are added to a copy to see every new message,
the same from `make check` and `make html`.
"""

import json
import re
from pathlib import Path

import pytest
from lxml import etree, html
from PIL import Image

from browser import MODES, WIDTHS, Server, axe_violations
from helpers import NS, REPO, article, make_target, repo_layout, text

PANIC = "docs/posts/2026/managing-panic-attacks/index.md"
WALKING = "docs/posts/2026/walking-outdoors/index.md"
READING_ADVICE = (
    f"{WALKING}:1: advice: the reading grade is 34.2, above 8: the prose may be hard for many "
    "readers — shorten the longest sentences (lines 11, 13 and 17), split them in two, and "
    "prefer short everyday words"
)
# A build's line: `path:line: WARNING: text`, or `path:line: advice: text`.
BUILD_LINE = re.compile(r"^(?P<where>\S+:\d+): (?:WARNING: )?(?P<rest>.+?)(?: \[blog\.\w+\])?$")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture site, built by `make html` and checked by `make check`."""
    site = repo_layout("trust", tmp_path_factory.mktemp("trust"))
    return site, make_target(site, "html"), make_target(site, "check")


def status(result) -> int:
    """The program's own exit status (make turns any failure into 2)."""
    match = re.search(r"Error (\d+)$", result.stderr.strip())
    return int(match.group(1)) if match else result.returncode


def page(site: Path, url: str):
    return html.parse(str(site / "_build/html" / url / "index.html")).getroot()


def json_ld(doc) -> dict:
    (script,) = doc.xpath('//script[@type="application/ld+json"]')
    return json.loads(script.text)


def build_lines(output: str) -> list[str]:
    """The problems and advice a build printed, as `make check` prints them."""
    found = []
    for row in output.splitlines():
        match = BUILD_LINE.match(row)
        if match and row.startswith("docs/"):
            found.append(f"{match.group('where')}: {match.group('rest')}")
    return found


# -- Advice: the reading grade ----------------------------------------------------------------


def test_academic_prose_gets_advice_and_both_commands_still_pass(built):
    _, build, check = built
    assert build.returncode == 0, build.stdout + build.stderr
    assert check.returncode == 0, check.stdout
    assert build_lines(build.stdout + build.stderr) == [READING_ADVICE]
    # (Then it records the new posts' addresses, as for any new post.)
    assert check.stdout.splitlines()[:2] == [
        READING_ADVICE,
        "All 3 posts look good (and 1 piece of advice).",
    ]


def test_plain_posts_get_no_advice(built):
    _, build, check = built
    said = build_lines(build.stdout + build.stderr) + check.stdout.splitlines()
    assert [line for line in said if ": advice: " in line] == [READING_ADVICE, READING_ADVICE]


def test_a_build_with_nothing_to_do_gives_the_advice_again(built):
    site, _, _ = built
    make_target(site, "html")  # `make check` recorded the new addresses: built again
    again = make_target(site, "html")
    assert status(again) == 0
    lines = again.stdout.splitlines()
    assert lines[0] == READING_ADVICE and lines[1].startswith("Nothing has changed")


def test_advice_never_marks_a_page_to_be_read_again(built):
    site, _, _ = built
    warned = json.loads((site / "_build/doctrees/wnyblog-warned.json").read_text())
    assert warned == []


# -- The reviewed post ------------------------------------------------------------------------


def test_the_review_line_names_the_reviewer_with_credentials_and_the_day(built):
    site, _, _ = built
    doc = page(site, "posts/2026/managing-panic-attacks")
    (review,) = article(doc).cssselect("p.post-review")
    assert text(review) == (
        "Clinically reviewed by Dr. Chidi Okafor, PsyD on 28 October 2026 · "
        "How we write and review posts"
    )
    links = {a.text_content(): a.get("href") for a in review.iter("a")}
    assert links == {
        "Dr. Chidi Okafor, PsyD": "../../../blog/author/okafor/",
        "How we write and review posts": "../../../editorial-policy/",
    }
    assert review.find("time").get("datetime") == "2026-10-28"
    byline = article(doc).cssselect("p.post-meta a[rel=author]")
    assert [a.text_content() for a in byline] == ["Dana Rivera, LCSW"]


def test_the_footer_links_the_editorial_policy(built):
    site, _, _ = built
    for url in ("", "posts/2026/sleep-and-mood", "blog/author/okafor"):
        footer = page(site, url).cssselect("p.site-disclaimer a")
        assert [(a.text_content(), a.get("href").rstrip("/").rsplit("/", 1)[-1]) for a in footer][
            -1
        ] == ("How we write and review posts", "editorial-policy")


def test_sources_are_a_numbered_list_of_links_at_the_end(built):
    site, _, _ = built
    body = article(page(site, "posts/2026/managing-panic-attacks"))
    (section,) = body.cssselect("section.post-sources")
    assert section.getparent().getchildren()[-1] is section  # the article's last part
    assert text(section.find("h2")) == "Sources"
    items = section.cssselect("ol > li")
    assert [text(li) for li in items] == [
        "Panic disorder. National Institute of Mental Health, 2024.",
        "Cognitive behavioral therapy for panic disorder. JAMA, 2000.",
        "Diagnostic and Statistical Manual of Mental Disorders, Fifth Edition, Text Revision "
        "(DSM-5-TR). American Psychiatric Association, 2022.",
    ]
    assert [[a.get("href") for a in li.iter("a")] for li in items] == [
        ["https://www.nimh.nih.gov/health/topics/panic-disorder"],
        ["https://doi.org/10.1001/jama.283.19.2529"],
        [],  # a book has no address
    ]


def test_the_feeds_carry_the_sources(built):
    site, _, _ = built
    feed = etree.parse(str(site / "_build/html/blog/atom.xml")).getroot()
    (entry,) = [
        e
        for e in feed.findall("a:entry", NS)
        if e.findtext("a:title", namespaces=NS) == "Managing panic attacks"
    ]
    content = html.fragment_fromstring(entry.findtext("a:content", namespaces=NS), "div")
    # Feeds drop the site's classes: the heading and the list after it.
    (heading,) = content.xpath(".//h2[normalize-space()='Sources']")
    assert heading.getparent().getchildren()[-1].tag == "ol"
    assert [a.get("href") for a in heading.getparent().xpath(".//ol//a")] == [
        "https://www.nimh.nih.gov/health/topics/panic-disorder",
        "https://doi.org/10.1001/jama.283.19.2529",
    ]


def test_json_ld_puts_the_review_on_the_web_page_and_cites_the_sources(built):
    site, _, _ = built
    data = json_ld(page(site, "posts/2026/managing-panic-attacks"))
    assert data["@type"] == "BlogPosting"
    assert "reviewedBy" not in data and "lastReviewed" not in data
    assert data["mainEntityOfPage"] == {
        "@type": "WebPage",
        "@id": "https://example.org/posts/2026/managing-panic-attacks/",
        "lastReviewed": "2026-10-28",
        "reviewedBy": {
            "@type": "Person",
            "name": "Dr. Chidi Okafor",
            "url": "https://example.org/blog/author/okafor/",
            "honorificSuffix": "PsyD",
            "jobTitle": "Clinical psychologist",
            "description": "Dr. Okafor treats panic and phobias. He reviews the blog's posts "
            "about conditions and treatment.",
        },
    }
    assert [(c["@type"], c["name"], c.get("url")) for c in data["citation"]] == [
        ("CreativeWork", "Panic disorder", "https://www.nimh.nih.gov/health/topics/panic-disorder"),
        (
            "CreativeWork",
            "Cognitive behavioral therapy for panic disorder",
            "https://doi.org/10.1001/jama.283.19.2529",
        ),
        (
            "CreativeWork",
            "Diagnostic and Statistical Manual of Mental Disorders, Fifth Edition, Text "
            "Revision (DSM-5-TR)",
            None,
        ),
    ]
    (author,) = data["author"]
    image = author.pop("image")
    assert author == {
        "@type": "Person",
        "name": "Dana Rivera",
        "url": "https://example.org/people/dana-rivera",
        "sameAs": ["https://example.org/people/dana-rivera"],
        "honorificSuffix": "LCSW",
        "jobTitle": "Clinical social worker",
        "description": "Dana works with adults who live with anxiety. She writes about everyday "
        "ways to feel steadier.",
    }
    published = site / "_build/html" / image["url"].removeprefix("https://example.org/")
    assert published.is_file() and (image["width"], image["height"]) == (480, 480)


def test_a_post_without_review_has_no_review_data(built):
    site, _, _ = built
    doc = page(site, "posts/2026/sleep-and-mood")
    assert not doc.cssselect("p.post-review") and not doc.cssselect("section.post-sources")
    data = json_ld(doc)
    assert data["mainEntityOfPage"] == {
        "@type": "WebPage",
        "@id": "https://example.org/posts/2026/sleep-and-mood/",
    }
    assert "citation" not in data


# -- Author pages -----------------------------------------------------------------------------


def test_a_reviewer_who_wrote_nothing_has_a_page_with_what_they_reviewed(built):
    site, _, _ = built
    body = article(page(site, "blog/author/okafor"))
    assert text(body.find(".//h1")) == "Dr. Chidi Okafor, PsyD"
    assert [text(p) for p in body.cssselect(".author-profile p")] == [
        "Clinical psychologist",
        "Dr. Okafor treats panic and phobias. He reviews the blog's posts about conditions and "
        "treatment.",
    ]
    assert [text(h) for h in body.iter("h2")] == ["Posts reviewed by Dr. Chidi Okafor"]
    assert [text(a) for a in body.cssselect("li.postcard h3 a")] == ["Managing panic attacks"]
    authors = page(site, "blog/author").cssselect("ul.catalog-list a")
    assert "Dr. Chidi Okafor" in [text(a) for a in authors]


def test_a_reviewer_who_wrote_nothing_announces_the_whole_blogs_feeds(built):
    site, _, _ = built
    doc = page(site, "blog/author/okafor")
    hrefs = [link.get("href") for link in doc.cssselect('head link[rel="alternate"]')]
    assert hrefs == ["../../atom.xml", "../../rss.xml", "../../feed.json"]
    assert not list((site / "_build/html/blog/author/okafor").glob("*.xml"))
    assert (site / "_build/html/blog/author/rivera/atom.xml").is_file()


def test_a_writers_page_opens_with_the_profile_then_the_posts(built):
    site, _, _ = built
    body = article(page(site, "blog/author/rivera"))
    order = [
        (e.tag, text(e))
        for e in body.iter("h1", "h2", "p")
        if e.tag != "p" or "author-bio" in e.get("class", "")
    ]
    assert order[:3] == [
        ("h1", "Dana Rivera, LCSW"),
        (
            "p",
            "Dana works with adults who live with anxiety. She writes about everyday ways to "
            "feel steadier.",
        ),
        ("h2", "Posts by Dana Rivera"),
    ]
    assert [text(a) for a in body.cssselect("li.postcard h3 a")] == [
        "Walking outdoors",
        "Managing panic attacks",
    ]
    (img,) = body.cssselect(".author-profile img")
    assert img.get("alt") == "Photo of Dana Rivera"
    assert text(body.cssselect(".author-link a")[0]) == "Dana Rivera elsewhere on the web"


def test_the_authors_photo_is_published_small_and_without_metadata(built):
    site, _, _ = built
    photos = sorted((site / "_build/html/_images").glob("rivera-*"))
    assert {p.suffix for p in photos} == {".jpg", ".webp", ".avif"}
    for photo in photos:
        with Image.open(photo) as picture:
            assert picture.width <= 480
            assert not picture.getexif() and "exif" not in picture.info
    assert not list((site / "_build/html").rglob("rivera.jpg"))  # never the original


# -- Every new message, the same from `make check` and `make html` ----------------------------

FRONT = (
    "---\ndate: {date}\nauthor: {author}\ncategory: {category}\n{more}---\n"
    "\n# {title}\n\nA short plain text.\n"
)

BROKEN = {
    "2026/unreviewed": dict(category="Conditions and treatment"),
    "2027/draft-unreviewed": dict(category="Conditions and treatment", more="draft: true\n"),
    "2026/own-review": dict(more="reviewed_by: rivera\nreviewed: 2026-12-01\n"),
    "2026/clinic-review": dict(more="reviewed_by: clinic\nreviewed: 2026-11-01\n"),
    "2026/no-credentials": dict(more="reviewed_by: sam\nreviewed: 2026-11-01\n"),
    "2026/unknown-reviewer": dict(more="reviewed_by: okafr\nreviewed: 2026-11-01\n"),
    "2026/old-review": dict(
        more="updated: 2026-11-20\nreviewed_by: okafor\nreviewed: 2024-01-10\n"
    ),
    "2026/no-review-day": dict(more="reviewed_by: okafor\n"),
    "2026/no-reviewer": dict(more="reviewed: 2026-11-01\n"),
    "2026/bad-sources": dict(
        more="sources:\n"
        "  - title: A web page\n    url: http://example.org/page\n"
        "  - title: An article\n    doi: doi.org/123\n    year: soon\n"
        "  - publisher: Nobody\n"
        "  - title: A book\n    titel: Someone\n"
        "  - just a title\n"
        "  - title:\n"
        "  - title: A leaflet\n    publisher: [One, Two]\n"
    ),
    "2026/empty-reviewer": dict(more="reviewed_by:\nreviewed: 2026-11-01\n"),
    "2026/two-reviewers": dict(more="reviewed_by: [okafor, sam]\nreviewed: 2026-11-01\n"),
    "2026/empty-sources": dict(more="sources:\n"),
    "2026/sources-as-text": dict(more="sources: The DSM\n"),
}


def _write_broken(site: Path) -> None:
    vocabulary = site / "docs/vocabulary.yaml"
    vocabulary.write_text(
        vocabulary.read_text().replace(
            "default_author:", "  sam:\n    name: Sam Writer\ndefault_author:"
        )
    )
    for where, fields in BROKEN.items():
        folder = site / "docs/posts" / where
        folder.mkdir(parents=True)
        values = {"author": "rivera", "category": "Living well", "more": "", **fields}
        values["date"] = where[:4] + "-11-02"
        values["title"] = where.split("/")[1].replace("-", " ").capitalize()
        (folder / "index.md").write_text(FRONT.format(**values), encoding="utf-8")


def _post(name: str) -> str:
    return f"docs/posts/{name}/index.md"


REVIEW_FIX = (
    "once a clinician with credentials has reviewed it, add `reviewed_by:` (their author key) "
    "and `reviewed:` (the day, YYYY-MM-DD)"
)
NO_SOURCES = (
    "the post is in “Conditions and treatment” and lists no sources — add `sources:` with what "
    "the post relies on: each a `title:`, and its `url:` or `doi:` when it has one"
)
EXPECTED = [
    f"{_post('2026/bad-sources')}:5: the `url` of source 1 in `sources` is not an https:// "
    "address (“http://example.org/page”) — copy the whole address from the browser, starting "
    "with https://, or delete the `url:` line",
    f"{_post('2026/bad-sources')}:5: the `doi` of source 2 in `sources` is not a DOI "
    "(“doi.org/123”) — write the DOI alone, starting with 10. (e.g. "
    "`doi: 10.1176/appi.books.9780890425787`), or delete the line",
    f"{_post('2026/bad-sources')}:5: the `year` of source 2 in `sources` is not a year (“soon”) "
    "— write the year it was published, e.g. `year: 2022`, or delete the line",
    f"{_post('2026/bad-sources')}:5: source 3 in `sources` has no `title:` — write each source "
    "as a list item: `- title: Name of the book or article`, then, indented under it, `url:`, "
    "`doi:`, `publisher:` and `year:` when it has them",
    f'{_post("2026/bad-sources")}:5: unknown setting "titel" in source 4 in `sources` (did you '
    'mean "title"?) — a source has `title:` and, when it has them, `url:`, `doi:`, '
    "`publisher:` and `year:`",
    f"{_post('2026/bad-sources')}:5: source 5 in `sources` has no `title:` — write each source "
    "as a list item: `- title: Name of the book or article`, then, indented under it, `url:`, "
    "`doi:`, `publisher:` and `year:` when it has them",
    f"{_post('2026/bad-sources')}:5: the `title` of source 6 in `sources` is empty — write "
    "it after `title:`, or delete the line",
    f"{_post('2026/bad-sources')}:5: the `publisher` of source 7 in `sources` should be one "
    "piece of text — write it after `publisher:`, or delete the line",
    f"{_post('2026/empty-reviewer')}:5: `reviewed_by` is empty — write one author key from "
    "docs/vocabulary.yaml, or delete the line",
    f"{_post('2026/empty-reviewer')}:6: the post has a review date but no reviewer — add "
    "`reviewed_by:` with the reviewer's author key",
    f"{_post('2026/two-reviewers')}:5: `reviewed_by` should be one author key — write "
    "`reviewed_by: ` and one author key",
    f"{_post('2026/two-reviewers')}:6: the post has a review date but no reviewer — add "
    "`reviewed_by:` with the reviewer's author key",
    f"{_post('2026/empty-sources')}:5: `sources` is empty — write each source as a list item: "
    "`- title: Name of the book or article`, then, indented under it, `url:`, `doi:`, "
    "`publisher:` and `year:` when it has them",
    f"{_post('2026/sources-as-text')}:5: `sources` should be a list of sources — write each "
    "source as a list item: `- title: Name of the book or article`, then, indented under it, "
    "`url:`, `doi:`, `publisher:` and `year:` when it has them",
    f"{_post('2026/clinic-review')}:5: the reviewer “clinic” is the clinic itself — name the "
    "clinician who reviewed the post (an author with `credentials` in docs/vocabulary.yaml)",
    f"{_post('2026/no-credentials')}:5: the reviewer “sam” has no `credentials` in "
    "docs/vocabulary.yaml — add their credentials under their entry (e.g. `credentials: PsyD`), "
    "or name a reviewer who has them",
    f"{_post('2026/no-review-day')}:5: the post names its reviewer but not the day of the "
    "review — add `reviewed: YYYY-MM-DD`, the day the review took place",
    f"{_post('2026/no-reviewer')}:5: the post has a review date but no reviewer — add "
    "`reviewed_by:` with the reviewer's author key",
    f"{_post('2026/old-review')}:5: advice: the post was updated on 2026-11-20, after its "
    "review on 2024-01-10: the change was not reviewed — have the change reviewed, then set "
    "`reviewed:` to the day of that review",
    f"{_post('2026/old-review')}:7: advice: the review of 2024-01-10 is more than 24 months "
    "old — have a clinician review the post again, then set `reviewed:` to that day",
    f"{_post('2026/own-review')}:5: the reviewer “rivera” is also an author of the post — a "
    "review is another clinician's reading: name a reviewer who did not write it",
    f"{_post('2026/own-review')}:6: the review date 2026-12-01 is after today (2026-11-25) — "
    "write the day the review took place",
    f'{_post("2026/unknown-reviewer")}:5: unknown author "okafr" (did you mean "okafor"?) — '
    "use one listed under `authors:` in docs/vocabulary.yaml, or add it there on purpose",
    f"{_post('2026/unreviewed')}:4: posts in “Conditions and treatment” need a clinical "
    f"review, and this one has none — {REVIEW_FIX}",
    f"{_post('2026/unreviewed')}:4: advice: {NO_SOURCES}",
    f"{_post('2027/draft-unreviewed')}:4: advice: posts in “Conditions and treatment” need a "
    f"clinical review, and this one has none — {REVIEW_FIX}; a draft may wait for its review",
    f"{_post('2027/draft-unreviewed')}:4: advice: {NO_SOURCES}",
]


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    site = repo_layout("trust", tmp_path_factory.mktemp("broken"))
    _write_broken(site)
    return make_target(site, "html"), make_target(site, "check")


def test_every_new_message_is_one_line_the_same_from_check_and_build(broken):
    build, check = broken
    new = [
        line
        for line in check.stdout.splitlines()
        if line.startswith(tuple(_post(name) for name in BROKEN))
    ]
    assert sorted(new) == sorted(EXPECTED)
    built = [line for line in build_lines(build.stdout + build.stderr) if line in EXPECTED]
    assert sorted(built) == sorted(EXPECTED)
    assert "Traceback" not in build.stdout + build.stderr + check.stdout


def test_a_post_needing_review_without_one_fails_both_commands(broken):
    build, check = broken
    assert status(build) == 1 and status(check) == 1
    assert check.stdout.splitlines()[-1] == (
        "22 errors, 0 warnings in 17 posts (and 6 pieces of advice)."
    )


# -- The vocabulary and conf.py ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        pytest.param(
            ("    credentials: PsyD\n", "    credentials:\n"),
            "docs/vocabulary.yaml:14: the credentials of the author “okafor” is empty — write it "
            "after `credentials:`, or delete the line",
            id="empty-credentials",
        ),
        pytest.param(
            ("photo: authors/rivera.jpg", "photo: authors/missing.jpg"),
            "docs/vocabulary.yaml:10: the photo of the author “rivera” does not exist "
            "(“authors/missing.jpg”) — put the photo in docs/authors/ and write its name from "
            "the source folder, e.g. `photo: authors/rivera.jpg` (JPEG, PNG, WebP or AVIF)",
            id="missing-photo",
        ),
        pytest.param(
            ("photo: authors/rivera.jpg", "photo: ../rivera.jpg"),
            "docs/vocabulary.yaml:10: the photo of the author “rivera” is not a picture in "
            "authors/ (“../rivera.jpg”) — put the photo in docs/authors/ and write its name "
            "from the source folder, e.g. `photo: authors/rivera.jpg` (JPEG, PNG, WebP or AVIF)",
            id="photo-elsewhere",
        ),
        pytest.param(
            ("    bio: Dr. Okafor treats panic and phobias.", "    bio: --\n    # was:"),
            "docs/vocabulary.yaml:16: the bio of the author “okafor” has no words (“--”) — write "
            "it after `bio:`, or delete the line",
            id="bio-without-words",
        ),
        pytest.param(
            ("photo: authors/rivera.jpg", "photo:"),
            "docs/vocabulary.yaml:10: the photo of the author “rivera” is empty — put the photo "
            "in docs/authors/ and write its name from the source folder, e.g. "
            "`photo: authors/rivera.jpg` (JPEG, PNG, WebP or AVIF)",
            id="empty-photo",
        ),
        pytest.param(
            ("    credentials: LCSW\n", "    credentials: [LCSW, PhD]\n"),
            "docs/vocabulary.yaml:7: the credentials of “rivera” should be one piece of text — "
            "write it on the same line",
            id="credentials-as-a-list",
        ),
        pytest.param(
            ("    role: Clinical psychologist\n", "    title: Clinical psychologist\n"),
            'docs/vocabulary.yaml:15: unknown setting "title" for the author “okafor” — an '
            "author has `name:` and, when known, `link:` (their page elsewhere), "
            "`credentials:`, `role:`, `bio:` and `photo:`",
            id="unknown-setting",
        ),
    ],
)
def test_profile_slips_stop_check_and_build_at_their_line(tmp_path, edit, expected):
    site = repo_layout("trust", tmp_path)
    vocabulary = site / "docs/vocabulary.yaml"
    vocabulary.write_text(vocabulary.read_text().replace(*edit), encoding="utf-8")
    build, check = make_target(site, "html"), make_target(site, "check")
    assert status(build) == 1 and status(check) == 1
    assert expected in build.stderr.splitlines()
    assert expected in check.stdout.splitlines()


def test_a_review_category_the_vocabulary_lacks_is_an_error(tmp_path):
    site = repo_layout("trust", tmp_path)
    conf = site / "conf.py"
    conf.write_text(
        conf.read_text().replace(
            'blog_review_categories = ["Conditions and treatment"]',
            'blog_review_categories = ["Conditions and treatment", "Treatments"]',
        )
    )
    expected = (
        'conf.py:14: blog_review_categories names "Treatments", which is not a category in '
        "docs/vocabulary.yaml — use a category listed under `categories:` in "
        "docs/vocabulary.yaml"
    )
    build, check = make_target(site, "html"), make_target(site, "check")
    assert status(build) == 1 and status(check) == 1
    assert expected in build.stderr.splitlines() and expected in check.stdout.splitlines()


# -- What the reading grade measures ----------------------------------------------------------


def test_only_paragraphs_and_list_items_are_measured():
    from wnyblog.checks import reading

    body = (
        "# A very long and complicated title with many syllables in it\n"
        "\n"
        "First plain line. See [the guide](https://example.org/a-very-long-address) now.\n"
        "\n"
        "## An extraordinarily complicated heading\n"
        "\n"
        "- one item\n"
        "- <https://example.org/only-an-address>\n"
        "\n"
        "```python\nprint('code is not prose')\n```\n"
        "\n"
        "```{crisis-resources}\n```\n"
        "\n"
        ":::{figure} picture.png\nA caption under the picture.\n:::\n"
        "\n"
        "```{note}\nA note is read.\n```\n"
    )
    pieces = reading.prose(body, 10)
    assert pieces == [
        (12, "First plain line. See the guide now."),
        (16, "one item."),
        (31, "A note is read."),
    ]


def test_the_seed_posts_grade():
    """The real site's imported post, for the record (WRITING.md, the report)."""
    from wnyblog.checks import reading
    from wnyblog.posts import schema

    path = next((REPO / "docs/posts/2026").glob("understanding-empathy-*/index.md"))
    vocab = schema.Vocabulary({"clinic": "Clinic"}, ("empathy", "therapy"), ("Our approach",))
    meta, _ = schema.read_post(path.read_text(encoding="utf-8"), str(path), vocab)
    measured = reading.measure(meta)
    assert measured is not None
    assert (measured.grade, measured.words) == (13.1, 475)
    assert [s.line for s in measured.longest()] == [16, 40, 40]


def test_the_fixture_photo_carries_metadata_to_strip():
    with Image.open(REPO / "tests/roots/test-trust/authors/rivera.jpg") as picture:
        assert picture.getexif()  # so the published copies prove it is taken out


# -- Quality gates on the fixture site ---------------------------------------------------------

TRUST_PAGES = [
    "posts/2026/managing-panic-attacks/",
    "blog/author/okafor/",
    "blog/author/rivera/",
    "editorial-policy/",
]


@pytest.mark.slow  # runs the Nu checker (Java)
def test_every_page_of_the_fixture_is_valid_html(trust_root):
    from test_valid_html import nu_errors

    assert len(trust_root.pages()) >= 15
    assert nu_errors(trust_root.root) == []


@pytest.mark.slow  # drives a browser
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_no_axe_violations_on_the_new_pages(trust_root, new_page, width, mode):
    server = Server(trust_root.root, "https://example.org/")
    try:
        page = new_page(width=width, mode=mode, theme=mode)
        found = []
        for url in TRUST_PAGES:
            page.goto(server.url(url))
            found += [f"{url}: {v}" for v in axe_violations(page)]
    finally:
        server.close()
    assert found == []


# -- The GitHub job summary ---------------------------------------------------------------------


def test_the_job_summary_counts_advice_apart_and_marks_it(tmp_path):
    from wnyblog.cli import github
    from wnyblog.posts.schema import Problem

    problems = [
        Problem("docs/posts/2026/a/index.md", 4, "an error", "fix it"),
        Problem("docs/posts/2026/b/index.md", 1, "the reading grade is 9.0", "shorten", "advice"),
    ]
    text_ = github.summary(problems, 2, None, None, tmp_path)
    assert "1 error and 1 piece of advice in 2 posts." in text_
    assert (
        "| docs/posts/2026/b/index.md | 1 | Advice: the reading grade is 9.0 | shorten |" in text_
    )
