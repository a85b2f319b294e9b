"""What the templates see of the blog, and rendering a template fragment as
it renders inside a page.

The blog model is built once per build, after reading (:func:`blog`); every
page's templates get it with the whole blog's feeds and the clinic's details
(:func:`blog_context`).
"""

import re
from dataclasses import dataclass
from typing import cast

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.osutil import relative_uri

from .. import build_state
from ..posts import records
from ..posts.schema import Vocabulary
from . import feedlinks
from .model import Blog

# The blog sidebar (templates/blog/sidebar.html) and the one element of it that
# shows posts: the incremental build puts a new one in place of the old
# (speed/incremental.py), and the search index leaves it out of what it
# compares (publish/search_index.py). Everything in the sidebar that depends on
# posts must stay inside this element.
SIDEBAR = ("blog/sidebar.html", '<nav class="sidebar-blog"', "</nav>")


def sidebar_span(page: bytes) -> tuple[int, int] | None:
    """Where the blog sidebar element is in a published page (or in the
    sidebar rendered alone): its start and end; None when there is none."""
    start, end = (marker.encode() for marker in SIDEBAR[1:])
    at = page.find(start)
    if at < 0:
        return None
    return at, page.index(end, at) + len(end)


@dataclass
class BlogModel:
    """The model of the published blog, once built this build."""

    model: Blog | None = None


def blog(app: Sphinx) -> Blog:
    """The model of the published blog, built once per build after reading."""
    part = build_state.of(app, BlogModel)
    model = part.model
    if model is None:
        model = part.model = Blog(
            records.of_env(app.env).values(),
            blog_path=app.config.blog_path,
            authors={key: value[0] for key, value in app.config.blog_authors.items()},
            page_size=app.config.blog_page_size,
            profiles=Vocabulary.from_config(app.config).profiles,
        )
    return model


def forget_blog(app: Sphinx) -> None:
    """Posts were (re)read, so the model must be built again."""
    build_state.reset(app, BlogModel)


def clinic(app: Sphinx) -> dict[str, str | None]:
    names = ("name", "phone", "address", "website")
    details = {name: getattr(app.config, "clinic_" + name) for name in names}
    # A dialable link keeps only digits and a leading +: "(716) 555-0100" -> tel:7165550100.
    details["phone_uri"] = details["phone"] and "tel:" + re.sub(r"[^\d+]", "", details["phone"])
    return details


def blog_context(app: Sphinx) -> dict[str, object]:
    """What every page's templates (and so every fragment) get from the blog."""
    return {
        "blog": blog(app),
        "blog_feeds": feedlinks.site_feeds(app),
        "blog_sidebar_posts": app.config.blog_sidebar_posts,
        "clinic": clinic(app),
        "blog_pull_request_preview": app.config.site_pull_request_preview,
        "blog_editorial_policy": editorial_policy(app),
    }


# The page that says how posts are written, reviewed, sourced and updated:
# linked from every review line and the footer, where the site has it.
EDITORIAL_POLICY = "editorial-policy"


def editorial_policy(app: Sphinx) -> str | None:
    return EDITORIAL_POLICY if EDITORIAL_POLICY in app.env.found_docs else None


def render(app: Sphinx, template: str, pagename: str, **context: object) -> str:
    """Render a fragment template as it renders inside page *pagename*."""
    builder = cast(StandaloneHTMLBuilder, app.builder)  # fragments render in HTML builds only
    base = builder.globalcontext.copy()
    base["pathto"] = lambda target, resource=False: _pathto(app, pagename, target, resource)
    base.update(blog_context(app), pagename=pagename, **context)
    return str(builder.templates.render(template, base))


def _pathto(app: Sphinx, pagename: str, target: str, resource: bool) -> str:
    # Sphinx's own pathto (html builder's handle_page), so that a fragment
    # renders here byte for byte as it does when a page includes it.
    if resource and "://" in target:
        return target
    if not resource:
        target = app.builder.get_target_uri(target)
    return relative_uri(app.builder.get_target_uri(pagename), target) or "#"
