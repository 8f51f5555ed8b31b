# -*- coding: utf-8 -*-
"""keycloak_realm_config on a realm of many users reads them at once (``bulk.UserSnapshot``): every user page by page,
each group's members, each role's holders. The plans, diffs and end results are the same as when every user is read
by itself (the snapshot turned off), with a fraction of the requests; hand edits are found and repaired; purged users
go.
"""

import base64
import copy
import hashlib
import json
import os
import uuid

import pytest
import requests

from harness import warnings_of  # pylint: disable=import-error

from ansible_collections.iam.keycloak.plugins.module_utils import realm_config
from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin

MODULE = "keycloak_realm_config"
USERS = 60
PASSWORD = "Bulk-password-1"


def document(realm):
    users = []
    for number in range(USERS):
        user = {"username": "user-%03d" % number, "email": "user-%03d@example.com" % number, "firstName": "User",
                "lastName": "N%03d" % number, "enabled": number % 11 != 0, "attributes": {"department": ["d%d" % (number % 4)]},
                "groups": [["/staff", "/staff/editors", "/staff/ops", "/guests"][number % 4]],
                "realmRoles": [["auditor"], ["reader"], [], ["auditor", "reader"]][number % 4]}
        if number % 5 == 0:
            user["clientRoles"] = {"portal": ["editor"] if number % 10 else ["editor", "viewer"]}
        if number % 7 == 0:
            user["requiredActions"] = ["VERIFY_EMAIL"]
        if number % 10 == 0:
            user["credentials"] = [{"type": "password", "value": PASSWORD}]
        users.append(user)
    return {
        "realm": realm,
        "roles": {"realm": [{"name": "auditor"}, {"name": "reader"}],
                  "client": {"portal": [{"name": "editor"}, {"name": "viewer"}]}},
        "clients": [{"clientId": "portal", "publicClient": True, "redirectUris": ["https://portal.example.com/*"]}],
        "groups": [{"name": "staff", "subGroups": [{"name": "editors"}, {"name": "ops"}]}, {"name": "guests"}],
        "users": users,
    }


@pytest.fixture()
def target(admin):
    name = "bulk-%s" % uuid.uuid4().hex[:6]
    admin.create_realm({"realm": name, "enabled": True})
    kc = KeycloakAdmin(connection=copy.copy(admin.connection))
    kc.change_current_realm(name)
    profile = kc.get_user_profile_config()
    profile["unmanagedAttributePolicy"] = "ENABLED"
    kc.update_user_profile_config(profile)
    yield name, kc
    try:
        admin.delete_realm(name)
    except Exception:  # pylint: disable=broad-except
        pass


def ok(result):
    assert not result.get("failed"), result.get("msg")
    return result


def apply(run, monkeypatch, bulk, realm, config, **args):
    """The module's result with the snapshot (``bulk``) or with every user read by itself."""
    monkeypatch.setattr(realm_config, "BULK_USERS", 1 if bulk else 10 ** 6)
    return ok(run(MODULE, realm=realm, config=config, **args))


def test_many_users_plan_alike_with_fewer_requests(module_runner, monkeypatch, target):
    realm, kc = target
    config = document(realm)
    one_by_one = apply(module_runner, monkeypatch, False, realm, config, check_mode=True, diff=True)
    at_once = apply(module_runner, monkeypatch, True, realm, config, check_mode=True, diff=True)
    assert at_once.writes == [] and one_by_one.writes == []
    assert at_once["plan"] == one_by_one["plan"]
    assert at_once["diff"] == one_by_one["diff"]
    assert at_once["plan"]["users"]["counts"] == {"create": USERS, "update": 0, "delete": 0}

    applied = apply(module_runner, monkeypatch, True, realm, config, diff=True)
    assert applied["changes"] == at_once["plan"] and applied["diff"] == at_once["diff"]

    rerun_at_once = apply(module_runner, monkeypatch, True, realm, config)
    rerun_one_by_one = apply(module_runner, monkeypatch, False, realm, config)
    for rerun in (rerun_at_once, rerun_one_by_one):
        assert rerun["changed"] is False and rerun["plan"] == {} and rerun.writes == [], rerun["plan"]
    print("\n%d users, no-op rerun: %d requests with the snapshot, %d reading each user by itself"
          % (USERS, len(rerun_at_once.requests), len(rerun_one_by_one.requests)))
    assert len(rerun_at_once.requests) * 3 < len(rerun_one_by_one.requests)

    user = kc.get_users({"username": "user-010", "exact": True})[0]
    assert kc.get_users({"username": "user-013", "exact": True})[0]["requiredActions"] == []
    assert kc.get_users({"username": "user-014", "exact": True})[0]["requiredActions"] == ["VERIFY_EMAIL"]
    assert [group["path"] for group in kc.get_user_groups(user["id"])] == ["/staff/ops"]
    mappings = kc.get_role_mappings("user", user["id"])
    assert sorted(role["name"] for role in mappings["realmMappings"]) == ["default-roles-%s" % realm]
    assert sorted(role["name"] for role in mappings["clientMappings"]["portal"]["mappings"]) == ["editor", "viewer"]
    assert user["requiredActions"] == [] and user["attributes"]["department"] == ["d2"]


