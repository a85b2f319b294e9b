"""``env-before-read-docs``: Sphinx knows which documents it will read."""

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..speed import heap, process_plan, reader_env


def handle(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    process_plan.plan_reading(app, docnames)
    reader_env.plan(app)
    # The saved environment, the settings and every module: here to stay.
    heap.settle()
