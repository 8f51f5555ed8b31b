# -*- coding: utf-8 -*-
"""keycloak_client_registration_policy against the real server: anonymous registrations are let in or refused."""

import pytest
import requests

from harness import fails_or_plans, scenario  # pylint: disable=import-error

MODULE = "keycloak_client_registration_policy"
POLICY_TYPE = "org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy"


def register(keycloak_url, realm, name):
    """A real anonymous OIDC dynamic client registration; returns the HTTP status."""
    answer = requests.post("%s/realms/%s/clients-registrations/openid-connect" % (keycloak_url, realm), timeout=30,
                           json={"client_name": name, "redirect_uris": ["https://app.example.com/callback"]})
    return answer.status_code


def find(admin, name, sub_type):
    found = [item for item in admin.get_components({"type": POLICY_TYPE, "name": name}) if item["subType"] == sub_type]
    return found[0] if found else None


def test_trusted_hosts_let_a_registration_in(module_runner, realm, realm_admin, keycloak_url):
    assert register(keycloak_url, realm, "refused") == 403
    args = dict(realm=realm, name="Trusted Hosts", sub_type="anonymous",
                config={"trusted-hosts": ["127.0.0.1", "localhost"], "client-uris-must-match": False})
    check = module_runner(MODULE, check_mode=True, diff=True, **args)
    assert check["changed"] is True and check.writes == []
    done = module_runner(MODULE, diff=True, **args)
    assert done["changed"] is True and done["diff"] == check["diff"] and done["operation"] == "update"
    stored = find(realm_admin, "Trusted Hosts", "anonymous")["config"]
    assert stored["host-sending-registration-request-must-match"] == ["true"], "a config key the task does not give was lost"
    assert register(keycloak_url, realm, "let in") == 201
    again = module_runner(MODULE, **dict(args, config={"trusted-hosts": ["localhost", "127.0.0.1"], "client-uris-must-match": "false"}))
    assert again["changed"] is False and again.writes == [], again["msg"]


def test_policy_lifecycle(module_runner, realm, realm_admin):
    def read():
        return find(realm_admin, "Build hosts", "authenticated")

    def hand_edit():
        policy = read()
        realm_admin.update_component(policy["id"], dict(policy, config=dict(policy["config"], **{"client-uris-must-match": ["false"]})))

    def verify_hand_edit(policy):
        assert policy["config"]["client-uris-must-match"] == ["false"], "a setting made by hand was lost"
        assert policy["config"]["trusted-hosts"] == ["build2.example.com"]

    scenario(
        module_runner, MODULE, dict(realm=realm, name="Build hosts", sub_type="authenticated", provider_id="trusted-hosts",
                                    config={"trusted-hosts": ["build1.example.com"], "host-sending-registration-request-must-match": True,
                                            "client-uris-must-match": True}),
        read,
        verify=lambda policy: policy["providerId"] == "trusted-hosts" or pytest.fail(policy),
        update={"config": {"trusted-hosts": ["build1.example.com", "build2.example.com"]}},
        verify_update=lambda policy: sorted(policy["config"]["trusted-hosts"]) == ["build1.example.com", "build2.example.com"] or pytest.fail(policy),
        hand_edit=hand_edit,
        other_update={"config": {"trusted-hosts": ["build2.example.com"]}},
        verify_hand_edit=verify_hand_edit,
        absent_args=dict(realm=realm, name="Build hosts", sub_type="authenticated"),
    )


def test_same_name_in_both_sub_types(module_runner, realm, realm_admin):
    result = module_runner(MODULE, realm=realm, name="Max Clients Limit", sub_type="anonymous", config={"max-clients": 7})
    assert result["changed"] is True and find(realm_admin, "Max Clients Limit", "anonymous")["config"]["max-clients"] == ["7"]
    other = module_runner(MODULE, realm=realm, name="Allowed Client Scopes", sub_type="authenticated", config={"allow-default-scopes": True})
    assert other["changed"] is False and other.writes == [], other["msg"]


@pytest.mark.parametrize("bad, named", [
    ({"name": "New", "sub_type": "anonymous"}, "provider_id"),
    ({"name": "New", "sub_type": "anonymous", "provider_id": "no-such-policy"}, "no-such-policy"),
    ({"name": "Max Clients Limit", "sub_type": "anonymous", "provider_id": "trusted-hosts"}, "cannot change"),
    ({"name": "Max Clients Limit", "sub_type": "anonymous", "config": {"no-such-setting": 1}}, "no-such-setting"),
])
def test_bad_input_fails_before_any_write(module_runner, realm, bad, named):
    for check_mode in (True, False):
        result = module_runner(MODULE, check_mode=check_mode, realm=realm, **bad)
        assert result["failed"] is True and named in result["msg"] and result.writes == [], result["msg"]


@pytest.mark.parametrize("check_mode", [True, False])
def test_missing_realm(module_runner, check_mode):
    result = module_runner(MODULE, check_mode=check_mode, realm="no-such-realm-crp", name="Max Clients Limit", sub_type="anonymous",
                           provider_id="max-clients", config={"max-clients": 3})
    fails_or_plans(result, check_mode, "no-such-realm-crp")
