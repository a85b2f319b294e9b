"""The package's shape: imports run one way, from later stages to earlier ones,
never in a circle; and ARCHITECTURE.md names every module that exists.

Read from the source with ``ast``, so the test needs no build and sees imports
inside functions too (the package imports Sphinx lazily in places).
"""

import ast
import re
from pathlib import Path

import pytest

from helpers import REPO

PACKAGE = REPO / "src" / "wnyblog"
# Earlier stages first. A module may import its own stage and earlier ones.
# The foundation modules import no stage; the events and the command line are
# both last and never import each other; the package's __init__ registers all.
STAGES = {
    "upstream": 0,
    "config_values": 0,
    "build_state": 0,
    "gitrun": 0,
    "posts": 1,
    "checks": 2,
    "site": 3,
    "publish": 4,
    "speed": 5,
    "events": 6,
    "cli": 6,
    "__init__": 7,
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(module: str) -> set[str]:
    """The package's modules *module* imports, anywhere in its code."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(base + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            # `from .x import y` imports module x.y when that is a module, else x.
            names = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names
            ]
        else:
            continue
        found.update(name for name in names if name in MODULES and name != module)
    return found


GRAPH = {module: _imports(module) for module in MODULES}


def test_the_stages_are_what_the_tree_holds():
    assert {_stage(m) for m in MODULES} == set(STAGES)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_from_later_stages_to_earlier_ones(module):
    stage = _stage(module)
    wrong = []
    for imported in sorted(GRAPH[module]):
        other = _stage(imported)
        if other == "__init__" and imported == "wnyblog":
            wrong.append(f"{imported} (the package's __init__ only registers)")
        elif STAGES[other] > STAGES[stage] or (STAGES[other] == STAGES[stage] and other != stage):
            wrong.append(f"{imported} (stage {other!r} comes after {stage!r})")
    assert not wrong, f"{module} imports a later stage: " + ", ".join(wrong)


def test_no_module_imports_another_in_a_circle():
    cycles = []
    state: dict[str, str] = {}

    def visit(module, path):
        state[module] = "open"
        for imported in sorted(GRAPH[module]):
            if state.get(imported) == "open":
                cycles.append(" -> ".join([*path[path.index(imported) :], imported]))
            elif imported not in state:
                visit(imported, [*path, imported])
        state[module] = "done"

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert not cycles, "circular imports:\n" + "\n".join(cycles)


def test_the_direction_check_catches_a_backward_import(tmp_path, monkeypatch):
    # The checker itself: a posts module importing publish is reported.
    module = "wnyblog.posts.records"
    monkeypatch.setitem(GRAPH, module, GRAPH[module] | {"wnyblog.publish.feeds"})
    with pytest.raises(AssertionError, match="stage 'publish' comes after 'posts'"):
        test_imports_run_from_later_stages_to_earlier_ones(module)


# -- ARCHITECTURE.md matches the code ------------------------------------------------------------

ARCHITECTURE = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
# Every `path.py` on the page: a module of the package, or a file of the repository.
NAMED = set(re.findall(r"`((?:[a-z_]+/)*[a-z_]+\.py)`", ARCHITECTURE))


def test_every_module_the_architecture_page_names_exists():
    missing = sorted(n for n in NAMED if not (PACKAGE / n).is_file() and not (REPO / n).is_file())
    assert not missing, f"ARCHITECTURE.md names modules that do not exist: {missing}"


def test_the_architecture_page_names_every_module():
    files = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")}
    unnamed = sorted(f for f in files - NAMED if not f.endswith("__init__.py"))
    assert not unnamed, f"ARCHITECTURE.md does not say what these modules do: {unnamed}"


def test_the_event_order_on_the_page_is_the_order_setup_connects():
    setup = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    # Each event once (html-page-context has a handler that runs first).
    connected = list(dict.fromkeys(re.findall(r'app\.connect\("([a-z-]+)"', setup)))
    on_page = [e for e in re.findall(r"^\d+\. `([a-z-]+)`", ARCHITECTURE, re.M) if e in connected]
    assert on_page == connected
    for event in connected:
        assert (PACKAGE / "events" / (event.replace("-", "_") + ".py")).is_file()
