# -*- coding: utf-8 -*-
"""keycloak_flow against the real server: flows changed in place, copies, bindings, checks before any write."""

import json
import os
import uuid

import pytest

from harness import contained, fails_or_plans, recording, scenario, warnings_of  # pylint: disable=import-error

from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin
from ansible_collections.iam.keycloak.plugins.module_utils.context import PlanContext
from ansible_collections.iam.keycloak.plugins.module_utils.resources.flow import FLOW
from ansible_collections.iam.keycloak.plugins.module_utils.resources.realm import REALM
from ansible_collections.iam.keycloak.plugins.module_utils.resources.required_action import REQUIRED_ACTION

MODULE = "keycloak_flow"


def unique(prefix="flow"):
    return "%s %s" % (prefix, uuid.uuid4().hex[:6])


def read_flow(kc, alias):
    for flow in kc.get_authentication_flows():
        if flow["alias"] == alias:
            return flow
    return None


def shape(kc, alias):
    """The tree as the server lists it: (level, provider or sub-flow alias, requirement), in order."""
    return [(row["level"], row.get("providerId") if not row.get("authenticationFlow") else row["displayName"], row["requirement"])
            for row in kc.get_authentication_flow_executions(alias)]


def ids(kc, alias):
    """{provider id or sub-flow alias: execution id} (the trees of these tests use each once)."""
    return dict((row["displayName"] if row.get("authenticationFlow") else row["providerId"], row["id"])
                for row in kc.get_authentication_flow_executions(alias))


def config_of(kc, alias, provider):
    row = [row for row in kc.get_authentication_flow_executions(alias) if row.get("providerId") == provider][0]
    return kc.get_authenticator_config(row["authenticationConfig"]) if row.get("authenticationConfig") else None


def execution(provider, requirement=None, config=None):
    item = {"authenticator": provider}
    if requirement:
        item["requirement"] = requirement
    if config:
        item["config"] = config
    return item


def subflow(alias, requirement, executions, description=None, provider_id=None):
    item = {"flow_alias": alias, "requirement": requirement, "executions": executions}
    if description:
        item["description"] = description
    if provider_id:
        item["provider_id"] = provider_id
    return item


def masks_configs(keycloak_version):
    """Keycloak 26.7 shows ``**********`` for every authenticator config value its providers do not declare as
    non-secret (secret ones, keys added by hand); before, every value comes back in clear."""
    return keycloak_version[:2] >= (26, 7)


def test_flow_lifecycle(module_runner, realm, realm_admin, keycloak_version):
    kc = realm_admin
    # The hand-added key is no property of the provider: 26.7 masks it (a PUT of the mask keeps the stored value).
    handmade = "**********" if masks_configs(keycloak_version) else "yes"
    alias = unique("lifecycle")
    inner = "%s inner" % alias
    created_ids = {}

    def tree(inner_requirement="REQUIRED", redirect="corp", order=("auth-cookie", "identity-provider-redirector")):
        top = {
            "auth-cookie": execution("auth-cookie", "ALTERNATIVE"),
            "identity-provider-redirector": execution("identity-provider-redirector", "ALTERNATIVE",
                                                      {"alias": "%s redirect" % alias, "config": {"defaultProvider": redirect}}),
        }
        return [top[name] for name in order] + [
            subflow(inner, "ALTERNATIVE", [execution("auth-username-password-form", "REQUIRED"),
                                           execution("auth-otp-form", inner_requirement)], description="Forms"),
        ]

    args = dict(realm=realm, alias=alias, description="First", executions=tree())

    def read():
        return read_flow(kc, alias)

    def verify(flow):
        assert flow["description"] == "First" and flow["providerId"] == "basic-flow" and flow["topLevel"] is True
        assert shape(kc, alias) == [(0, "auth-cookie", "ALTERNATIVE"), (0, "identity-provider-redirector", "ALTERNATIVE"),
                                    (0, inner, "ALTERNATIVE"), (1, "auth-username-password-form", "REQUIRED"), (1, "auth-otp-form", "REQUIRED")]
        assert config_of(kc, alias, "identity-provider-redirector")["config"] == {"defaultProvider": "corp"}
        created_ids.update(ids(kc, alias), flow=flow["id"])

    def verify_update(flow):
        # Reordered, a requirement and a config changed: in place, every id kept.
        assert shape(kc, alias) == [(0, "identity-provider-redirector", "ALTERNATIVE"), (0, "auth-cookie", "ALTERNATIVE"),
                                    (0, inner, "ALTERNATIVE"), (1, "auth-username-password-form", "REQUIRED"), (1, "auth-otp-form", "ALTERNATIVE")]
        assert config_of(kc, alias, "identity-provider-redirector")["config"] == {"defaultProvider": "other"}
        assert dict(ids(kc, alias), flow=flow["id"]) == created_ids

    def hand_edit():
        config = config_of(kc, alias, "identity-provider-redirector")
        config["config"]["handmade"] = "yes"
        kc.update_authenticator_config(config, config["id"])

    def verify_hand_edit(flow):
        # The config was written (defaultProvider) and kept the key the task does not name.
        assert flow["description"] == "Second"
        assert config_of(kc, alias, "identity-provider-redirector")["config"] == {"defaultProvider": "third", "handmade": handmade}
        assert dict(ids(kc, alias), flow=flow["id"]) == created_ids

    noop = scenario(
        module_runner, MODULE, args, read, verify,
        update={"executions": tree("ALTERNATIVE", "other", ("identity-provider-redirector", "auth-cookie"))},
        verify_update=verify_update,
        hand_edit=hand_edit,
        other_update={"description": "Second", "executions": tree("ALTERNATIVE", "third", ("identity-provider-redirector", "auth-cookie"))},
        verify_hand_edit=verify_hand_edit,
        absent_args={"realm": realm, "alias": alias},
    )
    # Token, the flows, the tree, the one config and its provider's config description.
    assert noop <= 5, noop


