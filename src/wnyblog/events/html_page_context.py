"""``html-page-context``: a page (a document, or a page the blog generates) is
about to be rendered: what its templates get, and the post's feed-ready text."""

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..posts import drafts
from ..publish import compact, csp, discovery, feed_content, notfound, search_index
from ..site import context as blog_context
from ..site import pages
from ..speed import shared_toctree


def first(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Before every other handler (connected with priority :data:`FIRST`): what
    is wrapped here is Sphinx's own, before another extension (the 404 page's)
    puts its own in place."""
    shared_toctree.share(app, pagename, context)


FIRST = 100  # Sphinx runs an event's handlers by priority, lowest first (default 500)


def handle(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    # An archive page announces its own feeds (set in html_collect_pages).
    for key, value in blog_context.blog_context(app).items():
        context.setdefault(key, value)
    model = context["blog"]
    context["blog_meta"] = discovery.page_meta(app, model, pagename, context, doctree)
    context["blog_csp"] = csp.policy(app, pagename)
    context["blog_search"] = search_index.page_search(app, model, pagename)
    context["script_files"] = search_index.without_sphinx_highlight(context["script_files"])
    context["blog_referrer"] = csp.REFERRER_POLICY
    post = model.by_docname.get(pagename)
    context["blog_post"] = post
    # Only a preview reads drafts and scheduled posts; they carry a banner.
    context["blog_unpublished"] = drafts.status(app, pagename)
    if post is not None:
        context.update(pages.post_neighbours(app, post))
        feed_content.keep_body(app, pagename, context["body"])
    notfound.page_context(app, pagename, context)
    compact.one_viewport(context)
