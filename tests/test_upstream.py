"""The fence around upstream internals (src/wnyblog/upstream.py).

Two halves:
- every private name of Sphinx, MyST, ABlog or sphinx-notfound-page the
  package uses is used in upstream.py and nowhere else;
- each assumption upstream.py makes still holds for the installed packages.
  A failure names what changed and the function to revisit, so moving a pin
  in requirements.txt tells the maintainer exactly where to look.
"""

import ast
import functools
import inspect
import re
import shutil
from pathlib import Path

import pytest

from helpers import REPO

PACKAGE = REPO / "src" / "wnyblog"
UPSTREAM = PACKAGE / "upstream.py"
PROJECTS = ("sphinx", "myst_parser", "ablog", "notfound", "docutils", "furo")
# Attributes that are other projects' internal state, not their API.
INTERNAL_ATTRIBUTES = (
    "listeners",
    "parallel",
    "build_info",
    "matched_blog_posts",
    "parallel_read_safe",
    "TOMORROW",
    "ablog_posts",
)


def revisit(function: str, what: str) -> str:
    return f"{what} — the pinned upstream changed: revisit src/wnyblog/upstream.py ({function})"


# -- Private names only in upstream.py -------------------------------------------------------------


def _private_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            parts = node.module.split(".")
            private = [a.name for a in node.names if a.name.startswith("_")]
            if parts[0] in PROJECTS and (any(p.startswith("_") for p in parts) or private):
                found.append(f"line {node.lineno}: from {node.module} import ...")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] in PROJECTS and any(p.startswith("_") for p in parts):
                    found.append(f"line {node.lineno}: import {alias.name}")
        elif isinstance(node, ast.Attribute):
            name = node.attr
            owner = node.value.id if isinstance(node.value, ast.Name) else ""
            private = name.startswith("_") and not name.startswith("__")
            if owner in ("self", "cls", "upstream"):
                continue
            if private or name in INTERNAL_ATTRIBUTES:
                found.append(f"line {node.lineno}: .{name}")
        elif isinstance(node, ast.Constant) and node.value in ("ablog_posts", "matched_blog_posts"):
            found.append(f"line {node.lineno}: {node.value!r}")
    return found


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(PACKAGE.rglob("*.py")) if p != UPSTREAM],
    ids=lambda p: p.relative_to(PACKAGE).as_posix(),
)
def test_private_upstream_names_are_used_only_in_upstream_py(path):
    uses = _private_uses(path)
    assert not uses, (
        f"{path.relative_to(REPO)} reaches into another project's internals "
        f"({'; '.join(uses)}): do it through src/wnyblog/upstream.py, with a check here"
    )


def test_the_fence_check_catches_a_private_name(tmp_path):
    module = tmp_path / "leaky.py"
    module.write_text("from sphinx.builders.html._build_info import BuildInfo\napp.parallel = 1\n")
    assert len(_private_uses(module)) == 2


# -- What upstream.py assumes --------------------------------------------------------------------


def test_docutils_settings_factories_exist():
    import importlib

    from wnyblog import upstream

    for module_name, name in upstream.SETTINGS_FACTORIES:
        module = importlib.import_module(module_name)
        factory = getattr(module, name, None)
        assert callable(factory), revisit(
            "memoise_settings_factories", f"{module_name}.{name} is gone"
        )
        original = getattr(factory, "__wrapped__", factory)
        kinds = [p.kind for p in inspect.signature(original).parameters.values()]
        assert inspect.Parameter.VAR_POSITIONAL in kinds, revisit(
            "memoise_settings_factories", f"{module_name}.{name} no longer takes components"
        )


def test_sphinx_loads_its_saved_environment_by_that_name_after_config_inited():
    import sphinx.application as application

    assert application.ENV_PICKLE_FILENAME == "environment.pickle", revisit(
        "discard_saved_environment", "the saved environment has another name"
    )
    source = inspect.getsource(application.Sphinx.__init__)
    config_inited = source.index("'config-inited'")
    assert config_inited < source.index("self._init_env("), revisit(
        "discard_saved_environment", "Sphinx now loads its environment before config-inited"
    )