def test_copy_of_browser_with_otp_changed_in_place(module_runner, realm, realm_admin):
    """Copied from browser, an OTP sub-flow added; then reordered, a requirement and a config changed: the flow id and
    every execution kept survive, and only PUTs are sent."""
    kc = realm_admin
    alias = unique("browser copy")
    forms, otp = "%s forms" % alias, "%s otp" % alias

    def tree(otp_requirement="CONDITIONAL", redirect="corp", redirect_first=False):
        first = [execution("auth-cookie", "ALTERNATIVE"),
                 execution("identity-provider-redirector", "ALTERNATIVE", {"alias": "%s redirect" % alias, "config": {"defaultProvider": redirect}})]
        if redirect_first:
            first.reverse()
        return first + [subflow(forms, "ALTERNATIVE", [
            execution("auth-username-password-form", "REQUIRED"),
            subflow(otp, otp_requirement, [execution("conditional-user-configured", "REQUIRED"), execution("auth-otp-form", "REQUIRED")],
                    description="One-time password for those who have one"),
        ])]

    args = dict(realm=realm, alias=alias, copy_from="browser", executions=tree())
    check = module_runner(MODULE, check_mode=True, diff=True, **args)
    assert check["changed"] is True and check.writes == [] and read_flow(kc, alias) is None, check["msg"]
    created = module_runner(MODULE, diff=True, **args)
    assert created["changed"] is True and created["operation"] == "create", created["msg"]
    assert check["diff"] == created["diff"] and contained(created["end_state"], check["end_state"])
    flow = read_flow(kc, alias)
    assert created["id"] == flow["id"] and flow["description"] == "Browser based authentication"
    assert shape(kc, alias) == [
        (0, "auth-cookie", "ALTERNATIVE"), (0, "identity-provider-redirector", "ALTERNATIVE"), (0, forms, "ALTERNATIVE"),
        (1, "auth-username-password-form", "REQUIRED"), (1, otp, "CONDITIONAL"),
        (2, "conditional-user-configured", "REQUIRED"), (2, "auth-otp-form", "REQUIRED"),
    ]
    before = ids(kc, alias)
    # The copy's kept executions are the copy's own: the cookie and the forms sub-flow were not recreated.
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and again.writes == [], again["msg"]

    changed = dict(args, executions=tree("REQUIRED", "other", redirect_first=True))
    check = module_runner(MODULE, check_mode=True, diff=True, **changed)
    assert check["changed"] is True and check.writes == []
    updated = module_runner(MODULE, diff=True, **changed)
    assert updated["changed"] is True and check["diff"] == updated["diff"]
    assert contained(updated["end_state"], check["end_state"])
    assert [method for method, _url in updated.writes] == ["PUT"] * len(updated.writes), updated.writes
    assert read_flow(kc, alias)["id"] == flow["id"] and ids(kc, alias) == before
    assert shape(kc, alias)[:2] == [(0, "identity-provider-redirector", "ALTERNATIVE"), (0, "auth-cookie", "ALTERNATIVE")]
    assert (1, otp, "REQUIRED") in shape(kc, alias)
    assert config_of(kc, alias, "identity-provider-redirector")["config"] == {"defaultProvider": "other"}
    # The diff reads as the tree, not as ids.
    assert updated["diff"]["after"]["executions"][0] == execution(
        "identity-provider-redirector", "ALTERNATIVE", {"alias": "%s redirect" % alias, "config": {"defaultProvider": "other"}})
    again = module_runner(MODULE, **changed)
    assert again["changed"] is False and again.writes == [], again["msg"]

    # Removing the OTP sub-flow removes it alone; what stays keeps its id.
    removed = dict(args, executions=tree("REQUIRED", "other", redirect_first=True)[:2] + [
        subflow(forms, "ALTERNATIVE", [execution("auth-username-password-form", "REQUIRED")])])
    result = module_runner(MODULE, **removed)
    assert [method for method, _url in result.writes] == ["DELETE"], result.writes
    kept = ids(kc, alias)
    assert set(kept) == {"identity-provider-redirector", "auth-cookie", forms, "auth-username-password-form"}
    assert all(kept[name] == before[name] for name in kept)


