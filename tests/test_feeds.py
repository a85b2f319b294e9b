"""Every feed of every archive, in every format, checked rule by rule with lxml
and json (feedparser alone accepts relative links, duplicate ids and bad dates)."""

import json
import re

import feedparser
import pytest
from lxml import html

from feedreader import FILES, MIME, feed_files, read
from helpers import SITE_URL, article, build_root, resolve, text

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

SITES = {
    "site": (SITE_URL, 20),
    "edges": ("https://example.org/clinic/", 20),
    "feeds_root": ("https://example.net/", 2),  # blog_feed_length = 2
    "trust_root": ("https://example.org/", 20),  # sources in the content, a reviewer's empty feed
}
ACTIVE = ("script", "iframe", "object", "embed", "form", "frame", "applet", "style", "link")


def _page_of(site, url: str, base: str):
    """The built page behind a public URL of *site* (None when there is none)."""
    assert url.startswith(base), url
    path = url.removeprefix(base)
    return site.page(path) if site.exists(path) else None


def _archives_with_feeds(site) -> list[str]:
    folders = ["blog/"]
    for kind in ("tag", "category", "author"):
        folders += [
            p.parent.relative_to(site.root).as_posix() + "/"
            for p in sorted((site.root / "blog" / kind).glob("*/index.html"))
            # A reviewer who wrote nothing has a page, but no posts to follow.
            if kind != "author" or _lists_posts_written(site, p)
        ]
    return folders


def _lists_posts_written(site, page) -> bool:
    headings = [text(h) for h in site.page(site.url_path(page)).cssselect("h2.archive-heading")]
    return any(h.startswith("Posts by ") for h in headings)


def _heading(doc) -> str:
    """What an archive page lists: its title, or on an author's page (whose
    title is their name) the heading of the posts they wrote."""
    for heading in article(doc).cssselect("h2.archive-heading"):
        if text(heading).startswith("Posts by "):
            return text(heading)
    return text(article(doc).cssselect("h1")[0])


def _feeds(request, name):
    """(site, its public URL, its feed length, feed) for every feed of a fixture site."""
    site = request.getfixturevalue(name)
    base, limit = SITES[name]
    for rel in feed_files(site):
        yield site, base, limit, read(site, rel)


def _safe_and_absolute(fragment: str, base: str) -> None:
    doc = html.fragment_fromstring(fragment, create_parent="div")
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag not in ACTIVE, element.tag
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            assert name != "id", "ids would clash between entries in a reader"
            if name in ("href", "src", "poster", "cite", "action", "data"):
                assert value.startswith(("https://", "mailto:", "tel:")), value
            if name == "srcset":
                for candidate in value.split(","):
                    assert candidate.strip().startswith("https://"), value


@pytest.mark.parametrize("name", SITES)
def test_every_tag_category_and_author_has_feeds_in_every_format(request, name):
    site = request.getfixturevalue(name)
    expected = {folder + file for folder in _archives_with_feeds(site) for file in FILES}
    assert len(expected) >= 3 * 4
    assert set(feed_files(site)) == expected


@pytest.mark.parametrize("name", SITES)
def test_every_feed_follows_the_rules(request, name):
    for site, base, limit, feed in _feeds(request, name):
        rel = feed.path
        where = f"{name}:{rel}"
        assert feed.self_url == base + rel, where
        assert feed.title and feed.subtitle and feed.language == "en", where
        assert _page_of(site, feed.home_url, base) is not None, where
        for image in feed.images:
            assert (site.root / image.removeprefix(base)).is_file(), (where, image)
        entries = feed.entries
        assert 1 <= len(entries) <= limit, where
        published = [e.published for e in entries]
        assert published == sorted(published, reverse=True), f"{where}: newest first"
        ids = [e.id for e in entries]
        assert len(set(ids)) == len(ids), f"{where}: duplicated id"
        if feed.format == "rss":  # RSS items carry no update time: compare with Atom's
            latest = read(site, rel.replace("rss.xml", "atom.xml")).updated
        else:
            latest = max(e.updated for e in entries)
        assert feed.updated == latest, f"{where}: feed time is the newest entry's, not the clock"
        for entry in entries:
            assert entry.id == entry.url, where
            page = _page_of(site, entry.url, base)
            assert page is not None and page.cssselect(".post-byline"), entry.url
            assert entry.title and entry.authors, where
            for when in (entry.published, entry.updated):
                if when is not None:  # America/New_York
                    assert when.utcoffset().total_seconds() / 3600 in (-5, -4), where
            assert entry.summary and "<" not in entry.summary, f"{where}: plain-text summary"
            if entry.image is not None:
                assert (site.root / entry.image.removeprefix(base)).is_file(), (where, entry.image)
            _safe_and_absolute(entry.content, base)


