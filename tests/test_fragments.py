"""Feed content is made safe and portable by fragments.feed_html, whatever HTML
reaches it (the writers' checks reject unsafe HTML first; this is the second line)."""

import pytest
from lxml import html

from wnyblog.publish.feed_content import feed_html

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

PAGE = "https://example.org/blog/posts/2026/a-post/"
HOSTILE = """
<h1>Title<a class="headerlink" href="#title">#</a></h1>
<div class="post-byline feed-exclude">By someone</div>
<p id="intro" onclick="steal()" style="color: teal">Kept text
<a href="../other/" onmouseover="x()">a link</a>.</p>
<script>steal()</script><style>body { display: none }</style>
<iframe src="https://tracker.example/"></iframe><object data="x.swf"><param name="a"></object>
<embed src="x.swf"><p>After the embed.</p>
<form action="https://collector.example/"><input name="q"></form>
<p><a href="javascript:steal()">script link</a> <a href="data:text/html,hi">data link</a>
<a href="mailto:care@example.org">mail</a> <a href="tel:988">988</a></p>
<img src="lake.png" srcset="lake.png 1x, javascript:steal() 2x, big/lake.png 3x" alt="A lake">
<svg><a xlink:href="javascript:steal()">svg link</a></svg>
<meta http-equiv="refresh" content="0; url=https://elsewhere.example/"><base href="https://elsewhere.example/">
<p>The end.</p>
"""


def _doc():
    return html.fragment_fromstring(feed_html(HOSTILE, PAGE), create_parent="div")


def test_nothing_that_runs_code_or_loads_a_third_party_survives():
    doc = _doc()
    for tag in ("script", "style", "iframe", "object", "param", "embed", "form", "input", "meta"):
        assert not doc.findall(".//" + tag), tag
    for element in doc.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            assert "javascript" not in value.lower() and not value.startswith("data:"), value
    assert not doc.cssselect("[id]"), "ids clash between entries in a reader"


def test_text_styles_and_links_stay_and_every_url_is_absolute():
    doc = _doc()
    assert doc.cssselect('p[style="color: teal"]')
    text = " ".join(doc.text_content().split())
    for kept in ("Kept text a link.", "After the embed.", "script link", "The end."):
        assert kept in text
    assert "Title" not in text and "By someone" not in text  # the entry has its own title
    hrefs = [a.get("href") for a in doc.iter("a")]
    assert "https://example.org/blog/posts/2026/other/" in hrefs
    assert {"mailto:care@example.org", "tel:988"} <= set(hrefs)
    img = doc.cssselect("img")[0]
    assert img.get("src") == PAGE + "lake.png"
    assert img.get("srcset") == f"{PAGE}lake.png 1x, {PAGE}big/lake.png 3x"


def test_classes_spans_that_only_carried_one_and_indentation_are_left_out():
    body = (
        '<section id="s">\n\n  <p class="lead">A <a class="reference internal" href="../y/">'
        '<span class="std std-doc">link</span></a> and <span style="color: teal">teal</span>.</p>\n'
        '  <div class="highlight"><pre><span></span><span class="k">def</span> '
        '<span class="nf">f</span>():\n    <span class="k">return</span> 1\n</pre></div>\n'
        "</section>"
    )
    assert feed_html(body, PAGE) == (
        '<section>\n<p>A <a href="https://example.org/blog/posts/2026/y/">link</a> and '
        '<span style="color: teal">teal</span>.</p>\n'
        "<div><pre>def f():\n    return 1\n</pre></div>\n</section>"
    )
