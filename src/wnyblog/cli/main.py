"""The writers' command line: ``blog <command>`` (also reachable through make).

Every command returns an exit code and prints plain sentences; a mistake in
the input is reported as what is wrong and how to fix it, never a traceback.
Each command is a module of this folder; this one reads the arguments.
"""

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..posts import dates
from ..posts.schema import one_line, unbreakable_output
from .check import run_check
from .errors import UserError
from .importing import run_import
from .new import run_new
from .preview import PREVIEW_PORT, run_preview
from .strip_location import run_strip_location


def main(argv: list[str] | None = None) -> int:
    unbreakable_output()
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args)
        return status
    except UserError as err:
        print(one_line(f"blog {args.command}: {err}"), file=sys.stderr)
        return 1
    except OSError as err:
        print(
            one_line(f"blog {args.command}: {err.filename or ''}: {err.strerror}"), file=sys.stderr
        )
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="blog", description="Write and publish the clinic's blog."
    )
    parser.add_argument(
        "--docs", type=Path, default=Path("docs"), help="the site's source folder (default: docs)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    imp = commands.add_parser("import", help="turn a Wix plain-text export into a post")
    imp.add_argument("export", type=Path, help="the exported .txt file")
    imp.add_argument(
        "--date",
        required=True,
        type=_date,
        help="the post's date, YYYY-MM-DD (the import day: Wix exports carry none)",
    )
    imp.add_argument(
        "--author", default="clinic", help="author key from docs/vocabulary.yaml (default: clinic)"
    )
    imp.add_argument(
        "--old-url",
        help="the post's address on the old Wix site, e.g. /post/my-post; "
        "the old address then redirects to the new one",
    )
    imp.set_defaults(run=run_import)

    new = commands.add_parser("new", help="start a new post")
    new.add_argument("title", help='the post\'s title, in quotes: "Coping with winter"')
    new.add_argument(
        "--tags",
        default="",
        help="comma-separated tags from docs/vocabulary.yaml, e.g. sleep,self-care",
    )
    new.add_argument("--category", help="one category from docs/vocabulary.yaml")
    new.add_argument(
        "--author", help="author key from docs/vocabulary.yaml (default: the default author)"
    )
    new.add_argument("--date", type=_date, help="publication date, YYYY-MM-DD (default: today)")
    new.add_argument(
        "--draft", action="store_true", help="keep it unpublished until you remove `draft: true`"
    )
    new.add_argument(
        "--slug", help="the address part of the post's URL (default: made from the title)"
    )
    new.set_defaults(run=run_new)

    check = commands.add_parser("check", help="check every post (or the files given)")
    check.add_argument("files", nargs="*", type=Path, help="only report on these files")
    # Kept so older scripts and hooks still run: the addresses are read from
    # git now (checks/published.py), and nothing is recorded.
    check.add_argument("--no-record", action="store_true", help=argparse.SUPPRESS)
    check.set_defaults(run=run_check)

    strip = commands.add_parser(
        "strip-location",
        help="take location data and camera serial numbers out of pictures (in place)",
    )
    strip.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="pictures or folders (default: every picture under docs/)",
    )
    strip.set_defaults(run=run_strip_location)

    preview = commands.add_parser(
        "preview", help="show the site with drafts, rebuilding as you edit"
    )
    preview.add_argument("--port", type=int, default=PREVIEW_PORT)
    preview.set_defaults(run=run_preview)
    return parser


def _date(text: str) -> dt.date:
    try:
        return dates.parse_post_date(text).date()
    except dates.DateError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


if __name__ == "__main__":
    sys.exit(main())
