# -*- coding: utf-8 -*-
"""keycloak_user_federation against the real server and a real, local OpenLDAP (tests/ldap/server.py).

Covered against slapd: the connection and bind test, creating an LDAP provider (its default
mappers adopted, never duplicated), a user-attribute and a group mapper, full and changed-users
syncs that import the directory's users and their group memberships, a login with an LDAP
password, the bind credential never compared nor shown, purging the default mappers.
"""

import importlib.util
import os
import uuid

import pytest
import requests

from harness import fails_or_plans, same_prediction, scenario  # pylint: disable=import-error

MODULE = "keycloak_user_federation"
HERE = os.path.dirname(os.path.abspath(__file__))
LDAP_SERVER = os.path.join(os.path.dirname(os.path.dirname(HERE)), "ldap", "server.py")
DEFAULT_MAPPERS = {"username", "email", "first name", "last name", "creation date", "modify date", "Kerberos principal attribute mapper"}
GROUP_MAPPER = {
    "name": "groups", "provider_id": "group-ldap-mapper",
    "config": {"groups.dn": "ou=groups,dc=example,dc=org", "group.name.ldap.attribute": "cn", "group.object.classes": "groupOfNames",
               "membership.ldap.attribute": "member", "membership.attribute.type": "DN", "membership.user.ldap.attribute": "uid",
               "mode": "READ_ONLY", "user.roles.retrieve.strategy": "LOAD_GROUPS_BY_MEMBER_ATTRIBUTE", "preserve.group.inheritance": False,
               "ignore.missing.groups": False, "memberof.ldap.attribute": "memberOf", "drop.non.existing.groups.during.sync": False,
               "groups.path": "/"},
}
EMPLOYEE_MAPPER = {"name": "employee number", "provider_id": "user-attribute-ldap-mapper",
                   "config": {"ldap.attribute": "employeeNumber", "user.model.attribute": "employeeNumber", "read.only": True,
                              "always.read.value.from.ldap": False, "is.mandatory.in.ldap": False}}


def _load_ldap_server():
    spec = importlib.util.spec_from_file_location("ldap_test_server", LDAP_SERVER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ldap():
    """A private slapd on 127.0.0.1 seeded with alice, bob and carol, and the groups developers and operators."""
    server = _load_ldap_server()
    missing = server.available()
    if missing:
        pytest.skip("no local LDAP server for the user federation tests: %s" % missing)
    url = server.start()
    yield {"url": url, "bind_dn": server.BIND_DN, "password": server.bind_password(), "users_dn": server.USERS_DN}
    server.stop()


def ldap_config(ldap, **extra):
    config = {
        "vendor": "other", "connectionUrl": ldap["url"], "bindDn": ldap["bind_dn"], "authType": "simple", "usersDn": ldap["users_dn"],
        "userObjectClasses": "inetOrgPerson", "usernameLDAPAttribute": "uid", "rdnLDAPAttribute": "uid", "uuidLDAPAttribute": "entryUUID",
        "editMode": "READ_ONLY", "importEnabled": True, "enabled": True, "pagination": False,
    }
    config.update(extra)
    return config


def unique(prefix="ldap"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:6])


def read_provider(kc, name):
    found = kc.get_components({"name": name, "type": "org.keycloak.storage.UserStorageProvider"})
    return found[0] if found else None


def mappers(kc, provider):
    found = kc.get_components({"parent": provider["id"], "type": "org.keycloak.storage.ldap.mappers.LDAPStorageMapper"})
    names = [mapper["name"] for mapper in found]
    assert len(names) == len(set(names)), "duplicated mappers: %s" % names
    return dict((mapper["name"], mapper) for mapper in found)


def can_log_in(keycloak_url, realm, username, password):
    data = {"client_id": "admin-cli", "grant_type": "password", "username": username, "password": password}
    answer = requests.post("%s/realms/%s/protocol/openid-connect/token" % (keycloak_url, realm), data=data, timeout=30)
    return answer.status_code == 200


