"""sitemap.xml lists exactly the published pages, dated by their content;
robots.txt points to it."""

import subprocess
from datetime import datetime
from urllib.parse import urljoin

import pytest
from lxml import etree, html

from helpers import REPO, SITE_URL

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITES = {"site": SITE_URL, "edges": "https://example.org/clinic/"}


def _sitemap(site) -> list[tuple[str, datetime | None]]:
    root = etree.parse(str(site.root / "sitemap.xml")).getroot()
    assert root.tag == SM + "urlset"
    return [
        (
            u.findtext(SM + "loc"),
            u.findtext(SM + "lastmod") and datetime.fromisoformat(u.findtext(SM + "lastmod")),
        )
        for u in root.findall(SM + "url")
    ]


def _published_pages(site, base) -> set[str]:
    """The pages a reader can land on, from the build output: every page but the
    404 page, search and the old addresses of moved posts (there is no general index)."""
    urls = set()
    for page in site.pages():
        rel = page.relative_to(site.root).as_posix()
        if not rel.endswith("index.html"):
            assert rel == "404.html", rel
            continue
        url = rel.removesuffix("index.html")
        if url == "search/":
            continue
        if html.parse(str(page)).getroot().cssselect('meta[http-equiv="refresh"]'):
            continue
        urls.add(base + url)
    return urls


def _modified(doc) -> datetime:
    return datetime.fromisoformat(
        doc.cssselect('meta[property="article:modified_time"]')[0].get("content")
    )


@pytest.mark.parametrize("name", SITES)
def test_sitemap_lists_every_published_page_once(request, name):
    site, base = request.getfixturevalue(name), SITES[name]
    locs = [loc for loc, _ in _sitemap(site)]
    assert len(locs) == len(set(locs)), "a page listed twice"
    assert locs == sorted(locs)
    assert set(locs) == _published_pages(site, base)
    assert base in locs and base + "blog/" in locs


def test_sitemap_leaves_out_drafts_redirects_search_and_404(site, edges):
    site_locs = {loc for loc, _ in _sitemap(site)}
    moved = "post/understanding-empathy-the-heartbeat-of-mental-health-treatment/"
    assert site.exists(moved) and SITE_URL + moved not in site_locs
    for hidden in ("search/", "genindex/", "404.html", "404/"):
        assert SITE_URL + hidden not in site_locs
    edge_locs = {loc for loc, _ in _sitemap(edges)}
    for draft in ("posts/2026/draft/", "posts/2026/scheduled/", "blog/drafts/"):
        assert "https://example.org/clinic/" + draft not in edge_locs


@pytest.mark.parametrize("name", SITES)
def test_lastmod_comes_from_the_posts(request, name):
    site, base = request.getfixturevalue(name), SITES[name]
    dates = dict(_sitemap(site))
    posts = {}
    for loc, when in dates.items():
        doc = site.page(loc.removeprefix(base))
        if doc.cssselect(".post-byline"):
            posts[loc] = when
            assert when == _modified(doc), loc  # the post's updated time
    assert posts
    archives = 0
    for loc in dates:
        path = loc.removeprefix(base)
        cards = (
            site.page(path).cssselect("article li.postcard .postcard-title a")
            if path.startswith("blog/")
            else []
        )
        if cards:  # an archive: its newest post
            linked = {urljoin(loc, a.get("href")) for a in cards}
            assert linked <= set(posts), loc
            assert dates[loc] == max(posts[post] for post in linked), loc
            archives += 1
    assert archives >= 5
    # The home page lists the latest posts, so it changed when the newest did, at least.
    assert dates[base] >= max(posts.values())


def test_pages_outside_git_have_no_guessed_lastmod(edges):
    dates = dict(_sitemap(edges))
    # The fixture is copied outside any repository: git cannot date get-help.md.
    assert dates["https://example.org/clinic/get-help/"] is None
    newest = max(d for loc, d in dates.items() if "/posts/" in loc)
    assert dates["https://example.org/clinic/"] == newest


def test_lastmod_of_a_page_is_its_last_commit(site):
    stamp = subprocess.run(
        ["git", "log", "-1", "--format=%cI", "--", "docs/about.md"],
        cwd=REPO,
        capture_output=True,
        text=True,
    ).stdout.strip()
    shallow = subprocess.run(
        ["git", "rev-parse", "--is-shallow-repository"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    expected = datetime.fromisoformat(stamp) if stamp and shallow == "false" else None
    assert dict(_sitemap(site))[SITE_URL + "about/"] == expected


@pytest.mark.parametrize("name", SITES)
def test_robots_txt_points_to_the_sitemap(request, name):
    site, base = request.getfixturevalue(name), SITES[name]
    lines = (site.root / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {base}sitemap.xml" in lines
    assert "Disallow: /" not in lines
