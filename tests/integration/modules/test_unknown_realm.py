# -*- coding: utf-8 -*-
"""Every resource module names an unknown realm clearly and writes nothing; a dry run plans it instead."""

import pytest

from harness import warnings_of  # pylint: disable=import-error

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
def test_unknown_realm_is_a_clear_error(module_runner, module, args):
    result = module_runner(module, realm=REALM, **args)
    assert result.get("failed") is True, result.get("msg")
    assert "realm '%s' does not exist" % REALM in result["msg"], result["msg"]
    assert result.writes == []


@pytest.mark.parametrize("module,args", CASES, ids=[case[0] for case in CASES])
def test_unknown_realm_in_check_mode_is_planned_as_created_earlier(module_runner, module, args):
    """A play that creates the realm in an earlier task can be dry-run: the task plans, and warns."""
    result = module_runner(module, check_mode=True, diff=True, realm=REALM, **args)
    assert not result.get("failed"), result["msg"]
    assert result["changed"] is True and result.writes == []
    assert any("realm '%s' does not exist" % REALM in warning for warning in warnings_of(result)), warnings_of(result)
