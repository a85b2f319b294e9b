"""Docutils settings are made once per build process and copied for each document."""

from docutils.parsers.rst import Parser
from docutils.readers import standalone
from sphinx.util import docutils as sphinx_docutils

from wnyblog.speed import docutils_settings


def test_a_copy_is_what_a_new_option_parser_gives():
    docutils_settings.install()
    memoised = sphinx_docutils._get_settings
    fresh = memoised.__wrapped__
    defaults = {"traceback": True, "input_encoding": "utf-8-sig", "smartquotes_locales": []}
    first = memoised(standalone.Reader, Parser(), defaults=defaults, read_config_files=True)
    second = memoised(standalone.Reader, Parser(), defaults=defaults, read_config_files=True)
    want = fresh(standalone.Reader, Parser(), defaults=defaults, read_config_files=True)
    got, expected = vars(second).copy(), vars(want).copy()
    assert got.pop("record_dependencies").list == expected.pop("record_dependencies").list == []
    assert got == expected
    # What one document records it depends on is its own.
    second.record_dependencies.add("included.md")
    assert first.record_dependencies is not second.record_dependencies
    assert "included.md" not in first.record_dependencies.list


def test_other_defaults_give_other_settings():
    docutils_settings.install()
    memoised = sphinx_docutils._get_settings
    plain = memoised(standalone.Reader, Parser(), defaults={"halt_level": 5})
    strict = memoised(standalone.Reader, Parser(), defaults={"halt_level": 2})
    assert (plain.halt_level, strict.halt_level) == (5, 2)
