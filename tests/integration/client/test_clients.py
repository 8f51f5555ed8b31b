# -*- coding: utf-8 -*-
"""ClientsMixin against a real Keycloak: every method, with its effect read back."""

import base64
import os
import subprocess
import tempfile
import uuid

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client import urls
from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin
from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import (
    KeycloakDeleteError,
    KeycloakGetError,
    KeycloakPostError,
    KeycloakPutError,
)

# The local server's admin (tests/conftest.py sets these from tests/keycloak/server.py).
LOGIN = {"username": os.environ["KEYCLOAK_ADMIN_USER"], "password": os.environ["KEYCLOAK_ADMIN_PASSWORD"]}


def unique(prefix="t"):
    # Same shape as conftest's helper; conftest is not importable from here (no packages).
    return "%s-%s" % (prefix, uuid.uuid4().hex[:8])


# clientIds a caller may really use; every one must survive the trip through the URL.
AWKWARD_CLIENT_IDS = [
    "app with spaces",
    "https://apps.example.com/a/b",
    "plus+client",
    "hash#client?x=1&y=2",
    "ünïcødé-клиент-客户端",
    "50%-off",
]


def _new_client(realm_admin, **extra):
    payload = {"clientId": unique("raw")}
    payload.update(extra)
    created = realm_admin.create_client(payload)
    return created, payload["clientId"]


def _new_client_scope(realm_admin, name=None):
    payload = {"name": name or unique("scope"), "protocol": "openid-connect"}
    return realm_admin.create_client_scope(payload)


def _server_features(realm_admin):
    info = realm_admin.get_server_info()
    return dict((f["name"], f.get("enabled")) for f in info.get("features", []))


# ---------------------------------------------------------------- CRUD and lookups


@pytest.mark.parametrize("client_id", AWKWARD_CLIENT_IDS)
def test_client_crud_with_awkward_client_ids(realm_admin, client_id):
    internal_id = realm_admin.create_client({"clientId": client_id, "description": "first"})
    assert internal_id
    try:
        assert realm_admin.get_client_id(client_id) == internal_id
        assert realm_admin.get_client(internal_id)["clientId"] == client_id

        assert realm_admin.update_client(internal_id, {"clientId": client_id, "description": "second"}) == {}
        assert realm_admin.get_client(internal_id)["description"] == "second"

        assert internal_id in [c["id"] for c in realm_admin.get_clients()]
    finally:
        assert realm_admin.delete_client(internal_id) == {}
    with pytest.raises(KeycloakGetError) as err:
        realm_admin.get_client(internal_id)
    assert err.value.response_code == 404
    assert realm_admin.get_client_id(client_id) is None


def test_get_client_id_is_exact_and_one_request(realm_admin):
    internal_id, client_id = _new_client(realm_admin)
    # A prefix, a different case or a substring must not match: the lookup is exact.
    for near_miss in (client_id[:-1], client_id.upper(), client_id[1:]):
        assert realm_admin.get_client_id(near_miss) is None
    before = realm_admin.connection.request_count
    assert realm_admin.get_client_id(client_id) == internal_id
    assert realm_admin.connection.request_count - before == 1
    assert realm_admin.get_client_id(unique("missing")) is None


def test_create_client_skip_exists(realm_admin):
    client_id = unique("dup")
    first = realm_admin.create_client({"clientId": client_id})
    with pytest.raises(KeycloakPostError) as err:
        realm_admin.create_client({"clientId": client_id})
    assert err.value.response_code == 409
    # An existing client is no error: its id comes back.
    assert realm_admin.create_client({"clientId": client_id}, skip_exists=True) == first
    new = realm_admin.create_client({"clientId": client_id + "-2"}, skip_exists=True)
    assert new and new != first


def test_get_clients_walks_every_page(keycloak_url, realm, realm_admin):
    for _attempt in range(3):
        _new_client(realm_admin)
    everything = realm_admin.get_clients()
    small_pages = KeycloakAdmin(server_url=keycloak_url, **LOGIN, realm_name=realm, user_realm_name="master")
    small_pages.PAGE_SIZE = 2
    paged = small_pages.get_clients()
    assert len(everything) > 2 * small_pages.PAGE_SIZE
    assert [c["id"] for c in paged] == [c["id"] for c in everything]
    assert len(set(c["id"] for c in paged)) == len(paged)
    # The built-in clients of a realm are there too.
    assert {"account", "admin-cli", "broker", "realm-management", "security-admin-console"} <= set(c["clientId"] for c in everything)


def test_update_and_delete_missing_client_answer_404(realm_admin):
    with pytest.raises(KeycloakPutError) as err:
        realm_admin.update_client("no-such-id", {"description": "x"})
    assert err.value.response_code == 404
    with pytest.raises(KeycloakDeleteError) as err:
        realm_admin.delete_client("no-such-id")
    assert err.value.response_code == 404


# ------------------------------------------------------------ service account, installation