def test_the_html_builder_makes_its_build_info_before_builder_inited():
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.builders.html._build_info import BuildInfo

    init = inspect.getsource(StandaloneHTMLBuilder.init)
    assert "self.build_info = self.create_build_info()" in init, revisit(
        "use_build_info", "StandaloneHTMLBuilder no longer keeps build_info"
    )
    parameters = list(inspect.signature(BuildInfo).parameters)
    assert parameters == ["config", "tags", "config_categories"], revisit(
        "build_info", f"BuildInfo now takes {parameters}"
    )


def test_sphinx_reads_the_process_count_at_each_phase():
    from sphinx.builders import Builder

    source = inspect.getsource(Builder)
    assert "nproc=self._app.parallel)" in source, revisit(
        "set_processes", "Builder.read no longer reads app.parallel when it starts"
    )
    assert "nproc=self._app.parallel - 1" in source, revisit(
        "set_processes", "Builder.write no longer reads app.parallel when it starts"
    )


def test_the_html_builder_builds_its_search_only_when_its_search_flag_is_on():
    from sphinx.builders.html import StandaloneHTMLBuilder

    assert StandaloneHTMLBuilder.search is True
    for method, needle in (
        ("prepare_writing", "if self.search:"),
        ("gen_additional_pages", "if self.search:"),
    ):
        source = inspect.getsource(getattr(StandaloneHTMLBuilder, method))
        assert needle in source, revisit("no_sphinx_search", f"{method} no longer reads search")


def test_the_template_loader_has_a_jinja_environment():
    from sphinx.jinja2glue import BuiltinTemplateLoader

    assert "self.environment = " in inspect.getsource(BuiltinTemplateLoader.init), revisit(
        "template_environment", "BuiltinTemplateLoader keeps no Jinja environment"
    )
    assert hasattr(BuiltinTemplateLoader, "newest_template_mtime"), revisit(
        "newest_template_mtime", "BuiltinTemplateLoader.newest_template_mtime is gone"
    )
    newest = inspect.getsource(BuiltinTemplateLoader._newest_template_mtime_name)
    assert "self.pathchain" in newest and "self.pathchain = " in inspect.getsource(
        BuiltinTemplateLoader.init
    ), revisit(
        "template_folders", "the template times Sphinx compares no longer come from pathchain"
    )


def test_ablog_names_this_package_replaces_or_reads():
    import ablog.blog
    import ablog.post

    from wnyblog import upstream

    assert hasattr(ablog.blog, "TOMORROW"), revisit("adapt_ablog", "ablog.blog.TOMORROW is gone")
    event, module, name = upstream.ABLOG_READER
    _, _, writers = upstream.ABLOG_WRITERS
    for handler in (name, *writers):
        assert callable(getattr(ablog.post, handler, None)), revisit(
            "adapt_ablog", f"ablog.post.{handler} is gone"
        )
    # Our front-matter transform must run before ABlog's.
    from wnyblog.posts.records import PostFrontMatter

    assert PostFrontMatter.default_priority < ablog.post.CheckFrontMatter.default_priority
    # The copy of the whole post that without_post_copy avoids: the section
    # ABlog copies is the document itself when the post is the whole page
    # (its excerpt copies, `child.deepcopy()`, are of parts and stay real).
    source = inspect.getsource(ablog.post.process_posts)
    assert "section_copy = section.deepcopy()" in source, revisit(
        "without_post_copy", "ABlog no longer copies the post"
    )


