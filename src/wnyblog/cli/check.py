"""``blog check``: every problem in the posts, as ``file:line: what — how to fix``.

conf.py and the vocabulary file are checked first, whatever files were
given: a slip in either stops the build of every post.
"""

from ..checks import permalinks, runner
from .errors import site_settings


def run_check(args) -> int:
    _, vocab, site_problems = site_settings(args)
    only = {path.resolve() for path in args.files} or None
    report = runner.check_site(args.docs, vocab, only=only)
    problems = site_problems + report.problems
    for problem in problems:
        print(problem)
    errors = len(site_problems) + len(report.errors)
    warnings = len(problems) - errors
    count = len(report.posts)
    if problems:
        print(
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
            f"in {count} post{'s' * (count != 1)}."
        )
    else:
        print("The post looks good." if count == 1 else f"All {count} posts look good.")
    if not errors and not args.no_record:
        for url in permalinks.record_new(args.docs, report.posts):
            print(
                f"Recorded the new address {url} in {args.docs / permalinks.RECORD}: "
                "commit that file with the post."
            )
    return 1 if errors else 0
