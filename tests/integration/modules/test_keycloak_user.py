# -*- coding: utf-8 -*-
"""keycloak_user against the real server: profile, attributes, password, groups, identity links, roles."""

import uuid

import pytest
import requests

from harness import contained, scenario  # pylint: disable=import-error

from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin

MODULE = "keycloak_user"


def unique(prefix="u"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:6])


@pytest.fixture(scope="module")
def kc(realm_admin):
    """The test realm's client, with a user profile that keeps custom attributes (Keycloak 24+ drops them otherwise)."""
    profile = realm_admin.get_user_profile_config()
    profile["unmanagedAttributePolicy"] = "ENABLED"
    realm_admin.update_user_profile_config(profile)
    return realm_admin


@pytest.fixture(scope="module")
def world(kc):
    """Groups (with a subgroup), a realm role, a client with a role and an identity provider to point at."""
    staff = kc.create_group({"name": "staff"})
    engineering = kc.create_group({"name": "engineering"})
    kc.create_group({"name": "backend"}, parent=engineering)
    kc.create_group({"name": "ops ü"}, parent=engineering)
    kc.create_realm_role({"name": "auditor"})
    kc.create_realm_role({"name": "operator"})
    kc.create_client({"clientId": "billing"})
    billing = kc.get_client_id("billing")
    kc.create_client_role(billing, {"name": "invoice-reader"})
    kc.create_client_role(billing, {"name": "invoice-writer"})
    kc.create_idp(
        {
            "alias": "corp",
            "providerId": "oidc",
            "enabled": True,
            "config": {"authorizationUrl": "https://idp.example/auth", "tokenUrl": "https://idp.example/token", "clientId": "kc",
                       "clientSecret": "s3cret", "clientAuthMethod": "client_secret_post"},
        }
    )
    return {"staff": staff, "engineering": engineering, "billing": billing}


def read_user(kc, username):
    user_id = kc.get_user_id(username)
    return kc.get_user(user_id) if user_id else None


def group_paths(kc, user):
    return sorted(group["path"] for group in kc.get_user_groups(user["id"]))


def role_names(kc, user):
    mappings = kc.get_all_roles_of_user(user["id"])
    names = set(role["name"] for role in mappings.get("realmMappings") or [])
    for client_id, client in (mappings.get("clientMappings") or {}).items():
        names.update("%s/%s" % (client_id, role["name"]) for role in client["mappings"])
    return names


def can_log_in(keycloak_url, realm, username, password):
    data = {"client_id": "admin-cli", "grant_type": "password", "username": username, "password": password}
    answer = requests.post("%s/realms/%s/protocol/openid-connect/token" % (keycloak_url, realm), data=data, timeout=30)
    return answer.status_code == 200


def test_user_lifecycle(module_runner, realm, kc, world):
    username = unique("jöhn.dœ")

    def read():
        return read_user(kc, username)

    args = dict(
        realm=realm,
        username=username,
        email="%s@Example.ORG" % username,
        first_name="Jöhn",
        email_verified=True,
        attributes={"team": "iam", "levels": ["one", "two"]},
        required_actions=["CONFIGURE_TOTP"],
        password="first-Secret-1",
        groups=["/staff", "engineering/backend"],
        realm_roles=["auditor"],
        client_roles=[{"client_id": "billing", "roles": ["invoice-reader"]}],
        federated_identities=[{"identity_provider": "corp", "user_id": "c-42", "user_name": "jdoe"}],
    )

    def verify(user):
        assert user["enabled"] is True, "a new user is enabled unless the task says otherwise"
        assert user["email"] == ("%s@example.org" % username).lower() and user["firstName"] == "Jöhn"
        assert user["attributes"]["team"] == ["iam"] and user["attributes"]["levels"] == ["one", "two"]
        assert user["requiredActions"] == ["CONFIGURE_TOTP"]
        assert group_paths(kc, user) == ["/engineering/backend", "/staff"]
        assert {"auditor", "billing/invoice-reader"} <= role_names(kc, user)
        links = kc.get_user_social_logins(user["id"])
        assert [(link["identityProvider"], link["userId"], link["userName"]) for link in links] == [("corp", "c-42", "jdoe")]
        assert [credential["type"] for credential in kc.get_credentials(user["id"])] == ["password"]

    def verify_update(user):
        assert user["firstName"] == "Jöhnny"
        assert user["attributes"]["levels"] == ["three"] and user["attributes"]["team"] == ["iam"]
        assert group_paths(kc, user) == ["/engineering/backend", "/engineering/ops ü", "/staff"]

    def hand_edit():
        user = read()
        kc.update_user(user["id"], {"lastName": "Handmade", "attributes": dict(user["attributes"], handmade=["yes"])})
        kc.group_user_add(user["id"], world["engineering"])

    def verify_hand_edit(user):
        assert user["lastName"] == "Handmade", "a field set by hand was lost"
        assert user["attributes"]["handmade"] == ["yes"] and user["attributes"]["team"] == ["iam"]
        assert user["attributes"]["site"] == ["zurich"]
        assert user["email"] == ("%s@example.org" % username).lower() and user["firstName"] == "Jöhnny"
        assert "/engineering" in group_paths(kc, user), "a group joined by hand was left"

    noop = scenario(
        module_runner, MODULE, args, read, verify,
        update={"first_name": "Jöhnny", "attributes": {"levels": "three"}, "groups": ["/staff", "/engineering/ops ü"]},
        verify_update=verify_update,
        hand_edit=hand_edit,
        other_update={"attributes": {"site": "zurich"}},
        verify_hand_edit=verify_hand_edit,
        absent_args={"realm": realm, "username": username},
    )
    # Token, user id, user, groups, identity links, role mappings: no lookup of what the user already has.
    assert noop <= 6, noop


