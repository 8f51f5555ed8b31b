# -*- coding: utf-8 -*-
"""The round trip of a 1,000-user realm through ``kc.sh export``: a realm with groups, roles, clients, an identity
provider and users (attributes, groups, realm and client roles, required actions, hashed passwords, federated
identities), exported by Keycloak itself (users and credentials in the same file), applied by
``keycloak_realm_config`` to a realm that does not exist yet. The plan equals the apply section by section, the rerun
plans nothing and writes nothing, a user logs in with the password the export carried as a hash, and the new realm's
own ``kc.sh export`` equals the first apart from ids, times and the secrets the server generates.

The export runs on a copy of the running server's database (``tests/keycloak/server.py export``), so it needs a server
that script started (skipped on a server given by URL alone).
"""

import json
import os
import time
import uuid

import requests

from harness import kc_sh_export  # pylint: disable=import-error


MODULE = "keycloak_realm_config"
USERS = 1000
GROUPS = 20
ROLES = 10
PASSWORDS = 25  # every 40th user: Keycloak hashes each one as it creates the source realm
PASSWORD = "Round-trip-1"
IDP_SECRET = "corp-secret-value"


def export_file(realm, folder):
    target = os.path.join(str(folder), "%s.json" % realm)
    kc_sh_export(realm, target)
    with open(target, encoding="utf-8") as handle:
        return json.load(handle)


