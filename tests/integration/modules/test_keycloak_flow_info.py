# -*- coding: utf-8 -*-
"""keycloak_flow_info against the real server: flows in the shape keycloak_flow takes, providers, secrets masked."""

import uuid

from harness import warnings_of  # pylint: disable=import-error

MODULE = "keycloak_flow_info"


def unique(prefix="flow"):
    return "%s %s" % (prefix, uuid.uuid4().hex[:6])


def by_alias(flows, alias):
    found = [flow for flow in flows if flow["alias"] == alias]
    assert len(found) == 1, [flow["alias"] for flow in flows]
    return found[0]


def conditional_2fa(keycloak_version):
    """Whether the built-in flows' second factor is the conditional 2FA sub-flow (conditional-credential with a config,
    OTP, WebAuthn, recovery codes: Keycloak 26.5.6 and 26.7.3) rather than 26.0's conditional OTP (no config, OTP only).
    Between the two (26.1 to 26.4, not tested here) either shape is taken."""
    if keycloak_version[:2] >= (26, 5):
        return True
    if keycloak_version[:2] < (26, 1):
        return False
    return None


def test_every_flow_as_keycloak_flow_takes_it(module_runner, realm, realm_admin, keycloak_version):
    result = module_runner(MODULE, check_mode=True, realm=realm, providers=False)
    assert result["changed"] is False and result.writes == [], result.get("msg")
    assert "providers" not in result
    assert sorted(flow["alias"] for flow in result["flows"]) == sorted(flow["alias"] for flow in realm_admin.get_authentication_flows())
    browser = by_alias(result["flows"], "browser")
    assert browser["built_in"] is True and browser["bind_as"] == ["browser"] and browser["provider_id"] == "basic-flow"
    assert browser["executions"][0] == {"authenticator": "auth-cookie", "requirement": "ALTERNATIVE"}
    forms = [item for item in browser["executions"] if item.get("flow_alias") == "forms"][0]
    assert forms["provider_id"] == "basic-flow" and forms["description"] and forms["requirement"] == "ALTERNATIVE"
    assert forms["executions"][0] == {"authenticator": "auth-username-password-form", "requirement": "REQUIRED"}
    # Configs come with their settings.
    conditional = [item for item in forms["executions"] if item.get("flow_alias")][0]
    authenticators = [item["authenticator"] for item in conditional["executions"]]
    expected = conditional_2fa(keycloak_version)
    if expected is None:
        expected = conditional["flow_alias"] == "Browser - Conditional 2FA"
    if expected:
        assert conditional["flow_alias"] == "Browser - Conditional 2FA"
        assert authenticators == ["conditional-user-configured", "conditional-credential", "auth-otp-form", "webauthn-authenticator",
                                  "auth-recovery-authn-code-form"], authenticators
        credential = conditional["executions"][1]
        assert credential["config"]["alias"] == "browser-conditional-credential" and credential["config"]["config"]
    else:
        # Keycloak 26.0: the browser flow has no config; first broker login's review profile has one.
        assert conditional["flow_alias"] == "Browser - Conditional OTP"
        assert authenticators == ["conditional-user-configured", "auth-otp-form"], authenticators
        assert all("config" not in item for item in conditional["executions"])
        review = by_alias(result["flows"], "first broker login")["executions"][0]
        assert review["authenticator"] == "idp-review-profile"
        assert review["config"]["alias"] == "review profile config" and review["config"]["config"]
    registration = by_alias(result["flows"], "registration")
    form = registration["executions"][0]
    assert form["provider_id"] == "form-flow" and form["authenticator"] == "registration-page-form"
    assert by_alias(result["flows"], "clients")["provider_id"] == "client-flow"


