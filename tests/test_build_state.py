"""The extension keeps its state of a build in one place: one attribute on the
Sphinx app and one on its environment (``build_state.py``), a dataclass per
concern, reached by its class; nothing else of the package sets an attribute
on the app or the environment, or writes into their ``__dict__``."""

import ast
from dataclasses import dataclass, field
from pathlib import Path

from wnyblog import build_state

PACKAGE = Path(build_state.__file__).parent
# upstream.py sets Sphinx's and ABlog's own attributes (app.parallel between
# phases, ABlog's posts merged from parallel readers): none is the blog's.
UPSTREAM = PACKAGE / "upstream.py"


def _owner(node: ast.expr) -> str:
    """``app`` for ``app`` or ``self.app``; the same for ``env``."""
    return node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")


def _assigned_attributes(tree: ast.AST) -> list[tuple[int, str, str]]:
    """(line, owner, attribute) of every attribute set on an app or environment:
    ``app.x = ...``, ``setattr(env, ...)``, ``env.__dict__...``."""
    found = []
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Attribute) and _owner(target.value) in {"app", "env"}:
                found.append((node.lineno, _owner(target.value), target.attr))
        setting = isinstance(node, ast.Call) and getattr(node.func, "id", None) == "setattr"
        if setting and node.args and _owner(node.args[0]) in {"app", "env"}:
            found.append((node.lineno, _owner(node.args[0]), "setattr"))
        in_dict = isinstance(node, ast.Attribute) and node.attr == "__dict__"
        if in_dict and _owner(node.value) in {"app", "env"}:
            found.append((node.lineno, _owner(node.value), "__dict__"))
    return sorted(found)


def test_no_module_sets_its_own_attribute_on_the_app_or_the_environment():
    wrong = []
    for path in sorted(set(PACKAGE.rglob("*.py")) - {UPSTREAM}):
        for line, owner, name in _assigned_attributes(ast.parse(path.read_text("utf-8"))):
            wrong.append(f"{path.relative_to(PACKAGE)}:{line}: {owner}.{name}")
    assert not wrong, "state outside build_state.py: " + ", ".join(wrong)


def test_the_check_catches_a_loose_attribute():
    tree = ast.parse("def f(app):\n    app.wnyblog_x = 1\n    env.__dict__['y'] = 2\n")
    assert [(o, n) for _, o, n in _assigned_attributes(tree)] == [
        ("app", "wnyblog_x"),
        ("env", "__dict__"),
    ]


@dataclass
class _Concern:
    names: list[str] = field(default_factory=list)


def test_one_attribute_holds_every_concern():
    class App:
        pass

    app = App()
    build_state.of(app, _Concern).names.append("kept")  # type: ignore[arg-type]
    assert build_state.of(app, _Concern).names == ["kept"]  # type: ignore[arg-type]
    assert [n for n in vars(app) if not n.startswith("__")] == [build_state.ATTRIBUTE]
    build_state.reset(app, _Concern)  # type: ignore[arg-type]
    assert build_state.of(app, _Concern).names == []  # type: ignore[arg-type]
