# -*- coding: utf-8 -*-
"""Role mappings against a real Keycloak: users, groups, a client's dedicated scope, client scopes.

Prerequisites of other areas (users, groups, clients, client scopes) are made with those
areas' create methods.
"""

import uuid

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import KeycloakGetError, KeycloakPostError


def unique(prefix="t"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:8])


def _make_client(kc, client_id=None, **extra):
    return kc.create_client(dict(extra, clientId=client_id or unique("client")))


def _make_user(kc):
    return kc.create_user({"username": unique("user"), "enabled": True})


def _make_group(kc, name=None):
    return kc.create_group({"name": name or unique("group")})


def _make_client_scope(kc, name=None):
    return kc.create_client_scope({"name": name or unique("scope"), "protocol": "openid-connect"})


def _names(roles):
    return set(role["name"] for role in roles)


@pytest.fixture(scope="module")
def roles(realm_admin):
    """Realm roles ``plain``, ``child``, composite ``parent`` (holding ``child``), all with attributes,
    and client ``owner`` with roles ``c-plain``, ``c-child`` and composite ``c-parent``."""
    kc = realm_admin
    made = {}
    for key, name in (("plain", "%s plain/ü+#" % unique("r")), ("child", "%s child" % unique("r")), ("parent", "%s parent composite" % unique("r"))):
        kc.create_realm_role({"name": name, "attributes": {"key": [key]}})
        made[key] = kc.get_realm_role(name)
    kc.add_composite_realm_roles_to_role(made["parent"]["name"], [made["child"]])

    owner_client_id = "%s owner/ü" % unique("client")
    owner = _make_client(kc, owner_client_id)
    for key, name in (("c-plain", "c plain/ü+#"), ("c-child", "c child"), ("c-parent", "c parent")):
        kc.create_client_role(owner, {"name": name, "attributes": {"key": [key]}})
        made[key] = kc.get_client_role(owner, name)
    kc.add_composite_client_roles_to_role(owner, made["c-parent"]["name"], [made["c-child"]])
    made["owner"] = owner
    made["owner_client_id"] = owner_client_id
    return made


def _short(role):
    return {"id": role["id"], "name": role["name"]}


# ---------------------------------------------------------------- users


def test_user_realm_role_mappings(realm_admin, roles):
    kc = realm_admin
    user_id = _make_user(kc)
    default_role = kc.get_realm(kc.get_current_realm())["defaultRole"]["name"]
    assert _names(kc.get_realm_roles_of_user(user_id)) == {default_role}

    kc.assign_realm_roles(user_id, [_short(roles["plain"]), _short(roles["parent"])])
    assert _names(kc.get_realm_roles_of_user(user_id)) == {default_role, roles["plain"]["name"], roles["parent"]["name"]}

    available = _names(kc.get_available_realm_roles_of_user(user_id))
    assert roles["child"]["name"] in available
    assert roles["plain"]["name"] not in available and roles["parent"]["name"] not in available

    effective = kc.get_composite_realm_roles_of_user(user_id)
    assert {roles["plain"]["name"], roles["parent"]["name"], roles["child"]["name"], "offline_access"} <= _names(effective)
    assert all("attributes" not in role for role in effective)
    full = dict((role["name"], role) for role in kc.get_composite_realm_roles_of_user(user_id, brief_representation=False))
    assert full[roles["child"]["name"]]["attributes"] == {"key": ["child"]}

    mappings = kc.get_all_roles_of_user(user_id)
    assert _names(mappings["realmMappings"]) == {default_role, roles["plain"]["name"], roles["parent"]["name"]}
    assert "clientMappings" not in mappings

    # One role on its own (not in a list) is accepted too.
    kc.delete_realm_roles_of_user(user_id, _short(roles["plain"]))
    assert _names(kc.get_realm_roles_of_user(user_id)) == {default_role, roles["parent"]["name"]}
    kc.delete_realm_roles_of_user(user_id, [_short(roles["parent"])])
    assert roles["child"]["name"] not in _names(kc.get_composite_realm_roles_of_user(user_id))


