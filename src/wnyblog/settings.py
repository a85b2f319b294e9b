"""The settings the blog adds to conf.py, and the folders the extension brings.

Every setting here is read from ``app.config`` by the module that needs it;
conf.py sets them (defaults below). ``rebuild`` says what Sphinx does when one
changes: ``env`` reads every document again, ``html`` writes every page again.
"""

from pathlib import Path

_PACKAGE = Path(__file__).parent
TEMPLATES = str(_PACKAGE / "templates")
STATIC = str(_PACKAGE / "static")
# Every HTML template renders through this loader (publish/compact.py).
TEMPLATE_BRIDGE = "wnyblog.publish.compact.Templates"
# What .buildinfo shows for the values the extension fills in at run time:
# the same in every clone, wherever it sits (see upstream.build_info).
PORTABLE = {
    TEMPLATES: "wnyblog:templates",
    STATIC: "wnyblog:static",
    TEMPLATE_BRIDGE: "wnyblog:templates-bridge",
}

_TEXT_OR_NONE = (str, type(None))

# name -> (default, rebuild, types)
SETTINGS = {
    # The public address; SITE_URL or READTHEDOCS_CANONICAL_URL override it (site/address.py).
    "site_url": ("https://wny-psychiatry.github.io/blog/", "env", str),
    "clinic_name": ("WNY Psychiatry & Counseling Associates", "env", str),
    "clinic_phone": (None, "env", _TEXT_OR_NONE),
    "clinic_address": (None, "env", _TEXT_OR_NONE),
    "clinic_website": (None, "env", _TEXT_OR_NONE),
    # The blog_authors key that is the clinic itself (an organisation, not a person).
    "clinic_author": (None, "env", _TEXT_OR_NONE),
    "blog_tags": ([], "env", list),
    "blog_categories": ([], "env", list),
    "blog_home_posts": (5, "env", int),
    "blog_sidebar_posts": (5, "env", int),
    "blog_page_size": (10, "env", int),
    # Fewer changed documents than this are read without worker processes
    # (speed/jobs.py); where they are read changes nothing in the output.
    "blog_serial_read_below": (50, "", int),
    # How the site shows up elsewhere: files in html_static_path (publish/images.py).
    "site_icon": (None, "html", _TEXT_OR_NONE),
    "site_favicon": (None, "html", _TEXT_OR_NONE),
    "site_logo": (None, "html", _TEXT_OR_NONE),
    "site_image": (None, "html", _TEXT_OR_NONE),
    "site_image_alt": (None, "html", _TEXT_OR_NONE),
    # Widths (pixels) every picture is published at, never above its own
    # (publish/pictures/). Changing them rewrites every page and picture.
    "blog_picture_widths": ([320, 480, 800, 1200, 1600], "html", list),
}


def register(app) -> None:
    for name, (default, rebuild, types) in SETTINGS.items():
        app.add_config_value(name, default, rebuild, types)


def add_folders(config) -> None:
    """At ``config-inited``: the extension's templates and static files. After
    the site's own entries: ahead of them they would hide the site's overrides."""
    config.templates_path.append(TEMPLATES)
    config.html_static_path.append(STATIC)
