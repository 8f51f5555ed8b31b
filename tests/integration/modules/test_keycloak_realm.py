# -*- coding: utf-8 -*-
"""keycloak_realm against the real server."""

import copy
import os
import uuid

import pytest
import requests

from harness import contained, scenario, warnings_of  # pylint: disable=import-error

from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin
from ansible_collections.iam.keycloak.plugins.module_utils.resources.common import realm_or_none

MODULE = "keycloak_realm"


def fresh_name():
    return "realm-%s é" % uuid.uuid4().hex[:6]


def test_realm_lifecycle(module_runner, admin):
    name = fresh_name()

    def read():
        return realm_or_none(admin.get_realm, name)

    args = dict(
        realm=name,
        display_name="First",
        enabled=True,
        access_token_lifespan=600,
        supported_locales=["en", "de"],
        internationalization_enabled=True,
        smtp_server={"host": "smtp.example.com", "port": 25, "from": "sso@example.com", "auth": True, "user": "u", "password": "smtp-secret-1"},
        attributes={"team": "iam"},
        events_listeners=["jboss-logging"],
    )

    def verify(realm):
        assert realm["displayName"] == "First" and realm["accessTokenLifespan"] == 600
        assert realm["smtpServer"]["host"] == "smtp.example.com" and realm["smtpServer"]["port"] == "25"
        assert realm["attributes"]["team"] == "iam"

    def hand_edit():
        admin.update_realm(name, {"loginTheme": "base", "attributes": dict(admin.get_realm(name)["attributes"], handmade="yes")})

    def verify_hand_edit(realm):
        assert realm["loginTheme"] == "base", "a field set by hand was lost"
        assert realm["attributes"]["handmade"] == "yes" and realm["attributes"]["team"] == "iam"
        assert realm["verifyEmail"] is True
        assert realm["smtpServer"]["password"] == "**********" and realm["smtpServer"]["host"] == "smtp.example.com"

    requests = scenario(
        module_runner, MODULE, args, read, verify,
        update={"display_name": "Second", "supported_locales": ["de", "en", "fr"]},
        verify_update=lambda realm: realm["displayName"] == "Second" or pytest.fail("not updated"),
        hand_edit=hand_edit,
        other_update={"verify_email": True},
        verify_hand_edit=verify_hand_edit,
        absent_args={"realm": name},
    )
    assert requests <= 3, "a no-op run should be a login and a read or two"


def test_locale_order_and_number_spelling_do_not_count(module_runner, admin):
    name = fresh_name()
    try:
        first = module_runner(MODULE, realm=name, supported_locales=["en", "de"], smtp_server={"host": "h", "port": 25, "from": "a@b.c"})
        assert first["changed"] is True, first["msg"]
        again = module_runner(MODULE, realm=name, supported_locales=["de", "en"], smtp_server={"port": 25})
        assert again["changed"] is False, again["msg"]
    finally:
        admin.delete_realm(name)


def test_secrets_never_leave_the_module(module_runner, admin):
    name = fresh_name()
    try:
        smtp = {"host": "h", "from": "a@b.c", "auth": True, "user": "u", "password": "very-secret-smtp"}
        result = module_runner(MODULE, diff=True, realm=name, smtp_server=smtp)
        assert "very-secret-smtp" not in result["_stdout"]
        assert result["end_state"]["smtpServer"]["password"] == "********"
        # Keycloak shows the stored password masked: unchanged by default ...
        again = module_runner(MODULE, realm=name, smtp_server={"password": "another-secret"})
        assert again["changed"] is False
        # ... and sent every time with update_password=always.
        always = module_runner(MODULE, diff=True, realm=name, smtp_server={"password": "another-secret"}, update_password="always")
        assert always["changed"] is True and "another-secret" not in always["_stdout"]
    finally:
        admin.delete_realm(name)


def test_default_roles_groups_and_scopes(module_runner, admin):
    name = fresh_name()
    try:
        module_runner(MODULE, realm=name)
        realm_client = type(admin)(connection=copy.copy(admin.connection))
        realm_client.change_current_realm(name)
        realm_client.create_realm_role({"name": "reader"})
        realm_client.create_group({"name": "staff"})
        result = module_runner(MODULE, diff=True, realm=name, default_roles=["reader"], default_groups=["/staff"],
                               optional_client_scopes=["phone"])
        assert result["changed"] is True, result["msg"]
        assert "reader" in [role["name"] for role in realm_client.get_realm_default_roles()]
        again = module_runner(MODULE, realm=name, default_roles=["reader"], default_groups=["/staff"], optional_client_scopes=["phone"])
        assert again["changed"] is False and again.writes == [], again["msg"]
        purged = module_runner(MODULE, realm=name, default_roles=["reader"], purge_default_roles=True)
        assert purged["changed"] is True
        assert [role["name"] for role in realm_client.get_realm_default_roles()] == ["reader"]
    finally:
        admin.change_current_realm("master")
        admin.delete_realm(name)


