"""``env-get-outdated``: Sphinx knows which sources changed; which else to read."""

from ..checks import buildlog, checkbuild


def handle(app, env, added, changed, removed) -> list[str]:
    checkbuild.note_changes(app, added, changed, removed)
    # A page that warned last time is read again, so it warns again until fixed.
    return buildlog.pages_to_read_again(app)
