"""``env-before-read-docs``: Sphinx knows which documents it will read."""

from ..speed import jobs


def handle(app, env, docnames: list[str]) -> None:
    jobs.plan_reading(app, docnames)
