"""The `audit.record(...)` calls of the code base, read from its source, for the tests that check
every action and every change key has its words."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import bmnn

ROOT = Path(bmnn.__file__).parent


def audit_modules(skip: tuple[str, ...] = ("tests",)) -> Iterator[tuple[Path, ast.Module]]:
    """Each module of the code base outside the folders `skip` names, parsed."""
    for path in sorted(ROOT.rglob("*.py")):
        if not any(part in path.parts for part in skip):
            yield path, ast.parse(path.read_text("utf-8"))


def audit_records(
    *, module_scope: bool, skip: tuple[str, ...] = ("tests",)
) -> Iterator[tuple[Path, ast.Module, ast.AST, ast.Call]]:
    """(file, its module, the scope the call is read in, the call) for each `audit.record(...)`
    outside the folders `skip` names: read in each function's scope and, with `module_scope`, in
    the module's as well (where a call inside a function is found a second time)."""
    for path, tree in audit_modules(skip):
        functions = [
            n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
        ]
        for scope in [tree, *functions] if module_scope else functions:
            for node in ast.walk(scope):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                    continue
                if node.func.attr == "record" and ast.unparse(node.func.value) == "audit":
                    yield path, tree, scope, node


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    """The expression passed to the call as `name=`, if any."""
    return next((kw.value for kw in call.keywords if kw.arg == name), None)
