# -*- coding: utf-8 -*-
"""keycloak_user_profile against the real server: attributes, validators, groups, policy; then a user with the attribute."""

import uuid

import pytest

from harness import fails_or_plans, same_prediction  # pylint: disable=import-error

MODULE = "keycloak_user_profile"
BUILT_IN = ["username", "email", "firstName", "lastName"]


@pytest.fixture
def fresh_realm(admin):
    """A realm of its own per test: the profile is one object per realm."""
    name = "up-%s" % uuid.uuid4().hex[:6]
    admin.create_realm({"realm": name, "enabled": True})
    yield name
    admin.delete_realm(name)


@pytest.fixture
def kc(fresh_realm, keycloak_url):
    from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin
    import os

    return KeycloakAdmin(server_url=keycloak_url, username=os.environ["KEYCLOAK_ADMIN_USER"], password=os.environ["KEYCLOAK_ADMIN_PASSWORD"],
                         realm_name=fresh_realm, user_realm_name="master")


def attributes(kc):
    return dict((attribute["name"], attribute) for attribute in kc.get_user_profile_config()["attributes"])


def ok(result):
    assert not result.get("failed"), result.get("msg")
    return result


def test_user_profile_lifecycle(module_runner, fresh_realm, kc):
    realm = fresh_realm
    args = dict(
        realm=realm,
        unmanaged_attribute_policy="ADMIN_EDIT",
        groups=[{"name": "work", "display_header": "Work"}],
        attributes=[{"name": "department", "display_name": "Department", "group": "work",
                     "validations": {"length": {"min": 2, "max": 64}, "options": {"options": ["engineering", "sales"]}},
                     "annotations": {"inputType": "select"}, "permissions": {"view": ["admin", "user"], "edit": ["admin"]}}],
    )
    check = ok(module_runner(MODULE, check_mode=True, diff=True, **args))
    assert check["changed"] is True and check.writes == [] and "department" not in attributes(kc)
    real = ok(module_runner(MODULE, diff=True, **args))
    same_prediction(check, real)
    profile = kc.get_user_profile_config()
    assert profile["unmanagedAttributePolicy"] == "ADMIN_EDIT"
    assert [attribute["name"] for attribute in profile["attributes"]] == BUILT_IN + ["department"]
    assert profile["attributes"][-1]["validations"]["length"] == {"min": 2, "max": 64}
    assert [group["name"] for group in profile["groups"]] == ["user-metadata", "work"]

    again = ok(module_runner(MODULE, **args))
    assert again["changed"] is False and again.writes == [], again["msg"]
    assert len(again.requests) == 2, again.requests  # login, the profile

    # One field of one attribute: the others keep theirs.
    update = dict(realm=realm, attributes=[{"name": "department", "validations": {"length": {"min": 2, "max": 32}}}])
    check = ok(module_runner(MODULE, check_mode=True, diff=True, **update))
    real = ok(module_runner(MODULE, diff=True, **update))
    same_prediction(check, real)
    department = attributes(kc)["department"]
    assert department["validations"] == {"length": {"min": 2, "max": 32}} and department["annotations"] == {"inputType": "select"}
    assert ok(module_runner(MODULE, **update))["changed"] is False

    # What is set by hand survives a task that does not mention it.
    profile = kc.get_user_profile_config()
    profile["attributes"].append({"name": "handmade", "multivalued": False})
    profile["attributes"][-2]["annotations"]["inputHelperTextBefore"] = "by hand"
    kc.update_user_profile_config(profile)
    other = dict(realm=realm, attributes=[{"name": "department", "display_name": "Dept."}])
    check = ok(module_runner(MODULE, check_mode=True, diff=True, **other))
    real = ok(module_runner(MODULE, diff=True, **other))
    same_prediction(check, real)
    found = attributes(kc)
    assert found["department"]["displayName"] == "Dept." and found["department"]["annotations"]["inputHelperTextBefore"] == "by hand"
    assert "handmade" in found and kc.get_user_profile_config()["unmanagedAttributePolicy"] == "ADMIN_EDIT"

    # Purge: the attributes not listed go, except the built-in ones.
    purge = dict(realm=realm, attributes=[{"name": "department"}], purge_attributes=True)
    check = ok(module_runner(MODULE, check_mode=True, diff=True, **purge))
    real = ok(module_runner(MODULE, diff=True, **purge))
    same_prediction(check, real)
    assert list(attributes(kc)) == BUILT_IN + ["department"]
    assert ok(module_runner(MODULE, **purge))["changed"] is False

    # DISABLED is Keycloak's absent policy.
    disabled = dict(realm=realm, unmanaged_attribute_policy="DISABLED")
    assert ok(module_runner(MODULE, **disabled))["changed"] is True
    assert "unmanagedAttributePolicy" not in kc.get_user_profile_config()
    assert ok(module_runner(MODULE, **disabled))["changed"] is False


