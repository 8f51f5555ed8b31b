# -*- coding: utf-8 -*-
"""The organization methods (beyond the python-keycloak reference) against a real Keycloak, each effect read back."""

import uuid

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import KeycloakGetError, KeycloakPutError


def test_organization_crud_members_and_providers(realm, realm_admin, admin):
    kc = realm_admin
    with pytest.raises(KeycloakGetError) as error:
        kc.get_organizations()
    assert error.value.response_code == 404 and "not enabled" in str(error.value)
    admin.update_realm(realm, {"organizationsEnabled": True})
    name = "Orgä %s" % uuid.uuid4().hex[:6]
    org_id = kc.create_organization({"name": name, "alias": "o-%s" % name[-6:], "domains": [{"name": "orga.example", "verified": True}],
                                     "attributes": {"tier": ["gold"]}})
    assert [item["id"] for item in kc.get_organizations({"search": name, "exact": True})] == [org_id]
    org = kc.get_organization(org_id)
    assert org["attributes"] == {"tier": ["gold"]} and org["domains"] == [{"name": "orga.example", "verified": True}]
    kc.update_organization(org_id, dict(org, description="described"))
    assert kc.get_organization(org_id)["description"] == "described"
    with pytest.raises(KeycloakPutError):
        kc.update_organization(org_id, dict(org, alias="changed"))

    user_id = kc.create_user({"username": "member-%s" % name[-6:], "enabled": True})
    kc.organization_user_add(user_id, org_id)
    assert [(user["id"], user["membershipType"]) for user in kc.get_organization_members(org_id)] == [(user_id, "UNMANAGED")]
    kc.organization_user_remove(user_id, org_id)
    assert kc.get_organization_members(org_id) == []

    alias = "idp-%s" % name[-6:]
    config = {"clientId": "kc", "authorizationUrl": "https://i.example/a", "tokenUrl": "https://i.example/t"}
    kc.create_idp({"alias": alias, "providerId": "oidc", "config": config})
    kc.organization_idp_add(org_id, alias)
    assert [idp["alias"] for idp in kc.get_organization_idps(org_id)] == [alias]
    assert kc.get_idp(alias)["organizationId"] == org_id
    kc.organization_idp_remove(org_id, alias)
    assert kc.get_organization_idps(org_id) == [] and "organizationId" not in kc.get_idp(alias)

    kc.delete_organization(org_id)
    assert kc.get_organizations({"search": name, "exact": True}) == []
