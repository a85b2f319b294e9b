"""Incremental builds that write exactly what a clean build would.

Sphinx rewrites a page when its own source changed. A blog page also shows
other posts: the sidebar (recent posts, tags, categories, years), a post's
previous/next links, the home page's latest posts, the archive pages. Each of
those is given a *key*, a digest of what it shows; a page is written again
when its key differs from the last build's, and only then:

- documents: ``keys.DOC_KEYS`` (``env-get-updated``);
- pages this extension generates (archives, catalogs, redirects): the digest
  of their template context (:func:`unchanged`, from ``html-collect-pages``);
- the blog sidebar, the same on every page but for relative links: when what it
  shows changes, the pages not written anyway get their sidebar element
  replaced in place (:func:`finish`), which is what rendering them would give,
  at a fraction of the cost. Everything in ``blog/sidebar.html`` that depends
  on posts must stay inside its ``<nav class="sidebar-blog">`` element.

Output that a clean build would not write (a deleted post, a post turned back
into a draft, an archive that lost its last post, their images) is deleted.
The state lives beside the doctrees (:mod:`.state`) and is saved only after a
build that did not crash; without it, everything is written again.
"""

import functools
import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment

from ..publish import output
from ..site import context
from ..site.model import Blog
from . import keys, parallel_pages, state

SIDEBAR = context.SIDEBAR
# A page name no document has: the sidebar rendered "for nobody" is what the
# sidebar shows, without anything a particular page would highlight.
_PROBE = "wnyblog-sidebar-probe/page"
# render(pagename, context) -> the sidebar template rendered for that page.
Render = Callable[[str, dict[str, object]], str]


def outdated_docs(app: Sphinx, env: BuildEnvironment, model: Blog) -> list[str]:
    """At ``env-get-updated``: the documents whose key changed."""
    if app.builder.format != "html":
        return []
    previous, salt = state.load(app), keys.salt(app)
    keyed = previous if previous is not None and previous.salt == salt else None
    build = state.start(app, previous, keyed, salt)
    doc_keys = build.state.doc_keys = {
        d: keys.doc_key(app, model, d) for d in sorted(env.found_docs)
    }
    if keyed is None:
        return sorted(doc_keys)
    return [d for d, key in doc_keys.items() if keyed.doc_keys.get(d) != key]


def written(app: Sphinx, docname: str) -> None:
    """At ``doctree-resolved`` (in the main process, for every document written)."""
    build = state.current(app)
    if build is not None:
        build.written.add(docname)


def unchanged(app: Sphinx, pagename: str, template: str, context: dict[str, object]) -> bool:
    """For a generated page: True when it is on disk as this build would write it."""
    build = state.current(app)
    assert build is not None  # started at env-get-updated by every HTML build
    key = keys.digest(template, pagename, context)
    build.state.page_keys[pagename] = key
    if build.keyed is None or build.keyed.page_keys.get(pagename) != key:
        return False
    if not Path(_html_builder(app).get_outfilename(pagename)).is_file():
        return False
    build.kept[pagename] = context
    return True


def failed(app: Sphinx) -> None:
    """At ``build-finished`` with an exception: the next build writes everything."""
    state.forget(app)


def file_unchanged(app: Sphinx, path: str, data: object) -> bool:
    """For a file the blog generates from *data* (a feed's format and digest;
    anything whose repr is stable): True when the file at *path* (relative to
    the site) was written from equal data and is still there."""
    build = state.current(app)
    assert build is not None  # started at env-get-updated by every HTML build
    key = build.state.file_keys[path] = hashlib.sha256(repr(data).encode()).hexdigest()
    if build.keyed is None or build.keyed.file_keys.get(path) != key:
        return False
    return Path(app.outdir, path).is_file()


def finish(app: Sphinx, *, render: Render, files: Iterable[str] = ()) -> None:
    """At ``build-finished``: refresh sidebars of pages not written, delete
    stale output, save the state. *render(pagename, context)* renders the sidebar
    template; *files* are the other files the blog writes (feeds, images)."""
    build = state.current(app)
    if build is None or app.builder.format != "html":
        return
    now, previous = build.state, build.previous
    now.sidebar = keys.digest(render(_PROBE, {}))
    if build.keyed is not None and build.keyed.sidebar != now.sidebar:
        stale: dict[str, dict[str, object]] = {
            d: {} for d in now.doc_keys if d not in build.written
        }
        refresh = [*stale.items(), *sorted(build.kept.items())]
        # A new post changes every page's sidebar: a thousand pages, spread
        # over the build's processes like the pages Sphinx writes.
        parallel_pages.run(
            app, [functools.partial(_refresh_page, app, render, *page) for page in refresh]
        )
    outdir = Path(app.outdir)
    pages = [*now.doc_keys, *now.page_keys]
    now.outputs = frozenset(
        [output.site_path(outdir, _html_builder(app).get_outfilename(p)) for p in pages]
        + list(files)
    )
    # Sphinx keeps the old .buildinfo when the settings change; a clean build has none.
    (outdir / ".buildinfo.bak").unlink(missing_ok=True)
    if not app.config.html_use_index:
        # Sphinx's own general index, which older builds of this site published
        # and a clean build no longer writes (site/pages.py).
        _remove(outdir, [output.site_path(outdir, _html_builder(app).get_outfilename("genindex"))])
    if previous is not None:
        _remove(outdir, previous.outputs - now.outputs)
    state.save(app, now)


def _html_builder(app: Sphinx) -> StandaloneHTMLBuilder:
    # Keys are kept by HTML builds only (outdated_docs); each has an output file per page.
    assert isinstance(app.builder, StandaloneHTMLBuilder)
    return app.builder


def _refresh_page(app: Sphinx, render: Render, pagename: str, context: dict[str, object]) -> None:
    _refresh(Path(_html_builder(app).get_outfilename(pagename)), render(pagename, context))


def _refresh(path: Path, sidebar: str) -> None:
    """Put the new sidebar element in place of the old one (bytes as Sphinx writes them)."""
    new = sidebar.encode("utf-8", "xmlcharrefreplace")
    try:
        page = path.read_bytes()
    except OSError:
        return
    old_span, new_span = context.sidebar_span(page), context.sidebar_span(new)
    if old_span is None or new_span is None:
        return  # a page without the blog sidebar (a redirect page)
    updated = page[: old_span[0]] + new[new_span[0] : new_span[1]] + page[old_span[1] :]
    if updated != page:
        # In place, as Sphinx writes every page: the search indexer, which may
        # be running now, reads its own copies (publish/search_pages.py). A
        # new file renamed over each of a thousand pages made the file system
        # allocate a thousand inodes and free as many, at every new post.
        path.write_bytes(updated)


def _remove(folder: Path, names: Iterable[str]) -> None:
    for name in sorted(names):
        path = folder / name
        path.unlink(missing_ok=True)
        # dirhtml pages are folders: remove the ones left empty.
        parent = path.parent
        while parent != folder and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
