"""``env-merge-info``: a reading worker's results come back to the main process."""

from ..checks import checkbuild
from ..posts import records


def handle(app, env, docnames, other) -> None:
    records.merge(env, docnames, other)
    checkbuild.merge(env, docnames, other)
