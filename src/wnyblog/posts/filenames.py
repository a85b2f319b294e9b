"""What the operating system refuses in a file name a post gives.

Only that: names with spaces, accents and other scripts are a writer's own
and are accepted on purpose (``IMG 1234 2.JPG``, ``été.jpg``, ``写真.png``).
A name the system refuses would otherwise fail deep inside a check or the
build ("embedded null byte"); it is reported at the line that names it.
"""

import os

# Bytes in one folder or file name (NAME_MAX) and in a whole path (PATH_MAX)
# on the systems the blog is built on (Linux, macOS).
NAME_MAX = 255
PATH_MAX = 4096
FIX = "give the file's real name, as the folder shows it"


def refused(name: str) -> str | None:
    """Why no file can have *name* (as a post writes it), or None when one can."""
    if "\0" in name:
        return "holds a NUL character (written %00 or typed), which no file name can"
    try:
        encoded = os.fsencode(name)
    except UnicodeError:
        return "holds a character that is not text"
    if len(encoded) > PATH_MAX or any(len(part) > NAME_MAX for part in encoded.split(b"/")):
        return f"is longer than a file name can be ({NAME_MAX} bytes for each folder and file)"
    return None