def test_unknown_default_role_fails_before_any_write(module_runner, admin):
    name = fresh_name()
    try:
        module_runner(MODULE, realm=name)
        result = module_runner(MODULE, realm=name, display_name="Never", default_roles=["no-such-role"])
        assert result["failed"] is True and "no-such-role" in result["msg"]
        assert result.writes == []
        assert admin.get_realm(name).get("displayName") != "Never"
    finally:
        admin.delete_realm(name)


def test_unknown_flow_binding_fails_before_any_write(module_runner, admin, keycloak_url):
    name = fresh_name()
    try:
        refused = module_runner(MODULE, realm=name, browser_flow="no such flow")
        assert refused["failed"] is True and "no such flow" in refused["msg"] and refused.writes == []
        module_runner(MODULE, realm=name, browser_flow="browser")
        in_realm = KeycloakAdmin(server_url=keycloak_url, realm_name=name, user_realm_name="master",
                                 username=os.environ["KEYCLOAK_ADMIN_USER"], password=os.environ["KEYCLOAK_ADMIN_PASSWORD"])
        in_realm.copy_authentication_flow({"newName": "my browser"}, "browser")
        bound = module_runner(MODULE, realm=name, browser_flow="my browser")
        assert bound["changed"] is True and admin.get_realm(name)["browserFlow"] == "my browser"
        refused = module_runner(MODULE, realm=name, browser_flow="still no such flow", display_name="Never")
        assert refused["failed"] is True and refused.writes == []
        assert admin.get_realm(name).get("displayName") != "Never"
    finally:
        admin.delete_realm(name)


def test_defaults_at_create_are_exact_when_purged(module_runner, admin):
    """A new realm has Keycloak's default roles and scopes: listing one is no conflict, purging is done at once."""
    name = fresh_name()
    args = dict(realm=name, default_roles=["offline_access"], purge_default_roles=True,
                default_client_scopes=["profile", "email"], purge_default_client_scopes=True,
                optional_client_scopes=["phone", "roles"], purge_optional_client_scopes=True)
    try:
        check = module_runner(MODULE, check_mode=True, diff=True, **args)
        assert check["changed"] is True and check.writes == []
        created = module_runner(MODULE, diff=True, **args)
        assert not created.get("failed"), created["msg"]
        assert contained(created["end_state"], check["end_state"]) and created["diff"] == check["diff"]
        info = module_runner("keycloak_realm_info", realm=name, include=["default_roles", "default_client_scopes"])["realms"][0]
        assert info["defaultRoles"] == ["offline_access"]
        assert info["defaultDefaultClientScopes"] == ["email", "profile"]
        assert info["defaultOptionalClientScopes"] == ["phone", "roles"]
        again = module_runner(MODULE, **args)
        assert again["changed"] is False and again.writes == [], again["msg"]
    finally:
        admin.delete_realm(name)


def test_default_client_scopes_move_between_the_lists(module_runner, admin):
    name = fresh_name()
    try:
        module_runner(MODULE, realm=name)
        args = dict(realm=name, default_client_scopes=["phone"], optional_client_scopes=["email"])
        check = module_runner(MODULE, check_mode=True, diff=True, **args)
        moved = module_runner(MODULE, diff=True, **args)
        assert moved["changed"] is True and not moved.get("failed"), moved["msg"]
        assert moved["diff"] == check["diff"] and contained(moved["end_state"], check["end_state"])
        info = module_runner("keycloak_realm_info", realm=name, include=["default_client_scopes"])["realms"][0]
        assert "phone" in info["defaultDefaultClientScopes"] and "phone" not in info["defaultOptionalClientScopes"]
        assert "email" in info["defaultOptionalClientScopes"] and "email" not in info["defaultDefaultClientScopes"]
        again = module_runner(MODULE, **args)
        assert again["changed"] is False and again.writes == [], again["msg"]
        both = module_runner(MODULE, realm=name, default_client_scopes=["address"], optional_client_scopes=["address"])
        assert both["failed"] is True and "address" in both["msg"] and both.writes == []
    finally:
        admin.delete_realm(name)


@pytest.mark.parametrize("bad, named", [
    ({"default_roles": ["no-such-role"]}, "no-such-role"),
    ({"default_groups": ["/staff"]}, "/staff"),
    ({"default_client_scopes": ["no-such-scope"]}, "no-such-scope"),
])
def test_defaults_a_new_realm_cannot_have_fail_before_the_create(module_runner, admin, bad, named):
    name = fresh_name()
    try:
        # A dry run plans, as if an earlier task of the play created the role or group, and says so.
        planned = module_runner(MODULE, check_mode=True, realm=name, **bad)
        assert planned.get("failed") is not True and planned["changed"] is True, planned["msg"]
        assert any(named in warning for warning in warnings_of(planned)), warnings_of(planned)
        assert planned.writes == [], planned.writes
        result = module_runner(MODULE, realm=name, **bad)
        assert result.get("failed") is True and named in result["msg"], result["msg"]
        assert result.writes == [], result.writes
        assert realm_or_none(admin.get_realm, name) is None, "the realm was created before the task failed"
    finally:
        if realm_or_none(admin.get_realm, name) is not None:
            admin.delete_realm(name)


