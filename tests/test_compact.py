"""Pages carry no indentation and no icons a reader never sees (wnyblog.publish.compact),
and nothing a reader sees or runs changes: text, code, scripts, drawn icons."""

import re

import pytest

from feedreader import FILES, read
from helpers import text
from wnyblog.publish.compact import compact

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

# What a browser shows as written, or runs: left out of the whitespace checks.
VERBATIM = re.compile(r"<(pre|textarea|script)\b.*?</\1>", re.DOTALL)
THEME_ICONS = {"#svg-sun", "#svg-moon", "#svg-sun-with-moon", "#svg-moon-with-sun", "#svg-menu"}


def test_whitespace_over_lines_becomes_one_line_break_and_spaces_on_a_line_stay():
    page = "<ul>\n    <li>One</li>\n\n    <li>Two  words,\n   one\u00a0line</li>\n</ul>\n"
    assert compact(page) == "<ul>\n<li>One</li>\n<li>Two  words,\none\u00a0line</li>\n</ul>\n"


def test_code_text_areas_and_scripts_stay_exactly_as_written():
    kept = (
        '<pre class="x">def f():\n    return 1\n\n</pre>\n'
        "<textarea>\n  typed\n</textarea>\n"
        '<script>\n      document.body.dataset.theme = "auto";\n    </script>\n'
    )
    assert compact(kept) == kept


def test_a_tag_loses_its_indentation_but_never_a_quoted_value():
    tag = '<svg viewBox="0 0 24 24"\n      class="icon"><title>T</title></svg>'
    assert compact(tag) == '<svg viewBox="0 0 24 24" class="icon"><title>T</title></svg>'
    value = '<img alt="Line one\n   line two" title=\'a\n  b\'\n  src="x.png">'
    assert compact(value) == '<img alt="Line one\n   line two" title=\'a\n  b\' src="x.png">'


def test_icons_nothing_on_the_page_draws_are_dropped():
    page = (
        '<svg style="display: none;">\n  <symbol id="svg-used"><path d="M0"/></symbol>\n'
        '  <symbol id="svg-unused"><path d="M1"/></symbol>\n</svg>\n'
        '<button><svg><use href="#svg-used"></use></svg></button>'
    )
    assert compact(page) == (
        '<svg style="display: none;">\n<symbol id="svg-used"><path d="M0"/></symbol>\n'
        '</svg>\n<button><svg><use href="#svg-used"></use></svg></button>'
    )


def test_a_fragment_compacts_as_it_does_inside_its_page_and_twice_changes_nothing():
    # Incremental builds put a freshly rendered sidebar into pages written before.
    nav = '<nav class="sidebar-blog">\n  <ul>\n    <li><a href="#">A</a></li>\n  </ul>\n</nav>'
    page = "<div>\n  <p>Before</p>" + nav + "\n  </div>"
    assert compact(nav) in compact(page)
    assert compact(compact(page)) == compact(page)


def _pages(site):
    for path in site.pages():
        yield path, path.read_text(encoding="utf-8"), site.page(site.url_path(path))


def test_every_icon_a_page_draws_is_in_it_and_no_other(site, reader):
    for built in (site, reader):
        for path, _, doc in _pages(built):
            drawn = {use.get("href") for use in doc.iter("use")}
            symbols = {"#" + symbol.get("id") for symbol in doc.iter("symbol")}
            assert drawn == symbols, path
            if doc.cssselect("button.theme-toggle"):
                assert symbols >= THEME_ICONS, path


def test_pages_have_no_indentation_or_blank_lines_outside_code(site, reader):
    for built in (site, reader):
        for path, source, _ in _pages(built):
            rest = VERBATIM.sub("<kept>", source)
            assert not re.search(r"\n[ \t]|[ \t]\n|\n\n", rest), path


def test_code_keeps_its_indentation_in_the_page_and_in_every_feed(feeds_root):
    code = 'def rest():\n    return "sleep"\n'
    page = feeds_root.page("posts/2026/raw-html/")
    assert [pre.text_content() for pre in page.cssselect("article pre")] == [code]
    for fmt_file in FILES:
        entry = read(feeds_root, "blog/" + fmt_file).entries[0]
        assert entry.title == "Raw HTML in a post"
        assert code in entry.content, fmt_file
        assert "A code sample keeps its indentation" in text(page.cssselect("article")[0])
