"""``config-inited``: conf.py has been read; nothing else has happened yet.

Settle the settings (the authors, tags and categories come from the
vocabulary file), check every post (drafts and scheduled posts too, so a
writer hears of every problem at once) and leave unpublished posts out of
what Sphinx will read.
"""

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from .. import build_state, config_values, upstream
from ..checks import buildlog, review, runner
from ..posts import drafts, vocabulary
from ..posts.schema import ADVICE, Vocabulary
from ..publish import compact, notfound
from ..site import address, pages
from ..speed import checkmemo, codeversion


def handle(app: Sphinx, config: Config) -> None:
    # Every warning from here on is printed as `path:line: what — how to fix`.
    buildlog.install(app)
    # Before Sphinx loads its saved environment (right after this event).
    codeversion.discard_stale_environment(app)
    address.configure(config)
    notfound.configure(config)
    pages.configure(config)
    vocab = read_vocabulary(app, config)
    exclude_unpublished(app, config, vocab)
    config_values.add_folders(config)
    compact.configure(config)


def read_vocabulary(app: Sphinx, config: Config) -> Vocabulary:
    """The vocabulary file, as ABlog's settings; its problems as warnings.
    (ABlog reads these settings only once reading starts, after this event.)"""
    conf_py = Path(app.confdir, "conf.py") if app.confdir else None
    vocab, problems = vocabulary.load(Path(app.srcdir), conf_py)
    for name, value in vocabulary.config_values(vocab).items():
        setattr(config, name, value)
    for problem in problems:
        buildlog.warn(problem, subtype="vocabulary")
    return vocab


def exclude_unpublished(app: Sphinx, config: Config, vocab: Vocabulary) -> None:
    """Check every post, report its problems as warnings (``-W`` makes them
    errors), then exclude drafts and posts dated after today."""
    srcdir = Path(app.srcdir)
    memo = checkmemo.load(app.doctreedir)
    report = runner.check_site(
        srcdir,
        vocab,
        memo=memo,
        jobs=upstream.processes(app),
        settings=review.Settings.from_config(config),
    )
    checkmemo.save(app.doctreedir, memo)
    build_state.of(app, runner.CheckedPosts).report = report  # what `blog check` tells
    for problem in report.problems:
        if problem.severity == ADVICE:
            buildlog.advise(app, problem)
        else:
            buildlog.warn(problem, subtype="post")
    for path in report.unreadable:  # reported above; Sphinx itself would crash on them
        config.exclude_patterns.append(path.relative_to(srcdir).as_posix())
    unpublished = build_state.of(app, drafts.Unpublished).status = drafts.unpublished(report.posts)
    if not drafts.preview_mode(config):
        by_docname = {post.docname: post for post in report.posts}
        for docname in unpublished:
            config.exclude_patterns.append(by_docname[docname].path.relative_to(srcdir).as_posix())
