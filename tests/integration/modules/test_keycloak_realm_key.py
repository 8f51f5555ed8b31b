# -*- coding: utf-8 -*-
"""keycloak_realm_key and keycloak_realm_keys_info against the real server: generated and imported keys, rotation by priority."""

import uuid

import pytest

from harness import fails_or_plans, same_prediction, scenario, warnings_of  # pylint: disable=import-error
from keypairs import pem_body, rsa_key_pem, self_signed_pem  # pylint: disable=import-error

MODULE = "keycloak_realm_key"
INFO = "keycloak_realm_keys_info"
KEYS = "org.keycloak.keys.KeyProvider"


def unique(prefix="key"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:6])


def read_provider(kc, name):
    found = kc.get_components({"name": name, "type": KEYS})
    return found[0] if found else None


def test_realm_key_lifecycle(module_runner, realm, realm_admin):
    kc = realm_admin
    name = unique("rsa gënerated")

    def read():
        return read_provider(kc, name)

    # Priority below the realm's own key (100): the realm keeps signing with it.
    args = dict(realm=realm, name=name, provider_id="rsa-generated", priority=10, algorithm="RS256", config={"keySize": 2048})

    def verify(provider):
        assert provider["providerId"] == "rsa-generated" and provider["config"]["priority"] == ["10"]
        assert provider["config"]["algorithm"] == ["RS256"] and provider["config"]["keySize"] == ["2048"]
        assert provider["parentId"] == kc.get_realm(realm)["id"]

    def verify_update(provider):
        assert provider["config"]["priority"] == ["20"]

    def hand_edit():
        provider = read()
        provider["config"]["active"] = ["false"]
        kc.update_component(provider["id"], provider)

    def verify_hand_edit(provider):
        assert provider["config"]["priority"] == ["30"] and provider["config"]["active"] == ["false"], "a key set by hand was lost"
        assert provider["config"]["keySize"] == ["2048"]

    noop = scenario(
        module_runner, MODULE, args, read, verify,
        update={"priority": 20}, verify_update=verify_update, hand_edit=hand_edit, other_update={"priority": 30},
        verify_hand_edit=verify_hand_edit, absent_args={"realm": realm, "name": name},
    )
    assert noop <= 2, noop


def test_rotation_by_priority(module_runner, realm, realm_admin):
    before = module_runner(INFO, realm=realm, algorithm="RS256")
    old_kid = before["active"]["RS256"]
    name = unique("rsa-next")
    created = module_runner(MODULE, realm=realm, name=name, provider_id="rsa-generated", priority=500, algorithm="RS256")
    assert created["changed"] is True and created["id"]
    after = module_runner(INFO, realm=realm, algorithm="RS256")
    active = [key for key in after["keys"] if key["kid"] == after["active"]["RS256"]][0]
    assert active["kid"] != old_kid and active["providerName"] == name and active["providerId"] == created["id"]
    assert active["status"] == "ACTIVE" and active["publicKey"] and active["certificate"]
    assert set(key["algorithm"] for key in after["keys"]) == {"RS256"} and list(after["active"]) == ["RS256"]
    # The old key still verifies; the new one stops signing when it is made passive.
    assert any(key["kid"] == old_kid and key["status"] == "ACTIVE" for key in after["keys"])
    module_runner(MODULE, realm=realm, name=name, active=False)
    assert module_runner(INFO, realm=realm, algorithm="RS256")["active"]["RS256"] == old_kid
    module_runner(MODULE, realm=realm, name=name, state="absent")


