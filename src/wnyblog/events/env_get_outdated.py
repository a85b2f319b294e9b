"""``env-get-outdated``: Sphinx knows which sources changed; which else to read."""

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..checks import buildlog, checkbuild


def handle(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    checkbuild.note_changes(app, added, changed, removed)
    # A page that warned last time is read again, so it warns again until fixed.
    return buildlog.pages_to_read_again(app)
