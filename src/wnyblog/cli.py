"""The writers' command line: ``blog <command>`` (also reachable through make).

Every command returns an exit code and prints plain sentences; a mistake in
the input is reported as what is wrong and how to fix it, never a traceback.
"""

import argparse
import datetime as dt
import sys
from pathlib import Path

from . import clock, importer
from .slugs import slugify


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except UserError as err:
        print(f"blog {args.command}: {err}", file=sys.stderr)
        return 1


class UserError(Exception):
    """A problem the writer can fix; its message says how."""


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
    imp.add_argument("--author", default="clinic", help="author key from conf.py (default: clinic)")
    imp.add_argument(
        "--old-url",
        help="the post's address on the old Wix site, e.g. /post/my-post; "
        "the old address then redirects to the new one",
    )
    imp.set_defaults(run=run_import)
    return parser


def _date(text: str) -> dt.date:
    try:
        return clock.parse_post_date(text).date()
    except clock.DateError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def post_path(docs: Path, date: dt.date, slug: str) -> Path:
    """Where a post lives: one folder per post, by year and slug, images beside it."""
    return docs / "posts" / str(date.year) / slug / "index.md"


def run_import(args) -> int:
    try:
        text = args.export.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError(
            f"{args.export}: no such file — check the path of the exported .txt file"
        ) from None
    except UnicodeDecodeError:
        raise UserError(
            f"{args.export}: not UTF-8 text — export the post again as plain text"
        ) from None
    try:
        post = importer.parse_wix_export(text)
    except importer.WixImportError as err:
        raise UserError(f"{args.export}: {err}") from None
    slug = slugify(post.title, max_words=12) or "imported-post"
    target = post_path(args.docs, args.date, slug)
    if target.exists():
        raise UserError(
            f"{target} already exists — this post was imported before; "
            "delete that folder first to import it again"
        )
    target.parent.mkdir(parents=True)
    target.write_text(
        importer.to_myst(post, date=args.date, author=args.author, old_url=args.old_url),
        encoding="utf-8",
    )
    print(f"Imported “{post.title}” to {target}")
    if post.cover_alt:
        print(
            f"The Wix cover image (alt text “{post.cover_alt}”) is not in the export: "
            "add the image beside the post and set `image:` and `image_alt:` to show it."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
