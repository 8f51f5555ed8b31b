# -*- coding: utf-8 -*-
"""The two lower bounds, with plain ``requests`` and nothing else between the benchmark and Keycloak.

    lower_bounds.py import DOC   partial import of the document (ifResourceExists SKIP, never OVERWRITE:
                                 OVERWRITE deletes and recreates, losing ids and credentials), the realm's
                                 roles, clients and groups in one request, then the users in batches
    lower_bounds.py read DOC [--write] [--check]
                                 one paged read of every collection the document covers: users, groups,
                                 clients, realm and client roles, the members of every group and of every
                                 role (memberships read from the cheaper side, never per user); --write
                                 then PUTs exactly the users that differ from the document (the least a
                                 converging tool must send); --check only counts them

Connection: BENCH_URL (the counting proxy), BENCH_ADMIN_USER, BENCH_ADMIN_PASSWORD (master realm).
Prints one JSON line: what was read or sent.
"""

import json
import os
import sys
import time

import requests

PAGE = 500
BATCH = int(os.environ.get("BENCH_IMPORT_BATCH", "200"))
# Up to this many roles, clients and groups go in one request with the roles (every size up to 10,000 users).
ONE_REQUEST = 2000
USER_FIELDS = ("email", "firstName", "lastName", "enabled", "emailVerified")


class Admin(requests.Session):
    """A session that logs in again when its token is about to expire (the master realm's access
    tokens live 60 s; a big import or read takes longer) and once more on a 401."""

    def __init__(self):
        super().__init__()
        self.base = os.environ["BENCH_URL"].rstrip("/")
        self.expires = 0
        self.login()

    def login(self):
        answer = super().request("POST", self.base + "/realms/master/protocol/openid-connect/token", data={
            "grant_type": "password", "client_id": "admin-cli",
            "username": os.environ.get("BENCH_ADMIN_USER", "admin"),
            "password": os.environ["BENCH_ADMIN_PASSWORD"]}, timeout=30)
        answer.raise_for_status()
        token = answer.json()
        self.headers["Authorization"] = "Bearer " + token["access_token"]
        self.expires = time.monotonic() + token.get("expires_in", 60) - 10

    def request(self, method, url, *args, **kwargs):
        if time.monotonic() > self.expires:
            self.login()
        answer = super().request(method, url, *args, **kwargs)
        if answer.status_code == 401:
            self.login()
            answer = super().request(method, url, *args, **kwargs)
        return answer


def session():
    http = Admin()
    return http, http.base


def _chunks(items):
    return [items[i:i + BATCH] for i in range(0, len(items), BATCH)]


def partial_import(doc):
    http, url = session()
    endpoint = "%s/admin/realms/%s/partialImport" % (url, doc["realm"])
    added = skipped = 0
    realm_roles, client_roles = doc["roles"].get("realm", []), doc["roles"].get("client", {})
    others = len(realm_roles) + sum(len(r) for r in client_roles.values()) + len(doc["clients"]) + len(doc["groups"])
    if others <= ONE_REQUEST:
        batches = [{"roles": doc["roles"], "clients": doc["clients"], "groups": doc["groups"]}]
    else:
        # One request of every role, client and group outlives Keycloak's transaction (300 s) at 100,000 users
        # (1,000 clients, 5,000 roles, 5,000 groups): the same sections in batches, referenced objects first.
        batches = [{"roles": {"realm": part}} for part in _chunks(realm_roles)]
        batches += [{"clients": part, "roles": {"client": dict(
            (c["clientId"], client_roles[c["clientId"]]) for c in part if c["clientId"] in client_roles)}}
            for part in _chunks(doc["clients"])]
        batches += [{"groups": part} for part in _chunks(doc["groups"])]
    batches += [{"users": part} for part in _chunks(doc["users"])]
    for batch in batches:
        batch["ifResourceExists"] = "SKIP"
        answer = http.post(endpoint, json=batch, timeout=600)
        answer.raise_for_status()
        result = answer.json()
        added += result.get("added", 0)
        skipped += result.get("skipped", 0)
    return {"requests": len(batches), "added": added, "skipped": skipped, "changed": added}


def paged(http, url, params=None):
    items, first = [], 0
    while True:
        page = dict(params or {}, first=first, max=PAGE)
        answer = http.get(url, params=page, timeout=120)
        answer.raise_for_status()
        chunk = answer.json()
        items.extend(chunk)
        if len(chunk) < PAGE:
            return items
        first += PAGE


def read_all(doc, write=False):
    http, url = session()
    base = "%s/admin/realms/%s" % (url, doc["realm"])
    users = paged(http, base + "/users", {"briefRepresentation": "false"})
    groups = paged(http, base + "/groups", {"briefRepresentation": "false"})
    clients = paged(http, base + "/clients")
    roles = paged(http, base + "/roles", {"briefRepresentation": "false"})
    members = {}
    for group in groups:
        members[group["path"]] = [u["username"] for u in paged(http, "%s/groups/%s/members" % (base, group["id"]),
                                                               {"briefRepresentation": "true"})]
        http.get("%s/groups/%s/role-mappings" % (base, group["id"]), timeout=60).raise_for_status()
    for role in roles:
        members["role:" + role["name"]] = [u["username"] for u in paged(http, "%s/roles/%s/users" % (base, role["name"]))]
    wanted_clients = set(c["clientId"] for c in doc["clients"])
    for client in clients:
        if client["clientId"] not in wanted_clients:
            continue
        for role in paged(http, "%s/clients/%s/roles" % (base, client["id"])):
            members["%s:%s" % (client["clientId"], role["name"])] = [
                u["username"] for u in paged(http, "%s/clients/%s/roles/%s/users" % (base, client["id"], role["name"]))]
    current = dict((u["username"], u) for u in users)
    differing = [u for u in doc["users"]
                 if any(current.get(u["username"], {}).get(f) != u.get(f) for f in USER_FIELDS)]
    if write:
        for user in differing:
            body = dict(current[user["username"]])
            body.update((f, user[f]) for f in USER_FIELDS)
            http.put("%s/users/%s" % (base, body["id"]), json=body, timeout=60).raise_for_status()
    return {"users": len(users), "groups": len(groups), "clients": len(clients), "roles": len(roles),
            "memberships": sum(len(v) for v in members.values()), "changed": len(differing),
            "written": len(differing) if write else 0}


def main(argv):
    with open(argv[2]) as handle:
        doc = json.load(handle)
    if argv[1] == "import":
        result = partial_import(doc)
    else:
        result = read_all(doc, write="--write" in argv)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
