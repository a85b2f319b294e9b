"""The site's vocabulary: the authors posts may name, and the tags and
categories that exist, kept by the writers in ``docs/vocabulary.yaml``.

It is a data file, not Python, so a slip cannot quietly become a different
tag (Python joins two strings a missing comma leaves side by side) or a
traceback. This module is its one reader: the build (at ``config-inited`` it
fills ABlog's ``blog_authors``, ``blog_default_author``, ``blog_tags`` and
``blog_categories`` from it), ``blog check`` and the front end of ``make
html`` all call :func:`load`. The file is checked like a post: every slip is a
``file:line`` problem with its fix, and conf.py may not set those four names
too (one place, or a writer edits the one that does nothing).
"""

import ast
import dataclasses
from pathlib import Path

from . import vocabulary_parser
from .schema import Problem, Vocabulary, shown
from .values import did_you_mean

FILE = "vocabulary.yaml"  # in the source folder, beside posts/
# conf.py names the file fills in -> where they went, for messages.
CONF_NAMES = {
    "blog_authors": "the authors are listed in",
    "blog_default_author": "the default author is named in",
    "blog_categories": "the categories are listed in",
    "blog_tags": "the tags are listed in",
    "blog_author_profiles": "the authors' credentials, roles, bios and photos are in",
}


def load(srcdir: Path, conf_py: Path | None = None) -> tuple[Vocabulary, list[Problem]]:
    """The vocabulary in *srcdir*, and every problem in it (and in how
    *conf_py*, when given, refers to it)."""
    vocab, problems = vocabulary_parser.read(Path(srcdir) / FILE)
    if conf_py is not None and Path(conf_py).is_file():
        problems += conf_py_problems(Path(conf_py), vocab)
    return vocab, problems


def config_values(vocab: Vocabulary) -> dict[str, object]:
    """The vocabulary as the conf.py settings ABlog and the extension read."""
    return {
        "blog_authors": {key: (name, vocab.links.get(key)) for key, name in vocab.authors.items()},
        "blog_default_author": vocab.default_author,
        "blog_categories": list(vocab.categories),
        "blog_tags": list(vocab.tags),
        "blog_author_profiles": {
            key: dataclasses.asdict(profile) for key, profile in vocab.profiles.items()
        },
    }


def conf_py_problems(conf_py: Path, vocab: Vocabulary) -> list[Problem]:
    """conf.py setting what the vocabulary file holds, or naming an author it lacks."""
    try:
        tree = ast.parse(conf_py.read_bytes())
    except (SyntaxError, ValueError):
        return []  # conf.py itself is reported by settings.run_conf_py
    where, problems = shown(conf_py), []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        names = [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
        for name in names:
            if name in CONF_NAMES:
                problems.append(
                    Problem(
                        where,
                        node.lineno,
                        f"conf.py sets `{name}`, but {CONF_NAMES[name]} {vocab.source}",
                        f"move what it says to {vocab.source} and delete `{name}` from conf.py",
                    )
                )
            if name == "blog_review_categories" and "categories" not in vocab.unknown:
                problems += _review_categories(where, node, vocab)
            value = getattr(node.value, "value", None)
            if name == "clinic_author" and isinstance(value, str) and not _knows(vocab, value):
                problems.append(
                    Problem(
                        where,
                        node.lineno,
                        f'clinic_author "{value}" is not an author in {vocab.source}'
                        + did_you_mean(value, vocab.authors),
                        "use the key of the clinic's own entry under `authors:`",
                    )
                )
    return problems


def _knows(vocab: Vocabulary, author: str) -> bool:
    return author in vocab.authors or "authors" in vocab.unknown


def _review_categories(where: str, node: ast.stmt, vocab: Vocabulary) -> list[Problem]:
    """Each category conf.py says needs a review must exist: a misspelt one
    would quietly need no review at all."""
    value = getattr(node, "value", None)
    items = value.elts if isinstance(value, ast.List | ast.Tuple) else []
    return [
        Problem(
            where,
            item.lineno,
            f'blog_review_categories names "{item.value}", which is not a category in '
            f"{vocab.source}" + did_you_mean(item.value, vocab.categories),
            f"use a category listed under `categories:` in {vocab.source}",
        )
        for item in items
        if isinstance(item, ast.Constant)
        and isinstance(item.value, str)
        and item.value not in vocab.categories
    ]
