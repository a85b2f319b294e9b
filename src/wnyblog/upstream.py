"""Every place the blog reaches into Sphinx, MyST, ABlog or sphinx-notfound-page
beyond their public API, with the reason.

The versions are pinned exactly (requirements.txt), so all of this holds
today. When a pin moves, ``tests/test_upstream.py`` checks each assumption
made here against the installed packages and names the function to revisit.
No other module of the package may use a private name of those projects
(the same test reads every module to make sure).

Sphinx and ABlog are imported inside the functions: the build's front end
imports this package before deciding whether to start Sphinx at all.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import types
from collections.abc import Callable, Iterator, Mapping, Set
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Generic, Literal, TypeAlias, TypeVar

if TYPE_CHECKING:
    import logging
    import optparse

    import jinja2
    from _typeshed import SupportsRead
    from docutils import nodes
    from docutils.parsers.rst import Directive
    from myst_parser.config.main import MdParserConfig
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.builders.html._build_info import BuildInfo
    from sphinx.environment import BuildEnvironment
    from sphinx.events import EventListener

# ABlog's info on a post: an untyped dict of mixed values (title, date, nodes...).
AblogInfo = dict[str, Any]
# A function that builds a document's docutils settings (Sphinx's, MyST's).
SettingsFactory = Callable[..., "optparse.Values"]
# What a warning's record carries under the attribute on_warning is told of.
Attached = TypeVar("Attached")

MODULE = "src/wnyblog/upstream.py"


def _changed(what: str) -> Exception:
    from sphinx.errors import ExtensionError

    return ExtensionError(f"{what}: the pinned upstream changed; revisit {MODULE}")


# -- Event handlers of other extensions -----------------------------------------------------------
# Sphinx has no public way to remove or wrap another extension's handler;
# its EventManager keeps them in ``listeners[event]`` as (id, handler, priority).


def _listeners(app: Sphinx, event: str) -> list[EventListener]:
    return app.events.listeners[event]


def _is(listener: EventListener, module: str, name: str | None) -> bool:
    handler = listener.handler
    if getattr(handler, "__module__", "") != module:
        return False
    return name is None or getattr(handler, "__name__", "") == name


def disconnect(app: Sphinx, event: str, module: str, names: tuple[str, ...] = ()) -> None:
    """Remove *module*'s handlers of *event* (only those named *names*, if given)."""
    found = [
        listener
        for listener in list(_listeners(app, event))
        if any(_is(listener, module, name) for name in names or (None,))
    ]
    if len(found) < max(1, len(names)):
        raise _changed(f"{module} no longer connects {', '.join(names) or 'a handler'} to {event}")
    for listener in found:
        app.disconnect(listener.id)


def wrap_handler(
    app: Sphinx,
    event: str,
    module: str,
    name: str,
    wrapper: Callable[[Callable[..., object]], Callable[..., object]],
) -> None:
    """Put ``wrapper(handler)`` in place of *module*.*name*'s handler of
    *event*, in its slot, so it keeps its turn among the handlers."""
    listeners = _listeners(app, event)
    for index, listener in enumerate(listeners):
        if _is(listener, module, name):
            listeners[index] = listener._replace(handler=wrapper(listener.handler))
            return
    raise _changed(f"{module}.{name} is no longer connected to {event}")


# -- ABlog ----------------------------------------------------------------------------------------

ABLOG_READER = ("doctree-read", "ablog.post", "process_posts")
# ABlog's own archive pages and Atom feed, replaced by this extension's.
ABLOG_WRITERS = (
    "html-collect-pages",
    "ablog.post",
    ("generate_archive_pages", "generate_atom_feeds"),
)
# ABlog's per-document post data in the environment (merged from parallel readers here).
ABLOG_POSTS = "ablog_posts"


