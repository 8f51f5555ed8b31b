# -*- coding: utf-8 -*-
"""ClientScopesMixin against a real Keycloak: every method, with its effect read back."""

import uuid

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import (
    KeycloakDeleteError,
    KeycloakGetError,
    KeycloakPostError,
    KeycloakPutError,
)

# Keycloak 26 takes printable ASCII without spaces as a client scope name: these must
# survive the trip through the URL.
AWKWARD_SCOPE_NAMES = [
    "path/like/scope",
    "plus+scope",
    "hash#scope",
    "query?a=1&b=2",
    "50%-scope",
    "urn:example:scope.read",
]


def unique(prefix="t"):
    # Same shape as conftest's helper; conftest is not importable from here (no packages).
    return "%s-%s" % (prefix, uuid.uuid4().hex[:8])


def _new_client(realm_admin, client_id=None):
    return realm_admin.create_client({"clientId": client_id or unique("client")})


def _ids(scopes):
    return [s["id"] for s in scopes]


# ---------------------------------------------------------------- CRUD and lookups


@pytest.mark.parametrize("name", AWKWARD_SCOPE_NAMES)
def test_client_scope_crud(realm_admin, name):
    name = "%s-%s" % (name, uuid.uuid4().hex[:6])
    scope_id = realm_admin.create_client_scope({"name": name, "protocol": "openid-connect", "description": "first"})
    assert scope_id
    try:
        assert realm_admin.get_client_scope(scope_id)["name"] == name
        assert realm_admin.get_client_scope_by_name(name)["id"] == scope_id
        assert scope_id in _ids(realm_admin.get_client_scopes())

        payload = {"id": scope_id, "name": name, "protocol": "openid-connect", "description": "second",
                   "attributes": {"include.in.token.scope": "false"}}
        assert realm_admin.update_client_scope(scope_id, payload) == {}
        read = realm_admin.get_client_scope(scope_id)
        assert read["description"] == "second"
        assert read["attributes"]["include.in.token.scope"] == "false"
    finally:
        assert realm_admin.delete_client_scope(scope_id) == {}
    with pytest.raises(KeycloakGetError) as err:
        realm_admin.get_client_scope(scope_id)
    assert err.value.response_code == 404
    assert realm_admin.get_client_scope_by_name(name) is None


@pytest.mark.parametrize("name", ["scope with spaces", "ünïcødé-scope"])
def test_names_keycloak_refuses(realm_admin, name):
    # Keycloak 26 validates client scope names: no spaces, no non-ASCII letters.
    with pytest.raises(KeycloakPostError) as err:
        realm_admin.create_client_scope({"name": name, "protocol": "openid-connect"})
    assert err.value.response_code == 400
    assert "Unexpected name" in err.value.description


def test_get_client_scopes_lists_builtins(realm_admin):
    names = [s["name"] for s in realm_admin.get_client_scopes()]
    assert {"profile", "email", "roles", "web-origins", "offline_access"} <= set(names)
    assert realm_admin.get_client_scope_by_name("profile")["protocol"] == "openid-connect"
    # Names are matched exactly, not as a prefix.
    assert realm_admin.get_client_scope_by_name("prof") is None


def test_create_client_scope_skip_exists(realm_admin):
    name = unique("dup/+#")
    first = realm_admin.create_client_scope({"name": name, "protocol": "openid-connect"})
    with pytest.raises(KeycloakPostError) as err:
        realm_admin.create_client_scope({"name": name, "protocol": "openid-connect"})
    assert err.value.response_code == 409
    assert realm_admin.create_client_scope({"name": name, "protocol": "openid-connect"}, skip_exists=True) == first
    assert [s["id"] for s in realm_admin.get_client_scopes() if s["name"] == name] == [first]


def test_missing_client_scope_answers_404(realm_admin):
    with pytest.raises(KeycloakPutError) as err:
        realm_admin.update_client_scope("no-such-id", {"name": "x"})
    assert err.value.response_code == 404
    with pytest.raises(KeycloakDeleteError) as err:
        realm_admin.delete_client_scope("no-such-id")
    assert err.value.response_code == 404


# ------------------------------------------------------------------ protocol mappers


