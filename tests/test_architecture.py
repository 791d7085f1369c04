"""The package's structure: no import circles among hybrid_core modules, no Streamlit in the core, doctests run."""

from __future__ import annotations

import ast
import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "hybrid_core"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "demo" not in p.relative_to(PACKAGE).parts}


def _top_level_imports(path: Path, module: str) -> set[str]:
    """hybrid_core modules imported when ``module`` is imported: its module-level imports (not those inside
    functions or under ``if TYPE_CHECKING``), each with the packages it implies."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    ancestors = {".".join(module.split(".")[:i]) for i in range(1, module.count(".") + 1)}

    def add(name: str) -> None:
        parts = name.split(".")
        for i in range(1, len(parts) + 1):  # importing a.b.c runs a/__init__, a/b/__init__, a/b/c ...
            candidate = ".".join(parts[:i])
            # ... except the packages this module belongs to: they are being imported already when it runs
            if candidate in MODULES and candidate not in ancestors:
                found.add(candidate)

    def visit(statements: list[ast.stmt]) -> None:
        for node in statements:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    add(alias.name)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    kept = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join(kept + ([base] if base else []))
                add(base)
                for alias in node.names:
                    add(f"{base}.{alias.name}")
            elif isinstance(node, ast.If):
                test = ast.unparse(node.test)
                if "TYPE_CHECKING" not in test:
                    visit(node.body)
                    visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
                for handler in node.handlers:
                    visit(handler.body)
                visit(node.orelse)
                visit(node.finalbody)
            elif isinstance(node, ast.With):
                visit(node.body)

    visit(tree.body)
    found.discard(module)
    return found


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def strongconnect(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                strongconnect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            strongconnect(v)
    return out


def test_no_import_circles_among_hybrid_core_modules() -> None:
    graph = {module: _top_level_imports(path, module) for module, path in MODULES.items()}
    # a package's __init__ importing its own submodules is not a circle unless a submodule needs the package back
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_circle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_the_core_never_imports_streamlit() -> None:
    offenders = [module for module, path in MODULES.items() if "streamlit" in {
        (alias.name.split(".")[0]) for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Import) for alias in node.names} | {
        (node.module or "").split(".")[0] for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom)}]
    assert offenders == []


#: Modules whose examples need the real model or data beyond what a doctest should load (they are marked +SKIP
#: there); every other module's examples run.
@pytest.mark.parametrize("module", sorted(m for m, p in MODULES.items() if ">>>" in p.read_text(encoding="utf-8")))
def test_doctests(module: str) -> None:
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    result = doctest.testmod(importlib.import_module(module), optionflags=flags)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples of {module} failed"


#: Third-party packages that take 0.1-3 s to import: modules load them on first use, so that ``--help``, job
#: submission and page loads stay fast. Any other import inside a function needs a reason in a comment.
HEAVY_PACKAGES = {"torch", "transformers", "sentence_transformers", "faiss", "openvino", "nncf", "scipy", "sklearn",
                  "plotly", "datasets", "ray", "pytrec_eval", "sentencepiece", "tokenizers", "tqdm", "pyarrow",
                  "accelerate", "kaleido"}


def _unexplained_local_imports(path: Path) -> list[str]:
    """Imports inside functions that neither load a heavy package nor carry a comment (on the line or just above)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for node in ast.walk(ast.parse("\n".join(lines))):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for statement in ast.walk(node):
            if not isinstance(statement, (ast.Import, ast.ImportFrom)):
                continue
            names = [statement.module or ""] if isinstance(statement, ast.ImportFrom) else [
                alias.name for alias in statement.names]
            absolute = not isinstance(statement, ast.ImportFrom) or statement.level == 0
            if absolute and all(name.split(".")[0] in HEAVY_PACKAGES for name in names):
                continue
            above = statement.lineno - 2
            while above >= 0 and lines[above].strip().startswith(("from ", "import ")):
                above -= 1  # a comment above a group of imports explains the group
            if "#" in lines[statement.lineno - 1] or (above >= 0 and lines[above].strip().startswith("#")):
                continue
            where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
            found.append(f"{where}:{statement.lineno}: {lines[statement.lineno - 1].strip()}")
    return sorted(set(found))


def test_function_local_imports_say_why() -> None:
    offenders = [line for path in MODULES.values() for line in _unexplained_local_imports(path)]
    assert offenders == []


def test_the_local_import_check_finds_an_unexplained_import(tmp_path: Path) -> None:
    module = tmp_path / "local_imports.py"
    text = ("def f():\n    import json\n    from hybrid_core import paths  # local: a reason\n"
            "    import torch\n    return json, paths, torch\n")
    module.write_text(text, encoding="utf-8")
    assert _unexplained_local_imports(module) == ["local_imports.py:2: import json"]
