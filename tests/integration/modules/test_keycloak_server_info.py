# -*- coding: utf-8 -*-
"""keycloak_server_info against the real server, and the shared auth paths through it."""

from harness import run_module  # pylint: disable=import-error


def test_reads_version_features_providers_themes(module_runner, admin):
    result = module_runner("keycloak_server_info")
    assert result["changed"] is False
    assert "failed" not in result, result.get("msg")
    truth = admin.get_server_info()
    assert result["version"] == truth["systemInfo"]["version"]
    assert "authenticator" in result["providers"] and "auth-cookie" in result["providers"]["authenticator"]
    assert "keycloak.v2" in result["themes"]["login"]
    assert result["enabled_features"] == sorted(n for n, f in result["features"].items() if f["enabled"])
    assert "server_info" not in result
    # one login + one read: nothing else
    assert [request[0] for request in result.requests] == ["POST", "GET"]
    assert result.writes == []


def test_check_mode_reads_the_same(module_runner):
    result = module_runner("keycloak_server_info", check_mode=True, gather=["version"])
    assert result["changed"] is False
    assert set(result) >= {"version"} and "features" not in result


def test_gather_all_returns_raw_answer(module_runner):
    result = module_runner("keycloak_server_info", gather=["all"])
    assert result["server_info"]["systemInfo"]["version"] == result["version"]


def test_bad_gather_is_refused_before_any_request(admin_credentials):
    args = dict(admin_credentials, gather=["nope"])
    result = run_module("keycloak_server_info", args)
    assert result["failed"] is True
    assert "gather" in result["msg"]
    assert result.requests == []
