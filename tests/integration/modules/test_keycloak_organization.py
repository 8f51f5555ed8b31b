# -*- coding: utf-8 -*-
"""keycloak_organization and keycloak_organization_info against the real server: settings, domains, members, linked providers."""

import uuid

import pytest

from harness import fails_or_plans, same_prediction, scenario, warnings_of  # pylint: disable=import-error

MODULE = "keycloak_organization"
INFO = "keycloak_organization_info"


def unique(prefix="org"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:6])


@pytest.fixture(scope="module")
def world(realm, realm_admin, admin):
    """Organizations on, three users, and identity providers to link."""
    admin.update_realm(realm, {"organizationsEnabled": True})
    for username in ("hank", "frank", "marge"):
        realm_admin.create_user({"username": username, "enabled": True})
    for alias in ("globex-oidc", "initech-oidc", "spare-oidc"):
        realm_admin.create_idp({"alias": alias, "providerId": "oidc", "config": {
            "clientId": "kc", "authorizationUrl": "https://idp.example/auth", "tokenUrl": "https://idp.example/token"}})
    return realm_admin


def read_org(kc, name):
    found = [item for item in kc.get_organizations({"search": name, "exact": True}) if item["name"] == name]
    return kc.get_organization(found[0]["id"]) if found else None


def members(kc, org):
    return sorted(user["username"] for user in kc.get_organization_members(org["id"]))


def test_organization_lifecycle(module_runner, realm, world):
    kc = world
    name = unique("Glöbex Corp")

    def read():
        return read_org(kc, name)

    args = dict(
        realm=realm, name=name, alias=name.lower().replace(" ", "-"), description="Our biggest customer",
        domains=[{"name": "globex.example", "verified": True}, {"name": "globex.test"}], attributes={"tier": "gold"},
        members=["Hank", "frank"],
        identity_providers=[{"alias": "globex-oidc", "domain": "globex.example", "redirect_email_matches": True}],
    )

    def verify(org):
        assert org["alias"] == args["alias"] and org["description"] == "Our biggest customer" and org["enabled"] is True
        assert sorted((domain["name"], domain["verified"]) for domain in org["domains"]) == [("globex.example", True), ("globex.test", False)]
        assert org["attributes"] == {"tier": ["gold"]}
        assert members(kc, org) == ["frank", "hank"]
        idp = kc.get_idp("globex-oidc")
        assert idp["organizationId"] == org["id"] and idp["config"]["kc.org.domain"] == "globex.example"
        assert idp["config"]["kc.org.broker.redirect.mode.email-matches"] == "true"

    def verify_update(org):
        assert org["description"] == "Still the biggest" and members(kc, org) == ["frank", "hank", "marge"]
        assert kc.get_idp("globex-oidc")["config"]["kc.org.domain"] == "globex.test"

    def hand_edit():
        org = read()
        kc.update_organization(org["id"], dict(org, attributes=dict(org["attributes"], handmade=["yes"])))

    def verify_hand_edit(org):
        assert org["redirectUrl"] == "https://portal.example/globex"
        assert org["attributes"] == {"tier": ["gold"], "handmade": ["yes"]}, "an attribute set by hand was lost"
        assert org["description"] == "Still the biggest" and members(kc, org) == ["frank", "hank", "marge"]

    noop = scenario(
        module_runner, MODULE, args, read, verify,
        update={"description": "Still the biggest", "members": ["marge"],
                "identity_providers": [{"alias": "globex-oidc", "domain": "globex.test"}]},
        verify_update=verify_update,
        hand_edit=hand_edit,
        other_update={"redirect_url": "https://portal.example/globex", "members": None, "identity_providers": None},
        verify_hand_edit=verify_hand_edit,
        absent_args={"realm": realm, "name": name},
    )
    assert noop <= 5, noop  # login, the search, the organization, its members, its providers


def test_purges_and_info(module_runner, realm, world):
    kc = world
    name = unique("Initech")
    base = dict(realm=realm, name=name, domains=[{"name": "initech.example"}])
    module_runner(MODULE, members=["hank", "frank"], identity_providers=[{"alias": "initech-oidc"}, {"alias": "spare-oidc"}], **base)
    args = dict(base, members=["frank"], purge_members=True, identity_providers=[{"alias": "initech-oidc"}], purge_identity_providers=True)
    check = module_runner(MODULE, check_mode=True, diff=True, **args)
    real = module_runner(MODULE, diff=True, **args)
    same_prediction(check, real)
    org = read_org(kc, name)
    assert members(kc, org) == ["frank"] and "organizationId" not in kc.get_idp("spare-oidc")
    assert kc.get_idp("initech-oidc")["organizationId"] == org["id"]
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and again.writes == [], again["msg"]

    [found] = module_runner(INFO, realm=realm, name=name, include=["members", "identity_providers"])["organizations"]
    assert found["id"] == org["id"] and found["alias"] == name and found["domains"] == [{"name": "initech.example", "verified": False}]
    assert found["members"] == [{"username": "frank", "membershipType": "UNMANAGED"}]
    assert found["identityProviders"] == [{"alias": "initech-oidc"}]
    assert name in [item["name"] for item in module_runner(INFO, realm=realm, search="initech.example")["organizations"]]
    assert module_runner(INFO, realm=realm, name="no such org")["organizations"] == []
    module_runner(MODULE, realm=realm, name=name, state="absent")