def adapt_ablog(app: Sphinx) -> None:
    """ABlog as this blog uses it: it reads posts; this extension writes the pages.

    - its archive pages and feed writers are disconnected;
    - its reader no longer copies each whole post (:func:`without_post_copy`);
    - it is declared safe for parallel reading: ABlog keeps its posts in
      ``env.ablog_posts`` and cannot merge them from parallel readers, but
      ``posts.records.PostRecords`` does;
    - it no longer decides publication with the build machine's clock: by the
      time ABlog sees a post, this extension has decided (drafts and future
      posts are not even read), so ABlog's ``TOMORROW`` is set to the far future.
    """
    import ablog.blog

    event, module, names = ABLOG_WRITERS
    disconnect(app, event, module, names)
    wrap_handler(app, *ABLOG_READER, without_post_copy)
    app.extensions["ablog"].parallel_read_safe = True
    if not hasattr(ablog.blog, "TOMORROW"):
        raise _changed("ablog.blog.TOMORROW is gone")
    ablog.blog.TOMORROW = dt.datetime.max


def without_post_copy(
    process_posts: Callable[..., object],
) -> Callable[[Sphinx, nodes.document], None]:
    """ABlog's ``doctree-read`` handler, minus its copy of the whole post.

    ABlog deep-copies every post's doctree into its post info, which
    :func:`lighten_ablog_post` then drops: milliseconds per post, for nothing.
    While ABlog's handler runs, the document's ``deepcopy`` gives an empty
    document instead; copies of parts of it (excerpts, images) are real."""
    from docutils import nodes

    @functools.wraps(process_posts)
    def handler(app: Sphinx, doctree: nodes.document) -> None:
        # An instance attribute shadows docutils' method while ABlog's handler
        # runs (mypy refuses assigning to a method: hence the ignore).
        doctree.deepcopy = lambda: nodes.document(  # type: ignore[method-assign]
            doctree.settings, doctree.reporter
        )
        try:
            process_posts(app, doctree)
        finally:
            del doctree.deepcopy

    return handler


def ablog_post_docnames(app: Sphinx) -> list[str]:
    """The documents ABlog takes for posts (``blog_post_pattern``), as it
    records them in its ``matched_blog_posts`` setting."""
    docnames: list[str] = app.config.matched_blog_posts
    return docnames


def ablog_post(env: BuildEnvironment, docname: str) -> AblogInfo | None:
    """ABlog's info on the post *docname* (its first post in the document),
    with the node copies it keeps dropped (:func:`lighten_ablog_post`)."""
    infos: list[AblogInfo | None] = getattr(env, ABLOG_POSTS, {}).get(docname) or [None]
    for info in filter(None, infos):
        lighten_ablog_post(info)
    return infos[0]


def merge_ablog_posts(env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment) -> None:
    """Bring a parallel reader's ABlog posts home (ABlog, marked parallel-safe
    here, has no merge of its own; it purges its own data)."""
    mine = getattr(env, ABLOG_POSTS, None)
    if mine is None:
        mine = {}
        setattr(env, ABLOG_POSTS, mine)
    mine.update({d: p for d, p in getattr(other, ABLOG_POSTS, {}).items() if d in docnames})


def ablog_title_and_update(info: AblogInfo) -> tuple[str, dt.datetime | None]:
    """The title ABlog found and its ``update`` time (naive, or None)."""
    return info["title"], info["update"]


def lighten_ablog_post(info: AblogInfo) -> None:
    """Drop the node copies ABlog keeps of each post (the whole doctree and the
    excerpt paragraphs). Each copy still points at its source document, so
    pickling the environment pickled every post's full doctree again, and with
    parallel reading a copy of a worker's settings with it: hundreds of MB for
    a thousand posts. Only ABlog's own archive pages, feeds and ``postlist``
    excerpts read them, and this extension replaces those."""
    info["doctree"] = None
    info["excerpt"] = []


# -- sphinx-notfound-page -------------------------------------------------------------------------

NOTFOUND_WRITER = ("html-collect-pages", "notfound.extension")


def adapt_notfound(app: Sphinx) -> None:
    """sphinx-notfound-page without its page writer: it would yield the page
    under the builder's URL scheme (``404/index.html`` with dirhtml);
    ``publish.notfound`` writes ``404.html`` itself."""
    app.setup_extension("notfound.extension")
    disconnect(app, *NOTFOUND_WRITER)


# -- Sphinx and MyST: docutils settings made once per process -------------------------------------

# (module, function) pairs that build a document's docutils settings.
SETTINGS_FACTORIES = (
    ("sphinx.util.docutils", "_get_settings"),
    ("myst_parser.mdit_to_docutils.base", "get_default_settings"),
)