def test_create_is_one_request_with_groups_links_and_password(module_runner, realm, kc, world):
    username = unique("one")
    result = module_runner(MODULE, diff=True, realm=realm, username=username, password="Pw-one-1", groups=["/engineering/backend"],
                           federated_identities=[{"identity_provider": "corp", "user_id": username, "user_name": username}])
    assert result["changed"] is True, result["msg"]
    assert [method for method, _url in result.writes] == ["POST"], result.writes
    user = read_user(kc, username)
    assert group_paths(kc, user) == ["/engineering/backend"]
    assert result["id"] == user["id"]
    assert result["end_state"]["groups"] == ["/engineering/backend"]
    # The password shows in the diff, masked; end_state is the user read back, which has none.
    assert result["diff"]["after"]["credentials"] == [{"type": "password", "value": "********", "temporary": False}]
    assert "credentials" not in result["end_state"]


def test_password_on_create_and_always(module_runner, realm, kc, keycloak_url):
    username = unique("pw")
    base = dict(realm=realm, username=username, email="%s@example.org" % username, first_name="P", last_name="W", email_verified=True)
    created = module_runner(MODULE, diff=True, password="very-Secret-1", **base)
    assert created["changed"] is True and "very-Secret-1" not in created["_stdout"]
    assert can_log_in(keycloak_url, realm, username, "very-Secret-1")

    # Keycloak never shows the password: with on_create another one is not sent.
    again = module_runner(MODULE, password="other-Secret-2", **base)
    assert again["changed"] is False and again.writes == [], again["msg"]
    assert can_log_in(keycloak_url, realm, username, "very-Secret-1")

    check = module_runner(MODULE, check_mode=True, diff=True, password="other-Secret-2", update_password="always", **base)
    always = module_runner(MODULE, diff=True, password="other-Secret-2", update_password="always", **base)
    assert check["changed"] is True and check.writes == [] and check["diff"] == always["diff"]
    assert always["changed"] is True and "other-Secret-2" not in always["_stdout"]
    assert always["diff"]["after"]["credentials"][0]["value"] == "********"
    assert [url.rsplit("/", 1)[-1] for method, url in always.writes] == ["reset-password"]
    assert can_log_in(keycloak_url, realm, username, "other-Secret-2")
    assert module_runner(MODULE, password="other-Secret-2", update_password="always", **base)["changed"] is True


def test_temporary_password_keeps_update_password(module_runner, realm, kc):
    username = unique("tmp")
    args = dict(realm=realm, username=username, password="Temp-1", temporary=True, required_actions=["VERIFY_EMAIL"])
    created = module_runner(MODULE, **args)
    assert created["changed"] is True
    assert sorted(read_user(kc, username)["requiredActions"]) == ["UPDATE_PASSWORD", "VERIFY_EMAIL"]
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and again.writes == [], again["msg"]
    # Once the user has chosen a password, the task does not bring the action back.
    user = read_user(kc, username)
    kc.update_user(user["id"], {"requiredActions": ["VERIFY_EMAIL"]})
    again = module_runner(MODULE, **args)
    assert again["changed"] is False, again["msg"]
    assert read_user(kc, username)["requiredActions"] == ["VERIFY_EMAIL"]


