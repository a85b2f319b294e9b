"""Clinical review: which posts need one, and whether theirs holds.

conf.py names the categories whose posts a clinician must review
(``blog_review_categories``) and how long a review stays current
(``blog_review_months``). A post in such a category names its reviewer
(``reviewed_by:``, an author of the vocabulary file with ``credentials``) and
the day (``reviewed:``). Without them a live or scheduled post fails; a draft
only gets advice, so it can be saved before its review. A review that is
old, or older than the post's last change, and a reviewed category's post
without sources are advice: they never stop a build, so a daily build with
scheduled posts is not stopped by a review passing its date.
"""

import datetime as dt
from dataclasses import dataclass

from sphinx.config import Config

from ..posts.schema import ADVICE, PostMeta, Problem, Vocabulary
from .checked import CheckedPost, shown


@dataclass(frozen=True)
class Settings:
    """conf.py's settings for health content (defaults: config_values.py)."""

    categories: tuple[str, ...] = ("Conditions and treatment",)
    months: int = 24
    reading_grade: float = 8
    clinic_author: str | None = None

    @classmethod
    def from_config(cls, config: Config) -> "Settings":
        return cls(
            categories=tuple(config.blog_review_categories or ()),
            months=int(config.blog_review_months),
            reading_grade=float(config.blog_reading_grade),
            clinic_author=config.clinic_author,
        )


def add_months(day: dt.date, months: int) -> dt.date:
    """*day* plus *months* calendar months (the 31st becomes the month's last day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    return day


def check(
    posts: list[CheckedPost], vocab: Vocabulary, settings: Settings, today: dt.date
) -> list[Problem]:
    """Every post's review problems and advice."""
    needing = {c for c in settings.categories if c in vocab.categories}
    problems: list[Problem] = []
    for post in posts:
        problems += _post(shown(post.path), post.meta, vocab, settings, needing, today)
    return problems


def _post(
    path: str,
    meta: PostMeta,
    vocab: Vocabulary,
    settings: Settings,
    needing: set[str],
    today: dt.date,
) -> list[Problem]:
    lines = meta.key_lines
    found: list[Problem] = []

    def add(key: str, message: str, fix: str, severity: str = "error") -> None:
        found.append(Problem(path, lines.get(key, 1), message, fix, severity))

    needs_review = meta.category in needing
    if needs_review and meta.reviewed_by is None and meta.reviewed is None:
        add(
            "category",
            f"posts in “{meta.category}” need a clinical review, and this one has none",
            "once a clinician with credentials has reviewed it, add `reviewed_by:` (their "
            "author key) and `reviewed:` (the day, YYYY-MM-DD)"
            + ("; a draft may wait for its review" if meta.draft else ""),
            ADVICE if meta.draft else "error",
        )
    if needs_review and not meta.sources:
        add(
            "category",
            f"the post is in “{meta.category}” and lists no sources",
            "add `sources:` with what the post relies on: each a `title:`, and its `url:` "
            "or `doi:` when it has one",
            ADVICE,
        )
    if meta.reviewed_by is not None and meta.reviewed is None:
        add(
            "reviewed_by",
            "the post names its reviewer but not the day of the review",
            "add `reviewed: YYYY-MM-DD`, the day the review took place",
        )
    if meta.reviewed is not None and meta.reviewed_by is None:
        add(
            "reviewed",
            "the post has a review date but no reviewer",
            "add `reviewed_by:` with the reviewer's author key",
        )
    if meta.reviewed_by is not None:
        found += _reviewer(path, lines.get("reviewed_by", 1), meta, vocab, settings)
    if meta.reviewed is not None:
        reviewed = meta.reviewed.date()
        if reviewed > today:
            add(
                "reviewed",
                f"the review date {reviewed:%Y-%m-%d} is after today ({today:%Y-%m-%d})",
                "write the day the review took place",
            )
        elif add_months(reviewed, settings.months) < today:
            add(
                "reviewed",
                f"the review of {reviewed:%Y-%m-%d} is more than {settings.months} months old",
                "have a clinician review the post again, then set `reviewed:` to that day",
                ADVICE,
            )
        if meta.updated is not None and meta.updated.date() > reviewed:
            add(
                "updated",
                f"the post was updated on {meta.updated:%Y-%m-%d}, after its review on "
                f"{reviewed:%Y-%m-%d}: the change was not reviewed",
                "have the change reviewed, then set `reviewed:` to the day of that review",
                ADVICE,
            )
    return found


def _reviewer(
    path: str, line: int, meta: PostMeta, vocab: Vocabulary, settings: Settings
) -> list[Problem]:
    key = meta.reviewed_by
    if key is None or key not in vocab.authors:
        return []  # an unknown key is reported with the front matter
    if key == settings.clinic_author:
        return [
            Problem(
                path,
                line,
                f"the reviewer “{key}” is the clinic itself",
                "name the clinician who reviewed the post (an author with `credentials` "
                f"in {vocab.source})",
            )
        ]
    if key in meta.authors:
        return [
            Problem(
                path,
                line,
                f"the reviewer “{key}” is also an author of the post",
                "a review is another clinician's reading: name a reviewer who did not write it",
            )
        ]
    profile = vocab.profiles.get(key)
    if profile is None or not profile.credentials:
        return [
            Problem(
                path,
                line,
                f"the reviewer “{key}” has no `credentials` in {vocab.source}",
                "add their credentials under their entry (e.g. `credentials: PsyD`), or "
                "name a reviewer who has them",
            )
        ]
    return []
