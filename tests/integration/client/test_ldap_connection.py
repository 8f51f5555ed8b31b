# -*- coding: utf-8 -*-
"""The LDAP methods beyond the python-keycloak reference, against a real Keycloak and a local slapd (tests/ldap/server.py)."""

import importlib.util
import os
import uuid

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import KeycloakPostError

LDAP_SERVER = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "ldap", "server.py")
STORAGE = "org.keycloak.storage.UserStorageProvider"
LDAP_MAPPER = "org.keycloak.storage.ldap.mappers.LDAPStorageMapper"


@pytest.fixture(scope="module")
def ldap():
    spec = importlib.util.spec_from_file_location("ldap_test_server", LDAP_SERVER)
    server = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(server)
    missing = server.available()
    if missing:
        pytest.skip("no local LDAP server: %s" % missing)
    url = server.start()
    yield {"url": url, "bind_dn": server.BIND_DN, "password": server.bind_password()}
    server.stop()


def test_ldap_connection_test(realm_admin, ldap):
    realm_admin.test_ldap_connection({"action": "testConnection", "connectionUrl": ldap["url"]})
    realm_admin.test_ldap_connection({"action": "testAuthentication", "connectionUrl": ldap["url"], "bindDn": ldap["bind_dn"],
                                      "bindCredential": ldap["password"]})
    with pytest.raises(KeycloakPostError) as error:
        realm_admin.test_ldap_connection({"action": "testAuthentication", "connectionUrl": ldap["url"], "bindDn": ldap["bind_dn"],
                                          "bindCredential": "wrong"})
    assert error.value.response_code == 400 and "AuthenticationFailure" in str(error.value)
    with pytest.raises(KeycloakPostError) as error:
        realm_admin.test_ldap_connection({"action": "testConnection", "connectionUrl": "ldap://127.0.0.1:1"})
    assert error.value.response_code == 400


def test_sync_ldap_mapper(realm_admin, ldap):
    kc = realm_admin
    storage = kc.create_component({
        "name": "ldap-%s" % uuid.uuid4().hex[:6], "providerId": "ldap", "providerType": STORAGE,
        "config": {"vendor": ["other"], "connectionUrl": [ldap["url"]], "bindDn": [ldap["bind_dn"]], "bindCredential": [ldap["password"]],
                   "usersDn": ["ou=people,dc=example,dc=org"], "usernameLDAPAttribute": ["uid"], "rdnLDAPAttribute": ["uid"],
                   "uuidLDAPAttribute": ["entryUUID"], "userObjectClasses": ["inetOrgPerson"], "editMode": ["READ_ONLY"],
                   "authType": ["simple"], "importEnabled": ["true"]}})
    try:
        mapper = kc.create_component({
            "name": "groups", "providerId": "group-ldap-mapper", "providerType": LDAP_MAPPER, "parentId": storage,
            "config": {"groups.dn": ["ou=groups,dc=example,dc=org"], "group.name.ldap.attribute": ["cn"],
                       "group.object.classes": ["groupOfNames"], "membership.ldap.attribute": ["member"],
                       "membership.attribute.type": ["DN"], "membership.user.ldap.attribute": ["uid"], "mode": ["READ_ONLY"],
                       "preserve.group.inheritance": ["false"], "groups.path": ["/"]}})
        result = kc.sync_ldap_mapper(storage, mapper)
        assert result["failed"] == 0 and result["added"] + result["updated"] == 2, result
        assert {"/developers", "/operators"} <= set(group["path"] for group in kc.get_groups())
    finally:
        kc.delete_component(storage)