def test_username_keycloak_refuses(module_runner, realm, kc):
    username = "ünï cødé-%s" % uuid.uuid4().hex[:4]
    result = module_runner(MODULE, realm=realm, username=username)
    # Keycloak's default user profile refuses spaces in usernames; its message is passed on.
    assert result.get("failed") is True and "error-username-invalid-character" in result["msg"], result["msg"]
    assert username in result["msg"] and read_user(kc, username) is None


@pytest.mark.parametrize("name", ["Mixed.Case", "zoë.ångström", "anna+tag", "jean-françois@example.org"])
def test_usernames(module_runner, realm, kc, name):
    username = "%s-%s" % (name, uuid.uuid4().hex[:4])
    created = module_runner(MODULE, realm=realm, username=username, first_name="Odd")
    assert created["changed"] is True, created["msg"]
    stored = read_user(kc, username)
    assert stored["username"] == username.lower(), "Keycloak lower-cases usernames"
    for spelling in (username, username.lower(), username.upper()):
        again = module_runner(MODULE, realm=realm, username=spelling, first_name="Odd")
        assert again["changed"] is False and again.writes == [], again["msg"]
    deleted = module_runner(MODULE, realm=realm, username=username.upper(), state="absent")
    assert deleted["changed"] is True and read_user(kc, username) is None


@pytest.mark.parametrize(
    "bad, named",
    [
        ({"groups": ["/staff", "/engineering/nope"]}, "/engineering/nope"),
        ({"realm_roles": ["no-such-role"]}, "no-such-role"),
        ({"client_roles": [{"client_id": "billing", "roles": ["no-such-client-role"]}]}, "no-such-client-role"),
        ({"client_roles": [{"client_id": "no-such-client", "roles": ["x"]}]}, "no-such-client"),
        ({"federated_identities": [{"identity_provider": "no-such-idp", "user_id": "1", "user_name": "n"}]}, "no-such-idp"),
        ({"representation": {"groups": ["/staff"]}}, "groups option"),
    ],
)
def test_unknown_references_fail_before_any_write(module_runner, realm, kc, world, bad, named):
    username = unique("bad")
    result = module_runner(MODULE, realm=realm, username=username, **bad)
    assert result.get("failed") is True and named in result["msg"] and username in result["msg"], result["msg"]
    assert result.writes == [] and read_user(kc, username) is None
    # The same for a user that exists: its other changes are not sent either.
    module_runner(MODULE, realm=realm, username=username, first_name="Before")
    result = module_runner(MODULE, realm=realm, username=username, first_name="After", **bad)
    assert result.get("failed") is True and result.writes == []
    assert read_user(kc, username)["firstName"] == "Before"


def test_duplicate_email_reports_keycloak_message(module_runner, realm, kc):
    first, second = unique("dup"), unique("dup")
    email = "%s@example.org" % first
    assert module_runner(MODULE, realm=realm, username=first, email=email)["changed"] is True
    result = module_runner(MODULE, realm=realm, username=second, email=email)
    assert result.get("failed") is True and result["http_status"] == 409
    assert "same email" in result["msg"] and second in result["msg"], result["msg"]
    module_runner(MODULE, realm=realm, username=second)
    result = module_runner(MODULE, realm=realm, username=second, email=email.upper())
    assert result.get("failed") is True and result["http_status"] == 409, result["msg"]


