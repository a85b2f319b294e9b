"""Dates and times in the clinic's time zone.

Every date a writer types is a wall-clock date in America/New_York, whatever
zone the build machine is in. The only thing the build ever takes from the
real clock is *which day it is*, to decide whether a scheduled post is due;
everything written into the site comes from the sources.
"""

import datetime as dt
import os
import re
from zoneinfo import ZoneInfo

CLINIC_TZ = ZoneInfo("America/New_York")

# YYYY-MM-DD, optionally followed by HH:MM or HH:MM:SS. Nothing vaguer, and no
# offset: a writer's "14:00" means 14:00 at the clinic.
_DATE_RE = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[ T](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?$"
)
_ZONE_RE = re.compile(r"(Z|[+-]\d{2}:?\d{2}|\b[A-Z]{2,5})$")


class DateError(ValueError):
    """A front-matter date the site cannot use; the message says how to fix it."""


def parse_post_date(value: object) -> dt.datetime:
    """Return *value* (a front-matter date) as an aware datetime in the clinic's zone."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            raise DateError(_zone_message(str(value)))
        return value.replace(tzinfo=CLINIC_TZ)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=CLINIC_TZ)
    text = str(value).strip()
    match = _DATE_RE.match(text)
    if not match:
        if _ZONE_RE.search(text) and re.match(r"^\d{4}-\d{2}-\d{2}", text):
            raise DateError(_zone_message(text))
        raise DateError(
            f'"{text}" is not a date the site understands — write it as YYYY-MM-DD '
            "(for example 2025-05-14), optionally with a time such as 2025-05-14 09:30"
        )
    parts = {k: int(v) for k, v in match.groupdict(default="0").items()}
    try:
        return dt.datetime(
            parts["y"],
            parts["m"],
            parts["d"],
            parts["H"],
            parts["M"],
            parts["S"],
            tzinfo=CLINIC_TZ,
        )
    except ValueError as err:
        raise DateError(
            f'"{text}" is not a real calendar date ({err}) — check the day and month'
        ) from None


def _zone_message(text: str) -> str:
    return (
        f'"{text}" has a time zone — leave it out: every date and time on this site is '
        "clinic time (America/New_York)"
    )


def today() -> dt.date:
    """The clinic's current date, which decides whether a scheduled post is due.

    ``BLOG_TODAY=YYYY-MM-DD`` pins it, so tests and reproductions do not depend
    on when they run.
    """
    pinned = os.environ.get("BLOG_TODAY")
    if pinned:
        return parse_post_date(pinned).date()
    return dt.datetime.now(CLINIC_TZ).date()


def is_due(date: dt.datetime, *, on: dt.date | None = None) -> bool:
    """True when a post dated *date* is published on the clinic's day *on*."""
    return date.date() <= (on or today())


def source_date() -> dt.datetime:
    """The sources' clock: ``SOURCE_DATE_EPOCH`` (the last commit), else a fixed epoch."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 0)
    return dt.datetime.fromtimestamp(epoch, CLINIC_TZ)