def test_hand_edits_are_found_alike_and_repaired(module_runner, monkeypatch, target):
    realm, kc = target
    config = document(realm)
    apply(module_runner, monkeypatch, True, realm, config)
    ids = dict((number, kc.get_user_id("user-%03d" % number)) for number in (1, 2, 3, 5))
    groups = dict((group["path"], group["id"]) for group in (kc.get_group_by_path(path) for path in ("/staff/editors", "/staff")))
    # By hand, in the console: a user left its group, one got a role, one an attribute changed, one lost a client role,
    # one joined a group the document does not give it (kept: the section is not purged).
    kc.group_user_remove(ids[1], groups["/staff/editors"])
    kc.assign_realm_roles(ids[2], [kc.get_realm_role("auditor")])
    kc.update_user(ids[3], {"username": "user-003", "email": "user-003@example.com", "firstName": "Changed",
                            "attributes": {"department": ["elsewhere"]}})
    portal = kc.get_client_id("portal")
    kc.delete_client_roles_of_user(ids[5], portal, [kc.get_client_role(portal, "editor")])
    kc.group_user_add(ids[3], groups["/staff"])

    one_by_one = apply(module_runner, monkeypatch, False, realm, config, check_mode=True, diff=True)
    at_once = apply(module_runner, monkeypatch, True, realm, config, check_mode=True, diff=True)
    assert at_once["plan"] == one_by_one["plan"] and at_once["diff"] == one_by_one["diff"]
    assert sorted(item["object"] for item in at_once["plan"]["users"]["update"]) == ["user 'user-001'", "user 'user-003'", "user 'user-005'"]
    applied = apply(module_runner, monkeypatch, True, realm, config, diff=True)
    assert applied["changes"] == at_once["plan"]
    assert apply(module_runner, monkeypatch, True, realm, config)["plan"] == {}

    assert [group["path"] for group in kc.get_user_groups(ids[1])] == ["/staff/editors"]
    assert sorted(group["path"] for group in kc.get_user_groups(ids[3])) == ["/guests", "/staff"]
    assert kc.get_user(ids[3])["firstName"] == "User" and kc.get_user(ids[3])["attributes"]["department"] == ["d3"]
    assert [role["name"] for role in kc.get_client_roles_of_user(ids[5], portal)] == ["editor"]
    # Not purged: the role given by hand stays.
    assert "auditor" in [role["name"] for role in kc.get_realm_roles_of_user(ids[2])]


def test_purged_users_go_alike(module_runner, monkeypatch, target):
    realm, kc = target
    config = document(realm)
    apply(module_runner, monkeypatch, True, realm, config)
    # A purged section is exact, nested lists included: each user lists its default role, as an export does.
    for user in config["users"]:
        user["realmRoles"] = user["realmRoles"] + ["default-roles-%s" % realm]
    for name in ("extra-1", "extra-2"):
        kc.create_user({"username": name, "enabled": True})
    one_by_one = apply(module_runner, monkeypatch, False, realm, config, purge=["users"], check_mode=True, diff=True)
    at_once = apply(module_runner, monkeypatch, True, realm, config, purge=["users"], check_mode=True, diff=True)
    assert at_once["plan"] == one_by_one["plan"] and at_once["diff"] == one_by_one["diff"]
    assert at_once["plan"]["users"]["counts"] == {"create": 0, "update": 0, "delete": 2}
    apply(module_runner, monkeypatch, True, realm, config, purge=["users"])
    assert kc.get_user_id("extra-1") is None and kc.get_user_id("extra-2") is None
    assert apply(module_runner, monkeypatch, True, realm, config, purge=["users"])["plan"] == {}


def holders_read(result, role):
    """The reads of ``role``'s holders (``/roles/{role}/users``) that a run sent."""
    return [request for request in result.requests if request[0] == "GET" and ("/roles/%s/users" % role) in request[1]]


def test_only_the_roles_users_list_have_their_holders_read(module_runner, monkeypatch, target):
    """Not purged, a user's role mappings are only added to: the snapshot reads the holders of the roles the document's
    users list, not those of the others (the realm's default role, which every user holds, above all). Listed, the default
    role is compared like any other; the plans are those of every user read by itself."""
    realm, kc = target
    config = document(realm)
    apply(module_runner, monkeypatch, True, realm, config)
    default_role = "default-roles-%s" % realm
    # By hand: one user loses the default role; the document does not list it yet, so nothing is planned.
    ids = dict((number, kc.get_user_id("user-%03d" % number)) for number in (2, 6))
    for number in (2, 6):
        kc.delete_realm_roles_of_user(ids[number], [kc.get_realm_role(default_role)])
    rerun = apply(module_runner, monkeypatch, True, realm, config)
    assert rerun["plan"] == {} and rerun.writes == []
    assert holders_read(rerun, default_role) == [] and holders_read(rerun, "auditor") != []
    # Nor a client's roles, when no user lists one of that client's.
    for user in config["users"]:
        user.pop("clientRoles", None)
    rerun = apply(module_runner, monkeypatch, True, realm, config)
    assert rerun["plan"] == {} and not [request for request in rerun.requests
                                        if "/clients/" in request[1] and request[1].split("?")[0].endswith("/users")]

    # Listed by one of them: read, compared, given back to that user only.
    config["users"][2]["realmRoles"] = config["users"][2]["realmRoles"] + [default_role]
    one_by_one = apply(module_runner, monkeypatch, False, realm, config, check_mode=True, diff=True)
    at_once = apply(module_runner, monkeypatch, True, realm, config, check_mode=True, diff=True)
    assert at_once["plan"] == one_by_one["plan"] and at_once["diff"] == one_by_one["diff"]
    assert [item["object"] for item in at_once["plan"]["users"]["update"]] == ["user 'user-002'"]
    assert holders_read(at_once, default_role) != []
    apply(module_runner, monkeypatch, True, realm, config)
    assert default_role in [role["name"] for role in kc.get_realm_roles_of_user(ids[2])]
    assert default_role not in [role["name"] for role in kc.get_realm_roles_of_user(ids[6])]
    assert apply(module_runner, monkeypatch, True, realm, config)["plan"] == {}


