# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every resource module documents exactly the options it takes.

For each kind of ``registry.KINDS`` the module's DOCUMENTATION, with the doc fragments it
extends merged in as ansible-doc merges them, is compared with the argument spec the module
hands to Ansible: the connection options of ``keycloak_argument_spec()`` (less the aliases that
``KeycloakModule`` drops because they collide with a module option) and ``kind.argument_spec()``.
Names, types, defaults, choices, required, elements and aliases must agree, down into
suboptions. Ansible docs have no ``no_log``, so the secrets (options with ``no_log=True``) are
pinned in ``SECRETS`` instead: a new secret option, or a secret that lost its ``no_log``, fails
until ``SECRETS`` says so.

That ansible-doc renders every module is tested in tests/integration/test_packaging.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import copy
import importlib
import os

import pytest
import yaml
from ansible.module_utils.basic import AnsibleModule

from ansible_collections.iam.keycloak.plugins.module_utils import module as keycloak_module
from ansible_collections.iam.keycloak.plugins.module_utils import registry

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODULES_DIR = os.path.join(REPO, "plugins", "modules")
FRAGMENTS_DIR = os.path.join(REPO, "plugins", "doc_fragments")
COLLECTION = "iam.keycloak."

# Every option (dotted path into suboptions) with no_log=True, per module. The connection
# options' secrets are in every module.
CONNECTION_SECRETS = frozenset(["auth_client_secret", "auth_password", "token", "refresh_token"])
SECRETS = {
    "keycloak_realm": frozenset(["smtp_server.password"]),
    "keycloak_events_config": frozenset(),
    "keycloak_required_action": frozenset(),
    "keycloak_flow": frozenset(),
    "keycloak_identity_provider": frozenset(["client_secret"]),
    "keycloak_client_authz": frozenset(),
    "keycloak_realm_localization": frozenset(),
    "keycloak_realm_key": frozenset(["private_key", "keystore_password", "key_password"]),
    "keycloak_user_profile": frozenset(),
    "keycloak_client_policies": frozenset(),
    "keycloak_client_registration_policy": frozenset(),
    "keycloak_component": frozenset(["secret_config"]),
    "keycloak_user_federation": frozenset(["bind_credential"]),
    "keycloak_organization": frozenset(),
    "keycloak_management_permissions": frozenset(),
    "keycloak_role": frozenset(),
    "keycloak_client_scope": frozenset(),
    "keycloak_client": frozenset(["secret"]),
    "keycloak_group": frozenset(),
    "keycloak_user": frozenset(["password"]),
    "keycloak_role_mapping": frozenset(),
}


# ------------------------------------------------------------------ documentation


def _literal(path, name):
    """The string constant ``name`` of the Python file ``path``, read without importing it (as ansible-doc does)."""
    with open(path) as handle:
        tree = ast.parse(handle.read(), path)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(target, ast.Name) and target.id == name for target in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError("%s has no %s" % (os.path.relpath(path, REPO), name))


def fragment_documentation(name):
    """The YAML text of the doc fragment ``name``: ``iam.keycloak.X`` is ``DOCUMENTATION`` of
    plugins/doc_fragments/X.py, ``iam.keycloak.X.Y`` its attribute ``Y`` (upper-cased)."""
    if not name.startswith(COLLECTION):
        raise AssertionError("fragment %s is not one of this collection's; this test only reads plugins/doc_fragments" % name)
    rest = name[len(COLLECTION):]
    if os.path.exists(os.path.join(FRAGMENTS_DIR, rest + ".py")):
        file_name, attribute = rest, "DOCUMENTATION"
    elif "." in rest:
        file_name, attribute = rest.rsplit(".", 1)
        attribute = attribute.upper()
    else:
        raise AssertionError("fragment %s: no plugins/doc_fragments/%s.py" % (name, rest))
    if not os.path.exists(os.path.join(FRAGMENTS_DIR, file_name + ".py")):
        raise AssertionError("fragment %s: no plugins/doc_fragments/%s.py" % (name, file_name))
    fragment_module = importlib.import_module("ansible_collections.iam.keycloak.plugins.doc_fragments." + file_name)
    fragment_class = getattr(fragment_module, "ModuleDocFragment")
    if not hasattr(fragment_class, attribute):
        raise AssertionError("fragment %s: plugins/doc_fragments/%s.py has no ModuleDocFragment.%s" % (name, file_name, attribute))
    return getattr(fragment_class, attribute)


def merge_fragment(target, source):
    """ansible's ``plugin_docs.merge_fragment``: what ``target`` (the module) says wins, one level deep."""
    for key, value in source.items():
        if key in target:
            if isinstance(target[key], dict):
                value.update(target[key])
            elif isinstance(target[key], list):
                value = sorted(frozenset(value + target[key]))
            else:
                raise AssertionError("fragment and module both set %r" % key)
        target[key] = value


