"""``blog check``'s build: Sphinx reads every page as ``make html`` does, and
writes nothing.

A post can pass the blog's own checks and still fail the build: a block or
role from an extension the site does not have, a missing file to include,
Markdown MyST warns about, a link to nothing, code that cannot be coloured.
Only Sphinx knows all of those, so ``blog check`` runs the build itself, with
the same conf.py, extension and options (``-n``), into its own folder
(``_build/check``), and takes every warning it gives (:mod:`.buildlog`).

:class:`CheckBuilder` is ``make html``'s builder (dirhtml) minus its output:
each page is read, resolved and turned into HTML (where code is coloured and
images are looked at), and then dropped; no template is rendered and no file
is copied. It is incremental like the real build: a second check reads only
the pages that changed and those that warned. Unlike ``make html`` it also
reads drafts and scheduled posts (as ``make preview`` does), so their
problems are known before they are published.
"""

import io
import os
from collections.abc import Iterator, Set
from pathlib import Path
from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.dirhtml import DirectoryHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.util import docname_join

from ..posts.schema import Problem
from . import buildlog
from .runner import Report

if TYPE_CHECKING:  # Sphinx's application is imported when a check runs
    from sphinx.application import Sphinx

NAME = "blogcheck"
# In the check's environment: {page: the pages its links point to}; "*" for a
# link that may point to any page (a label, a heading anywhere).
_LINKING = "wnyblog_linking"
_ANY = "*"
FOLDER = Path("_build", "check")  # beside conf.py
# sphinx-build options of `make html` (Makefile SPHINXOPTS) that change what
# it reports: -n. (-W makes warnings fail the build; here every one is an error.)
OPTIONS = {"nitpicky": True}


class CheckBuilder(DirectoryHTMLBuilder):
    name = NAME
    epilog = ""
    search = False  # no search index
    # (added, changed, removed) pages of this run, from env-get-outdated.
    sources: tuple[Set[str], Set[str], Set[str]] = (frozenset(), frozenset(), frozenset())

    def init(self) -> None:
        super().init()
        # Furo writes its pygments.css there when any HTML build finishes.
        Path(self.outdir, "_static").mkdir(parents=True, exist_ok=True)

    def get_outdated_docs(self) -> Iterator[str]:
        # Pages with no output to compare with: only those read again (changed,
        # or warned last time) and those the blog's keys name are checked.
        return iter(())

    def write_documents(self, docnames: Set[str]) -> None:
        # A link breaks when the page it points to goes or changes while the
        # linking page stays as it was: Sphinx would not look at that page
        # again (a clean build would), so it is checked again here.
        touched: set[str] = set().union(*self.sources)
        if touched:
            linking: dict[str, frozenset[str]] = self.env.__dict__.get(_LINKING, {})
            docnames = set(docnames) | {
                page
                for page, targets in linking.items()
                if page in self.env.found_docs and (_ANY in targets or targets & touched)
            }
        super().write_documents(docnames)

    def copy_assets(self) -> None:
        pass

    def handle_page(self, *args: object, **kwargs: object) -> None:
        pass  # the page's HTML is made (and checked); no template, no file

    def finish(self) -> None:
        pass  # no listings, feeds, images, indices


def _checking(app: "Sphinx") -> bool:
    return app.builder is not None and app.builder.name == NAME


def note_changes(app: "Sphinx", added: Set[str], changed: Set[str], removed: Set[str]) -> None:
    """At ``env-get-outdated``. (Sphinx then adds to *changed* the pages read
    again for other reasons, such as those that warned.)"""
    if _checking(app):
        cast(CheckBuilder, app.builder).sources = (added, changed, removed)


def note_links(app: "Sphinx", doctree: nodes.document) -> None:
    """At ``doctree-read``: the pages this page links to."""
    if not _checking(app):
        return
    docname = app.env.docname
    targets = {_target(node, docname) for node in doctree.findall(addnodes.pending_xref)}
    linking: dict[str, frozenset[str]] = app.env.__dict__.setdefault(_LINKING, {})
    if targets:
        linking[docname] = frozenset(targets)
    else:
        linking.pop(docname, None)


def _target(node: addnodes.pending_xref, docname: str) -> str:
    domain, kind, target = node.get("refdomain"), node.get("reftype"), node.get("reftarget", "")
    if domain == "doc":  # a Markdown link to a page
        return target
    if domain == "std" and kind == "doc":  # {doc}
        return docname_join(node.get("refdoc") or docname, target.lstrip("/"))
    return _ANY


def forget(env: BuildEnvironment, docname: str) -> None:
    """At ``env-purge-doc``."""
    env.__dict__.get(_LINKING, {}).pop(docname, None)


def merge(env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment) -> None:
    """At ``env-merge-info``: a reading worker's pages' links."""
    mine = env.__dict__.setdefault(_LINKING, {})
    mine.update((d, t) for d, t in other.__dict__.get(_LINKING, {}).items() if d in docnames)


def run(srcdir: Path, confdir: Path) -> tuple[list[Problem], Report]:
    """Check the site: ``(problems, report)``, every warning as a Problem and
    the blog's check report (``runner.Report``) of the posts."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    out = confdir / FOLDER
    preview = os.environ.get("BLOG_PREVIEW")
    os.environ["BLOG_PREVIEW"] = "1"  # drafts and scheduled posts are read too
    try:
        with patch_docutils(confdir), docutils_namespace():
            app = Sphinx(
                srcdir,
                confdir,
                out / "html",
                out / "doctrees",
                NAME,
                confoverrides=dict(OPTIONS),
                status=None,
                warning=io.StringIO(),  # printed by the caller, from the Problems
                parallel=os.cpu_count() or 1,
            )
            app.build()
    finally:
        if preview is None:
            os.environ.pop("BLOG_PREVIEW", None)
        else:
            os.environ["BLOG_PREVIEW"] = preview
    report: Report = app.wnyblog_report  # type: ignore[attr-defined]
    return buildlog.problems(app), report
