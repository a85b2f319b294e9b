"""The blog's directives for pages and posts, and the node they leave behind.

``{latest-posts}``, ``{crisis-resources}`` and ``{clinic-contact}`` each leave
a :class:`blog_fragment` placeholder in the doctree. It is rendered from a
template only when the page is written (:mod:`.placeholders`), so it always
shows the current posts and settings, even on a page whose source did not change.
"""

from collections.abc import Set
from dataclasses import dataclass, field

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector

from .. import build_state


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


# (fragment template, count or None) of each fragment a page shows.
Wanted = tuple[tuple[str, int | None], ...]


@dataclass
class Fragments:
    """The fragments each document shows, kept in the environment."""

    by_docname: dict[str, Wanted] = field(default_factory=dict)


def fragments_of(env: BuildEnvironment) -> dict[str, Wanted]:
    return build_state.of_env(env, Fragments).by_docname


class FragmentsCollector(EnvironmentCollector):
    """Which fragments each page shows (incremental builds rewrite the page
    when what they show changes), with Sphinx's per-document lifecycle."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        fragments_of(env).pop(docname, None)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        theirs = fragments_of(other)
        fragments_of(env).update({d: theirs[d] for d in docnames if d in theirs})

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        wanted = tuple((n["template"], n.get("count")) for n in doctree.findall(blog_fragment))
        if wanted:
            fragments_of(app.env)[app.env.docname] = wanted
