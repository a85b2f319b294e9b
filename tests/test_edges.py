"""Edge cases on a small fixture blog (tests/roots/test-edges)."""

import pytest
from lxml import html

from helpers import ATOM, NS, article, text

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

SITE = "https://example.org/clinic/"


def test_several_authors_are_all_credited(edges):
    byline = edges.page("posts/2026/two-authors/").cssselect(".post-byline")[0]
    authors = [text(a) for a in byline.cssselect('a[rel="author"]')]
    assert authors == ["Dr. Alice Example", "Bob Sample, LCSW"]
    for key in ("alice", "bob"):
        cards = article(edges.page(f"blog/author/{key}/")).cssselect("li.postcard")
        assert [text(c.cssselect(".postcard-title")[0]) for c in cards] == ["Written together"]


def test_several_authors_are_all_in_the_feeds(edges):
    atom = edges.xml("blog/atom.xml")
    entry = next(
        e for e in atom.iter(ATOM + "entry") if e.findtext(ATOM + "title") == "Written together"
    )
    assert [a.findtext(ATOM + "name") for a in entry.findall(ATOM + "author")] == [
        "Dr. Alice Example",
        "Bob Sample, LCSW",
    ]
    item = next(
        i
        for i in edges.xml("blog/rss.xml").iter("item")
        if i.findtext("title") == "Written together"
    )
    assert [c.text for c in item.findall("dc:creator", NS)] == [
        "Dr. Alice Example",
        "Bob Sample, LCSW",
    ]


def test_post_time_is_clinic_time(edges):
    atom = edges.xml("blog/atom.xml")
    entry = next(
        e for e in atom.iter(ATOM + "entry") if e.findtext(ATOM + "title") == "Written together"
    )
    assert entry.findtext(ATOM + "published") == "2026-03-02T09:30:00-05:00"


def test_post_without_tags_has_no_label_line_and_uses_its_description(edges):
    doc = edges.page("posts/2026/no-tags/")
    assert not doc.cssselect(".post-labels")
    assert [text(a) for a in doc.cssselect('.post-byline a[rel="author"]')] == ["The Clinic"]
    card = next(
        c for c in article(edges.page("blog/")).cssselect("li.postcard") if "Untagged" in text(c)
    )
    assert text(card.cssselect(".postcard-excerpt")[0]) == "A post filed under nothing at all."


def test_image_beside_the_post_is_published_and_absolute_in_feeds(edges):
    img = article(edges.page("posts/2026/with-image/")).cssselect("picture img")[0]
    assert img.get("alt") == "A quiet lake at dawn"
    published = (edges.root / "posts/2026/with-image" / img.get("src")).resolve()
    assert published.is_file() and published.parent == (edges.root / "_images").resolve()
    entry = next(
        e
        for e in edges.xml("blog/atom.xml").iter(ATOM + "entry")
        if e.findtext(ATOM + "title") == "A picture of calm"
    )
    content = html.fragment_fromstring(entry.findtext(ATOM + "content"), create_parent="div")
    # A plain <img> of the picture's JPEG: feed readers take neither AVIF nor WebP.
    assert not content.cssselect("picture, source")
    src = content.cssselect("img")[0].get("src")
    assert src.startswith(SITE + "_images/lake-") and src.endswith(".jpg")


def test_links_inside_feed_content_are_absolute(edges):
    entry = next(
        e
        for e in edges.xml("blog/atom.xml").iter(ATOM + "entry")
        if e.findtext(ATOM + "title") == "Written together"
    )
    content = html.fragment_fromstring(entry.findtext(ATOM + "content"), create_parent="div")
    hrefs = [a.get("href") for a in content.cssselect("a")]
    assert SITE + "posts/2026/same-day-a/" in hrefs
    assert SITE + "posts/2026/two-authors/#more" in hrefs
    assert SITE in hrefs


@pytest.mark.parametrize(
    "marker",
    ["DRAFT-MARKER-TEXT", "Secret draft", "SCHEDULED-MARKER-TEXT", "Scheduled holiday post"],
)
def test_drafts_and_scheduled_posts_are_in_no_published_file(edges, marker):
    leaks = [p for p in edges.root.rglob("*") if p.is_file() and marker.encode() in p.read_bytes()]
    assert leaks == []
    assert not (edges.root / "posts/2026/draft").exists()
    assert not (edges.root / "blog/drafts").exists()


def test_posts_on_the_same_day_are_both_listed_in_a_stable_order(edges):
    titles = [
        text(c.cssselect(".postcard-title")[0])
        for c in article(edges.page("blog/")).cssselect("li.postcard")
    ]
    assert titles == [
        "Same day post A",
        "Same day post B",
        "Written together",
        "Untagged thoughts",
        "A picture of calm",
    ]


def test_previous_and_next_follow_the_dates(edges):
    doc = edges.page("posts/2026/two-authors/")
    assert doc.cssselect('link[rel="next"]')[0].get("href") == "../same-day-b/"
    assert doc.cssselect('link[rel="prev"]')[0].get("href") == "../no-tags/"
    nav = doc.cssselect("footer .related-pages")[0]
    assert "Same day post B" in text(nav.cssselect(".next-page")[0])
    assert "Untagged thoughts" in text(nav.cssselect(".prev-page")[0])


def test_year_tag_category_author_pages_list_newest_first(edges):
    titles = [
        text(c.cssselect(".postcard-title")[0])
        for c in article(edges.page("blog/tag/sleep/")).cssselect("li.postcard")
    ]
    assert titles == ["Same day post A", "Same day post B", "Written together", "A picture of calm"]
    assert len(article(edges.page("blog/2026/")).cssselect("li.postcard")) == 5
    assert len(article(edges.page("blog/category/living-well/")).cssselect("li.postcard")) == 3


def test_clinic_contact_shows_only_the_details_that_are_set(edges):
    contact = article(edges.page("get-help/")).cssselect(".clinic-contact")[0]
    items = [text(li) for li in contact.cssselect("li")]
    assert items == ["Phone: (716) 555-0100", "Website: https://clinic.example.org/"]
    assert contact.cssselect('a[href="tel:7165550100"]')