def test_get_client_service_account_user(realm_admin):
    client_id = unique("Svc Account+/#")
    internal_id = realm_admin.create_client({"clientId": client_id, "publicClient": False, "serviceAccountsEnabled": True})
    user = realm_admin.get_client_service_account_user(internal_id)
    assert user["username"] == ("service-account-%s" % client_id).lower()
    assert user["enabled"] is True

    no_sa, _client_id = _new_client(realm_admin, publicClient=True)
    with pytest.raises(KeycloakGetError) as err:
        realm_admin.get_client_service_account_user(no_sa)
    assert err.value.response_code == 400
    assert "Service account not enabled" in err.value.description


def test_get_client_installation_provider(realm_admin):
    client_id = "install me/ü"
    internal_id = realm_admin.create_client({"clientId": client_id, "publicClient": False, "secret": "s3cr3t"})
    adapter_config = realm_admin.get_client_installation_provider(internal_id, "keycloak-oidc-keycloak-json")
    assert adapter_config["resource"] == client_id
    assert adapter_config["realm"] == realm_admin.get_current_realm()
    assert adapter_config["credentials"] == {"secret": "s3cr3t"}

    # XML providers come back as bytes.
    subsystem = realm_admin.get_client_installation_provider(internal_id, "keycloak-oidc-jboss-subsystem")
    assert isinstance(subsystem, bytes)
    assert b"<secure-deployment" in subsystem

    with pytest.raises(KeycloakGetError) as err:
        realm_admin.get_client_installation_provider(internal_id, "no-such-provider")
    assert err.value.response_code == 404


# ------------------------------------------------------------ client scopes of a client


def test_client_default_and_optional_client_scopes(realm_admin):
    internal_id, _client_id = _new_client(realm_admin)
    scope_id = _new_client_scope(realm_admin, name=unique("scope+/#?&%"))
    realm = realm_admin.get_current_realm()

    defaults = realm_admin.get_client_default_client_scopes(internal_id)
    assert "profile" in [s["name"] for s in defaults]
    assert scope_id not in [s["id"] for s in defaults]

    payload = {"realm": realm, "client": internal_id, "clientScopeId": scope_id}
    assert realm_admin.add_client_default_client_scope(internal_id, scope_id, payload) == {}
    assert scope_id in [s["id"] for s in realm_admin.get_client_default_client_scopes(internal_id)]
    assert realm_admin.delete_client_default_client_scope(internal_id, scope_id) == {}
    assert scope_id not in [s["id"] for s in realm_admin.get_client_default_client_scopes(internal_id)]

    optionals = realm_admin.get_client_optional_client_scopes(internal_id)
    assert "offline_access" in [s["name"] for s in optionals]
    assert realm_admin.add_client_optional_client_scope(internal_id, scope_id, payload) == {}
    assert scope_id in [s["id"] for s in realm_admin.get_client_optional_client_scopes(internal_id)]
    assert scope_id not in [s["id"] for s in realm_admin.get_client_default_client_scopes(internal_id)]
    assert realm_admin.delete_client_optional_client_scope(internal_id, scope_id) == {}
    assert scope_id not in [s["id"] for s in realm_admin.get_client_optional_client_scopes(internal_id)]

    with pytest.raises(KeycloakPutError) as err:
        realm_admin.add_client_default_client_scope(internal_id, "no-such-scope", payload)
    assert err.value.response_code == 404


# ------------------------------------------------------------------ protocol mappers


def test_client_protocol_mappers(realm_admin):
    internal_id, _client_id = _new_client(realm_admin)
    assert realm_admin.get_mappers_from_client(internal_id) == []
    mapper = {
        "name": "team claim/+#ü",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-hardcoded-claim-mapper",
        "config": {"claim.name": "team", "claim.value": "blue", "jsonType.label": "String", "access.token.claim": "true"},
    }
    assert realm_admin.add_mapper_to_client(internal_id, mapper) == b""
    mappers = realm_admin.get_mappers_from_client(internal_id)
    assert [m["name"] for m in mappers] == [mapper["name"]]
    mapper_id = mappers[0]["id"]

    changed = dict(mappers[0])
    changed["config"] = dict(changed["config"], **{"claim.value": "red"})
    assert realm_admin.update_client_mapper(internal_id, mapper_id, changed) == {}
    assert realm_admin.get_mappers_from_client(internal_id)[0]["config"]["claim.value"] == "red"

    assert realm_admin.remove_client_mapper(internal_id, mapper_id) == {}
    assert realm_admin.get_mappers_from_client(internal_id) == []
    with pytest.raises(KeycloakGetError) as err:
        realm_admin.get_client_mapper(internal_id, mapper_id)
    assert err.value.response_code == 404
    with pytest.raises(KeycloakDeleteError) as err:
        realm_admin.remove_client_mapper(internal_id, mapper_id)
    assert err.value.response_code == 404


# ------------------------------------------------------------------------ secrets