def test_smtp_password_is_not_sent_when_other_smtp_settings_change(module_runner, admin):
    """update_password=on_create: the stored password stays when the task changes the SMTP host."""
    name = fresh_name()
    smtp = {"host": "h", "from": "a@b.c", "auth": True, "user": "u", "password": "smtp-first"}
    sent = []
    try:
        module_runner(MODULE, realm=name, smtp_server=smtp)
        original = requests.Session.send

        def send(session, request, **kwargs):
            if request.method == "PUT":
                sent.append(request.body)
            return original(session, request, **kwargs)

        requests.Session.send = send
        try:
            changed = module_runner(MODULE, realm=name, smtp_server=dict(smtp, host="h2", password="smtp-second"))
        finally:
            requests.Session.send = original
        assert changed["changed"] is True and changed["msg"].endswith("updated smtpServer.host"), changed["msg"]
        assert len(sent) == 1 and b"smtp-second" not in sent[0], sent
        assert admin.get_realm(name)["smtpServer"]["host"] == "h2"
    finally:
        admin.delete_realm(name)


def test_what_keycloak_normalises_does_not_flap(module_runner, admin):
    """Duplicates in set-like lists and extra spaces in the password policy: stored normalised, compared normalised."""
    name = fresh_name()
    args = dict(realm=name, supported_locales=["en", "de", "en"], internationalization_enabled=True,
                events_listeners=["jboss-logging", "jboss-logging"], password_policy="length(12)  and   digits(1)")
    try:
        created = module_runner(MODULE, diff=True, **args)
        assert created["changed"] is True, created["msg"]
        stored = admin.get_realm(name)
        assert sorted(stored["supportedLocales"]) == ["de", "en"] and stored["eventsListeners"] == ["jboss-logging"]
        assert stored["passwordPolicy"] == "length(12) and digits(1)"
        again = module_runner(MODULE, **args)
        assert again["changed"] is False and again.writes == [], again["msg"]
    finally:
        admin.delete_realm(name)


def test_admin_permissions_where_the_server_has_them(module_runner, admin, keycloak_version):
    """adminPermissionsEnabled (fine-grained admin permissions v2) exists from Keycloak 26.2: older servers refuse the task before any write."""
    name = fresh_name()
    try:
        if keycloak_version[:2] < (26, 2):
            for existing in (False, True):
                if existing:
                    module_runner(MODULE, realm=name)
                result = module_runner(MODULE, realm=name, display_name="Never", admin_permissions_enabled=True)
                assert result["failed"] is True and "26.2" in result["msg"] and result.writes == [], result["msg"]
            assert admin.get_realm(name).get("displayName") != "Never"
        else:
            created = module_runner(MODULE, realm=name, admin_permissions_enabled=True)
            assert created["changed"] is True and admin.get_realm(name)["adminPermissionsEnabled"] is True, created["msg"]
            again = module_runner(MODULE, realm=name, admin_permissions_enabled=True)
            assert again["changed"] is False and again.writes == [], again["msg"]
    finally:
        if realm_or_none(admin.get_realm, name) is not None:
            admin.delete_realm(name)


def test_a_created_realm_is_enabled_unless_the_task_says_otherwise(module_runner, admin):
    """Keycloak creates a realm sent without ``enabled`` disabled; the collection, like the console, creates it enabled."""
    name, off = fresh_name(), fresh_name()
    try:
        planned = module_runner(MODULE, check_mode=True, diff=True, realm=name, display_name="Shop")
        assert planned["changed"] is True and planned["end_state"]["enabled"] is True
        assert planned["diff"]["after"]["enabled"] is True
        done = module_runner(MODULE, diff=True, realm=name, display_name="Shop")
        assert done["diff"] == planned["diff"] and done["end_state"]["enabled"] is True
        assert admin.get_realm(name)["enabled"] is True
        admin.update_realm(name, {"realm": name, "enabled": False})
        again = module_runner(MODULE, realm=name, display_name="Shop")
        assert again["changed"] is False, "an existing realm's enabled was changed though the task left it out"
        assert admin.get_realm(name)["enabled"] is False
        module_runner(MODULE, realm=off, enabled=False)
        assert admin.get_realm(off)["enabled"] is False
    finally:
        for realm in (name, off):
            if realm_or_none(admin.get_realm, realm) is not None:
                admin.delete_realm(realm)
