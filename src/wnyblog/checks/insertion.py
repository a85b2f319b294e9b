"""Everything that reads a file while a page is read, held to :mod:`.files`'s rule.

Directives that read while the page is parsed (`{include}`, `{literalinclude}`,
`{csv-table}`, `{raw}`, `{figure}`) are the installed classes, wrapped: the
wrapper refuses before anything is read. MyST runs `{include}` itself, so
it is guarded too (``upstream.guard_myst_include``), and a page's front matter
may not change how MyST reads it (Jinja substitutions can run any code).
Images (Markdown or directive) and download links (the `{download}` role,
Markdown links to files) only name a file that Sphinx copies into the site
later: :class:`FilesFromOutside` removes those that reach outside before
Sphinx notes them. Each refusal is a ``file:line`` error.
"""

import dataclasses
import functools
import glob
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import quote
from urllib.request import url2pathname

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from docutils.parsers.rst.directives.misc import Include, adapt_path
from docutils.parsers.rst.languages import en
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import get_image_filename_for_language

from .. import upstream
from ..posts import filenames
from ..posts.schema import Problem
from . import buildlog, files, messages
from .checked import shown

# A path as os.path takes it.
AnyPath = str | os.PathLike[str]


def _sphinx_target(env: BuildEnvironment, reader: str, written: str) -> files.Target:
    """What Sphinx reads for *written* in the current page: from the source
    folder when it starts with /, else from the page's folder. Sphinx says
    which file (``env.relfn2path``, which follows links); the path before
    that tells a link from a file elsewhere."""
    if Path(written).parts[:1] in {("/",), ("\\",)}:
        path = os.path.join(env.srcdir, *Path(written).parts[1:])
    else:
        path = os.path.join(os.path.dirname(env.doc2path(env.docname)), written)
    if filenames.refused(written) is not None:  # Sphinx would fail to look it up
        return files.Target(reader, written, path)
    return files.Target(reader, written, path, env.relfn2path(written, env.docname)[1])


def _docutils_path(directive: Directive, written: str) -> str:
    """The file a docutils directive reads: from the including file's folder."""
    document = directive.state.document
    return os.path.abspath(
        adapt_path(written, document.current_source or "", document.settings.root_prefix)
    )


def _include(d: Directive) -> list[files.Target]:
    written = d.arguments[0]
    if written.startswith("<") and written.endswith(">"):  # docutils' own files
        # docutils' include directive, or MyST's stand-in for it (its class in klass).
        # getattr's default is a plain type to mypy, where Include is known from klass.
        include: type[Include] = getattr(d, "klass", type(d))  # type: ignore[arg-type]
        standard = include.standard_include_path
        return [files.Target(f"`{{{d.name}}}`", written, os.path.join(standard, written[1:-1]))]
    return [_sphinx_target(_env(d), f"`{{{d.name}}}`", written)]


def _literalinclude(d: Directive) -> list[files.Target]:
    env, what = _env(d), f"`{{{d.name}}}`"
    found = [_sphinx_target(env, what, d.arguments[0])]
    if "diff" in d.options:
        found.append(_sphinx_target(env, what, d.options["diff"]))
    return found


def _file_or_url(d: Directive) -> list[files.Target]:
    """`{raw}` and `{csv-table}`: a `:file:` (Sphinx reads a /-path from the
    source folder for tables) or a `:url:`."""
    what, found = f"`{{{d.name}}}`", list[files.Target]()
    if "url" in d.options:
        found.append(files.Target(what, d.options["url"], None))
    if "file" in d.options:
        written = d.options["file"]
        if d.name == "csv-table" and written.startswith(("/", os.sep)):  # Sphinx's way
            found.append(_sphinx_target(_env(d), what, written))
        else:
            found.append(files.Target(what, written, _docutils_path(d, written)))
    return found


def _figure(d: Directive) -> list[files.Target]:
    written = files.as_named(d.arguments[0])
    if files.is_url(written) or written.startswith("data:"):
        return []
    found = [_sphinx_target(_env(d), "image", written)]
    if d.options.get("figwidth") == "image":  # docutils measures it from the working folder
        found.append(files.Target("image", written, os.path.abspath(url2pathname(written))))
    return found


# Whitespace inside a file name (spaces; the narrow space macOS puts in a
# screenshot's name before AM or PM), not around it.
_SPACE = re.compile(r"(?<=\S)\s+(?=\S)")

READERS: dict[str, Callable[[Directive], list[files.Target]]] = {
    "include": _include,
    "literalinclude": _literalinclude,
    "csv-table": _file_or_url,
    "raw": _file_or_url,
    "figure": _figure,
}


def install(app: Sphinx) -> None:
    """Wrap the directives registered now (Sphinx's and docutils' own)."""
    # docutils looks a directive up without a document (its stubs want one: the
    # ignores below say only that None is passed where a document is typed).
    for name in READERS:
        cls, _ = directives.directive(name, en, None)  # type: ignore[arg-type]
        if cls is not None and not getattr(cls, "wnyblog_guarded", False):
            app.add_directive(name, _guarded(cls), override=True)
    for name in ("image", "figure"):  # MyST runs `image` for a typed <img> too
        cls, _ = directives.directive(name, en, None)  # type: ignore[arg-type]
        if cls is not None and not getattr(cls, "wnyblog_names_kept", False):
            app.add_directive(name, _names_kept(cls), override=True)
    upstream.guard_myst_include(lambda mock: _refused(mock, mock.lineno))
    upstream.guard_myst_topmatter(_topmatter_refused)
    app.add_transform(ImageNames)
    app.add_transform(FilesFromOutside)


