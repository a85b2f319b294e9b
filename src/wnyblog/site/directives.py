"""The blog's directives for pages and posts, and the node they leave behind.

``{latest-posts}``, ``{crisis-resources}`` and ``{clinic-contact}`` each leave
a :class:`blog_fragment` placeholder in the doctree. It is rendered from a
template only when the page is written (:mod:`.placeholders`), so it always
shows the current posts and settings, even on a page whose source did not change.
"""

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx.application import Sphinx


class blog_fragment(nodes.General, nodes.Element):
    """Placeholder for a template fragment, rendered when the page is written."""


class LatestPostsDirective(Directive):
    """``{latest-posts}`` with an optional count (default ``blog_home_posts``)."""

    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        count = directives.positive_int(self.arguments[0]) if self.arguments else None
        env = self.state.document.settings.env
        # The sitemap dates such a page by its newest post too.
        env.metadata[env.docname]["wnyblog-lists-posts"] = True
        return [blog_fragment(template="blog/latest.html", count=count, searched=False)]


class CrisisResourcesDirective(Directive):
    """``{crisis-resources}``: the block every post about suicide or self-harm carries."""

    def run(self) -> list[nodes.Node]:
        return [blog_fragment(template="blog/crisis-resources.html")]


class ClinicContactDirective(Directive):
    """``{clinic-contact}``: the clinic's phone, address and website, where set."""

    def run(self) -> list[nodes.Node]:
        return [blog_fragment(template="blog/clinic-contact.html")]


DIRECTIVES = {
    "latest-posts": LatestPostsDirective,
    "clinic-contact": ClinicContactDirective,
    "crisis-resources": CrisisResourcesDirective,
}


def record_fragments(app: Sphinx, doctree: nodes.document) -> None:
    """Note which fragments a document shows (incremental builds rewrite the
    page when what they show changes)."""
    wanted = tuple((n["template"], n.get("count")) for n in doctree.findall(blog_fragment))
    fragments_by_doc = app.env.__dict__.setdefault("wnyblog_fragments", {})
    fragments_by_doc.pop(app.env.docname, None)
    if wanted:
        fragments_by_doc[app.env.docname] = wanted