@pytest.mark.parametrize("name", SITES)
def test_feed_entries_are_the_newest_posts_of_their_archive(request, name):
    for site, base, limit, feed in _feeds(request, name):
        listed = [
            text(card.cssselect(".postcard-title")[0])
            for card in article(_page_of(site, feed.home_url, base)).cssselect("li.postcard")
        ]
        assert [e.title for e in feed.entries] == listed[:limit], feed.path


@pytest.mark.parametrize("name", SITES)
def test_json_feeds_have_every_required_and_recommended_field(request, name):
    site = request.getfixturevalue(name)
    base, _ = SITES[name]
    for rel in feed_files(site):
        if not rel.endswith(".json"):
            continue
        data = json.loads((site.root / rel).read_text(encoding="utf-8"))
        assert data["version"] == "https://jsonfeed.org/version/1.1"
        for key in ("title", "home_page_url", "feed_url", "description", "icon", "favicon"):
            assert isinstance(data[key], str) and data[key], (rel, key)
        assert data["language"] == "en"
        assert data["authors"] and all(a["name"] and a["url"] for a in data["authors"])
        assert data["items"]
        for item in data["items"]:
            for key in ("id", "url", "title", "content_html", "summary"):
                assert isinstance(item[key], str) and item[key], (rel, key)
            for key in ("date_published", "date_modified"):
                assert item[key][10] == "T" and item[key][-6] in "+-", (rel, key)  # RFC 3339
            assert item["authors"] and all(a["name"] and a["url"] for a in item["authors"])
            assert isinstance(item["tags"], list)


def test_feeds_keep_every_author_of_a_post(edges):
    expected = ["Dr. Alice Example", "Bob Sample, LCSW"]
    for rel in ("blog/atom.xml", "blog/rss.xml", "blog/feed.json", "blog/author/bob/feed.json"):
        entry = next(e for e in read(edges, rel).entries if e.title == "Written together")
        assert [name for name, _ in entry.authors] == expected, rel
    json_entry = next(
        e for e in read(edges, "blog/feed.json").entries if e.title == "Written together"
    )
    assert [url for _, url in json_entry.authors] == [
        "https://example.org/clinic/blog/author/alice/",
        "https://example.org/clinic/blog/author/bob/",
    ]


def test_tags_are_categories_and_times_are_the_posts(edges, feeds_root):
    atom = read(edges, "blog/atom.xml")
    entry = next(e for e in atom.entries if e.title == "Written together")
    assert entry.tags == ["sleep", "anxiety"]
    assert entry.published.isoformat() == "2026-03-02T09:30:00-05:00"
    # `updated:` in the front matter is the entry's update time, in every format.
    for rel in ("blog/atom.xml", "blog/feed.json"):
        first = next(e for e in read(feeds_root, rel).entries if e.title == "First steps")
        assert first.published.isoformat() == "2026-02-01T00:00:00-05:00"
        assert first.updated.isoformat() == "2026-02-20T00:00:00-05:00"


def test_posts_of_the_same_day_have_distinct_update_times(edges):
    # The W3C validator warns about two entries updated at the same instant.
    for rel in feed_files(edges):
        feed = read(edges, rel)
        updates = [e.updated for e in feed.entries if e.updated is not None]
        assert len(set(updates)) == len(updates), rel


def test_feed_length_is_one_setting(feeds_root):
    for fmt_file in FILES:
        titles = [e.title for e in read(feeds_root, "blog/" + fmt_file).entries]
        assert titles == ["Raw HTML in a post", "First steps"], fmt_file  # not "The oldest post"


def test_raw_html_in_a_post_reaches_feeds_absolute(feeds_root):
    post = "https://example.net/posts/2026/raw-html/"
    for fmt_file in FILES:
        entry = read(feeds_root, "blog/" + fmt_file).entries[0]
        assert entry.title == "Raw HTML in a post"
        _safe_and_absolute(entry.content, "https://example.net/")
        content = html.fragment_fromstring(entry.content, create_parent="div")
        assert content.cssselect('span[style="color: teal"]')  # styles are safe: kept
        links = {text(a): a.get("href") for a in content.cssselect("a")}
        assert links["relative link"] == "https://example.net/posts/2026/first-steps/"
        assert links["link within the post"] == post + "#details"
        img = content.cssselect("img")[0]
        assert img.get("src") == post + "lake.png"
        assert img.get("srcset") == f"{post}lake.png 1x, {post}lake.png 2x"
        assert entry.summary == "Writers can paste HTML: styled text keeps its style."


