"""What a page shows of the blog, filled in as the page is written: the byline
under a post's title, and the fragments directives left (:mod:`.directives`)."""

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from . import address
from .context import blog, render
from .directives import blog_fragment

# What is not the page's own words. The templates of these fragments also
# carry data-pagefind-ignore, which keeps them out of the search index and of
# its excerpts (publish/search_index.py).
NOT_SEARCHED = "no-search"


class blog_html(nodes.General, nodes.Element):
    """HTML the blog renders into a page that is not the page's own words (a
    byline, a list of other posts): search neither indexes it nor quotes it.
    Unlike a raw node with a class, it is written as it is, with no wrapper."""


def visit_blog_html(translator: HTML5Translator, node: blog_html) -> None:
    translator.body.append(node["html"])
    raise nodes.SkipNode


def resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The byline under a post's title; latest-posts lists and other fragments."""
    model = blog(app)
    post = model.by_docname.get(docname)
    if post is not None:
        html = render(
            app, "blog/byline.html", docname, post=post, post_url=address.page_url(app, docname)
        )
        byline = blog_html(html=html, classes=[NOT_SEARCHED])
        section = next(iter(doctree.findall(nodes.section)), None)
        if section is not None and section.children and isinstance(section[0], nodes.title):
            section.insert(1, byline)
        if post.sources:
            # At the article's end, searched and in the feeds like the post's own words.
            html = render(app, "blog/sources.html", docname, sources=post.sources)
            (section if section is not None else doctree).append(nodes.raw("", html, format="html"))
    for node in list(doctree.findall(blog_fragment)):
        count = node.get("count") or app.config.blog_home_posts
        html = render(
            app,
            node["template"],
            docname,
            posts=model.recent(count),
            heading_level=_heading_level(node),
        )
        # Lists of other posts are theirs to be found by; a crisis box or the
        # clinic's phone number is worth finding on every page that has it.
        if node.get("searched", True):
            node.replace_self(nodes.raw("", html, format="html"))
        else:
            node.replace_self(blog_html(html=html, classes=[NOT_SEARCHED]))


def _heading_level(node: nodes.Node) -> int:
    """The level for headings a fragment adds: one below the section it is in,
    so a list of posts never skips a heading level (h1 then h3)."""
    depth = 0
    while node.parent is not None:
        node = node.parent
        depth += isinstance(node, nodes.section)
    return min(depth + 1, 6)