def test_imported_key_is_never_compared_nor_shown(module_runner, realm, realm_admin):
    kc = realm_admin
    name = unique("imported")
    key = rsa_key_pem()
    args = dict(realm=realm, name=name, provider_id="rsa", priority=5, algorithm="RS256", private_key=key, certificate=self_signed_pem(key))
    created = module_runner(MODULE, diff=True, **args)
    assert created["changed"] is True and pem_body(key)[:40] not in created["_stdout"], created["msg"]
    assert created["end_state"]["config"]["privateKey"] == "********"
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and again.writes == [], again["msg"]

    other = rsa_key_pem()
    rotate = dict(args, private_key=other, certificate=self_signed_pem(other), update_secret="always")
    check = module_runner(MODULE, check_mode=True, diff=True, **rotate)
    rotated = module_runner(MODULE, diff=True, **rotate)
    same_prediction(check, rotated)
    assert rotated["changed"] is True and pem_body(other)[:40] not in rotated["_stdout"]
    assert rotated["diff"]["after"]["config"]["privateKey"] == "******** (changed)"
    info = module_runner(INFO, realm=realm)
    mine = [item for item in info["keys"] if item["providerName"] == name]
    assert mine and mine[0]["certificate"] == pem_body(rotate["certificate"])
    assert pem_body(other)[:40] not in info["_stdout"] and pem_body(key)[:40] not in info["_stdout"]
    assert [item["config"]["privateKey"] for item in info["providers"] if item["name"] == name] == ["********"]
    assert all("privateKey" not in item and "secret" not in item for item in info["keys"])


@pytest.mark.parametrize("case", ["garbage key", "certificate of another key"])
def test_invalid_key_or_certificate_writes_nothing(module_runner, realm, realm_admin, case):
    name = unique("invalid")
    key = rsa_key_pem()
    if case == "garbage key":
        args = dict(private_key="-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n")
        message = "private key"
    else:
        args = dict(private_key=key, certificate=self_signed_pem(rsa_key_pem()))
        message = "does not match"
    result = module_runner(MODULE, realm=realm, name=name, provider_id="rsa", priority=1, **args)
    assert result.get("failed") is True and message in result["msg"] and name in result["msg"], result["msg"]
    assert result["changed"] is False and read_provider(realm_admin, name) is None
    assert pem_body(key)[:40] not in result["_stdout"]


@pytest.mark.parametrize(
    "bad, named",
    [
        ({"provider_id": "no-such-key-provider"}, "no-such-key-provider"),
        ({"provider_id": None}, "provider_id"),
        ({"config": {"privateKey": "-----BEGIN PRIVATE KEY-----"}}, "private_key"),
        ({"representation": {"providerType": "org.keycloak.storage.UserStorageProvider"}}, "providerType"),
    ],
)
def test_bad_input_fails_before_any_write(module_runner, realm, realm_admin, bad, named):
    name = unique("bad")
    args = dict(dict(realm=realm, name=name, provider_id="rsa-generated", priority=1), **bad)
    for check_mode in (True, False):
        result = module_runner(MODULE, check_mode=check_mode, **args)
        assert result.get("failed") is True and named in result["msg"] and name in result["msg"], result["msg"]
        assert result.writes == [] and "BEGIN PRIVATE KEY" not in result["_stdout"]
    assert read_provider(realm_admin, name) is None


def test_provider_cannot_change(module_runner, realm, realm_admin):
    name = unique("fixed")
    module_runner(MODULE, realm=realm, name=name, provider_id="hmac-generated", priority=1)
    result = module_runner(MODULE, realm=realm, name=name, provider_id="aes-generated", priority=2)
    assert result.get("failed") is True and "cannot change" in result["msg"] and result.writes == []
    assert read_provider(realm_admin, name)["config"]["priority"] == ["1"]


@pytest.mark.parametrize("check_mode", [False, True])
def test_missing_realm_fails_or_plans(module_runner, check_mode):
    realm = unique("no-realm")
    result = module_runner(MODULE, check_mode=check_mode, realm=realm, name="rsa-next", provider_id="rsa-generated", priority=200)
    fails_or_plans(result, check_mode, realm)
    info = module_runner(INFO, check_mode=check_mode, realm=realm)
    if check_mode:
        assert info["keys"] == [] and any(realm in warning for warning in warnings_of(info))
    else:
        assert info.get("failed") is True and realm in info["msg"]
