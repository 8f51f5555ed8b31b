# -*- coding: utf-8 -*-
"""keycloak_required_action against the real server: register, settings, config, unregister."""

import uuid

import pytest

from harness import scenario, warnings_of  # pylint: disable=import-error

from ansible_collections.iam.keycloak.plugins.module_utils.resources.common import or_none

MODULE = "keycloak_required_action"


def read_action(kc, alias):
    return or_none(kc.get_required_action_by_alias, alias)


@pytest.fixture
def unregistered(realm_admin):
    """``delete_account`` taken out of the realm (a new realm has it registered, disabled); put back after."""
    kc = realm_admin
    if read_action(kc, "delete_account") is not None:
        kc.delete_required_action("delete_account")
    yield "delete_account"
    if read_action(kc, "delete_account") is None:
        kc.register_required_action({"providerId": "delete_account", "name": "Delete Account"})


def test_required_action_lifecycle(module_runner, realm, realm_admin, unregistered):
    kc = realm_admin
    alias = unregistered

    def read():
        return read_action(kc, alias)

    args = dict(realm=realm, alias=alias, name="Delete my account", enabled=False, default_action=False, priority=5)

    def verify(action):
        assert (action["name"], action["enabled"], action["defaultAction"], action["priority"]) == ("Delete my account", False, False, 5)
        assert action["providerId"] == alias

    def verify_update(action):
        assert action["enabled"] is True and action["priority"] == 6 and action["name"] == "Delete my account"

    def hand_edit():
        action = read()
        kc.update_required_action(alias, dict(action, config={"handmade": "yes"}, defaultAction=True))

    def verify_hand_edit(action):
        assert action["config"] == {"handmade": "yes", "note": "by the task"}, "a config key set by hand was lost"
        assert action["defaultAction"] is False and action["enabled"] is True

    noop = scenario(
        module_runner, MODULE, args, read, verify,
        update={"enabled": True, "priority": 6},
        verify_update=verify_update,
        hand_edit=hand_edit,
        other_update={"config": {"note": "by the task"}},
        verify_hand_edit=verify_hand_edit,
        absent_args={"realm": realm, "alias": alias},
    )
    # Token and the action.
    assert noop <= 2, noop
    # Unregistered, it is offered again.
    assert alias in [provider["providerId"] for provider in kc.get_unregistered_required_actions()]


def test_register_with_the_providers_name(module_runner, realm, realm_admin, unregistered):
    result = module_runner(MODULE, diff=True, realm=realm, alias=unregistered)
    assert result["changed"] is True and result["operation"] == "create", result["msg"]
    # Registering alone is one write; the provider's name and Keycloak's defaults are kept.
    assert [method for method, _url in result.writes] == ["POST"], result.writes
    action = read_action(realm_admin, unregistered)
    assert action["name"] == "Delete Account" and action["enabled"] is True
    assert result["end_state"]["name"] == "Delete Account" and result["id"] == unregistered


def test_update_sends_the_whole_action(module_runner, realm, realm_admin):
    """Keycloak clears what a required action PUT leaves out (the alias too): the module sends the action as read."""
    kc = realm_admin
    before = read_action(kc, "UPDATE_PASSWORD")
    try:
        result = module_runner(MODULE, diff=True, realm=realm, alias="UPDATE_PASSWORD", config={"max_auth_age": 600})
        assert result["changed"] is True and result["diff"] == {"before": {"alias": "UPDATE_PASSWORD", "config": {"max_auth_age": None}},
                                                                "after": {"alias": "UPDATE_PASSWORD", "config": {"max_auth_age": "600"}}}
        after = read_action(kc, "UPDATE_PASSWORD")
        assert after["config"] == {"max_auth_age": "600"}
        assert dict(after, config={}) == dict(before, config={})
        again = module_runner(MODULE, realm=realm, alias="UPDATE_PASSWORD", config={"max_auth_age": "600"})
        assert again["changed"] is False and again.writes == [], again["msg"]
    finally:
        kc.update_required_action("UPDATE_PASSWORD", before)


def test_unknown_provider_fails_before_any_write(module_runner, realm, realm_admin):
    for check_mode in (True, False):
        result = module_runner(MODULE, check_mode=check_mode, realm=realm, alias="NO_SUCH_ACTION", enabled=True)
        assert result.get("failed") is True and result.writes == [], result["msg"]
        assert "no required action provider 'NO_SUCH_ACTION' to register" in result["msg"], result["msg"]
    assert read_action(realm_admin, "NO_SUCH_ACTION") is None


def test_absent_is_unregistered_and_unchanged_when_not_registered(module_runner, realm, realm_admin, unregistered):
    result = module_runner(MODULE, realm=realm, alias=unregistered, state="absent")
    assert result["changed"] is False and result.writes == [], result["msg"]


def test_check_mode_in_a_realm_that_does_not_exist(module_runner):
    realm = "absent-%s" % uuid.uuid4().hex[:6]
    # A built-in action of the realm to be is planned as an update of it; another one as registered.
    for alias, operation in (("CONFIGURE_TOTP", "update"), ("some-custom-action", "create")):
        result = module_runner(MODULE, check_mode=True, realm=realm, alias=alias, default_action=True)
        assert not result.get("failed") and result["changed"] is True and result.writes == [], result.get("msg")
        assert result["operation"] == operation
        assert any("realm '%s' does not exist" % realm in warning for warning in warnings_of(result))
    real = module_runner(MODULE, realm=realm, alias="CONFIGURE_TOTP", default_action=True)
    assert real.get("failed") is True and "realm '%s' does not exist" % realm in real["msg"]
