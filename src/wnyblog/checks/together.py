"""Checks on the posts together: two posts may not share an address or a title."""

import datetime as dt

from ..posts import dates
from ..posts.schema import Problem
from . import body
from .checked import CheckedPost, shown


def check(posts: list[CheckedPost]) -> list[Problem]:
    problems = []
    seen_slug: dict[str, CheckedPost] = {}
    seen_title: dict[str, CheckedPost] = {}
    # The older post keeps its address and title; the newer one is told to change.
    far = dt.datetime.max.replace(tzinfo=dates.CLINIC_TZ)
    for post in sorted(posts, key=lambda p: (p.meta.date or far, p.docname)):
        where = shown(post.path)
        other = seen_slug.setdefault(post.slug, post)
        if other is not post:
            problems.append(
                Problem(
                    where,
                    1,
                    f"the address “{post.slug}” is already used by {shown(other.path)}",
                    "rename this post's folder to a different slug",
                )
            )
        if post.title:
            other = seen_title.setdefault(post.title.casefold(), post)
            if other is not post:
                line = post.meta.key_lines.get("title") or _h1_line(post)
                problems.append(
                    Problem(
                        where,
                        line,
                        f"the title “{post.title}” is already used by {shown(other.path)}",
                        "give this post a different title",
                    )
                )
    return problems


def _h1_line(post: CheckedPost) -> int:
    for number, line, code in body.body_lines(post.meta):
        if not code and line.lstrip().startswith("# "):
            return number
    return post.meta.body_line