def test_one_flow_round_trips_through_keycloak_flow(module_runner, realm, realm_admin, keycloak_version):
    """What the info module returns, given to keycloak_flow, is no change: also for the deepest built-in tree, copied."""
    alias = unique("deep copy")
    created = module_runner("keycloak_flow", realm=realm, alias=alias, copy_from="first broker login")
    assert created["changed"] is True, created["msg"]
    result = module_runner(MODULE, realm=realm, alias=alias, providers=False)
    assert [flow["alias"] for flow in result["flows"]] == [alias]
    flow = result["flows"][0]
    assert flow["built_in"] is False and flow["bind_as"] == []
    depth = 0
    level = flow["executions"]
    while level:
        depth += 1
        level = [child for item in level for child in item.get("executions") or []]
    assert depth >= 5, flow["executions"]
    again = module_runner("keycloak_flow", diff=True, realm=realm, alias=alias, description=flow["description"], provider_id=flow["provider_id"],
                          executions=flow["executions"])
    assert again["changed"] is False and again.writes == [], again.get("diff")
    # Token, realm, flows, the tree, and each of the copy's configs with its provider's config description: three
    # (review profile, create unique user, the conditional 2FA's conditional-credential) where the second factor is the
    # conditional 2FA sub-flow, two on Keycloak 26.0 (its conditional OTP sub-flow has no config).
    configs = [item["config"]["alias"] for item in walk(flow["executions"]) if item.get("config")]
    has_2fa = conditional_2fa(keycloak_version)
    if has_2fa is None:
        has_2fa = len(configs) == 3
    assert len(configs) == (3 if has_2fa else 2), configs
    assert len(result.requests) == 4 + 2 * len(configs), result.requests


def walk(items):
    for item in items:
        yield item
        yield from walk(item.get("executions") or [])


def test_no_such_flow_is_an_empty_list(module_runner, realm):
    result = module_runner(MODULE, realm=realm, alias="no such flow", providers=False)
    assert result["changed"] is False and result["flows"] == []


def test_providers_and_their_config_descriptions(module_runner, realm):
    result = module_runner(MODULE, realm=realm, alias="browser")
    providers = dict((provider["id"], provider) for provider in result["providers"])
    redirector = providers["identity-provider-redirector"]
    assert redirector["type"] == "authenticator" and redirector["displayName"] == "Identity Provider Redirector"
    assert "defaultProvider" in [prop["name"] for prop in redirector["properties"]]
    assert providers["auth-cookie"]["properties"] == []
    assert providers["client-secret"]["type"] == "client authenticator"
    assert providers["registration-user-creation"]["type"] == "form action"
    assert providers["registration-page-form"]["type"] == "form" and "properties" not in providers["registration-page-form"]
    captcha = dict((prop["name"], prop) for prop in providers["registration-recaptcha-action"]["properties"])
    assert captcha["secret.key"]["secret"] is True


def test_secret_config_settings_are_masked(module_runner, realm, realm_admin):
    kc = realm_admin
    alias = unique("captcha")
    created = module_runner("keycloak_flow", realm=realm, alias=alias, copy_from="registration")
    assert created["changed"] is True, created["msg"]
    row = [row for row in kc.get_authentication_flow_executions(alias) if row.get("providerId") == "registration-recaptcha-action"][0]
    kc.create_authenticator_config({"alias": "%s captcha" % alias, "config": {"site.key": "site", "secret.key": "info-captcha-secret"}}, row["id"])
    result = module_runner(MODULE, realm=realm, alias=alias, providers=False)
    form = result["flows"][0]["executions"][0]
    captcha = [item for item in form["executions"] if item["authenticator"] == "registration-recaptcha-action"][0]
    assert captcha["config"] == {"alias": "%s captcha" % alias, "config": {"site.key": "site", "secret.key": "********"}}
    assert "info-captcha-secret" not in result["_stdout"]