def test_entry_ids_survive_a_change_to_the_text(feeds_root, tmp_path):
    def rewrite(src):
        post = src / "posts/2026/first-steps/index.md"
        post.write_text(
            post.read_text(encoding="utf-8").replace("BODY-VERSION-ONE", "BODY-VERSION-TWO"),
            encoding="utf-8",
        )

    edited = build_root("feeds", tmp_path, edit=rewrite)
    assert feed_files(edited) == feed_files(feeds_root)
    for rel in feed_files(feeds_root):
        before, after = read(feeds_root, rel), read(edited, rel)
        assert [e.id for e in after.entries] == [e.id for e in before.entries], rel
        changed = [
            e.title
            for e, b in zip(after.entries, before.entries, strict=True)
            if e.content != b.content
        ]
        listed = [e.title for e in before.entries]
        assert changed == [t for t in listed if t == "First steps"], rel
        edited_entries = [e for e in after.entries if e.title == "First steps"]
        assert all("BODY-VERSION-TWO" in e.content for e in edited_entries), rel


@pytest.mark.parametrize("name", SITES)
def test_entries_carry_the_same_plain_html_in_every_format(request, name):
    site = request.getfixturevalue(name)
    for rel in feed_files(site):
        if not rel.endswith("atom.xml"):
            continue
        formats = [read(site, rel.replace("atom.xml", file)) for file in FILES]
        contents = [[e.content for e in feed.entries] for feed in formats]
        assert all(c == contents[0] for c in contents), rel
        for content in contents[0]:
            doc = html.fragment_fromstring(content, create_parent="div")
            # The site's classes and heading permalinks mean nothing in a reader.
            assert not doc.xpath(".//*[@class] | .//span[not(@*)]"), (rel, content)
            assert not [a for a in doc.iter("a") if text(a) in ("#", "¶")], rel
            outside_code = re.sub(r"<pre>.*?</pre>", "", content, flags=re.DOTALL)
            assert not re.search(r"\n[ \t]|\n\n", outside_code), (rel, content)


@pytest.mark.parametrize("name", SITES)
def test_xml_feeds_parse_cleanly(request, name):
    site = request.getfixturevalue(name)
    for rel in feed_files(site):
        if rel.endswith(".json"):
            continue
        parsed = feedparser.parse(str(site.root / rel))
        assert not parsed.bozo, (rel, parsed.get("bozo_exception"))
        assert parsed.entries, rel


def test_feed_images_have_the_shapes_readers_expect(site):
    atom = read(site, "blog/atom.xml").raw
    rss = read(site, "blog/rss.xml").raw
    from wnyblog.publish.site_images import size

    icon = site.root / atom.findtext("{http://www.w3.org/2005/Atom}icon").removeprefix(SITE_URL)
    logo = site.root / rss.findtext("channel/image/url").removeprefix(SITE_URL)
    width, height = size(icon)
    assert width == height >= 64
    width, height = size(logo)
    assert width == 2 * height and width <= 144
    assert rss.findtext("channel/image/width") == str(width)
    assert rss.findtext("channel/image/title") == rss.findtext("channel/title")
    assert rss.findtext("channel/image/link") == rss.findtext("channel/link")


@pytest.mark.parametrize("name", SITES)
def test_each_archive_page_announces_and_links_its_own_feeds(request, name):
    site = request.getfixturevalue(name)
    for folder in _archives_with_feeds(site):
        page_file = site.root / folder / "index.html"
        doc = site.page(folder)
        alternates = doc.cssselect('head link[rel="alternate"]')
        announced = {
            link.get("type"): resolve(site, page_file, link.get("href"))[0] for link in alternates
        }
        assert announced == {MIME[fmt]: folder + file for file, fmt in FILES.items()}, folder
        h1 = _heading(doc)
        for link in alternates:
            assert link.get("title").endswith(("(Atom)", "(RSS)", "(JSON Feed)"))
            if folder != "blog/":
                assert h1 in link.get("title"), folder
        visible = article(doc).cssselect(".feed-links")[0]
        icon = visible.cssselect("svg.feed-icon")[0]
        assert icon.get("role") == "img" and icon.get("aria-label") == "Web feed"
        links = visible.cssselect("a")
        assert [text(a) for a in links] == ["Atom", "RSS", "JSON Feed"]
        for a in links:
            assert resolve(site, page_file, a.get("href"))[0] in announced.values()
            assert a.get("aria-label").startswith(text(a))  # the visible name comes first
            assert h1.lower() in a.get("aria-label").lower() or folder == "blog/"


def test_pages_without_feeds_of_their_own_announce_the_whole_blogs(site):
    for url in (
        "",
        "about/",
        "blog/2026/",
        "blog/tag/",
        "posts/2026/understanding-empathy-the-heartbeat-of-mental-health-treatment/",
    ):
        page_file = site.root / url / "index.html"
        links = site.page(url).cssselect('head link[rel="alternate"]')
        targets = {resolve(site, page_file, link.get("href"))[0] for link in links}
        assert targets == {"blog/atom.xml", "blog/rss.xml", "blog/feed.json"}, url
