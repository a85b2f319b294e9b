"""``blog check``: every problem in the posts, as ``file:line: what — how to fix``.

conf.py and the vocabulary file are checked first, whatever files were
given: a slip in either stops the build of every post. The problems then come
from the build itself (``checks/checkbuild.py``): the blog's own checks of the
vocabulary and of every post, and every warning Sphinx, MyST and docutils give
while reading the pages, each a ``Problem`` (``checks/buildlog.py``). They are
printed here, and only here.
"""

import argparse

from sphinx.errors import SphinxError

from ..checks import checkbuild, permalinks, published
from ..checks.checked import shown
from ..posts.schema import ADVICE, Problem
from . import github
from .errors import UserError, site_settings


def run_check(args: argparse.Namespace) -> int:
    settings, _, site_problems = site_settings(args)
    conf_py = [p for p in site_problems if p.path.endswith("conf.py")]
    if conf_py:  # Sphinx cannot even start
        for problem in conf_py:
            print(problem)
        print(f"{len(conf_py)} error{'s' * (len(conf_py) != 1)} in conf.py.")
        return 1
    confdir = args.docs.resolve().parent
    try:
        problems, report = checkbuild.run(args.docs.resolve(), confdir)
    except SphinxError as err:
        raise UserError(str(err)) from None
    if args.files:
        # The site's own settings are reported whatever files were given.
        wanted = {shown(path.resolve()) for path in args.files} | {p.path for p in site_problems}
        problems = [p for p in problems if p.path in wanted]
    base = published.base_posts(args.docs.resolve())
    if base.missing and github.active():
        problems.append(_no_base_branch(base.missing))
    problems.sort(key=lambda p: (p.path, p.line))
    for problem in problems:
        print(problem)
    errors = sum(p.severity == "error" for p in problems)
    advice = sum(p.severity == ADVICE for p in problems)
    warnings = len(problems) - errors - advice
    count = len(report.posts)
    # Advice is counted apart: it never fails the check or the build.
    given = f" (and {advice} piece{'s' * (advice != 1)} of advice)" if advice else ""
    if errors or warnings:
        print(
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
            f"in {count} post{'s' * (count != 1)}{given}."
        )
    else:
        print(
            ("The post looks good" if count == 1 else f"All {count} posts look good") + f"{given}."
        )
    for gone in permalinks.taken_down(args.docs.resolve(), report.posts, None, base):
        print(
            f"Taking down {gone.url}: {gone.path} is {gone.how}. Once this is published, "
            "that address shows “no page here”; if that is a mistake, restore the post."
        )
    if base.missing and not github.active():
        print(f"Published addresses were not checked: {base.missing}.")
    if github.active():
        github.report(problems, report.posts, args.docs, settings.site_url)
    return 1 if errors else 0


def _no_base_branch(why: str) -> Problem:
    """On GitHub the guarantee must not lapse quietly: a shallow checkout lacks
    the branch whose published addresses the change is held to."""
    return Problem(
        ".github/workflows/check.yml",
        1,
        f"the check cannot see the branch this change goes into ({why}), so it cannot tell "
        "whether a published address would stop working",
        "give the checkout step `fetch-depth: 0` (the whole history, with every branch)",
    )
