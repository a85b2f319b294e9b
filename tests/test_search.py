"""The site's search (Pagefind, publish/search_index.py): what is indexed and
what is not, the search page with and without JavaScript, its policy, and in
Chromium: the sidebar box, filters, excerpts, the crisis page first, the
result count said to screen readers, axe and the Nu checker on the page with
results, and the bytes one search costs on a generated blog."""

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import corpus
import pytest
import search_bytes

from browser import MODES, WIDTHS, Server, axe_violations
from helpers import SITE_URL, frontend_build, resolve, text
from test_privacy import FURO_BASE, INLINE_SCRIPT, policy_of, sha256
from test_site import SEED_POST
from test_valid_html import nu_errors

RESULT = ".pagefind-ui__result"
# The byline's, the crisis banner's and the print line's own words.
NOT_THE_POST = ("Online at", "Moved here", "min read", "By WNY", "Category:", "Tags:", "In crisis?")
SITE_PAGES = {"about/", "get-help/", "privacy/", "accessibility/", "editorial-policy/"}
SPHINX_SEARCH = ("searchindex.js", "searchtools.js", "language_data.js", "sphinx_highlight.js")
CRISIS_WORDS = ("suicide", "988", "crisis", "self-harm")
# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow


def _results(page, timeout: int = 60_000) -> list[dict]:
    """The results shown once the search has answered: title, link and excerpt."""
    page.wait_for_selector(RESULT, timeout=timeout)
    # A result shows a placeholder until its fragment has loaded.
    page.wait_for_function(
        f"""() => [...document.querySelectorAll("{RESULT}")]
            .every(r => r.querySelector(".pagefind-ui__result-link"))""",
        timeout=timeout,
    )
    return page.eval_on_selector_all(
        RESULT,
        """items => items.map(item => ({
            title: item.querySelector(".pagefind-ui__result-link").textContent.trim(),
            href: item.querySelector(".pagefind-ui__result-link").getAttribute("href"),
            excerpt: item.querySelector(".pagefind-ui__result-excerpt")?.innerHTML ?? "",
            text: item.innerText,
        }))""",
    )


def _all_results(page) -> list[dict]:
    """Every result, pressing "Load more results" until there are no more."""
    shown = _results(page)
    while page.locator(".pagefind-ui__button").count():
        page.click(".pagefind-ui__button")
        page.wait_for_function(
            f"n => document.querySelectorAll('{RESULT}').length > n", arg=len(shown)
        )
        shown = _results(page)
    return shown


# -- The built pages -------------------------------------------------------------------------------


def test_sphinx_search_is_gone_from_every_page(site):
    for name in SPHINX_SEARCH:
        assert not list(site.root.rglob(name)), name
    assert not list(site.root.rglob("search-excerpt.js"))
    for path in site.pages():
        scripts = [s.get("src") or "" for s in site.page(site.url_path(path)).iter("script")]
        assert not [s for s in scripts for name in SPHINX_SEARCH if name in s], path


def test_the_search_page_has_a_description_and_a_preview_title(site):
    doc = site.page("search/")
    meta = {
        (m.get("name") or m.get("property")): m.get("content") for m in doc.cssselect("head meta")
    }
    assert meta["og:title"] == "Search"
    assert meta["description"] == (
        "Search the posts and pages of the WNY Psychiatry & Counseling Associates Blog."
    )
    assert meta["og:url"] == SITE_URL + "search/"
    # Results are drawn in the browser: a crawler finds the form and the
    # archives' links, worth indexing (Lighthouse's SEO audit asks for it).
    assert "robots" not in meta


def test_the_search_page_runs_only_files_of_the_site(site):
    doc = site.page("search/")
    furo_script = INLINE_SCRIPT.findall(FURO_BASE.read_text(encoding="utf-8"))
    for script in doc.iter("script"):
        if script.get("type") == "application/ld+json":
            continue
        if script.get("src") is None:
            assert script.text in furo_script  # Furo's theme script, allowed by its hash
            continue
        assert resolve(site, site.root / "search" / "index.html", script.get("src")) is not None
    sources = [s.get("src") for s in doc.iter("script") if s.get("src")]
    assert "../pagefind/pagefind-ui.js" in sources and "../_static/search.js" in sources
    assert (site.root / "pagefind" / "pagefind-ui.js").is_file()
    assert (site.root / "_static" / "search.js").is_file()


