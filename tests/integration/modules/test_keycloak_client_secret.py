# -*- coding: utf-8 -*-
"""keycloak_client_secret against the real server: a regenerated secret differs and the old one stops working."""

import pytest
import requests

from harness import fails_or_plans  # pylint: disable=import-error

MODULE = "keycloak_client_secret"
NO_LOG = {"_ansible_no_log": True}


def token_status(keycloak_url, realm, client_id, secret):
    """The status of a real client-credentials token request."""
    answer = requests.post("%s/realms/%s/protocol/openid-connect/token" % (keycloak_url, realm),
                           data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}, timeout=30)
    return answer.status_code


@pytest.fixture(scope="module")
def confidential(realm_admin):
    client_id = "billing"
    uuid = realm_admin.create_client({"clientId": client_id, "publicClient": False, "serviceAccountsEnabled": True,
                                      "standardFlowEnabled": False})
    yield client_id, uuid


def test_read_masks_unless_asked_with_no_log(module_runner, realm, realm_admin, confidential):
    client_id, uuid = confidential
    masked = module_runner(MODULE, realm=realm, client_id=client_id)
    assert masked["changed"] is False and masked["secret"] == "********" and masked["id"] == uuid
    assert realm_admin.get_client_secrets(uuid)["value"] not in masked["_stdout"]
    refused = module_runner(MODULE, realm=realm, client_id=client_id, return_secret=True)
    assert refused["failed"] is True and "no_log" in refused["msg"] and refused.requests == []
    shown = module_runner(MODULE, realm=realm, client_id=client_id, return_secret=True, **NO_LOG)
    assert shown["changed"] is False and shown.writes == []
    assert shown["secret"] == realm_admin.get_client_secrets(uuid)["value"]
    assert shown["rotated_secret"] is None


def test_regenerate_replaces_the_secret(module_runner, realm, realm_admin, confidential, keycloak_url):
    client_id, uuid = confidential
    old = realm_admin.get_client_secrets(uuid)["value"]
    assert token_status(keycloak_url, realm, client_id, old) == 200

    check = module_runner(MODULE, check_mode=True, diff=True, realm=realm, client_id=client_id, action="regenerate")
    assert check["changed"] is True and check.writes == [] and check["secret"] is None
    assert check["diff"] == {"before": {"secret": "********"}, "after": {"secret": "******** (changed)"}}
    assert "would regenerate the secret" in check["msg"]
    assert realm_admin.get_client_secrets(uuid)["value"] == old

    done = module_runner(MODULE, diff=True, realm=realm, client_id=client_id, action="regenerate", return_secret=True, **NO_LOG)
    assert done["changed"] is True and done["diff"] == check["diff"] and done["actions"] == check["actions"]
    new = done["secret"]
    assert new and new != old and new == realm_admin.get_client_secrets(uuid)["value"]
    assert token_status(keycloak_url, realm, client_id, old) == 401, "the old secret still works"
    assert token_status(keycloak_url, realm, client_id, new) == 200

    # Without return_secret the new secret is not in the result at all.
    quiet = module_runner(MODULE, diff=True, realm=realm, client_id=client_id, action="regenerate")
    newest = realm_admin.get_client_secrets(uuid)["value"]
    assert quiet["changed"] is True and quiet["secret"] == "********" and newest != new and newest not in quiet["_stdout"]


def test_public_client_has_no_secret(module_runner, realm, realm_admin):
    realm_admin.create_client({"clientId": "spa", "publicClient": True})
    for check_mode in (True, False):
        result = module_runner(MODULE, check_mode=check_mode, realm=realm, client_id="spa", action="regenerate")
        assert result["failed"] is True and "public" in result["msg"] and result.writes == []


@pytest.mark.parametrize("check_mode", [True, False])
def test_missing_client_or_realm(module_runner, realm, check_mode):
    result = module_runner(MODULE, check_mode=check_mode, realm=realm, client_id="no-such-client", action="regenerate")
    fails_or_plans(result, check_mode, "no-such-client")
    if check_mode:
        assert result["changed"] is True and result["secret"] is None
    result = module_runner(MODULE, check_mode=check_mode, realm="no-such-realm-x", client_id="app", action="regenerate")
    fails_or_plans(result, check_mode, "no-such-realm-x")


def rotation_policy(realm_admin, grace=3600):
    realm_admin.update_client_profiles({"profiles": [{"name": "rotate-secrets", "executors": [{
        "executor": "secret-rotation",
        "configuration": {"expiration-period": "2592000", "rotated-expiration-period": "%d" % grace, "remaining-rotation-period": "864000"},
    }]}]})
    realm_admin.update_client_policies({"policies": [{
        "name": "confidential clients rotate", "enabled": True, "profiles": ["rotate-secrets"],
        "conditions": [{"condition": "client-access-type", "configuration": {"type": ["confidential"]}}],
    }]})


def test_rotate_keeps_the_old_secret_for_the_grace_period(module_runner, realm, realm_admin, keycloak_url):
    features = dict((f["name"], f["enabled"]) for f in realm_admin.get_server_info()["features"])
    client_id = "rotating"
    uuid = realm_admin.create_client({"clientId": client_id, "publicClient": False, "serviceAccountsEnabled": True})
    old = realm_admin.get_client_secrets(uuid)["value"]
    refused = module_runner(MODULE, realm=realm, client_id=client_id, action="rotate")
    assert refused["failed"] is True and refused.writes == [], refused["msg"]
    assert ("client-secret-rotation" if not features.get("CLIENT_SECRET_ROTATION") else "secret-rotation executor") in refused["msg"]
    if not features.get("CLIENT_SECRET_ROTATION"):
        pytest.skip("the server runs without the client-secret-rotation feature (start it with KC_FEATURES=client-secret-rotation)")
    rotation_policy(realm_admin)
    try:
        check = module_runner(MODULE, check_mode=True, realm=realm, client_id=client_id, action="rotate")
        assert check["changed"] is True and check.writes == []
        rotated = module_runner(MODULE, realm=realm, client_id=client_id, action="rotate", return_secret=True, **NO_LOG)
        assert rotated["changed"] is True, rotated["msg"]
        assert rotated["secret"] != old and rotated["rotated_secret"] == old and rotated["rotated_secret_expiration"] > 0
        assert token_status(keycloak_url, realm, client_id, old) == 200, "the rotated secret stopped working at once"
        assert token_status(keycloak_url, realm, client_id, rotated["secret"]) == 200

        check = module_runner(MODULE, check_mode=True, realm=realm, client_id=client_id, action="invalidate_rotated")
        assert check["changed"] is True and check.writes == []
        ended = module_runner(MODULE, realm=realm, client_id=client_id, action="invalidate_rotated")
        assert ended["changed"] is True and ended["rotated_secret"] is None
        assert token_status(keycloak_url, realm, client_id, old) == 401
        again = module_runner(MODULE, realm=realm, client_id=client_id, action="invalidate_rotated")
        assert again["changed"] is False and again.writes == [], again["msg"]
    finally:
        realm_admin.update_client_policies({"policies": []})
        realm_admin.update_client_profiles({"profiles": []})