def test_declared_attribute_lets_keycloak_user_set_it(module_runner, fresh_realm, kc):
    realm = fresh_realm
    username = "jane-%s" % uuid.uuid4().hex[:4]
    refused = module_runner("keycloak_user", realm=realm, username=username, attributes={"department": "engineering"})
    assert refused.get("failed") is True and "iam.keycloak.keycloak_user_profile" in refused["msg"], refused["msg"]
    assert refused.writes == []

    declared = dict(realm=realm, attributes=[{"name": "department", "validations": {"pattern": {"pattern": "^[a-z]+$",
                                                                                                "error-message": "lowercase only"}},
                                              "permissions": {"view": ["admin"], "edit": ["admin"]}}])
    ok(module_runner(MODULE, **declared))
    created = ok(module_runner("keycloak_user", realm=realm, username=username, attributes={"department": "engineering"}))
    assert created["changed"] is True
    user = kc.get_user(kc.get_user_id(username))
    assert user["attributes"]["department"] == ["engineering"]
    again = ok(module_runner("keycloak_user", realm=realm, username=username, attributes={"department": "engineering"}))
    assert again["changed"] is False
    # The validator is Keycloak's to apply: its message comes back.
    invalid = module_runner("keycloak_user", realm=realm, username=username, attributes={"department": "Not Valid"})
    assert invalid.get("failed") is True and "lowercase only" in invalid["msg"], invalid["msg"]


@pytest.mark.parametrize(
    "bad, named",
    [
        ({"attributes": [{"name": "x", "validations": {"no-such-validator": {}}}]}, "no-such-validator"),
        ({"attributes": [{"name": "x", "group": "no-such-group"}]}, "no-such-group"),
        ({"attributes": [{"name": "x"}, {"name": "x", "multivalued": True}]}, "more than once"),
        # user-metadata is not used by any attribute of a new realm, but "work" is, below.
        ({"groups": [{"name": "user-metadata"}], "purge_groups": True}, "purge_groups"),
    ],
)
def test_bad_input_fails_before_any_write(module_runner, fresh_realm, kc, bad, named):
    kc_profile = kc.get_user_profile_config()
    kc_profile["groups"].append({"name": "work"})
    kc_profile["attributes"].append({"name": "department", "group": "work"})
    kc.update_user_profile_config(kc_profile)
    before = kc.get_user_profile_config()
    for check_mode in (True, False):
        result = module_runner(MODULE, check_mode=check_mode, realm=fresh_realm, unmanaged_attribute_policy="ENABLED", **bad)
        assert result.get("failed") is True and named in result["msg"] and fresh_realm in result["msg"], result["msg"]
        assert result.writes == []
    assert kc.get_user_profile_config() == before


@pytest.mark.parametrize("check_mode", [False, True])
def test_missing_realm_fails_or_plans(module_runner, check_mode):
    realm = "no-realm-%s" % uuid.uuid4().hex[:6]
    result = module_runner(MODULE, check_mode=check_mode, diff=True, realm=realm, unmanaged_attribute_policy="ENABLED",
                           attributes=[{"name": "department"}])
    fails_or_plans(result, check_mode, realm)
    if check_mode:
        # Planned against the profile of a new realm.
        assert result["changed"] is True and result["operation"] == "update"
        assert [attribute["name"] for attribute in result["end_state"]["attributes"]] == BUILT_IN + ["department"]
        assert result["diff"]["before"]["unmanagedAttributePolicy"] == "DISABLED"


def test_default_profile_is_that_of_a_new_realm(fresh_realm, kc):
    from ansible_collections.iam.keycloak.plugins.module_utils.resources.user_profile import DEFAULT_PROFILE

    profile = kc.get_user_profile_config()
    profile.setdefault("unmanagedAttributePolicy", "DISABLED")
    assert profile == DEFAULT_PROFILE