def test_client_scope_protocol_mappers(realm_admin):
    scope_id = realm_admin.create_client_scope({"name": unique("mapped"), "protocol": "openid-connect"})
    assert realm_admin.get_mappers_from_client_scope(scope_id) == []
    mapper = {
        "name": "dept claim/+#ü",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-hardcoded-claim-mapper",
        "config": {"claim.name": "dept", "claim.value": "it", "jsonType.label": "String", "id.token.claim": "true"},
    }
    assert realm_admin.add_mapper_to_client_scope(scope_id, mapper) == b""
    mappers = realm_admin.get_mappers_from_client_scope(scope_id)
    assert [m["name"] for m in mappers] == [mapper["name"]]
    mapper_id = mappers[0]["id"]

    changed = dict(mappers[0])
    changed["config"] = dict(changed["config"], **{"claim.value": "ops"})
    assert realm_admin.update_mapper_in_client_scope(scope_id, mapper_id, changed) == {}
    assert realm_admin.get_mappers_from_client_scope(scope_id)[0]["config"]["claim.value"] == "ops"
    # The mapper is also part of the scope's own representation.
    assert [m["id"] for m in realm_admin.get_client_scope(scope_id)["protocolMappers"]] == [mapper_id]

    assert realm_admin.delete_mapper_from_client_scope(scope_id, mapper_id) == {}
    assert realm_admin.get_mappers_from_client_scope(scope_id) == []
    with pytest.raises(KeycloakGetError) as err:
        realm_admin.get_mapper_from_client_scope(scope_id, mapper_id)
    assert err.value.response_code == 404
    with pytest.raises(KeycloakDeleteError) as err:
        realm_admin.delete_mapper_from_client_scope(scope_id, mapper_id)
    assert err.value.response_code == 404


# ------------------------------------------------ realm default client scopes


def _client_scope_ids(realm_admin, client_id, kind):
    read = realm_admin.get_client_default_client_scopes if kind == "default" else realm_admin.get_client_optional_client_scopes
    return _ids(read(client_id))


def test_default_default_client_scopes(realm_admin):
    scope_id = realm_admin.create_client_scope({"name": unique("dd/+#"), "protocol": "openid-connect"})
    before = realm_admin.get_default_default_client_scopes()
    assert "profile" in [s["name"] for s in before]
    assert scope_id not in _ids(before)

    assert realm_admin.add_default_default_client_scope(scope_id) == {}
    assert scope_id in _ids(realm_admin.get_default_default_client_scopes())
    # The effect: a client created now gets the scope as a default scope.
    client = _new_client(realm_admin)
    assert scope_id in _client_scope_ids(realm_admin, client, "default")

    assert realm_admin.delete_default_default_client_scope(scope_id) == {}
    assert scope_id not in _ids(realm_admin.get_default_default_client_scopes())
    later = _new_client(realm_admin)
    assert scope_id not in _client_scope_ids(realm_admin, later, "default")

    with pytest.raises(KeycloakPutError) as err:
        realm_admin.add_default_default_client_scope("no-such-scope")
    assert err.value.response_code == 404


def test_default_optional_client_scopes(realm_admin):
    scope_id = realm_admin.create_client_scope({"name": unique("do/+#"), "protocol": "openid-connect"})
    before = realm_admin.get_default_optional_client_scopes()
    assert "offline_access" in [s["name"] for s in before]
    assert scope_id not in _ids(before)

    assert realm_admin.add_default_optional_client_scope(scope_id) == {}
    assert scope_id in _ids(realm_admin.get_default_optional_client_scopes())
    assert scope_id not in _ids(realm_admin.get_default_default_client_scopes())
    client = _new_client(realm_admin)
    assert scope_id in _client_scope_ids(realm_admin, client, "optional")

    assert realm_admin.delete_default_optional_client_scope(scope_id) == {}
    assert scope_id not in _ids(realm_admin.get_default_optional_client_scopes())
    later = _new_client(realm_admin)
    assert scope_id not in _client_scope_ids(realm_admin, later, "optional")

    with pytest.raises(KeycloakDeleteError) as err:
        realm_admin.delete_default_optional_client_scope("no-such-scope")
    assert err.value.response_code == 404
