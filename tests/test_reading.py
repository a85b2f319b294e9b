"""Reading the blog: paginated listings, reading time, related posts and
listing cards, on the reader fixture (tests/roots/test-reader plus the posts
conftest.add_reader_posts generates)."""

import datetime as dt
import shutil

import pytest

from conftest import SLEEP_POSTS
from helpers import REPO, article, build_root, text
from wnyblog.posts.records import PostRecord
from wnyblog.site.model import Blog, reading_minutes

SLEEP = "blog/tag/sleep/"


def titles(element) -> list[str]:
    """The post titles listed in *element* (a page's article or a section of it)."""
    return [text(t) for t in element.cssselect("li.postcard .postcard-title")]


def pager(doc):
    navs = doc.cssselect('nav.pager[aria-label="Pagination"]')
    return navs[0] if navs else None


def test_a_tag_with_25_posts_is_three_pages_of_10_10_and_5(reader):
    pages = [SLEEP, SLEEP + "page/2/", SLEEP + "page/3/"]
    shown = [titles(article(reader.page(url))) for url in pages]
    assert [len(s) for s in shown] == [10, 10, 5]
    expected = [f"Sleep note {n:02d}" for n in range(SLEEP_POSTS, 0, -1)]
    assert [t for s in shown for t in s] == expected, "newest first, each post once"
    assert not reader.exists(SLEEP + "page/1/"), "page 1 stays at the tag's own address"
    assert not reader.exists(SLEEP + "page/4/")


def test_pager_numbers_every_page_and_marks_the_current_one(reader):
    for number, url in enumerate([SLEEP, SLEEP + "page/2/", SLEEP + "page/3/"], start=1):
        nav = pager(reader.page(url))
        items = nav.cssselect("ul > li")
        numbered = [a for li in items for a in li.cssselect("a") if text(a).startswith("Page ")]
        assert [text(a) for a in numbered] == ["Page 1", "Page 2", "Page 3"]
        current = nav.cssselect('a[aria-current="page"]')
        assert [text(a) for a in current] == [f"Page {number}"]
        for link in numbered:
            href = link.get("href")
            assert reader.exists(url if href == "#" else url + href), href


@pytest.mark.parametrize(
    ("url", "prev", "next"),
    [
        (SLEEP, None, "page/2/"),
        (SLEEP + "page/2/", "../../", "../3/"),
        (SLEEP + "page/3/", "../2/", None),
    ],
)
def test_previous_and_next_pages_are_linked_with_rel_in_the_pager_and_head(reader, url, prev, next):
    doc = reader.page(url)
    for rel, href in (("prev", prev), ("next", next)):
        in_pager = pager(doc).cssselect(f'a[rel="{rel}"]')
        in_head = doc.cssselect(f'head link[rel="{rel}"]')
        assert [a.get("href") for a in in_pager] == ([href] if href else [])
        assert [link.get("href") for link in in_head] == ([href] if href else [])
    words = {"prev": "Previous page", "next": "Next page"}
    for rel, word in words.items():
        for link in pager(doc).cssselect(f'a[rel="{rel}"]'):
            assert word in text(link)


def test_each_page_has_its_own_title_and_says_where_it_is(reader):
    doc = reader.page(SLEEP + "page/2/")
    assert doc.findtext(".//title").startswith("Posts tagged “sleep”, page 2 of 3")
    assert "Page 2 of 3" in text(article(doc).cssselect(".archive-count")[0])
    assert text(article(doc).cssselect("h1")[0]) == "Posts tagged “sleep”"
    canonical = doc.cssselect('link[rel="canonical"]')[0].get("href")
    assert canonical == "https://example.org/reader/blog/tag/sleep/page/2/"


@pytest.mark.parametrize(
    ("url", "pages"),
    [("blog/", 4), ("blog/2025/", 3), ("blog/category/rest/", 3), ("blog/author/clinic/", 4)],
)
def test_every_kind_of_listing_paginates(reader, url, pages):
    nav = pager(reader.page(url))
    assert nav is not None
    assert text(nav.cssselect("a")[-2]) == f"Page {pages}"
    assert reader.exists(url + f"page/{pages}/")
    assert not reader.exists(url + f"page/{pages + 1}/")


