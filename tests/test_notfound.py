"""The 404 page, served the way GitHub Pages serves it: for any missing address
under the site's path prefix, at any depth, with working styles, scripts and links."""

import threading
import urllib.error
import urllib.request
from functools import partial
from http.server import ThreadingHTTPServer
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import html

from helpers import SITE_URL, PagesHandler, text

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow


@pytest.fixture
def serve(tmp_path):
    """Serve a built site under its public path prefix on 127.0.0.1; stop after the test."""
    servers = []

    def start(site, public_url):
        prefix = urlsplit(public_url).path.strip("/")
        www = tmp_path / "www"
        mount = www / prefix if prefix else www
        mount.parent.mkdir(parents=True, exist_ok=True)
        if prefix:
            mount.symlink_to(site.root, target_is_directory=True)
        else:
            www = site.root
        handler = type(
            "Handler", (PagesHandler,), {"not_found": (site.root / "404.html").read_bytes()}
        )
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(www)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/{prefix + '/' if prefix else ''}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get_content_type()


@pytest.mark.parametrize(
    ("name", "public_url"), [("site", SITE_URL), ("edges", "https://example.org/clinic/")]
)
@pytest.mark.parametrize(
    "missing", ["posts/2025/missing/deeper/", "no-such-page", "a/b/c/d/e.html"]
)
def test_404_page_works_at_any_depth(request, serve, name, public_url, missing):
    site = request.getfixturevalue(name)
    root = serve(site, public_url)
    page_url = root + missing
    status, body, _ = fetch(page_url)
    assert status == 404
    doc = html.fromstring(body)
    assert text(doc.cssselect("article h1")[0]).startswith("Page not found")

    stylesheets = [link.get("href") for link in doc.cssselect('link[rel="stylesheet"]')]
    scripts = [s.get("src") for s in doc.cssselect("script[src]")]
    assert any("furo.css" in href for href in stylesheets) and any(
        "blog.css" in h for h in stylesheets
    )
    assert any("furo.js" in src for src in scripts)
    references = stylesheets + scripts
    references += [link.get("href") for link in doc.cssselect("link[href]")]
    references += [a.get("href") for a in doc.cssselect("a[href]")]
    references += [f.get("action") for f in doc.cssselect("form[action]")]
    checked = 0
    for ref in sorted(set(references)):
        if ref.startswith(("#", "tel:", "mailto:")):
            continue
        target = urljoin(page_url, ref)
        if urlsplit(target).netloc != urlsplit(root).netloc:
            continue  # another site (Furo's credits): not ours to serve
        status, _, kind = fetch(target)
        assert status == 200, f"{ref} from {missing} -> {target}"
        if ref in stylesheets:
            assert kind == "text/css", ref
        checked += 1
    assert checked >= 15

    # What the page offers: search, the home page and the crisis line.
    form = doc.cssselect("article form.not-found-search")[0]
    assert urljoin(page_url, form.get("action")) == root + "search/"
    assert form.cssselect('input[name="q"]') and form.cssselect("label")
    home = [a for a in doc.cssselect("article a") if text(a) == "Go to the home page"][0]
    assert urljoin(page_url, home.get("href")) == root
    assert doc.cssselect('.announcement a[href="tel:988"]')
    assert doc.cssselect('article a[href="tel:988"]')
