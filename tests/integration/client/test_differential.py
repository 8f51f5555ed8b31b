# -*- coding: utf-8 -*-
"""python-keycloak 4.7.3 and this client, call for call, against the same Keycloak.

The admin client promises python-keycloak's ``KeycloakAdmin``: same methods, same arguments,
same return values and exceptions. This test proves it the only convincing way: one scenario
calls every method of the reference page, once through python-keycloak (a dev requirement,
never a runtime one) and once through this client, each in a realm of its own on the same
server, with the same arguments. What each call returned (ids, timestamps, secrets and the
realm's own name masked) or raised (class, HTTP status, ``str()``) must be the same.

A method may differ only where ``docs/client.md`` lists it, with the reason, in the table under
"Differences from python-keycloak": that table is this test's allow-list, and a listed method that
no longer differs fails the test too, so the page and the code cannot drift apart.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import copy
import datetime
import json
import os
import re
import socket
import subprocess
import tempfile
import uuid

import pytest
import requests

from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin
from reference import method_names  # tests/keycloak  pylint: disable=import-error

reference_keycloak = pytest.importorskip("keycloak", reason="python-keycloak (requirements-dev.txt) is not installed")
ReferenceAdmin = reference_keycloak.KeycloakAdmin

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
CLIENT_DOC = os.path.join(REPO, "docs", "client.md")
ALLOW_LIST_HEADING = "## Differences from python-keycloak"
REFERENCE_VERSION = "4.7.3"

ADMIN_USER = os.environ["KEYCLOAK_ADMIN_USER"]
ADMIN_PASSWORD = os.environ["KEYCLOAK_ADMIN_PASSWORD"]
PASSWORD = "Diff-pass-1234"
USER_STORAGE = "org.keycloak.storage.UserStorageProvider"

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Server-generated values that differ between two runs of the same calls.
VOLATILE_KEYS = frozenset((
    "id", "createdTimestamp", "createdDate", "time", "timestamp", "start", "lastAccess", "lastFailure", "notBefore",
    "secret", "token", "sessionId",
))


# --------------------------------------------------------------------------- the reference and the allow-list


def reference_methods():
    """Every public synchronous method of the reference, from the signatures the repository keeps."""
    return method_names()


def documented_differences(text=None):
    """``{method: reason}`` from the allow-list table of docs/client.md."""
    if text is None:
        with open(CLIENT_DOC, encoding="utf-8") as handle:
            text = handle.read()
    start = text.find(ALLOW_LIST_HEADING)
    assert start >= 0, "docs/client.md has no section %r" % ALLOW_LIST_HEADING
    section = text[start + len(ALLOW_LIST_HEADING):]
    following = section.find("\n## ")
    section = section if following < 0 else section[:following]
    documented = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and re.match(r"^`\w+`$", cells[0]):
            name = cells[0].strip("`")
            assert name not in documented, "%s is listed twice in docs/client.md" % name
            assert cells[-1], "%s is listed without a reason" % name
            documented[name] = cells[-1]
    return documented


# --------------------------------------------------------------------------- recording and comparing


class Raised:
    """What a call that raised hands back to the scenario."""

    def __init__(self, error):
        self.error = error

    def __repr__(self):
        return "Raised(%s: %s)" % (type(self.error).__name__, self.error)


class Recorder:
    """Calls methods of one client and keeps what each call returned or raised, by label."""

    def __init__(self, admin):
        self.admin = admin
        self.records = collections.OrderedDict()
        self.counts = collections.Counter()

    def __call__(self, method, *args, **kwargs):
        """``admin.method(*args, **kwargs)``; ``keep_=f`` records ``f(result)`` instead of the result."""
        keep = kwargs.pop("keep_", None)
        self.counts[method] += 1
        label = method if self.counts[method] == 1 else "%s#%d" % (method, self.counts[method])
        try:
            result = getattr(self.admin, method)(*args, **kwargs)
        except Exception as error:  # pylint: disable=broad-except
            self.records[label] = ("raised", type(error).__name__, getattr(error, "response_code", None), "%s" % error)
            return Raised(error)
        kept = keep(copy.deepcopy(result)) if keep is not None else copy.deepcopy(result)
        self.records[label] = ("returned", kept)
        return result


def normalize(value, realm):
    """``value`` with the realm's name, ids and server-generated values masked; lists in a canonical order."""
    if isinstance(value, dict):
        return dict((normalize(key, realm), "<volatile>" if key in VOLATILE_KEYS else normalize(item, realm)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        items = [normalize(item, realm) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    if isinstance(value, bytes):
        return {"<bytes>": normalize(value.decode("utf-8", "replace"), realm)}
    if isinstance(value, str):
        return UUID.sub("<id>", value.replace(realm, "<realm>"))
    return value


def method_of(label):
    return label.split("#", 1)[0]


# --------------------------------------------------------------------------- the scenario


class Context:
    """What the scenario needs besides the client under test: its realm, a setup client, fixed inputs."""

    def __init__(self, url, realm, ldap_port, pem, after_upload):
        self.url = url
        self.realm = realm
        self.ldap_port = ldap_port
        self.pem = pem
        self.after_upload = after_upload
        # Setup the reference has no method for goes through this client, identically for both runs.
        self.setup = KeycloakAdmin(server_url=url, username=ADMIN_USER, password=ADMIN_PASSWORD, realm_name=realm, user_realm_name="master")

    def login(self, username, client_id="admin-cli", secret=None):
        data = {"grant_type": "password", "client_id": client_id, "username": username, "password": PASSWORD}
        if secret:
            data["client_secret"] = secret
        answer = requests.post("%s/realms/%s/protocol/openid-connect/token" % (self.url, self.realm), data=data, timeout=30)
        assert answer.status_code == 200, answer.text


def only(items, **wanted):
    found = [item for item in items if all(item.get(key) == value for key, value in wanted.items())]
    assert len(found) == 1, (wanted, items)
    return found[0]


def scenario(call, ctx):
    """Every method of the reference page, with arguments that make the server answer, and errors on purpose."""
    realm = ctx.realm
    call("get_current_realm")
    realms(call, ctx, realm)
    call("change_current_realm", realm)
    call("get_current_realm")
    realm_id = call("get_realm", realm)["id"]
    call("partial_import_realm", realm, {"ifResourceExists": "SKIP", "roles": {"realm": [{"name": "partial-role"}]}})
    call("export_realm", export_clients=True, export_groups_and_role=True)
    call("export_realm")
    call("get_server_info", keep_=lambda info: (sorted(info), info["systemInfo"]["version"]))
    call("get_keys", keep_=lambda keys: (sorted(keys["active"]), sorted((k["algorithm"], k["type"], k["status"]) for k in keys["keys"])))
    call("set_events", {"eventsEnabled": True, "adminEventsEnabled": True, "adminEventsDetailsEnabled": False,
                        "eventsListeners": ["jboss-logging"], "enabledEventTypes": []})
    users = users_and_sessions(call, ctx)
    groups = groups_and_members(call, users)
    clients = clients_and_secrets(call, ctx, users)
    scope_id = client_scopes(call, clients)
    roles(call, ctx, users, groups, clients, scope_id)
    call("delete_client_scope", scope_id)
    call("delete_client_scope", scope_id)
    identity_providers(call, users)
    authentication(call, ctx)
    authorization(call, ctx, clients)
    components(call, ctx, realm_id)
    realm_upkeep(call, users)
    call("delete_user", users["bob"])
    call("delete_user", users["bob"])
    call("change_current_realm", "master")
    call("delete_realm", realm)


def realms(call, ctx, realm):
    call("create_realm", {"realm": realm, "enabled": True, "displayName": "Differential"})
    call("create_realm", {"realm": realm, "enabled": True}, skip_exists=True)
    call("create_realm", {"realm": realm, "enabled": True})
    call("get_realm", realm + "-none")
    call("get_realms", keep_=lambda found: sorted(item["realm"] for item in found if item["realm"].startswith(realm)))
    call("update_realm", realm, {"displayName": "Differential ü"})
    call("update_realm", realm + "-none", {"displayName": "x"})
    imported = realm + "-imp"
    call("import_realm", {"realm": imported, "enabled": True, "roles": {"realm": [{"name": "imported"}]},
                          "users": [{"username": "imp-user", "enabled": True}]})
    call("import_realm", {"realm": imported, "enabled": True})
    call("delete_realm", imported)
    call("delete_realm", imported)


def users_and_sessions(call, ctx):
    alice_rep = {"username": "alice", "email": "alice@example.org", "firstName": "Alice", "lastName": "Liddell", "enabled": True,
                 "credentials": [{"type": "password", "value": PASSWORD, "temporary": False}]}
    alice = call("create_user", alice_rep)
    call("create_user", alice_rep, exist_ok=True)
    call("create_user", {"username": "alice", "email": "other@example.org"})
    bob = call("create_user", {"username": "bob", "enabled": True})
    call("users_count")
    call("users_count", {"username": "ali"})
    call("get_user_id", "alice")
    call("get_user_id", "ALICE")
    call("get_user_id", "nobody")
    call("get_user", alice)
    call("get_user", "no-such-user")
    call("get_users")
    call("get_users", {"username": "ali"})
    call("get_users", {"first": 0, "max": 1})
    call("update_user", alice, {"firstName": "Alicia"})
    call("update_user", "no-such-user", {"firstName": "x"})
    call("disable_user", bob)
    call("enable_user", bob)
    call("disable_all_users")
    call("get_users", {"enabled": False}, keep_=lambda found: sorted(user["username"] for user in found))
    call("enable_all_users")
    call("get_users", {"enabled": True}, keep_=lambda found: sorted(user["username"] for user in found))
    call("set_user_password", bob, PASSWORD, temporary=False)
    call("set_user_password", "no-such-user", PASSWORD)
    credentials = call("get_credentials", bob)
    call("delete_credential", bob, credentials[0]["id"])
    call("delete_credential", bob, "no-such-credential")
    call("get_credentials", bob)
    ctx.login("alice")
    call("get_sessions", alice)
    call("user_consents", alice)
    call("get_client_sessions_stats")
    call("user_logout", alice)
    call("get_sessions", alice)
    call("get_events", {"type": "LOGIN"}, keep_=_scopes_sorted)
    call("get_admin_events", {"operationTypes": "CREATE", "resourceTypes": "USER"})
    # No SMTP server is set up: Keycloak's "Failed to send ..." comes back as an error.
    call("send_update_account", alice, ["UPDATE_PASSWORD"])
    call("send_update_account", alice, ["UPDATE_PASSWORD"], client_id="no-such-client", lifespan=600)
    call("send_verify_email", alice)
    call("send_verify_email", alice, client_id="no-such-client", redirect_uri="https://example.org/")
    call("get_bruteforce_detection_status", alice)
    call("clear_bruteforce_attempts_for_user", alice)
    call("clear_all_bruteforce_attempts")
    return {"alice": alice, "bob": bob}


def groups_and_members(call, users):
    g1 = call("create_group", {"name": "g1", "attributes": {"a": ["1"]}})
    g1a = call("create_group", {"name": "g1a"}, parent=g1)
    call("create_group", {"name": "g1a1"}, parent=g1a)
    call("create_group", {"name": "g1b"}, parent=g1)
    g2 = call("create_group", {"name": "g2"})
    spaced = call("create_group", {"name": "g space"}, parent=g1)
    call("get_group_by_path", "/g1/g space")
    call("delete_group", spaced)
    call("create_group", {"name": "g2"}, skip_exists=True)
    call("create_group", {"name": "g2"})
    call("create_group", {"name": "orphan"}, parent="no-such-group")
    call("get_groups")
    call("get_groups", {"search": "g1a1"})
    call("get_groups", full_hierarchy=True)
    call("get_groups", {"first": 0, "max": 1})
    shallow = call("get_group", g1)
    deep = call("get_group", g1, full_hierarchy=True)
    call("get_group", "no-such-group")
    call("get_subgroups", shallow, "/g1/g1b")
    call("get_subgroups", deep, "/g1/g1a/g1a1")
    call("get_subgroups", shallow, "/g1/g1a/g1a1")
    call("get_subgroups", shallow, "/g1/nope")
    call("get_group_children", g1)
    call("get_group_children", g1, {"max": 1})
    call("get_group_children", g1, full_hierarchy=True)
    call("get_group_children", g1, {"max": 1}, True)
    call("get_group_children", "no-such-group")
    call("get_group_by_path", "/g1/g1a")
    call("get_group_by_path", "/g1/nope")
    call("update_group", g2, {"name": "g2", "attributes": {"b": ["2"]}})
    call("update_group", "no-such-group", {"name": "x"})
    call("groups_count")
    call("groups_count", {"search": "g1"})
    call("group_set_permissions", g2, True)
    call("group_user_add", users["alice"], g1a)
    call("group_user_add", users["alice"], "no-such-group")
    call("get_group_members", g1a)
    call("get_group_members", g1a, {"first": 0, "max": 1})
    call("get_user_groups", users["alice"])
    call("get_user_groups", users["alice"], brief_representation=False)
    call("get_user_groups", users["alice"], {"first": 0, "max": 5})
    call("group_user_remove", users["alice"], g1a)
    call("group_user_remove", users["alice"], "no-such-group")
    call("delete_group", g2)
    call("delete_group", g2)
    return {"g1": g1, "g1a": g1a}


def clients_and_secrets(call, ctx, users):
    app_rep = {"clientId": "app", "name": "App", "redirectUris": ["https://app.example.org/*"], "publicClient": False,
               "secret": "app-secret-1", "serviceAccountsEnabled": True, "directAccessGrantsEnabled": True}
    app = call("create_client", app_rep)
    call("create_client", {"clientId": "app"}, skip_exists=True)
    call("create_client", {"clientId": "app"})
    plain = call("create_client", {"clientId": "plain", "publicClient": True})
    other = call("create_client", {"clientId": "other", "publicClient": False, "secret": "other-secret-1"})
    call("get_clients")
    call("get_client", app)
    call("get_client", "no-such-client")
    call("get_client_id", "app")
    call("get_client_id", "no-such-client")
    call("update_client", app, dict(app_rep, description="changed"))
    call("update_client", "no-such-client", {"clientId": "x"})
    call("get_client_installation_provider", app, "keycloak-oidc-keycloak-json")
    call("get_client_installation_provider", app, "keycloak-oidc-jboss-subsystem")
    call("get_client_installation_provider", app, "no-such-provider")
    call("get_client_service_account_user", app)
    call("get_client_service_account_user", plain)
    call("get_client_secrets", app, keep_=sorted)
    call("generate_client_secrets", app, keep_=sorted)
    call("get_client_secrets", plain)
    call("generate_client_secrets", "no-such-client")
    mapper = {"name": "team", "protocol": "openid-connect", "protocolMapper": "oidc-hardcoded-claim-mapper",
              "config": {"claim.name": "team", "claim.value": "iam", "access.token.claim": "true", "jsonType.label": "String"}}
    call("get_mappers_from_client", app)
    call("add_mapper_to_client", app, mapper)
    call("add_mapper_to_client", app, mapper)
    mapper_id = only(call("get_mappers_from_client", app), name="team")["id"]
    call("update_client_mapper", app, mapper_id, dict(mapper, id=mapper_id, config=dict(mapper["config"], **{"claim.value": "ops"})))
    call("get_mappers_from_client", app)
    call("remove_client_mapper", app, mapper_id)
    call("remove_client_mapper", app, mapper_id)
    call("get_mappers_from_client", "no-such-client")
    secret = ctx.setup.get_client_secrets(app)["value"]
    ctx.login("alice", "app", secret)
    call("get_client_all_sessions", app)
    call("get_client_sessions_stats")
    call("get_client_management_permissions", app)
    call("update_client_management_permissions", {"enabled": True}, app)
    call("upload_certificate", app, ctx.pem)
    ctx.after_upload()
    call("upload_certificate", "no-such-client", ctx.pem)
    ctx.after_upload()
    call("delete_client", plain)
    call("delete_client", plain)
    return {"app": app, "other": other}


def client_scopes(call, clients):
    app = clients["app"]
    call("get_client_scopes")
    scope_rep = {"name": "cs-diff", "protocol": "openid-connect", "attributes": {"include.in.token.scope": "true"}}
    scope_id = call("create_client_scope", scope_rep)
    call("create_client_scope", scope_rep, skip_exists=True)
    call("create_client_scope", scope_rep)
    call("get_client_scope", scope_id)
    call("get_client_scope", "no-such-scope")
    call("get_client_scope_by_name", "cs-diff")
    call("get_client_scope_by_name", "no-such-scope")
    call("update_client_scope", scope_id, dict(scope_rep, description="changed"))
    call("update_client_scope", "no-such-scope", scope_rep)
    mapper = {"name": "dept", "protocol": "openid-connect", "protocolMapper": "oidc-hardcoded-claim-mapper",
              "config": {"claim.name": "dept", "claim.value": "it", "id.token.claim": "true", "jsonType.label": "String"}}
    call("get_mappers_from_client_scope", scope_id)
    call("add_mapper_to_client_scope", scope_id, mapper)
    call("add_mapper_to_client_scope", scope_id, mapper)
    mapper_id = only(call("get_mappers_from_client_scope", scope_id), name="dept")["id"]
    call("update_mapper_in_client_scope", scope_id, mapper_id, dict(mapper, id=mapper_id, config=dict(mapper["config"], **{"claim.value": "hr"})))
    call("get_mappers_from_client_scope", scope_id)
    call("delete_mapper_from_client_scope", scope_id, mapper_id)
    call("delete_mapper_from_client_scope", scope_id, mapper_id)
    call("get_default_default_client_scopes")
    call("add_default_default_client_scope", scope_id)
    call("get_default_default_client_scopes")
    call("delete_default_default_client_scope", scope_id)
    call("delete_default_default_client_scope", scope_id)
    call("get_default_optional_client_scopes")
    call("add_default_optional_client_scope", scope_id)
    call("get_default_optional_client_scopes")
    call("delete_default_optional_client_scope", scope_id)
    call("delete_default_optional_client_scope", scope_id)
    link = {"clientScopeId": scope_id}
    call("get_client_default_client_scopes", app)
    call("add_client_default_client_scope", app, scope_id, link)
    call("get_client_default_client_scopes", app)
    call("delete_client_default_client_scope", app, scope_id)
    call("delete_client_default_client_scope", app, scope_id)
    call("get_client_optional_client_scopes", app)
    call("add_client_optional_client_scope", app, scope_id, link)
    call("get_client_optional_client_scopes", app)
    call("delete_client_optional_client_scope", app, scope_id)
    call("delete_client_optional_client_scope", app, scope_id)
    call("add_client_default_client_scope", app, "no-such-scope", link)
    return scope_id


def roles(call, ctx, users, groups, clients, scope_id):
    alice, app, other, g1 = users["alice"], clients["app"], clients["other"], groups["g1"]
    call("get_realm_roles")
    call("get_realm_roles", brief_representation=False)
    call("get_realm_roles", search_text="offl")
    call("create_realm_role", {"name": "r1", "description": "role one"})
    call("create_realm_role", {"name": "r1"}, skip_exists=True)
    call("create_realm_role", {"name": "r1"})
    call("create_realm_role", {"name": "r2"})
    call("create_realm_role", {"name": "r3"})
    call("create_realm_role", {"name": "r space ü"})
    call("get_realm_role", "r space ü")
    call("delete_realm_role", "r space ü")
    r1 = call("get_realm_role", "r1")
    r2 = call("get_realm_role", "r2")
    r3 = call("get_realm_role", "r3")
    call("get_realm_role", "no-such-role")
    call("get_realm_role_by_id", r1["id"])
    call("get_realm_role_by_id", "no-such-role")
    call("get_role_by_id", r1["id"])
    call("get_role_by_id", "no-such-role")
    call("update_realm_role", "r2", {"name": "r2", "description": "two"})
    call("update_realm_role", "no-such-role", {"name": "x"})
    call("update_role_by_id", r2["id"], {"name": "r2", "description": "two again"})
    call("update_role_by_id", "no-such-role", {"name": "x"})
    call("add_composite_realm_roles_to_role", "r1", [r2])
    call("add_composite_realm_roles_to_role", "no-such-role", [r2])
    call("get_composite_realm_roles_of_role", "r1")
    call("remove_composite_realm_roles_to_role", "r1", [r2])
    call("get_composite_realm_roles_of_role", "r1")
    call("get_default_realm_role_id")
    call("get_realm_default_roles")
    call("add_realm_default_roles", [r2])
    call("get_realm_default_roles")
    call("remove_realm_default_roles", [r2])
    call("get_realm_default_roles")
    # realm roles of a user and of a group
    call("assign_realm_roles", alice, [r1])
    call("assign_realm_roles", users["bob"], r1)
    call("assign_realm_roles", alice, {"id": "no-such-role", "name": "none"})
    call("get_realm_roles_of_user", alice)
    call("get_available_realm_roles_of_user", alice)
    call("get_composite_realm_roles_of_user", alice)
    call("get_composite_realm_roles_of_user", alice, brief_representation=False)
    call("get_realm_role_members", "r1")
    call("get_realm_role_members", "r1", {"first": 0, "max": 1})
    call("delete_realm_roles_of_user", alice, [r1])
    call("delete_realm_roles_of_user", users["bob"], r1)
    call("get_realm_roles_of_user", alice)
    call("assign_group_realm_roles", g1, [r1])
    call("get_group_realm_roles", g1)
    call("get_group_realm_roles", g1, brief_representation=False)
    call("get_realm_role_groups", "r1")
    call("get_realm_role_groups", "r1", {"first": 0, "max": 1}, brief_representation=False)
    call("delete_group_realm_roles", g1, [r1])
    call("get_group_realm_roles", g1)
    # client roles
    call("get_client_roles", app)
    call("create_client_role", app, {"name": "cr1", "description": "client role"})
    call("create_client_role", app, {"name": "cr1"}, skip_exists=True)
    call("create_client_role", app, {"name": "cr1"})
    call("create_client_role", app, {"name": "cr2"})
    call("create_client_role", app, {"name": "cr space"})
    call("get_client_role", app, "cr space")
    call("delete_client_role", app, "cr space")
    cr1 = call("get_client_role", app, "cr1")
    cr2 = call("get_client_role", app, "cr2")
    call("get_client_role", app, "no-such-role")
    call("get_client_role_id", app, "cr1")
    call("get_client_role_id", app, "no-such-role")
    call("get_client_roles", app, brief_representation=False)
    call("update_client_role", app, "cr2", {"name": "cr2", "description": "two"})
    call("update_client_role", app, "no-such-role", {"name": "x"})
    call("add_composite_client_roles_to_role", app, "cr1", [cr2, r3])
    call("get_role_client_level_children", app, cr1["id"])
    call("get_role_client_level_children", app, "no-such-role")
    call("remove_composite_client_roles_from_role", app, "cr1", [cr2])
    call("get_role_client_level_children", app, cr1["id"])
    call("assign_client_role", alice, app, [cr1])
    call("assign_client_role", alice, app, cr2)
    call("assign_client_role", users["bob"], app, [cr1])
    call("get_client_role_members", app, "cr1")
    call("get_client_role_members", app, "cr1", first=0, max=1)
    call("get_client_roles_of_user", alice, app)
    call("get_available_client_roles_of_user", alice, app)
    call("get_composite_client_roles_of_user", alice, app)
    call("get_composite_client_roles_of_user", alice, app, brief_representation=True)
    call("get_all_roles_of_user", alice)
    call("delete_client_roles_of_user", alice, app, [cr1, cr2])
    call("delete_client_roles_of_user", users["bob"], app, cr1)
    call("get_client_roles_of_user", alice, app)
    call("assign_group_client_roles", g1, app, [cr1])
    call("assign_group_client_roles", groups["g1a"], app, cr1)
    call("get_group_client_roles", g1, app)
    call("get_composite_client_roles_of_group", app, g1)
    call("get_composite_client_roles_of_group", app, g1, brief_representation=False)
    call("get_client_role_groups", app, "cr1")
    call("get_client_role_groups", app, "cr1", first=0, max=1)
    call("delete_group_client_roles", g1, app, [cr1])
    call("delete_group_client_roles", groups["g1a"], app, cr1)
    call("get_group_client_roles", g1, app)
    # the dedicated scope of a client
    call("assign_realm_roles_to_client_scope", other, [r1])
    call("get_realm_roles_of_client_scope", other)
    call("delete_realm_roles_of_client_scope", other, [r1])
    call("get_realm_roles_of_client_scope", other)
    call("assign_client_roles_to_client_scope", other, app, [cr1])
    call("get_client_roles_of_client_scope", other, app)
    call("delete_client_roles_of_client_scope", other, app, [cr1])
    call("get_client_roles_of_client_scope", other, app)
    # a client scope
    call("add_client_specific_roles_to_client_scope", scope_id, app, [cr1])
    call("get_client_specific_roles_of_client_scope", scope_id, app)
    call("get_all_roles_of_client_scope", scope_id)
    call("remove_client_specific_roles_of_client_scope", scope_id, app, [cr1])
    call("get_client_specific_roles_of_client_scope", scope_id, app)
    call("get_all_roles_of_client_scope", "no-such-scope")
    # deletes
    call("delete_client_role", app, "cr2")
    call("delete_client_role", app, "cr2")
    call("delete_realm_role", "r2")
    call("delete_realm_role", "r2")
    call("delete_role_by_id", r3["id"])
    call("delete_role_by_id", r3["id"])


def identity_providers(call, users):
    alice = users["alice"]
    idp = {"alias": "github", "providerId": "github", "enabled": True, "config": {"clientId": "gh-client", "clientSecret": "gh-secret"}}
    call("get_idps")
    call("create_idp", idp)
    call("create_idp", idp)
    call("get_idps")
    call("get_idp", "github")
    call("get_idp", "no-such-idp")
    call("update_idp", "github", dict(idp, displayName="GitHub"))
    call("update_idp", "no-such-idp", dict(idp, alias="no-such-idp"))
    mapper = {"name": "source", "identityProviderAlias": "github", "identityProviderMapper": "hardcoded-attribute-idp-mapper",
              "config": {"attribute": "source", "attribute.value": "gh", "syncMode": "INHERIT"}}
    call("get_idp_mappers", "github")
    call("add_mapper_to_idp", "github", mapper)
    mapper_rep = only(call("get_idp_mappers", "github"), name="source")
    call("update_mapper_in_idp", "github", mapper_rep["id"], dict(mapper_rep, config=dict(mapper["config"], **{"attribute.value": "github"})))
    call("get_idp_mappers", "github")
    call("get_idp_mappers", "no-such-idp")
    call("get_user_social_logins", alice)
    call("add_user_social_login", alice, "github", "gh-1", "alice-gh")
    call("add_user_social_login", alice, "github", "gh-1", "alice-gh")
    call("get_user_social_logins", alice)
    call("delete_user_social_login", alice, "github")
    call("delete_user_social_login", alice, "github")
    call("delete_idp", "github")
    call("delete_idp", "github")


def authentication(call, ctx):
    flow = {"alias": "diff-flow", "providerId": "basic-flow", "topLevel": True, "builtIn": False, "description": "made twice"}
    call("get_authentication_flows")
    call("create_authentication_flow", flow)
    call("create_authentication_flow", flow, skip_exists=True)
    call("create_authentication_flow", flow)
    flow_id = only(call("get_authentication_flows"), alias="diff-flow")["id"]
    call("get_authentication_flow_for_id", flow_id)
    call("get_authentication_flow_for_id", "no-such-flow")
    call("copy_authentication_flow", {"newName": "diff-copy"}, "browser")
    call("copy_authentication_flow", {"newName": "diff-copy"}, "browser")
    call("create_authentication_flow_execution", {"provider": "auth-otp-form"}, "diff-flow")
    call("create_authentication_flow_execution", {"provider": "identity-provider-redirector"}, "diff-flow")
    call("create_authentication_flow_execution", {"provider": "no-such-provider"}, "diff-flow")
    subflow = {"alias": "diff-sub", "type": "basic-flow", "provider": "registration-page-form", "description": "sub"}
    call("create_authentication_flow_subflow", subflow, "diff-flow")
    call("create_authentication_flow_subflow", subflow, "diff-flow", skip_exists=True)
    call("create_authentication_flow_subflow", subflow, "diff-flow")
    executions = call("get_authentication_flow_executions", "diff-flow")
    call("get_authentication_flow_executions", "no-such-flow")
    otp = only(executions, providerId="auth-otp-form")
    call("update_authentication_flow_executions", dict(otp, requirement="REQUIRED"), "diff-flow")
    call("update_authentication_flow_executions", dict(otp, requirement="NO-SUCH"), "diff-flow")
    call("get_authentication_flow_execution", otp["id"])
    call("get_authentication_flow_execution", "no-such-execution")
    redirector = only(executions, providerId="identity-provider-redirector")
    config_id = ctx.setup.create_authenticator_config({"alias": "diff-cfg", "config": {"defaultProvider": "x"}}, redirector["id"])
    config = call("get_authenticator_config", config_id)
    call("update_authenticator_config", dict(config, config={"defaultProvider": "y"}), config_id)
    call("get_authenticator_config", config_id)
    call("delete_authenticator_config", config_id)
    call("delete_authenticator_config", config_id)
    call("get_authenticator_config", config_id)
    call("get_authenticator_providers")
    call("get_authenticator_provider_config_description", "identity-provider-redirector")
    call("get_authenticator_provider_config_description", "no-such-provider")
    call("delete_authentication_flow_execution", otp["id"])
    call("delete_authentication_flow_execution", otp["id"])
    call("delete_authentication_flow", flow_id)
    call("delete_authentication_flow", flow_id)
    call("get_required_actions")
    action = call("get_required_action_by_alias", "CONFIGURE_TOTP")
    call("get_required_action_by_alias", "no-such-action")
    call("update_required_action", "CONFIGURE_TOTP", dict(action, defaultAction=True))
    call("update_required_action", "no-such-action", dict(action, alias="no-such-action"))
    call("update_required_action", "CONFIGURE_TOTP", json.dumps(dict(action, defaultAction=False)))
    call("get_required_action_by_alias", "CONFIGURE_TOTP")


def authorization(call, ctx, clients):
    rs = call("create_client", {"clientId": "rs", "publicClient": False, "serviceAccountsEnabled": True,
                                "authorizationServicesEnabled": True, "secret": "rs-secret-1"})
    call("get_client_authz_settings", rs)
    call("get_client_authz_settings", "no-such-client")
    call("create_client_authz_scopes", rs, {"name": "read"})
    call("create_client_authz_scopes", rs, {"name": "write"})
    call("create_client_authz_scopes", rs, {"name": "read"})
    scopes = call("get_client_authz_scopes", rs)
    read = only(scopes, name="read")["id"]
    resource_rep = {"name": "doc", "uris": ["/doc"], "scopes": [{"name": "read"}, {"name": "write"}]}
    resource = call("create_client_authz_resource", rs, resource_rep)
    call("create_client_authz_resource", rs, resource_rep, skip_exists=True)
    call("create_client_authz_resource", rs, resource_rep)
    resource_id = resource["_id"]
    call("get_client_authz_resources", rs)
    call("get_client_authz_resource", rs, resource_id)
    call("get_client_authz_resource", rs, "no-such-resource")
    call("update_client_authz_resource", rs, resource_id, dict(resource_rep, displayName="Document"))
    call("update_client_authz_resource", rs, "no-such-resource", resource_rep)
    role_id = ctx.setup.get_realm_role("r1")["id"]
    role_policy = call("create_client_authz_role_based_policy", rs, {"name": "role-pol", "roles": [{"id": role_id}]})
    call("create_client_authz_role_based_policy", rs, {"name": "role-pol", "roles": [{"id": role_id}]}, skip_exists=True)
    call("create_client_authz_role_based_policy", rs, {"name": "role-pol", "roles": [{"id": role_id}]})
    time_rep = {"name": "time-pol", "type": "time", "logic": "POSITIVE", "config": {"hour": "8", "hourEnd": "18"}}
    time_policy = call("create_client_authz_policy", rs, time_rep)
    call("create_client_authz_policy", rs, time_rep, skip_exists=True)
    call("create_client_authz_policy", rs, time_rep)
    call("create_client_authz_client_policy", {"name": "client-pol", "clients": [clients["app"]], "logic": "POSITIVE"}, rs)
    call("create_client_authz_client_policy", {"name": "client-pol", "clients": [clients["app"]], "logic": "POSITIVE"}, rs)
    call("get_client_authz_client_policies", rs)
    permission_rep = {"name": "doc-perm", "type": "resource", "resources": [resource_id], "policies": [role_policy["id"]]}
    permission = call("create_client_authz_resource_based_permission", rs, permission_rep)
    call("create_client_authz_resource_based_permission", rs, permission_rep, skip_exists=True)
    call("create_client_authz_resource_based_permission", rs, permission_rep)
    scope_permission_rep = {"name": "read-perm", "type": "scope", "resources": [resource_id], "scopes": [read],
                            "policies": [role_policy["id"]], "decisionStrategy": "UNANIMOUS"}
    scope_permission = call("create_client_authz_scope_permission", scope_permission_rep, rs)
    call("create_client_authz_scope_permission", scope_permission_rep, rs)
    call("get_client_authz_permissions", rs)
    call("get_client_authz_policies", rs)
    call("get_client_authz_policy", rs, role_policy["id"])
    call("get_client_authz_policy", rs, "no-such-policy")
    call("get_client_authz_policy_scopes", rs, scope_permission["id"])
    call("get_client_authz_policy_resources", rs, permission["id"])
    call("get_client_authz_scope_permission", rs, scope_permission["id"])
    call("get_client_authz_scope_permission", rs, "no-such-permission")
    call("update_client_authz_scope_permission", dict(scope_permission_rep, id=scope_permission["id"], decisionStrategy="AFFIRMATIVE"),
         rs, scope_permission["id"])
    call("get_client_authz_scope_permission", rs, scope_permission["id"])
    call("update_client_authz_resource_permission", dict(permission_rep, id=permission["id"], description="changed"), rs, permission["id"])
    call("get_client_authz_policy", rs, permission["id"])
    call("get_client_authz_permission_associated_policies", rs, permission["id"])
    call("get_client_authz_permission_associated_policies", rs, "no-such-permission")
    call("delete_client_authz_policy", rs, time_policy["id"])
    call("delete_client_authz_policy", rs, time_policy["id"])
    call("delete_client_authz_resource", rs, resource_id)
    call("delete_client_authz_resource", rs, resource_id)
    call("get_client_authz_settings", rs)


def components(call, ctx, realm_id):
    ldap = {
        "name": "ldap", "providerId": "ldap", "providerType": USER_STORAGE, "parentId": realm_id,
        "config": {
            "vendor": ["other"], "connectionUrl": ["ldap://127.0.0.1:%d" % ctx.ldap_port], "connectionTimeout": ["2000"],
            "usersDn": ["ou=users,dc=example,dc=org"], "bindDn": ["cn=admin,dc=example,dc=org"], "bindCredential": ["secret"],
            "authType": ["simple"], "editMode": ["READ_ONLY"], "usernameLDAPAttribute": ["uid"], "rdnLDAPAttribute": ["uid"],
            "uuidLDAPAttribute": ["entryUUID"], "userObjectClasses": ["inetOrgPerson"], "importEnabled": ["true"], "enabled": ["true"],
        },
    }
    storage_id = call("create_component", ldap, keep_=lambda new_id: "<id>" if new_id else new_id)
    call("create_component", dict(ldap, providerId="no-such-provider"))
    call("get_components", {"type": USER_STORAGE})
    call("get_components", {"name": "no-such-component"})
    call("get_component", storage_id)
    call("get_component", "no-such-component")
    call("update_component", storage_id, dict(ldap, id=storage_id, name="ldap renamed"))
    call("update_component", "no-such-component", ldap)
    call("sync_users", storage_id, "triggerFullSync")
    call("sync_users", storage_id, "triggerChangedUsersSync")
    call("sync_users", storage_id, "no-such-action")
    call("delete_component", storage_id)
    call("delete_component", storage_id)
    call("get_components", {"type": USER_STORAGE})


def _scopes_sorted(events):
    """Keycloak writes a login's scopes in no fixed order."""
    for event in events:
        scope = (event.get("details") or {}).get("scope")
        if scope:
            event["details"]["scope"] = " ".join(sorted(scope.split()))
    return events


def realm_upkeep(call, users):
    call("clear_keys_cache")
    call("clear_realm_cache")
    call("clear_user_cache")
    call("create_initial_access_token", 2, 3600, keep_=lambda token: dict(token, id="<id>", timestamp="<volatile>", token="<volatile>"))
    call("create_initial_access_token", keep_=sorted)
    call("get_bruteforce_detection_status", users["alice"])


# --------------------------------------------------------------------------- running it twice


def _free_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def _self_signed_pem():
    with tempfile.TemporaryDirectory() as tmp:
        key, cert = os.path.join(tmp, "key.pem"), os.path.join(tmp, "cert.pem")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=iam-keycloak-differential",
             "-keyout", key, "-out", cert],
            check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        with open(cert, "r", encoding="ascii") as handle:
            return handle.read()


def _restore_json_content_type(admin):
    """python-keycloak's upload_certificate leaves its multipart Content-Type on the connection for every later call."""
    def restore():
        admin.connection.add_param_headers("Content-Type", "application/json")
    return restore


def run_scenario(admin, url, realm, ldap_port, pem, after_upload):
    recorder = Recorder(admin)
    context = Context(url, realm, ldap_port, pem, after_upload)
    try:
        scenario(recorder, context)
    except Exception as error:  # pylint: disable=broad-except
        last = next(reversed(recorder.records), None)
        raise AssertionError("the scenario stopped after %s (%s): %r" % (last, recorder.records.get(last), error))
    finally:
        try:
            context.setup.delete_realm(realm)
        except Exception:  # pylint: disable=broad-except
            pass
    return recorder


@pytest.fixture(scope="module")
def runs(keycloak_url):
    """What every call returned or raised: python-keycloak's run, then ours, each in a fresh realm."""
    tag = uuid.uuid4().hex[:6]
    ldap_port, pem = _free_port(), _self_signed_pem()
    reference_realm, our_realm = "dpk-%s" % tag, "dour-%s" % tag
    reference = ReferenceAdmin(server_url=keycloak_url, username=ADMIN_USER, password=ADMIN_PASSWORD, realm_name="master")
    ours = KeycloakAdmin(server_url=keycloak_url, username=ADMIN_USER, password=ADMIN_PASSWORD, realm_name="master")
    reference_run = run_scenario(reference, keycloak_url, reference_realm, ldap_port, pem, _restore_json_content_type(reference))
    our_run = run_scenario(ours, keycloak_url, our_realm, ldap_port, pem, lambda: None)
    return {
        "reference": dict((label, normalize(record, reference_realm)) for label, record in reference_run.records.items()),
        "ours": dict((label, normalize(record, our_realm)) for label, record in our_run.records.items()),
    }


def differences(runs):
    """``{method: [(label, python-keycloak's record, ours)]}`` of every call whose outcome differs."""
    found = collections.OrderedDict()
    labels = list(runs["reference"]) + [label for label in runs["ours"] if label not in runs["reference"]]
    for label in labels:
        theirs, ours = runs["reference"].get(label), runs["ours"].get(label)
        if theirs != ours:
            found.setdefault(method_of(label), []).append((label, theirs, ours))
    return found


def test_every_reference_method_is_called(runs):
    called = set(method_of(label) for label in runs["reference"]) & set(method_of(label) for label in runs["ours"])
    missing = sorted(set(reference_methods()) - called)
    assert not missing, "not called through both clients: %s" % ", ".join(missing)


def from_version(reason):
    """The Keycloak version a documented difference starts at (``Keycloak 26.7+`` in its reason), or None (every version)."""
    match = re.search(r"\bKeycloak (\d+)\.(\d+)\+", reason)
    return (int(match.group(1)), int(match.group(2))) if match else None


def test_outcomes_match_python_keycloak_or_are_documented(runs, keycloak_version):
    found = differences(runs)
    documented = documented_differences()
    # A difference that only a newer Keycloak shows is not stale on an older one.
    documented_here = dict((name, reason) for name, reason in documented.items()
                           if from_version(reason) is None or keycloak_version[:2] >= from_version(reason))
    methods = sorted(set(method_of(label) for label in runs["reference"]))
    print("\ndifferential: %d methods compared (%d calls), %d identical, %d documented differences"
          % (len(methods), len(runs["reference"]), len(methods) - len(found), len(found)))
    undocumented = [(method, cases) for method, cases in found.items() if method not in documented]
    report = "\n".join(
        "%s\n    python-keycloak: %s\n    ours:            %s" % (label, json.dumps(theirs, sort_keys=True)[:3000], json.dumps(ours, sort_keys=True)[:3000])
        for _method, cases in undocumented for label, theirs, ours in cases
    )
    assert not undocumented, "outcomes that differ from python-keycloak %s and docs/client.md does not list:\n%s" % (REFERENCE_VERSION, report)
    stale = sorted(set(documented_here) - set(found))
    assert not stale, "docs/client.md lists differences the run no longer shows (remove them): %s" % ", ".join(stale)


def test_allow_list_is_read_from_the_docs():
    table = "\n".join((
        ALLOW_LIST_HEADING + " 9.9", "", "| method | python-keycloak | this client | why |", "| --- | --- | --- | --- |",
        "| `get_x` | a | b | because |", "| not a method | a | b | c |", "", "## Next", "| `get_y` | a | b | c |",
    ))
    assert documented_differences(table) == {"get_x": "because"}
    assert set(documented_differences()) <= set(reference_methods()), "docs/client.md lists a method the reference does not have"


# --------------------------------------------------------------------------- the constructor and the connection


def both(keycloak_url, **options):
    """python-keycloak's client and ours, built with the same options."""
    return ReferenceAdmin(server_url=keycloak_url, **options), KeycloakAdmin(server_url=keycloak_url, **options)


def outcome(call, *args):
    try:
        result = call(*args)
    except Exception as error:  # pylint: disable=broad-except
        return ("raised", type(error).__name__, getattr(error, "response_code", None), "%s" % error)
    return ("returned", result)


def realm_names(admin):
    return sorted(realm["realm"] for realm in admin.get_realms())


def test_connection_before_and_after_the_first_call(keycloak_url):
    seen = []
    for admin in both(keycloak_url, username=ADMIN_USER, password=ADMIN_PASSWORD):
        before = (admin.connection.token, admin.connection.custom_headers, type(admin.connection.expires_at).__name__)
        admin.get_realms()
        token = admin.connection.token
        after = (sorted(token), token["token_type"], type(admin.connection.expires_at).__name__,
                 datetime.datetime.now() < admin.connection.expires_at < datetime.datetime.now() + datetime.timedelta(seconds=token["expires_in"]))
        seen.append((before, after))
    assert seen[0] == seen[1]
    assert seen[1][0] == (None, None, "datetime")


def test_realm_name_none_logs_into_master(keycloak_url):
    seen = []
    for admin in both(keycloak_url, username=ADMIN_USER, password=ADMIN_PASSWORD, realm_name=None):
        seen.append((admin.get_current_realm(), "master" in realm_names(admin), outcome(admin.get_users)))
    assert seen[0] == seen[1]
    # The managed realm stays None, as with python-keycloak: its admin calls go to a realm called "None".
    assert seen[1][:2] == (None, True) and seen[1][2][:3] == ("raised", "KeycloakGetError", 404)


def test_custom_authorization_header_without_credentials(keycloak_url):
    login = KeycloakAdmin(server_url=keycloak_url, username=ADMIN_USER, password=ADMIN_PASSWORD)
    login.get_realms()
    bearer = "Bearer %s" % login.connection.token["access_token"]
    seen = []
    for admin in both(keycloak_url, custom_headers={"Authorization": bearer}):
        seen.append(("master" in realm_names(admin), admin.connection.token))
    for admin in both(keycloak_url, custom_headers={"Authorization": "Bearer not-a-token"}):
        seen.append(outcome(admin.get_realms))
    for admin in both(keycloak_url):
        seen.append(outcome(admin.get_realms))
    half = len(seen) // 2
    assert seen[0::2] == seen[1::2]
    assert seen[0] == (True, None) and half == 3
    assert seen[2][:3] == ("raised", "KeycloakAuthenticationError", 401)


def test_failed_logins_raise_what_python_keycloak_raises(keycloak_url, keycloak_version):
    from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import (
        KeycloakAuthenticationError, KeycloakPostError)

    seen, raised = [], []
    for admin in both(keycloak_url, username=ADMIN_USER, password="wrong-password"):
        seen.append(outcome(admin.get_realms))
        with pytest.raises(Exception) as caught:
            admin.get_realms()
        raised.append(caught.value)
    if keycloak_version[:2] < (26, 7):
        assert seen[0] == seen[1] and seen[1][:3] == ("raised", "KeycloakAuthenticationError", 401)
    else:
        # Keycloak 26.7 answers a refused password grant 400 (invalid_grant), no longer 401: python-keycloak
        # raises its KeycloakPostError; ours a KeycloakLoginError, which is a KeycloakPostError and a
        # KeycloakAuthenticationError, so code that catches either still does (docs/client.md).
        assert seen[0][:3] == ("raised", "KeycloakPostError", 400) and seen[0][3] == seen[1][3]
        assert seen[1][:3] == ("raised", "KeycloakLoginError", 400)
        assert isinstance(raised[1], KeycloakPostError) and isinstance(raised[1], KeycloakAuthenticationError)
    seen = []
    for admin in both(keycloak_url, username=ADMIN_USER, password=ADMIN_PASSWORD, user_realm_name="no-such-login-realm"):
        with pytest.raises(Exception) as caught:
            admin.get_realms()
        seen.append(caught.value)
    theirs, ours = seen
    # python-keycloak raises KeycloakPostError for a login answered 404; ours is one (KeycloakLoginError).
    assert type(theirs).__name__ == "KeycloakPostError" and isinstance(ours, KeycloakPostError)
    assert (theirs.response_code, str(theirs), theirs.error_message) == (ours.response_code, str(ours), ours.error_message)
    assert "realm 'no-such-login-realm' does not exist" in ours.description


def test_a_python_keycloak_connection_is_taken(keycloak_url):
    theirs = reference_keycloak.KeycloakOpenIDConnection(
        server_url=keycloak_url, username=ADMIN_USER, password=ADMIN_PASSWORD, realm_name="master",
        custom_headers={"X-Trace": "differential"}, timeout=30,
    )
    admin = KeycloakAdmin(connection=theirs)
    assert (admin.get_current_realm(), admin.connection.custom_headers, admin.connection.timeout) == ("master", {"X-Trace": "differential"}, 30)
    assert "master" in realm_names(admin)
    # One that has logged in already hands over its token and when to renew it.
    theirs.get_token()
    admin = KeycloakAdmin(connection=theirs)
    assert admin.connection.token is theirs.token and admin.connection.expires_at == theirs.expires_at
    before = admin.connection.request_count
    assert "master" in realm_names(admin)
    assert admin.connection.request_count == before + 1, "the handed-over token was used without a new login"
    with pytest.raises(TypeError) as caught:
        KeycloakAdmin(connection="http://127.0.0.1:8080")
    assert "KeycloakOpenIDConnection" in str(caught.value)