def test_client_secrets(realm_admin):
    internal_id, _client_id = _new_client(realm_admin, publicClient=False, secret="initial-secret")
    assert realm_admin.get_client_secrets(internal_id) == {"type": "secret", "value": "initial-secret"}

    generated = realm_admin.generate_client_secrets(internal_id)
    assert generated["type"] == "secret"
    assert generated["value"] and generated["value"] != "initial-secret"
    assert realm_admin.get_client_secrets(internal_id)["value"] == generated["value"]
    assert realm_admin.get_client(internal_id)["secret"] == generated["value"]


# ----------------------------------------------------------------------- sessions


def test_get_client_all_sessions_sees_a_real_login(realm_admin):
    realm = realm_admin.get_current_realm()
    internal_id, client_id = _new_client(realm_admin, publicClient=True, directAccessGrantsEnabled=True)
    assert realm_admin.get_client_all_sessions(internal_id) == []

    username = unique("sessionuser")
    user = {
        "username": username,
        "enabled": True,
        "email": "%s@example.com" % username,
        "emailVerified": True,
        "firstName": "Session",
        "lastName": "User",
        "credentials": [{"type": "password", "value": "Pa55word!", "temporary": False}],
    }
    user_id = realm_admin.create_user(user)

    connection = realm_admin.connection
    token_path = "realms/%s/protocol/openid-connect/token" % urls.quote_segment(realm)
    for _attempt in range(2):
        response = connection.request(
            "POST", token_path, authenticated=False,
            data={"grant_type": "password", "client_id": client_id, "username": username, "password": "Pa55word!"},
        )
        assert response.status_code == 200, response.text

    sessions = realm_admin.get_client_all_sessions(internal_id)
    assert len(sessions) == 2
    assert set(s["userId"] for s in sessions) == {user_id}
    assert all(s["username"] == username for s in sessions)
    assert all(internal_id in s["clients"] for s in sessions)


# ------------------------------------------------------ fine-grained admin permissions


def test_client_management_permissions(realm_admin, keycloak_version):
    internal_id, _client_id = _new_client(realm_admin)
    if _server_features(realm_admin).get("ADMIN_FINE_GRAINED_AUTHZ"):
        assert realm_admin.get_client_management_permissions(internal_id)["enabled"] is False
        updated = realm_admin.update_client_management_permissions({"enabled": True}, internal_id)
        assert updated["enabled"] is True
        assert "manage" in updated["scopePermissions"]
        assert realm_admin.get_client_management_permissions(internal_id)["enabled"] is True
        return
    if keycloak_version[:2] < (26, 2):
        # Keycloak 26.0 has v1 only, a preview feature off by default, and answers its endpoints anyway: the switch reads
        # off and can be turned off, but turning it on fails inside the server (500, a NullPointerException in its log).
        assert realm_admin.get_client_management_permissions(internal_id) == {"enabled": False}
        with pytest.raises(KeycloakPutError) as err:
            realm_admin.update_client_management_permissions({"enabled": True}, internal_id)
        assert err.value.response_code == 500
        assert b"unknown_error" in err.value.response_body
        assert realm_admin.update_client_management_permissions({"enabled": False}, internal_id) == {"enabled": False}
        return
    # Keycloak 26.2+ runs admin-fine-grained-authz:v2 by default; the v1 endpoints answer 501.
    with pytest.raises(KeycloakGetError) as err:
        realm_admin.get_client_management_permissions(internal_id)
    assert err.value.response_code == 501
    assert b"Feature not enabled" in err.value.response_body
    with pytest.raises(KeycloakPutError) as err:
        realm_admin.update_client_management_permissions({"enabled": True}, internal_id)
    assert err.value.response_code == 501
    assert b"Feature not enabled" in err.value.response_body


# -------------------------------------------------------------------- certificates


def _self_signed_pem():
    with tempfile.TemporaryDirectory() as tmp:
        key, cert = os.path.join(tmp, "key.pem"), os.path.join(tmp, "cert.pem")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=iam-keycloak-test",
             "-keyout", key, "-out", cert],
            check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        with open(cert, "r", encoding="ascii") as handle:
            return handle.read()


def test_upload_certificate(realm_admin):
    internal_id, _client_id = _new_client(realm_admin, publicClient=False, clientAuthenticatorType="client-jwt")
    pem = _self_signed_pem()
    body = "".join(line for line in pem.splitlines() if not line.startswith("-----"))
    der = base64.b64decode(body)

    uploaded = realm_admin.upload_certificate(internal_id, pem)
    assert base64.b64decode(uploaded["certificate"]) == der
    stored = realm_admin.get_client_certificate(internal_id)
    assert base64.b64decode(stored["certificate"]) == der
    assert base64.b64decode(realm_admin.get_client(internal_id)["attributes"]["jwt.credential.certificate"]) == der

    with pytest.raises(KeycloakPostError) as err:
        realm_admin.upload_certificate("no-such-id", pem)
    assert err.value.response_code == 404
