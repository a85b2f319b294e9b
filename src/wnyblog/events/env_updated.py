"""``env-updated``: every document is read; writing comes next."""

from ..site import context
from ..speed import jobs


def handle(app, env) -> None:
    # Posts were (re)read: the blog model is built again when first needed.
    context.forget_blog(app)
    jobs.plan_writing(app)