@pytest.mark.parametrize("url", ["blog/tag/anxiety/", "blog/2026/", "blog/author/alice/"])
def test_a_listing_of_ten_or_fewer_posts_has_no_pager(reader, url):
    doc = reader.page(url)
    assert 1 <= len(titles(article(doc))) <= 10
    assert pager(doc) is None
    assert not doc.cssselect('head link[rel="next"], head link[rel="prev"]')
    assert not reader.exists(url + "page/2/")


def test_a_long_pager_skips_distant_page_numbers():
    records = [_record(f"p{n}", dt.datetime(2025, 1, 1) + dt.timedelta(days=n)) for n in range(95)]
    pages = Blog(records, blog_path="blog", authors={}, page_size=5).all.pages
    assert len(pages) == 19
    numbers = [p.number if p else "…" for p in pages[9].window()]
    assert numbers == [1, "…", 8, 9, 10, 11, 12, "…", 19]
    assert [p.number if p else "…" for p in pages[2].window()] == [1, 2, 3, 4, 5, "…", 19]
    assert [p.number for p in pages[0].window(radius=3) if p][:5] == [1, 2, 3, 4, 19]


def test_reading_time_is_words_over_230_rounded_up():
    assert [reading_minutes(w) for w in (0, 1, 230, 231, 460, 461, 1150)] == [1, 1, 1, 2, 2, 3, 5]


def test_reading_time_counts_only_what_a_reader_reads(reader):
    # Title and body are exactly 460 words (2 minutes); the comment and the
    # front matter would push it over into a third minute if they counted.
    doc = reader.page("posts/2026/timed-reading/")
    byline = doc.cssselect(".post-byline")[0]
    assert [text(s) for s in byline.cssselect(".reading-time")] == ["2 min read"]
    cards = article(reader.page("blog/")).cssselect("li.postcard")
    card = next(c for c in cards if "Timed" in text(c))
    assert text(card.cssselect(".reading-time")[0]) == "2 min read"


@pytest.mark.parametrize(
    "url", ["", "blog/", SLEEP + "page/3/", "blog/category/rest/", "posts/2026/worry-at-home/"]
)
def test_every_listing_card_has_title_date_reading_time_author_and_excerpt(reader, url):
    cards = article(reader.page(url)).cssselect("li.postcard")
    assert cards
    for card in cards:
        assert card.cssselect(".postcard-title a")
        assert card.cssselect(".postcard-meta time[datetime]")
        assert card.cssselect(".postcard-meta .reading-time")
        meta = text(card.cssselect(".postcard-meta")[0])
        assert meta.endswith(("The Clinic", "Dr. Alice Example")), meta
        assert card.cssselect(".postcard-excerpt")


def test_cards_link_their_tags(reader):
    card = article(reader.page("blog/tag/family/")).cssselect("li.postcard")[0]
    tags = {text(a): a.get("href") for a in card.cssselect('.postcard-tags a[rel="tag"]')}
    # On its own tag page the tag links to the page itself ("#").
    assert tags == {"anxiety": "../anxiety/", "family": "#", "stress": "../stress/"}


def test_cover_image_is_shown_with_its_alt_text_and_published(reader):
    original = (REPO / "tests/roots/test-reader/posts/2026/with-cover/cover.png").read_bytes()
    for url in ("blog/", "blog/author/alice/", "blog/category/rest/"):
        card = next(
            c for c in article(reader.page(url)).cssselect("li.postcard") if "cover" in text(c)
        )
        img = card.cssselect("picture.postcard-image img")[0]
        assert img.get("alt") == "A teal sky over a quiet field"
        published = (reader.root / url / img.get("src")).resolve()
        # A copy made for readers, never the writer's own file.
        assert published.parent == (reader.root / "_images").resolve()
        assert published.read_bytes() != original
        assert published.read_bytes().startswith((b"\x89PNG", b"\xff\xd8"))
    assert not (reader.root / "posts/2026/with-cover/cover.png").exists()
    others = article(reader.page("blog/tag/sleep/")).cssselect("img")
    assert others == [], "posts without a cover show no image"


def test_related_posts_rank_shared_tags_then_category_then_recency(reader):
    section = article(reader.page("posts/2026/worry-at-home/")).cssselect("section.related-posts")
    assert text(section[0].cssselect("h2")[0]) == "Related posts"
    assert titles(section[0]) == [
        "Three in common",
        "Two in common",
        "One in common, same category",
    ]


