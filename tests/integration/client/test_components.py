# -*- coding: utf-8 -*-
"""ComponentsMixin against a real Keycloak: every method, with its effect read back."""

import socket

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import (
    KeycloakDeleteError,
    KeycloakGetError,
    KeycloakPostError,
)

KEY_PROVIDER = "org.keycloak.keys.KeyProvider"
USER_STORAGE = "org.keycloak.storage.UserStorageProvider"


def _free_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def _realm_id(client):
    return client.get_realm(client.get_current_realm())["id"]


def test_component_crud(realm_admin):
    realm_id = _realm_id(realm_admin)
    name = "rsa / + # ü"
    payload = {
        "name": name,
        "providerId": "rsa-generated",
        "providerType": KEY_PROVIDER,
        "parentId": realm_id,
        "config": {"priority": ["42"], "keySize": ["2048"], "active": ["true"], "enabled": ["true"]},
    }
    component_id = realm_admin.create_component(payload)
    assert component_id

    component = realm_admin.get_component(component_id)
    assert (component["name"], component["providerId"], component["parentId"]) == (name, "rsa-generated", realm_id)
    assert component["config"]["priority"] == ["42"]
    # The new key provider really produces a key.
    assert component_id in [k.get("providerId") for k in realm_admin.get_keys()["keys"]]

    # Server-side filters: name and type select exactly this one.
    found = realm_admin.get_components({"name": name, "type": KEY_PROVIDER})
    assert [c["id"] for c in found] == [component_id]
    assert realm_admin.get_components({"name": name, "type": USER_STORAGE}) == []
    all_keys = realm_admin.get_components({"parent": realm_id, "type": KEY_PROVIDER})
    assert component_id in [c["id"] for c in all_keys]
    assert len(all_keys) > 1
    assert component_id in [c["id"] for c in realm_admin.get_components()]

    component["name"] = "rsa renamed ü"
    component["config"]["priority"] = ["7"]
    assert realm_admin.update_component(component_id, component) == {}
    updated = realm_admin.get_component(component_id)
    assert updated["name"] == "rsa renamed ü"
    assert updated["config"]["priority"] == ["7"]
    assert realm_admin.get_components({"name": name}) == []

    assert realm_admin.delete_component(component_id) == {}
    with pytest.raises(KeycloakGetError) as error:
        realm_admin.get_component(component_id)
    assert error.value.response_code == 404
    with pytest.raises(KeycloakDeleteError) as error:
        realm_admin.delete_component(component_id)
    assert error.value.response_code == 404


def test_create_component_refused(realm_admin):
    with pytest.raises(KeycloakPostError) as error:
        realm_admin.create_component(
            {"name": "nö provider", "providerId": "no-such-provider", "providerType": KEY_PROVIDER, "parentId": _realm_id(realm_admin)}
        )
    assert error.value.response_code == 400
    assert "no such provider" in error.value.description


def test_sync_users_against_unreachable_ldap(realm_admin, keycloak_version):
    """An LDAP user storage whose server is not there (a port nothing listens on)."""
    realm_id = _realm_id(realm_admin)
    port = _free_port()
    payload = {
        "name": "ldap / + # ü",
        "providerId": "ldap",
        "providerType": USER_STORAGE,
        "parentId": realm_id,
        "config": {
            "vendor": ["other"],
            "connectionUrl": ["ldap://127.0.0.1:%d" % port],
            "connectionTimeout": ["2000"],
            "usersDn": ["ou=users,dc=example,dc=org"],
            "bindDn": ["cn=admin,dc=example,dc=org"],
            "bindCredential": ["secret"],
            "authType": ["simple"],
            "editMode": ["READ_ONLY"],
            "usernameLDAPAttribute": ["uid"],
            "rdnLDAPAttribute": ["uid"],
            "uuidLDAPAttribute": ["entryUUID"],
            "userObjectClasses": ["inetOrgPerson"],
            "importEnabled": ["true"],
            "enabled": ["true"],
        },
    }
    storage_id = realm_admin.create_component(payload)
    try:
        assert realm_admin.get_component(storage_id)["config"]["connectionUrl"] == ["ldap://127.0.0.1:%d" % port]
        # Keycloak 26.5 answers 200 and reports nothing synchronised; the connection failure
        # ("LDAP server is unavailable") only goes to the server log. Keycloak 26.0 answers
        # 400 {"errorMessage":"SocketReset"}.
        for action in ("triggerFullSync", "triggerChangedUsersSync"):
            if keycloak_version < (26, 1):
                with pytest.raises(KeycloakPostError) as error:
                    realm_admin.sync_users(storage_id, action)
                assert error.value.response_code == 400 and "SocketReset" in error.value.description
                continue
            result = realm_admin.sync_users(storage_id, action)
            assert result["ignored"] is False
            assert (result["added"], result["updated"], result["removed"], result["failed"]) == (0, 0, 0, 0)
            assert result["status"] == "0 imported users, 0 updated users"
        assert realm_admin.users_count() == 0

        with pytest.raises(KeycloakPostError) as error:
            realm_admin.sync_users(storage_id, "bogus")
        assert error.value.response_code == 400
        assert "Unknown action" in error.value.description
    finally:
        realm_admin.delete_component(storage_id)

    with pytest.raises(KeycloakPostError) as error:
        realm_admin.sync_users(storage_id, "triggerFullSync")
    assert error.value.response_code == 404
