# -*- coding: utf-8 -*-
"""``bulk.each`` and ``bulk.pages``: independent calls at once, answers in order, every page read once; the user snapshot
answers each lookup with a copy of its own."""

import threading
import time

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils import bulk


@pytest.mark.parametrize("workers", [1, 2, 4])
def test_each_answers_in_the_calls_order(workers):
    calls = [lambda number=number: (time.sleep(0.01 * (5 - number)), number)[1] for number in range(5)]
    assert bulk.each(calls, workers) == [0, 1, 2, 3, 4]


def test_each_runs_no_more_than_its_workers_at_once():
    running, most, lock = [0], [0], threading.Lock()

    def call():
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.02)
        with lock:
            running[0] -= 1

    bulk.each([call] * 8, 3)
    assert most[0] == 3
    bulk.each([call] * 8, 1)
    assert most[0] == 3


def test_each_raises_the_first_error_after_every_call_ended():
    ended = []

    def fine(number):
        time.sleep(0.02)
        ended.append(number)

    def broken():
        raise ValueError("refused")

    with pytest.raises(ValueError, match="refused"):
        bulk.each([lambda: fine(0), broken, lambda: fine(2), lambda: fine(3)], 2)
    assert sorted(ended) == [0, 2, 3]


@pytest.mark.parametrize("total", [0, 1, 4, 5, 9, 10, 11, 23])
@pytest.mark.parametrize("workers", [1, 2, 3])
def test_pages_reads_every_item_once_in_order(total, workers):
    asked = []

    def call(query):
        asked.append(query["first"])
        return list(range(total))[query["first"]:query["first"] + query["max"]]

    assert bulk.pages(call, {"briefRepresentation": True}, size=5, workers=workers) == list(range(total))
    # Every page up to the first short one, and at most a round's worth past it; a list of one page costs one request.
    full = total // 5
    assert sorted(asked)[:full + 1] == [5 * number for number in range(full + 1)]
    assert len(asked) <= full + workers
    if total < 5:
        assert asked == [0]


class _Users:
    """The reads a ``UserSnapshot`` sends, for users and nothing else (no groups, no roles, no clients)."""

    def __init__(self, users):
        self.users = users
        self.pages = []

    def get_users(self, query):
        self.pages.append((query["first"], query["max"]))
        return [dict(user) for user in self.users[query["first"]:query["first"] + query["max"]]]

    def get_groups(self, query, full_hierarchy=False):
        return []

    def get_realm_roles(self, brief_representation=True):
        return []

    def get_clients(self):
        return []


def test_user_snapshot_answers_each_lookup_with_a_copy_of_its_own():
    users = [{"id": "id-%d" % number, "username": "User-%d" % number, "attributes": {"team": ["a"]}} for number in range(1203)]
    api = _Users(users)
    snapshot = bulk.UserSnapshot(api, workers=2)
    assert len(snapshot) == 1203
    assert api.pages[:3] == [(0, bulk.PAGE), (bulk.PAGE, bulk.PAGE), (2 * bulk.PAGE, bulk.PAGE)]
    # Case does not matter; an unknown name is None.
    found = snapshot.user("user-7")
    assert found == users[7] and snapshot.user("USER-7") == users[7] and snapshot.user("nobody") is None
    # A caller that changes what it got changes nothing the next caller gets.
    found["attributes"]["team"].append("b")
    found["username"] = "changed"
    assert snapshot.user("user-7") == users[7]
    assert [user["username"] for user in snapshot.users()][:3] == ["User-0", "User-1", "User-10"]
    assert sum(1 for _user in snapshot.users()) == 1203


class _Roles(_Users):
    """A realm of two users, two realm roles (one the default role) and two clients with a role each; the reads of holders
    and client roles are recorded."""

    def __init__(self):
        _Users.__init__(self, [{"id": "u1", "username": "alice"}, {"id": "u2", "username": "bob"}])
        self.read = []

    def get_realm_roles(self, brief_representation=True):
        return [{"id": "r1", "name": "default-roles-x"}, {"id": "r2", "name": "Auditor"}]

    def get_clients(self):
        self.read.append("clients")
        return [{"id": "c1", "clientId": "portal"}, {"id": "c2", "clientId": "shop"}]

    def get_client_roles(self, client_id, brief_representation=True):
        self.read.append("roles of %s" % client_id)
        return [{"id": "%s-role" % client_id, "name": "editor"}]

    def get_realm_role_members(self, name, query):
        self.read.append("holders of %s" % name)
        return [{"id": "u1"}, {"id": "u2"}] if query["first"] == 0 else []

    def get_client_role_members(self, client_id, name, **query):
        self.read.append("holders of %s/%s" % (client_id, name))
        return [{"id": "u2"}] if query["first"] == 0 else []


def test_user_snapshot_reads_the_holders_of_the_roles_asked_for_only():
    every = _Roles()
    snapshot = bulk.UserSnapshot(every)
    assert sorted(every.read) == ["clients", "holders of Auditor", "holders of c1/editor", "holders of c2/editor",
                                  "holders of default-roles-x", "roles of c1", "roles of c2"]
    assert [role["name"] for role in snapshot.role_mappings("u1")["realmMappings"]] == ["default-roles-x", "Auditor"]
    assert sorted(snapshot.role_mappings("u2")["clientMappings"]) == ["portal", "shop"]

    # A realm role (case does not matter) and one client's role: the default role and the other client are not read.
    some = _Roles()
    snapshot = bulk.UserSnapshot(some, roles={bulk.role_key(None, "auditor"), bulk.role_key("Portal", "editor")})
    assert sorted(some.read) == ["clients", "holders of Auditor", "holders of c1/editor", "roles of c1"]
    assert [role["name"] for role in snapshot.role_mappings("u1")["realmMappings"]] == ["Auditor"]
    assert sorted(snapshot.role_mappings("u2")["clientMappings"]) == ["portal"]

    # No client role asked for: not even the clients are listed.
    realm_only = _Roles()
    bulk.UserSnapshot(realm_only, roles={bulk.role_key(None, "default-roles-x")})
    assert realm_only.read == ["holders of default-roles-x"]
    nothing = _Roles()
    bulk.UserSnapshot(nothing, roles=set())
    assert nothing.read == []