def new_realm(admin, keycloak_url, prefix):
    """A new realm, and a client logged in on its own that manages it (a realm switch of a shared connection would
    switch the other realm's client too)."""
    name = "%s-%s" % (prefix, uuid.uuid4().hex[:6])
    admin.create_realm({"realm": name, "enabled": True})
    kc = KeycloakAdmin(server_url=keycloak_url, username=os.environ["KEYCLOAK_ADMIN_USER"], password=os.environ["KEYCLOAK_ADMIN_PASSWORD"],
                       realm_name="master")
    kc.change_current_realm(name)
    return name, kc


def users_as_keycloak_has_them(kc, realm):
    """Every user with its groups, role mappings and credential types, without ids and times (the realm's default role
    named ``default-roles``)."""
    found = {}
    for user in kc.get_users({"briefRepresentation": False}):
        mappings = kc.get_role_mappings("user", user["id"])
        found[user["username"]] = {
            "user": dict((key, value) for key, value in user.items() if key not in ("id", "createdTimestamp", "access")),
            "groups": sorted(group["path"] for group in kc.get_user_groups(user["id"])),
            "realmRoles": sorted(role["name"].replace("default-roles-%s" % realm, "default-roles")
                                 for role in mappings.get("realmMappings") or []),
            "clientRoles": dict((client, sorted(role["name"] for role in value["mappings"]))
                                for client, value in (mappings.get("clientMappings") or {}).items()),
            "credentials": sorted((credential["type"], credential.get("temporary", False)) for credential in kc.get_credentials(user["id"])),
        }
    return found


@pytest.mark.parametrize("purge,parallelism", [([], 2), (["users"], 2), ([], 1), ([], 3)], ids=["kept", "purged", "serial", "three-at-once"])
def test_users_imported_in_batches_are_those_created_one_by_one(module_runner, monkeypatch, admin, keycloak_url, purge, parallelism):
    """The same document applied to two like realms, new users imported in batches of 25 in one (``parallelism`` batches
    at once) and created one by one in the other: the users are the same, the realm's default role, groups and required
    actions included."""
    realms = {}
    for way in ("imported", "one by one"):
        name, kc = new_realm(admin, keycloak_url, "bulk")
        profile = kc.get_user_profile_config()
        profile["unmanagedAttributePolicy"] = "ENABLED"
        kc.update_user_profile_config(profile)
        # What the admin API gives every new user: a default group and a default required action, besides the default role.
        kc.add_realm_default_group(kc.create_group({"name": "lobby"}))
        totp = [action for action in kc.get_required_actions() if action["alias"] == "CONFIGURE_TOTP"][0]
        kc.update_required_action("CONFIGURE_TOTP", dict(totp, defaultAction=True))
        realms[way] = (name, kc)
    try:
        for way, (name, kc) in realms.items():
            config = document(name)
            config["users"][1]["credentials"] = [{"type": "password", "value": PASSWORD, "temporary": True}]
            if purge:
                for user in config["users"][::2]:
                    user["realmRoles"] = user["realmRoles"] + ["default-roles-%s" % name]
            if way == "imported":
                monkeypatch.setattr(realm_config, "BULK_USERS", 1)
                monkeypatch.setattr(realm_config, "IMPORT_BATCH", 25)
            else:
                monkeypatch.setattr(realm_config, "BULK_USERS", 10 ** 6)
            applied = ok(module_runner(MODULE, realm=name, config=config, purge=purge, parallelism=parallelism))
            assert applied["changes"]["users"]["counts"]["create"] == USERS
            imports = [request for request in applied.writes if request[1].endswith("/partialImport")]
            assert len(imports) == (3 if way == "imported" else 0), imports
            rerun = ok(module_runner(MODULE, realm=name, config=config, purge=purge, parallelism=parallelism))
            assert rerun["plan"] == {} and rerun.writes == [], rerun["plan"]
        imported, one_by_one = (users_as_keycloak_has_them(kc, name) for name, kc in realms.values())
        assert imported == one_by_one
        assert len(imported) == USERS
        # The realm's defaults were given (or purged) alike: a user with no required actions of its own has the default one.
        assert ("/lobby" in imported["user-001"]["groups"]) is not bool(purge)
        assert imported["user-002"]["user"]["requiredActions"] == ["CONFIGURE_TOTP"]
        assert ("default-roles" in imported["user-003"]["realmRoles"]) is not bool(purge)
    finally:
        for name, _kc in realms.values():
            admin.delete_realm(name)


