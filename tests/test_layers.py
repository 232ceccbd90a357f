"""checks/ and star_desktop/ never import Qt or ui/ at module level (DESIGN.md's layers)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = sorted([*ROOT.glob("checks/**/*.py"), *ROOT.glob("star_desktop/**/*.py")])


def top_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_module_does_not_import_qt_or_ui(path):
    assert not top_level_imports(path) & {"PySide6", "ui", "shiboken6"}


@pytest.mark.parametrize("path", sorted(ROOT.glob("checks/**/*.py")), ids=lambda p: p.name)
def test_checks_does_not_import_star_desktop(path):
    assert "star_desktop" not in top_level_imports(path)