def test_user_client_role_mappings(realm_admin, roles):
    kc = realm_admin
    owner = roles["owner"]
    user_id = _make_user(kc)
    assert kc.get_client_roles_of_user(user_id, owner) == []
    assert _names(kc.get_available_client_roles_of_user(user_id, owner)) == {"c plain/ü+#", "c child", "c parent"}

    kc.assign_client_role(user_id, owner, [_short(roles["c-plain"]), _short(roles["c-parent"])])
    assert _names(kc.get_client_roles_of_user(user_id, owner)) == {"c plain/ü+#", "c parent"}
    assert _names(kc.get_available_client_roles_of_user(user_id, owner)) == {"c child"}

    # The default here is the full representation, attributes included.
    effective = dict((role["name"], role) for role in kc.get_composite_client_roles_of_user(user_id, owner))
    assert set(effective) == {"c plain/ü+#", "c parent", "c child"}
    assert effective["c child"]["attributes"] == {"key": ["c-child"]}
    brief = kc.get_composite_client_roles_of_user(user_id, owner, brief_representation=True)
    assert _names(brief) == set(effective)
    assert all("attributes" not in role for role in brief)

    mappings = kc.get_all_roles_of_user(user_id)
    client_mappings = mappings["clientMappings"][roles["owner_client_id"]]
    assert client_mappings["id"] == owner
    assert _names(client_mappings["mappings"]) == {"c plain/ü+#", "c parent"}

    kc.delete_client_roles_of_user(user_id, owner, roles["c-parent"])
    assert _names(kc.get_client_roles_of_user(user_id, owner)) == {"c plain/ü+#"}
    assert _names(kc.get_composite_client_roles_of_user(user_id, owner)) == {"c plain/ü+#"}
    kc.delete_client_roles_of_user(user_id, owner, [roles["c-plain"]])
    assert kc.get_client_roles_of_user(user_id, owner) == []


def test_user_mappings_of_missing_user_are_404(realm_admin, roles):
    kc = realm_admin
    missing = str(uuid.uuid4())
    for call, args in (
        (kc.get_realm_roles_of_user, (missing,)),
        (kc.get_all_roles_of_user, (missing,)),
        (kc.get_client_roles_of_user, (missing, roles["owner"])),
    ):
        with pytest.raises(KeycloakGetError) as caught:
            call(*args)
        assert caught.value.response_code == 404
    with pytest.raises(KeycloakPostError) as caught:
        kc.assign_realm_roles(missing, [_short(roles["plain"])])
    assert caught.value.response_code == 404


# ---------------------------------------------------------------- groups


def test_group_realm_role_mappings(realm_admin, roles):
    kc = realm_admin
    group_id = _make_group(kc, "%s group/ü+#" % unique("g"))
    assert kc.get_group_realm_roles(group_id) == []

    kc.assign_group_realm_roles(group_id, [_short(roles["plain"]), _short(roles["parent"])])
    brief = kc.get_group_realm_roles(group_id)
    assert _names(brief) == {roles["plain"]["name"], roles["parent"]["name"]}
    assert all("attributes" not in role for role in brief)
    full = dict((role["name"], role) for role in kc.get_group_realm_roles(group_id, brief_representation=False))
    # Only the direct mappings, not the composite's child, but with their attributes.
    assert set(full) == {roles["plain"]["name"], roles["parent"]["name"]}
    assert full[roles["plain"]["name"]]["attributes"] == {"key": ["plain"]}

    # A member inherits the group's roles, composites expanded.
    user_id = _make_user(kc)
    kc.group_user_add(user_id, group_id)
    assert roles["child"]["name"] in _names(kc.get_composite_realm_roles_of_user(user_id))

    kc.delete_group_realm_roles(group_id, _short(roles["plain"]))
    assert _names(kc.get_group_realm_roles(group_id)) == {roles["parent"]["name"]}
    kc.delete_group_realm_roles(group_id, [_short(roles["parent"])])
    assert kc.get_group_realm_roles(group_id, brief_representation=False) == []


def test_group_client_role_mappings(realm_admin, roles, keycloak_version):
    kc = realm_admin
    owner = roles["owner"]
    parent_group = _make_group(kc)
    assert kc.get_group_client_roles(parent_group, owner) == []

    kc.assign_group_client_roles(parent_group, owner, [_short(roles["c-plain"]), _short(roles["c-parent"])])
    assert _names(kc.get_group_client_roles(parent_group, owner)) == {"c plain/ü+#", "c parent"}

    composite = kc.get_composite_client_roles_of_group(owner, parent_group)
    assert _names(composite) == {"c plain/ü+#", "c parent", "c child"}
    assert all("attributes" not in role for role in composite)
    full = dict((role["name"], role) for role in kc.get_composite_client_roles_of_group(owner, parent_group, brief_representation=False))
    assert full["c child"]["attributes"] == {"key": ["c-child"]}

    # A subgroup's effective client roles include its parent's up to Keycloak 26.6; 26.7 leaves the parents out
    # (keycloak_role_mapping_info adds them itself, so its answer is the same on both).
    child_group = kc.create_group({"name": unique("sub")}, parent=parent_group)
    assert kc.get_group_client_roles(child_group, owner) == []
    inherited = {"c plain/ü+#", "c parent", "c child"} if keycloak_version[:2] < (26, 7) else set()
    assert _names(kc.get_composite_client_roles_of_group(owner, child_group)) == inherited

    kc.delete_group_client_roles(parent_group, owner, roles["c-parent"])
    assert _names(kc.get_group_client_roles(parent_group, owner)) == {"c plain/ü+#"}
    kc.delete_group_client_roles(parent_group, owner, [roles["c-plain"]])
    assert kc.get_group_client_roles(parent_group, owner) == []
    assert kc.get_composite_client_roles_of_group(owner, child_group) == []


