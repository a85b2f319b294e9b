"""The site's navigation tree rendered once for the pages outside it.

Furo asks every page for the whole site's table of contents (``toctree()``,
expanded, for its navigation sidebar); Sphinx resolves and renders it afresh
each time, about 3 ms a page, and 1,000 posts are 3 CPU-seconds of a build.
What a page gets differs only by where it stands: the links in it are
relative to the page, and a page in the tree marks its own entry and the
entries above it as current. Posts are not in the tree. So a page outside the
tree shares the rendering of any other page whose links to the tree's pages
read the same; a page in the tree gets its own, as before.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sphinx.application import Sphinx

from .. import build_state


@dataclass
class SharedToctrees:
    """This build's renderings, and the pages of the tree (found once)."""

    in_tree: list[str] | None = None
    rendered: dict[tuple[object, ...], str] = field(default_factory=dict)


def share(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """At ``html-page-context``, before the theme's handler: the page's
    ``toctree()`` answers from the renderings of pages that stand alike."""
    toctree: Callable[..., str] | None = context.get("toctree")
    shared = build_state.of(app, SharedToctrees)
    if shared.in_tree is None:
        shared.in_tree = _tree_pages(app)
    if toctree is None or pagename in shared.in_tree:
        return
    links = tuple(app.builder.get_relative_uri(pagename, page) for page in shared.in_tree)

    def shared_toctree(**options: object) -> str:
        key = (links, tuple(sorted(options.items())))
        try:
            html = shared.rendered.get(key)
        except TypeError:  # an option that cannot be a key: not shared
            return toctree(**options)
        if html is None:
            html = shared.rendered[key] = toctree(**options)
        return html

    context["toctree"] = shared_toctree


def _tree_pages(app: Sphinx) -> list[str]:
    """The root page and every page its table of contents reaches, in order."""
    env = app.env
    found, todo = [app.config.root_doc], [app.config.root_doc]
    while todo:
        for child in env.toctree_includes.get(todo.pop(), ()):
            if child not in found:
                found.append(child)
                todo.append(child)
    return found
