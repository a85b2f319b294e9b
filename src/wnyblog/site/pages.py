"""Writing side: archive pages, the post byline, the home page's latest posts
and the blog context every template sees."""

import functools
import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx.util.osutil import relative_uri

from ..publish import csp, discovery, feed_content, feeds, notfound, sitemap
from ..publish.output import write_if_changed
from ..speed import incremental, workers
from . import address
from .model import Blog


class blog_fragment(nodes.General, nodes.Element):
    """Placeholder for a template fragment, rendered when the page is written
    (so it always shows the current posts and settings)."""


class LatestPostsDirective(Directive):
    """``{latest-posts}`` with an optional count (default ``blog_home_posts``)."""

    optional_arguments = 1

    def run(self):
        count = directives.positive_int(self.arguments[0]) if self.arguments else None
        env = self.state.document.settings.env
        # The sitemap dates such a page by its newest post too.
        env.metadata[env.docname]["wnyblog-lists-posts"] = True
        return [blog_fragment(template="blog/latest.html", count=count)]


class CrisisResourcesDirective(Directive):
    """``{crisis-resources}``: the block every post about suicide or self-harm carries."""

    def run(self):
        return [blog_fragment(template="blog/crisis-resources.html")]


class ClinicContactDirective(Directive):
    """``{clinic-contact}``: the clinic's phone, address and website, where set."""

    def run(self):
        return [blog_fragment(template="blog/clinic-contact.html")]


def blog(app) -> Blog:
    """The model of the published blog, built once per build after reading."""
    model = getattr(app, "wnyblog_blog", None)
    if model is None:
        model = app.wnyblog_blog = Blog(
            getattr(app.env, "wnyblog_posts", {}).values(),
            blog_path=app.config.blog_path,
            authors={key: value[0] for key, value in app.config.blog_authors.items()},
            page_size=app.config.blog_page_size,
        )
    return model


def clinic(app) -> dict:
    names = ("name", "phone", "address", "website")
    details = {name: getattr(app.config, "clinic_" + name) for name in names}
    # A dialable link keeps only digits and a leading +: "(716) 555-0100" -> tel:7165550100.
    details["phone_uri"] = details["phone"] and "tel:" + re.sub(r"[^\d+]", "", details["phone"])
    return details


def forget_blog(app, env) -> None:
    """``env-updated``: posts were (re)read, so the model must be rebuilt."""
    app.wnyblog_blog = None


def blog_context(app) -> dict:
    """What every page's templates (and so every fragment) get from the blog."""
    return {
        "blog": blog(app),
        "blog_feeds": feeds.site_feeds(app),
        "blog_sidebar_posts": app.config.blog_sidebar_posts,
        "clinic": clinic(app),
    }


def render(app, template: str, pagename: str, **context) -> str:
    """Render a fragment template as it renders inside page *pagename*."""
    base = app.builder.globalcontext.copy()
    base["pathto"] = lambda target, resource=False: _pathto(app, pagename, target, resource)
    base.update(blog_context(app), pagename=pagename, **context)
    return app.builder.templates.render(template, base)


def _pathto(app, pagename: str, target: str, resource: bool) -> str:
    # Sphinx's own pathto (html builder's handle_page), so that a fragment
    # renders here byte for byte as it does when a page includes it.
    if resource and "://" in target:
        return target
    if not resource:
        target = app.builder.get_target_uri(target)
    return relative_uri(app.builder.get_target_uri(pagename), target) or "#"