def memoise_settings_factories(
    memoised: Callable[[SettingsFactory], SettingsFactory],
) -> None:
    """Replace the settings factories Sphinx and MyST call for each document by
    ``memoised(factory)`` (see ``speed.docutils_settings``); once per process."""
    for module_name, name in SETTINGS_FACTORIES:
        _wrap_once(module_name, name, memoised)


def _wrap_once(module_name: str, name: str, wrap: Callable[[Any], Any]) -> None:
    """Put ``wrap(original)`` in place of *name* in *module_name* (a dotted
    name inside it is an attribute of a class there), once per process: a
    wrapper carries ``__wrapped__`` (``functools.wraps``), so it is not wrapped
    again."""
    import importlib

    owner: object = importlib.import_module(module_name)
    *path, last = name.split(".")
    for part in path:
        owner = getattr(owner, part)
    original = getattr(owner, last, None)
    if original is None:
        raise _changed(f"{module_name}.{name} is gone")
    if not hasattr(original, "__wrapped__"):
        setattr(owner, last, wrap(original))


# MyST calls ``yaml.safe_load`` on each page's front matter, twice, through
# the yaml module itself (one call imports it inside the function): the
# module's function is what can be replaced.
MYST_YAML_CALLERS = (
    ("myst_parser.config.main", "read_topmatter"),
    ("myst_parser.mdit_to_docutils.base", "DocutilsRenderer.render_front_matter"),
)


# What yaml.safe_load reads: text, or a file.
YamlStream: TypeAlias = "str | bytes | SupportsRead[str] | SupportsRead[bytes]"


def pure_yaml_safe_load(stream: YamlStream) -> object:
    """PyYAML's own ``safe_load``, whatever :func:`myst_yaml_loader` put in its place."""
    import yaml

    load = yaml.safe_load
    return getattr(load, "__wrapped__", load)(stream)


def myst_yaml_loader(load: Callable[[YamlStream], object]) -> None:
    """Have ``yaml.safe_load`` (MyST's front-matter reader) call *load*; once per process."""

    def wrap(original: Callable[[YamlStream], object]) -> Callable[[YamlStream], object]:
        @functools.wraps(original)
        def safe_load(stream: YamlStream) -> object:
            return load(stream)

        return safe_load

    _wrap_once("yaml", "safe_load", wrap)


# The environment's tables keyed by docname that Sphinx's collectors (and
# this package's merge of ABlog's posts) merge from a parallel reader only for
# the documents it read (``merge_info_from``, ``env-merge-info``).
ENV_PER_DOCUMENT = (
    "all_docs",
    "dependencies",
    "included",
    "metadata",
    "titles",
    "longtitles",
    "tocs",
    "toc_num_entries",
    "toctree_includes",
    ABLOG_POSTS,
)


def trim_pickled_environment(trim: Callable[[dict[str, Any]], None]) -> None:
    """Have ``trim(state)`` see the environment's state each time it is
    pickled (a parallel reader's, sent back; the one saved to disk), once per
    process (see ``speed.reader_env``)."""

    def wrap(
        original: Callable[[BuildEnvironment], dict[str, Any]],
    ) -> Callable[[BuildEnvironment], dict[str, Any]]:
        @functools.wraps(original)
        def getstate(self: BuildEnvironment) -> dict[str, Any]:
            state = original(self)
            trim(state)
            return state

        return getstate

    _wrap_once("sphinx.environment", "BuildEnvironment.__getstate__", wrap)


# textstat imports pkg_resources (0.1 s of an edit's build, and a deprecation
# warning) for one thing: reading its word lists as package resources, which
# the Flesch-Kincaid grade never does (checks/reading.py).
TEXTSTAT_RESOURCES = ("textstat.textstat", "pkg_resources", "resource_stream")


