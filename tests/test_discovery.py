"""What search engines and link previews read: canonical URLs, Open Graph and
Twitter cards, and schema.org JSON-LD, checked on the parsed pages."""

import json
from urllib.parse import urljoin

import pytest
from PIL import Image

from feedreader import read
from helpers import SITE_URL, article, text
from wnyblog.publish.discovery import json_ld

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

SEED_POST = "posts/2026/understanding-empathy-the-heartbeat-of-mental-health-treatment/"
EDGES = "https://example.org/clinic/"
# Ours to say once per page, except the article properties that may repeat.
PREFIXES = ("og:", "twitter:", "article:", "description")
REPEATABLE = {"article:author", "article:tag"}


def _meta(doc) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in doc.cssselect("head meta[property], head meta[name]"):
        key = tag.get("property") or tag.get("name")
        found.setdefault(key, []).append(tag.get("content"))
    return found


def _json_ld(doc) -> list[dict]:
    return [json.loads(s.text) for s in doc.cssselect('script[type="application/ld+json"]')]


def _listed_pages(site):
    """Every page a reader, a search engine or a shared link may land on (not 404, redirects)."""
    for page in site.pages():
        url = site.url_path(page)
        doc = site.page(url) if url.endswith("/") or url == "" else None
        if doc is None:
            continue
        if doc.cssselect('meta[http-equiv="refresh"]'):
            continue
        yield url, doc