def test_two_executions_of_one_authenticator_are_told_apart_by_config(module_runner, realm, realm_admin):
    kc = realm_admin
    alias = unique("conditions")
    kc.create_realm_role({"name": "%s-a" % alias.replace(" ", "-")})
    kc.create_realm_role({"name": "%s-b" % alias.replace(" ", "-")})

    def role(name):
        return execution("conditional-user-role", "REQUIRED",
                         {"alias": "%s %s" % (alias, name), "config": {"condUserRole": "%s-%s" % (alias.replace(" ", "-"), name)}})

    sub = "%s sub" % alias
    args = dict(realm=realm, alias=alias, executions=[subflow(sub, "CONDITIONAL", [role("a"), role("b"), execution("auth-otp-form", "REQUIRED")])])
    assert module_runner(MODULE, **args)["changed"] is True
    rows = [row for row in kc.get_authentication_flow_executions(alias) if row.get("providerId") == "conditional-user-role"]
    by_config = dict((row["alias"], row["id"]) for row in rows)
    swapped = dict(args, executions=[subflow(sub, "CONDITIONAL", [role("b"), role("a"), execution("auth-otp-form", "REQUIRED")])])
    result = module_runner(MODULE, diff=True, **swapped)
    assert result["changed"] is True and all(method == "PUT" for method, _url in result.writes), result.writes
    rows = [row for row in kc.get_authentication_flow_executions(alias) if row.get("providerId") == "conditional-user-role"]
    assert [row["alias"] for row in rows] == ["%s b" % alias, "%s a" % alias]
    assert dict((row["alias"], row["id"]) for row in rows) == by_config
    assert module_runner(MODULE, **swapped)["changed"] is False


def test_requirement_of_an_authenticator_the_realm_uses_nowhere(module_runner, realm, realm_admin):
    """The server tells an authenticator's requirement choices only once it is in a flow: it is asked first, and a refused
    requirement leaves the flow as it was."""
    kc = realm_admin
    alias = unique("nowhere")
    sub = "%s sub" % alias
    assert module_runner(MODULE, realm=realm, alias=alias, executions=[execution("auth-cookie", "ALTERNATIVE")])["changed"] is True
    before = shape(kc, alias)
    bad = [execution("auth-cookie", "DISABLED"), subflow(sub, "CONDITIONAL", [execution("deny-access-authenticator", "ALTERNATIVE")])]
    check = module_runner(MODULE, check_mode=True, realm=realm, alias=alias, executions=bad)
    assert check["changed"] is True and check.writes == [], "check mode cannot ask the server"
    result = module_runner(MODULE, realm=realm, alias=alias, executions=bad)
    assert result.get("failed") is True, result["msg"]
    assert "requirement ALTERNATIVE is not one Keycloak allows there (REQUIRED, DISABLED)" in result["msg"] and "as it was" in result["msg"]
    assert shape(kc, alias) == before
    good = [execution("auth-cookie", "DISABLED"),
            subflow(sub, "CONDITIONAL", [execution("deny-access-authenticator", "REQUIRED"), execution("http-basic-authenticator", "CONDITIONAL")])]
    result = module_runner(MODULE, realm=realm, alias=alias, executions=good)
    assert result["changed"] is True, result["msg"]
    assert shape(kc, alias) == [(0, "auth-cookie", "DISABLED"), (0, sub, "CONDITIONAL"), (1, "deny-access-authenticator", "REQUIRED"),
                                (1, "http-basic-authenticator", "CONDITIONAL")]
    assert module_runner(MODULE, realm=realm, alias=alias, executions=good)["changed"] is False


