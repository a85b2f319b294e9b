"""Slugs for URLs: ASCII, lowercase, words joined by hyphens."""

import re
import unicodedata

from anyascii import anyascii

FALLBACK = "post"  # a title with nothing to name at all ("…", "?!")


def slugify(text: str, *, max_words: int = 0) -> str:
    """Return a URL slug for *text* ("Café & Calm" -> "cafe-and-calm").

    Letters from any script are transliterated to ASCII ("Тревога" ->
    "trevoga", "睡眠" -> "shuimian"), so a title always gives a readable slug
    unless it has no letters or digits at all; callers must handle that case.
    """
    ascii_text = anyascii(text.replace("&", " and ")).lower().replace("'", "")
    words = re.findall(r"[a-z0-9]+", ascii_text)
    if max_words:
        words = words[:max_words]
    return "-".join(words)


def post_slug(title: str, *, max_words: int = 8) -> str:
    """The slug of a new post's address, never empty: *title*'s words
    (:func:`slugify`), else the Unicode names of its symbols (an emoji-only
    "🫨" gives "shaking-face"), else :data:`FALLBACK`."""
    slug = slugify(title, max_words=max_words)
    if slug:
        return slug
    names = " ".join(
        unicodedata.name(char, "") for char in title if unicodedata.category(char)[0] not in "CZM"
    )
    return slugify(names, max_words=max_words) or FALLBACK
