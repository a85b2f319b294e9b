"""Slugs for URLs: ASCII, lowercase, words joined by hyphens."""

import re
import unicodedata

# Letters that NFKD does not decompose into an ASCII base letter.
_TRANSLITERATE = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "ø": "o",
        "Ø": "o",
        "œ": "oe",
        "Œ": "oe",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "þ": "th",
        "Þ": "th",
        "&": " and ",
    }
)


def slugify(text: str, *, max_words: int = 0) -> str:
    """Return a URL slug for *text* ("Café & Calm" -> "cafe-and-calm").

    Accents are folded to their base letter; anything else that is not ASCII
    is dropped, so a title in another script can give an empty slug: callers
    that need one must handle that case.
    """
    folded = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text.replace("'", ""))
    if max_words:
        words = words[:max_words]
    return "-".join(words)