def test_without_javascript_the_search_page_says_so_and_links_to_the_archives(site):
    doc = site.page("search/")
    notes = doc.cssselect("noscript")
    assert len(notes) == 1
    # lxml reads <noscript> as a browser with scripts off shows it.
    said = text(notes[0])
    assert "Search needs JavaScript" in said
    links = {a.text_content(): a.get("href") for a in notes[0].iter("a")}
    assert links == {"tag": "../blog/tag/", "year": "../blog/archive/"}
    assert site.exists("blog/tag/") and site.exists("blog/archive/")


def test_only_the_search_page_allows_webassembly(site):
    furo_hash = sha256(INLINE_SCRIPT.findall(FURO_BASE.read_text(encoding="utf-8"))[0])
    # Every other page keeps the policy it had before search came.
    before = (
        f"default-src 'self'; script-src 'self' {furo_hash}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-src 'none'"
    )
    checked = 0
    for path in site.pages():
        url = site.url_path(path)
        meta = site.page(url).cssselect('meta[http-equiv="Content-Security-Policy"]')[0]
        if url == "search/":
            search = policy_of(site.page(url))
            assert search["script-src"] == ["'self'", furo_hash, "'wasm-unsafe-eval'"]
            assert meta.get("content") == before.replace(
                furo_hash, furo_hash + " 'wasm-unsafe-eval'"
            )
        else:
            assert meta.get("content") == before, url
            checked += 1
    assert checked >= 18


