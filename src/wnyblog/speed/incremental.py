"""Incremental builds that write exactly what a clean build would.

Sphinx rewrites a page when its own source changed. A blog page also shows
other posts: the sidebar (recent posts, tags, categories, years), a post's
previous/next links, the home page's latest posts, the archive pages. Each of
those is given a *key*, a digest of what it shows; a page is written again
when its key differs from the last build's, and only then:

- documents: :data:`DOC_KEYS` (``env-get-updated``);
- pages this extension generates (archives, catalogs, redirects): the digest
  of their template context (:func:`unchanged`, from ``html-collect-pages``);
- the blog sidebar, the same on every page but for relative links: when what it
  shows changes, the pages not written anyway get their sidebar element
  replaced in place (:func:`finish`), which is what rendering them would give,
  at a fraction of the cost. Everything in ``blog/sidebar.html`` that depends
  on posts must stay inside its ``<nav class="sidebar-blog">`` element.

Output that a clean build would not write (a deleted post, a post turned back
into a draft, an archive that lost its last post, their images) is deleted.
The state lives beside the doctrees and is saved only after a build that did
not crash; without it, everything is written again.
"""

import dataclasses
import functools
import hashlib
import os
import pickle
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path

from sphinx.builders.html._build_info import BuildInfo
from sphinx.util import logging

from ..site.model import Archive, ArchivePage, Catalog, Post, reading_minutes
from . import frontend, workers

logger = logging.getLogger(__name__)

STATE_FILE = "wnyblog-state.pickle"
STATE_VERSION = 4
SIDEBAR = ("blog/sidebar.html", '<nav class="sidebar-blog"', "</nav>")
# A page name no document has: the sidebar rendered "for nobody" is what the
# sidebar shows, without anything a particular page would highlight.
_PROBE = "wnyblog-sidebar-probe/page"


@dataclass
class State:
    """What the previous build wrote, and the keys it wrote it with."""

    salt: str = ""
    outdir: str = ""
    doc_keys: dict = field(default_factory=dict)
    page_keys: dict = field(default_factory=dict)
    file_keys: dict = field(default_factory=dict)  # other generated files (feeds)
    related_input: str = ""
    related_names: dict | None = None
    sidebar: str = ""
    outputs: frozenset = frozenset()  # files (relative to outdir) of pages and feeds
    images: frozenset = frozenset()
    version: int = STATE_VERSION


@dataclass
class _Build:
    """This build's bookkeeping (main process only)."""

    previous: State | None  # what the last build into this folder wrote
    keyed: State | None  # the same, when its keys still hold (same settings and templates)
    state: State
    written: set = field(default_factory=set)  # documents resolved and written
    kept: dict = field(default_factory=dict)  # generated pages left as they were -> context


# -- Keys ------------------------------------------------------------------------------------------


def digest(*parts) -> str:
    return hashlib.sha256(repr(_plain(parts)).encode()).hexdigest()


def _plain(value):
    """A repr-stable view of template data: what pages show, never identities."""
    if isinstance(value, str | int | float | bool | type(None)):
        return value
    if isinstance(value, Post):
        # A listing shows a post's record, with reading time for its length,
        # and its update time (the model keeps those distinct).
        return (_listing_digest(value.record), value.updated.isoformat())
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
def _listing_digest(record) -> str:
    # Records are frozen and hashable; a post appears on many pages. Listings
    # show reading time, not the word count: a small edit changes no listing.
    shown = dataclasses.replace(record, words=reading_minutes(record.words))
    return hashlib.sha256(repr(shown).encode()).hexdigest()


def _neighbours(app, model, docname):
    post = model.by_docname.get(docname)
    if post is None:
        return None
    return [(p.docname, p.title) if p else None for p in (post.prev, post.next)] + [post]


def _related(app, model, docname):
    """A post page suggests related posts, with their postcards."""
    if docname not in model.by_docname:
        return None
    return [model.by_docname[name] for name in _related_names(app, model)[docname]]


