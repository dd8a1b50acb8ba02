"""Rules of the codebase's shape that a reader should not have to check by eye."""

import ast
from pathlib import Path

import pytest

SAFEGUARD = Path(__file__).resolve().parents[2]
SERVICES = sorted(p for p in SAFEGUARD.glob("*/services.py"))


def _is_atomic(decorator: ast.expr) -> bool:
    return ast.unparse(decorator) in {"transaction.atomic", "atomic"}


@pytest.mark.parametrize("path", SERVICES, ids=lambda p: p.parent.name)
def test_every_service_function_is_atomic_on_its_own(path):
    """A write is all or nothing whoever calls it: every public function of a services module runs in
    its own transaction (nested in the caller's when there is one)."""
    tree = ast.parse(path.read_text())
    missing = [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_") and not any(map(_is_atomic, node.decorator_list))
    ]
    assert not missing, f"{path.parent.name}/services.py: not @transaction.atomic: {', '.join(missing)}"


@pytest.mark.parametrize("path", sorted(SAFEGUARD.glob("*/*.py")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_role_names_outside_the_roles_module(path):
    """Who may do what is written with role constants and permissions, never a role's name in quotes."""
    if path.parent.name == "tests" or path.name == "roles.py":
        return
    from safeguard.accounts import roles

    tree = ast.parse(path.read_text())
    labels = set()  # the words of a choice ("line_manager", "Line manager") are a label, not a role check
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(ast.unparse(base).endswith("Choices") for base in node.bases):
            labels |= {id(constant) for constant in ast.walk(node) if isinstance(constant, ast.Constant)}
    found = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in roles.ALL_ROLES and id(node) not in labels
    ]
    assert not found, f"{path}: role names {found}; use safeguard.accounts.roles constants or a permission"
