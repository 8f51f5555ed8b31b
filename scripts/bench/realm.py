# -*- coding: utf-8 -*-
"""Generated realms for the benchmark: one RealmRepresentation document of N users, with groups,
clients, roles, memberships and role mappings in proportion and a share of users with passwords.

Every tool gets the same document; a tool that works object by object derives its task lists from it
(tools.py), so all columns converge the same realm. ``changed(doc, variant)`` is the same document with
1% of the users edited (their last name), different for every variant, so each repeat of the
"1% changed" point is a real change.
"""

import copy

# Proportions (per user): one group per 20 users, one realm role per 50, one client per 100 with
# three roles each; every user is in one group and has one realm role, every fifth one client role;
# every tenth has a password (Keycloak hashes it: the costly part of a create).
USERS_PER_GROUP = 20
USERS_PER_REALM_ROLE = 50
USERS_PER_CLIENT = 100
ROLES_PER_CLIENT = 3
CLIENT_ROLE_EVERY = 5
PASSWORD_EVERY = 10
CHANGED_EVERY = 100


def shape(users):
    return {
        "users": users,
        "groups": max(4, users // USERS_PER_GROUP),
        "realm_roles": max(4, users // USERS_PER_REALM_ROLE),
        "clients": max(2, users // USERS_PER_CLIENT),
        "client_roles": max(2, users // USERS_PER_CLIENT) * ROLES_PER_CLIENT,
        "passwords": len(range(0, users, PASSWORD_EVERY)),
        "changed": len(range(0, users, CHANGED_EVERY)),
    }


def generate(users, realm):
    size = shape(users)
    realm_roles = ["role-%04d" % i for i in range(size["realm_roles"])]
    clients = ["app-%04d" % i for i in range(size["clients"])]
    client_roles = dict((c, ["%s-role-%d" % (c, j) for j in range(ROLES_PER_CLIENT)]) for c in clients)
    groups = ["group-%04d" % i for i in range(size["groups"])]
    doc = {
        "realm": realm,
        "enabled": True,
        "roles": {
            "realm": [{"name": name, "description": "Benchmark role %s" % name} for name in realm_roles],
            "client": dict((c, [{"name": r, "description": "Benchmark role %s" % r} for r in roles])
                           for c, roles in client_roles.items()),
        },
        "clients": [{
            "clientId": c,
            "name": "Benchmark application %s" % c,
            "enabled": True,
            "protocol": "openid-connect",
            "publicClient": False,
            "standardFlowEnabled": True,
            "directAccessGrantsEnabled": False,
            "redirectUris": ["https://%s.example.com/*" % c],
        } for c in clients],
        "groups": [{
            "name": g,
            "path": "/" + g,
            "realmRoles": [realm_roles[i % len(realm_roles)]],
        } for i, g in enumerate(groups)],
        "users": [],
    }
    for i in range(users):
        user = {
            "username": "user-%06d" % i,
            "enabled": True,
            "email": "user-%06d@example.com" % i,
            "emailVerified": True,
            "firstName": "First%d" % i,
            "lastName": "Last%d" % i,
            "groups": ["/" + groups[i % len(groups)]],
            "realmRoles": [realm_roles[i % len(realm_roles)]],
        }
        if i % CLIENT_ROLE_EVERY == 0:
            client = clients[(i // CLIENT_ROLE_EVERY) % len(clients)]
            user["clientRoles"] = {client: [client_roles[client][i % ROLES_PER_CLIENT]]}
        if i % PASSWORD_EVERY == 0:
            # A benchmark-only password, the same on every run so that reruns compare equal.
            user["credentials"] = [{"type": "password", "value": "Bench-%06d-pw" % i, "temporary": False}]
        doc["users"].append(user)
    return doc


def changed(doc, variant):
    """The document with 1% of its users (every hundredth) given a new last name."""
    edited = copy.deepcopy(doc)
    for user in edited["users"][::CHANGED_EVERY]:
        user["lastName"] = "Changed%d" % variant
    return edited
