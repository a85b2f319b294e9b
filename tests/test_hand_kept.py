"""What speed keeps by hand must change when the code it stands for does.

``publish/pictures/derive.py``'s ``RECIPE_VERSION`` is part of every derived
picture's cache key; re-encoding a hundred phone photos costs minutes, so it
stays a number bumped by hand (a comment edit must not throw the cache away).
These tests fail when the code behind a hand-kept value changed and the value
did not. (The card's version and the incremental state's version follow their
code by themselves: ``socialcard.CARD_VERSION``, ``state.VERSION``.)
"""

import ast
import hashlib
from pathlib import Path

from wnyblog.publish.pictures import derive, encode, socialcard
from wnyblog.speed import state

# RECIPE_VERSION -> the digest of derive.py's and encode.py's code (comments
# and docstrings left out). When this fails: bump RECIPE_VERSION if what is
# published changed, and record the new digest under it.
# Version 3 recorded again after typing (annotations only: the same pictures).
RECIPES = {3: "10dd06688e7a32d4"}


def _code_digest(*modules) -> str:
    digest = hashlib.sha256()
    for module in modules:
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            # The version's own value is what a bump changes.
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "RECIPE_VERSION" for t in node.targets
            ):
                node.value = ast.Constant(None)
            body = getattr(node, "body", None)
            if (
                isinstance(body, list)
                and body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                body[0] = ast.Pass()  # a docstring
        digest.update(ast.dump(tree).encode())
    return digest.hexdigest()[:16]


def test_the_picture_recipe_version_follows_its_code():
    current = _code_digest(derive, encode)
    assert RECIPES.get(derive.RECIPE_VERSION) == current, (
        f"derive.py or encode.py changed (code digest {current}): bump RECIPE_VERSION "
        f"if published pictures change, and record the digest in {__file__}'s RECIPES"
    )


def test_the_card_version_follows_the_card_code():
    source = Path(socialcard.__file__)
    assert (
        hashlib.sha256(source.read_bytes() + socialcard.FONT.read_bytes()).hexdigest()[:16]
        == socialcard.CARD_VERSION
    )


def test_a_state_of_another_shape_is_not_loaded(tmp_path):
    class App:
        doctreedir = tmp_path
        outdir = tmp_path / "html"

    saved = state.State("salt", str(App.outdir))
    state.save(App(), saved)  # type: ignore[arg-type]
    assert state.load(App()) == saved  # type: ignore[arg-type]
    saved.version = "a State with other fields"
    import pickle

    (tmp_path / state.FILE).write_bytes(pickle.dumps(saved))
    assert state.load(App()) is None  # type: ignore[arg-type]
