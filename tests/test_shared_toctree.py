"""The navigation tree rendered once for the pages outside it (speed/shared_toctree.py):
each page still gets its own links and its own "current" entry."""

import pytest
from lxml import html

# Reads a whole built site.
pytestmark = pytest.mark.slow


def _tree(page):
    return page.cssselect(".sidebar-tree")[0]


def test_a_page_in_the_tree_marks_itself_and_others_do_not(site):
    about = _tree(site.page("about/"))
    [current] = about.cssselect("li.current-page")
    assert current.text_content().strip() == "About this blog"
    assert current.cssselect("a")[0].get("href") == "#"
    for url in ("get-help/", "privacy/"):
        [mine] = _tree(site.page(url)).cssselect("li.current-page a")
        assert mine.get("href") == "#"
    for page in site.root.glob("posts/*/*/index.html"):
        tree = _tree(html.parse(str(page)).getroot())
        assert not tree.cssselect(".current"), page


def test_every_page_links_the_tree_from_where_it_stands(site):
    # One folder deep, three, and the home page: each links the same pages.
    seen, pages = set(), 0
    for page in site.pages():
        if page.name == "404.html":
            continue  # absolute links, test_notfound.py
        trees = html.parse(str(page)).getroot().cssselect(".sidebar-tree")
        if not trees:
            continue  # a redirect page
        tree, folder = trees[0], page.parent
        pages += 1
        for link in tree.cssselect("a[href]"):
            href = link.get("href")
            if href == "#":
                continue
            target = (folder / href).resolve()
            assert (target / "index.html").is_file(), f"{page}: {href}"
            seen.add(target)
    assert len(seen) >= 4 and pages > 15
