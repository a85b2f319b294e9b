"""``blog new``: start a post in its own folder, with front matter that passes the check."""

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..checks.checked import shown
from ..posts import commands, dates, schema, skeleton
from ..posts.slugs import post_slug, slugify
from .errors import UserError, site_settings
from .preview import PREVIEW_HOST, PREVIEW_PORT


def post_path(docs: Path, date: dt.date, slug: str) -> Path:
    """Where a post lives: one folder per post, by year and slug, images beside it."""
    return docs / "posts" / str(date.year) / slug / "index.md"


def run_new(args: argparse.Namespace) -> int:
    _, vocab, site_problems = site_settings(args)
    if site_problems:
        for problem in site_problems:
            print(problem, file=sys.stderr)
        raise UserError("nothing was created — fix the problems above first")
    date = args.date or dates.today()
    slug = args.slug or post_slug(args.title, max_words=8)
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
    # The options, checked without the example text (which is there to be replaced).
    checked = _new_post_text(args.title, front, examples=False)
    _, problems = schema.read_post(checked, shown(target), vocab)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        raise UserError("nothing was created — fix the options above and run it again")
    target.parent.mkdir(parents=True)
    target.write_text(_new_post_text(args.title, front), encoding="utf-8")
    url = f"http://{PREVIEW_HOST}:{PREVIEW_PORT}/posts/{date.year}/{slug}/"
    print(f"Created {target}")
    print(f"Preview it with `{commands.named('preview')}`, then open {url}")
    return 0


def _new_post_text(title: str, front: dict[str, str], examples: bool = True) -> str:
    """The new post; every example in it fails `blog check` until replaced (posts/skeleton.py)."""
    lines = ["---", f"date: {front['date']}", f"author: {front['author']}"]
    if front["category"]:
        lines.append(f"category: {front['category']}")
    lines.append("tags: [" + ", ".join(front["tags"]) + "]")
    lines += [f"{key}: true" for key in ("draft", "scheduled") if front.get(key)]
    if examples:
        lines += [
            f"description: {skeleton.DESCRIPTION}",
            "# image: cover.jpg              # a picture saved beside this file",
            f"# image_alt: {skeleton.IMAGE_ALT}",
        ]
    lines += ["---", "", f"# {title}", ""]
    if examples:
        lines += [skeleton.OPENING, "", f"## {skeleton.SECTION}", "", skeleton.MORE, ""]
    return "\n".join(lines)