def test_realm_that_does_not_exist(module_runner):
    realm = "absent-%s" % uuid.uuid4().hex[:6]
    check = module_runner(MODULE, check_mode=True, realm=realm)
    assert check["changed"] is False and check["flows"] == [] and check["providers"] == []
    assert any("realm '%s' does not exist" % realm in warning for warning in warnings_of(check)), warnings_of(check)
    real = module_runner(MODULE, realm=realm)
    assert real.get("failed") is True and "realm '%s' does not exist" % realm in real["msg"], real["msg"]


def test_one_flow_by_id(module_runner, realm, realm_admin):
    """A flow by its id (as client overrides name flows): the same flow as by alias, from one read of it."""
    alias = unique("by id")
    module_runner("keycloak_flow", realm=realm, alias=alias, copy_from="browser")
    by_alias = module_runner(MODULE, realm=realm, alias=alias, providers=False)
    flow_id = by_alias["flows"][0]["id"]
    by_id = module_runner(MODULE, realm=realm, id=flow_id, providers=False)
    assert by_id["flows"] == by_alias["flows"] and by_id.writes == []
    assert any(url.endswith("/authentication/flows/%s" % flow_id) for _method, url in by_id.requests), by_id.requests
    assert len(by_id.requests) <= len(by_alias.requests)
    forms = [row for row in realm_admin.get_authentication_flow_executions(alias) if row.get("authenticationFlow")][0]
    assert module_runner(MODULE, realm=realm, id=forms["flowId"], providers=False)["flows"] == [], "a sub-flow is no flow keycloak_flow manages"
    assert module_runner(MODULE, realm=realm, id=str(uuid.uuid4()), providers=False)["flows"] == []
    refused = module_runner(MODULE, realm=realm, id=flow_id, alias=alias)
    assert refused["failed"] is True and "mutually exclusive" in refused["msg"]


def test_one_execution_by_id_and_the_flow_that_holds_it(module_runner, realm, realm_admin):
    rows = realm_admin.get_authentication_flow_executions("browser")
    cookie = [row for row in rows if row.get("providerId") == "auth-cookie"][0]
    result = module_runner(MODULE, check_mode=True, realm=realm, execution_id=cookie["id"], providers=False)
    assert result["changed"] is False and result.writes == [], result.get("msg")
    assert result["execution"] == realm_admin.get_authentication_flow_execution(cookie["id"])
    assert result["execution"]["authenticator"] == "auth-cookie" and result["execution"]["requirement"] == "ALTERNATIVE"
    assert [flow["alias"] for flow in result["flows"]] == ["browser"]
    assert result["flows"][0]["executions"][0] == {"authenticator": "auth-cookie", "requirement": "ALTERNATIVE"}
    assert "providers" not in result


def test_an_execution_deep_in_sub_flows_names_its_top_level_flow(module_runner, realm, realm_admin):
    """The OTP form sits two sub-flows down in a copy of browser: the copy is the flow returned, not browser."""
    alias = unique("otp copy")
    assert module_runner("keycloak_flow", realm=realm, alias=alias, copy_from="browser")["changed"] is True
    rows = realm_admin.get_authentication_flow_executions(alias)
    otp = [row for row in rows if row.get("providerId") == "auth-otp-form"][0]
    assert otp["level"] == 2
    result = module_runner(MODULE, realm=realm, execution_id=otp["id"], providers=False)
    execution = realm_admin.get_authentication_flow_execution(otp["id"])
    assert result["execution"] == execution and execution["parentFlow"] != result["flows"][0]["id"]
    assert [flow["alias"] for flow in result["flows"]] == [alias]
    assert result["flows"][0]["id"] == [flow for flow in realm_admin.get_authentication_flows() if flow["alias"] == alias][0]["id"]


def test_no_such_execution(module_runner, realm):
    result = module_runner(MODULE, realm=realm, execution_id=str(uuid.uuid4()), providers=False)
    assert result["changed"] is False and result["execution"] is None and result["flows"] == []
    refused = module_runner(MODULE, realm=realm, execution_id="x", alias="browser")
    assert refused.get("failed") is True and "mutually exclusive" in refused["msg"] and refused.requests == []
