"""Read the site's settings (conf.py) outside a Sphinx build, for the command line."""

import runpy
from pathlib import Path
from types import SimpleNamespace

from ..posts.schema import Vocabulary

# conf.py names the command line reads, with the extension's defaults.
DEFAULTS = {
    "blog_authors": {},
    "blog_default_author": None,
    "blog_tags": [],
    "blog_categories": [],
    "blog_path": "blog",
    "site_url": None,
}


def load(confdir: Path) -> tuple[SimpleNamespace, Vocabulary]:
    """Run conf.py (it holds settings only) and return its values and vocabulary."""
    namespace = runpy.run_path(str(confdir / "conf.py"))
    settings = SimpleNamespace(
        **{**DEFAULTS, **{k: v for k, v in namespace.items() if k in DEFAULTS}}
    )
    return settings, Vocabulary.from_config(settings)
