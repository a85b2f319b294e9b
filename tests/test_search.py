"""What the site's search finds and quotes, and the pages not worth publishing:
no empty general index; the search page has a description and a preview; a
post's byline, its print-only address line and lists of other posts are kept
out of the search index and out of each result's excerpt (checked in Chromium)."""

import json
import re
from pathlib import Path

import pytest

from helpers import SITE_URL, article, text
from test_privacy import wait_for_search_results
from test_site import SEED_POST

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

BYLINE_ONLY = ("Online at", "Moved here", "min read", "By WNY", "Category:", "Tags:")


def _index(site) -> dict:
    script = (site.root / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(script[script.index("(") + 1 : script.rindex(")")])


def _docs_with(index: dict, term: str) -> set[str]:
    found = index["terms"].get(term, [])
    return {index["docnames"][i] for i in ([found] if isinstance(found, int) else found)}


@pytest.mark.parametrize("name", ["site", "edges"])
def test_no_general_index_is_published_or_linked(request, name):
    site = request.getfixturevalue(name)
    assert not (site.root / "genindex").exists()
    for page in site.pages():
        doc = site.page(site.url_path(page)) if page.name == "index.html" else None
        if doc is None:
            continue
        assert not doc.cssselect('link[rel="index"]'), page
        assert not [a for a in doc.iter("a") if "genindex" in (a.get("href") or "")], page


def test_the_search_page_has_a_description_and_a_preview_title(site):
    doc = site.page("search/")
    meta = {
        (m.get("name") or m.get("property")): m.get("content") for m in doc.cssselect("head meta")
    }
    assert meta["og:title"] == "Search"
    assert meta["description"] == (
        "Search the posts and pages of the WNY Psychiatry & Counseling Associates Blog."
    )
    assert meta["og:description"] == meta["description"]
    assert meta["og:url"] == SITE_URL + "search/"
    assert meta["robots"] == "noindex"  # Furo's: a results page is not a landing page


def test_the_index_holds_a_posts_words_not_its_byline(site):
    index = _index(site)
    post = SEED_POST + "index"
    # The post's own words are found...
    assert post in _docs_with(index, "realm")
    # ...the byline's are not: "Online at https://…", "min read", the author's
    # name in "By …", and the date, which no page says in its text.
    for term in ("onlin", "github", "io", "min", "decemb"):
        assert post not in _docs_with(index, term), term
    # The home page lists the latest posts: their titles are the posts' to be found by.
    assert "index" not in _docs_with(index, "heartbeat")
    # The page still shows the byline to readers.
    shown = text(article(site.page(SEED_POST)))
    assert "Online at" in shown and "min read" in shown


def _search(page, server, words: str) -> str:
    page.goto(server.url("search/?q=" + words))
    wait_for_search_results(page)
    for item in page.query_selector_all("#search-results ul li"):
        if "Understanding Empathy" in item.inner_text():
            return " ".join(item.query_selector("p.context").inner_text().split())
    raise AssertionError(page.inner_text("#search-results"))


@pytest.mark.parametrize(
    ("words", "quoted"),
    [
        # A word of the first paragraph: Sphinx starts the excerpt 120 characters
        # before it, which used to be the byline.
        ("realm", "In the realm of mental health treatment"),
        # A word of the title only: the excerpt starts at the top of the article.
        ("heartbeat", "Understanding Empathy: The Heartbeat of Mental Health Treatment In the"),
        # Another form of a word (the text says "healing"): found by its stem,
        # quoted from the top, as no "healed" is in the text.
        ("healed", "Understanding Empathy: The Heartbeat of Mental Health Treatment In the realm"),
    ],
)
def test_search_excerpts_quote_the_post_not_its_byline(site_server, new_page, words, quoted):
    page = new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    excerpt = _search(page, site_server, words)
    assert quoted in excerpt, excerpt
    for byline in BYLINE_ONLY:
        assert byline not in excerpt, excerpt
    assert not re.search(r"https?://", excerpt), excerpt
    assert errors == []


def test_searching_a_byline_word_finds_no_post(site_server, new_page):
    page = new_page()
    page.goto(site_server.url("search/?q=online"))
    page.wait_for_selector("#search-results p.search-summary", timeout=10_000)
    assert "Understanding Empathy" not in page.inner_text("#search-results")


def test_sphinx_search_still_builds_excerpts_the_way_search_excerpt_js_expects():
    """static/search-excerpt.js wraps Sphinx's Search.htmlToText, and the indexer
    skips the "no-search" class: if a new Sphinx changes either, revisit
    src/wnyblog/static/search-excerpt.js and site/placeholders.py."""
    import sphinx

    from wnyblog.site.placeholders import NOT_SEARCHED

    static = Path(sphinx.__file__).parent / "themes" / "basic" / "static" / "searchtools.js"
    code = static.read_text(encoding="utf-8")
    assert "const Search = {" in code
    assert "htmlToText: (htmlString, anchor) =>" in code
    assert "Search.htmlToText(htmlText, anchor)" in code
    indexer = (Path(sphinx.__file__).parent / "search" / "__init__.py").read_text(encoding="utf-8")
    assert f"'{NOT_SEARCHED}' in node['classes']" in indexer