def test_sub_flow_moved_to_another_parent(module_runner, realm, realm_admin):
    kc = realm_admin
    alias = unique("move")
    first, second, moved = "%s first" % alias, "%s second" % alias, "%s moved" % alias
    inner = subflow(moved, "REQUIRED", [execution("auth-otp-form", "REQUIRED")])
    args = dict(realm=realm, alias=alias, executions=[subflow(first, "ALTERNATIVE", [inner]), subflow(second, "ALTERNATIVE", [])])
    assert module_runner(MODULE, **args)["changed"] is True
    before = ids(kc, alias)
    args["executions"] = [subflow(first, "ALTERNATIVE", []), subflow(second, "ALTERNATIVE", [inner])]
    result = module_runner(MODULE, diff=True, **args)
    assert result["changed"] is True, result["msg"]
    assert shape(kc, alias) == [(0, first, "ALTERNATIVE"), (0, second, "ALTERNATIVE"), (1, moved, "REQUIRED"), (2, "auth-otp-form", "REQUIRED")]
    after = ids(kc, alias)
    assert after[first] == before[first] and after[second] == before[second]
    assert module_runner(MODULE, **args)["changed"] is False


def test_bound_flow_is_not_deleted(module_runner, realm, realm_admin):
    kc = realm_admin
    alias = unique("bound")
    args = dict(realm=realm, alias=alias, executions=[execution("auth-username-password-form", "REQUIRED")])
    assert module_runner(MODULE, **dict(args, bind_as=["browser"]))["changed"] is True
    client_id = unique("client").replace(" ", "-")
    try:
        flow_id = read_flow(kc, alias)["id"]
        kc.create_client({"clientId": client_id, "authenticationFlowBindingOverrides": {"direct_grant": flow_id}})
        kc.create_idp({"alias": client_id, "providerId": "oidc", "enabled": True, "postBrokerLoginFlowAlias": alias,
                       "config": {"authorizationUrl": "https://idp.example/auth", "tokenUrl": "https://idp.example/token", "clientId": "kc",
                                  "clientSecret": "s3cret", "clientAuthMethod": "client_secret_post"}})
        for check_mode in (True, False):
            result = module_runner(MODULE, check_mode=check_mode, realm=realm, alias=alias, state="absent")
            assert result.get("failed") is True and result.writes == [], result["msg"]
            for use in ("realm's browser flow", "client '%s' (direct_grant flow override)" % client_id,
                        "identity provider '%s' (post broker login flow)" % client_id):
                assert use in result["msg"], result["msg"]
        assert read_flow(kc, alias) is not None
    finally:
        kc.update_realm(realm, {"realm": realm, "browserFlow": "browser"})
        kc.delete_client(kc.get_client_id(client_id))
        kc.delete_idp(client_id)
    deleted = module_runner(MODULE, realm=realm, alias=alias, state="absent")
    assert deleted["changed"] is True and read_flow(kc, alias) is None, deleted["msg"]


def test_built_in_flows(module_runner, realm, realm_admin):
    kc = realm_admin
    result = module_runner(MODULE, realm=realm, alias="browser", state="absent")
    assert result.get("failed") is True and "built-in" in result["msg"] and result.writes == [], result["msg"]
    info = module_runner("keycloak_flow_info", realm=realm, alias="direct grant", providers=False)
    tree = info["flows"][0]["executions"]
    # Requirements of a built-in flow change in place, as in the admin console...
    otp = [item for item in tree if item.get("flow_alias")][0]
    changed = [dict(item, requirement="REQUIRED") if item is otp else item for item in tree]
    result = module_runner(MODULE, realm=realm, alias="direct grant", executions=changed)
    assert result["changed"] is True and all(method == "PUT" for method, _url in result.writes), result["msg"]
    assert module_runner(MODULE, realm=realm, alias="direct grant", executions=tree)["changed"] is True
    # ... but Keycloak adds no execution to a built-in flow and removes none: refused before any write.
    for bad in (tree + [execution("auth-otp-form", "DISABLED")], [item for item in tree if item is not otp]):
        result = module_runner(MODULE, realm=realm, alias="direct grant", executions=bad)
        assert result.get("failed") is True and "built-in" in result["msg"] and result.writes == [], result["msg"]


