# -*- coding: utf-8 -*-
"""AuthzMixin against a real Keycloak: resources, scopes, policies, permissions and paging.

The resource server (a confidential client with authorization services), the client a
client policy names and the realm role a role policy names are made with raw calls, so
these tests stand on the authz area alone.
"""

import uuid

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import (
    KeycloakDeleteError,
    KeycloakGetError,
    KeycloakPostError,
)

ODD_NAMES = ["with spaces", "path/like", "plus+name", "hash#name", "ünïcødé-资源-😀"]
# More than one page of Keycloak's default page size (100).
MANY = 105


def unique(prefix="t"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:8])


def _resource_server(admin):
    return admin.create_client(
        {
            "clientId": unique("rs"),
            "publicClient": False,
            "authorizationServicesEnabled": True,
            "serviceAccountsEnabled": True,
        },
    )


@pytest.fixture(scope="module")
def rs(realm_admin):
    return _resource_server(realm_admin)


@pytest.fixture(scope="module")
def other_client(realm_admin):
    return realm_admin.create_client({"clientId": unique("other")})


@pytest.fixture(scope="module")
def realm_role(realm_admin):
    name = unique("role")
    realm_admin.create_realm_role({"name": name})
    return realm_admin.get_realm_role(name)


def _expect_404(call, *args, **kwargs):
    with pytest.raises(kwargs.get("error", KeycloakGetError)) as exc:
        call(*args)
    assert exc.value.response_code == 404


def test_settings(realm_admin, rs):
    settings = realm_admin.get_client_authz_settings(rs)
    assert settings["policyEnforcementMode"] == "ENFORCING"
    assert settings["decisionStrategy"] == "UNANIMOUS"
    assert {"resources", "policies", "scopes"} <= set(settings)
    _expect_404(realm_admin.get_client_authz_settings, str(uuid.uuid4()))


def test_resources_crud(realm_admin, rs):
    created = {}
    for name in ODD_NAMES:
        resource = realm_admin.create_client_authz_resource(
            rs, {"name": name, "displayName": name, "type": "urn:t:" + name, "uris": ["/" + name], "scopes": [{"name": name + " view"}]}
        )
        # Keycloak names the id of a ResourceRepresentation "_id".
        assert resource["name"] == name and resource["_id"]
        created[name] = resource["_id"]

    listed = dict((r["name"], r) for r in realm_admin.get_client_authz_resources(rs))
    for name, resource_id in created.items():
        assert listed[name]["_id"] == resource_id
        one = realm_admin.get_client_authz_resource(rs, resource_id)
        assert one["name"] == name and one["uris"] == ["/" + name]
        assert [s["name"] for s in one["scopes"]] == [name + " view"]
    # The resources' scopes were created with them.
    assert set(n + " view" for n in ODD_NAMES) <= set(s["name"] for s in realm_admin.get_client_authz_scopes(rs))
    assert set(ODD_NAMES) <= set(r["name"] for r in realm_admin.get_client_authz_settings(rs)["resources"])

    name = ODD_NAMES[0]
    assert realm_admin.create_client_authz_resource(rs, {"name": name}, skip_exists=True) == {"msg": "Already exists"}
    with pytest.raises(KeycloakPostError) as exc:
        realm_admin.create_client_authz_resource(rs, {"name": name})
    assert exc.value.response_code == 409

    resource_id = created[name]
    assert realm_admin.update_client_authz_resource(rs, resource_id, {"name": name, "displayName": "néw", "uris": ["/new"]}) == {}
    updated = realm_admin.get_client_authz_resource(rs, resource_id)
    assert updated["displayName"] == "néw" and updated["uris"] == ["/new"]
    # What the payload left out went back to the default: no type, no scopes.
    assert "type" not in updated and not updated.get("scopes")

    for resource_id in created.values():
        assert realm_admin.delete_client_authz_resource(rs, resource_id) == {}
        _expect_404(realm_admin.get_client_authz_resource, rs, resource_id)
    _expect_404(realm_admin.delete_client_authz_resource, rs, resource_id, error=KeycloakDeleteError)
    assert not set(created.values()) & set(r["_id"] for r in realm_admin.get_client_authz_resources(rs))


