# -*- coding: utf-8 -*-
"""No name a task gives addresses another resource (issue 16, item 1).

A name that is empty, ``.`` or ``..`` (or decodes to one) would, once in a URL, address the parent
resource: HTTP clients and servers remove dot segments (``DELETE .../localization/..`` deleted the
realm). Every module is run with such a name through a proxy on 127.0.0.1 that records what reaches
the wire:

* every module's ``realm``, and every resource kind's key option (``name``, ``username``, ``alias``,
  ``locale``...): a clear error naming the option, and not one request sent (not even a login), in
  check mode and for real;
* a reference to such a name (a new user's ``realm_roles``): a clear error naming ``realm_roles[0]``,
  and no write (the user is not created);
* names that are awkward but safe (``x?y=z``, ``#``, ``&``, unicode, 255+ characters): the right
  object or Keycloak's own refusal, every request on the object's own path.

Each module's arguments are its first EXAMPLES task that uses no template, so a new module is tested
the day it lands.
"""

import ast
import os
from urllib.parse import quote

import pytest
import yaml

from proxy import Proxy  # tests/keycloak  pylint: disable=import-error
from ansible_collections.iam.keycloak.plugins.module_utils import registry
from ansible_collections.iam.keycloak.plugins.module_utils.module import keycloak_argument_spec
from harness import TOKEN_PATH  # pylint: disable=import-error

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
MODULES = os.path.join(REPO, "plugins", "modules")
UNSAFE = ["", ".", "..", "a/..", "%2e%2e", "%2E%2E/x", "..%2f"]
AWKWARD = ["x?y=z", "#", "&", "ä ü 日本", "x" * 300]
REFUSED = "would address another resource"
# The examples' own connection options: the test's login replaces them.
CONNECTION = set(keycloak_argument_spec()) | set(["url"])


def module_names():
    return sorted(name[:-3] for name in os.listdir(MODULES) if name.startswith("keycloak_") and name.endswith(".py"))