def as_export_dir(config, folder, per_file=20):
    """``config`` written as ``kc.sh export --dir`` writes a realm: its realm file, and its users ``per_file`` a file."""
    folder.mkdir(exist_ok=True)
    realm = config["realm"]
    (folder / ("%s-realm.json" % realm)).write_text(json.dumps(dict((key, value) for key, value in config.items() if key != "users")))
    for number, start in enumerate(range(0, len(config["users"]), per_file)):
        (folder / ("%s-users-%d.json" % (realm, number))).write_text(json.dumps({"realm": realm, "users": config["users"][start:start + per_file]}))
    return {"src": str(folder)}


@pytest.mark.parametrize("source", ["config", "src"])
@pytest.mark.parametrize("bulk_users", [1, 20])
def test_a_batch_keycloak_refuses_is_written_user_by_user_naming_the_refused_one(module_runner, monkeypatch, target, bulk_users, source, tmp_path):
    """Keycloak answers a bare 500 to an import with a password its policy refuses: the batch wrote nothing, its users
    are created one by one, and the task stops at the refused user with Keycloak's own message. The run kept of each only
    what the import sends (``_Importing``; from the first user, or once 20 were planned), and plans them again from the
    document: the task's (``config``), or the users files of a ``src`` folder read again."""
    realm, kc = target
    kc.update_realm(realm, {"passwordPolicy": "length(12)"})
    config = document(realm)
    config["users"][30]["credentials"] = [{"type": "password", "value": "short"}]
    monkeypatch.setattr(realm_config, "BULK_USERS", bulk_users)

    def given():
        return {"config": config} if source == "config" else as_export_dir(config, tmp_path / "export")

    failed = module_runner(MODULE, realm=realm, **given())
    assert failed.get("failed") and "user 'user-030'" in failed["msg"] and "invalidPasswordMinLengthMessage" in failed["msg"], failed["msg"]
    assert len([request for request in failed.writes if request[1].endswith("/partialImport")]) == 1
    assert kc.get_user_id("user-029") is not None and kc.get_user_id("user-030") is None
    config["users"][30]["credentials"] = [{"type": "password", "value": PASSWORD}]
    applied = ok(module_runner(MODULE, realm=realm, **given()))
    assert applied["changes"]["users"]["counts"]["create"] == USERS - 30
    assert ok(module_runner(MODULE, realm=realm, **given()))["plan"] == {}


def hashed_password(password, salt=b"round-trip-salt!", iterations=27500):
    """A password credential as kc.sh export writes one (Keycloak's pbkdf2-sha256: a 512-bit key)."""
    key = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations, dklen=64)
    return {"id": "0d2c-exported", "type": "password", "createdDate": 1700000000000, "userLabel": "from the old server",
            "secretData": json.dumps({"value": base64.b64encode(key).decode(), "salt": base64.b64encode(salt).decode(), "additionalParameters": {}}),
            "credentialData": json.dumps({"hashIterations": iterations, "algorithm": "pbkdf2-sha256", "additionalParameters": {}})}


@pytest.mark.parametrize("bulk", [False, True], ids=["created-one-by-one", "imported"])
def test_hashed_credentials_of_an_export_are_stored_at_creation_only(module_runner, monkeypatch, keycloak_url, target, bulk):
    """A user's hashed password, as kc.sh export writes it, is stored as it is when the user is created (by its own create
    or by the import): the user logs in with the password, the diff masks the hash, and a rerun, even with
    ``update_password: always`` (which cannot replace a hash), writes nothing."""
    realm, kc = target
    config = {"realm": realm, "users": [{"username": "moved-%02d" % number, "enabled": True, "email": "moved-%02d@example.com" % number,
                                         "firstName": "Moved", "lastName": "User", "credentials": [hashed_password(PASSWORD)]}
                                        for number in range(3)]}
    monkeypatch.setattr(realm_config, "BULK_USERS", 1 if bulk else 10 ** 6)
    plan = ok(module_runner(MODULE, realm=realm, config=config, check_mode=True, diff=True))
    applied = ok(module_runner(MODULE, realm=realm, config=config, diff=True))
    assert applied["changes"] == plan["plan"] and applied["diff"] == plan["diff"]
    assert len([request for request in applied.writes if request[1].endswith("/partialImport")]) == (1 if bulk else 0)
    assert '"value"' not in json.dumps(applied["diff"]) or "round-trip-salt" not in json.dumps(applied["diff"])
    assert base64.b64encode(b"round-trip-salt!").decode() not in json.dumps(applied["diff"]) + json.dumps(applied["changes"])
    stored = kc.get_credentials(kc.get_user_id("moved-01"))
    assert [(item["type"], item.get("userLabel"), json.loads(item["credentialData"])["algorithm"]) for item in stored] == [
        ("password", "from the old server", "pbkdf2-sha256")]
    token = requests.post("%s/realms/%s/protocol/openid-connect/token" % (keycloak_url, realm), timeout=30, data={
        "grant_type": "password", "client_id": "admin-cli", "username": "moved-01", "password": PASSWORD})
    assert token.status_code == 200, token.text
    for update_password in ("on_create", "always"):
        rerun = ok(module_runner(MODULE, realm=realm, config=config, update_password=update_password))
        assert rerun["plan"] == {} and rerun.writes == [], rerun["plan"]
    assert any("hashed credentials" in warning and "users[1]" in warning for warning in warnings_of(rerun)), warnings_of(rerun)