def test_scopes(realm_admin, rs):
    ids = {}
    for name in ODD_NAMES:
        scope = realm_admin.create_client_authz_scopes(rs, {"name": "scope " + name, "displayName": name})
        assert scope["name"] == "scope " + name and scope["id"]
        ids[scope["name"]] = scope["id"]
    listed = dict((s["name"], s["id"]) for s in realm_admin.get_client_authz_scopes(rs))
    assert all(listed[name] == scope_id for name, scope_id in ids.items())
    # Keycloak 26 answers a second create of the same name with 201 and the existing scope.
    again = realm_admin.create_client_authz_scopes(rs, {"name": "scope " + ODD_NAMES[0]})
    assert again["id"] == ids["scope " + ODD_NAMES[0]]
    assert len([s for s in realm_admin.get_client_authz_scopes(rs) if s["name"] == "scope " + ODD_NAMES[0]]) == 1


def test_policies(realm_admin, rs, other_client, realm_role):
    role_policy = realm_admin.create_client_authz_role_based_policy(
        rs,
        {"type": "role", "logic": "POSITIVE", "decisionStrategy": "UNANIMOUS", "name": "role pol/ü+#", "roles": [{"id": realm_role["id"]}]},
    )
    assert role_policy["type"] == "role" and role_policy["roles"][0]["id"] == realm_role["id"]
    assert realm_admin.create_client_authz_role_based_policy(rs, {"name": "role pol/ü+#", "roles": [{"id": realm_role["id"]}]},
                                                             skip_exists=True) == {"msg": "Already exists"}
    with pytest.raises(KeycloakPostError) as exc:
        realm_admin.create_client_authz_role_based_policy(rs, {"name": "role pol/ü+#", "roles": [{"id": realm_role["id"]}]})
    assert exc.value.response_code == 409

    time_payload = {"name": "time pol ü", "type": "time", "logic": "POSITIVE", "decisionStrategy": "UNANIMOUS",
                    "config": {"hourEnd": "18", "hour": "9"}}
    time_policy = realm_admin.create_client_authz_policy(rs, time_payload)
    assert time_policy["type"] == "time"
    assert realm_admin.create_client_authz_policy(rs, time_payload, skip_exists=True) == {"msg": "Already exists"}
    with pytest.raises(KeycloakPostError) as exc:
        realm_admin.create_client_authz_policy(rs, time_payload)
    assert exc.value.response_code == 409

    client_policy = realm_admin.create_client_authz_client_policy(
        {"type": "client", "logic": "NEGATIVE", "decisionStrategy": "UNANIMOUS", "name": "client pol #1", "clients": [other_client]}, rs
    )
    assert client_policy["type"] == "client" and client_policy["clients"] == [other_client]

    got = realm_admin.get_client_authz_policy(rs, time_policy["id"])
    assert got["name"] == "time pol ü" and got["config"] == {"hourEnd": "18", "hour": "9"}
    got = realm_admin.get_client_authz_policy(rs, client_policy["id"])
    assert got["logic"] == "NEGATIVE"

    permission = realm_admin.create_client_authz_resource_based_permission(
        rs, {"type": "resource", "name": unique("perm"), "resourceType": "urn:t:any", "policies": [time_policy["id"]]}
    )
    policies = dict((p["name"], p) for p in realm_admin.get_client_authz_policies(rs))
    assert {"role pol/ü+#", "time pol ü", "client pol #1"} <= set(policies)
    # Permissions are policies too on the server; this list leaves them out.
    assert permission["name"] not in policies
    client_policies = realm_admin.get_client_authz_client_policies(rs)
    assert [p["id"] for p in client_policies] == [client_policy["id"]]

    # The permission goes first: deleting the last policy it decides with deletes it too.
    for policy in (permission, role_policy, time_policy, client_policy):
        assert realm_admin.delete_client_authz_policy(rs, policy["id"]) == {}
        _expect_404(realm_admin.get_client_authz_policy, rs, policy["id"])
    _expect_404(realm_admin.delete_client_authz_policy, rs, role_policy["id"], error=KeycloakDeleteError)
    assert realm_admin.get_client_authz_client_policies(rs) == []


