"""Private and locked down: nothing loads from another site, nothing is kept
in the browser but the theme choice, and a Content-Security-Policy stops
script a post should never have carried."""

import base64
import hashlib
import re
from pathlib import Path

import furo
import pytest

from helpers import text
from test_site import PAGES, SEED_POST
from wnyblog.publish import csp as security

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

# Every page type a reader can reach, the 404 page (served for a missing address) included.
NOT_FOUND = "posts/2025/missing/deeper/"
BROWSED = [*PAGES, "search/?q=empathy", NOT_FOUND]
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
FURO_BASE = Path(furo.__file__).parent / "theme" / "furo" / "base.html"


def sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def policy_of(doc) -> dict[str, list[str]]:
    meta = doc.cssselect('meta[http-equiv="Content-Security-Policy"]')
    assert len(meta) == 1
    directives = [d.split() for d in meta[0].get("content").split(";")]
    return {d[0]: d[1:] for d in directives if d}


def wait_for_search_results(page) -> None:
    page.wait_for_selector(".pagefind-ui__result a", timeout=60_000)


def all_pages(site):
    return [site.url_path(p) for p in site.pages()]


def test_every_page_starts_with_the_policy_and_referrer_rule(site, reader):
    for built in (site, reader):
        for url in all_pages(built):
            head = built.page(url).find("head")
            first = [el for el in head if isinstance(el.tag, str)][:2]
            assert first[0].get("http-equiv") == "Content-Security-Policy", url
            assert (first[1].get("name"), first[1].get("content")) == ("referrer", "same-origin")
            assert not head.cssselect("script") or head.index(head.cssselect("script")[0]) > 1


def test_policy_allows_scripts_only_from_the_site_and_furos_theme_script(site):
    policy = policy_of(site.page(SEED_POST))
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-src"] == ["'none'"]
    script_src = policy["script-src"]
    assert script_src[0] == "'self'"
    assert all(s.startswith("'sha256-") for s in script_src[1:]) and len(script_src) == 2
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    for directive, sources in policy.items():
        assert not [s for s in sources if "://" in s or s in ("*", "http:", "https:")], directive


def test_the_hash_is_furos_template_script_and_matches_every_page(site, reader):
    template_scripts = INLINE_SCRIPT.findall(FURO_BASE.read_text(encoding="utf-8"))
    assert len(template_scripts) == 1
    expected = sha256(template_scripts[0])
    for built in (site, reader):
        for path in built.pages():
            url = built.url_path(path)
            # The search page also compiles Pagefind's WebAssembly (test_search.py).
            wasm = ["'wasm-unsafe-eval'"] if url == "search/" else []
            assert policy_of(built.page(url))["script-src"][1:] == [expected, *wasm]
            inline = [sha256(s) for s in INLINE_SCRIPT.findall(path.read_text(encoding="utf-8"))]
            if "post/" in path.as_posix():
                assert inline == [], "a moved post's address runs nothing"
            elif path.parent.name == "injected":
                assert inline[0] == expected and inline[1] != expected
            else:
                assert inline == [expected], path


class _Loader:
    """Stands in for Sphinx's template loader with one base.html."""

    environment = None

    def __init__(self, source):
        self.source = source

    def get_source(self, environment, name):
        assert name == "base.html"
        return self.source, "furo/base.html", lambda: True


class _App:
    def __init__(self, source):
        self.builder = type("Builder", (), {"templates": _Loader(source)})()


def test_the_hash_follows_the_template_not_the_pages():
    first = _App("<body><script>\n  one();\n</script></body>")
    second = _App("<body><script>two();</script></body>")
    assert security.script_hash(security.inline_scripts(first)[0]) == sha256("\n  one();\n")
    assert security.policy(first) != security.policy(second)
    assert sha256("two();") in security.policy(second)


def test_a_template_script_with_template_code_cannot_be_hashed():
    with pytest.raises(Exception, match="template code"):
        security.inline_scripts(_App("<script>var x = {{ value }};</script>"))
    with pytest.raises(Exception, match="no inline theme script"):
        security.inline_scripts(_App("<body></body>"))


def test_no_request_leaves_the_site_and_nothing_is_kept_but_the_theme(
    site_server, reader_server, new_page
):
    page = new_page(width=1280)
    requests = []
    page.context.on("request", lambda request: requests.append(request.url))
    for server, urls in (
        (site_server, BROWSED),
        (reader_server, ["", "blog/tag/sleep/page/2/", "posts/2026/with-cover/"]),
    ):
        for url in urls:
            page.goto(server.url(url), wait_until="networkidle")
            if "search/" in url:
                wait_for_search_results(page)
                page.wait_for_load_state("networkidle")
        page.locator(".theme-toggle:visible").first.click()
        storage = page.evaluate(
            "() => ({local: Object.keys(localStorage), session: Object.keys(sessionStorage),"
            " cookie: document.cookie})"
        )
        assert storage == {"local": ["theme"], "session": [], "cookie": ""}
    assert page.context.cookies() == []
    ours = [u for u in requests if site_server.is_own(u) or reader_server.is_own(u)]
    print(f"requests recorded: {len(requests)}, to the site itself: {len(ours)}")
    assert len(ours) > 100, "the recorder saw the pages, styles, scripts and search"
    assert [u for u in requests if u not in ours] == []