def test_bind_as(module_runner, realm, realm_admin, admin):
    kc = realm_admin
    alias = unique("bind")
    args = dict(realm=realm, alias=alias, executions=[execution("direct-grant-validate-username", "REQUIRED")], bind_as=["direct_grant"])
    check = module_runner(MODULE, check_mode=True, diff=True, **args)
    created = module_runner(MODULE, diff=True, **args)
    try:
        assert created["changed"] is True and check["diff"] == created["diff"]
        assert admin.get_realm(realm)["directGrantFlow"] == alias
        assert created["end_state"]["bindAs"] == ["direct_grant"]
        again = module_runner(MODULE, **args)
        assert again["changed"] is False and again.writes == [], again["msg"]
        # A binding pointed elsewhere by hand is pointed back; bindings not listed are left alone.
        admin.update_realm(realm, {"realm": realm, "directGrantFlow": "direct grant"})
        again = module_runner(MODULE, diff=True, **args)
        assert again["changed"] is True and again["diff"]["before"]["bindAs"] == [] and again["diff"]["after"]["bindAs"] == ["direct_grant"]
        assert admin.get_realm(realm)["directGrantFlow"] == alias
        # A basic flow is no client authentication flow, and the other way round.
        result = module_runner(MODULE, realm=realm, alias=alias, bind_as=["client_authentication"])
        assert result.get("failed") is True and "client-flow" in result["msg"] and result.writes == [], result["msg"]
        result = module_runner(MODULE, realm=realm, alias=unique("client"), provider_id="client-flow", bind_as=["browser"])
        assert result.get("failed") is True and "basic-flow" in result["msg"] and result.writes == [], result["msg"]
    finally:
        admin.update_realm(realm, {"realm": realm, "directGrantFlow": "direct grant"})


def test_config_alias_that_exists_already(module_runner, realm, realm_admin, keycloak_version):
    kc = realm_admin
    alias = unique("dup")
    # Keycloak 26.0's browser flow has no config (26.5+ has the conditional 2FA's browser-conditional-credential);
    # first broker login has its review profile config on every version.
    if keycloak_version[:2] < (26, 1):
        assert [row for row in kc.get_authentication_flow_executions("browser") if row.get("alias")] == []
    taken = [row["alias"] for row in kc.get_authentication_flow_executions("first broker login") if row.get("alias")][0]
    bad = dict(realm=realm, alias=alias, executions=[execution("identity-provider-redirector", "ALTERNATIVE", {"alias": taken, "config": {}})])
    for state in ("new", "existing"):
        for check_mode in (True, False):
            result = module_runner(MODULE, check_mode=check_mode, **bad)
            assert result.get("failed") is True and result.writes == [], (state, result["msg"])
            assert "'%s' already exists (in flow 'first broker login')" % taken in result["msg"], result["msg"]
        module_runner(MODULE, realm=realm, alias=alias, description="exists")
    # Twice in one task.
    twice = [execution("identity-provider-redirector", "ALTERNATIVE", {"alias": "%s cfg" % alias}),
             subflow("%s sub" % alias, "ALTERNATIVE", [execution("identity-provider-redirector", "ALTERNATIVE", {"alias": "%s cfg" % alias})])]
    result = module_runner(MODULE, realm=realm, alias=alias, executions=twice)
    assert result.get("failed") is True and "listed twice" in result["msg"] and result.writes == [], result["msg"]
    assert kc.get_authentication_flow_executions(alias) == []


@pytest.mark.parametrize("bad, named", [
    ([execution("no-such-authenticator", "REQUIRED")], "no authenticator provider 'no-such-authenticator'"),
    ([execution("registration-user-creation", "REQUIRED")], "'registration-user-creation' is a form action, and this part of the flow takes an authenticator"),
    ([execution("auth-otp-form", "CONDITIONAL")], "requirement CONDITIONAL"),
    ([execution("auth-username-password-form", "ALTERNATIVE")], "requirement ALTERNATIVE is not one Keycloak allows there (REQUIRED)"),
    ([subflow("x", "REQUIRED", [execution("auth-otp-form", "SOMETIMES")])], "executions[0].executions[0]: requirement must be one of"),
    ([subflow("x", "REQUIRED", [{"authenticator": "auth-otp-form", "flow_alias": "y", "provider_id": "basic-flow"}])], "not both"),
    ([subflow("x", "REQUIRED", [{"authenticator": "auth-otp-form", "priority": 3}])], "unknown key(s) priority"),
    ([subflow("browser", "REQUIRED", [])], "the alias 'browser' is taken"),
    ([subflow("forms", "REQUIRED", [])], "the alias 'forms' is taken (a sub-flow of flow 'browser')"),
    ([subflow("x", "REQUIRED", [], provider_id="form-flow")], "names its form in authenticator"),
    ([dict(subflow("x", "REQUIRED", [execution("auth-otp-form", "REQUIRED")], provider_id="form-flow"), authenticator="registration-page-form")],
     "'auth-otp-form' is an authenticator, and this part of the flow takes a form action"),
])
def test_bad_input_fails_before_any_write(module_runner, realm, realm_admin, bad, named):
    kc = realm_admin
    alias = unique("bad")
    for check_mode in (True, False):
        result = module_runner(MODULE, check_mode=check_mode, realm=realm, alias=alias, executions=bad)
        assert result.get("failed") is True and named in result["msg"] and result.writes == [], result["msg"]
    assert read_flow(kc, alias) is None
    # An existing flow's other changes are not sent either.
    module_runner(MODULE, realm=realm, alias=alias, description="kept", executions=[])
    result = module_runner(MODULE, realm=realm, alias=alias, description="never", executions=bad)
    assert result.get("failed") is True and named in result["msg"] and result.writes == [], result["msg"]
    assert read_flow(kc, alias)["description"] == "kept" and kc.get_authentication_flow_executions(alias) == []


