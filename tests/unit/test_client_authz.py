# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""keycloak_client_authz without a server: its documentation against its argument spec, and the pure parts of the kind
(reading Keycloak's export, comparing by name, the options the info module gives back)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from test_module_docs import compare_options, module_argument_spec, module_documentation, secret_options  # pylint: disable=import-error

from ansible_collections.iam.keycloak.plugins.module_utils.kind import to_representation, with_defaults
from ansible_collections.iam.keycloak.plugins.module_utils.module import keycloak_argument_spec
from ansible_collections.iam.keycloak.plugins.module_utils.resources import client_authz
from ansible_collections.iam.keycloak.plugins.module_utils.resources.client_authz import (
    CLIENT_AUTHZ,
    RoleNames,
    item_differs,
    items_from_export,
    merge_item,
    normal_policy,
    to_options,
    view,
)


def test_documentation_matches_argument_spec(monkeypatch):
    doc = module_documentation("keycloak_client_authz")
    assert doc["module"] == "keycloak_client_authz"
    problems = compare_options("keycloak_client_authz", doc["options"], module_argument_spec(CLIENT_AUTHZ, monkeypatch))
    assert not problems, "\n".join(problems)


def test_no_secret_option_but_the_connection_ones(monkeypatch):
    connection = set(name for name, option in keycloak_argument_spec().items() if option.get("no_log"))
    assert secret_options(module_argument_spec(CLIENT_AUTHZ, monkeypatch)) == connection


def test_info_module_documents_its_options():
    doc = module_documentation("keycloak_client_authz_info")
    options = dict((name, option) for name, option in doc["options"].items() if name not in keycloak_argument_spec())
    assert options["realm"] == {"description": ["Name of the realm the client belongs to."], "type": "str", "default": "master"}
    assert options["client_id"] == {"description": ["Client ID (C(clientId), not the internal id) of the client whose setup is read."],
                                    "type": "str", "required": True}
    assert options["resource_id"]["type"] == "str" and "required" not in options["resource_id"]
    assert set(options) == {"realm", "client_id", "resource_id"}


class _Clients:
    """The one read RoleNames makes: the realm's clients."""

    def __init__(self, client_ids):
        self.calls = 0
        self.client_ids = client_ids

    def get_clients(self):
        self.calls += 1
        return [{"clientId": client_id} for client_id in self.client_ids]


def test_role_names_split_at_the_longest_client_id_and_only_read_clients_when_needed():
    api = _Clients(["https://wiki.example.com", "https://wiki.example.com/app", "billing"])
    roles = RoleNames(api, hints={"a/b": {"name": "a/b"}})
    assert roles.parse("auditor") == {"name": "auditor"}
    assert roles.parse("a/b") == {"name": "a/b"}
    assert api.calls == 0
    assert roles.parse("https://wiki.example.com/app/editor") == {"name": "editor", "clientId": "https://wiki.example.com/app"}
    assert roles.parse("billing/x/y") == {"name": "x/y", "clientId": "billing"}
    assert roles.parse("no-client/role") == {"name": "no-client/role"}
    assert api.calls == 1


EXPORT = {
    "policyEnforcementMode": "ENFORCING", "decisionStrategy": "UNANIMOUS", "allowRemoteResourceManagement": True,
    "scopes": [{"name": "write"}, {"name": "read", "displayName": "Read"}],
    "resources": [{"name": "doc", "ownerManagedAccess": False, "attributes": {}, "uris": ["/b", "/a"], "scopes": [{"name": "write"}, {"name": "read"}]},
                  {"name": "doc", "owner": {"name": "jane"}, "ownerManagedAccess": True, "attributes": {}, "uris": []}],
    "policies": [
        {"name": "roles", "type": "role", "logic": "POSITIVE", "decisionStrategy": "UNANIMOUS",
         "config": {"roles": json.dumps([{"id": "billing/reader", "required": False}, {"id": "auditor", "required": True}])}},
        {"name": "time", "type": "time", "logic": "POSITIVE", "decisionStrategy": "UNANIMOUS", "config": {"nbf": "2024-01-01 00:00:00", "hourEnd": "18"}},
        {"name": "all", "type": "aggregate", "logic": "POSITIVE", "decisionStrategy": "AFFIRMATIVE",
         "config": {"applyPolicies": json.dumps(["time", "roles"])}},
        {"name": "perm", "type": "resource", "logic": "POSITIVE", "decisionStrategy": "UNANIMOUS", "description": "",
         "config": {"defaultResourceType": "urn:x", "applyPolicies": json.dumps(["all"])}},
    ],
}


def test_the_export_read_as_the_task_spells_it():
    items = items_from_export(EXPORT, RoleNames(_Clients(["billing"])))
    assert [scope["name"] for scope in items["scopes"]] == ["write", "read"]
    assert items["resources"][0] == {"name": "doc", "uris": ["/a", "/b"], "scopes": ["read", "write"], "attributes": {}, "ownerManagedAccess": False}
    assert items["resources"][1]["owner"] == "jane"
    policies = dict((item["name"], item) for item in items["policies"])
    assert policies["roles"]["roles"] == [{"name": "auditor", "required": True}, {"name": "reader", "clientId": "billing", "required": False}]
    assert policies["roles"]["fetchRoles"] is False
    assert policies["time"]["notBefore"] == "2024-01-01 00:00:00" and policies["time"]["hourEnd"] == "18"
    assert policies["all"]["policies"] == ["roles", "time"]
    assert items["permissions"] == [{"name": "perm", "type": "resource", "description": "", "logic": "POSITIVE", "decisionStrategy": "UNANIMOUS",
                                     "resources": [], "scopes": [], "policies": ["all"], "resourceType": "urn:x"}]
    assert view(items["permissions"][0]) == {"name": "perm", "type": "resource", "logic": "POSITIVE", "decisionStrategy": "UNANIMOUS",
                                             "policies": ["all"], "resourceType": "urn:x"}


def task_item(collection, **options):
    """An item as the kind hands it over: options with their defaults, in camelCase."""
    spec = CLIENT_AUTHZ.option_spec()[collection]["options"]
    return to_representation(with_defaults(options, spec), spec)


def test_lists_compare_without_order_and_empty_means_none():
    have = normal_policy({"name": "p", "type": "user", "users": ["bob", "jane"], "description": ""})
    assert not item_differs(have, normal_policy(task_item("policies", name="p", type="user", users=["Jane", "bob"])))
    assert not item_differs(have, normal_policy(task_item("policies", name="p", type="user", description="")))
    assert item_differs(have, normal_policy(task_item("policies", name="p", type="user", users=["jane"])))
    roles = normal_policy(task_item("policies", name="r", type="role", roles=[{"name": "b", "client_id": "c"}, {"name": "a"}]))
    assert roles["roles"] == [{"name": "a", "required": False}, {"name": "b", "clientId": "c", "required": False}]


def test_attributes_merge_key_by_key():
    have = {"name": "doc", "attributes": {"a": ["1"], "b": ["2"]}}
    assert not item_differs(have, {"name": "doc", "attributes": {"a": ["1"]}})
    assert not item_differs(have, {"name": "doc", "attributes": {"c": []}})
    assert item_differs(have, {"name": "doc", "attributes": {"b": []}})
    assert merge_item(have, {"attributes": {"b": [], "c": ["3"]}})["attributes"] == {"a": ["1"], "c": ["3"]}


def test_info_options_give_back_the_task_items():
    spec = CLIENT_AUTHZ.option_spec()
    options = {"name": "r", "type": "role", "roles": [{"name": "a", "required": True}, {"name": "b", "client_id": "c", "required": False}],
               "fetch_roles": False, "decision_strategy": "UNANIMOUS", "logic": "POSITIVE"}
    item = normal_policy(task_item("policies", **options))
    assert to_options(view(item), spec["policies"]["options"]) == options
    resource = {"name": "doc", "icon_uri": "https://x/i.png", "owner_managed_access": True, "uris": ["/a"], "attributes": {"k": ["v"]}}
    assert to_options(view(client_authz.normal_resource(task_item("resources", **resource))), spec["resources"]["options"]) == resource
