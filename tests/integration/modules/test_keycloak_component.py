# -*- coding: utf-8 -*-
"""keycloak_component against the real server: any component, its config as string lists, secrets never compared."""

import uuid

import pytest

from harness import fails_or_plans, same_prediction, scenario  # pylint: disable=import-error
from keypairs import pem_body, rsa_key_pem, self_signed_pem  # pylint: disable=import-error

MODULE = "keycloak_component"
POLICY = "org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy"
KEYS = "org.keycloak.keys.KeyProvider"


def unique(prefix="comp"):
    return "%s %s" % (prefix, uuid.uuid4().hex[:6])


def read_component(kc, name, provider_type=None):
    query = {"name": name}
    if provider_type:
        query["type"] = provider_type
    found = kc.get_components(query)
    return found[0] if found else None


def test_component_lifecycle(module_runner, realm, realm_admin):
    kc = realm_admin
    name = unique("Trüsted hosts /+#")

    def read():
        return read_component(kc, name, POLICY)

    args = dict(realm=realm, name=name, provider_type=POLICY, provider_id="trusted-hosts", sub_type="anonymous",
                config={"trusted-hosts": ["a.example.com"], "host-sending-registration-request-must-match": True,
                        "client-uris-must-match": True})

    def verify(component):
        assert component["providerId"] == "trusted-hosts" and component["subType"] == "anonymous"
        assert component["config"]["trusted-hosts"] == ["a.example.com"]
        assert component["config"]["host-sending-registration-request-must-match"] == ["true"]
        assert component["parentId"] == kc.get_realm(realm)["id"]

    def verify_update(component):
        assert sorted(component["config"]["trusted-hosts"]) == ["a.example.com", "b.example.com"]

    def hand_edit():
        component = read()
        component["config"]["client-uris-must-match"] = ["false"]
        kc.update_component(component["id"], component)

    def verify_hand_edit(component):
        assert component["config"]["trusted-hosts"] == ["c.example.com"]
        assert component["config"]["client-uris-must-match"] == ["false"], "a config key set by hand was lost"
        assert component["config"]["host-sending-registration-request-must-match"] == ["true"]

    noop = scenario(
        module_runner, MODULE, args, read, verify,
        update={"config": {"trusted-hosts": ["a.example.com", "b.example.com"]}},
        verify_update=verify_update,
        hand_edit=hand_edit,
        other_update={"config": {"trusted-hosts": "c.example.com"}},
        verify_hand_edit=verify_hand_edit,
        absent_args={"realm": realm, "name": name, "provider_type": POLICY},
    )
    assert noop <= 2, noop  # login, the component by name and type


def test_secret_config_is_never_compared_nor_shown(module_runner, realm, realm_admin):
    kc = realm_admin
    name = unique("imported rsa")
    key = rsa_key_pem()
    args = dict(realm=realm, name=name, provider_type=KEYS, provider_id="rsa", secret_config={"privateKey": key},
                config={"priority": 10, "algorithm": "RS256", "certificate": self_signed_pem(key)})
    created = module_runner(MODULE, diff=True, **args)
    assert created["changed"] is True, created["msg"]
    assert pem_body(key)[:40] not in created["_stdout"]
    assert created["diff"]["after"]["config"]["privateKey"] == "********"
    assert read_component(kc, name, KEYS)["config"]["privateKey"] == ["**********"]
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and again.writes == [], again["msg"]
    other_key = rsa_key_pem()
    # A new private key comes with its certificate (Keycloak refuses a pair that does not match).
    other = dict(args, secret_config={"privateKey": other_key}, config=dict(args["config"], certificate=self_signed_pem(other_key)))
    check = module_runner(MODULE, check_mode=True, diff=True, update_secret="always", **other)
    rotated = module_runner(MODULE, diff=True, update_secret="always", **other)
    same_prediction(check, rotated)
    assert rotated["changed"] is True and pem_body(other_key)[:40] not in rotated["_stdout"]
    assert rotated["diff"]["after"]["config"]["privateKey"] == "******** (changed)"
    in_use = [item for item in kc.get_keys()["keys"] if item.get("providerId") == read_component(kc, name, KEYS)["id"]]
    assert in_use and in_use[0]["certificate"] == pem_body(other["config"]["certificate"]), "the rotated key is not in use"

    refused = module_runner(MODULE, realm=realm, name=name, config={"privateKey": key})
    assert refused.get("failed") is True and "secret_config" in refused["msg"] and refused.writes == []
    assert pem_body(key)[:40] not in refused["_stdout"], "a secret given in config was echoed"


@pytest.mark.parametrize(
    "bad, named",
    [
        ({"provider_type": "org.example.NoSuchType"}, "org.example.NoSuchType"),
        ({"provider_id": "no-such-policy"}, "no-such-policy"),
        ({"provider_type": None}, "provider_type"),
        ({"provider_id": None}, "provider_id"),
    ],
)
def test_bad_input_fails_before_any_write(module_runner, realm, realm_admin, bad, named):
    name = unique("bad")
    args = dict(dict(realm=realm, name=name, provider_type=POLICY, provider_id="max-clients", config={"max-clients": 5}), **bad)
    for check_mode in (True, False):
        result = module_runner(MODULE, check_mode=check_mode, **args)
        assert result.get("failed") is True and named in result["msg"] and name in result["msg"], result["msg"]
        assert result.writes == []
    assert read_component(realm_admin, name) is None


def test_provider_cannot_change(module_runner, realm, realm_admin):
    name = unique("fixed")
    module_runner(MODULE, realm=realm, name=name, provider_type=POLICY, provider_id="max-clients", config={"max-clients": 5})
    result = module_runner(MODULE, realm=realm, name=name, provider_type=POLICY, provider_id="trusted-hosts", config={"max-clients": 6})
    assert result.get("failed") is True and "cannot change" in result["msg"] and result.writes == []
    assert read_component(realm_admin, name)["config"]["max-clients"] == ["5"]


@pytest.mark.parametrize("check_mode", [False, True])
def test_missing_realm_fails_or_plans(module_runner, check_mode):
    realm = "no-realm-%s" % uuid.uuid4().hex[:6]
    result = module_runner(MODULE, check_mode=check_mode, realm=realm, name="limit", provider_type=POLICY, provider_id="max-clients")
    fails_or_plans(result, check_mode, realm)
