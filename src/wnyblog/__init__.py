"""The WNY Psychiatry & Counseling Associates blog, as a Sphinx extension.

ABlog reads the posts; this extension checks their front matter against the
project's schema, keeps drafts and scheduled posts out of the published site,
and writes the archive pages, sidebars and feeds that work with Furo.
"""

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"

TEMPLATES = str(Path(__file__).parent / "templates")
STATIC = str(Path(__file__).parent / "static")

# ABlog's writers we replace: its archive pages break Furo's layout and
# publish drafts; its feed is Atom-only with relative links.
_REPLACED_ABLOG_HANDLERS = ("generate_archive_pages", "generate_atom_feeds")


def setup(app: "Sphinx") -> dict:
    # Imported here, not at the top: the build's front end (frontend.py) lives
    # in this package and must decide whether to build without paying for
    # Sphinx's imports.
    from .posts import drafts, records
    from .publish import compact, images, notfound
    from .site import address, pages
    from .speed import docsettings, frontend, incremental, jobs, templatecache

    app.setup_extension("myst_parser")
    app.setup_extension("ablog")
    records.lighten_ablog_reader(app)
    for listener in list(app.events.listeners["html-collect-pages"]):
        if getattr(listener.handler, "__name__", "") in _REPLACED_ABLOG_HANDLERS:
            app.disconnect(listener.id)
    # ABlog keeps its posts in env.ablog_posts and cannot merge them from
    # parallel readers; records.merge does, so reading in parallel is safe.
    app.extensions["ablog"].parallel_read_safe = True
    docsettings.install()
    notfound.setup(app)

    app.add_config_value("site_url", "https://wny-psychiatry.github.io/blog/", "env", str)
    app.add_config_value("clinic_name", "WNY Psychiatry & Counseling Associates", "env", str)
    for name in ("clinic_phone", "clinic_address", "clinic_website"):
        app.add_config_value(name, None, "env", (str, type(None)))
    app.add_config_value("blog_tags", [], "env", list)
    app.add_config_value("blog_categories", [], "env", list)
    app.add_config_value("blog_home_posts", 5, "env", int)
    app.add_config_value("blog_sidebar_posts", 5, "env", int)
    app.add_config_value("blog_page_size", 10, "env", int)
    # Fewer changed documents than this are read without worker processes
    # (see jobs.py); where they are read changes nothing in the output.
    app.add_config_value("blog_serial_read_below", jobs.SERIAL_READ_BELOW, "", int)
    # How the site shows up elsewhere: files in html_static_path (see images.py).
    for name in ("site_icon", "site_favicon", "site_logo", "site_image", "site_image_alt"):
        app.add_config_value(name, None, "html", (str, type(None)))
    # The blog_authors key that is the clinic itself (an organisation, not a person).
    app.add_config_value("clinic_author", None, "env", (str, type(None)))

    app.connect("config-inited", frontend.discard_stale_environment)
    app.connect("config-inited", address.configure)
    app.connect("config-inited", notfound.configure)
    app.connect("config-inited", drafts.exclude_unpublished)
    app.connect("config-inited", _add_templates)
    app.connect("config-inited", compact.configure)
    app.add_transform(records.PostFrontMatter)
    app.connect("doctree-read", records.record_post, priority=600)
    app.connect("doctree-read", pages.record_fragments)
    app.connect("env-purge-doc", records.purge)
    app.connect("env-merge-info", records.merge)
    app.connect("env-before-read-docs", jobs.plan_reading)
    app.connect("env-updated", pages.forget_blog)
    app.connect("env-updated", jobs.plan_writing)
    app.connect("env-get-updated", pages.outdated)
    app.add_node(pages.blog_fragment)
    app.add_directive("latest-posts", pages.LatestPostsDirective)
    app.add_directive("clinic-contact", pages.ClinicContactDirective)
    app.add_directive("crisis-resources", pages.CrisisResourcesDirective)
    app.connect("doctree-resolved", pages.resolve_placeholders)
    app.connect("builder-inited", _portable_build_info)
    app.connect("builder-inited", images.check)
    app.connect("builder-inited", templatecache.keep_compiled_templates)
    app.connect("html-page-context", pages.page_context)
    app.connect("html-page-context", notfound.page_context)
    app.connect("html-page-context", compact.page_context)
    app.connect("html-collect-pages", pages.collect_pages)
    app.connect("html-collect-pages", incremental.tidy_search_index)
    app.connect("build-finished", pages.finish)
    app.add_css_file("blog.css")
    app.add_js_file("drawers.js")
    return {
        "version": __version__,
        # No env_version: Sphinx would publish it in searchindex.js. New code
        # still means a full rebuild (frontend.discard_stale_environment).
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


# What .buildinfo shows for the settings _add_templates and compact.configure
# fill in: the same in every clone, wherever it sits.
_PORTABLE = {TEMPLATES: "wnyblog:templates", STATIC: "wnyblog:static"}


def _portable_build_info(app) -> None:
    from . import upstream
    from .publish import compact

    labels = {**_PORTABLE, compact.BRIDGE: "wnyblog:templates-bridge"}
    upstream.use_build_info(app, upstream.portable_build_info(app, labels))


def _add_templates(app, config) -> None:
    # Ahead of the site's own templates_path entries would hide site
    # overrides, so the extension's templates come after them.
    config.templates_path.append(TEMPLATES)
    config.html_static_path.append(STATIC)
