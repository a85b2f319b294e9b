"""Read the site's settings outside a Sphinx build, for the writers' commands
and for the build's front end before Sphinx starts: conf.py (run as Sphinx
runs it) and the vocabulary file. A mistake in either comes back as a
problem with its file and line, never a traceback."""

from pathlib import Path
from types import SimpleNamespace

from ..config_values import ConfPyError, run_conf_py
from . import vocabulary
from .schema import Problem, Vocabulary, shown

# conf.py names the command line reads, with the extension's defaults.
DEFAULTS = {"blog_path": "blog", "site_url": None}


def load(confdir: Path, srcdir: Path) -> tuple[SimpleNamespace, Vocabulary, list[Problem]]:
    """conf.py's values, the vocabulary, and what is wrong with either."""
    conf_py = confdir / "conf.py"
    problems = []
    try:
        namespace = run_conf_py(conf_py, shown(conf_py))
    except ConfPyError as err:
        namespace = {}
        problems.append(Problem(err.path, err.line, err.message, err.fix))
    settings = SimpleNamespace(**{name: namespace.get(name, v) for name, v in DEFAULTS.items()})
    vocab, vocab_problems = vocabulary.load(srcdir, conf_py)
    return settings, vocab, problems + vocab_problems
