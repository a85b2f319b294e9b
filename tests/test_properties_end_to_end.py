"""End to end: a generated post in a tiny site, through `blog check` and the
build's front end (what `make html` runs), as a writer would run them.

The promise (tests/fuzzing.py): exit status 0 or 1 from each (the front end
returns 2 only for an unexpected exception), no crash text in either output,
every problem line `path:line: what — how to fix` with a line inside the
file, and for a live post the check passes exactly when the build does.

Each example costs a check and a build (a few seconds): `make test` runs two,
`make fuzz` its budget (tests/fuzzing.py BUDGETS["end_to_end"]).
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fuzzing import (
    POST,
    TODAY,
    assert_no_crash_text,
    budget,
    check_and_build,
    front_matter,
    lines_of,
    make_tiny_site,
    markdown_body,
)
from wnyblog.posts import schema, vocabulary_parser

pytestmark = pytest.mark.slow  # a build per generated post

_PROBLEM = re.compile(r"^(?P<path>docs/[^:]+):(?P<line>\d+): (?:warning: )?.+ — .+$")


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory):
    return make_tiny_site(tmp_path_factory.mktemp("tiny"))


def assert_promise_kept(site: Path, text: str, runs: dict) -> None:
    for name, (status, output) in runs.items():
        assert status in (0, 1), (name, status, output[-3000:])
        assert_no_crash_text(output)
        for row in output.splitlines():
            if not row.startswith("docs/"):
                continue
            match = _PROBLEM.match(row)
            assert match, (name, row)
            path = site / match["path"]
            length = (
                lines_of(path.read_text(encoding="utf-8", errors="replace"))
                if path.is_file()
                else 1
            )
            assert 1 <= int(match["line"]) <= max(1, length), (name, row)
    vocab, _ = vocabulary_parser.read(site / "docs" / "vocabulary.yaml")
    meta, _ = schema.read_post(text, str(POST), vocab)
    live = meta is not None and meta.is_published(dt.date.fromisoformat(TODAY))
    if live:
        assert (runs["check"][0] == 0) == (runs["build"][0] == 0), runs


@budget("end_to_end")
@given(head=front_matter(), body=markdown_body(), dated=st.booleans())
def test_check_and_build_keep_the_promise_and_agree(tiny_site, head, body, dated):
    if dated and "date:" not in head:
        head = head.replace("---\n", "---\ndate: 2026-11-01\n", 1)
    text = head + "\n" + body
    assert_promise_kept(tiny_site, text, check_and_build(tiny_site, text))