ROLES = 24
GROUPS = 24


def roles_and_groups(realm):
    """Many realm roles (one composite), two clients with roles, many top-level groups with role mappings and
    attributes, some with subgroups."""
    return {
        "realm": realm,
        "roles": {"realm": [{"name": "role-%02d" % number, "description": "Role %d" % number,
                             "attributes": {"tier": ["t%d" % (number % 3)]} if number % 2 else {}} for number in range(ROLES)]
                  + [{"name": "all-roles", "composite": True, "composites": {"realm": ["role-00", "role-01"], "client": {"app-a": ["viewer"]}}}],
                  "client": {"app-a": [{"name": "viewer"}, {"name": "editor", "description": "Edits"}],
                             "app-b": [{"name": "reader"}, {"name": "writer", "attributes": {"scope": ["write"]}}]}},
        "clients": [{"clientId": "app-a", "publicClient": True, "redirectUris": ["https://a.example.com/*"]},
                    {"clientId": "app-b", "publicClient": True, "redirectUris": ["https://b.example.com/*"]}],
        "groups": [dict({"name": "group-%02d" % number, "realmRoles": ["role-%02d" % (number % ROLES)],
                         "clientRoles": {"app-a": ["viewer"]} if number % 3 == 0 else {},
                         "attributes": {"site": ["s%d" % (number % 2)]}},
                        **({"subGroups": [{"name": "team", "realmRoles": ["role-01"]}]} if number % 5 == 0 else {}))
                   for number in range(GROUPS)],
    }


def both_ways(module_runner, monkeypatch, admin, keycloak_url, prefix, document, read, imports, **args):
    """Apply ``document(realm)`` to two new realms, through partial imports (``imports`` of them) and object by object:
    the plan equals the apply and a rerun writes nothing, both ways. Returns ``read(kc)`` of each realm and its
    ``(applied, planned)`` results, by way."""
    found, results = {}, {}
    for way in ("imported", "one by one"):
        name, kc = new_realm(admin, keycloak_url, prefix)
        try:
            monkeypatch.setattr(realm_config, "BULK_CREATES", 1 if way == "imported" else 10 ** 6)
            monkeypatch.setattr(realm_config, "IMPORT_BATCH", 10)
            config = document(name)
            planned = ok(module_runner(MODULE, realm=name, config=config, check_mode=True, diff=True, **args))
            applied = ok(module_runner(MODULE, realm=name, config=config, diff=True, **args))
            assert applied["changes"] == planned["plan"] and applied["diff"] == planned["diff"]
            made = [request for request in applied.writes if request[1].endswith("/partialImport")]
            assert len(made) == (imports if way == "imported" else 0), made
            results[way] = (applied, planned)
            rerun = ok(module_runner(MODULE, realm=name, config=config, **args))
            assert rerun["plan"] == {} and rerun.writes == [], rerun["plan"]
            found[way] = read(kc)
        finally:
            admin.delete_realm(name)
    return found, results


def roles_and_groups_as_keycloak_has_them(kc):
    """Realm and client roles (description, attributes, composites) and groups (tree, attributes, role mappings), without
    ids."""
    def role(found):
        composites = sorted(child["name"] for child in kc.get_composite_roles_of_role_by_id(found["id"])) if found.get("composite") else []
        return {"description": found.get("description"), "attributes": found.get("attributes") or {}, "composites": composites}

    def group(found):
        return {"attributes": found.get("attributes") or {}, "realmRoles": sorted(found.get("realmRoles") or []),
                "clientRoles": dict((client, sorted(names)) for client, names in (found.get("clientRoles") or {}).items()),
                "subGroups": sorted(child["path"] for child in kc.get_group_children(found["id"]))}

    realm_roles = dict((found["name"].replace(kc.get_current_realm(), "<realm>"), role(found))
                       for found in kc.get_realm_roles(brief_representation=False))
    client_roles = {}
    for client_id in ("app-a", "app-b"):
        uuid = kc.get_client_id(client_id)
        client_roles[client_id] = dict((found["name"], role(found)) for found in kc.get_client_roles(uuid, brief_representation=False))
    groups = {}
    for top in kc.get_groups({"briefRepresentation": False}):
        groups[top["path"]] = group(top)
        for child in kc.get_group_children(top["id"]):
            groups[child["path"]] = group(kc.get_group_by_path(child["path"]))
    return {"realm roles": realm_roles, "client roles": client_roles, "groups": groups}


def test_roles_and_groups_imported_in_batches_are_those_created_one_by_one(module_runner, monkeypatch, admin, keycloak_url):
    """Many new realm roles, client roles and top-level groups go in through partial import (a composite role and the
    subgroups by their own writes); another realm gets the same document object by object: the same roles and groups,
    the same plan, and a rerun of either writes nothing."""
    # the two clients; realm roles: 24 in batches of 10; each client's roles; groups: 24 in batches of 10.
    found, results = both_ways(module_runner, monkeypatch, admin, keycloak_url, "bulkrg", roles_and_groups, roles_and_groups_as_keycloak_has_them,
                               1 + 3 + 2 + 3)
    imported, one_by_one = found["imported"], found["one by one"]
    assert imported == one_by_one
    assert len(imported["groups"]) == GROUPS + 5 and imported["groups"]["/group-05/team"]["realmRoles"] == ["role-01"]
    assert imported["realm roles"]["all-roles"]["composites"] == ["role-00", "role-01", "viewer"]
    assert imported["client roles"]["app-b"]["writer"]["attributes"] == {"scope": ["write"]}
    print("\n%d realm roles, 4 client roles, %d groups: %d writes through imports, %d one by one"
          % (ROLES + 1, GROUPS + 5, len(results["imported"][0].writes), len(results["one by one"][0].writes)))
    assert len(results["imported"][0].writes) * 3 < len(results["one by one"][0].writes)


