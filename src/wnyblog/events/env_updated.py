"""``env-updated``: every document is read; writing comes next."""

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..publish.pictures import prepare
from ..site import context
from ..speed import content_staleness, heap, process_plan


def handle(app: Sphinx, env: BuildEnvironment) -> None:
    # Posts were (re)read: the blog model is built again when first needed.
    context.forget_blog(app)
    # Everything read is here to stay, before pictures and pages are made in forks.
    heap.settle()
    # Every picture the pages show, made (or found in the cache) before writing.
    # Each photo hashed once per build: into the digest record, at builder-inited.
    prepare.prepare(app, env, process_plan.requested(app), content_staleness.found(app))
    process_plan.plan_writing(app)
