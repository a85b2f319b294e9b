"""``env-before-read-docs``: Sphinx knows which documents it will read."""

from ..speed import process_plan


def handle(app, env, docnames: list[str]) -> None:
    process_plan.plan_reading(app, docnames)