def test_roles_and_groups_read_at_once_plan_alike_after_hand_edits(module_runner, monkeypatch, admin, keycloak_url):
    """Planned with the roles and groups read at once (``bulk.RoleSnapshot``, ``bulk.GroupSnapshot``) or each by
    itself: the same plan and diffs after hand edits of roles, client roles, groups and subgroups, with fewer requests."""
    name, kc = new_realm(admin, keycloak_url, "bulkrd")
    try:
        config = roles_and_groups(name)
        ok(module_runner(MODULE, realm=name, config=config))
        # By hand, in the console.
        kc.update_realm_role("role-03", {"name": "role-03", "description": "Changed", "attributes": {"tier": ["t0"]}})
        app_b = kc.get_client_id("app-b")
        kc.update_client_role(app_b, "writer", {"name": "writer", "attributes": {}})
        group = kc.get_group_by_path("/group-07")
        kc.update_group(group["id"], {"name": "group-07", "attributes": {"site": ["elsewhere"]}})
        kc.delete_group_realm_roles(group["id"], [kc.get_realm_role("role-07")])
        team = kc.get_group_by_path("/group-10/team")
        kc.delete_group_realm_roles(team["id"], [kc.get_realm_role("role-01")])
        plans = {}
        for way, threshold in (("at once", 1), ("one by one", 10 ** 6)):
            monkeypatch.setattr(realm_config, "BULK_READS", threshold)
            plans[way] = ok(module_runner(MODULE, realm=name, config=config, check_mode=True, diff=True))
        assert plans["at once"]["plan"] == plans["one by one"]["plan"] and plans["at once"]["diff"] == plans["one by one"]["diff"]
        assert sorted(item["object"] for item in plans["at once"]["plan"]["roles"]["update"]) == [
            "client role 'writer' of client 'app-b'", "realm role 'role-03'"]
        assert sorted(item["object"] for item in plans["at once"]["plan"]["groups"]["update"]) == [
            "group '/group-07'", "group '/group-10/team'"]
        print("\nplan after hand edits: %d requests with roles and groups read at once, %d each by itself"
              % (len(plans["at once"].requests), len(plans["one by one"].requests)))
        assert len(plans["at once"].requests) * 2 < len(plans["one by one"].requests)
        monkeypatch.setattr(realm_config, "BULK_READS", 1)
        applied = ok(module_runner(MODULE, realm=name, config=config, diff=True))
        assert applied["changes"] == plans["at once"]["plan"]
        rerun = ok(module_runner(MODULE, realm=name, config=config))
        assert rerun["plan"] == {} and rerun.writes == []
        assert kc.get_realm_role("role-03")["description"] == "Role 3"
        assert kc.get_group_by_path("/group-10/team")["realmRoles"] == ["role-01"]
    finally:
        admin.delete_realm(name)


SECRET_ATTRIBUTES = ("client.secret.creation.time",)


