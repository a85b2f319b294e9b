"""Keys: a digest of what each page shows, so a rebuild writes a page only
when what it shows changed.

A blog page shows other posts besides its own source: the sidebar, a post's
previous/next links and related posts, the home page's latest posts, the
archive listings. :data:`DOC_KEYS` lists what a document shows of other
posts; :func:`digest` of a generated page's template context is its key. A
feature that puts other posts' data into a page must be keyed here, or an
incremental build would leave that page stale (``tests/test_incremental.py``
compares every rebuild with a clean build).
"""

import dataclasses
import functools
import hashlib
import os
from dataclasses import fields, is_dataclass

from sphinx.application import Sphinx
from sphinx.util import logging

from .. import config_values, upstream
from ..posts.records import PostRecord
from ..site import directives
from ..site.model import Archive, ArchivePage, Blog, Catalog, PublishedPost, reading_minutes
from . import codeversion, content_staleness, state

logger = logging.getLogger(__name__)


def digest(*parts: object) -> str:
    return hashlib.sha256(repr(_plain(parts)).encode()).hexdigest()


def _plain(value: object) -> object:
    """A repr-stable view of template data: what pages show, never identities."""
    if isinstance(value, str | int | float | bool | type(None)):
        return value
    if isinstance(value, PublishedPost):
        # A listing shows a post's record, with reading time for its length,
        # its update time (the model keeps those distinct) and its cover
        # picture (whose key follows the file's content and the width ladder).
        cover = value.cover.key if value.cover is not None else None
        return (_listing_digest(value.record), value.updated.isoformat(), cover)
    if isinstance(value, Archive):
        # Pages show an archive's name, address and size; the posts a listing
        # page shows come through its ArchivePage. (A template that shows
        # more of an archive on every page must be keyed here.)
        return ("archive", value.kind, value.key, value.name, value.pagename, len(value.posts))
    if isinstance(value, ArchivePage):
        return (
            "page",
            value.number,
            len(value.siblings),
            _plain(value.archive),
            _plain(value.posts),
        )
    if isinstance(value, Catalog):
        return ("catalog", value.kind, value.title, value.pagename, _plain(list(value)))
    if isinstance(value, dict):
        return tuple(sorted((str(k), _plain(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_plain(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *(_plain(getattr(value, f.name)) for f in fields(value)))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    # Unknown data: never equal to anything, so the page is always written.
    logger.debug("wnyblog: no key for %r; the page is written every time", type(value))
    return os.urandom(16).hex()


@functools.lru_cache(maxsize=4096)
def _listing_digest(record: PostRecord) -> str:
    # Records are frozen and hashable; a post appears on many pages. Listings
    # show reading time, not the word count: a small edit changes no listing.
    shown = dataclasses.replace(record, words=reading_minutes(record.words))
    return hashlib.sha256(repr(shown).encode()).hexdigest()


def _neighbours(app: Sphinx, model: Blog, docname: str) -> list[object] | None:
    post = model.by_docname.get(docname)
    if post is None:
        return None
    return [(p.docname, p.title) if p else None for p in (post.older, post.newer)] + [post]


def _related(app: Sphinx, model: Blog, docname: str) -> list[PublishedPost] | None:
    """A post page suggests related posts, with their postcards."""
    if docname not in model.by_docname:
        return None
    return [model.by_docname[name] for name in _related_names(app, model)[docname]]


def _related_names(app: Sphinx, model: Blog) -> dict[str, list[str]]:
    """Each post's related posts, by name. Which posts are related depends only
    on every post's tags, category, status and order: when none of those
    changed, the last build's answer still holds (finding them again for a
    thousand posts takes seconds)."""
    build = state.current(app)
    assert build is not None  # keys are made once the build has started (state.start)
    if build.state.related_names is None:
        inputs = [
            (p.docname, p.record.tags, p.record.category, p.record.status) for p in model.posts
        ]
        build.state.related_input = hashlib.sha256(repr(inputs).encode()).hexdigest()
        keyed = build.keyed
        if (
            keyed is not None
            and keyed.related_input == build.state.related_input
            and keyed.related_names is not None
        ):
            build.state.related_names = keyed.related_names
        else:
            build.state.related_names = {
                p.docname: [r.docname for r in p.related()] for p in model.posts
            }
    return build.state.related_names


def _home(app: Sphinx, model: Blog, docname: str) -> list[PublishedPost] | None:
    """The home page's search-engine data lists the newest posts."""
    if docname != app.config.root_doc:
        return None
    return model.recent(app.config.blog_home_posts)


def _fragments(app: Sphinx, model: Blog, docname: str) -> list[object] | None:
    """Pages with ``{latest-posts}`` (or any blog fragment) show recent posts."""
    wanted = directives.fragments_of(app.env).get(docname)
    if not wanted:
        return None
    count = max(c or app.config.blog_home_posts for _, c in wanted)
    catalogs = [(c.title, c.pagename) for c in model.catalogs]
    return [wanted, model.recent(count), catalogs, model.all.pagename]


def _people(app: Sphinx, model: Blog, docname: str) -> list[object] | None:
    """A post's JSON-LD shows its authors' and reviewer's photos (their profiles
    come from the vocabulary, a setting: a change there rewrites every page)."""
    post = model.by_docname.get(docname)
    if post is None:
        return None
    people = [*post.author_archives, post.reviewer_archive]
    return [archive.photo for archive in people if archive is not None]


# What a document shows besides its own source: f(app, model, docname) -> data.
# A feature that puts other posts' data into a document adds its function here.
DOC_KEYS = [_neighbours, _related, _home, _fragments, _people]


def doc_key(app: Sphinx, model: Blog, docname: str) -> str:
    return digest(*(key(app, model, docname) for key in DOC_KEYS))


def salt(app: Sphinx) -> str:
    """Changes when the settings, templates or code do: then every page is written."""
    info = upstream.build_info(app, config_values.PORTABLE, frozenset({"env", "html"}))
    templates = content_staleness.templates_digest(app)
    code = codeversion.code_version()
    return digest(info.config_hash, info.tags_hash, templates, code, state.VERSION)