def test_sphinx_counts_a_warning_then_places_it_then_prints_it():
    from sphinx.util import logging as sphinx_logging

    setup = inspect.getsource(sphinx_logging.setup)
    order = [
        setup.index(name)
        for name in ("WarningSuppressor(app)", "WarningLogRecordTranslator(app)", "OnceFilter()")
    ]
    assert order == sorted(order), revisit("on_warning", "Sphinx's warning filters moved")
    assert "self._app._warncount += 1" in inspect.getsource(
        sphinx_logging.WarningSuppressor.filter
    ), revisit("on_warning", "Sphinx counts warnings elsewhere")
    assert "record.msg += f' [{log_type}.{log_subtype}]'" in inspect.getsource(
        sphinx_logging.WarningLogRecordTranslator.filter
    ), revisit("on_warning", "Sphinx shows a warning's type another way")


def test_on_warning_prints_the_callbacks_line_whole_or_drops_it(tmp_path):
    import io

    from sphinx.application import Sphinx
    from sphinx.util import logging as sphinx_logging

    from wnyblog import upstream

    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    (tmp_path / "index.rst").write_text("Home\n====\n", encoding="utf-8")
    warnings = io.StringIO()
    app = Sphinx(
        tmp_path,
        tmp_path,
        tmp_path / "out",
        tmp_path / "d",
        "html",
        status=None,
        warning=warnings,
        freshenv=True,
    )
    seen = []

    def callback(location, text, kind, attached):
        seen.append((location, text, kind, attached))
        return None if text == "drop me" else f"docs/x.md:3: {text} — fix it"

    upstream.on_warning(app, callback, "wnyblog_test")
    logger = sphinx_logging.getLogger("wnyblog.test")
    logger.warning("said once", type="blog", subtype="post", extra={"wnyblog_test": 7})
    logger.warning("drop me")
    printed = re.sub(r"\x1b\[[0-9;]*m", "", warnings.getvalue())  # without colours
    assert printed.splitlines() == ["docs/x.md:3: said once — fix it"]
    assert seen == [(None, "said once", "blog.post", 7), (None, "drop me", "", None)]
    assert app._warncount == 1  # the dropped one is not counted


def test_myst_runs_include_itself_and_takes_settings_from_front_matter():
    import myst_parser.config.main as config
    import myst_parser.mdit_to_docutils.base as base
    import myst_parser.mocking as mocking
    import myst_parser.parsers.sphinx_ as parser

    from wnyblog import upstream

    run_directive = inspect.getsource(base.DocutilsRenderer.run_directive)
    assert "issubclass(directive_class, Include)" in run_directive, revisit(
        "guard_myst_include", "MyST no longer runs include itself"
    )
    assert "MockIncludeDirective(" in run_directive and hasattr(base, "MockIncludeDirective")
    assert "read_text(" in inspect.getsource(mocking.MockIncludeDirective.run), revisit(
        "guard_myst_include", "MyST's include reads files another way"
    )
    assert "merge_file_level(" in inspect.getsource(parser.MystParser.parse), revisit(
        "guard_myst_topmatter", "MyST takes a page's settings another way"
    )
    merge = inspect.getsource(config.merge_file_level)
    for key in upstream.MYST_TOPMATTER_KEYS:
        assert f'"{key}"' in merge, revisit("guard_myst_topmatter", f"MyST reads {key} anew")