def clients_and_providers(realm):
    """Clients of every shape a document gives (an export's full OpenID Connect client, a hand-written one, public,
    bearer-only, with mappers, with scope lists, with a flow override, with a service account or authorization services,
    SAML) and identity providers (OpenID Connect with a secret and a first broker login flow, social, SAML, one with a
    mapper)."""
    exported = {"protocol": "openid-connect", "publicClient": False, "bearerOnly": False, "secret": "Exported-secret-1",
                "rootUrl": "https://exported.example.com", "adminUrl": "", "redirectUris": ["https://exported.example.com/*"],
                "webOrigins": ["+"], "directAccessGrantsEnabled": False, "standardFlowEnabled": True, "fullScopeAllowed": False,
                "attributes": {"backchannel.logout.session.required": "false", "backchannel.logout.revoke.offline.tokens": "true",
                               "pkce.code.challenge.method": "S256"},
                "protocolMappers": [{"name": "department", "protocol": "openid-connect", "protocolMapper": "oidc-usermodel-attribute-mapper",
                                     "config": {"user.attribute": "department", "claim.name": "department", "access.token.claim": "true"}}],
                "defaultClientScopes": ["web-origins", "profile", "roles"], "optionalClientScopes": ["email", "phone"]}
    clients = []
    for number in range(6):
        clients.append(dict(exported, clientId="exported-%d" % number))
    for number in range(4):
        clients.append({"clientId": "hand-%d" % number, "redirectUris": ["https://hand%d.example.com/*" % number]})
    clients += [
        {"clientId": "named-minimal", "protocol": "openid-connect"},
        {"clientId": "named-public", "protocol": "openid-connect", "publicClient": True, "attributes": {"backchannel.logout.session.required": "false"}},
        {"clientId": "named-root", "protocol": "openid-connect", "rootUrl": "https://root.example.com"},
        {"clientId": "bearer", "bearerOnly": True},
        {"clientId": "scopes-moved", "defaultClientScopes": ["email"], "optionalClientScopes": ["profile"]},
        {"clientId": "overridden", "authenticationFlowBindingOverrides": {"browser": "custom-browser"}},
        {"clientId": "with-service-account", "publicClient": False, "serviceAccountsEnabled": True},
        {"clientId": "with-authz", "publicClient": False, "serviceAccountsEnabled": True, "authorizationServicesEnabled": True},
        {"clientId": "saml-sp", "protocol": "saml"},
    ]
    providers = [{"alias": "oidc-%d" % number, "providerId": "oidc", "firstBrokerLoginFlowAlias": "custom-browser",
                  "config": {"clientId": "rp", "clientSecret": "Idp-secret-%d" % number, "authorizationUrl": "https://idp.example.com/auth",
                             "tokenUrl": "https://idp.example.com/token", "syncMode": "IMPORT"}} for number in range(3)]
    providers += [{"alias": "github", "providerId": "github", "config": {"clientId": "gh", "clientSecret": "Gh-secret"}},
                  {"alias": "saml-idp", "providerId": "saml", "config": {"singleSignOnServiceUrl": "https://saml.example.com/sso"}},
                  {"alias": "mapped", "providerId": "oidc", "config": {"clientId": "m", "clientSecret": "M-secret",
                                                                       "authorizationUrl": "https://m.example.com/auth",
                                                                       "tokenUrl": "https://m.example.com/token"}}]
    return {
        "realm": realm,
        "authenticationFlows": [{"alias": "custom-browser", "providerId": "basic-flow", "topLevel": True, "builtIn": False,
                                 "authenticationExecutions": [{"authenticator": "auth-cookie", "requirement": "ALTERNATIVE"}]}],
        "clients": clients,
        "identityProviders": providers,
        "identityProviderMappers": [{"name": "department", "identityProviderAlias": "mapped", "identityProviderMapper": "hardcoded-attribute-idp-mapper",
                                     "config": {"attribute": "department", "attribute.value": "sales", "syncMode": "INHERIT"}}],
    }


def differences(left, right, path=""):
    """The paths where two JSON values differ, with both sides."""
    if isinstance(left, dict) and isinstance(right, dict):
        return [found for key in sorted(set(left) | set(right)) for found in differences(left.get(key), right.get(key), "%s.%s" % (path, key))]
    return [] if left == right else ["%s: %r != %r" % (path, left, right)]