def test_ldap_provider_lifecycle(module_runner, realm, realm_admin, ldap):
    kc = realm_admin
    name = unique("cörporate ldap")

    def read():
        return read_provider(kc, name)

    args = dict(
        realm=realm, name=name, bind_credential=ldap["password"], config=ldap_config(ldap, fullSyncPeriod=-1),
        # "first name" is one of the mappers Keycloak makes with the provider: adopted, not duplicated.
        mappers=[EMPLOYEE_MAPPER, GROUP_MAPPER, {"name": "first name", "config": {"always.read.value.from.ldap": False}}],
    )

    def verify(provider):
        assert provider["providerId"] == "ldap" and provider["config"]["bindCredential"] == ["**********"]
        assert provider["config"]["connectionUrl"] == [ldap["url"]] and provider["config"]["importEnabled"] == ["true"]
        found = mappers(kc, provider)
        assert DEFAULT_MAPPERS | {"employee number", "groups"} == set(found)
        assert found["first name"]["config"]["always.read.value.from.ldap"] == ["false"]
        assert found["groups"]["config"]["groups.dn"] == ["ou=groups,dc=example,dc=org"]

    def verify_update(provider):
        assert provider["config"]["editMode"] == ["UNSYNCED"]
        assert mappers(kc, provider)["employee number"]["config"]["ldap.attribute"] == ["employeeType"]
        assert mappers(kc, provider)["employee number"]["config"]["user.model.attribute"] == ["employeeNumber"]

    def hand_edit():
        provider = read()
        provider["config"]["batchSizeForSync"] = ["250"]
        kc.update_component(provider["id"], provider)
        kc.create_component({"name": "by hand", "providerId": "hardcoded-ldap-role-mapper", "parentId": provider["id"],
                             "providerType": "org.keycloak.storage.ldap.mappers.LDAPStorageMapper", "config": {"role": ["offline_access"]}})

    def verify_hand_edit(provider):
        assert provider["config"]["cachePolicy"] == ["EVICT_DAILY"] and provider["config"]["evictionHour"] == ["3"]
        assert provider["config"]["batchSizeForSync"] == ["250"], "a config key set by hand was lost"
        assert provider["config"]["editMode"] == ["UNSYNCED"] and provider["config"]["bindCredential"] == ["**********"]
        assert "by hand" in mappers(kc, provider), "the update touched the mappers"

    noop = scenario(
        module_runner, MODULE, args, read, verify,
        update={"config": {"editMode": "UNSYNCED"}, "mappers": [{"name": "employee number", "config": {"ldap.attribute": "employeeType"}}]},
        verify_update=verify_update,
        hand_edit=hand_edit,
        other_update={"config": {"cachePolicy": "EVICT_DAILY", "evictionHour": 3, "evictionMinute": 0}, "mappers": None},
        verify_hand_edit=verify_hand_edit,
        absent_args={"realm": realm, "name": name},
    )
    assert noop <= 3, noop  # login, the provider by name, its mappers