def test_purges(module_runner, realm, kc, world):
    username = unique("purge")
    default_group = kc.create_group({"name": unique("default")})
    kc.add_realm_default_group(default_group)
    try:
        # A new user gets the realm's default groups and default role; a purging task removes them at once.
        args = dict(realm=realm, username=username, groups=["/staff"], purge_groups=True, realm_roles=["auditor"], purge_roles=True)
        check = module_runner(MODULE, check_mode=True, diff=True, **args)
        created = module_runner(MODULE, diff=True, **args)
        assert contained(created["end_state"], check["end_state"])
        user = read_user(kc, username)
        assert group_paths(kc, user) == ["/staff"]
        assert role_names(kc, user) == {"auditor"}
        again = module_runner(MODULE, **args)
        assert again["changed"] is False and again.writes == [], again["msg"]

        kc.group_user_add(user["id"], world["engineering"])
        kc.assign_realm_roles(user["id"], [kc.get_realm_role("operator")])
        kept = module_runner(MODULE, realm=realm, username=username, groups=["/staff"], realm_roles=["auditor"])
        assert kept["changed"] is False, "without purge, other groups and roles stay"
        purged = module_runner(MODULE, diff=True, **args)
        assert purged["changed"] is True
        assert sorted(purged["diff"]["before"]["groups"]) == ["/engineering", "/staff"] and purged["diff"]["after"]["groups"] == ["/staff"]
        assert group_paths(kc, user) == ["/staff"] and role_names(kc, user) == {"auditor"}

        links = dict(realm=realm, username=username, federated_identities=[{"identity_provider": "corp", "user_id": "1", "user_name": "a"}])
        assert module_runner(MODULE, **links)["changed"] is True
        relinked = dict(links, federated_identities=[{"identity_provider": "corp", "user_id": "2", "user_name": "b"}])
        assert module_runner(MODULE, **relinked)["changed"] is True
        assert [(link["userId"], link["userName"]) for link in kc.get_user_social_logins(user["id"])] == [("2", "b")]
        assert module_runner(MODULE, **relinked)["changed"] is False
        unlinked = module_runner(MODULE, realm=realm, username=username, federated_identities=[], purge_federated_identities=True)
        assert unlinked["changed"] is True and kc.get_user_social_logins(user["id"]) == []
    finally:
        kc.remove_realm_default_group(default_group)


def test_representation_and_partial_attributes(module_runner, realm, kc):
    username = unique("rep")
    created = module_runner(MODULE, realm=realm, username=username, enabled=False, attributes={"a": "1"},
                            representation={"firstName": "From representation", "lastName": "L"})
    assert created["changed"] is True
    user = read_user(kc, username)
    assert user["enabled"] is False and user["firstName"] == "From representation" and user["attributes"] == {"a": ["1"]}
    again = module_runner(MODULE, realm=realm, username=username, attributes={"b": ["2", "3"]}, first_name="Option wins",
                          representation={"firstName": "ignored"})
    assert again["changed"] is True
    user = read_user(kc, username)
    assert user["firstName"] == "Option wins" and user["lastName"] == "L" and user["enabled"] is False
    assert user["attributes"] == {"a": ["1"], "b": ["2", "3"]}
    assert module_runner(MODULE, realm=realm, username=username, attributes={"b": ["2", "3"]})["changed"] is False


def test_attribute_the_user_profile_would_drop_fails_before_any_write(module_runner, admin, keycloak_url, admin_credentials):
    """Keycloak 26 silently drops unmanaged attributes by default: the module says so instead of never converging."""
    name = unique("strict-realm")
    admin.create_realm({"realm": name, "enabled": True})
    try:
        username = unique("strict")
        result = module_runner(MODULE, realm=name, username=username, first_name="S", attributes={"team": "iam"})
        assert result.get("failed") is True and "'team'" in result["msg"] and "unmanagedAttributePolicy" in result["msg"], result["msg"]
        assert result.writes == []
        # Attributes the user profile declares are fine.
        strict = KeycloakAdmin(server_url=keycloak_url, username=admin_credentials["auth_username"], password=admin_credentials["auth_password"],
                               realm_name=name, user_realm_name="master")
        profile = strict.get_user_profile_config()
        profile["attributes"].append({"name": "department", "displayName": "Department", "permissions": {"view": ["admin"], "edit": ["admin"]}})
        strict.update_user_profile_config(profile)
        created = module_runner(MODULE, realm=name, username=username, attributes={"department": "it"})
        assert created["changed"] is True, created["msg"]
        assert module_runner(MODULE, realm=name, username=username, attributes={"department": "it"})["changed"] is False
    finally:
        admin.delete_realm(name)


def test_empty_values_remove_and_rerun_unchanged(module_runner, realm, kc):
    """Keycloak keeps no empty attribute value nor empty name or e-mail: asking for one converges."""
    username = unique("empty")
    base = dict(realm=realm, username=username)
    created = module_runner(MODULE, **dict(base, email="%s@example.org" % username, first_name="F", last_name="L",
                                           attributes={"a": "1", "b": ["2"], "c": "3", "never": [], "blank": ""}))
    assert created["changed"] is True and created["end_state"]["attributes"] == {"a": ["1"], "b": ["2"], "c": ["3"]}
    assert read_user(kc, username)["attributes"] == {"a": ["1"], "b": ["2"], "c": ["3"]}
    for args in ({"attributes": {"b": []}}, {"attributes": {"c": ""}}, {"first_name": ""}, {"email": ""}):
        removed = module_runner(MODULE, **dict(base, **args))
        assert removed["changed"] is True, args
        again = module_runner(MODULE, **dict(base, **args))
        assert again["changed"] is False and again.writes == [], (args, again["msg"])
    user = read_user(kc, username)
    assert user["attributes"] == {"a": ["1"]} and user["lastName"] == "L"
    assert "firstName" not in user and "email" not in user