def clients_and_providers_as_keycloak_has_them(kc):
    """The document's clients (settings, mappers, scope links, service account roles, authorization settings) and
    identity providers, without ids and times."""
    def bare(value):
        if isinstance(value, dict):
            return dict((key, bare(item)) for key, item in value.items()
                        if key not in ("id", "internalId", "containerId", "clientScopeId", "_id") + SECRET_ATTRIBUTES)
        if isinstance(value, list):
            return sorted((bare(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
        return value

    flows = dict((flow["id"], flow["alias"]) for flow in kc.get_authentication_flows())
    clients = {}
    for client in kc.get_clients():
        if client["clientId"] in realm_config.BUILT_IN_CLIENTS:
            continue
        uuid = client["id"]
        found = bare(client)
        if not client["clientId"].startswith("exported-"):
            found.pop("secret", None)  # Keycloak makes one
        found["authenticationFlowBindingOverrides"] = dict((binding, flows.get(flow)) for binding, flow
                                                           in (client.get("authenticationFlowBindingOverrides") or {}).items())
        if client["protocol"] == "saml":
            # Keycloak makes a new signing key for every SAML client.
            found["attributes"] = dict((key, value) for key, value in found["attributes"].items()
                                       if key not in ("saml.signing.certificate", "saml.signing.private.key", "saml.artifact.binding.identifier"))
        found["linked default scopes"] = sorted(scope["name"] for scope in kc.get_client_default_client_scopes(uuid))
        found["linked optional scopes"] = sorted(scope["name"] for scope in kc.get_client_optional_client_scopes(uuid))
        found["roles"] = sorted(role["name"] for role in kc.get_client_roles(uuid))
        if client.get("serviceAccountsEnabled"):
            account = kc.get_client_service_account_user(uuid)
            mappings = json.dumps(bare(kc.get_role_mappings("user", account["id"])))
            found["service account roles"] = json.loads(mappings.replace(kc.get_current_realm(), "<realm>"))
        if client.get("authorizationServicesEnabled"):
            found["authorization"] = bare(kc.get_client_authz_settings(uuid))
        clients[client["clientId"]] = found
    providers = {}
    for provider in kc.get_idps():
        providers[provider["alias"]] = dict(bare(provider), mappers=bare(kc.get_idp_mappers(provider["alias"])))
    return {"clients": clients, "identity providers": providers}


@pytest.mark.parametrize("purge", [[], ["clients", "identityProviders"]], ids=["kept", "purged"])
def test_clients_and_identity_providers_imported_in_batches_are_those_created_one_by_one(module_runner, monkeypatch, admin, keycloak_url, purge):
    """Many new clients and identity providers go in through partial import: those it makes exactly as the admin API's
    create does (OpenID Connect clients without a service account or authorization services; identity providers
    without mappers); the others by their own writes. Another realm gets the same document object by object: the same
    clients and providers, the same plan and diff, and a rerun of either writes nothing."""
    # 15 clients in batches of 10, 5 identity providers in one.
    found, results = both_ways(module_runner, monkeypatch, admin, keycloak_url, "bulkcl", clients_and_providers,
                               clients_and_providers_as_keycloak_has_them, 2 + 1, purge=purge)
    writes = dict((way, len(applied.writes)) for way, (applied, _planned) in results.items())
    imported, one_by_one = found["imported"], found["one by one"]
    assert imported == one_by_one, "\n".join(differences(imported, one_by_one))
    exported = imported["clients"]["exported-0"]
    # What the document says, not what Keycloak's create sets when a client names its protocol.
    assert exported["attributes"]["backchannel.logout.session.required"] == "false"
    assert exported["attributes"]["backchannel.logout.revoke.offline.tokens"] == "true"
    assert exported["directAccessGrantsEnabled"] is False and exported["secret"] == "Exported-secret-1"
    if purge:
        assert exported["linked default scopes"] == ["profile", "roles", "web-origins"] and exported["linked optional scopes"] == ["email", "phone"]
    else:
        # Without a purge a new client keeps the realm's default scopes, but for one the document lists as optional.
        assert {"profile", "roles", "web-origins", "acr"} <= set(exported["linked default scopes"]) and "email" not in exported["linked default scopes"]
        assert {"email", "phone"} <= set(exported["linked optional scopes"])
    assert imported["clients"]["named-minimal"]["publicClient"] is True
    assert imported["clients"]["named-root"]["redirectUris"] == ["https://root.example.com/*"]
    assert imported["clients"]["overridden"]["authenticationFlowBindingOverrides"] == {"browser": "custom-browser"}
    assert imported["identity providers"]["oidc-0"]["firstBrokerLoginFlowAlias"] == "custom-browser"
    print("\n%d clients, %d identity providers: %d writes through imports, %d one by one"
          % (len(imported["clients"]), len(imported["identity providers"]), writes["imported"], writes["one by one"]))
    assert writes["imported"] * 2 < writes["one by one"]


def test_clients_scopes_and_providers_read_at_once_plan_alike_after_hand_edits(module_runner, monkeypatch, admin, keycloak_url):
    """Planned with the clients, client scopes and identity providers read at once (``bulk.ListSnapshot``) or each by
    itself: the same plan and diffs after hand edits, with fewer requests; the apply repairs them and the rerun writes
    nothing."""
    name, kc = new_realm(admin, keycloak_url, "bulkls")
    try:
        config = clients_and_providers(name)
        config["clientScopes"] = [{"name": "scope-%d" % number, "protocol": "openid-connect", "description": "Scope %d" % number,
                                   "attributes": {"include.in.token.scope": "true"}} for number in range(3)]
        ok(module_runner(MODULE, realm=name, config=config))
        # By hand, in the console.
        uuid = kc.get_client_id("exported-1")
        client = kc.get_client(uuid)
        client["attributes"]["pkce.code.challenge.method"] = "plain"
        client["description"] = "Changed by hand"
        kc.update_client(uuid, dict((key, value) for key, value in client.items() if key != "protocolMappers"))
        kc.delete_client_optional_client_scope(uuid, [scope["id"] for scope in kc.get_client_scopes() if scope["name"] == "phone"][0])
        scope = [scope for scope in kc.get_client_scopes() if scope["name"] == "scope-1"][0]
        kc.update_client_scope(scope["id"], dict(scope, description="Changed by hand"))
        provider = kc.get_idp("github")
        kc.update_idp("github", dict(provider, displayName="Changed by hand"))
        plans = {}
        for way, threshold in (("at once", 1), ("one by one", 10 ** 6)):
            monkeypatch.setattr(realm_config, "BULK_LISTS", threshold)
            plans[way] = ok(module_runner(MODULE, realm=name, config=config, check_mode=True, diff=True))
        assert plans["at once"]["plan"] == plans["one by one"]["plan"] and plans["at once"]["diff"] == plans["one by one"]["diff"]
        assert [item["object"] for item in plans["at once"]["plan"]["clients"]["update"]] == ["client 'exported-1'"]
        assert [item["object"] for item in plans["at once"]["plan"]["clientScopes"]["update"]] == ["client scope 'scope-1'"]
        print("\nplan after hand edits: %d requests with clients, scopes and providers read at once, %d each by itself"
              % (len(plans["at once"].requests), len(plans["one by one"].requests)))
        assert len(plans["at once"].requests) + 20 < len(plans["one by one"].requests)
        monkeypatch.setattr(realm_config, "BULK_LISTS", 1)
        applied = ok(module_runner(MODULE, realm=name, config=config, diff=True))
        assert applied["changes"] == plans["at once"]["plan"]
        rerun = ok(module_runner(MODULE, realm=name, config=config))
        assert rerun["plan"] == {} and rerun.writes == [], rerun["plan"]
        repaired = kc.get_client(uuid)
        assert repaired["attributes"]["pkce.code.challenge.method"] == "S256" and "phone" in repaired["optionalClientScopes"]
        # A field the document does not list is left as the hand edit made it.
        assert repaired["description"] == "Changed by hand"
    finally:
        admin.delete_realm(name)