def import_textstat() -> types.ModuleType:
    """textstat, imported with a stand-in for pkg_resources that reads its
    word lists through importlib.resources (the real one is left for anyone
    else to import)."""
    import importlib
    import sys

    if TEXTSTAT_RESOURCES[0] in sys.modules or TEXTSTAT_RESOURCES[1] in sys.modules:
        return importlib.import_module("textstat")
    stand_in = types.ModuleType(TEXTSTAT_RESOURCES[1])

    def resource_stream(package: str, resource: str) -> IO[bytes]:
        from importlib import resources

        return resources.files(package).joinpath(resource).open("rb")

    setattr(stand_in, TEXTSTAT_RESOURCES[2], resource_stream)
    sys.modules[TEXTSTAT_RESOURCES[1]] = stand_in
    try:
        return importlib.import_module("textstat")
    finally:
        if sys.modules.get(TEXTSTAT_RESOURCES[1]) is stand_in:
            del sys.modules[TEXTSTAT_RESOURCES[1]]


# The function the HTML builder's css_tag and js_tag call for each link's
# ``?v=`` checksum (imported by name into the builder's module).
ASSET_CHECKSUM = ("sphinx.builders.html", "_file_checksum")
# (output folder, file name) -> the checksum (empty when there is none).
AssetChecksum = Callable[[Path, "str | os.PathLike[str]"], str]


def memoise_asset_checksum(memoised: Callable[[AssetChecksum], AssetChecksum]) -> None:
    """Replace the builder's asset checksum by ``memoised(checksum)`` (see
    ``speed.asset_checksums``); once per process."""
    _wrap_once(*ASSET_CHECKSUM, memoised)


# -- Sphinx: the saved environment, .buildinfo, processes -----------------------------------------


def discard_saved_environment(app: Sphinx) -> None:
    """Make Sphinx read every document again: remove the environment it saved.

    Must run at ``config-inited``, before Sphinx loads it
    (``Sphinx._init_env`` reads ``ENV_PICKLE_FILENAME`` from the doctree folder).
    """
    from sphinx.application import ENV_PICKLE_FILENAME

    Path(app.doctreedir, ENV_PICKLE_FILENAME).unlink(missing_ok=True)


def build_info(
    app: Sphinx,
    own: dict[str, str],
    categories: Set[Literal["env", "html"]] = frozenset({"html"}),
) -> BuildInfo:
    """Sphinx's ``BuildInfo`` (what ``.buildinfo`` records) with every setting
    that names a folder of this machine shown portably, so that it does not
    depend on where the project is cloned or its virtual environment sits.
    *own* maps a value this extension set (a folder, the template bridge) to
    its label; a folder inside an installed package (ABlog adds its
    stylesheets' folder to ``html_static_path``) becomes
    ``site-packages:ablog/stylesheets``, one inside the project relative to it."""
    from sphinx.builders.html._build_info import BuildInfo

    config = app.config
    roots = [(f"{label}:", os.path.realpath(folder)) for label, folder in _folders(app)]
    saved = {}
    for option in config.filter(categories):
        shown = _portable(option.value, own, roots)
        if shown != option.value:
            saved[option.name] = option.value
            setattr(config, option.name, shown)
    try:
        return BuildInfo(config, app.builder.tags, categories)
    finally:
        for name, value in saved.items():
            setattr(config, name, value)


def _folders(app: Sphinx) -> list[tuple[str, str]]:
    """(label, folder) of the places a setting may name: installed packages,
    then the project (conf.py's folder)."""
    import sysconfig

    paths = sysconfig.get_paths()
    return [
        ("site-packages", paths["purelib"]),
        ("site-packages", paths["platlib"]),
        ("project", str(app.confdir)),
    ]


def _portable(value: object, own: dict[str, str], roots: list[tuple[str, str]]) -> object:
    """*value* with each absolute path in it (alone, or in a list or tuple)
    written as a label and a path relative to a folder of *roots*."""
    if isinstance(value, list | tuple):
        return type(value)(_portable(item, own, roots) for item in value)
    if not isinstance(value, str):
        return value
    if value in own:
        return own[value]
    if not os.path.isabs(value):
        return value
    real = os.path.realpath(value)
    for label, root in roots:
        if real == root or real.startswith(root + os.sep):
            return label + os.path.relpath(real, root).replace(os.sep, "/")
    return value


def use_build_info(app: Sphinx, info: BuildInfo) -> None:
    """Give the HTML builder *info* as its ``build_info``. The builder makes its
    own first thing in ``init()``, from the config as it is then; this runs at
    ``builder-inited``, before anything compares or writes it."""
    if not hasattr(app.builder, "build_info"):
        raise _changed("the HTML builder has no build_info")
    app.builder.build_info = info