def test_permissions(realm_admin, rs, other_client):
    resource = realm_admin.create_client_authz_resource(rs, {"name": unique("perm res ü"), "scopes": [{"name": unique("read")}]})
    read_scope = resource["scopes"][0]
    write_scope = realm_admin.create_client_authz_scopes(rs, {"name": unique("write/ü")})
    allow = realm_admin.create_client_authz_client_policy({"name": unique("allow"), "clients": [other_client]}, rs)
    deny = realm_admin.create_client_authz_client_policy({"name": unique("deny"), "logic": "NEGATIVE", "clients": [other_client]}, rs)

    resource_perm_name = unique("res perm #ü")
    resource_perm = realm_admin.create_client_authz_resource_based_permission(
        rs, {"type": "resource", "logic": "POSITIVE", "decisionStrategy": "UNANIMOUS", "name": resource_perm_name,
             "resources": [resource["_id"]], "policies": [allow["id"]]}
    )
    assert resource_perm["type"] == "resource" and resource_perm["resources"] == [resource["_id"]]
    assert realm_admin.create_client_authz_resource_based_permission(
        rs, {"name": resource_perm_name, "resources": [resource["_id"]]}, skip_exists=True) == {"msg": "Already exists"}

    scope_perm = realm_admin.create_client_authz_scope_permission(
        {"name": unique("scope perm/+"), "type": "scope", "logic": "POSITIVE", "decisionStrategy": "UNANIMOUS",
         "resources": [resource["_id"]], "scopes": [read_scope["id"]], "policies": [allow["id"]]},
        rs,
    )
    assert scope_perm["type"] == "scope" and scope_perm["scopes"] == [read_scope["id"]]

    got = realm_admin.get_client_authz_scope_permission(rs, scope_perm["id"])
    assert got["id"] == scope_perm["id"] and got["type"] == "scope" and got["name"] == scope_perm["name"]
    _expect_404(realm_admin.get_client_authz_scope_permission, rs, str(uuid.uuid4()))

    assert [s["id"] for s in realm_admin.get_client_authz_policy_scopes(rs, scope_perm["id"])] == [read_scope["id"]]
    assert [r["_id"] for r in realm_admin.get_client_authz_policy_resources(rs, scope_perm["id"])] == [resource["_id"]]
    assert [p["id"] for p in realm_admin.get_client_authz_permission_associated_policies(rs, scope_perm["id"])] == [allow["id"]]
    assert realm_admin.get_client_authz_policy_scopes(rs, resource_perm["id"]) == []

    update = dict(scope_perm, description="dëscribed", decisionStrategy="AFFIRMATIVE", scopes=[read_scope["id"], write_scope["id"]],
                  policies=[allow["id"], deny["id"]])
    realm_admin.update_client_authz_scope_permission(update, rs, scope_perm["id"])
    got = realm_admin.get_client_authz_scope_permission(rs, scope_perm["id"])
    assert got["description"] == "dëscribed" and got["decisionStrategy"] == "AFFIRMATIVE"
    assert set(s["id"] for s in realm_admin.get_client_authz_policy_scopes(rs, scope_perm["id"])) == {read_scope["id"], write_scope["id"]}
    assert set(p["id"] for p in realm_admin.get_client_authz_permission_associated_policies(rs, scope_perm["id"])) == {allow["id"], deny["id"]}

    update = dict(resource_perm, description="by resource type", resources=[], resourceType="urn:t:doc", policies=[deny["id"]])
    realm_admin.update_client_authz_resource_permission(update, rs, resource_perm["id"])
    got = realm_admin.get_client_authz_policy(rs, resource_perm["id"])
    assert got["description"] == "by resource type" and got["config"]["defaultResourceType"] == "urn:t:doc"
    assert realm_admin.get_client_authz_policy_resources(rs, resource_perm["id"]) == []
    assert [p["id"] for p in realm_admin.get_client_authz_permission_associated_policies(rs, resource_perm["id"])] == [deny["id"]]

    permissions = dict((p["id"], p) for p in realm_admin.get_client_authz_permissions(rs))
    assert permissions[scope_perm["id"]]["type"] == "scope" and permissions[resource_perm["id"]]["type"] == "resource"
    assert allow["id"] not in permissions

    realm_admin.delete_client_authz_policy(rs, scope_perm["id"])
    _expect_404(realm_admin.get_client_authz_scope_permission, rs, scope_perm["id"])
    assert scope_perm["id"] not in [p["id"] for p in realm_admin.get_client_authz_permissions(rs)]


