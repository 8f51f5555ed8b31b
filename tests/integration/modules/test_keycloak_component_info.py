# -*- coding: utf-8 -*-
"""keycloak_component_info against the real server: filters, one by id, secrets masked."""

import uuid

from harness import warnings_of  # pylint: disable=import-error
from keypairs import pem_body, rsa_key_pem, self_signed_pem  # pylint: disable=import-error

MODULE = "keycloak_component_info"
KEYS = "org.keycloak.keys.KeyProvider"


def test_filters_and_masked_secrets(module_runner, realm, realm_admin):
    key = rsa_key_pem()
    name = "info-rsa-%s" % uuid.uuid4().hex[:6]
    component_id = realm_admin.create_component({"name": name, "providerId": "rsa", "providerType": KEYS,
                                                 "config": {"privateKey": [key], "certificate": [self_signed_pem(key)], "priority": ["1"]}})
    keys = module_runner(MODULE, realm=realm, provider_type=KEYS)
    assert keys["changed"] is False and pem_body(key)[:40] not in keys["_stdout"]
    assert {component["providerType"] for component in keys["components"]} == {KEYS} and len(keys["components"]) >= 5
    [one] = module_runner(MODULE, realm=realm, name=name)["components"]
    assert one["id"] == component_id and one["config"]["privateKey"] == "********" and one["config"]["priority"] == ["1"]
    assert module_runner(MODULE, realm=realm, id=component_id)["components"] == [one]
    assert module_runner(MODULE, realm=realm, id="no-such-id")["components"] == []
    realm_id = realm_admin.get_realm(realm)["id"]
    top = module_runner(MODULE, realm=realm, parent_id=realm_id)["components"]
    assert component_id in [component["id"] for component in top]


def test_missing_realm(module_runner):
    realm = "no-realm-%s" % uuid.uuid4().hex[:6]
    assert module_runner(MODULE, realm=realm).get("failed") is True
    planned = module_runner(MODULE, check_mode=True, realm=realm)
    assert planned["components"] == [] and any(realm in warning for warning in warnings_of(planned))