def test_only_posts_and_the_pages_beside_the_blog_are_indexed(site):
    indexed = set()
    for path in site.pages():
        url = site.url_path(path)
        bodies = site.page(url).cssselect("[data-pagefind-body]")
        assert len(bodies) <= 1, url
        if bodies:
            indexed.add(url)
    assert indexed == {SEED_POST, *SITE_PAGES}
    entry = json.loads((site.root / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == len(indexed)


def test_a_posts_index_holds_its_own_text_and_its_filters(site):
    doc = site.page(SEED_POST)
    body = doc.cssselect("[data-pagefind-body]")[0]
    # The byline (with the print line) is inside, marked to be ignored;
    # the crisis banner, related posts and the sidebar are outside.
    byline = body.cssselect(".post-byline")[0]
    assert byline.get("data-pagefind-ignore") is not None
    assert "Online at" in text(byline.cssselect(".post-print-url")[0])
    assert not body.cssselect(".crisis-line, .related-posts, .sidebar-drawer")
    assert "In the realm of mental health treatment" in text(body)
    filters = {
        (s.get("data-pagefind-filter").split("[")[0], s.get("data-value"))
        for s in body.cssselect("[data-pagefind-filter]")
    }
    assert filters == {
        ("tag", "empathy"),
        ("tag", "therapy"),
        ("category", "Our approach"),
        ("author", "WNY Psychiatry & Counseling Associates"),
        ("year", "2026"),
    }
    meta = {
        s.get("data-pagefind-meta").split("[")[0]: s.get("data-value")
        for s in body.cssselect("[data-pagefind-meta]")
    }
    assert meta == {"date": "25 November 2026"}
    # The description is the page's own <meta name="description">, marked for the index.
    [described] = site.page(SEED_POST).cssselect("head meta[data-pagefind-meta]")
    assert described.get("data-pagefind-meta") == "description[content]"
    assert described.get("content").startswith("In the realm of mental health treatment")
    help_body = site.page("get-help/").cssselect("[data-pagefind-body]")[0]
    assert help_body.get("data-pagefind-weight") == "10"


def test_tag_and_author_pages_link_to_the_search_with_their_filter(site):
    for url, kind, value in (
        ("blog/tag/empathy/", "tag", "empathy"),
        ("blog/author/clinic/", "author", "WNY Psychiatry & Counseling Associates"),
    ):
        links = site.page(url).cssselect("p.archive-search a")
        assert len(links) == 1, url
        href = links[0].get("href")
        assert href.startswith("../../../search/?"), href
        assert parse_qs(urlsplit(href).query) == {kind: [value]}


# -- In Chromium, on the real site -----------------------------------------------------------------


def test_the_sidebar_box_on_any_page_leads_to_results(site_server, new_page):
    page = new_page(width=1280)
    for url in (SEED_POST, "about/", "blog/tag/empathy/"):
        page.goto(site_server.url(url))
        page.fill(".sidebar-search", "empathy clinicians")
        page.keyboard.press("Enter")
        found = _results(page)
        assert urlsplit(page.url).path.endswith("/search/")
        assert parse_qs(urlsplit(page.url).query)["q"] == ["empathy clinicians"]
        assert found[0]["title"].startswith("Understanding Empathy"), found
        assert page.input_value(".pagefind-ui__search-input") == "empathy clinicians"


@pytest.mark.parametrize("word", ["realm", "healing", "empathy"])
def test_excerpts_quote_the_post_and_mark_the_word(site_server, new_page, word):
    page = new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(site_server.url("search/?q=" + word))
    post = [r for r in _results(page) if r["title"].startswith("Understanding Empathy")]
    assert post, word
    excerpt = post[0]["excerpt"]
    assert f"<mark>{word}" in excerpt.lower(), excerpt
    for foreign in NOT_THE_POST:
        assert foreign not in excerpt, excerpt
    assert "https://" not in excerpt
    # The result shows the post's date and description, and leads to the post.
    assert "25 November 2026" in post[0]["text"]
    assert "In the realm of mental health treatment" in post[0]["text"]
    assert post[0]["href"].startswith("/blog/posts/2026/understanding-empathy")
    assert errors == []


def test_the_result_count_is_said_and_no_result_leads_to_get_help(site_server, new_page):
    page = new_page()
    page.goto(site_server.url("search/?q=empathy"))
    _results(page)
    page.wait_for_function("() => document.getElementById('blog-search-status').textContent")
    status = page.locator("#blog-search-status")
    assert status.get_attribute("role") == "status"
    assert status.text_content().endswith("for empathy") and "result" in status.text_content()
    assert page.locator("#blog-search-none").is_hidden()
    page.goto(site_server.url("search/?q=zyzzogeton"))
    page.wait_for_selector("#blog-search-none", state="visible", timeout=60_000)
    assert page.locator(RESULT).count() == 0
    assert status.text_content() == "No results for zyzzogeton"
    link = page.locator("#blog-search-none a", has_text="get help now")
    assert link.get_attribute("href") == "../get-help/"


def test_without_javascript_the_page_says_search_needs_it(site_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server.url("search/?q=empathy"))
    shown = page.inner_text("main, article, body")
    context.close()
    assert "Search needs JavaScript" in shown


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_search_page_with_results_and_filters_has_no_axe_violations(
    site_server, new_page, width, mode
):
    page = new_page(width=width, mode=mode, theme=mode)
    page.goto(site_server.url("search/?q=empathy&tag=empathy"))
    _results(page)
    # The filters load after the first results: wait for them before opening
    # every group, as a reader choosing one sees them.
    page.wait_for_function(
        "() => document.querySelectorAll('.pagefind-ui__filter-checkbox').length > 0",
        timeout=60_000,
    )
    for group in page.locator(".pagefind-ui__filter-name").all():
        group.click()
    assert axe_violations(page) == []


def test_the_search_page_with_results_is_valid_html(site_server, new_page, tmp_path):
    page = new_page()
    page.goto(site_server.url("search/?q=empathy"))
    _results(page)
    (tmp_path / "search.html").write_text("<!DOCTYPE html>\n" + page.content().split(">", 1)[1])
    assert nu_errors(tmp_path) == []


# -- On a generated blog, served under /blog/ ------------------------------------------------------

CRISIS_POST = """---
date: {date}
author: clinic
category: {category}
tags: [stress]
---
# {title}

{words}

```{{crisis-resources}}
```
"""


@pytest.fixture(scope="module")
def search_blog(tmp_path_factory):
    """A generated blog of 60 posts, two of them about suicide and self-harm
    (their titles and text say so, again and again), built with `make html`'s
    front end and served under /blog/."""
    root = tmp_path_factory.mktemp("search-blog")
    posts = corpus.write_site(root / "site", 60)
    for number, title in enumerate(
        ("Suicide and self-harm: talking about a crisis", "After a suicide: 988 and other help")
    ):
        folder = root / "site" / "docs" / "posts" / "2025" / f"crisis-{number}"
        folder.mkdir(parents=True)
        words = " ".join(["Suicide, self-harm, crisis and 988 are words we say here."] * 12)
        (folder / "index.md").write_text(
            CRISIS_POST.format(
                date=corpus.TODAY.isoformat(),
                category=corpus.CATEGORIES[0],
                title=title,
                words=words,
            ),
            encoding="utf-8",
        )
    frontend_build(root / "site", root / "out", today=corpus.TODAY.isoformat())
    site_root = root / "out" / "html"
    server = Server(site_root, "https://example.org/blog/")
    yield site_root, posts, server
    server.close()


@pytest.mark.parametrize("word", CRISIS_WORDS)
def test_the_crisis_page_comes_first(search_blog, new_page, word):
    _, _, server = search_blog
    page = new_page(width=390)
    page.goto(server.url("search/?q=" + word))
    found = _results(page)
    assert len(found) >= 2, found  # the posts about it are found too
    assert found[0]["href"] == "/blog/get-help/", [r["title"] for r in found]


def _archive_posts(site_root: Path, first_page: str) -> set[str]:
    """The posts listed on every page of an archive, following its pager."""
    from lxml import html

    found, todo, seen = set(), [first_page], set()
    while todo:
        url = todo.pop()
        seen.add(url)
        doc = html.parse(str(site_root / url / "index.html")).getroot()
        doc.make_links_absolute("https://example.org/blog/" + url)
        for link in doc.cssselect(
            ".blog-archive .post-title a, .blog-archive h2 a, .blog-archive h3 a"
        ):
            found.add(urlsplit(link.get("href")).path)
        for link in doc.cssselect("nav.pager a"):
            target = urlsplit(link.get("href")).path.removeprefix("/blog/")
            if target not in seen:
                todo.append(target)
    return found


def test_a_tag_filter_narrows_the_results_to_that_tags_posts(search_blog, new_page):
    site_root, posts, server = search_blog
    tag = "sleep"
    tagged = _archive_posts(site_root, f"blog/tag/{tag}/")
    assert len(tagged) == len([p for p in posts if tag in p.tags]) > 10  # several pages
    page = new_page(width=1280)
    # Every generated post says "care" somewhere; the crisis posts do not.
    page.goto(server.url("search/?q=care"))
    everything = {r["href"] for r in _all_results(page)}
    assert everything > tagged
    # The tag's page links here with its filter set.
    page.goto(server.url(f"blog/tag/{tag}/"))
    page.click("p.archive-search a")
    page.fill(".pagefind-ui__search-input", "care")
    filtered = _all_results(page)
    assert {r["href"] for r in filtered} == tagged
    # The filter is a checkbox a keyboard reaches: unticking it widens the search.
    page.locator(".pagefind-ui__filter-name", has_text="Tag").click()
    box = page.locator(f'.pagefind-ui__filter-checkbox[id$="{tag}"], input[value="{tag}"]').first
    box.focus()
    assert box.is_checked()
    page.keyboard.press("Space")
    page.wait_for_function(
        "n => document.querySelector('.pagefind-ui__message').textContent.startsWith(String(n))",
        arg=len(everything),
    )


def test_a_search_costs_less_than_300_kb_on_the_wire(search_blog, browser, record_property):
    site_root, _, _ = search_blog
    for found in search_bytes.measure(site_root, browser=browser):
        record_property(f"search {found.words}", f"{found.wire} bytes, {found.results} results")
        assert found.results > 0, found.words
        assert found.wire <= search_bytes.BUDGET, (found.words, found.wire, found.files)