def test_every_post_suggests_up_to_three_others_never_itself(reader):
    posts = sorted(reader.root.glob("posts/*/*/index.html"))
    assert len(posts) == SLEEP_POSTS + 8
    for page in posts:
        doc = reader.page(reader.url_path(page))
        own = text(article(doc).cssselect("h1")[0]).rstrip("¶")
        related = titles(doc.cssselect("section.related-posts")[0])
        assert len(related) == 3
        assert own not in related


def test_related_posts_and_reading_time_stay_out_of_feed_entries(reader):
    for feed in ("blog/atom.xml", "blog/rss.xml"):
        content = (reader.root / feed).read_text(encoding="utf-8")
        assert "Worry at home" in content
        assert "Related posts" not in content
        assert "min read" not in content


def _record(name, date, tags=(), category=None, status="published"):
    return PostRecord(
        docname=f"posts/{name}/index",
        title=name,
        date=date,
        updated=date,
        authors=("clinic",),
        tags=tuple(tags),
        category=category,
        excerpt="",
        words=100,
        status=status,
    )


def test_related_posts_break_ties_by_recency_and_skip_drafts():
    day = dt.datetime(2026, 1, 1)
    records = [
        _record("me", day, ["a", "b"], "C"),
        _record("old-two", day - dt.timedelta(days=9), ["a", "b"]),
        _record("new-two", day - dt.timedelta(days=1), ["a", "b"]),
        _record("draft-two", day + dt.timedelta(days=3), ["a", "b"], "C", status="draft"),
        _record("one-same-category", day - dt.timedelta(days=5), ["a"], "C"),
        _record("unrelated-newest", day + dt.timedelta(days=2)),
        _record("unrelated-older", day - dt.timedelta(days=20)),
    ]
    blog = Blog(records, blog_path="blog", authors={})
    me = blog.by_docname["posts/me/index"]
    assert [p.title for p in me.related()] == ["new-two", "old-two", "one-same-category"]
    assert [p.title for p in me.related(5)][3:] == ["unrelated-newest", "unrelated-older"]
    lonely = blog.by_docname["posts/unrelated-older/index"]
    assert [p.title for p in lonely.related()] == ["unrelated-newest", "me", "new-two"]


def test_latest_posts_headings_follow_the_section_they_are_in(reader, site):
    # The fixture's home page lists posts right under its title; the real
    # home page lists them under "Latest posts" (an h2).
    assert {c.tag for c in article(reader.page("")).cssselect(".postcard-title")} == {"h2"}
    assert {c.tag for c in article(site.page("")).cssselect(".postcard-title")} == {"h3"}


def _bad_covers(src):
    shutil.rmtree(src / "posts")
    for slug, front in (
        ("missing-file", "image: nowhere.png\nimage_alt: A field"),
        ("no-alt", "image: cover.png"),
        ("outside", "image: ../../../conf.py\nimage_alt: Not a picture"),
    ):
        folder = src / "posts" / "2026" / slug
        folder.mkdir(parents=True)
        (folder / "cover.png").write_bytes(b"\x89PNG")
        (folder / "index.md").write_text(
            f"---\ndate: 2026-01-01\n{front}\n---\n# {slug}\n\nText.\n", encoding="utf-8"
        )


def test_a_cover_image_that_is_missing_outside_or_without_alt_text_stops_the_build(tmp_path):
    built = build_root("reader", tmp_path, expect_ok=False, edit=_bad_covers)
    assert built.returncode != 0
    log = built.log
    assert "missing-file/index.md:3: the cover image “nowhere.png” does not exist" in log
    assert "no-alt/index.md:3: the cover image has no description (alt text)" in log
    assert "outside/index.md:3: the cover image “../../../conf.py” is outside" in log


def test_the_sitemap_lists_every_page_of_a_listing(reader):
    sitemap = (reader.root / "sitemap.xml").read_text(encoding="utf-8")
    for page in ("", "page/2/", "page/3/"):
        assert f"<loc>https://example.org/reader/{SLEEP}{page}</loc>" in sitemap
    assert f"{SLEEP}page/4/" not in sitemap