def test_searching_keeps_no_search_words_in_the_browser(site_server, new_page):
    page = new_page()
    page.goto(site_server.url("search/"))
    page.fill(".sidebar-search", "empathy")
    page.keyboard.press("Enter")
    wait_for_search_results(page)
    assert "Understanding Empathy" in page.inner_text("#blog-search")
    assert page.evaluate("() => Object.keys(localStorage)") == []
    page.click(".pagefind-ui__result a")
    page.wait_for_load_state()
    assert page.evaluate("() => Object.keys(localStorage)") == []


VIOLATIONS = """() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(
        {directive: e.effectiveDirective, blocked: e.blockedURI, line: e.lineNumber}));
}"""


def test_the_policy_blocks_injected_script_while_theme_and_search_work(reader_server, new_page):
    page = new_page(width=1280, theme="dark")
    page.context.add_init_script(f"({VIOLATIONS})()")
    page.goto(reader_server.url("injected/"))
    # Furo's inline script, allowed by its hash, applied the saved theme.
    assert page.evaluate("document.body.dataset.theme") == "dark"
    page.click("#injected-button")
    page.wait_for_function("() => window.__violations.length >= 2")
    assert page.evaluate("window.injectedScriptRan") is None
    assert page.evaluate("window.injectedClickRan") is None
    assert page.title() != "INJECTED"
    violations = page.evaluate("window.__violations")
    assert sorted(v["directive"] for v in violations) == ["script-src-attr", "script-src-elem"]
    assert {v["blocked"] for v in violations} == {"inline"}

    page.locator(".theme-toggle:visible").first.click()
    assert page.evaluate("document.body.dataset.theme") != "dark"
    assert page.evaluate("window.__violations.length") == 2, "the theme toggle broke no rule"
    page.fill(".sidebar-search", "cover")
    page.keyboard.press("Enter")
    wait_for_search_results(page)
    assert "A post with a cover" in page.locator(".pagefind-ui__result a").all_inner_texts()
    assert page.evaluate("window.__violations") == [], "the search page broke no rule"


def test_a_post_page_with_its_styles_and_scripts_weighs_at_most_150_kb(
    site_server, new_page, record_property
):
    page = new_page(width=1280)
    sizes = {}

    def measure(response):
        if response.request.resource_type not in ("image", "media", "font"):
            sizes[response.url] = len(response.body())

    page.on("response", measure)
    page.goto(site_server.url(SEED_POST), wait_until="networkidle")
    total = sum(sizes.values())
    record_property("post_page_bytes", total)
    print(f"post page weight: {total} bytes in {len(sizes)} files")
    kinds = {re.sub(r"\?.*", "", u).rsplit(".", 1)[-1] for u in sizes}
    assert {"css", "js"} <= kinds and any(u.endswith("/") for u in sizes)
    assert total <= 150_000, sorted(sizes.items(), key=lambda kv: -kv[1])


def test_referrer_rule_and_policy_are_on_moved_post_addresses(site):
    doc = site.page("post/understanding-empathy-the-heartbeat-of-mental-health-treatment/")
    assert policy_of(doc)["default-src"] == ["'self'"]
    assert doc.cssselect('meta[name="referrer"]')[0].get("content") == "same-origin"
    assert "moved" in text(doc.cssselect("h1")[0])


def test_a_formula_is_shown_as_text_without_a_script_from_another_site(tmp_path):
    """Sphinx would load MathJax from a CDN for a page with math; the blog shows
    the formula's source instead and the page loads nothing from elsewhere."""
    from lxml import html as lxml_html

    from helpers import repo_layout, sphinx_in_layout

    site = repo_layout("check", tmp_path)
    folder = site / "docs" / "posts" / "2026" / "numbers"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(
        "---\ndate: 2026-01-05\n---\n# Sleep in numbers\n\n"
        "Most adults need {math}`7 \\le h \\le 9` hours.\n\n"
        "```{math}\ne = \\frac{a}{b}\n```\n",
        encoding="utf-8",
    )
    result = sphinx_in_layout(site, "_build/html")
    assert result.returncode == 0, result.stdout + result.stderr
    page = site / "_build" / "html" / "posts" / "2026" / "numbers" / "index.html"
    doc = lxml_html.parse(str(page)).getroot()
    loaded = [e.get("src") for e in doc.iter("script", "img") if e.get("src")]
    loaded += [e.get("href") for e in doc.cssselect('link[rel="stylesheet"], link[rel="preload"]')]
    assert loaded and not [url for url in loaded if "//" in url]
    assert "mathjax" not in page.read_text(encoding="utf-8").lower()
    assert [text(e) for e in doc.cssselect("code.math")] == ["7 \\le h \\le 9"]
    assert [text(e) for e in doc.cssselect("pre.math")] == ["e = \\frac{a}{b}"]