def module_documentation(module_name):
    """The module's DOCUMENTATION with its fragments merged in, as ansible-doc shows it."""
    doc = yaml.safe_load(_literal(os.path.join(MODULES_DIR, module_name + ".py"), "DOCUMENTATION"))
    for name in doc.pop("extends_documentation_fragment", None) or []:
        fragment = yaml.safe_load(fragment_documentation(name)) or {}
        for key in ("notes", "seealso"):
            if key in fragment:
                doc.setdefault(key, []).extend(fragment.pop(key))
        for key in ("options", "attributes"):
            if key in fragment:
                if key in doc:
                    merge_fragment(doc[key], fragment.pop(key) or {})
                else:
                    doc[key] = fragment.pop(key)
        merge_fragment(doc, fragment)
    return doc


# ------------------------------------------------------------------ argument spec


class _Captured(Exception):
    def __init__(self, argument_spec):
        Exception.__init__(self)
        self.argument_spec = argument_spec


def module_argument_spec(kind, monkeypatch):
    """The argument spec ``run(kind)`` gives Ansible: built by ``KeycloakModule`` itself (connection
    options, less the aliases a module option takes over, plus the kind's), caught before Ansible
    would parse any parameters."""

    def capture(self, argument_spec=None, **kwargs):
        raise _Captured(copy.deepcopy(argument_spec))

    monkeypatch.setattr(AnsibleModule, "__init__", capture)
    try:
        keycloak_module.KeycloakModule(argument_spec=kind.argument_spec(), supports_check_mode=True, **kind.module)
    except _Captured as captured:
        return captured.argument_spec
    raise AssertionError("KeycloakModule did not call AnsibleModule.__init__")


# ------------------------------------------------------------------ comparison


def _label(path):
    return ".".join(path)


def compare_options(module_name, documented, spec, path=()):
    """Every difference between documented options and spec options, as readable lines."""
    problems = []
    for name in sorted(set(spec) - set(documented)):
        problems.append("%s: option %s is in the argument spec but not documented" % (module_name, _label(path + (name,))))
    for name in sorted(set(documented) - set(spec)):
        problems.append("%s: option %s is documented but not in the argument spec" % (module_name, _label(path + (name,))))
    for name in sorted(set(documented) & set(spec)):
        doc, option = documented[name] or {}, spec[name] or {}
        for what, doc_value, spec_value in (
            ("type", doc.get("type", "str"), option.get("type", "str")),
            ("default", doc.get("default"), option.get("default")),
            ("choices", doc.get("choices"), option.get("choices")),
            ("required", bool(doc.get("required", False)), bool(option.get("required", False))),
            ("elements", doc.get("elements"), option.get("elements")),
            ("aliases", sorted(doc.get("aliases") or []), sorted(option.get("aliases") or [])),
        ):
            if doc_value != spec_value:
                problems.append("%s: option %s: %s is documented as %r, the argument spec has %r"
                                % (module_name, _label(path + (name,)), what, doc_value, spec_value))
        if option.get("options") or doc.get("suboptions"):
            problems.extend(compare_options(module_name, doc.get("suboptions") or {}, option.get("options") or {}, path + (name,)))
    return problems


def secret_options(spec, path=()):
    """Dotted paths of the options of ``spec`` with ``no_log=True``."""
    found = set()
    for name, option in spec.items():
        if option.get("no_log"):
            found.add(_label(path + (name,)))
        if option.get("options"):
            found |= secret_options(option["options"], path + (name,))
    return found


# ------------------------------------------------------------------ tests

KINDS = sorted(registry.KINDS)


@pytest.mark.parametrize("kind_name", KINDS)
def test_documentation_matches_argument_spec(kind_name, monkeypatch):
    kind = registry.KINDS[kind_name]
    module_name = registry.MODULES[kind_name]
    doc = module_documentation(module_name)
    assert doc.get("module") == module_name, "%s: DOCUMENTATION says module: %r" % (module_name, doc.get("module"))
    problems = compare_options(module_name, doc.get("options") or {}, module_argument_spec(kind, monkeypatch))
    assert not problems, "documentation and argument spec differ:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("kind_name", KINDS)
def test_secret_options_are_the_known_ones(kind_name, monkeypatch):
    module_name = registry.MODULES[kind_name]
    assert module_name in SECRETS, "%s: not in SECRETS of %s; add it with its no_log options" % (module_name, __name__)
    found = secret_options(module_argument_spec(registry.KINDS[kind_name], monkeypatch))
    expected = CONNECTION_SECRETS | SECRETS[module_name]
    problems = ["%s: option %s has no_log=True but is not in SECRETS: if it is a secret, add it there" % (module_name, name)
                for name in sorted(found - expected)]
    problems += ["%s: option %s is in SECRETS but its no_log is not True" % (module_name, name) for name in sorted(expected - found)]
    assert not problems, "\n".join(problems)


def test_every_module_of_the_registry_exists():
    for kind_name, module_name in sorted(registry.MODULES.items()):
        assert os.path.exists(os.path.join(MODULES_DIR, module_name + ".py")), "kind %s: no plugins/modules/%s.py" % (kind_name, module_name)