def test_group_path_spellings_are_one_membership(module_runner, realm, kc, world):
    username = unique("paths")
    module_runner(MODULE, realm=realm, username=username, groups=["/staff"])
    for spelling in ("staff/", "//staff", "staff"):
        again = module_runner(MODULE, realm=realm, username=username, groups=[spelling])
        assert again["changed"] is False and again.writes == [], (spelling, again["msg"])
    assert group_paths(kc, read_user(kc, username)) == ["/staff"]


@pytest.fixture
def totp_by_default(kc):
    """The realm gives every new user CONFIGURE_TOTP (Authentication, Required actions, Set as default action)."""
    action = kc.get_required_action_by_alias("CONFIGURE_TOTP")
    kc.update_required_action("CONFIGURE_TOTP", dict(action, defaultAction=True))
    yield
    kc.update_required_action("CONFIGURE_TOTP", dict(action, defaultAction=False))


def test_required_actions_win_over_the_realm_default_actions(module_runner, realm, kc, totp_by_default):
    username = unique("ra")
    args = dict(realm=realm, username=username, required_actions=["VERIFY_EMAIL"], password="Tmp-pass-1", temporary=True)
    check = module_runner(MODULE, check_mode=True, diff=True, **args)
    created = module_runner(MODULE, diff=True, **args)
    assert contained(created["end_state"], check["end_state"]) and check["diff"] == created["diff"]
    assert sorted(read_user(kc, username)["requiredActions"]) == ["UPDATE_PASSWORD", "VERIFY_EMAIL"]
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and again.writes == [], again["msg"]
    # A task that does not set required_actions leaves the realm's default ones alone.
    other = unique("ra")
    module_runner(MODULE, realm=realm, username=other, first_name="D")
    assert read_user(kc, other)["requiredActions"] == ["CONFIGURE_TOTP"]


def test_refused_password_changes_nothing_else(module_runner, realm, kc, admin):
    username = unique("policy")
    module_runner(MODULE, realm=realm, username=username, first_name="Before", password="Long-enough-1")
    policy = admin.get_realm(realm).get("passwordPolicy") or ""
    admin.update_realm(realm, {"passwordPolicy": "length(12)"})
    try:
        result = module_runner(MODULE, realm=realm, username=username, first_name="After", password="short", update_password="always")
        assert result.get("failed") is True and "minimum length" in result["msg"] and username in result["msg"], result["msg"]
        assert "short" not in result["msg"]
        assert read_user(kc, username)["firstName"] == "Before", "the profile was changed although the password was refused"
    finally:
        admin.update_realm(realm, {"passwordPolicy": policy})


def test_required_actions_spelled_in_another_case_or_unknown(module_runner, realm, kc):
    """Keycloak drops without a word an action it does not know by that exact alias: the task would never converge."""
    username = unique("ra")
    created = module_runner(MODULE, realm=realm, username=username, required_actions=["verify_email"])
    assert created["changed"] is True and read_user(kc, username)["requiredActions"] == ["VERIFY_EMAIL"]
    again = module_runner(MODULE, realm=realm, username=username, required_actions=["verify_email"])
    assert again["changed"] is False and again.writes == [], again["msg"]
    for bad in ("NO_SUCH_ACTION", "delete_account"):  # delete_account: known, but not enabled in a new realm
        result = module_runner(MODULE, realm=realm, username=username, first_name="X", required_actions=["VERIFY_EMAIL", bad])
        assert result.get("failed") is True and bad in result["msg"] and username in result["msg"], result["msg"]
        assert result.writes == [] and "firstName" not in read_user(kc, username)


def test_required_actions_with_duplicates_in_another_case_converge(module_runner, realm, kc):
    username = unique("dup")
    args = dict(realm=realm, username=username, required_actions=["VERIFY_EMAIL", "verify_email"])
    created = module_runner(MODULE, **args)
    assert created["changed"] is True, created["msg"]
    assert read_user(kc, username)["requiredActions"] == ["VERIFY_EMAIL"]
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and again.writes == [], again["msg"]