def module_text(module, name):
    with open(os.path.join(MODULES, module + ".py"), encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    return next(node.value.value for node in tree.body if isinstance(node, ast.Assign)
                and getattr(node.targets[0], "id", None) == name)


def first_plain_example(module):
    """The arguments of the module's first EXAMPLES task without a template (else its first task, each template
    a placeholder string), or None."""
    text = module_text(module, "EXAMPLES")
    found = []
    for task in yaml.safe_load(text) or []:
        for block in [task] + list(task.get("block") or []):
            args = block.get("iam.keycloak." + module)
            if isinstance(args, dict):
                found.append(dict((key, value) for key, value in args.items() if key not in CONNECTION))
    plain = [args for args in found if "{{" not in repr(args)]
    if plain:
        return plain[0]
    return untemplated(found[0]) if found else None


def untemplated(value):
    if isinstance(value, dict):
        return dict((key, untemplated(item)) for key, item in value.items())
    if isinstance(value, list):
        return [untemplated(item) for item in value]
    return "placeholder" if isinstance(value, str) and "{{" in value else value


EXAMPLES = dict((module, first_plain_example(module)) for module in module_names())
KEYS = dict((registry.MODULES[name], kind.key) for name, kind in registry.KINDS.items())


def has_realm(module):
    """Whether the module takes ``realm`` (its own option, or the resource fragment's)."""
    documentation = yaml.safe_load(module_text(module, "DOCUMENTATION"))
    fragments = documentation.get("extends_documentation_fragment") or []
    return "realm" in (documentation.get("options") or {}) or any(fragment.startswith("iam.keycloak.resource") for fragment in fragments)


REALM_MODULES = set(module for module in module_names() if has_realm(module))
# The login realm of every module, the realm of every module that has one, the key of every resource kind.
CASES = [(module, option) for module in module_names()
         for option in ["auth_realm"] + (["realm"] if module in REALM_MODULES else []) + ([KEYS[module]] if module in KEYS else [])]


def test_every_module_is_covered():
    """Every module has a plain example to start from (else its row would test nothing)."""
    assert [module for module, args in EXAMPLES.items() if args is None] == []
    assert sorted(set(module_names()) - REALM_MODULES) == ["keycloak_server_info"]
    assert len(CASES) >= 46 + 45 + 21


@pytest.fixture
def proxied(keycloak_url):
    with Proxy(keycloak_url) as proxy:
        yield proxy


@pytest.mark.parametrize("module,option", CASES, ids=["%s-%s" % case for case in CASES])
def test_unsafe_name_sends_nothing(module_runner, proxied, realm, module, option):
    for check_mode in (True, False):
        # An empty login realm is no value (AWX injects "" for an input left empty): the default, master.
        for value in UNSAFE if option != "auth_realm" else [value for value in UNSAFE if value]:
            args = dict(EXAMPLES[module])
            if module in REALM_MODULES:
                args["realm"] = realm
            args[option] = value
            args["auth_keycloak_url"] = proxied.url
            del proxied.requests[:]
            result = module_runner(module, check_mode=check_mode, **args)
            assert result.get("failed") is True, (value, result.get("msg"))
            assert REFUSED in result["msg"] and "option %s" % option in result["msg"], result["msg"]
            assert proxied.requests == [], (value, proxied.requests)


def test_dangling_unsafe_reference_writes_nothing(module_runner, proxied, realm, realm_admin):
    """A new user whose realm role is '..': refused while planning, so the user is not created."""
    for check_mode in (True, False):
        del proxied.requests[:]
        result = module_runner("keycloak_user", check_mode=check_mode, auth_keycloak_url=proxied.url, realm=realm,
                               username="dot-roles", realm_roles=["offline_access", ".."])
        assert result.get("failed") is True, result
        assert "option realm_roles[1]" in result["msg"] and REFUSED in result["msg"], result["msg"]
        assert [r for r in proxied.requests if r[0] != "GET" and TOKEN_PATH not in r[1]] == []
        assert realm_admin.get_users({"username": "dot-roles", "exact": True}) == []


@pytest.mark.parametrize("value", AWKWARD, ids=["query", "hash", "amp", "unicode", "long"])
def test_awkward_role_names_address_the_role(module_runner, proxied, realm, realm_admin, value):
    """Created, found and deleted on its own path, or refused by Keycloak with its message."""
    own = "/admin/realms/%s/roles/%s" % (realm, quote(value, safe=""))
    created = module_runner("keycloak_role", auth_keycloak_url=proxied.url, realm=realm, name=value, description="odd")
    if created.get("failed"):
        assert created.get("http_status") and created["msg"], created
        assert len(created["msg"]) < 1000
        return
    assert realm_admin.get_realm_role(value)["name"] == value
    del proxied.requests[:]
    deleted = module_runner("keycloak_role", auth_keycloak_url=proxied.url, realm=realm, name=value, state="absent")
    assert deleted["changed"] is True, deleted
    assert [r for r in proxied.requests if r[0] == "DELETE"] == [("DELETE", own)]
    assert all(path.split("?")[0] in (own, "/admin/realms/%s" % realm) or TOKEN_PATH in path
               for _method, path in proxied.requests), proxied.requests
    assert realm_admin.get_realm(realm)["realm"] == realm


@pytest.mark.parametrize("value", AWKWARD, ids=["query", "hash", "amp", "unicode", "long"])
def test_awkward_locale_never_reaches_the_realm(module_runner, proxied, realm, realm_admin, value):
    """The issue's own case: a locale's texts and their removal stay under localization/<locale>."""
    own = "/admin/realms/%s/localization/%s" % (realm, quote(value, safe=""))
    result = module_runner("keycloak_realm_localization", auth_keycloak_url=proxied.url, realm=realm, locale=value,
                           texts={"hello": "Hi"})
    if not result.get("failed"):
        module_runner("keycloak_realm_localization", auth_keycloak_url=proxied.url, realm=realm, locale=value, state="absent")
    writes = [(method, path) for method, path in proxied.requests if method != "GET" and TOKEN_PATH not in path]
    assert all(path.startswith(own + "/") or path == own for _method, path in writes), writes
    assert realm_admin.get_realm(realm)["realm"] == realm
