"""The blog's commands as the writer runs them: ``make new`` when they came
through make (the Makefile sets ``BLOG_COMMANDS=make``), ``blog new`` when
they typed the command line itself. Messages name the one the writer knows."""

import os


def through_make() -> bool:
    """Whether the writer runs the blog's commands through make."""
    return os.environ.get("BLOG_COMMANDS", "") == "make"


def named(command: str) -> str:
    """How the writer types *command* (e.g. "new"): `make new` or `blog new`."""
    if through_make():
        return f"make {command}"  # each writer's command has a make target of its name
    return f"blog {command}"