def test_sub_flow_type_does_not_change_in_place(module_runner, realm, realm_admin):
    alias = unique("types")
    sub = "%s form" % alias
    form = dict(subflow(sub, "REQUIRED", [execution("registration-user-creation", "REQUIRED")], provider_id="form-flow"),
                authenticator="registration-page-form")
    created = module_runner(MODULE, realm=realm, alias=alias, executions=[form])
    assert created["changed"] is True, created["msg"]
    assert created["end_state"]["executions"][0]["provider_id"] == "form-flow"
    assert module_runner(MODULE, realm=realm, alias=alias, executions=[form])["changed"] is False
    result = module_runner(MODULE, realm=realm, alias=alias, executions=[dict(form, provider_id="basic-flow", authenticator=None)])
    assert result.get("failed") is True and "cannot change a sub-flow's type" in result["msg"] and result.writes == [], result["msg"]
    # A form-flow takes form actions only.
    result = module_runner(MODULE, realm=realm, alias=alias, executions=[dict(form, executions=[execution("auth-otp-form", "REQUIRED")])])
    assert result.get("failed") is True and "form action" in result["msg"] and result.writes == [], result["msg"]


def test_missing_copy_source_fails_or_plans(module_runner, realm, realm_admin):
    alias = unique("copy")
    for check_mode in (True, False):
        result = module_runner(MODULE, check_mode=check_mode, realm=realm, alias=alias, copy_from="no such flow",
                               executions=[execution("auth-cookie", "ALTERNATIVE")])
        fails_or_plans(result, check_mode, "no such flow")
    assert read_flow(realm_admin, alias) is None


def test_check_mode_in_a_realm_that_does_not_exist_plans(module_runner):
    realm = "absent-%s" % uuid.uuid4().hex[:6]
    args = dict(realm=realm, alias="acme browser", copy_from="browser", bind_as=["browser"], executions=[
        execution("auth-cookie", "ALTERNATIVE"),
        subflow("acme browser forms", "ALTERNATIVE", [
            execution("auth-username-password-form", "REQUIRED"),
            subflow("acme otp", "REQUIRED", [execution("auth-otp-form", "REQUIRED")]),
        ]),
    ])
    result = module_runner(MODULE, check_mode=True, diff=True, **args)
    assert not result.get("failed") and result["changed"] is True and result.writes == [], result.get("msg")
    assert result["operation"] == "create"
    assert any("realm '%s' does not exist" % realm in warning for warning in warnings_of(result)), warnings_of(result)
    assert result["diff"]["after"]["executions"][1]["executions"][1]["flow_alias"] == "acme otp"
    real = module_runner(MODULE, **args)
    assert real.get("failed") is True and "realm '%s' does not exist" % realm in real["msg"] and real.writes == []


def shown(result):
    """What a module shows of the flow: end_state, diff and msg (the invocation echo of the task's own options aside)."""
    return json.dumps([result.get("end_state"), result.get("diff"), result.get("msg")])


