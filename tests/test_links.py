"""Every internal link, image and anchor in the built site points at something."""

from functools import cache

import pytest
from lxml import html

from helpers import resolve

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow


def test_no_internal_link_or_anchor_is_broken(site):
    @cache
    def ids(path: str) -> frozenset:
        doc = html.parse(str(site.root / path)).getroot()
        return frozenset(doc.xpath("//@id") + doc.xpath("//a/@name"))

    broken = []
    checked = 0
    for page in site.pages():
        if page.name == "404.html":
            continue  # links under the public path prefix: test_notfound follows them over HTTP
        doc = html.parse(str(page)).getroot()
        for element, attribute in (
            ("a", "href"),
            ("link", "href"),
            ("img", "src"),
            ("script", "src"),
            ("form", "action"),
        ):
            for node in doc.iter(element):
                ref = node.get(attribute)
                if ref is None or ref.startswith(("tel:", "mailto:")):
                    continue
                target = resolve(site, page, ref)
                if target is None:
                    continue  # another site: not ours to check offline
                path, fragment = target
                file = site.root / path
                if path == "" or path.endswith("/"):
                    file = file / "index.html"
                checked += 1
                if not file.is_file():
                    broken.append(f"{site.url_path(page)}: {ref}")
                elif (
                    fragment
                    and file.suffix == ".html"
                    and fragment not in ids(str(file.relative_to(site.root)))
                ):
                    broken.append(f"{site.url_path(page)}: {ref} (no such anchor)")
    assert checked > 500
    assert broken == []


def test_archive_links_of_every_post_resolve(site):
    for page in site.root.glob("posts/*/*/index.html"):
        doc = html.parse(str(page)).getroot()
        for link in doc.cssselect(".post-byline a"):
            path, _ = resolve(site, page, link.get("href"))
            assert site.exists(path), link.get("href")