def _related_names(app, model) -> dict:
    """Each post's related posts, by name. Which posts are related depends only
    on every post's tags, category, status and order: when none of those
    changed, the last build's answer still holds (finding them again for a
    thousand posts takes seconds)."""
    build = _build(app)
    if build.state.related_names is None:
        inputs = [
            (p.docname, p.record.tags, p.record.category, p.record.status) for p in model.posts
        ]
        build.state.related_input = hashlib.sha256(repr(inputs).encode()).hexdigest()
        keyed = build.keyed
        if keyed is not None and keyed.related_input == build.state.related_input:
            build.state.related_names = keyed.related_names
        else:
            build.state.related_names = {
                p.docname: [r.docname for r in p.related()] for p in model.posts
            }
    return build.state.related_names


def _home(app, model, docname):
    """The home page's search-engine data lists the newest posts."""
    if docname != app.config.root_doc:
        return None
    return model.recent(app.config.blog_home_posts)


def _fragments(app, model, docname):
    """Pages with ``{latest-posts}`` (or any blog fragment) show recent posts."""
    wanted = getattr(app.env, "wnyblog_fragments", {}).get(docname)
    if not wanted:
        return None
    count = max(c or app.config.blog_home_posts for _, c in wanted)
    catalogs = [(c.title, c.pagename) for c in model.catalogs]
    return [wanted, model.recent(count), catalogs, model.all.pagename]


# What a document shows besides its own source: f(app, model, docname) -> data.
# A feature that puts other posts' data into a document adds its function here.
DOC_KEYS = [_neighbours, _related, _home, _fragments]


def doc_key(app, model, docname: str) -> str:
    return digest(*(key(app, model, docname) for key in DOC_KEYS))


def _salt(app) -> str:
    """Changes when the settings, templates or code do: then every page is written."""
    info = BuildInfo(app.config, app.builder.tags, frozenset({"env", "html"}))
    templates = app.builder.templates
    mtime = templates.newest_template_mtime() if templates else 0
    return digest(info.config_hash, info.tags_hash, mtime, frontend.code_version(), STATE_VERSION)


# -- The build -------------------------------------------------------------------------------------


def _state_path(app) -> Path:
    return Path(app.doctreedir, STATE_FILE)


def _load(app) -> State | None:
    try:
        with open(_state_path(app), "rb") as f:
            state = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    if not isinstance(state, State) or state.version != STATE_VERSION:
        return None
    return state if state.outdir == str(app.outdir) else None


def _build(app) -> _Build:
    return app.wnyblog_build


def outdated_docs(app, env, model) -> list[str]:
    """``env-get-updated`` (through :mod:`drafts`): documents whose key changed."""
    if app.builder.format != "html":
        return []
    previous, salt = _load(app), _salt(app)
    keyed = previous if previous is not None and previous.salt == salt else None
    build = app.wnyblog_build = _Build(previous, keyed, State(salt, str(app.outdir)))
    keys = build.state.doc_keys = {d: doc_key(app, model, d) for d in sorted(env.found_docs)}
    if keyed is None:
        return sorted(keys)
    return [d for d, key in keys.items() if keyed.doc_keys.get(d) != key]


def written(app, docname: str) -> None:
    """``doctree-resolved`` runs in the main process for every document written."""
    build = getattr(app, "wnyblog_build", None)
    if build is not None:
        build.written.add(docname)


def unchanged(app, pagename: str, template: str, context: dict) -> bool:
    """For a generated page: True when it is on disk as this build would write it."""
    build = _build(app)
    key = digest(template, pagename, context)
    build.state.page_keys[pagename] = key
    if build.keyed is None or build.keyed.page_keys.get(pagename) != key:
        return False
    if not Path(app.builder.get_outfilename(pagename)).is_file():
        return False
    build.kept[pagename] = context
    return True


