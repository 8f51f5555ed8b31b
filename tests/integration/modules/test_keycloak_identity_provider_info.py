# -*- coding: utf-8 -*-
"""keycloak_identity_provider_info against the real server: every provider, one by alias, mappers, secrets masked."""

import uuid

from harness import warnings_of  # pylint: disable=import-error

MODULE = "keycloak_identity_provider_info"
SECRET = "Info-Idp-Secret-%s" % uuid.uuid4().hex[:8]


def test_providers_with_mappers_and_masked_secrets(module_runner, realm, realm_admin):
    tag = uuid.uuid4().hex[:6]
    for alias in ("b-%s" % tag, "a-%s" % tag):
        realm_admin.create_idp({"alias": alias, "providerId": "github", "config": {"clientId": "x", "clientSecret": SECRET}})
    realm_admin.add_mapper_to_idp("a-%s" % tag, {"name": "origin", "identityProviderMapper": "hardcoded-attribute-idp-mapper",
                                                 "config": {"attribute": "origin", "attribute.value": "gh"}})
    everything = module_runner(MODULE, realm=realm)
    assert everything["changed"] is False and SECRET not in everything["_stdout"]
    aliases = [idp["alias"] for idp in everything["identity_providers"]]
    assert aliases == sorted(aliases) and {"a-%s" % tag, "b-%s" % tag} <= set(aliases)

    one = module_runner(MODULE, realm=realm, alias="a-%s" % tag)
    [idp] = one["identity_providers"]
    assert idp["config"]["clientSecret"] == "********"
    assert idp["mappers"] == [{"name": "origin", "identityProviderMapper": "hardcoded-attribute-idp-mapper",
                               "config": {"attribute": "origin", "attribute.value": "gh"}}]
    assert module_runner(MODULE, realm=realm, alias="none-%s" % tag)["identity_providers"] == []


def test_missing_realm(module_runner):
    realm = "no-realm-%s" % uuid.uuid4().hex[:6]
    failed = module_runner(MODULE, realm=realm)
    assert failed.get("failed") is True and realm in failed["msg"]
    planned = module_runner(MODULE, check_mode=True, realm=realm)
    assert planned["identity_providers"] == [] and any(realm in warning for warning in warnings_of(planned))
