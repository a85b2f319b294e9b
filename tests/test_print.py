"""Printing a post gives the article: its title, date, author and address,
without the site's navigation, theme toggle, pager or suggestions."""

import pytest

from browser import WIDTHS

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

POST = "posts/2026/worry-at-home/"
SCREEN_ONLY = [
    ".sidebar-drawer",
    ".toc-drawer",
    ".mobile-header",
    ".theme-toggle",
    ".skip-to-content",
    ".related-posts",
    "footer .related-pages",
    "footer .bottom-of-page",
]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_a_printed_post_is_the_article_with_its_title_date_author_and_address(
    reader_server, new_page, width
):
    page = new_page(width=width)
    page.goto(reader_server.url(POST))
    assert page.locator(".related-posts").is_visible(), "on screen, suggestions show"
    assert not page.locator(".post-print-url").is_visible(), "on screen, no printed address"
    page.emulate_media(media="print")
    for selector in SCREEN_ONLY:
        assert not [e for e in page.locator(selector).all() if e.is_visible()], selector
    article = page.locator("#furo-main-content")
    assert article.locator("h1").inner_text().startswith("Worry at home")
    byline = article.locator(".post-byline")
    assert byline.locator("time").inner_text() == "1 June 2026"
    assert byline.locator('a[rel="author"]').inner_text() == "The Clinic"
    address = byline.locator(".post-print-url")
    assert address.is_visible()
    assert address.inner_text() == "Online at https://example.org/reader/" + POST
    assert "How worry travels through a family" in article.inner_text()
    # The printed text fills the page: no sidebar keeps its column.
    box = article.bounding_box()
    assert box["x"] < 80 and box["width"] > width * 0.6, box
    assert page.pdf()[:4] == b"%PDF"


def test_a_printed_listing_has_no_pager(reader_server, new_page):
    page = new_page()
    page.goto(reader_server.url("blog/tag/sleep/page/2/"))
    assert page.locator("nav.pager").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("nav.pager").is_visible()
    assert page.locator("li.postcard").count() == 10
