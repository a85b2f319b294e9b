"""The writers' command line: ``blog <command>`` (also reachable through make).

Every command returns an exit code and prints plain sentences; a mistake in
the input is reported as what is wrong and how to fix it, never a traceback.
"""

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from ..checks import runner
from ..checks.body import SKELETON_TEXT
from ..posts import dates, schema
from ..posts.slugs import slugify
from . import siteconf, wix

PREVIEW_HOST, PREVIEW_PORT = "127.0.0.1", 8000


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except UserError as err:
        print(f"blog {args.command}: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"blog {args.command}: {err.filename or ''}: {err.strerror}", file=sys.stderr)
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

    new = commands.add_parser("new", help="start a new post")
    new.add_argument("title", help='the post\'s title, in quotes: "Coping with winter"')
    new.add_argument(
        "--tags", default="", help="comma-separated tags from conf.py, e.g. sleep,self-care"
    )
    new.add_argument("--category", help="one category from conf.py")
    new.add_argument(
        "--author", help="author key from conf.py (default: the site's default author)"
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
    check.add_argument(
        "--no-record",
        action="store_true",
        help=f"do not add newly published addresses to docs/{runner.PERMALINKS}",
    )
    check.set_defaults(run=run_check)

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
        post = wix.parse_wix_export(text)
    except wix.WixImportError as err:
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
        wix.to_myst(post, date=args.date, author=args.author, old_url=args.old_url),
        encoding="utf-8",
    )
    print(f"Imported “{post.title}” to {target}")
    if post.cover_alt:
        print(
            f"The Wix cover image (alt text “{post.cover_alt}”) is not in the export: "
            "add the image beside the post and set `image:` and `image_alt:` to show it."
        )
    return 0


def _settings(args):
    confdir = args.docs.resolve().parent
    if not (confdir / "conf.py").is_file():
        raise UserError(f"no conf.py beside {args.docs} — run this from the blog's folder")
    return siteconf.load(confdir)


def run_check(args) -> int:
    _, vocab = _settings(args)
    only = {path.resolve() for path in args.files} or None
    report = runner.check_site(args.docs, vocab, only={p for p in only} if only else None)
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
    if not errors and not args.no_record:
        for url in runner.record_new_permalinks(args.docs, report.posts):
            print(
                f"Recorded the new address {url} in {args.docs / runner.PERMALINKS}: "
                "commit that file with the post."
            )
    return 1 if errors else 0


def run_new(args) -> int:
    settings, vocab = _settings(args)
    date = args.date or dates.today()
    slug = args.slug or slugify(args.title, max_words=8)
    if not slug or slug != slugify(slug):
        raise UserError(
            "choose an address for the post with --slug, using lowercase letters, "
            "digits and hyphens, e.g. --slug coping-with-winter"
        )
    taken = sorted((args.docs / "posts").glob(f"*/{slug}"))
    if taken:
        raise UserError(
            f"the address “{slug}” is already used by {taken[0]} — choose another "
            "title or pass --slug"
        )
    target = post_path(args.docs, date, slug)
    front = {
        "date": date.isoformat(),
        "author": args.author or vocab.default_author,
        "category": args.category,
        "tags": [t.strip() for t in args.tags.split(",") if t.strip()],
    }
    if args.draft:
        front["draft"] = True
    elif date > dates.today():
        front["scheduled"] = True
    text = _new_post_text(args.title, front)
    _, problems = schema.read_post(text, runner.shown(target), vocab)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        raise UserError("nothing was created — fix the options above and run it again")
    target.parent.mkdir(parents=True)
    target.write_text(text, encoding="utf-8")
    url = f"http://{PREVIEW_HOST}:{PREVIEW_PORT}/posts/{date.year}/{slug}/"
    print(f"Created {target}")
    print(f"Preview it with `make preview`, then open {url}")
    return 0


def _new_post_text(title: str, front: dict) -> str:
    lines = ["---", f"date: {front['date']}", f"author: {front['author']}"]
    if front["category"]:
        lines.append(f"category: {front['category']}")
    lines.append("tags: [" + ", ".join(front["tags"]) + "]")
    lines += [f"{key}: true" for key in ("draft", "scheduled") if front.get(key)]
    lines += [
        "description: One or two plain sentences about the post, for listings and feeds.",
        "# image: cover.jpg              # a picture saved beside this file",
        "# image_alt: What the picture shows",
        "---",
        "",
        f"# {title}",
        "",
        SKELETON_TEXT,
        "",
        "## A first section",
        "",
        "More text. To show a picture, save it beside this file and write "
        "`![what the picture shows](picture.jpg)`.",
        "",
    ]
    return "\n".join(lines)


def run_preview(args) -> int:
    confdir = args.docs.resolve().parent
    out = confdir / "_build"
    command = [
        sys.executable,
        "-m",
        "sphinx_autobuild",
        "-b",
        "dirhtml",
        "-c",
        str(confdir),
        "-d",
        str(out / "preview-doctrees"),
        "--host",
        PREVIEW_HOST,
        "--port",
        str(args.port),
        "--watch",
        str(confdir / "conf.py"),
        "--watch",
        str(Path(__file__).parent),
        str(args.docs),
        str(out / "preview"),
    ]
    print(f"Preview with drafts at http://{PREVIEW_HOST}:{args.port}/ (Ctrl+C to stop)", flush=True)
    env = {**os.environ, "BLOG_PREVIEW": "1"}
    os.execve(sys.executable, command, env)
    return 0  # not reached: the preview server replaces this process


if __name__ == "__main__":
    sys.exit(main())
