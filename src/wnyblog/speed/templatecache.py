"""Keep compiled templates between builds.

Sphinx compiles every Jinja template (Furo's and ours) afresh in each run,
which costs a small rebuild more than writing the pages it changed. Jinja's
bytecode cache stores the compiled code keyed by the template's name and a
checksum of its source, so an edited template is compiled again and the
rendered pages are the same either way.
"""

from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from sphinx.application import Sphinx

from .. import upstream

FOLDER = "wnyblog-templates"  # in the doctree folder


def keep_compiled_templates(app: Sphinx) -> None:
    """At ``builder-inited``: compiled templates live beside the doctrees, not in the site."""
    environment = upstream.template_environment(app)
    if environment is None:
        return
    folder = Path(app.doctreedir, FOLDER)
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))
