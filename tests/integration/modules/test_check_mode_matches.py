# -*- coding: utf-8 -*-
"""Check mode predicts what the real run does, task by task, in a play that builds a new realm (issue 16, item 7).

Each task runs first in check mode against a server without the realm (every task plans as if the
earlier tasks had run), then for real in order: the same ``changed``, the same ``diff``, and every
field check mode predicted in ``end_state`` is in the real run's.
"""

import uuid

import pytest

from harness import same_prediction  # pylint: disable=import-error


def tasks(realm):
    return [
        ("keycloak_realm", dict(realm=realm, display_name="Dry run")),
        ("keycloak_role", dict(realm=realm, name="auditor")),
        ("keycloak_group", dict(realm=realm, path="/employees")),
        ("keycloak_client_scope", dict(realm=realm, name="department")),
        ("keycloak_client", dict(realm=realm, client_id="portal", redirect_uris=["https://portal.example.org/cb"],
                                 default_client_scopes=["department"])),
        ("keycloak_user", dict(realm=realm, username="jane", groups=["/employees"], realm_roles=["auditor"])),
        ("keycloak_flow", dict(realm=realm, alias="dry browser", copy_from="browser", executions=[
            dict(authenticator="auth-cookie", requirement="ALTERNATIVE"),
            dict(flow_alias="dry browser forms", requirement="ALTERNATIVE", executions=[
                dict(authenticator="auth-username-password-form", requirement="REQUIRED"),
                dict(flow_alias="dry otp", description="Everyone gives a one-time password", requirement="REQUIRED",
                     executions=[dict(authenticator="auth-otp-form", requirement="REQUIRED")]),
            ]),
        ])),
        ("keycloak_required_action", dict(realm=realm, alias="TERMS_AND_CONDITIONS", enabled=True)),
        ("keycloak_events_config", dict(realm=realm, events_enabled=True, admin_events_enabled=True,
                                        enabled_event_types=["LOGIN", "LOGIN_ERROR"])),
        ("keycloak_identity_provider", dict(realm=realm, alias="corp", provider_id="oidc", client_secret="dry-secret-1",
                                            config=dict(clientId="kc", authorizationUrl="https://idp.example.org/auth",
                                                        tokenUrl="https://idp.example.org/token"),
                                            mappers=[dict(name="department", identity_provider_mapper="oidc-user-attribute-idp-mapper",
                                                          config=dict(syncMode="INHERIT", claim="department",
                                                                      **{"user.attribute": "department"}))])),
    ]


@pytest.fixture
def new_realm(admin):
    name = "dry-%s" % uuid.uuid4().hex[:8]
    yield name
    try:
        admin.delete_realm(name)
    except Exception:  # pylint: disable=broad-except
        pass


def test_a_new_realm_play_is_predicted_task_by_task(module_runner, new_realm, admin):
    planned = [module_runner(module, check_mode=True, diff=True, **args) for module, args in tasks(new_realm)]
    assert new_realm not in [realm["realm"] for realm in admin.get_realms()], "check mode created the realm"
    mismatches = []
    for (module, args), check in zip(tasks(new_realm), planned):
        assert not check.get("failed"), (module, check.get("msg"))
        assert check.writes == [], (module, check.writes)
        real = module_runner(module, diff=True, **args)
        assert not real.get("failed"), (module, real.get("msg"))
        try:
            same_prediction(check, real)
        except AssertionError as error:
            mismatches.append("%s: %s\n  check: %r\n  real:  %r" % (module, error, check.get("diff"), real.get("diff")))
    assert not mismatches, "\n".join(mismatches)


def test_a_mapper_type_of_another_provider_kind_fails_in_check_mode_too(module_runner, realm):
    """A SAML mapper on an OIDC provider: refused before any write, in check mode as in the real run."""
    args = dict(realm=realm, alias="wrong-mapper", provider_id="oidc", client_secret="dry-secret-2",
                config=dict(clientId="kc", authorizationUrl="https://idp.example.org/auth", tokenUrl="https://idp.example.org/token"),
                mappers=[dict(name="m", identity_provider_mapper="saml-user-attribute-idp-mapper",
                              config=dict(syncMode="INHERIT", **{"user.attribute": "x", "attribute.name": "x"}))])
    for check_mode in (True, False):
        result = module_runner("keycloak_identity_provider", check_mode=check_mode, **args)
        assert result.get("failed") is True, (check_mode, result.get("msg"))
        assert "saml-user-attribute-idp-mapper" in result["msg"] and "does not support" in result["msg"], result["msg"]
        assert result.writes == [], result.writes