def test_lists_walk_every_page(realm_admin, other_client, keycloak_version):
    """Every "get all" list returns more than Keycloak's default page of 100, each item once."""
    server = _resource_server(realm_admin)
    kc = realm_admin
    # Keycloak 26.0 gives a new resource server a Default Resource, Default Policy (JavaScript) and
    # Default Permission; later versions none. The lists hold them as well, once.
    defaults = (["Default Resource"], ["Default Policy"], ["Default Permission"]) if keycloak_version < (26, 1) else ([], [], [])
    resources, policies, permissions = kc.get_client_authz_resources(server), kc.get_client_authz_policies(server), kc.get_client_authz_permissions(server)
    assert ([r["name"] for r in resources], [p["name"] for p in policies], [p["name"] for p in permissions]) == defaults
    assert kc.get_client_authz_scopes(server) == [] and kc.get_client_authz_client_policies(server) == []
    resource_ids = [r["_id"] for r in resources]
    scope_ids, policy_ids, client_policy_ids = [], [p["id"] for p in policies], []
    permission_ids = [p["id"] for p in permissions]
    for i in range(MANY):
        resource_ids.append(kc.create_client_authz_resource(server, {"name": "res ü %03d" % i})["_id"])
        scope_ids.append(kc.create_client_authz_scopes(server, {"name": "scope ü %03d" % i})["id"])
        client_policy_ids.append(kc.create_client_authz_client_policy({"name": "client pol %03d" % i, "clients": [other_client]}, server)["id"])
        permission_ids.append(kc.create_client_authz_resource_based_permission(server, {"name": "perm %03d" % i, "resourceType": "urn:t:%d" % i})["id"])
    policy_ids += client_policy_ids
    # One permission bound to every resource, scope and policy: its sub-lists are not paged by the server.
    wide = kc.create_client_authz_scope_permission({"name": "wide", "resources": resource_ids, "scopes": scope_ids, "policies": policy_ids}, server)
    permission_ids.append(wide["id"])

    def ids(items, key="id"):
        got = [item[key] for item in items]
        assert len(got) == len(set(got)), "an item came twice: pages overlapped"
        return sorted(got)

    assert ids(realm_admin.get_client_authz_resources(server), "_id") == sorted(resource_ids)
    assert ids(realm_admin.get_client_authz_scopes(server)) == sorted(scope_ids)
    assert ids(realm_admin.get_client_authz_client_policies(server)) == sorted(client_policy_ids)
    assert ids(realm_admin.get_client_authz_policies(server)) == sorted(policy_ids)
    assert ids(realm_admin.get_client_authz_permissions(server)) == sorted(permission_ids)
    assert ids(realm_admin.get_client_authz_policy_resources(server, wide["id"]), "_id") == sorted(resource_ids)
    assert ids(realm_admin.get_client_authz_policy_scopes(server, wide["id"])) == sorted(scope_ids)
    assert ids(realm_admin.get_client_authz_permission_associated_policies(server, wide["id"])) == sorted(policy_ids)


