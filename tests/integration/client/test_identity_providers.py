# -*- coding: utf-8 -*-
"""IdentityProvidersMixin against a real Keycloak: every method, with its effect read back."""

import os
import uuid

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin
from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import (
    KeycloakDeleteError,
    KeycloakGetError,
    KeycloakPostError,
)

# The local server's admin (tests/conftest.py sets these from tests/keycloak/server.py).
LOGIN = {"username": os.environ["KEYCLOAK_ADMIN_USER"], "password": os.environ["KEYCLOAK_ADMIN_PASSWORD"]}

MAPPER_TYPE = "hardcoded-attribute-idp-mapper"


def _alias(prefix):
    # Keycloak refuses spaces, "/", "+" and "#" in an alias; unicode it takes.
    return "%s-%s" % (prefix, uuid.uuid4().hex[:8])


def _oidc(alias, **extra):
    payload = {
        "alias": alias,
        "providerId": "oidc",
        "displayName": "Dïsplay / + # name",
        "enabled": True,
        "config": {
            "authorizationUrl": "https://idp.example/auth",
            "tokenUrl": "https://idp.example/token",
            "clientId": "keycloak",
            "clientSecret": "s3cret",
            "clientAuthMethod": "client_secret_post",
        },
    }
    payload.update(extra)
    return payload


def test_idp_crud(realm_admin):
    alias = _alias("ïdp")
    assert realm_admin.create_idp(_oidc(alias)) == b""
    idp = realm_admin.get_idp(alias)
    assert (idp["alias"], idp["providerId"], idp["displayName"]) == (alias, "oidc", "Dïsplay / + # name")
    assert idp["config"]["tokenUrl"] == "https://idp.example/token"
    assert alias in [i["alias"] for i in realm_admin.get_idps()]

    with pytest.raises(KeycloakPostError) as error:
        realm_admin.create_idp(_oidc(alias))
    assert error.value.response_code == 409

    idp["displayName"] = "Nëw / + #"
    idp["config"]["tokenUrl"] = "https://idp.example/token2"
    assert realm_admin.update_idp(alias, idp) == {}
    idp = realm_admin.get_idp(alias)
    assert idp["displayName"] == "Nëw / + #"
    assert idp["config"]["tokenUrl"] == "https://idp.example/token2"

    # Without an alias in the body the provider keeps the one of the call (Keycloak would null it).
    body = dict(idp)
    del body["alias"]
    body["displayName"] = "Nö alias"
    assert realm_admin.update_idp(alias, body) == {}
    assert realm_admin.get_idp(alias)["displayName"] == "Nö alias"

    assert realm_admin.delete_idp(alias) == {}
    with pytest.raises(KeycloakGetError) as error:
        realm_admin.get_idp(alias)
    assert error.value.response_code == 404
    with pytest.raises(KeycloakDeleteError) as error:
        realm_admin.delete_idp(alias)
    assert error.value.response_code == 404
    assert alias not in [i["alias"] for i in realm_admin.get_idps()]


def test_alias_keycloak_refuses(realm_admin):
    for alias in ("a b", "a/b", "a+b", "a#b"):
        with pytest.raises(KeycloakPostError) as error:
            realm_admin.create_idp(_oidc(alias))
        assert error.value.response_code == 400
        assert "not allowed" in error.value.description


def test_get_idps_walks_every_page(keycloak_url, realm):
    client = KeycloakAdmin(server_url=keycloak_url, **LOGIN, realm_name=realm, user_realm_name="master")
    aliases = [_alias("päge") for _index in range(3)]
    for alias in aliases:
        client.create_idp(_oidc(alias))
    try:
        expected = len(client.get_idps())  # all in one page of the default size (100)
        assert expected >= 3
        client.PAGE_SIZE = 2
        listed = [i["alias"] for i in client.get_idps()]
        assert len(listed) == expected
        assert len(set(listed)) == expected
        assert set(aliases) <= set(listed)
    finally:
        for alias in aliases:
            client.delete_idp(alias)


def test_idp_mappers(realm_admin):
    alias = _alias("mäpped")
    realm_admin.create_idp(_oidc(alias))
    try:
        assert realm_admin.get_idp_mappers(alias) == []
        name = "mäpper / + # ü"
        mapper = {
            "name": name,
            "identityProviderMapper": MAPPER_TYPE,
            "config": {"syncMode": "INHERIT", "attribute": "dëpartment", "attribute.value": "R&D / + #"},
        }
        # No identityProviderAlias in the body: the call's alias is used.
        assert realm_admin.add_mapper_to_idp(alias, mapper) == b""
        mappers = realm_admin.get_idp_mappers(alias)
        assert len(mappers) == 1
        created = mappers[0]
        assert (created["name"], created["identityProviderAlias"]) == (name, alias)
        assert created["config"]["attribute.value"] == "R&D / + #"

        # Neither id nor alias in the body: both come from the call.
        change = {"name": name, "identityProviderMapper": MAPPER_TYPE, "config": {"syncMode": "FORCE", "attribute": "dëpartment", "attribute.value": "Ops"}}
        assert realm_admin.update_mapper_in_idp(alias, created["id"], change) == {}
        updated = realm_admin.get_idp_mappers(alias)
        assert [(m["id"], m["config"]["attribute.value"], m["config"]["syncMode"]) for m in updated] == [(created["id"], "Ops", "FORCE")]

        # A full representation read back is accepted as it is.
        full = updated[0]
        full["config"]["attribute.value"] = "Säles"
        assert realm_admin.update_mapper_in_idp(alias, full["id"], full) == {}
        assert realm_admin.get_idp_mappers(alias)[0]["config"]["attribute.value"] == "Säles"

        realm_admin.add_mapper_to_idp(alias, dict(mapper, name="sëcond"))
        assert sorted(m["name"] for m in realm_admin.get_idp_mappers(alias)) == sorted([name, "sëcond"])
    finally:
        realm_admin.delete_idp(alias)
    with pytest.raises(KeycloakGetError) as error:
        realm_admin.get_idp_mappers(alias)
    assert error.value.response_code == 404
