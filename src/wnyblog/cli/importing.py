"""``blog import``: a Wix plain-text export becomes a post (see :mod:`.wix`)."""

import argparse

from ..posts.slugs import post_slug
from . import wix
from .errors import UserError
from .new import post_path


def run_import(args: argparse.Namespace) -> int:
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
    slug = post_slug(post.title, max_words=12)
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
    if post.removed:
        found = ", ".join(f"{count} × {name}" for name, count in post.removed.items())
        print(
            f"Left out characters that are not text ({found}): Wix put them in the export, "
            "and a post cannot hold them. Nothing visible is lost."
        )
    if post.cover_alt:
        print(
            f"The Wix cover image (alt text “{post.cover_alt}”) is not in the export: "
            "add the image beside the post and set `image:` and `image_alt:` to show it."
        )
    return 0