def test_sync_imports_users_and_groups(module_runner, realm, realm_admin, keycloak_url, ldap):
    kc = realm_admin
    name = unique("sync")
    args = dict(realm=realm, name=name, bind_credential=ldap["password"], config=ldap_config(ldap), mappers=[EMPLOYEE_MAPPER, GROUP_MAPPER],
                test_connection=True)
    check = module_runner(MODULE, check_mode=True, diff=True, sync_users="full", **args)
    assert check["changed"] is True and read_provider(kc, name) is None
    # The connection test is the one request of the dry run that is not a read, and it changes nothing.
    assert [url.rsplit("/", 1)[-1] for _method, url in check.writes] == ["testLDAPConnection", "testLDAPConnection"]
    created = module_runner(MODULE, diff=True, sync_users="full", **args)
    same_prediction(check, created)
    [sync] = created["end_state"]["syncUsers"]
    assert sync["action"] == "full" and sync["result"]["added"] == 3 and sync["result"]["failed"] == 0, sync
    assert ldap["password"] not in created["_stdout"]

    users = dict((user["username"], user) for user in kc.get_users())
    assert {"alice", "bob", "carol"} <= set(users)
    assert users["alice"]["federationLink"] == read_provider(kc, name)["id"]
    assert [group["path"] for group in kc.get_user_groups(users["alice"]["id"])] == ["/developers"]
    assert [group["path"] for group in kc.get_user_groups(users["carol"]["id"])] == ["/operators"]
    assert kc.get_user(users["bob"]["id"])["attributes"]["employeeNumber"] == ["1002"]
    assert can_log_in(keycloak_url, realm, "alice", "Alice-Ldap-Pass-1"), "an LDAP user cannot log in with the LDAP password"
    assert not can_log_in(keycloak_url, realm, "alice", "wrong")

    # Without sync_users the task is as wanted; with it, a sync is a change on every run.
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and [url.rsplit("/", 1)[-1] for _m, url in again.writes] == ["testLDAPConnection"] * 2, again["msg"]
    args.pop("test_connection")
    check = module_runner(MODULE, check_mode=True, diff=True, sync_users="changed", **args)
    synced = module_runner(MODULE, diff=True, sync_users="changed", **args)
    same_prediction(check, synced)
    assert synced["changed"] is True and synced["msg"].endswith("syncUsers 'changed' added"), synced["msg"]
    assert [method for method, _url in synced.writes] == ["POST"]
    assert synced["diff"]["before"]["syncUsers"] == [] and synced["diff"]["after"]["syncUsers"] == [{"action": "changed"}]
    assert synced["diff"]["before"]["config"] == synced["diff"]["after"]["config"]
    module_runner(MODULE, realm=realm, name=name, state="absent")
    assert "alice" not in [user["username"] for user in kc.get_users()], "the imported users outlived their provider"


def test_purge_default_mappers(module_runner, realm, realm_admin, ldap):
    name = unique("purge")
    args = dict(realm=realm, name=name, bind_credential=ldap["password"], config=ldap_config(ldap),
                mappers=[{"name": "username"}, {"name": "email"}], purge_mappers=True)
    check = module_runner(MODULE, check_mode=True, diff=True, **args)
    created = module_runner(MODULE, diff=True, **args)
    same_prediction(check, created)
    assert set(mappers(realm_admin, read_provider(realm_admin, name))) == {"username", "email"}
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and again.writes == [], again["msg"]


def test_bind_credential_is_never_compared_shown_or_resent(module_runner, realm, realm_admin, ldap):
    name = unique("secret")
    args = dict(realm=realm, name=name, bind_credential=ldap["password"], config=ldap_config(ldap), test_connection=True)
    created = module_runner(MODULE, diff=True, **args)
    assert created["changed"] is True and ldap["password"] not in created["_stdout"]
    assert created["end_state"]["config"]["bindCredential"] == "********"
    again = module_runner(MODULE, diff=True, **dict(args, bind_credential="not-sent-%s" % ldap["password"]))
    assert again["changed"] is False, "on_create compared or sent the credential: %s" % again["msg"]

    # A wrong credential with always: the test binds with it and fails before anything is written.
    wrong = module_runner(MODULE, **dict(args, bind_credential="Wrong-%s" % ldap["password"], update_secret="always"))
    assert wrong.get("failed") is True and "bind as" in wrong["msg"] and "AuthenticationFailure" in wrong["msg"], wrong["msg"]
    assert [url.rsplit("/", 1)[-1] for _method, url in wrong.writes] == ["testLDAPConnection"] * 2
    assert "Wrong-" not in wrong["_stdout"]
    rotate = dict(args, update_secret="always")
    check = module_runner(MODULE, check_mode=True, diff=True, **rotate)
    rotated = module_runner(MODULE, diff=True, **rotate)
    same_prediction(check, rotated)
    assert rotated["changed"] is True and rotated["diff"]["after"]["config"]["bindCredential"] == "******** (changed)"
    assert ldap["password"] not in rotated["_stdout"]
    # The stored credential still binds (tested with the provider's id and Keycloak's mask).
    assert module_runner(MODULE, realm=realm, name=name, test_connection=True)["changed"] is False

    refused = module_runner(MODULE, realm=realm, name=name, config={"bindCredential": ldap["password"]})
    assert refused.get("failed") is True and "bind_credential" in refused["msg"] and refused.writes == []
    assert ldap["password"] not in refused["_stdout"], "a credential given in config was echoed"


