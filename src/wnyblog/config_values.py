"""The settings the blog adds to conf.py, the folders the extension brings,
and running conf.py outside a build.

Every setting here is read from ``app.config`` by the module that needs it;
conf.py sets them (defaults below). ``rebuild`` says what Sphinx does when one
changes: ``env`` reads every document again, ``html`` writes every page again.
The authors, tags and categories are not conf.py's: they are in the
vocabulary file (posts/vocabulary.py), and the build fills them in.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


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

# What Sphinx does again when a setting changes (the values add_config_value takes).
Rebuild = Literal["", "env", "html"]

# name -> (default, rebuild, types)
SETTINGS: dict[str, tuple[object, Rebuild, type | tuple[type, ...]]] = {
    # The public address; SITE_URL or READTHEDOCS_CANONICAL_URL override it (site/address.py).
    "site_url": ("https://wny-psychiatry.github.io/blog/", "env", str),
    # Set from the environment, not conf.py: a Read the Docs pull-request
    # preview (site/address.py). Every page then says so and is not indexed.
    "site_pull_request_preview": (False, "html", bool),
    "clinic_name": ("WNY Psychiatry & Counseling Associates", "env", str),
    "clinic_phone": (None, "env", _TEXT_OR_NONE),
    "clinic_address": (None, "env", _TEXT_OR_NONE),
    "clinic_website": (None, "env", _TEXT_OR_NONE),
    # The blog_authors key that is the clinic itself (an organisation, not a person).
    "clinic_author": (None, "env", _TEXT_OR_NONE),
    # Filled in from the vocabulary file, never set in conf.py (posts/vocabulary.py).
    "blog_tags": ([], "env", list),
    # Each author's credentials, role, bio and photo, from the vocabulary file too.
    "blog_author_profiles": ({}, "env", dict),
    # Health content (checks/review.py, checks/reading.py): the categories whose
    # posts need a clinical review (each listed in the vocabulary file), how many
    # months a review stays current, and the reading grade above which
    # `blog check` advises plainer sentences. Advice only: read at every check.
    "blog_review_categories": (["Conditions and treatment"], "", list),
    "blog_review_months": (24, "", int),
    "blog_reading_grade": (8, "", (int, float)),
    "blog_categories": ([], "env", list),
    "blog_home_posts": (5, "env", int),
    "blog_sidebar_posts": (5, "env", int),
    "blog_page_size": (10, "env", int),
    # Fewer changed documents than this are read without worker processes
    # (speed/process_plan.py); where they are read changes nothing in the output.
    "blog_serial_read_below": (50, "", int),
    # Drafts and scheduled posts are read too: `blog check` sets it
    # (checks/checkbuild.py), as BLOG_PREVIEW=1 does for `make preview`.
    "blog_read_unpublished": (False, "env", bool),
    # How the site shows up elsewhere: files in html_static_path (publish/site_images.py).
    "site_icon": (None, "html", _TEXT_OR_NONE),
    "site_favicon": (None, "html", _TEXT_OR_NONE),
    "site_logo": (None, "html", _TEXT_OR_NONE),
    "site_image": (None, "html", _TEXT_OR_NONE),
    "site_image_alt": (None, "html", _TEXT_OR_NONE),
    # Widths (pixels) every picture is published at, never above its own
    # (publish/pictures/). Changing them rewrites every page and picture.
    "blog_picture_widths": ([320, 480, 800, 1200, 1600], "html", list),
    # owner/name of the blog's GitHub repository, which the web editor at admin/
    # commits to (publish/editor.py); None: read from a github.io site_url.
    "editor_repository": (None, "html", _TEXT_OR_NONE),
}


def register(app: Sphinx) -> None:
    for name, (default, rebuild, types) in SETTINGS.items():
        app.add_config_value(name, default, rebuild, types)


def add_folders(config: Config) -> None:
    """At ``config-inited``: the extension's templates and static files. After
    the site's own entries: ahead of them they would hide the site's overrides."""
    # New lists, never append: a conf.py that sets neither gets Sphinx's default
    # list object, shared by every later build in the same process.
    config.templates_path = [*config.templates_path, TEMPLATES]
    config.html_static_path = [*config.html_static_path, STATIC]


class ConfPyError(Exception):
    """conf.py cannot run; the message names its line and the fix."""

    def __init__(self, path: str, line: int, message: str, fix: str) -> None:
        super().__init__(f"{path}:{line}: {message} — {fix}")
        self.path, self.line, self.message, self.fix = path, line, message, fix


def run_conf_py(path: Path, shown: str | None = None) -> dict[str, object]:
    """conf.py's settings, run as Sphinx runs it (in its folder, with ``tags``).

    A mistake in it is a :class:`ConfPyError` naming the line: Sphinx itself
    answers one with a traceback, so the writers' commands run it first.
    """
    from sphinx.util.tags import Tags  # only when conf.py runs: a second or so of imports

    shown = shown or str(path)
    namespace: dict[str, object] = {"__file__": str(path), "tags": Tags()}
    here = os.getcwd()
    try:
        code = compile(path.read_bytes(), str(path), "exec")
        os.chdir(path.parent)
        exec(code, namespace)  # noqa: S102 - conf.py is the site's own settings
    except SyntaxError as err:
        raise ConfPyError(
            shown,
            err.lineno or 1,
            f"conf.py is not valid Python here: {err.msg}",
            "start each setting at the left edge of the line, with no spaces before it"
            if isinstance(err, IndentationError)
            else "look on this line (or the one before) for a missing quote, comma or "
            'bracket: text is written in quotes, "like this"',
        ) from None
    except (Exception, SystemExit) as err:
        frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename == str(path)]
        line = (frames[-1].lineno if frames else None) or 1
        if isinstance(err, NameError):
            message = f"conf.py uses `{err.name}`, which is not a setting or a value it knows"
            fix = 'put text in quotes ("like this"); write True, False and None with a capital'
        else:
            message = f"conf.py stops with {type(err).__name__}: {err}"
            fix = "correct this line: conf.py holds settings, one `name = value` per line"
        raise ConfPyError(shown, line, message, fix) from None
    finally:
        os.chdir(here)
    return namespace
