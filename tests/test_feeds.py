"""The site-wide Atom and RSS feeds, checked rule by rule with lxml (feedparser
alone accepts relative links, missing authors and malformed dates)."""

import email.utils
import re
from datetime import datetime

import feedparser
import pytest
from lxml import html

from helpers import ATOM, NS, SITE_URL, resolve

ACTIVE = ("script", "iframe", "object", "embed", "form")


def _absolute_urls_only(fragment: str):
    doc = html.fragment_fromstring(fragment, create_parent="div")
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag not in ACTIVE, element.tag
        for name, value in element.attrib.items():
            assert not name.startswith("on"), name
            if name in ("href", "src"):
                assert value.startswith("https://"), value


def test_atom_feed_follows_the_rules(site):
    feed = site.xml("blog/atom.xml")
    assert feed.tag == ATOM + "feed"
    assert feed.findtext(ATOM + "id") == SITE_URL + "blog/"
    self_link = feed.find(ATOM + "link[@rel='self']")
    assert self_link.get("href") == SITE_URL + "blog/atom.xml"
    entries = feed.findall(ATOM + "entry")
    assert 1 <= len(entries) <= 20
    updated = [datetime.fromisoformat(e.findtext(ATOM + "updated")) for e in entries]
    assert feed.findtext(ATOM + "updated") == max(updated).isoformat()
    for entry in entries:
        assert entry.findtext(ATOM + "id").startswith(SITE_URL + "posts/")
        assert entry.find(ATOM + "link").get("href") == entry.findtext(ATOM + "id")
        assert entry.findall(ATOM + "author/" + ATOM + "name")
        published = datetime.fromisoformat(entry.findtext(ATOM + "published"))
        assert published.utcoffset().total_seconds() / 3600 in (-5, -4)  # America/New_York
        _absolute_urls_only(entry.findtext(ATOM + "content"))
        assert entry.findtext(ATOM + "summary")


def test_rss_feed_follows_the_rules(site):
    rss = site.xml("blog/rss.xml")
    channel = rss.find("channel")
    assert rss.get("version") == "2.0"
    assert channel.findtext("link") == SITE_URL + "blog/"
    assert channel.find("a:link[@rel='self']", NS).get("href") == SITE_URL + "blog/rss.xml"
    items = channel.findall("item")
    assert 1 <= len(items) <= 20
    dates = [email.utils.parsedate_to_datetime(i.findtext("pubDate")) for i in items]
    assert channel.findtext("lastBuildDate") == email.utils.format_datetime(max(dates))
    for item in items:
        guid = item.find("guid")
        assert guid.get("isPermaLink") == "true" and guid.text.startswith(SITE_URL + "posts/")
        assert re.match(
            r"^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d [-+]\d{4}$", item.findtext("pubDate")
        )
        assert item.findall("dc:creator", NS)
        assert item.find("author") is None  # RSS <author> must be an e-mail address
        _absolute_urls_only(item.findtext("content:encoded", namespaces=NS))
        _absolute_urls_only(item.findtext("description"))


@pytest.mark.parametrize("name", ["atom.xml", "rss.xml"])
def test_feeds_parse_cleanly(site, name):
    parsed = feedparser.parse(str(site.root / "blog" / name))
    assert not parsed.bozo
    assert (
        parsed.entries[0].title == "Understanding Empathy: The Heartbeat of Mental Health Treatment"
    )


def test_feed_is_linked_from_home_and_blog_pages(site):
    for url in ("", "blog/", "blog/tag/empathy/"):
        page = site.root / url / "index.html"
        links = site.page(url).cssselect("article .feed-links a")
        targets = {resolve(site, page, a.get("href"))[0] for a in links}
        assert targets == {"blog/atom.xml", "blog/rss.xml"}