@pytest.fixture
def built_app(tmp_path):
    """A tiny blog built in this process, so the adapted upstream can be inspected."""
    import ablog.blog
    from sphinx.application import Sphinx

    src = tmp_path / "src"
    shutil.copytree(REPO / "tests" / "roots" / "test-edges" / "_static", src / "_static")
    (src / "conf.py").write_text(
        (REPO / "tests" / "roots" / "test-edges" / "conf.py").read_text(), encoding="utf-8"
    )
    (src / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    post = src / "posts" / "2026" / "hello"
    post.mkdir(parents=True)
    (post / "index.md").write_text(
        "---\ndate: 2026-01-05\n---\n# Hello\n\nFirst words.\n", encoding="utf-8"
    )
    ablog.blog.Blog._dict = {}
    app = Sphinx(
        str(src),
        str(src),
        str(tmp_path / "out"),
        str(tmp_path / "doctrees"),
        "dirhtml",
        status=None,
        warning=None,
        freshenv=True,
    )
    app.build()
    yield app
    ablog.blog.Blog._dict = {}


def test_the_adapted_upstream_is_as_upstream_py_expects(built_app):
    from wnyblog import upstream

    app = built_app
    docname = "posts/2026/hello/index"
    assert docname in upstream.ablog_post_docnames(app), revisit(
        "ablog_post_docnames", "ABlog no longer lists its posts in matched_blog_posts"
    )
    info = upstream.ablog_post(app.env, docname)
    assert info is not None, revisit("ablog_post", f"env.{upstream.ABLOG_POSTS} has no such post")
    title, update = upstream.ablog_title_and_update(info)
    assert title == "Hello", revisit("ablog_title_and_update", f"ABlog's title is {title!r}")
    assert info["doctree"] is None and info["excerpt"] == []
    collectors = {
        (getattr(listener.handler, "__module__", ""), getattr(listener.handler, "__name__", ""))
        for listener in app.events.listeners["html-collect-pages"]
    }
    assert not {m for m, _ in collectors} & {"ablog.post", "notfound.extension"}, collectors
    reader = [
        listener.handler
        for listener in app.events.listeners["doctree-read"]
        if getattr(listener.handler, "__module__", "") == "ablog.post"
    ]
    # ABlog's one reader, wrapped by without_post_copy.
    assert len(reader) == 1 and reader[0].__wrapped__ is ablog_reader(), reader
    assert app.extensions["ablog"].parallel_read_safe
    # The pages ABlog and sphinx-notfound-page would have written are ours.
    assert (Path(app.outdir) / "404.html").is_file()
    assert (Path(app.outdir) / "blog" / "atom.xml").is_file()


def ablog_reader():
    import ablog.post

    from wnyblog import upstream

    return getattr(ablog.post, upstream.ABLOG_READER[2])


# Run in a fresh process: in this one, any earlier build has installed the
# guards already, and the test would pass without this build installing them.
_GUARDS = """
import json, logging, sys
import myst_parser.mdit_to_docutils.base as base
import myst_parser.parsers.sphinx_ as parser
from docutils.parsers.rst import directives
from docutils.parsers.rst.languages import en
from sphinx.application import Sphinx
from wnyblog import upstream

def guards():
    found = {
        "include (MyST)": getattr(base.MockIncludeDirective, "wnyblog_guarded", False),
        "front matter (MyST)": getattr(parser.merge_file_level, "wnyblog_guarded", False),
    }
    for name in ("include", "literalinclude", "csv-table", "raw", "figure"):
        try:
            directive = directives.directive(name, en, None)[0]
        except AttributeError:  # not registered yet (Sphinx adds literalinclude)
            directive = None
        found[name] = getattr(directive, "wnyblog_guarded", False)
    filters = [f for h in logging.getLogger("sphinx").handlers for f in h.filters]
    found["warning filter"] = any(isinstance(f, upstream._WarningFilter) for f in filters)
    return found

before = guards()
src, out = sys.argv[1], sys.argv[2]
app = Sphinx(src, src, out + "/html", out + "/doctrees", "dirhtml", status=None, warning=None)
after = guards()
app.build()
print(json.dumps({"before": before, "after": after}))
"""


def test_a_build_puts_the_guards_and_the_warning_filter_in_place(tmp_path):
    import json
    import subprocess
    import sys

    from helpers import build_env

    src = tmp_path / "src"
    shutil.copytree(REPO / "tests" / "roots" / "test-edges" / "_static", src / "_static")
    shutil.copy(REPO / "tests" / "roots" / "test-edges" / "conf.py", src / "conf.py")
    (src / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", _GUARDS, str(src), str(tmp_path / "out")],
        env=build_env({"BLOG_TODAY": "2026-11-25"}),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.splitlines()[-1])
    assert not any(found["before"].values()), found["before"]  # nothing installed them yet
    assert all(found["after"].values()), found["after"]  # this build did


def test_a_missing_handler_is_reported_with_the_module_to_revisit(built_app):
    from sphinx.errors import ExtensionError

    from wnyblog import upstream

    with pytest.raises(ExtensionError, match=re.escape(upstream.MODULE)):
        upstream.disconnect(built_app, "html-collect-pages", "ablog.post", ("no_such_handler",))
    with pytest.raises(ExtensionError, match=re.escape(upstream.MODULE)):
        upstream.wrap_handler(built_app, "doctree-read", "ablog.post", "renamed", lambda h: h)


def test_docutils_settings_memoise_through_upstream():
    import sphinx.util.docutils as sphinx_docutils

    from wnyblog.speed import docutils_settings

    docutils_settings.install()
    assert hasattr(sphinx_docutils._get_settings, "__wrapped__")


def test_myst_reads_front_matter_with_yaml_safe_load():
    import importlib

    from wnyblog import upstream

    for module_name, name in upstream.MYST_YAML_CALLERS:
        owner: object = importlib.import_module(module_name)
        for part in name.split("."):
            owner = getattr(owner, part, None)
        assert callable(owner), revisit("myst_yaml_loader", f"{module_name}.{name} is gone")
        assert "yaml.safe_load(" in inspect.getsource(owner), revisit(
            "myst_yaml_loader", f"{module_name}.{name} no longer calls yaml.safe_load"
        )


FRONT_MATTER = """\
title: "Sleep, worry & the 3 a.m. spiral"
date: 2025-03-04
tags: [anxiety, sleep, 3.10]
count: 0x1F
draft: no
author: dr-jane-lee
summary: >
  What to do at night when thoughts race,
  and when to call us.
list:
  - one
  - {nested: [1, 2.5, ~, true]}
"""


def test_front_matter_is_read_by_libyaml_with_the_same_values_and_errors():
    import yaml

    from wnyblog import upstream
    from wnyblog.speed import myst_yaml

    myst_yaml.install()
    assert yaml.safe_load is not upstream.pure_yaml_safe_load
    pure = upstream.pure_yaml_safe_load(FRONT_MATTER)
    assert yaml.safe_load(FRONT_MATTER) == pure
    assert pure["date"].isoformat() == "2025-03-04" and pure["count"] == 31
    for broken in ("title: [unclosed\n", "a: b\n  c: d\n", "key: @at\n"):
        with pytest.raises(yaml.YAMLError) as fast:
            yaml.safe_load(broken)
        with pytest.raises(yaml.YAMLError) as slow:
            upstream.pure_yaml_safe_load(broken)
        assert str(fast.value) == str(slow.value)


def test_parallel_readers_send_their_pickled_environment_and_merge_their_documents():
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from wnyblog import upstream

    reading = inspect.getsource(Builder._read_parallel)
    assert "pickle.dumps(self.env" in reading and "merge_info_from(docs" in reading, revisit(
        "trim_pickled_environment", "Sphinx's parallel reading no longer pickles the environment"
    )
    merging = inspect.getsource(BuildEnvironment.merge_info_from)
    assert "for docname in docnames" in merging, revisit(
        "ENV_PER_DOCUMENT", "Sphinx merges more than the read documents"
    )
    made = inspect.getsource(BuildEnvironment.__init__)
    for name in upstream.ENV_PER_DOCUMENT:
        if name != upstream.ABLOG_POSTS:
            assert re.search(rf"self\.{name}\b", made), revisit(
                "ENV_PER_DOCUMENT", f"the environment has no {name}"
            )


def test_textstat_reads_package_resources_only_through_resource_stream():
    import subprocess
    import sys

    source = (Path(__import__("textstat").__file__).parent / "textstat.py").read_text("utf-8")
    uses = re.findall(r"pkg_resources\.(\w+)", source)
    assert uses and set(uses) == {"resource_stream"}, revisit(
        "import_textstat", f"textstat uses pkg_resources.{sorted(set(uses))}"
    )
    # In a fresh process: the grade and the word lists work, pkg_resources is not imported.
    probe = (
        "import sys; from wnyblog import upstream; t = upstream.import_textstat(); "
        "text = 'The cat sat on the mat. It was a sunny day and everyone was happy.'; "
        "print(t.flesch_kincaid_grade(text), t.dale_chall_readability_score(text) > 0, "
        "'pkg_resources' in sys.modules)"
    )
    shown = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-c", probe],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert shown == ["2.7", "True", "False"]


def test_the_html_builder_asks_each_link_for_its_checksum_by_name():
    import importlib

    from sphinx.builders.html import StandaloneHTMLBuilder

    from wnyblog import upstream
    from wnyblog.speed import asset_checksums

    module = importlib.import_module(upstream.ASSET_CHECKSUM[0])
    assert callable(getattr(module, upstream.ASSET_CHECKSUM[1], None)), revisit(
        "memoise_asset_checksum", "the builder's asset checksum is gone"
    )
    source = inspect.getsource(StandaloneHTMLBuilder)
    assert source.count(f"{upstream.ASSET_CHECKSUM[1]}(outdir, ") == 2, revisit(
        "memoise_asset_checksum", "css_tag and js_tag no longer call it by that name"
    )
    asset_checksums.install()
    assert hasattr(getattr(module, upstream.ASSET_CHECKSUM[1]), "__wrapped__")


def test_an_asset_checksum_is_found_once_per_file(tmp_path):
    from wnyblog.speed import asset_checksums

    calls = []

    def checksum(outdir, filename):
        calls.append(filename)
        return f"sum-of-{filename}"

    remembered = asset_checksums.memoised(checksum)
    for _ in range(3):
        assert remembered(tmp_path, "_static/blog.css") == "sum-of-_static/blog.css"
        assert remembered(tmp_path, "_static/furo.js") == "sum-of-_static/furo.js"
    assert calls == ["_static/blog.css", "_static/furo.js"]


def test_sphinx_decides_staleness_where_upstream_judges_by_content():
    import sphinx.environment
    from sphinx.builders.html import StandaloneHTMLBuilder

    from wnyblog import upstream

    parameters = inspect.signature(sphinx.environment._has_doc_changed).parameters
    assert list(parameters) == [
        "docname",
        "filename",
        "reread_always",
        "doctreedir",
        "all_docs",
        "dependencies",
    ], revisit("judge_sources_by_content", "_has_doc_changed takes other arguments")
    assert "_has_doc_changed(" in inspect.getsource(
        sphinx.environment.BuildEnvironment.get_outdated_files
    ), revisit("judge_sources_by_content", "get_outdated_files no longer calls _has_doc_changed")
    outdated = inspect.getsource(StandaloneHTMLBuilder.get_outdated_docs)
    assert "BuildInfo.load" in outdated and "_last_modified_time" in outdated, revisit(
        "judge_pages_by_content", "get_outdated_docs decides by something else than times"
    )
    assert upstream.template_files.__doc__


def test_a_source_with_the_same_bytes_is_not_read_again(tmp_path):
    import sphinx.environment

    from wnyblog import upstream

    source = tmp_path / "page.md"
    source.write_text("# Page\n", encoding="utf-8")
    (tmp_path / "page.doctree").write_bytes(b"")
    original = sphinx.environment._has_doc_changed

    class App:
        doctreedir = tmp_path

    verdicts = {str(source): True}
    upstream.judge_sources_by_content(App(), verdicts.get)  # type: ignore[arg-type]
    try:
        changed = functools.partial(
            sphinx.environment._has_doc_changed,
            "page",
            filename=source,
            reread_always=set(),
            doctreedir=tmp_path,
            all_docs={"page": 0},  # read long before the file's time
            dependencies={},
        )
        assert changed() is False  # the same bytes: not read again, whatever its time
        verdicts[str(source)] = False
        assert changed() is True  # other bytes
        del verdicts[str(source)]
        assert changed() is True  # unknown to the record: Sphinx's time decides
    finally:
        upstream.stop_judging(App())  # type: ignore[arg-type]
        sphinx.environment._has_doc_changed = original
