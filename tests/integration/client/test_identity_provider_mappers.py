# -*- coding: utf-8 -*-
"""The identity provider methods beyond the python-keycloak reference, against a real Keycloak."""

import uuid

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import KeycloakDeleteError, KeycloakGetError


def test_mapper_types_and_mapper_delete(realm_admin):
    alias = "gh-%s" % uuid.uuid4().hex[:6]
    realm_admin.create_idp({"alias": alias, "providerId": "github", "config": {"clientId": "x"}})
    types = realm_admin.get_idp_mapper_types(alias)
    assert "github-user-attribute-mapper" in types and "hardcoded-attribute-idp-mapper" in types
    assert "saml-user-attribute-idp-mapper" not in types, "a SAML mapper type offered to GitHub"
    assert types["hardcoded-attribute-idp-mapper"]["id"] == "hardcoded-attribute-idp-mapper"

    realm_admin.add_mapper_to_idp(alias, {"name": "m", "identityProviderMapper": "hardcoded-attribute-idp-mapper", "config": {}})
    [mapper] = realm_admin.get_idp_mappers(alias)
    realm_admin.delete_mapper_from_idp(alias, mapper["id"])
    assert realm_admin.get_idp_mappers(alias) == []
    with pytest.raises(KeycloakDeleteError) as error:
        realm_admin.delete_mapper_from_idp(alias, mapper["id"])
    assert error.value.response_code == 404
    with pytest.raises(KeycloakGetError) as error:
        realm_admin.get_idp_mapper_types("no-such-%s" % alias)
    assert error.value.response_code == 404