def resolve_placeholders(app, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the byline under a post's title; latest posts lists."""
    incremental.written(app, docname)
    model = blog(app)
    post = model.by_docname.get(docname)
    if post is not None:
        html = render(
            app, "blog/byline.html", docname, post=post, post_url=address.page_url(app, docname)
        )
        byline = nodes.raw("", html, format="html")
        section = next(iter(doctree.findall(nodes.section)), None)
        if section is not None and section.children and isinstance(section[0], nodes.title):
            section.insert(1, byline)
    for node in list(doctree.findall(blog_fragment)):
        count = node.get("count") or app.config.blog_home_posts
        html = render(
            app,
            node["template"],
            docname,
            posts=model.recent(count),
            heading_level=_heading_level(node),
        )
        node.replace_self(nodes.raw("", html, format="html"))


def _heading_level(node: nodes.Node) -> int:
    """The level for headings a fragment adds: one below the section it is in,
    so a list of posts never skips a heading level (h1 then h3)."""
    depth = 0
    while node.parent is not None:
        node = node.parent
        depth += isinstance(node, nodes.section)
    return min(depth + 1, 6)


def page_context(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context``: blog data for templates; post neighbours; feed cache."""
    # An archive page announces its own feeds (set by collect_pages).
    for key, value in blog_context(app).items():
        context.setdefault(key, value)
    model = context["blog"]
    context["blog_meta"] = discovery.page_meta(app, model, pagename, context, doctree)
    context["blog_csp"] = csp.policy(app)
    context["blog_referrer"] = csp.REFERRER_POLICY
    post = model.by_docname.get(pagename)
    context["blog_post"] = post
    # Only a preview reads drafts and scheduled posts; they carry a banner.
    context["blog_unpublished"] = getattr(app, "wnyblog_unpublished", {}).get(pagename)
    if post is not None:
        # Chronological neighbours replace Furo's toctree neighbours (posts
        # are outside the toctree): Furo's footer and <link rel> use them.
        context["prev"] = _neighbour(app, pagename, post.prev)
        context["next"] = _neighbour(app, pagename, post.next)
        cache = body_cache(app, pagename)
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(
            feed_content.feed_html(context["body"], address.page_url(app, pagename)),
            encoding="utf-8",
        )


def _neighbour(app, pagename, post):
    if post is None:
        return None
    return {"link": app.builder.get_relative_uri(pagename, post.docname), "title": post.title}


def _page_neighbour(app, pagename, page):
    if page is None:
        return None
    return {"link": app.builder.get_relative_uri(pagename, page.pagename), "title": page.title}


def body_cache(app, docname: str) -> Path:
    """Where a post's feed-ready HTML is kept between builds (outside the site)."""
    return Path(app.doctreedir, "wnyblog-bodies", docname + ".html")


def record_fragments(app, doctree: nodes.document) -> None:
    """``doctree-read``: which fragments a document shows, for incremental builds."""
    wanted = tuple((n["template"], n.get("count")) for n in doctree.findall(blog_fragment))
    fragments_by_doc = app.env.__dict__.setdefault("wnyblog_fragments", {})
    fragments_by_doc.pop(app.env.docname, None)
    if wanted:
        fragments_by_doc[app.env.docname] = wanted


def outdated(app, env):
    """``env-get-updated``: pages showing posts whose shown data changed."""
    return incremental.outdated_docs(app, env, blog(app))


def collect_pages(app):
    """``html-collect-pages``: every archive and index page, the 404 page,
    then the feeds, cover images, sitemap and robots.txt. A listing page or
    feed is written only when what it shows changed since the last build.
    They are written here, spread over the build's processes, so nothing is
    left for Sphinx to write one by one."""
    model = blog(app)
    # A later page of the same name replaces an earlier one, as in writing them in order.
    pages = {
        pagename: functools.partial(app.builder.handle_page, pagename, context, template)
        for pagename, context, template in _generated_pages(app, model)
        if not incremental.unchanged(app, pagename, template, context)
    }
    workers.run(app, [*pages.values(), *feeds.pending(app, model)])
    notfound.write(app)
    publish_covers(app, model)
    sitemap.write(app, model)
    return []


def finish(app, exception) -> None:
    """``build-finished``: bring pages not written up to date; drop stale output."""
    if exception is not None:
        incremental.failed(app)
        return
    model = blog(app)
    template = incremental.SIDEBAR[0]
    incremental.finish(
        app,
        render=lambda pagename, context: render(app, template, pagename, **context),
        files=[*feeds.paths(app, model), *(post.image for post in model.posts if post.image)],
    )


def _generated_pages(app, model):
    for archive in model.archives():
        archive_feeds = feeds.archive_feeds(app, archive)
        for page in archive.pages:
            yield (
                page.pagename,
                {
                    "title": page.title,
                    "archive": archive,
                    "archive_page": page,
                    "blog_feeds": archive_feeds,
                    # Furo's <link rel="prev|next"> and footer follow the pager.
                    "prev": _page_neighbour(app, page.pagename, page.prev),
                    "next": _page_neighbour(app, page.pagename, page.next),
                },
                "blog/archive.html",
            )
    for catalog in model.catalogs:
        yield catalog.pagename, {"title": catalog.title, "catalog": catalog}, "blog/catalog.html"
    for post in model.posts:
        for old in post.redirect_from:
            pagename = old.strip("/").removesuffix(".html").removesuffix("/index") or "index"
            yield (
                pagename,
                {
                    "title": post.title,
                    "target": post,
                    "target_url": address.page_url(app, post.docname),
                },
                "blog/redirect.html",
            )


def publish_covers(app, model) -> None:
    """A post's cover image (front matter ``image``) is published beside the post,
    where its previews and feeds point, even when the text does not show it."""
    for post in model.posts:
        source = Path(app.srcdir, post.image or "")
        if post.image and source.is_file():  # a missing one is reported by the post checks
            write_if_changed(Path(app.outdir, post.image), source.read_bytes())