def test_resource_server_settings(realm_admin):
    server = _resource_server(realm_admin)
    got = realm_admin.get_client_authz_resource_server(server)
    assert got["id"] == server and got["policyEnforcementMode"] == "ENFORCING" and got["allowRemoteResourceManagement"] is True
    wanted = {"policyEnforcementMode": "PERMISSIVE", "decisionStrategy": "AFFIRMATIVE", "allowRemoteResourceManagement": False}
    assert not realm_admin.update_client_authz_resource_server(server, wanted)
    got = realm_admin.get_client_authz_resource_server(server)
    assert dict((key, got[key]) for key in wanted) == wanted
    # The export holds the same settings.
    settings = realm_admin.get_client_authz_settings(server)
    assert dict((key, settings[key]) for key in wanted) == wanted
    _expect_404(realm_admin.get_client_authz_resource_server, str(uuid.uuid4()))


def test_scope_update_and_delete(realm_admin, rs, other_client):
    name = unique("scope ü/#")
    scope = realm_admin.create_client_authz_scopes(rs, {"name": name, "displayName": "Before", "iconUri": "https://x/i.png"})
    # The update replaces the scope: a field left out (iconUri) is removed.
    assert not realm_admin.update_client_authz_scope(rs, scope["id"], {"id": scope["id"], "name": name, "displayName": "After"})
    listed = dict((item["id"], item) for item in realm_admin.get_client_authz_scopes(rs))
    assert listed[scope["id"]]["displayName"] == "After" and "iconUri" not in listed[scope["id"]]
    # A permission whose only scope it was goes with the scope.
    allow = realm_admin.create_client_authz_client_policy({"name": unique("allow"), "clients": [other_client]}, rs)
    permission = realm_admin.create_client_authz_scope_permission({"name": unique("only scope"), "scopes": [scope["id"]], "policies": [allow["id"]]}, rs)
    assert not realm_admin.delete_client_authz_scope(rs, scope["id"])
    assert scope["id"] not in [item["id"] for item in realm_admin.get_client_authz_scopes(rs)]
    _expect_404(realm_admin.get_client_authz_policy, rs, permission["id"])
    _expect_404(realm_admin.delete_client_authz_scope, rs, scope["id"], error=KeycloakDeleteError)


def test_policies_of_a_type(realm_admin, rs, realm_role):
    types = set(provider["type"] for provider in realm_admin.get_client_authz_policy_providers(rs))
    assert {"role", "user", "group", "client", "client-scope", "time", "regex", "aggregate", "resource", "scope"} <= types
    name = unique("typed role ü/#")
    created = realm_admin.create_client_authz_policy_of_type(rs, "role", {"name": name, "roles": [{"id": realm_role["id"], "required": True}]})
    assert created["type"] == "role" and created["roles"] == [{"id": realm_role["id"], "required": True}]
    got = realm_admin.get_client_authz_policy_of_type(rs, "role", created["id"])
    assert got["name"] == name and got["roles"][0]["id"] == realm_role["id"]
    realm_admin.update_client_authz_policy_of_type(rs, "role", created["id"], dict(got, description="dëscribed", fetchRoles=True,
                                                                                   roles=[{"id": realm_role["id"], "required": False}]))
    got = realm_admin.get_client_authz_policy_of_type(rs, "role", created["id"])
    assert got["description"] == "dëscribed" and got["fetchRoles"] is True and got["roles"][0]["required"] is False
    time_policy = realm_admin.create_client_authz_policy_of_type(rs, "time", {"name": unique("typed time"), "notBefore": "2024-01-01 00:00:00",
                                                                              "hourEnd": "18"})
    assert realm_admin.get_client_authz_policy_of_type(rs, "time", time_policy["id"])["hourEnd"] == "18"
    _expect_404(realm_admin.get_client_authz_policy_of_type, rs, "role", str(uuid.uuid4()))
    # Keycloak 26 offers no "js" type: JavaScript runs only deployed in a JAR (type script-<file>.js).
    assert "js" not in types
    with pytest.raises(KeycloakPostError) as exc:
        realm_admin.create_client_authz_policy_of_type(rs, "js", {"name": unique("js"), "code": "$evaluation.grant();"})
    assert exc.value.response_code >= 400
    for policy in (created, time_policy):
        realm_admin.delete_client_authz_policy(rs, policy["id"])
