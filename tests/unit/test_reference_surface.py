# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``KeycloakAdmin`` offers python-keycloak's synchronous admin API, call for call.

The reference is python-keycloak's rendered API page (shared next to the repository).
Code written against python-keycloak must keep working with keyword or positional
arguments, so every public method must exist with the same parameter names, in the same
order, with the same defaults.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import inspect
import os
import re

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REFERENCE = os.path.join(REPO, "..", "shared", "reference", "keycloak_admin_api.txt")
SOURCE_MARK = "[source]"
# Lines of the page that are not a public synchronous method of the class.
NOT_METHODS = ("async", "class", "property", "PAGE_SIZE", "_")
SIGNATURE = re.compile(r"^(?:class\s+)?(?P<name>[\w.]+)\((?P<params>.*)\)(?:\s*(?P<returns>\S.*))?$")
NO_DEFAULT = inspect.Parameter.empty


def parse_signature(line):
    """``name`` and ``[(parameter name, kind, default)]`` of one ``...[source]`` line.

    The parameter list is valid Python (annotations such as ``count: int = 1`` or
    ``connection: KeycloakOpenIDConnection | None = None`` included), so ``ast`` parses it.
    """
    match = SIGNATURE.match(line[: -len(SOURCE_MARK)].strip())
    if match is None:
        raise ValueError("not a signature: %r" % line)
    arguments = ast.parse("def f(%s): pass" % match.group("params")).body[0].args
    params = []
    positional = arguments.posonlyargs + arguments.args
    defaults = [NO_DEFAULT] * (len(positional) - len(arguments.defaults)) + list(arguments.defaults)
    for arg, default in zip(positional, defaults):
        params.append((arg.arg, inspect.Parameter.POSITIONAL_OR_KEYWORD, _value(default)))
    if arguments.vararg:
        params.append((arguments.vararg.arg, inspect.Parameter.VAR_POSITIONAL, NO_DEFAULT))
    for arg, default in zip(arguments.kwonlyargs, arguments.kw_defaults):
        params.append((arg.arg, inspect.Parameter.KEYWORD_ONLY, _value(default)))
    if arguments.kwarg:
        params.append((arguments.kwarg.arg, inspect.Parameter.VAR_KEYWORD, NO_DEFAULT))
    return match.group("name").split(".")[-1], params


def _value(node):
    return NO_DEFAULT if node is None or node is NO_DEFAULT else ast.literal_eval(node)


def reference_lines():
    """(class line, [method lines]) of the reference page, or None when it is absent."""
    if not os.path.isfile(REFERENCE):
        return None
    class_line, methods = None, []
    with open(REFERENCE, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if not line.endswith(SOURCE_MARK):
                continue
            if line.startswith("class ") and class_line is None:
                class_line = line
            elif not line.startswith(NOT_METHODS):
                methods.append(line)
    return class_line, methods


REFERENCE_LINES = reference_lines()
ABSENT = pytest.mark.skip(reason="reference API page not found at %s" % os.path.normpath(REFERENCE))


def method_cases():
    if REFERENCE_LINES is None:
        return [pytest.param(None, marks=ABSENT, id="reference-absent")]
    return [pytest.param(line, id=parse_signature(line)[0]) for line in REFERENCE_LINES[1]]


def ours(function):
    """Our parameters as (name, kind, default), without ``self``."""
    params = list(inspect.signature(function).parameters.values())
    if params and params[0].name == "self":
        params = params[1:]
    return [(param.name, param.kind, param.default) for param in params]


def comparable(params):
    """Defaults compared by type too, so ``True`` never passes for ``1`` nor ``0`` for ``False``."""
    return [(name, kind, (type(default).__name__, default)) for name, kind, default in params]


@pytest.fixture(scope="module")
def admin_class():
    from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin

    return KeycloakAdmin


def test_parser_reads_annotations_defaults_and_kwargs():
    name, params = parse_signature("create_initial_access_token(count: int = 1, expiration: int = 1)[source]")
    assert name == "create_initial_access_token"
    assert params == [("count", inspect.Parameter.POSITIONAL_OR_KEYWORD, 1), ("expiration", inspect.Parameter.POSITIONAL_OR_KEYWORD, 1)]
    name, params = parse_signature("get_client_role_members(client_id, role_name, **query)[source]")
    assert [(p[0], p[1]) for p in params][-1] == ("query", inspect.Parameter.VAR_KEYWORD)
    assert parse_signature("get_current_realm() str[source]") == ("get_current_realm", [])
    assert parse_signature("get_realm_roles(brief_representation=True, search_text='')[source]")[1] == [
        ("brief_representation", inspect.Parameter.POSITIONAL_OR_KEYWORD, True),
        ("search_text", inspect.Parameter.POSITIONAL_OR_KEYWORD, ""),
    ]


def test_reference_lists_the_methods():
    if REFERENCE_LINES is None:
        pytest.skip("reference API page not found at %s" % os.path.normpath(REFERENCE))
    class_line, methods = REFERENCE_LINES
    assert class_line and "KeycloakAdmin(" in class_line
    # A parsing slip that dropped most of the page would make the per-method checks vacuous.
    assert len(methods) > 150
    names = [parse_signature(line)[0] for line in methods]
    assert len(names) == len(set(names)), "a method is listed twice"


def test_constructor_matches_reference(admin_class):
    if REFERENCE_LINES is None:
        pytest.skip("reference API page not found at %s" % os.path.normpath(REFERENCE))
    name, expected = parse_signature(REFERENCE_LINES[0])
    assert name == "KeycloakAdmin"
    assert comparable(ours(admin_class.__init__)) == comparable(expected)


@pytest.mark.parametrize("line", method_cases())
def test_method_matches_reference(admin_class, line):
    name, expected = parse_signature(line)
    assert hasattr(admin_class, name), "KeycloakAdmin has no %s (reference: %s)" % (name, line[: -len(SOURCE_MARK)])
    method = getattr(admin_class, name)
    assert callable(method) and not inspect.iscoroutinefunction(method)
    assert comparable(ours(method)) == comparable(expected), "reference: %s" % line[: -len(SOURCE_MARK)]
