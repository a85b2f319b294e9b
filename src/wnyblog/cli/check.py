"""``blog check``: every problem in the posts, as ``file:line: what — how to fix``."""

from ..checks import permalinks, runner
from . import github
from .errors import site_settings


def run_check(args) -> int:
    settings, vocab = site_settings(args)
    only = {path.resolve() for path in args.files} or None
    report = runner.check_site(args.docs, vocab, only={p for p in only} if only else None)
    if github.active():  # GitHub's copy of the files is thrown away: it cannot record addresses
        report.problems += permalinks.unrecorded(args.docs, report.posts)
    for problem in report.problems:
        print(problem)
    errors, warnings = len(report.errors), len(report.problems) - len(report.errors)
    count = len(report.posts)
    if report.problems:
        print(
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
            f"in {count} post{'s' * (count != 1)}."
        )
    else:
        print("The post looks good." if count == 1 else f"All {count} posts look good.")
    if github.active():
        github.report(report.problems, report.posts, args.docs, settings.site_url)
    elif not errors and not args.no_record:
        for url in permalinks.record_new(args.docs, report.posts):
            print(
                f"Recorded the new address {url} in {args.docs / permalinks.RECORD}: "
                "commit that file with the post."
            )
    return 1 if errors else 0
