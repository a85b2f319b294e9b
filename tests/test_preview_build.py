"""A Read the Docs pull-request preview says what it is on every page, keeps
search engines out and points them at the real blog; a normal build of the
same sources is unchanged by any of it."""

import pytest

from browser import MODES, WIDTHS, Server, axe_violations
from helpers import SITE_URL, assert_same_site, make_html, published

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

BANNER = "Preview of a proposed change — not the published blog."
PREVIEW_PATH = "/en/42/"
# What Read the Docs sets for the build of pull request 42.
PREVIEW_URL = f"https://wnyblog--42.org.readthedocs.build{PREVIEW_PATH}"
PREVIEW_ENV = {
    "READTHEDOCS": "True",
    "READTHEDOCS_VERSION": "42",
    "READTHEDOCS_VERSION_TYPE": "external",
    "READTHEDOCS_CANONICAL_URL": PREVIEW_URL,
}
POST = "posts/2026/understanding-empathy-the-heartbeat-of-mental-health-treatment/"
BANNER_HTML = f'<p class="draft-banner preview-banner" role="note">{BANNER}</p>'
NOINDEX = '<meta name="robots" content="noindex">'
# Pages that are never indexed, preview or not.
NOT_INDEXED = {
    "404.html",
    "post/understanding-empathy-the-heartbeat-of-mental-health-treatment/",  # a redirect
}


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    return make_html(tmp_path_factory.mktemp("preview"), PREVIEW_ENV)


def html_pages(site) -> list[str]:
    return [site.url_path(page) or "index.html" for page in site.pages()]


def head_meta(doc, name: str) -> list[str]:
    return [m.get("content") for m in doc.cssselect(f'head meta[name="{name}"]')]


def test_every_preview_page_says_so_and_is_not_indexed(preview):
    pages = html_pages(preview)
    assert len(pages) > 15
    for url in pages:
        doc = preview.page("" if url == "index.html" else url)
        banners = doc.cssselect(".preview-banner")
        assert len(banners) == 1, url
        assert banners[0].text_content() == BANNER
        assert banners[0].get("role") == "note"
        # First in the page's reading order: before the crisis line and the article.
        first = doc.cssselect(".announcement-content > *, main > *")[0]
        assert first is banners[0], url
        assert head_meta(doc, "robots") == ["noindex"], url


def test_preview_links_point_to_the_real_blog(site, preview):
    for url in html_pages(site):
        if url == "404.html":
            continue
        normal, proposed = (s.page("" if url == "index.html" else url) for s in (site, preview))
        for selector, attribute in (
            ('link[rel="canonical"]', "href"),
            ('meta[property="og:url"]', "content"),
        ):
            found = [e.get(attribute) for e in proposed.cssselect(selector)]
            assert found == [e.get(attribute) for e in normal.cssselect(selector)], url
            assert all(value.startswith(SITE_URL) for value in found), url
    canonical = preview.page(POST).cssselect('link[rel="canonical"]')[0]
    assert canonical.get("href") == SITE_URL + POST


def test_preview_publishes_no_sitemap_or_robots(site, preview):
    assert (site.root / "sitemap.xml").is_file() and (site.root / "robots.txt").is_file()
    assert not (preview.root / "sitemap.xml").exists()
    assert not (preview.root / "robots.txt").exists()


def test_preview_404_page_works_where_the_preview_is_served(preview):
    doc = preview.page("404.html")
    styles = [link.get("href") for link in doc.cssselect('link[rel="stylesheet"]')]
    assert styles and all(href.startswith(PREVIEW_PATH) for href in styles)


def test_normal_build_has_no_trace_of_a_preview(site):
    for url in html_pages(site):
        doc = site.page("" if url == "index.html" else url)
        assert not doc.cssselect(".preview-banner"), url
        robots = head_meta(doc, "robots")
        assert robots == (["noindex"] if url in NOT_INDEXED else []), url


def test_preview_differs_from_the_normal_build_only_by_banner_and_noindex(site, preview):
    """Byte for byte: the same files, each page with only the banner and one
    robots meta added; no sitemap, robots.txt or editor; the 404 page serves under
    the preview's path; .buildinfo records the setting."""
    normal, proposed = published(site.root), published(preview.root)
    # Nor the writers' editor: a preview is not where posts are written.
    editor = {name for name in normal if name.startswith("admin/")}
    assert {"admin/index.html", "admin/config.yml", "admin/vendor/sveltia-cms.js"} <= editor
    assert set(normal) - set(proposed) == {"sitemap.xml", "robots.txt", *editor}
    assert set(proposed) <= set(normal)
    for name, data in proposed.items():
        if name in (".buildinfo", "404.html"):
            continue
        if name.endswith(".html"):
            text = data.decode("utf-8")
            assert text.count(BANNER_HTML) == 1, name
            text = text.replace(BANNER_HTML, "")
            if name.removesuffix("index.html") not in NOT_INDEXED:
                assert text.count(NOINDEX) == 1, name
                text = text.replace(NOINDEX, "")
            data = text.encode("utf-8")
        assert data == normal[name], name


def test_a_normal_build_after_a_preview_in_the_same_folder_is_a_clean_build(site, tmp_path):
    make_html(tmp_path, PREVIEW_ENV)
    rebuilt = make_html(tmp_path)
    assert_same_site(rebuilt.root, site.root)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_banner_is_seen_first_and_accessible(preview, new_page, width, mode):
    server = Server(preview.root, PREVIEW_URL)
    try:
        page = new_page(width=width, mode=mode, theme=mode)
        for url in ("", POST, "blog/", "404.html"):
            page.goto(server.url(url))
            banner = page.locator(".preview-banner")
            assert banner.is_visible(), url
            box = banner.bounding_box()
            assert box["y"] < 60 and box["width"] > width / 2, (url, box)
            assert axe_violations(page) == [], url
    finally:
        server.close()
