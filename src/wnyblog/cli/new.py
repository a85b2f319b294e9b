"""``blog new``: start a post in its own folder, with front matter that passes the check."""

import datetime as dt
import sys
from pathlib import Path

from ..checks.body import SKELETON_TEXT
from ..checks.checked import shown
from ..posts import dates, schema
from ..posts.slugs import slugify
from .errors import UserError, site_settings
from .preview import PREVIEW_HOST, PREVIEW_PORT


def post_path(docs: Path, date: dt.date, slug: str) -> Path:
    """Where a post lives: one folder per post, by year and slug, images beside it."""
    return docs / "posts" / str(date.year) / slug / "index.md"


def run_new(args) -> int:
    settings, vocab = site_settings(args)
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
    _, problems = schema.read_post(text, shown(target), vocab)
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
