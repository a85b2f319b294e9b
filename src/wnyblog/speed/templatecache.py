"""Keep compiled templates between builds.

Sphinx compiles every Jinja template (Furo's and ours) afresh in each run,
which costs a small rebuild more than writing the pages it changed. Jinja's
bytecode cache stores the compiled code keyed by the template's name and a
checksum of its source, so an edited template is compiled again and the
rendered pages are the same either way.
"""

from pathlib import Path

from jinja2 import FileSystemBytecodeCache


def keep_compiled_templates(app) -> None:
    """``builder-inited``: compiled templates live beside the doctrees, not in the site."""
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is None:
        return
    folder = Path(app.doctreedir, "wnyblog-templates")
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))
