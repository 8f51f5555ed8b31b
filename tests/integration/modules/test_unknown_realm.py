# -*- coding: utf-8 -*-
"""Every resource module names an unknown realm clearly, and writes nothing."""

import pytest

REALM = "no-such-realm-7c1f"

CASES = [
    ("keycloak_user", {"username": "alice"}),
    ("keycloak_group", {"path": "/staff"}),
    ("keycloak_role", {"name": "reader"}),
    ("keycloak_client", {"client_id": "portal"}),
    ("keycloak_client_scope", {"name": "department"}),
    ("keycloak_role_mapping", {"user": "alice", "realm_roles": ["reader"]}),
]


@pytest.mark.parametrize("module,args", CASES, ids=[case[0] for case in CASES])
@pytest.mark.parametrize("check_mode", [False, True], ids=["real", "check"])
def test_unknown_realm_is_a_clear_error(module_runner, module, args, check_mode):
    result = module_runner(module, check_mode=check_mode, realm=REALM, **args)
    assert result.get("failed") is True, result.get("msg")
    assert "realm" in result["msg"].lower() and ("not found" in result["msg"].lower() or REALM in result["msg"]), result["msg"]
    assert result.writes == []