def _names_kept(cls: type[Directive]) -> type[Directive]:
    """docutils drops every space from an image's file name (“IMG 1234.JPG”
    becomes “IMG1234.JPG”): written as %20, the name survives, and
    :class:`ImageNames` turns it back."""

    class NamesKept(cls):  # type: ignore[valid-type,misc]  # mypy takes no base from a variable
        wnyblog_names_kept = True

        def run(self) -> list[nodes.Node]:
            if self.arguments:
                self.arguments[0] = _SPACE.sub(lambda m: quote(m.group()), self.arguments[0])
            shown: list[nodes.Node] = super().run()
            return shown

    NamesKept.__name__ = NamesKept.__qualname__ = cls.__name__
    return NamesKept


def _guarded(cls: type[Directive]) -> type[Directive]:
    class Guarded(cls):  # type: ignore[valid-type,misc]  # mypy takes no base from a variable
        wnyblog_guarded = True

        def run(self) -> list[nodes.Node]:
            return [] if _refused(self, self.lineno) else super().run()

    Guarded.__name__ = Guarded.__qualname__ = cls.__name__
    return Guarded


def _env(d: Directive) -> BuildEnvironment:
    env: BuildEnvironment = _document(d).settings.env
    return env


def _document(d: Directive) -> nodes.document:
    document: nodes.document = d.document if hasattr(d, "document") else d.state.document
    return document


def _refused(d: Directive, lineno: int) -> bool:
    """Report every target of directive *d* the page may not read; True if any."""
    env = _env(d)
    source = env.doc2path(env.docname)
    machine = getattr(d, "state_machine", None)
    path, line = machine.get_source_and_line(lineno) if machine else (source, lineno)
    return _report(env, source, READERS[d.name](d), lambda: (path or source, line or 1))


def _report(
    env: BuildEnvironment,
    source: AnyPath,
    targets: Iterable[files.Target],
    where: Callable[[], tuple[AnyPath, int]],
) -> bool:
    """Report each of *targets* the page may not read; True if any. *where*
    gives the (file, line) to name, asked only for a refusal: finding an
    image's line reads its page's source."""
    folder = files.allowed_folder(env.srcdir, source)
    is_post = files.is_post_folder(env.srcdir, folder)
    refusals = [said for t in targets if (said := files.refusal(t, folder, is_post)) is not None]
    if refusals:
        path, line = where()
        for said in refusals:
            buildlog.warn(Problem(shown(os.path.abspath(path)), line, *said), subtype="file")
    return bool(refusals)


def _topmatter_refused(key: str, warn: Callable[[str], None]) -> None:
    warn(messages.topmatter_refused(key))


class ImageNames(SphinxTransform):
    """Images name their files as the writer sees them (“IMG 1234.JPG”, not
    MyST's “IMG%201234.JPG”), before anything looks the files up."""

    default_priority = 860

    def apply(self, **kwargs: object) -> None:
        for node in self.document.findall(nodes.image):
            node["uri"] = files.as_named(node.get("uri", ""))


class FilesFromOutside(SphinxTransform):
    """Images and download links that reach outside the page's folder are
    taken out of the page before Sphinx notes the files to copy (at
    ``doctree-read``, priority 880), each with an error."""

    default_priority = 870

    def apply(self, **kwargs: object) -> None:
        env = self.env
        source = env.doc2path(env.docname)
        for node in list(self.document.findall(nodes.image)):
            uri = node.get("uri", "")
            if files.is_url(uri) or uri.startswith("data:"):
                continue
            targets = _image_files(env, uri)
            if _report(env, source, targets, functools.partial(_where, node, uri, source)):
                node.parent.remove(node)
        for link in list(self.document.findall(addnodes.download_reference)):
            written = link.get("reftarget", "")
            if files.is_url(written):
                continue
            target = _sphinx_target(env, "download", written)
            if _report(env, source, [target], functools.partial(_where, link, written, source)):
                link.replace_self(nodes.inline("", "", *link.children))


def _image_files(env: BuildEnvironment, uri: str) -> list[files.Target]:
    """Every file Sphinx may copy for an image: the file, its translation for
    the site's language, and each match of a `name.*` pattern."""
    found = [_sphinx_target(env, "image", uri)]
    if env.config.language:
        translated = _sphinx_target(env, "image", get_image_filename_for_language(uri, env))
        found.append(dataclasses.replace(translated, written=uri))
    for target in list(found):
        if "*" in target.written and target.real is not None:
            found += [files.Target("image", uri, path) for path in glob.glob(target.real)]
    return found


def _where(node: nodes.Element, written: str, source: AnyPath) -> tuple[AnyPath, int]:
    """The file and line of *node*: MyST gives inline images no line, so the
    line is found from the paragraph's, where the file name is written."""
    path, line = node.source, node.line
    parent = node
    while line is None and parent.parent is not None:
        parent = parent.parent
        path, line = path or parent.source, parent.line
    found: AnyPath = path or source
    return found, messages.find_line(found, [written], start=line or 1) or line or 1
