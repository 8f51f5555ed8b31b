# -*- coding: utf-8 -*-
"""A task never deletes what it stands on (issue 16, item 4).

Refused before any write, in check mode too, with the reason: the ``master`` realm, the realm the
task is logged in through, and the user the task is logged in as. Deleting a user of the same name in
another realm, or another user, still works. Every refusal is asserted on the real server: the object
is still there afterwards, and the module sent no write.
"""

import os
import uuid

import pytest

ADMIN_USER = os.environ["KEYCLOAK_ADMIN_USER"]
PASSWORD = "guard-rail-Secret-1"


@pytest.fixture(scope="module")
def realm_login(keycloak_url, realm, realm_admin):
    """A user of the test realm with realm-admin rights there, and the connection options that log in as it."""
    username = "ops-%s" % uuid.uuid4().hex[:8]
    user_id = realm_admin.create_user({"username": username, "enabled": True, "firstName": "Op", "lastName": "Erator",
                                       "email": "%s@example.com" % username, "emailVerified": True})
    realm_admin.set_user_password(user_id, PASSWORD, temporary=False)
    management = realm_admin.get_client_id("realm-management")
    realm_admin.assign_client_role(user_id, management, [realm_admin.get_client_role(management, "realm-admin")])
    return {"auth_keycloak_url": keycloak_url, "auth_realm": realm, "auth_username": username, "auth_password": PASSWORD,
            "_username": username}


def _refused(result, *words):
    assert result.get("failed") is True, result.get("msg")
    assert result.writes == [], result.writes
    assert "not deleted" in result["msg"] and all(word in result["msg"] for word in words), result["msg"]


@pytest.mark.parametrize("check_mode", [True, False], ids=["check", "real"])
def test_master_is_never_deleted(module_runner, admin, check_mode):
    result = module_runner("keycloak_realm", check_mode=check_mode, realm="master", state="absent")
    _refused(result, "master", "administration realm")
    assert admin.get_realm("master")["realm"] == "master"


@pytest.mark.parametrize("check_mode", [True, False], ids=["check", "real"])
def test_the_login_realm_is_never_deleted(module_runner, realm_login, realm, admin, check_mode):
    login = dict((key, value) for key, value in realm_login.items() if not key.startswith("_"))
    result = module_runner("keycloak_realm", check_mode=check_mode, realm=realm, state="absent", **login)
    _refused(result, "logged in through this realm", realm)
    assert admin.get_realm(realm)["realm"] == realm


@pytest.mark.parametrize("check_mode", [True, False], ids=["check", "real"])
def test_the_login_user_is_never_deleted(module_runner, realm_login, realm, realm_admin, check_mode):
    login = dict((key, value) for key, value in realm_login.items() if not key.startswith("_"))
    username = realm_login["_username"]
    result = module_runner("keycloak_user", check_mode=check_mode, realm=realm, username=username, state="absent", **login)
    _refused(result, "the account the task is logged in as")
    assert realm_admin.get_user_id(username) is not None
    # Spelled in upper case (Keycloak's usernames are lower case): the same account, refused the same way.
    result = module_runner("keycloak_user", check_mode=check_mode, realm=realm, username=username.upper(), state="absent", **login)
    _refused(result, "the account the task is logged in as")


def test_others_are_deleted_as_before(module_runner, realm_login, realm, realm_admin):
    """The guard is about the login itself: another user of the login realm, and a user named like the
    master admin in another realm, are deleted."""
    login = dict((key, value) for key, value in realm_login.items() if not key.startswith("_"))
    realm_admin.create_user({"username": "colleague", "enabled": True})
    result = module_runner("keycloak_user", realm=realm, username="colleague", state="absent", **login)
    assert result["changed"] is True and not result.get("failed"), result["msg"]
    namesake = module_runner("keycloak_user", realm=realm, username=ADMIN_USER)
    assert namesake["changed"] is True, namesake["msg"]
    # Logged into master as the admin: the test realm's user of the same name is another account.
    deleted = module_runner("keycloak_user", realm=realm, username=ADMIN_USER, state="absent")
    assert deleted["changed"] is True and not deleted.get("failed"), deleted["msg"]
    assert realm_admin.get_user_id(ADMIN_USER) is None