def build_source(kc, name):
    """The source realm as an administrator builds it: settings, realm roles and the identity provider in the create;
    the clients through the admin API, with their protocol as the console sends it (Keycloak gives a new client the
    protocol's defaults only when the create names the protocol; an export always does); the composite role and the group tree
    through a partial import; the users (each with the realm's default role, as the admin API gives every new user)
    through partial imports of 250."""
    groups = []
    for number in range(GROUPS):
        top = "team-%02d" % number
        groups.append({"name": top, "path": "/" + top, "attributes": {"cost-center": ["cc-%d" % (number % 5)]},
                       "realmRoles": ["role-%02d" % (number % ROLES)],
                       "subGroups": [{"name": "leads", "path": "/%s/leads" % top},
                                     {"name": "members", "path": "/%s/members" % top, "clientRoles": {"portal": ["viewer"]}}]})
    kc.create_realm({
        "realm": name, "enabled": True, "displayName": "Round trip", "registrationAllowed": False,
        "roles": {"realm": [{"name": "role-%02d" % number, "description": "role %d" % number} for number in range(ROLES)]},
        "identityProviders": [{"alias": "corp", "providerId": "oidc", "enabled": True, "config": {
            "clientId": "kc", "clientSecret": IDP_SECRET, "authorizationUrl": "https://corp.example.com/auth",
            "tokenUrl": "https://corp.example.com/token", "clientAuthMethod": "client_secret_post", "syncMode": "IMPORT"}}],
        "identityProviderMappers": [{"name": "department", "identityProviderAlias": "corp", "identityProviderMapper": "oidc-user-attribute-idp-mapper",
                                     "config": {"claim": "dept", "user.attribute": "department", "syncMode": "INHERIT"}}],
    })
    kc.change_current_realm(name)
    profile = kc.get_user_profile_config()
    profile["unmanagedAttributePolicy"] = "ENABLED"
    kc.update_user_profile_config(profile)
    clients = [
        {"clientId": "portal", "protocol": "openid-connect", "publicClient": True, "directAccessGrantsEnabled": True,
         "redirectUris": ["https://portal.example.com/*"], "webOrigins": ["https://portal.example.com"],
         "attributes": {"post.logout.redirect.uris": "https://portal.example.com/"}},
        {"clientId": "robot", "protocol": "openid-connect", "publicClient": False, "secret": "robot-secret-value",
         "serviceAccountsEnabled": True, "standardFlowEnabled": False},
    ]
    for client, roles in zip(clients, (["editor", "viewer"], ["run"])):
        client_id = kc.create_client(client)
        for role in roles:
            kc.create_client_role(client_id, {"name": role})
    kc.partial_import_realm(name, {"ifResourceExists": "FAIL", "groups": groups, "roles": {"realm": [
        {"name": "all-roles", "composite": True, "composites": {"realm": ["role-00", "role-01"], "client": {"portal": ["editor"]}}}]}})
    users = []
    for number in range(USERS):
        user = {"username": "user-%04d" % number, "email": "user-%04d@example.com" % number, "firstName": "User",
                "lastName": "N%04d" % number, "enabled": number % 17 != 0, "emailVerified": number % 2 == 0,
                "attributes": {"department": ["d%d" % (number % 7)]},
                "groups": ["/team-%02d/%s" % (number % GROUPS, "leads" if number % 10 == 0 else "members")],
                "realmRoles": ["default-roles-%s" % name, "role-%02d" % (number % ROLES)] + (["all-roles"] if number % 50 == 0 else [])}
        if number % 3 == 0:
            user["clientRoles"] = {"portal": ["editor"]}
        if number % 9 == 0:
            user["requiredActions"] = ["VERIFY_EMAIL", "UPDATE_PASSWORD"]
        if number % (USERS // PASSWORDS) == 0:
            user["credentials"] = [{"type": "password", "value": PASSWORD, "temporary": False}]
        if number % 100 == 7:
            user["federatedIdentities"] = [{"identityProvider": "corp", "userId": "corp-%d" % number, "userName": "u%d@corp" % number}]
        users.append(user)
    for start in range(0, USERS, 250):
        kc.partial_import_realm(name, {"ifResourceExists": "FAIL", "users": users[start:start + 250]})


# What differs between two exports of the same realm on one server without being part of the realm: ids (and the
# references that hold them), times, the keys and secrets the server generates for a new realm, and the realm's name.
VOLATILE = {"id", "_id", "containerId", "internalId", "parentId", "createdTimestamp", "createdDate", "keycloakVersion",
            "client.secret.creation.time"}
# Generated per realm by the server: each key provider's keys and the client registration policies' secrets (the module
# leaves generated keys out of a plan, so the new realm has keys of its own).
GENERATED_KEY_CONFIG = {"privateKey", "certificate", "secret", "kid", "secretSize", "keyUse"}
# How the objects of a list are told apart, in the order tried.
NATURAL_KEYS = ("clientId", "username", "alias", "name", "path", "type")


def normalised(export, name):
    """``export`` without what a second export of the same realm legitimately changes, the realm's name as ``REALM``,
    lists of objects keyed by their natural key and other lists sorted."""
    export = json.loads(json.dumps(export))
    # A client's flow overrides name flows by id: by alias here.
    aliases = dict((flow.get("id"), flow.get("alias")) for flow in export.get("authenticationFlows") or [])
    for client in export.get("clients") or []:
        overrides = client.get("authenticationFlowBindingOverrides") or {}
        client["authenticationFlowBindingOverrides"] = dict((binding, aliases.get(flow, flow)) for binding, flow in overrides.items())
    text = json.dumps(export).replace(name, "REALM")

    def walk(value, key=None):
        if isinstance(value, dict):
            if key == "config" and ("kid" in value or "privateKey" in value or "secret" in value and "algorithm" in value):
                value = dict((item, found) for item, found in value.items() if item not in GENERATED_KEY_CONFIG)
            return dict((item, walk(found, item)) for item, found in value.items() if item not in VOLATILE)
        if isinstance(value, list):
            items = [walk(item) for item in value]
            if items and all(isinstance(item, dict) for item in items):
                for natural in NATURAL_KEYS:
                    keys = [item.get(natural) for item in items]
                    if all(isinstance(found, str) for found in keys) and len(set(keys)) == len(keys):
                        return dict(("%s=%s" % (natural, found), item) for found, item in zip(keys, items))
            return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
        return value

    realm = walk(json.loads(text))
    # Keycloak keeps some realm settings as attributes too, once they were ever set (a create that sends the export's
    # top-level value stores it there; the source's never did): the top-level field is the setting.
    realm["attributes"] = dict((key, value) for key, value in (realm.get("attributes") or {}).items() if key not in realm)
    return realm


def differences(first, second, path=""):
    """Readable paths where two normalised exports differ (at most 60)."""
    found = []
    if isinstance(first, dict) and isinstance(second, dict):
        for key in sorted(set(first) | set(second)):
            if key not in first or key not in second:
                found.append("%s.%s: %s / %s" % (path, key, json.dumps(first.get(key))[:120], json.dumps(second.get(key))[:120]))
            else:
                found.extend(differences(first[key], second[key], "%s.%s" % (path, key)))
    elif isinstance(first, list) and isinstance(second, list) and len(first) == len(second):
        for index, (one, other) in enumerate(zip(first, second)):
            found.extend(differences(one, other, "%s[%d]" % (path, index)))
    elif first != second:
        found.append("%s: %s / %s" % (path, json.dumps(first)[:160], json.dumps(second)[:160]))
    return found[:60]


def timed(run, *args, **kwargs):
    started = time.monotonic()
    result = run(*args, **kwargs)
    assert not result.get("failed"), result.get("msg")
    return result, time.monotonic() - started


def test_a_thousand_users_through_kc_sh_export(module_runner, admin, keycloak_url, kc_sh_admin, tmp_path):
    source = "rt-src-%s" % uuid.uuid4().hex[:6]
    target = "rt-dst-%s" % uuid.uuid4().hex[:6]
    kc = kc_sh_admin
    try:
        build_source(kc, source)
        exported = export_file(source, tmp_path)
        assert len([user for user in exported["users"] if not user.get("serviceAccountClientId")]) == USERS
        hashed = [user for user in exported["users"] if user.get("credentials")]
        assert len(hashed) == PASSWORDS and "secretData" in hashed[0]["credentials"][0]

        document = json.loads(json.dumps(exported).replace(source, target))
        plan, plan_seconds = timed(module_runner, MODULE, realm=target, config=document, check_mode=True, diff=True)
        assert plan.writes == [] and plan["changed"] is True
        applied, apply_seconds = timed(module_runner, MODULE, realm=target, config=document, diff=True)
        assert applied["changes"] == plan["plan"]
        assert applied["diff"] == plan["diff"]
        assert applied["changes"]["users"]["counts"]["create"] == USERS  # the robot's service account comes with its client
        rerun, rerun_seconds = timed(module_runner, MODULE, realm=target, config=document)
        assert rerun["changed"] is False and rerun["plan"] == {} and rerun.writes == [], rerun["plan"]
        replan, replan_seconds = timed(module_runner, MODULE, realm=target, config=document, check_mode=True)
        assert replan["plan"] == {} and replan.writes == []
        print("\nkc.sh export of %d users applied to a new realm: plan %d requests %.1f s, apply %d requests (%d writes) %.1f s, "
              "rerun %d requests %.1f s, check-mode rerun %d requests %.1f s"
              % (USERS, len(plan.requests), plan_seconds, len(applied.requests), len(applied.writes), apply_seconds,
                 len(rerun.requests), rerun_seconds, len(replan.requests), replan_seconds))

        # The hash the export carried is the password: a user logs in with it.
        token = requests.post("%s/realms/%s/protocol/openid-connect/token" % (keycloak_url, target), timeout=30, data={
            "grant_type": "password", "client_id": "portal", "username": "user-0040", "password": PASSWORD})
        assert token.status_code == 200, token.text

        again = export_file(target, tmp_path)
        first, second = normalised(exported, source), normalised(again, target)
        assert first == second, "\n".join(differences(first, second))
    finally:
        for name in (source, target):
            try:
                admin.delete_realm(name)
            except Exception:  # pylint: disable=broad-except
                pass