def processes(app: Sphinx) -> int:
    """How many processes Sphinx uses for the phase it starts next."""
    return app.parallel


def set_processes(app: Sphinx, count: int) -> None:
    """Sphinx reads ``app.parallel`` when it starts reading and again when it
    starts writing (``Builder.read``, ``Builder._write_parallel``), so setting
    it between phases gives each phase its own number of processes."""
    app.parallel = count


# -- Sphinx: what every warning says, and where --------------------------------------------------
# Sphinx prints warnings through one handler on its "sphinx" logger
# (``sphinx.util.logging.setup``); its filters count the warning, turn the
# location (a docname, a node) into "path:line" and append " [type.subtype]".


# callback(location, text, kind, attached) -> the whole line to print, or None.
WarningCallback = Callable[[str | None, str, str, Attached | None], str | None]


class _WarningFilter(Generic[Attached]):
    """Runs after Sphinx's own filters on each warning; see :func:`on_warning`."""

    def __init__(self, app: Sphinx, callback: WarningCallback[Attached], attached: str) -> None:
        self.app, self.callback, self.attached = app, callback, attached

    def filter(self, record: logging.LogRecord) -> bool:
        import logging

        kind = ".".join(filter(None, (getattr(record, "type", ""), getattr(record, "subtype", ""))))
        suffix = f" [{kind}]" if kind else ""
        text = logging.LogRecord.getMessage(record)  # without Sphinx's location prefix
        if suffix and text.endswith(suffix):
            text = text[: -len(suffix)]
        said = self.callback(
            getattr(record, "location", None), text, kind, getattr(record, self.attached, None)
        )
        if said is None:
            self.app._warncount -= 1  # counted by Sphinx's first filter; not printed
            return False
        record.__class__ = _said_as_is(record.__class__)
        record.location, record.msg, record.args = None, said, ()
        return True


# Each warning record class with its prefix taken off, made once per class.
_AS_IS: dict[type, type] = {}


def _said_as_is(record_class: type) -> type:
    """*record_class* (Sphinx's warning record, whose ``prefix`` property
    says "WARNING: ") with no prefix: the callback's line is printed whole."""
    if getattr(record_class, "wnyblog_as_is", False):
        return record_class
    if record_class not in _AS_IS:
        _AS_IS[record_class] = type(
            record_class.__name__, (record_class,), {"prefix": "", "wnyblog_as_is": True}
        )
    return _AS_IS[record_class]


def on_warning(app: Sphinx, callback: WarningCallback[Attached], attached: str) -> None:
    """Have ``callback(location, text, kind, attached)`` rewrite every warning
    Sphinx prints, after Sphinx has made its location a "path:line" string
    (or None) and before it is printed. *kind* is "type.subtype"; *attached*
    is the record's attribute of that name (a logger's ``extra``). The
    callback returns the whole line to print (Sphinx adds neither its
    "path:line: WARNING: " nor its " [type.subtype]"), or None to drop it."""
    import logging

    from sphinx.util.logging import NAMESPACE, WarningLogRecordTranslator, WarningStreamHandler

    handlers = [
        h for h in logging.getLogger(NAMESPACE).handlers if isinstance(h, WarningStreamHandler)
    ]
    if len(handlers) != 1 or not any(
        isinstance(f, WarningLogRecordTranslator) for f in handlers[0].filters
    ):
        raise _changed("Sphinx no longer prints warnings through one WarningStreamHandler")
    if not hasattr(app, "_warncount"):
        raise _changed("Sphinx no longer counts warnings in app._warncount")
    handlers[0].addFilter(_WarningFilter(app, callback, attached))


# -- MyST: files a Markdown page reads ------------------------------------------------------------
# MyST runs `{include}` itself (``MockIncludeDirective`` in
# ``myst_parser.mdit_to_docutils.base``), never the registered directive's
# ``run``; and it lets a page's front matter change MyST's settings
# (``merge_file_level`` in ``myst_parser.parsers.sphinx_``), including turning
# on Jinja substitutions, which can run any code.

