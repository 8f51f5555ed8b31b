# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""docs/api-coverage.md says, for every public method of the admin API reference, which modules use it.

The table is generated from the code, never written by hand: a module uses a method when the method is
named (called, or handed on as ``self.api.clear_realm_cache``) in the module's file or in a module_utils
file it imports, directly or through other module_utils files; the admin client's own files are left out
(a client method calling another is not a module using it). So the table is what a module can reach,
not a trace of one run: a shared helper counts for every module that imports it.

Regenerate after adding a module or a call::

    python tests/unit/test_api_coverage.py
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import functools
import os
import sys


REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TABLE = os.path.join(REPO, "docs", "api-coverage.md")
# The reference's method names as the repository keeps them (on the path under pytest; added for a standalone run).
if os.path.join(REPO, "tests", "keycloak") not in sys.path:
    sys.path.insert(0, os.path.join(REPO, "tests", "keycloak"))
from reference import method_names  # noqa: E402  pylint: disable=wrong-import-position,import-error
MODULES = os.path.join(REPO, "plugins", "modules")
PLUGINS = os.path.join(REPO, "plugins")
PACKAGE = "ansible_collections.iam.keycloak.plugins."
NOT_COVERED = "**not covered**"
# Methods no module uses, on purpose, each with the reason (shown in the table). Keep it short: a method here
# must have no use a module would honestly make of it.
NOT_USED_ON_PURPOSE = {
    "get_subgroups": "searches the subtree of a group already read for a path; no module reads a group tree to search it, "
                     "since `get_group_by_path` finds a group at any depth in one request (every module that takes a group "
                     "path uses that)",
}


def reference_methods():
    """The public synchronous methods of the reference, in its order (the signatures the repository keeps)."""
    return method_names()


def _resolve(current, node):
    """The file an import node of ``current`` (a path under plugins/) points to, or None (outside, or the client)."""
    if isinstance(node, ast.ImportFrom):
        if node.level:
            base = os.path.dirname(current)
            for _up in range(node.level - 1):
                base = os.path.dirname(base)
            parts = (node.module or "").split(".") if node.module else []
        elif (node.module or "").startswith(PACKAGE):
            base = PLUGINS
            parts = node.module[len(PACKAGE):].split(".")
        else:
            return []
        target = os.path.join(base, *parts) if parts else base
        found = []
        for candidate in [target + ".py"] + [os.path.join(target, alias.name + ".py") for alias in node.names]:
            if os.path.isfile(candidate):
                found.append(candidate)
        return found
    return []


@functools.lru_cache(maxsize=None)
def parsed(path):
    with open(path, encoding="utf-8") as handle:
        return ast.parse(handle.read(), path)


@functools.lru_cache(maxsize=None)
def imports_of(path):
    found = []
    for node in ast.walk(parsed(path)):
        found.extend(_resolve(path, node))
    return tuple(found)


def closure(path):
    """``path`` and every plugins/ file it imports, directly or not, the admin client left out."""
    seen, todo = set(), [path]
    while todo:
        current = todo.pop()
        if current in seen or os.sep + "client" + os.sep in current[len(PLUGINS):]:
            continue
        seen.add(current)
        todo.extend(imports_of(current))
    return seen


@functools.lru_cache(maxsize=None)
def attributes_of(path):
    return frozenset(node.attr for node in ast.walk(parsed(path)) if isinstance(node, ast.Attribute))


def named_methods(path, methods):
    return attributes_of(path) & methods


def coverage():
    """``{method: [modules]}`` for every reference method."""
    methods = reference_methods()
    wanted = frozenset(methods)
    by_method = dict((name, []) for name in methods)
    for module in sorted(name[:-3] for name in os.listdir(MODULES) if name.endswith(".py") and not name.startswith("_")):
        used = set()
        for path in closure(os.path.join(MODULES, module + ".py")):
            used |= named_methods(path, wanted)
        for name in used:
            by_method[name].append(module)
    return by_method


def render(by_method):
    covered = len([name for name, modules in by_method.items() if modules])
    on_purpose = [name for name, modules in by_method.items() if not modules and name in NOT_USED_ON_PURPOSE]
    lines = [
        "# Admin API coverage",
        "",
        "Which module uses each public method of the admin API reference (python-keycloak's `KeycloakAdmin`, which the",
        "collection's client offers call for call). Generated by `python tests/unit/test_api_coverage.py`; the test of the same",
        "file fails when this table is not what the code says.",
        "",
        "A module uses a method when its file, or a `module_utils` file it imports (the admin client's own files left out), names",
        "it: what a module can reach, so a helper shared by several modules counts for each. %s marks a method no module" % NOT_COVERED,
        "uses yet.",
        "",
        "%d of %d methods are used by at least one module%s." % (
            covered, len(by_method), "; %d is not used on purpose, with the reason in its row" % len(on_purpose) if on_purpose else ""),
        "",
        "| method | modules |",
        "| --- | --- |",
    ]
    for name, modules in by_method.items():
        if modules:
            used = ", ".join("`%s`" % module for module in sorted(modules))
        elif name in NOT_USED_ON_PURPOSE:
            used = "not used on purpose: %s" % NOT_USED_ON_PURPOSE[name]
        else:
            used = NOT_COVERED
        lines.append("| `%s` | %s |" % (name, used))
    return "\n".join(lines) + "\n"


def test_table_is_what_the_code_says():
    with open(TABLE, encoding="utf-8") as handle:
        written = handle.read()
    assert written == render(coverage()), "docs/api-coverage.md is stale: run python tests/unit/test_api_coverage.py"


def test_the_analysis_sees_calls_through_imports():
    by_method = coverage()
    # keycloak_client_secret calls generate_client_secrets in module_utils/operations/client_secret.py.
    assert "keycloak_client_secret" in by_method["generate_client_secrets"]
    # keycloak_cache hands the bound method over without calling it.
    assert "keycloak_cache" in by_method["clear_keys_cache"]
    # The client's own files do not count: get_server_info is called there, but keycloak_cache does not reach it.
    assert "keycloak_cache" not in by_method["get_server_info"]


def test_every_method_is_used_or_left_out_on_purpose():
    by_method = coverage()
    uncovered = sorted(name for name, modules in by_method.items() if not modules and name not in NOT_USED_ON_PURPOSE)
    assert not uncovered, "no module uses: %s" % ", ".join(uncovered)
    stale = sorted(name for name in NOT_USED_ON_PURPOSE if by_method.get(name))
    assert not stale, "used by a module now, take it out of NOT_USED_ON_PURPOSE: %s" % ", ".join(stale)


if __name__ == "__main__":
    with open(TABLE, "w", encoding="utf-8") as handle:
        handle.write(render(coverage()))
    table = coverage()
    print("%s: %d of %d methods used" % (os.path.relpath(TABLE), len([m for m in table.values() if m]), len(table)), file=sys.stderr)