def test_secret_config_values_are_masked(module_runner, realm, realm_admin, keycloak_version):
    kc = realm_admin
    alias = unique("registration")
    form = "%s registration form" % alias
    masks = masks_configs(keycloak_version)

    def tree(secret, site="site"):
        return [dict(subflow(form, "REQUIRED", [
            execution("registration-user-creation", "REQUIRED"),
            execution("registration-recaptcha-action", "REQUIRED", {"alias": "%s captcha" % alias,
                                                                    "config": {"site.key": site, "secret.key": secret}}),
        ]), authenticator="registration-page-form")]

    def stored(secret):
        """What the server shows of the stored secret: the secret itself, or Keycloak's mask from 26.7."""
        return "**********" if masks else secret

    def captcha_of(result, side=None):
        found = result["diff"][side] if side else result["end_state"]
        return found["executions"][0]["executions"][1]["config"]["config"]

    args = dict(realm=realm, alias=alias, copy_from="registration", executions=tree("first-captcha-secret"))
    created = module_runner(MODULE, diff=True, **args)
    assert created["changed"] is True, created["msg"]
    assert "first-captcha-secret" not in shown(created)
    assert captcha_of(created) == {"site.key": "site", "secret.key": "********"}
    assert config_of(kc, form, "registration-recaptcha-action")["config"] == {"site.key": "site", "secret.key": stored("first-captcha-secret")}
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and again.writes == [], again["msg"]
    changed = dict(args, executions=tree("second-captcha-secret"))
    check = module_runner(MODULE, check_mode=True, diff=True, **changed)
    result = module_runner(MODULE, diff=True, **changed)
    assert "second-captcha-secret" not in shown(result) + shown(check)
    if masks:
        # A masked secret is set but unknown: a changed one cannot be seen, nothing is written.
        assert check["changed"] is False and result["changed"] is False and result.writes == [], result["msg"]
        # It goes with the next change of that config, shown as unknown (not as changed).
        changed = dict(args, executions=tree("second-captcha-secret", site="site 2"))
        check = module_runner(MODULE, check_mode=True, diff=True, **changed)
        result = module_runner(MODULE, diff=True, **changed)
        assert result["changed"] is True and check["diff"] == result["diff"] and contained(result["end_state"], check["end_state"])
        assert captcha_of(result, "after") == {"site.key": "site 2", "secret.key": "********"}
        assert "second-captcha-secret" not in shown(result) + shown(check)
        assert config_of(kc, form, "registration-recaptcha-action")["config"] == {"site.key": "site 2", "secret.key": "**********"}
    else:
        assert result["changed"] is True and check["diff"] == result["diff"] and contained(result["end_state"], check["end_state"])
        assert captcha_of(result, "after")["secret.key"] == "******** (changed)"
        assert config_of(kc, form, "registration-recaptcha-action")["config"]["secret.key"] == "second-captcha-secret"
    again = module_runner(MODULE, **changed)
    assert again["changed"] is False and again.writes == [], again["msg"]


def test_noop_requests_for_three_levels_and_ten_executions(module_runner, realm):
    alias = unique("big")
    args = dict(realm=realm, alias=alias, executions=[
        execution("auth-cookie", "ALTERNATIVE"),
        execution("auth-spnego", "DISABLED"),
        execution("identity-provider-redirector", "ALTERNATIVE", {"alias": "%s redirect" % alias, "config": {"defaultProvider": "corp"}}),
        subflow("%s forms" % alias, "ALTERNATIVE", [
            execution("auth-username-password-form", "REQUIRED"),
            subflow("%s second factor" % alias, "CONDITIONAL", [
                execution("conditional-user-configured", "REQUIRED"),
                execution("auth-otp-form", "ALTERNATIVE"),
                execution("webauthn-authenticator", "ALTERNATIVE"),
                # Not auth-recovery-authn-code-form: Keycloak 26.0 has no such provider (feature RECOVERY_CODES is a preview there, off).
                execution("webauthn-authenticator-passwordless", "DISABLED"),
            ]),
        ]),
    ])
    created = module_runner(MODULE, **args)
    assert created["changed"] is True, created["msg"]
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and again.writes == [], again["msg"]
    bound = module_runner(MODULE, bind_as=["browser"], check_mode=True, **args)
    print("\nkeycloak_flow no-op, 3 levels, 10 executions, 1 config: %d requests (%s); with bind_as: %d"
          % (len(again.requests), ", ".join("%s %s" % (method, url.split("/admin/realms/")[-1].split("/protocol/")[-1]) for method, url in again.requests),
             len(bound.requests)))


