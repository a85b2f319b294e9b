"""Slugs for URLs: ASCII, lowercase, words joined by hyphens."""

import re

from anyascii import anyascii


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
