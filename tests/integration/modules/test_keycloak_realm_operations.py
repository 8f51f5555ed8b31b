# -*- coding: utf-8 -*-
"""keycloak_cache and keycloak_initial_access_token against the real server."""

import pytest
import requests

from harness import fails_or_plans  # pylint: disable=import-error

NO_LOG = {"_ansible_no_log": True}


def register_client(keycloak_url, realm, token, client_id):
    """A real dynamic client registration with an initial access token; returns the HTTP status."""
    answer = requests.post("%s/realms/%s/clients-registrations/default" % (keycloak_url, realm), json={"clientId": client_id},
                           headers={"Authorization": "Bearer %s" % token}, timeout=30)
    return answer.status_code


def test_cache_clears_what_is_asked(module_runner, realm):
    check = module_runner("keycloak_cache", check_mode=True, realm=realm, caches=["realm", "user", "keys"])
    assert check["changed"] is True and check.writes == [] and len(check["actions"]) == 3
    done = module_runner("keycloak_cache", realm=realm, caches=["user", "keys", "user"])
    assert done["changed"] is True and done["actions"] == ["clear the user cache", "clear the cache of external public keys"]
    assert [url.rsplit("/", 1)[-1] for method, url in done.writes] == ["clear-user-cache", "clear-keys-cache"]
    assert "user cache cleared; keys cache cleared" in done["msg"]


@pytest.mark.parametrize("check_mode", [True, False])
def test_cache_of_a_missing_realm(module_runner, check_mode):
    result = module_runner("keycloak_cache", check_mode=check_mode, realm="no-such-realm-cache", caches=["realm"])
    fails_or_plans(result, check_mode, "no-such-realm-cache")


def test_initial_access_token_registers_clients(module_runner, realm, keycloak_url):
    refused = module_runner("keycloak_initial_access_token", realm=realm, count=1)
    assert refused["failed"] is True and "no_log" in refused["msg"] and refused.requests == []

    check = module_runner("keycloak_initial_access_token", check_mode=True, realm=realm, count=1, expiration=600, **NO_LOG)
    assert check["changed"] is True and check.writes == [] and check["token"] is None
    assert module_runner("keycloak_initial_access_token", realm=realm, action="list")["tokens"] == []

    created = module_runner("keycloak_initial_access_token", realm=realm, count=1, expiration=600, **NO_LOG)
    assert created["changed"] is True and created["token"] and created["id"]
    listed = module_runner("keycloak_initial_access_token", realm=realm, action="list")
    assert listed["changed"] is False and created["token"] not in listed["_stdout"]
    assert [(t["id"], t["count"], t["remainingCount"], t["expiration"]) for t in listed["tokens"]] == [(created["id"], 1, 1, 600)]

    assert register_client(keycloak_url, realm, created["token"], "registered-1") == 201
    assert register_client(keycloak_url, realm, created["token"], "registered-2") == 401, "a used-up token registered a second client"

    second = module_runner("keycloak_initial_access_token", realm=realm, count=3, expiration=0, **NO_LOG)
    check = module_runner("keycloak_initial_access_token", check_mode=True, realm=realm, action="delete", id=second["id"])
    assert check["changed"] is True and check.writes == []
    revoked = module_runner("keycloak_initial_access_token", realm=realm, action="delete", id=second["id"])
    assert revoked["changed"] is True and second["id"] not in [t["id"] for t in revoked["tokens"]]
    assert register_client(keycloak_url, realm, second["token"], "registered-3") == 401, "a revoked token still works"
    again = module_runner("keycloak_initial_access_token", realm=realm, action="delete", id=second["id"])
    assert again["changed"] is False and again.writes == []


@pytest.mark.parametrize("check_mode", [True, False])
def test_initial_access_token_of_a_missing_realm(module_runner, check_mode):
    result = module_runner("keycloak_initial_access_token", check_mode=check_mode, realm="no-such-realm-iat", **NO_LOG)
    fails_or_plans(result, check_mode, "no-such-realm-iat")