MYST_INCLUDE = ("myst_parser.mdit_to_docutils.base", "MockIncludeDirective")
MYST_TOPMATTER = ("myst_parser.parsers.sphinx_", "merge_file_level")
# Front-matter keys MyST reads as settings for the page (the last two are its
# older spellings).
MYST_TOPMATTER_KEYS = ("myst", "substitutions", "html_meta")


def guard_myst_include(refused: Callable[[Directive], bool]) -> None:
    """Before MyST's `{include}` reads a file, ask ``refused(directive)``
    (with ``document``, ``name``, ``klass``, ``arguments``, ``options`` and
    ``lineno``); when it returns True the directive inserts nothing."""
    import importlib

    module = importlib.import_module(MYST_INCLUDE[0])
    mock = getattr(module, MYST_INCLUDE[1], None)
    if mock is None or not callable(getattr(mock, "run", None)):
        raise _changed(f"{'.'.join(MYST_INCLUDE)} is gone")
    if getattr(mock, "wnyblog_guarded", False):
        return

    # MyST's private mock, found by name: mypy takes no base from a variable. It
    # has a directive's attributes, though it is no Directive subclass.
    class GuardedInclude(mock):  # type: ignore[valid-type,misc]
        wnyblog_guarded = True

        def run(self) -> list[nodes.Element]:
            return [] if refused(self) else super().run()

    setattr(module, MYST_INCLUDE[1], GuardedInclude)


def guard_myst_topmatter(refused: Callable[[str, Callable[[str], None]], None]) -> None:
    """Pages keep MyST's settings from conf.py: front-matter keys that would
    change them (:data:`MYST_TOPMATTER_KEYS`) are ignored, and
    ``refused(key, warn)`` is told of each (*warn(text)* is a MyST warning at
    the top of the page)."""
    import importlib

    from myst_parser.warnings_ import MystWarnings

    module = importlib.import_module(MYST_TOPMATTER[0])
    merge = getattr(module, MYST_TOPMATTER[1], None)
    if merge is None:
        raise _changed(f"{'.'.join(MYST_TOPMATTER)} is gone")
    if getattr(merge, "wnyblog_guarded", False):
        return

    def keep_settings(
        config: MdParserConfig,
        topmatter: dict[str, object],
        warning: Callable[[MystWarnings, str], None],
    ) -> MdParserConfig:
        for key in MYST_TOPMATTER_KEYS:
            if key in topmatter:
                refused(key, lambda text: warning(MystWarnings.MD_TOPMATTER, text))
        return config

    keep_settings.__dict__["wnyblog_guarded"] = True  # read back with getattr above
    setattr(module, MYST_TOPMATTER[1], keep_settings)


# -- Sphinx: its search and the template loader ----------------------------------------------


def no_sphinx_search(app: Sphinx) -> None:
    """Turn off Sphinx's own search (Pagefind searches the site instead).

    With the HTML builder's ``search`` flag off, Sphinx builds no index,
    writes no ``searchindex.js`` and no search page (``html-collect-pages``
    gives the blog's own), and adds no search scripts to pages."""
    if hasattr(app.builder, "search"):
        app.builder.search = False


def template_environment(app: Sphinx) -> jinja2.Environment | None:
    """The Jinja environment Sphinx renders pages with (None for other builders)."""
    templates = getattr(app.builder, "templates", None)
    environment: jinja2.Environment | None = getattr(templates, "environment", None)
    return environment


def template_folders(app: Sphinx) -> list[str]:
    """The folders whose HTML templates Sphinx compares by time with the pages
    (``newest_template_mtime`` walks them); none for other builders."""
    templates = getattr(app.builder, "templates", None)
    return [str(folder) for folder in getattr(templates, "pathchain", ())]


def template_files(app: Sphinx) -> list[str]:
    """Every HTML template the builder may render (those whose newest time
    Sphinx compares with the pages), in a stable order."""
    found: list[str] = []
    for root in template_folders(app):
        for folder, dirs, names in os.walk(root):
            dirs.sort()
            found.extend(os.path.join(folder, n) for n in sorted(names) if n.endswith(".html"))
    return found


