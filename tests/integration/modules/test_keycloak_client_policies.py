# -*- coding: utf-8 -*-
"""keycloak_client_policies against the real server."""

import pytest
import requests

from harness import fails_or_plans  # pylint: disable=import-error
from settings_harness import settings_scenario  # pylint: disable=import-error

MODULE = "keycloak_client_policies"


def read_all(admin):
    def read():
        return {"profiles": admin.get_client_profiles()["profiles"], "policies": admin.get_client_policies()["policies"]}

    return read


@pytest.fixture
def clean(realm_admin):
    realm_admin.update_client_policies({"policies": []})
    realm_admin.update_client_profiles({"profiles": []})
    yield
    realm_admin.update_client_policies({"policies": []})
    realm_admin.update_client_profiles({"profiles": []})


def test_client_policies_lifecycle(module_runner, realm, realm_admin, clean, keycloak_url):
    uuid = realm_admin.create_client({"clientId": "worker", "publicClient": False, "serviceAccountsEnabled": True})
    secret = realm_admin.get_client_secrets(uuid)["value"]
    args = dict(
        realm=realm,
        profiles=[{"name": "pkce", "description": "PKCE", "executors": [{"executor": "pkce-enforcer", "configuration": {"auto-configure": True}}]}],
        # "type" given as one string: stored as a one-item list, or every token request of the realm would fail.
        policies=[{"name": "confidential", "conditions": [{"condition": "client-access-type", "configuration": {"type": "confidential"}}],
                   "profiles": ["pkce"]}],
    )

    def verify(found):
        profile = found["profiles"][0]
        assert profile["name"] == "pkce" and profile["executors"][0]["configuration"]["auto-configure"] is True
        policy = found["policies"][0]
        assert policy["enabled"] is True and policy["conditions"][0]["configuration"]["type"] == ["confidential"]
        token = requests.post("%s/realms/%s/protocol/openid-connect/token" % (keycloak_url, realm), timeout=30,
                              data={"grant_type": "client_credentials", "client_id": "worker", "client_secret": secret})
        assert token.status_code == 200, token.text

    def hand_edit():
        profiles = realm_admin.get_client_profiles()["profiles"]
        profiles.append({"name": "handmade", "executors": [{"executor": "confidential-client", "configuration": {}}]})
        realm_admin.update_client_profiles({"profiles": profiles})

    def verify_hand_edit(found):
        assert "handmade" in [profile["name"] for profile in found["profiles"]], "a profile made by hand was lost"
        assert [policy["name"] for policy in found["policies"]] == ["confidential", "second"]

    requests_ = settings_scenario(
        module_runner, MODULE, args, read_all(realm_admin), verify,
        update={"policies": [dict(args["policies"][0], description="changed")]},
        verify_update=lambda found: found["policies"][0]["description"] == "changed" or pytest.fail(found),
        hand_edit=hand_edit,
        other_update={"policies": [dict(args["policies"][0], description="changed"),
                                   {"name": "second", "enabled": False, "conditions": [{"condition": "any-client"}], "profiles": ["fapi-1-baseline"]}]},
        verify_hand_edit=verify_hand_edit,
    )
    assert requests_ <= 3, "a no-op run is a login and two reads"


def test_new_profile_and_policy_naming_it_in_one_task_and_purge(module_runner, realm, realm_admin, clean):
    realm_admin.update_client_profiles({"profiles": [{"name": "old", "executors": [{"executor": "confidential-client", "configuration": {}}]}]})
    realm_admin.update_client_policies({"policies": [{"name": "uses old", "enabled": True, "profiles": ["old"],
                                                      "conditions": [{"condition": "any-client", "configuration": {}}]}]})
    args = dict(realm=realm, profiles=[{"name": "new", "executors": [{"executor": "secret-rotation"}]}], purge_profiles=True,
                policies=[{"name": "uses new", "conditions": [{"condition": "any-client"}], "profiles": ["new"]}], purge_policies=True)
    check = module_runner(MODULE, check_mode=True, diff=True, **args)
    assert check["changed"] is True and check.writes == []
    done = module_runner(MODULE, diff=True, **args)
    assert not done.get("failed"), done["msg"]
    assert done["diff"] == check["diff"]
    assert len(done.writes) == 3, done.writes
    found = read_all(realm_admin)()
    assert [profile["name"] for profile in found["profiles"]] == ["new"] and [policy["name"] for policy in found["policies"]] == ["uses new"]
    config = found["profiles"][0]["executors"][0]["configuration"]
    assert set(config) >= {"expiration-period", "rotated-expiration-period", "remaining-rotation-period"}, "defaults not filled in"
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and again.writes == [], again["msg"]


@pytest.mark.parametrize("bad, named", [
    ({"profiles": [{"name": "p", "executors": [{"executor": "no-such-executor"}]}]}, "no-such-executor"),
    ({"profiles": [{"name": "p", "executors": [{"executor": "pkce-enforcer", "configuration": {"no-such-setting": 1}}]}]}, "no-such-setting"),
    ({"policies": [{"name": "p", "conditions": [{"condition": "no-such-condition"}]}]}, "no-such-condition"),
    ({"policies": [{"name": "p", "conditions": [{"condition": "any-client"}], "profiles": ["no-such-profile"]}]}, "no-such-profile"),
])
def test_bad_input_fails_before_any_write(module_runner, realm, clean, bad, named):
    for check_mode in (True, False):
        result = module_runner(MODULE, check_mode=check_mode, realm=realm, **bad)
        assert result["failed"] is True and named in result["msg"] and result.writes == [], result["msg"]


def test_a_profile_a_policy_names_is_not_purged(module_runner, realm, realm_admin, clean):
    module_runner(MODULE, realm=realm, profiles=[{"name": "kept", "executors": [{"executor": "confidential-client"}]}],
                  policies=[{"name": "names kept", "conditions": [{"condition": "any-client"}], "profiles": ["kept"]}])
    result = module_runner(MODULE, realm=realm, profiles=[], purge_profiles=True)
    assert result["failed"] is True and "kept" in result["msg"] and result.writes == [], result["msg"]


@pytest.mark.parametrize("check_mode", [True, False])
def test_missing_realm(module_runner, check_mode):
    result = module_runner(MODULE, check_mode=check_mode, realm="no-such-realm-cp",
                           profiles=[{"name": "p", "executors": [{"executor": "pkce-enforcer"}]}])
    fails_or_plans(result, check_mode, "no-such-realm-cp")