@pytest.mark.parametrize(
    "bad, named",
    [
        ({"domains": []}, "at least one domain"),
        ({"identity_providers": [{"alias": "spare-oidc", "domain": "elsewhere.example"}]}, "elsewhere.example"),
        ({"representation": {"members": []}}, "members option"),
    ],
)
def test_bad_input_fails_before_any_write(module_runner, realm, world, bad, named):
    name = unique("bad")
    args = dict(dict(realm=realm, name=name, domains=[{"name": "bad.example"}]), **bad)
    for check_mode in (True, False):
        result = module_runner(MODULE, check_mode=check_mode, **args)
        assert result.get("failed") is True and named in result["msg"] and name in result["msg"], result["msg"]
        assert result.writes == []
    assert read_org(world, name) is None


def test_alias_cannot_change_and_linked_provider_stays_put(module_runner, realm, world):
    first, second = unique("one"), unique("two")
    module_runner(MODULE, realm=realm, name=first, domains=[{"name": "one.example"}], identity_providers=[{"alias": "spare-oidc"}])
    result = module_runner(MODULE, realm=realm, name=first, alias="other", description="x")
    assert result.get("failed") is True and "cannot change the alias" in result["msg"] and result.writes == []
    taken = module_runner(MODULE, realm=realm, name=second, domains=[{"name": "two.example"}], identity_providers=[{"alias": "spare-oidc"}])
    assert taken.get("failed") is True and "another organization" in taken["msg"] and taken.writes == []
    module_runner(MODULE, realm=realm, name=first, state="absent")


@pytest.mark.parametrize("check_mode", [False, True])
@pytest.mark.parametrize("missing", ["user", "identity provider"])
def test_missing_references_fail_or_plan(module_runner, realm, world, check_mode, missing):
    name = unique("ref")
    extra = {"members": ["no-such-user"]} if missing == "user" else {"identity_providers": [{"alias": "no-such-idp"}]}
    result = module_runner(MODULE, check_mode=check_mode, realm=realm, name=name, domains=[{"name": "ref.example"}], **extra)
    fails_or_plans(result, check_mode, "no-such-")
    assert read_org(world, name) is None


@pytest.mark.parametrize("check_mode", [False, True])
def test_realm_without_organizations(module_runner, admin, check_mode):
    realm = unique("no-orgs")
    admin.create_realm({"realm": realm, "enabled": True})
    try:
        result = module_runner(MODULE, check_mode=check_mode, realm=realm, name="Globex", domains=[{"name": "globex.example"}])
        assert result.writes == []
        if check_mode:
            assert result["changed"] is True and result["operation"] == "create", result.get("msg")
            assert any("organizations are not enabled in realm '%s'; planned as if" % realm in warning for warning in warnings_of(result))
        else:
            assert result.get("failed") is True and "organizations are not enabled in realm '%s'" % realm in result["msg"]
            assert "organizations_enabled" in result["msg"]
        info = module_runner(INFO, realm=realm)
        assert info.get("failed") is True and "not enabled" in info["msg"], info["msg"]
    finally:
        admin.delete_realm(realm)


@pytest.mark.parametrize("check_mode", [False, True])
def test_missing_realm_fails_or_plans(module_runner, check_mode):
    realm = unique("no-realm")
    result = module_runner(MODULE, check_mode=check_mode, realm=realm, name="Globex", domains=[{"name": "globex.example"}])
    fails_or_plans(result, check_mode, realm)
    info = module_runner(INFO, check_mode=check_mode, realm=realm)
    if check_mode:
        assert info["organizations"] == [] and any(realm in warning for warning in warnings_of(info))


def test_a_name_keycloak_cannot_take_as_alias_fails_before_any_write(module_runner, realm, world):
    """Keycloak takes the name as alias and refuses a space or a URI delimiter there: said before any write, with a fix."""
    name = "ACME %s Corp" % unique("o")
    for check_mode in (True, False):
        result = module_runner(MODULE, check_mode=check_mode, realm=realm, name=name, domains=[{"name": "acme-alias.example"}])
        assert result.get("failed") is True and "set alias" in result["msg"] and result.writes == [], result["msg"]
    fixed = module_runner(MODULE, realm=realm, name=name, alias=unique("acme-corp"), domains=[{"name": "acme-alias.example"}])
    assert fixed["changed"] is True, fixed["msg"]
    again = module_runner(MODULE, realm=realm, name=name, domains=[{"name": "acme-alias.example"}])
    assert again["changed"] is False and again.writes == [], again["msg"]
    module_runner(MODULE, realm=realm, name=name, state="absent")