# -- Sphinx: staleness by content, not by file time ------------------------------------------------
# Sphinx 9.0.4 decides by file time in two places: which sources to read again
# (``sphinx.environment._has_doc_changed``: the source or one of its
# dependencies newer than when it was read) and which pages to write again
# (the HTML builder's ``get_outdated_docs``: the source, or the newest
# template, newer than the page). ``env-get-outdated`` can only add documents.
# A fresh clone or install gives every file a new time, so both are asked
# first whether the file's content is as the last successful build found it;
# only a file the record does not know falls back to its time.

# How a build judges content: (path) -> True unchanged, False changed, None unknown.
ContentJudge = Callable[[str], "bool | None"]
# The judge of each build, by its doctree folder (the one argument of
# ``_has_doc_changed`` that names the build).
_JUDGES: dict[Path, ContentJudge] = {}


def _doc_changed_by_content(original: Callable[..., bool]) -> Callable[..., bool]:
    @functools.wraps(original)
    def has_doc_changed(
        docname: str,
        *,
        filename: Path,
        reread_always: Set[str],
        doctreedir: Path,
        all_docs: Mapping[str, int],
        dependencies: Mapping[str, Set[Path]],
    ) -> bool:
        judge = _JUDGES.get(Path(doctreedir))
        files = [str(filename), *(str(d) for d in sorted(dependencies.get(docname, ())))]
        verdicts = [judge(f) for f in files] if judge is not None else [None]
        if None in verdicts or docname in reread_always:
            return original(
                docname,
                filename=filename,
                reread_always=reread_always,
                doctreedir=doctreedir,
                all_docs=all_docs,
                dependencies=dependencies,
            )
        if not Path(doctreedir, f"{docname}.doctree").is_file():
            return True
        return not all(verdicts)

    has_doc_changed.__dict__["wnyblog_by_content"] = True  # read back with getattr
    return has_doc_changed


def judge_sources_by_content(app: Sphinx, judge: ContentJudge) -> None:
    """Make this build's environment read again only the sources (and their
    dependencies) whose content *judge* says changed."""
    from sphinx import environment

    original = getattr(environment, "_has_doc_changed", None)
    if original is None:
        raise _changed("sphinx.environment._has_doc_changed is gone")
    if not getattr(original, "wnyblog_by_content", False):
        environment._has_doc_changed = _doc_changed_by_content(original)
    _JUDGES[Path(app.doctreedir)] = judge


def stop_judging(app: Sphinx) -> None:
    """At the end of a build: its judge (and its record) are not kept."""
    _JUDGES.pop(Path(app.doctreedir), None)


def judge_pages_by_content(app: Sphinx, judge: ContentJudge) -> None:
    """Make the HTML builder write again the pages whose source *judge* says
    changed, and those with no page on disk, instead of comparing the
    source's and the newest template's times with the page's. Sphinx's own
    answer stands when ``.buildinfo`` differs (every page), and for a source
    the record does not know (its time). Changed templates change
    ``speed/keys.py``'s salt, which writes every page."""
    import types

    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.builders.html._build_info import BuildInfo
    from sphinx.util.osutil import _last_modified_time

    builder = app.builder
    original = StandaloneHTMLBuilder.get_outdated_docs
    if not isinstance(builder, StandaloneHTMLBuilder) or (
        type(builder).get_outdated_docs is not original
    ):
        return  # another builder (blog check's) decides for itself

    def get_outdated_docs(self: StandaloneHTMLBuilder) -> Iterator[str]:
        try:
            same_settings = BuildInfo.load(self.outdir / ".buildinfo") == self.build_info
        except OSError:
            same_settings = True  # no .buildinfo: Sphinx compares the pages too
        except ValueError:
            same_settings = False  # Sphinx warns
        if not same_settings:
            yield from original(self)
            return
        env = self.env
        for docname in sorted(env.found_docs):
            target = self.get_output_path(docname)
            if docname not in env.all_docs or not target.is_file():
                yield docname
                continue
            source = env.doc2path(docname)
            verdict = judge(str(source))
            if verdict is False:
                yield docname
            elif verdict is None:
                try:
                    if _last_modified_time(source) > _last_modified_time(target):
                        yield docname
                except OSError:
                    pass  # the source is gone

    # This builder's own method replaced: Sphinx offers no hook that can drop a
    # document (mypy refuses assigning to a method: hence the ignore).
    builder.get_outdated_docs = types.MethodType(get_outdated_docs, builder)  # type: ignore[method-assign]