def _urls(data):
    """Every URL-valued property in a JSON-LD tree."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("url", "@id") and isinstance(value, str):
                yield value
            yield from _urls(value)
    elif isinstance(data, list):
        for value in data:
            yield from _urls(value)


@pytest.mark.parametrize(("name", "base"), [("site", SITE_URL), ("edges", EDGES)])
def test_every_page_has_one_canonical_url_and_one_preview(request, name, base):
    site = request.getfixturevalue(name)
    pages = list(_listed_pages(site))
    assert len(pages) >= 10
    for url, doc in pages:
        canonical = doc.cssselect('link[rel="canonical"]')
        assert [c.get("href") for c in canonical] == [base + url], url
        meta = _meta(doc)
        for key, values in meta.items():
            if key.startswith(PREFIXES):
                assert len(values) == 1 or key in REPEATABLE, (url, key, values)
        assert meta["og:url"] == [base + url]
        for key in ("og:title", "og:description", "og:image:alt", "description"):
            assert meta[key][0].strip(), (url, key)
        assert meta["description"] == meta["og:description"]
        # X's card takes title, description and image from Open Graph: said once.
        assert meta["twitter:card"] == ["summary_large_image"]
        assert meta["twitter:image:alt"] == meta["og:image:alt"]
        for repeated in ("twitter:title", "twitter:description", "twitter:image"):
            assert repeated not in meta, (url, repeated)
        image = meta["og:image"][0]
        assert image.startswith(base) and (site.root / image.removeprefix(base)).is_file(), url
        assert meta["og:type"] == ["article" if doc.cssselect(".post-byline") else "website"]


def test_post_preview_is_the_posts_excerpt_dates_authors_and_tags(site):
    meta = _meta(site.page(SEED_POST))
    card = article(site.page("blog/")).cssselect("li.postcard")[0]
    excerpt = text(card.cssselect(".postcard-excerpt")[0])
    assert meta["og:description"] == [excerpt]
    assert excerpt.startswith("In the realm of mental health treatment")
    entry = read(site, "blog/feed.json").entries[0]
    assert meta["article:published_time"] == [entry.published.isoformat()]
    assert meta["article:modified_time"] == [entry.updated.isoformat()]
    assert meta["article:author"] == [SITE_URL + "blog/author/clinic/"]
    assert meta["article:tag"] == ["empathy", "therapy"]
    assert meta["article:section"] == ["Our approach"]
    # No cover image: a card drawn for the post, 1200x630, saying its title.
    [card] = meta["og:image"]
    assert card.startswith(SITE_URL + "_images/") and card.endswith("-card.png")
    with Image.open(site.root / card.removeprefix(SITE_URL)) as drawn:
        assert (drawn.format, drawn.size) == ("PNG", (1200, 630))
    assert meta["og:image:type"] == ["image/png"]
    assert meta["og:image:alt"] == [
        "The title “Understanding Empathy: The Heartbeat of Mental Health Treatment” "
        "on a card of the WNY Psychiatry & Counseling Associates Blog"
    ]
    assert meta["og:image:width"] == ["1200"] and meta["og:image:height"] == ["630"]
    assert entry.image == card


def test_a_cover_image_is_the_posts_preview(edges):
    meta = _meta(edges.page("posts/2026/with-image/"))
    [cover] = meta["og:image"]
    # A JPEG made from the cover (link-preview bots take no AVIF or WebP),
    # with its true size; the writer's file itself is not published.
    assert cover.startswith(EDGES + "_images/lake-") and cover.endswith(".jpg")
    with Image.open(edges.root / cover.removeprefix(EDGES)) as preview:
        assert preview.format == "JPEG"
        assert meta["og:image:width"] == [str(preview.width)]
        assert meta["og:image:height"] == [str(preview.height)]
    assert meta["og:image:type"] == ["image/jpeg"]
    assert meta["og:image:alt"] == ["A quiet lake at dawn"]
    assert not (edges.root / "posts/2026/with-image/lake.png").exists()
    posting = _json_ld(edges.page("posts/2026/with-image/"))[0]
    assert posting["image"]["url"] == cover
    assert read(edges, "blog/feed.json").entries[-1].image == cover


@pytest.mark.parametrize(
    ("name", "url", "authors"),
    [
        ("site", SEED_POST, [("MedicalOrganization", "WNY Psychiatry & Counseling Associates")]),
        (
            "edges",
            "posts/2026/two-authors/",
            [("Person", "Dr. Alice Example"), ("Person", "Bob Sample, LCSW")],
        ),
    ],
)
def test_every_post_carries_a_complete_blogposting(request, name, url, authors):
    site = request.getfixturevalue(name)
    base = SITE_URL if name == "site" else EDGES
    doc = site.page(url)
    [posting] = _json_ld(doc)
    meta = _meta(doc)
    assert posting["@context"] == "https://schema.org"
    assert posting["@type"] == "BlogPosting"
    assert posting["headline"] == text(article(doc).cssselect("h1")[0]).rstrip("#¶")
    assert posting["description"] == meta["og:description"][0]
    assert posting["datePublished"] == meta["article:published_time"][0]
    assert posting["dateModified"] == meta["article:modified_time"][0]
    assert posting["mainEntityOfPage"] == {"@type": "WebPage", "@id": base + url}
    assert [(a["@type"], a["name"]) for a in posting["author"]] == authors
    assert all(a["url"].startswith(base) for a in posting["author"])
    publisher = posting["publisher"]
    assert publisher["@type"] == "MedicalOrganization" and publisher["name"]
    assert publisher["logo"]["@type"] == "ImageObject"
    assert (site.root / publisher["logo"]["url"].removeprefix(base)).is_file()
    assert posting["image"]["url"] == meta["og:image"][0]
    assert posting["keywords"] == meta.get("article:tag", [])
    for link in _urls(posting):
        assert link.startswith("https://"), link  # absolute (the clinic's site may be elsewhere)


def test_home_page_describes_the_website_and_the_blog(site):
    doc = site.page("")
    meta = _meta(doc)
    assert meta["og:type"] == ["website"]
    assert meta["og:title"] == ["WNY Psychiatry & Counseling Associates Blog"]
    assert meta["og:description"][0].startswith("Welcome to the blog of WNY Psychiatry")
    [data] = _json_ld(doc)
    graph = {node["@type"]: node for node in data["@graph"]}
    assert {"WebSite", "Blog", "MedicalOrganization"} <= set(graph)
    assert graph["WebSite"]["url"] == SITE_URL
    blog = graph["Blog"]
    assert blog["name"] and blog["description"] and blog["url"] == SITE_URL
    assert blog["publisher"] == {"@id": graph["MedicalOrganization"]["@id"]}
    assert [p["url"] for p in blog["blogPost"]] == [SITE_URL + SEED_POST]
    for link in _urls(data):
        assert link.startswith(SITE_URL), link


def test_archive_page_describes_its_posts(edges):
    doc = edges.page("blog/tag/sleep/")
    meta = _meta(doc)
    assert meta["og:title"] == ["Posts tagged “sleep”"]
    assert "4 posts" in meta["og:description"][0]
    [data] = _json_ld(doc)
    assert data["@type"] == "CollectionPage" and data["url"] == EDGES + "blog/tag/sleep/"
    listed = [a.get("href") for a in article(doc).cssselect(".postcard-title a")]
    items = data["mainEntity"]["itemListElement"]
    assert [i["position"] for i in items] == [1, 2, 3, 4]
    assert [i["url"] for i in items] == [urljoin(EDGES + "blog/tag/sleep/", h) for h in listed]


def test_json_ld_cannot_end_its_script_element():
    hostile = {"headline": "</script><script>alert(1)</script><!-- & -->"}
    written = json_ld(hostile)
    assert "<" not in written and ">" not in written and "&" not in written
    assert json.loads(written) == hostile


def test_pages_without_a_reader_facing_address_say_nothing_to_search_engines(site):
    not_found = (site.root / "404.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in not_found and "og:" not in not_found
    assert '<meta name="robots" content="noindex">' in not_found
