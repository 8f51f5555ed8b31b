# -*- coding: utf-8 -*-
"""keycloak_events_config against the real server."""

import pytest

from harness import fails_or_plans  # pylint: disable=import-error
from settings_harness import settings_scenario  # pylint: disable=import-error

MODULE = "keycloak_events_config"


def test_events_config_lifecycle(module_runner, realm, realm_admin):
    args = dict(realm=realm, events_enabled=True, events_expiration=3600, enabled_event_types=["LOGIN", "LOGIN_ERROR"],
                admin_events_enabled=True)

    def verify(config):
        assert config["eventsEnabled"] is True and config["eventsExpiration"] == 3600 and config["adminEventsEnabled"] is True
        assert sorted(config["enabledEventTypes"]) == ["LOGIN", "LOGIN_ERROR"]

    def hand_edit():
        realm_admin.set_events(dict(realm_admin.get_events_config(), adminEventsDetailsEnabled=True))

    def verify_hand_edit(config):
        assert config["adminEventsDetailsEnabled"] is True, "a setting made by hand was reset"
        assert config["eventsListeners"] == ["jboss-logging", "email"] or sorted(config["eventsListeners"]) == ["email", "jboss-logging"]
        assert config["eventsExpiration"] == 3600 and config["eventsEnabled"] is True

    requests = settings_scenario(
        module_runner, MODULE, args, realm_admin.get_events_config, verify,
        update={"enabled_event_types": ["LOGOUT", "LOGIN", "LOGIN_ERROR"]},
        verify_update=lambda config: sorted(config["enabledEventTypes"]) == ["LOGIN", "LOGIN_ERROR", "LOGOUT"] or pytest.fail(config),
        hand_edit=hand_edit,
        other_update={"events_listeners": ["email", "jboss-logging"]},
        verify_hand_edit=verify_hand_edit,
    )
    assert requests <= 2, "a no-op run is a login and one read"


def test_one_field_keeps_the_others(module_runner, realm, realm_admin):
    realm_admin.set_events(dict(realm_admin.get_events_config(), eventsEnabled=True, eventsExpiration=999, adminEventsEnabled=True,
                                adminEventsDetailsEnabled=False))
    result = module_runner(MODULE, diff=True, realm=realm, admin_events_details_enabled=True)
    assert result["changed"] is True and result["diff"]["after"] == {"adminEventsDetailsEnabled": True}
    config = realm_admin.get_events_config()
    assert config["eventsEnabled"] is True and config["eventsExpiration"] == 999 and config["adminEventsEnabled"] is True


@pytest.mark.parametrize("bad, named", [
    ({"enabled_event_types": ["LOGIN", "NO_SUCH_EVENT"]}, "NO_SUCH_EVENT"),
    ({"events_listeners": ["no-such-listener"]}, "no-such-listener"),
    ({"enabled_event_types": []}, "enabled_event_types"),
])
def test_bad_input_fails_before_any_write(module_runner, realm, bad, named):
    for check_mode in (True, False):
        result = module_runner(MODULE, check_mode=check_mode, realm=realm, events_enabled=False, **bad)
        assert result["failed"] is True and named in result["msg"] and result.writes == [], result["msg"]


@pytest.mark.parametrize("check_mode", [True, False])
def test_missing_realm(module_runner, check_mode):
    result = module_runner(MODULE, check_mode=check_mode, diff=True, realm="no-such-realm-ev", events_enabled=True)
    fails_or_plans(result, check_mode, "no-such-realm-ev")
    if check_mode:
        assert result["changed"] is True and result["diff"] == {"before": {"eventsEnabled": False}, "after": {"eventsEnabled": True}}