def test_one_plan_builds_a_realm_with_a_flow_and_a_required_action(keycloak_url, admin):
    """In one planning context: a new realm, a flow copied from its browser flow with a new sub-flow, bound, and a built-in
    required action. The dry plan writes nothing and sees the sub-flow; the real run writes; the rerun plans nothing."""
    realm = "plan-flow-%s" % uuid.uuid4().hex[:6]

    def api_for(name):
        return KeycloakAdmin(server_url=keycloak_url, username=os.environ["KEYCLOAK_ADMIN_USER"], password=os.environ["KEYCLOAK_ADMIN_PASSWORD"],
                             realm_name=name, user_realm_name="master")

    def plan_all():
        context = PlanContext(api_for)
        context.plan(REALM, {"realm": realm})
        context.plan(FLOW, {"realm": realm, "alias": "acme browser", "copy_from": "browser", "bind_as": ["browser"], "executions": [
            execution("auth-cookie", "ALTERNATIVE"),
            subflow("acme browser forms", "ALTERNATIVE", [
                execution("auth-username-password-form", "REQUIRED"),
                subflow("acme otp", "REQUIRED", [execution("auth-otp-form", "REQUIRED")]),
            ]),
        ]})
        context.plan(REQUIRED_ACTION, {"realm": realm, "alias": "CONFIGURE_TOTP", "default_action": True})
        return context

    def writes(calls):
        return [(method, url) for method, url in calls if method != "GET" and "/protocol/openid-connect/token" not in url]

    try:
        with recording() as calls:
            dry = plan_all()
        assert writes(calls) == [] and dry.warnings == []
        assert [plan.operation for plan in dry.plans] == ["create", "create", "update"]
        # A client's flow override planned later in the run may name the new sub-flow.
        assert dry.is_planned(realm, "flow", "acme otp") and dry.is_planned(realm, "flow", "acme browser")
        real = plan_all()
        real.apply()
        kc = api_for(realm)
        assert shape(kc, "acme browser") == [(0, "auth-cookie", "ALTERNATIVE"), (0, "acme browser forms", "ALTERNATIVE"),
                                             (1, "auth-username-password-form", "REQUIRED"), (1, "acme otp", "REQUIRED"),
                                             (2, "auth-otp-form", "REQUIRED")]
        assert admin.get_realm(realm)["browserFlow"] == "acme browser"
        assert kc.get_required_action_by_alias("CONFIGURE_TOTP")["defaultAction"] is True
        with recording() as calls:
            again = plan_all()
        assert [plan.operation for plan in again.plans] == ["none"] * 3 and writes(calls) == []
    finally:
        admin.delete_realm(realm)


def test_config_removed_with_state_absent(module_runner, realm, realm_admin):
    """config.state=absent deletes the execution's config (the execution stays, same id); a rerun, or another alias, changes nothing."""
    kc = realm_admin
    alias = unique("config gone")
    config = {"alias": "%s redirect" % alias, "config": {"defaultProvider": "corp"}}
    created = module_runner(MODULE, realm=realm, alias=alias, executions=[execution("identity-provider-redirector", "ALTERNATIVE", config)])
    assert created["changed"] is True, created["msg"]
    before = ids(kc, alias)
    config_id = config_of(kc, alias, "identity-provider-redirector")["id"]
    gone = dict(realm=realm, alias=alias, executions=[execution("identity-provider-redirector", "ALTERNATIVE",
                                                                {"alias": config["alias"], "state": "absent"})])
    other = dict(gone, executions=[execution("identity-provider-redirector", "ALTERNATIVE", {"alias": "another one", "state": "absent"})])
    untouched = module_runner(MODULE, **other)
    assert untouched["changed"] is False and untouched.writes == [], untouched["msg"]

    check = module_runner(MODULE, check_mode=True, diff=True, **gone)
    assert check["changed"] is True and check.writes == []
    assert "config" not in check["end_state"]["executions"][0] and check["diff"]["before"]["executions"][0]["config"]["alias"] == config["alias"]
    assert config_of(kc, alias, "identity-provider-redirector") is not None
    done = module_runner(MODULE, diff=True, **gone)
    assert done["changed"] is True and done["diff"] == check["diff"]
    assert [method for method, url in done.writes] == ["DELETE"] and done.writes[0][1].endswith("/authentication/config/%s" % config_id)
    assert config_of(kc, alias, "identity-provider-redirector") is None and ids(kc, alias) == before
    assert "config" not in done["end_state"]["executions"][0]
    again = module_runner(MODULE, **gone)
    assert again["changed"] is False and again.writes == []
    refused = module_runner(MODULE, **dict(gone, executions=[execution("identity-provider-redirector", "ALTERNATIVE", {
        "alias": config["alias"], "state": "absent", "config": {"defaultProvider": "corp"}})]))
    assert refused["failed"] is True and "takes no settings" in refused["msg"] and refused.writes == []