def test_unreachable_ldap_fails_before_any_write(module_runner, realm, realm_admin, ldap):
    name = unique("down")
    result = module_runner(MODULE, realm=realm, name=name, bind_credential=ldap["password"], test_connection=True,
                           config=ldap_config(ldap, connectionUrl="ldap://127.0.0.1:1", connectionTimeout=2000))
    assert result.get("failed") is True and "LDAP test failed" in result["msg"] and "ldap://127.0.0.1:1" in result["msg"], result["msg"]
    assert [url.rsplit("/", 1)[-1] for _method, url in result.writes] == ["testLDAPConnection"]
    assert read_provider(realm_admin, name) is None


@pytest.mark.parametrize(
    "bad, named",
    [
        ({"mappers": [{"name": "typo", "provider_id": "no-such-ldap-mapper"}]}, "no-such-ldap-mapper"),
        ({"mappers": [{"name": "typeless", "config": {"a": "b"}}]}, "provider_id"),
        ({"provider_id": "kerberos", "mappers": [{"name": "x", "provider_id": "user-attribute-ldap-mapper"}]}, "only an LDAP provider"),
        ({"provider_id": "kerberos", "sync_users": "full"}, "only an LDAP provider"),
        ({"representation": {"providerType": "org.keycloak.keys.KeyProvider"}}, "providerType"),
    ],
)
def test_bad_input_fails_before_any_write(module_runner, realm, realm_admin, ldap, bad, named):
    name = unique("bad")
    args = dict(dict(realm=realm, name=name, bind_credential=ldap["password"], config=ldap_config(ldap)), **bad)
    for check_mode in (True, False):
        result = module_runner(MODULE, check_mode=check_mode, **args)
        assert result.get("failed") is True and named in result["msg"] and name in result["msg"], result["msg"]
        assert result.writes == []
    assert read_provider(realm_admin, name) is None


def test_existing_provider_keeps_its_provider_and_mapper_types(module_runner, realm, realm_admin, ldap):
    name = unique("fixed")
    module_runner(MODULE, realm=realm, name=name, bind_credential=ldap["password"], config=ldap_config(ldap))
    for bad, named in (({"provider_id": "kerberos"}, "cannot change"),
                       ({"mappers": [{"name": "email", "provider_id": "full-name-ldap-mapper"}]}, "cannot change its type")):
        result = module_runner(MODULE, realm=realm, name=name, config={"editMode": "UNSYNCED"}, **bad)
        assert result.get("failed") is True and named in result["msg"] and result.writes == [], result["msg"]
    assert read_provider(realm_admin, name)["config"]["editMode"] == ["READ_ONLY"]


@pytest.mark.parametrize("check_mode", [False, True])
def test_missing_realm_fails_or_plans(module_runner, check_mode, ldap):
    realm = "no-realm-%s" % uuid.uuid4().hex[:6]
    result = module_runner(MODULE, check_mode=check_mode, realm=realm, name="corp", bind_credential=ldap["password"],
                           config=ldap_config(ldap), mappers=[GROUP_MAPPER], sync_users="full", test_connection=True)
    fails_or_plans(result, check_mode, realm)
    assert ldap["password"] not in result["_stdout"]