def tidy_search_index(app):
    """``html-collect-pages`` (before Sphinx dumps the search index): drop the
    words no page contains any more. Sphinx takes a rewritten page's old words
    out of the index it loaded but keeps them as empty entries, which a clean
    build never has."""
    indexer = getattr(app.builder, "indexer", None)
    for mapping in (getattr(indexer, "_mapping", {}), getattr(indexer, "_title_mapping", {})):
        for word in [w for w, docs in mapping.items() if not docs]:
            del mapping[word]
    return []


def failed(app) -> None:
    """``build-finished`` with an exception: the next build writes everything."""
    _state_path(app).unlink(missing_ok=True)


def file_unchanged(app, path: str, data) -> bool:
    """For a file the blog generates from *data* (a feed; frozen dataclasses, no
    Post objects): True when the file at *path* (relative to the site) was
    written from equal data and is still there."""
    build = _build(app)
    # Feed data is frozen dataclasses all the way down: its repr is stable.
    key = build.state.file_keys[path] = hashlib.sha256(repr(data).encode()).hexdigest()
    if build.keyed is None or build.keyed.file_keys.get(path) != key:
        return False
    return Path(app.outdir, path).is_file()


def finish(app, *, render, files=()) -> None:
    """``build-finished``: refresh sidebars of pages not written, delete stale
    output, save the state. *render(pagename, context)* renders the sidebar
    template; *files* are the other files the blog writes (feeds, images)."""
    build = getattr(app, "wnyblog_build", None)
    if build is None or app.builder.format != "html":
        return
    state, previous = build.state, build.previous
    state.sidebar = digest(render(_PROBE, {}))
    if build.keyed is not None and build.keyed.sidebar != state.sidebar:
        stale = {d: {} for d in state.doc_keys if d not in build.written}
        refresh = [*stale.items(), *sorted(build.kept.items())]
        # A new post changes every page's sidebar: a thousand pages, spread
        # over the build's processes like the pages Sphinx writes.
        workers.run(app, [functools.partial(_refresh_page, app, render, *page) for page in refresh])
    outdir = Path(app.outdir)
    pages = [*state.doc_keys, *state.page_keys]
    state.outputs = frozenset(
        [_relative(app.builder.get_outfilename(p), outdir) for p in pages] + list(files)
    )
    state.images = frozenset(name for _, name in app.env.images.values())
    # Sphinx keeps the old .buildinfo when the settings change; a clean build has none.
    (outdir / ".buildinfo.bak").unlink(missing_ok=True)
    if previous is not None:
        _remove(outdir, previous.outputs - state.outputs)
        _remove(outdir / app.builder.imagedir, previous.images - state.images)
    with open(_state_path(app), "wb") as f:
        pickle.dump(state, f, pickle.HIGHEST_PROTOCOL)


def _relative(path, folder: Path) -> str:
    # os.path: pathlib is slow for a thousand pages.
    return os.path.relpath(path, folder).replace(os.sep, "/")


def _refresh_page(app, render, pagename: str, context: dict) -> None:
    _refresh(Path(app.builder.get_outfilename(pagename)), render(pagename, context))


def _refresh(path: Path, sidebar: str) -> None:
    """Put the new sidebar element in place of the old one (bytes as Sphinx writes them)."""
    start, end = (marker.encode() for marker in SIDEBAR[1:])
    sidebar = sidebar.encode("utf-8", "xmlcharrefreplace")
    try:
        page = path.read_bytes()
    except OSError:
        return
    old_at = page.find(start)
    new_at = sidebar.find(start)
    if old_at < 0 or new_at < 0:
        return  # a page without the blog sidebar (a redirect page)
    old_end = page.index(end, old_at) + len(end)
    new_end = sidebar.index(end, new_at) + len(end)
    updated = page[:old_at] + sidebar[new_at:new_end] + page[old_end:]
    if updated != page:
        path.write_bytes(updated)


def _remove(folder: Path, names) -> None:
    for name in sorted(names):
        path = folder / name
        path.unlink(missing_ok=True)
        # dirhtml pages are folders: remove the ones left empty.
        parent = path.parent
        while parent != folder and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
