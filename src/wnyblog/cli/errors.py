"""What every command shares: the writer's mistakes, and the site's settings."""

import argparse
from types import SimpleNamespace

from ..posts import config_reader
from ..posts.schema import Problem, Vocabulary


class UserError(Exception):
    """A problem the writer can fix; its message says how."""


def site_settings(
    args: argparse.Namespace,
) -> tuple[SimpleNamespace, Vocabulary, list[Problem]]:
    """(conf.py's values, the vocabulary, the problems in either)."""
    confdir = args.docs.resolve().parent
    if not (confdir / "conf.py").is_file():
        raise UserError(f"no conf.py beside {args.docs} — run this from the blog's folder")
    return config_reader.load(confdir, args.docs)
