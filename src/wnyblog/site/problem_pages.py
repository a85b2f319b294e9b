"""In the preview, a post Sphinx cannot read shows its problems at its own
address (as Hugo's server shows build errors in the browser), instead of
"there is no page at this address" with the reason one line among many in
the terminal. The published build never writes these pages: there such a
post fails the build."""

from collections.abc import Iterator
from pathlib import Path

from sphinx.application import Sphinx

from .. import build_state
from ..checks.checked import shown
from ..checks.runner import CheckedPosts
from ..posts import drafts

TEMPLATE = "blog/problems.html"


def problem_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, object], str]]:
    """(page name, context, template) of a page listing each problem of every
    post the checks kept Sphinx from reading; none outside the preview."""
    report = build_state.of(app, CheckedPosts).report
    if report is None or not drafts.preview_mode():
        return
    srcdir = Path(app.srcdir)
    for path in report.unreadable:
        rel = path.relative_to(srcdir)
        if rel.parts[0] != "posts" or rel.name != "index.md":
            continue  # only a post's address is one a writer opens
        where = shown(path)
        yield (
            rel.with_suffix("").as_posix(),
            {
                "title": "This post has problems to fix",
                "source": where,
                "problems": [p for p in report.problems if p.path == where],
            },
            TEMPLATE,
        )
