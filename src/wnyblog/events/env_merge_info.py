"""``env-merge-info``: a reading worker's results come back to the main process."""

from ..posts import records


def handle(app, env, docnames, other) -> None:
    records.merge(env, docnames, other)