# ---------------------------------------------------------------- a client's dedicated scope


def test_client_dedicated_scope_mappings(realm_admin, roles):
    kc = realm_admin
    owner = roles["owner"]
    client_id = _make_client(kc, fullScopeAllowed=False)
    assert kc.get_realm_roles_of_client_scope(client_id) == []

    kc.assign_realm_roles_to_client_scope(client_id, [_short(roles["plain"]), _short(roles["parent"])])
    assert _names(kc.get_realm_roles_of_client_scope(client_id)) == {roles["plain"]["name"], roles["parent"]["name"]}
    # It is the client's own scope (clients/{id}/scope-mappings) that changed.
    raw = kc.get_role_mappings("client", client_id)
    assert _names(raw["realmMappings"]) == {roles["plain"]["name"], roles["parent"]["name"]}

    kc.assign_client_roles_to_client_scope(client_id, owner, [_short(roles["c-plain"])])
    kc.assign_client_roles_to_client_scope(client_id, owner, roles["c-parent"])
    assert _names(kc.get_client_roles_of_client_scope(client_id, owner)) == {"c plain/ü+#", "c parent"}
    raw = kc.get_role_mappings("client", client_id)
    assert _names(raw["clientMappings"][roles["owner_client_id"]]["mappings"]) == {"c plain/ü+#", "c parent"}

    kc.delete_realm_roles_of_client_scope(client_id, [_short(roles["plain"])])
    assert _names(kc.get_realm_roles_of_client_scope(client_id)) == {roles["parent"]["name"]}
    kc.delete_realm_roles_of_client_scope(client_id, _short(roles["parent"]))
    assert kc.get_realm_roles_of_client_scope(client_id) == []

    kc.delete_client_roles_of_client_scope(client_id, owner, [_short(roles["c-plain"])])
    assert _names(kc.get_client_roles_of_client_scope(client_id, owner)) == {"c parent"}
    kc.delete_client_roles_of_client_scope(client_id, owner, roles["c-parent"])
    assert kc.get_client_roles_of_client_scope(client_id, owner) == []
    assert kc.get_role_mappings("client", client_id) == {}


# ---------------------------------------------------------------- client scopes


def test_client_scope_role_mappings(realm_admin, roles):
    kc = realm_admin
    owner = roles["owner"]
    scope_id = _make_client_scope(kc)
    assert kc.get_all_roles_of_client_scope(scope_id) == {}
    assert kc.get_client_specific_roles_of_client_scope(scope_id, owner) == []

    kc.add_client_specific_roles_to_client_scope(scope_id, owner, [_short(roles["c-plain"]), _short(roles["c-parent"])])
    assert _names(kc.get_client_specific_roles_of_client_scope(scope_id, owner)) == {"c plain/ü+#", "c parent"}
    kc.add_role_mappings("client_scope", scope_id, [_short(roles["plain"])])

    every = kc.get_all_roles_of_client_scope(scope_id)
    assert _names(every["realmMappings"]) == {roles["plain"]["name"]}
    assert every["clientMappings"][roles["owner_client_id"]]["id"] == owner
    assert _names(every["clientMappings"][roles["owner_client_id"]]["mappings"]) == {"c plain/ü+#", "c parent"}

    kc.remove_client_specific_roles_of_client_scope(scope_id, owner, _short(roles["c-plain"]))
    assert _names(kc.get_client_specific_roles_of_client_scope(scope_id, owner)) == {"c parent"}
    kc.remove_client_specific_roles_of_client_scope(scope_id, owner, [_short(roles["c-parent"])])
    assert kc.get_client_specific_roles_of_client_scope(scope_id, owner) == []
    assert "clientMappings" not in kc.get_all_roles_of_client_scope(scope_id)


def test_client_scope_methods_do_not_mix_up_their_targets(realm_admin, roles):
    """A client's dedicated scope and a client scope are different objects, even with one owner."""
    kc = realm_admin
    owner = roles["owner"]
    client_id = _make_client(kc, fullScopeAllowed=False)
    scope_id = _make_client_scope(kc)
    kc.assign_client_roles_to_client_scope(client_id, owner, [_short(roles["c-plain"])])
    kc.add_client_specific_roles_to_client_scope(scope_id, owner, [_short(roles["c-child"])])
    assert _names(kc.get_client_roles_of_client_scope(client_id, owner)) == {"c plain/ü+#"}
    assert _names(kc.get_client_specific_roles_of_client_scope(scope_id, owner)) == {"c child"}
    # A client scope id is no client id, and the other way round.
    with pytest.raises(KeycloakGetError) as caught:
        kc.get_client_roles_of_client_scope(scope_id, owner)
    assert caught.value.response_code == 404
    with pytest.raises(KeycloakGetError) as caught:
        kc.get_all_roles_of_client_scope(client_id)
    assert caught.value.response_code == 404
