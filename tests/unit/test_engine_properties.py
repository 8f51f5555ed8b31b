# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Properties of the declarative engine, over generated input (hypothesis; no HTTP, no Keycloak).

* normalising is idempotent (attribute maps, ``unique``, the realm password policy);
* an object compared with itself never changes, sets in any order;
* a secret never shows unmasked (``mask``, ``Plan.diff``, ``outcome``'s end_state and msg);
* applying a plan reaches the desired state: a second plan has nothing to do, and check mode
  predicts the real run;
* purging never removes a built-in (the realm's default role, a client's ``service_account`` scope).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json
import random
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fake_admin import DEFAULT_TAG, FakeAdmin, new_context, run, thing_request  # pylint: disable=import-error

from ansible_collections.iam.keycloak.plugins.module_utils import engine, registry
from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import KeycloakError
from ansible_collections.iam.keycloak.plugins.module_utils.context import PlanContext
from ansible_collections.iam.keycloak.plugins.module_utils.engine import (
    SECRET_KEYS,
    canonical,
    changed_fields,
    list_map,
    mask,
    merge,
    string_map,
    unique,
)
from ansible_collections.iam.keycloak.plugins.module_utils.resources.client import SERVICE_ACCOUNT_SCOPE, ClientHandler
from ansible_collections.iam.keycloak.plugins.module_utils.resources.realm import normalise_policy
from ansible_collections.iam.keycloak.plugins.module_utils.resources.role_mapping import COLLECTION, RoleMappingHandler

BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------- strategies

WORD = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=6)
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-1000, 1000), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=8))
JSON = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(WORD, inner, max_size=4), max_leaves=20)
JSON_DICT = st.dictionaries(WORD, JSON, max_size=6)
ATTRIBUTE_VALUE = st.one_of(SCALAR, st.lists(SCALAR, max_size=4))
ATTRIBUTES = st.dictionaries(st.text(max_size=6), ATTRIBUTE_VALUE, max_size=6)


def shuffled(values, seed):
    values = list(values)
    random.Random(seed).shuffle(values)
    return values


# ------------------------------------------------------------ normalising


@BOUNDED
@given(ATTRIBUTES)
def test_string_map_is_idempotent(attributes):
    once = string_map(attributes)
    assert string_map(once) == once
    assert all(value is None or isinstance(value, str) for value in once.values())


@BOUNDED
@given(ATTRIBUTES)
def test_list_map_is_idempotent(attributes):
    once = list_map(attributes)
    assert list_map(once) == once
    assert all(value is None or all(isinstance(item, str) for item in value) for value in once.values())


def test_maps_of_none_stay_none():
    assert string_map(None) is None and list_map(None) is None


@BOUNDED
@given(st.lists(JSON, max_size=8))
def test_unique_is_idempotent_and_keeps_one_of_each(values):
    once = unique(values)
    assert unique(once) == once
    assert len(set(canonical(value) for value in once)) == len(once)
    assert set(canonical(value) for value in once) == set(canonical(value) for value in values)
    # First one kept, order kept.
    assert [canonical(value) for value in once] == list(dict.fromkeys(canonical(value) for value in values))


POLICY_PART = st.builds(lambda name, arg: "%s(%s)" % (name, arg), st.sampled_from(["length", "digits", "upperCase", "notUsername", "hashIterations"]),
                        st.integers(0, 99999))
SPACE = st.text(alphabet=" \t\n", min_size=1, max_size=3)


@BOUNDED
@given(st.lists(st.tuples(POLICY_PART, SPACE, SPACE), min_size=1, max_size=5), st.text(alphabet=" \t", max_size=2),
       st.text(alphabet=" \t", max_size=2))
def test_password_policy_spacing_collapses_around_and(parts, lead, trail):
    policy = lead + "".join(part + (before + "and" + after if index < len(parts) - 1 else "")
                            for index, (part, before, after) in enumerate(parts)) + trail
    normal = normalise_policy(policy)
    assert normal == " and ".join(part for part, _before, _after in parts)
    assert normalise_policy(normal) == normal


@BOUNDED
@given(st.text(max_size=40) | st.lists(st.sampled_from(["and", " ", "  ", "\t", "x", "(1)", "length(8)"]), max_size=12).map("".join))
def test_password_policy_normalising_is_idempotent(policy):
    normal = normalise_policy(policy)
    assert normalise_policy(normal) == normal


# --------------------------------------------------------------- comparing


@BOUNDED
@given(JSON_DICT)
def test_an_object_compared_with_itself_never_changes(value):
    assert changed_fields(value, value) == []
    assert changed_fields(value, copy.deepcopy(value), replace_fields=list(value)) == []


@BOUNDED
@given(JSON_DICT, JSON_DICT)
def test_what_merge_lays_over_compares_equal(current, desired):
    assert changed_fields(desired, merge(current, desired)) == []
    replaced = list(desired)[:2]
    assert changed_fields(desired, merge(current, desired, replace_fields=replaced), replace_fields=replaced) == []


SET_DICT = st.dictionaries(WORD, st.lists(JSON, max_size=5), min_size=1, max_size=4)


@BOUNDED
@given(SET_DICT, st.integers())
def test_set_fields_compare_in_any_order(value, seed):
    reordered = dict((key, shuffled(items, seed)) for key, items in value.items())
    assert changed_fields(value, reordered, set_fields=list(value)) == []
    assert changed_fields(reordered, value, set_fields=list(value)) == []


@pytest.mark.parametrize(
    "desired, current",
    [
        (["a", "b"], ["b", "a", "a"]),  # a repeat on the server's side
        (["a", "a", "b"], ["b", "a"]),  # a repeat on the task's side (plan() drops it first)
        ([{"x": 1}], [{"x": "1"}, {"x": 1}]),  # canonical repeats
    ],
)
def test_set_fields_compare_without_repeats(desired, current):
    # Deterministic examples rather than a search: hypothesis would spend seconds shrinking a known failure.
    assert changed_fields({"u": desired}, {"u": current}, set_fields=("u",)) == []


@FEW
@given(st.lists(WORD, max_size=6), st.integers())
def test_plan_compares_a_set_field_with_repeats_as_a_set(uris, seed):
    """Through ``plan``, repeats on the task's side are harmless: they are dropped before comparing."""
    api = FakeAdmin()
    api.put("one", uris=list(uris))
    repeated = shuffled(uris + uris, seed)
    _result, plan = run(api, thing_request("one", {"uris": repeated}), check_mode=True)
    assert plan.actions == []


# ----------------------------------------------------------------- secrets

SECRET_MARK = "SECRET<"
SECRET = st.text(alphabet=string.ascii_letters + string.digits + "!#$%&*+-./:=?@^_~ ", min_size=1, max_size=12).map(lambda text: SECRET_MARK + text + ">")
# Keys that are secrets wherever they are; "value" and "token" only inside "credentials".
ANYWHERE = sorted(key for key in SECRET_KEYS if key not in engine._CONTEXT_SECRET_KEYS)  # pylint: disable=protected-access
IN_CREDENTIALS = sorted(engine._CONTEXT_SECRET_KEYS)  # pylint: disable=protected-access
# Plain data: no secret mark can appear in it (lower case only); keys the fake handles specially left out.
PLAIN_KEY = st.sampled_from(["a", "b", "config", "nested", "items", "extra", "description"])
PLAIN = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-5, 5), WORD),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(PLAIN_KEY, inner, max_size=3), max_leaves=8)
SECRET_VALUE = st.one_of(SECRET, st.lists(SECRET, min_size=1, max_size=3), st.dictionaries(PLAIN_KEY, SECRET, min_size=1, max_size=2))


@st.composite
def with_secrets(draw, depth=0):
    """A JSON-like dict with secrets under secret keys, at this level and deeper."""
    value = draw(st.dictionaries(PLAIN_KEY, PLAIN, max_size=3))
    for key in draw(st.lists(st.sampled_from(ANYWHERE), max_size=3, unique=True)):
        value[key] = draw(SECRET_VALUE)
    if draw(st.booleans()):
        entry = dict((key, draw(SECRET)) for key in draw(st.lists(st.sampled_from(IN_CREDENTIALS), min_size=1, unique=True)))
        entry["type"] = "password"
        value["credentials"] = draw(st.sampled_from([[entry], entry]))
    if depth < 3 and draw(st.booleans()):
        key = draw(PLAIN_KEY)
        value[key] = draw(with_secrets(depth + 1)) if draw(st.booleans()) else draw(st.lists(with_secrets(depth + 1), min_size=1, max_size=2))
    return value


def clear(value):
    """Whether any secret is in ``value`` unmasked."""
    return SECRET_MARK in json.dumps(value, ensure_ascii=False)


@BOUNDED
@given(with_secrets())
def test_mask_leaves_no_secret_in_clear(value):
    assert not clear(mask(value))
    # Masking twice changes nothing more.
    assert mask(mask(value)) == mask(value)


@FEW
@given(with_secrets(), with_secrets(), st.sampled_from(["create", "update", "delete"]), st.booleans())
def test_plan_diff_end_state_and_msg_never_show_a_secret(current, desired, operation, check_mode):
    api = FakeAdmin()
    if operation != "create":
        api.put("one", **current)
    request = thing_request("one", desired, state="absent" if operation == "delete" else "present")
    result, plan = run(api, request, check_mode=check_mode)
    assert not clear(plan.diff())
    assert not clear(result["diff"])
    assert not clear(result["end_state"])
    assert not clear(result["msg"])
    assert not clear(result)


# ------------------------------------------------- applying reaches the goal

TAG = st.sampled_from(["a", "b", "c", "d", DEFAULT_TAG])
URI = st.sampled_from(["https://a", "https://b", "https://c", "urn:x"])
ATTRIBUTE_KEY = st.sampled_from(["team", "site", "level"])
TEXT = st.text(alphabet=string.ascii_letters + string.digits + " -_", max_size=8)
CONFIG = st.dictionaries(st.sampled_from(["host", "port", "tls", "password"]), st.one_of(TEXT, st.integers(0, 9), st.booleans()), max_size=3)


@st.composite
def existing_thing(draw):
    fields = dict(
        description=draw(TEXT),
        enabled=draw(st.booleans()),
        count=draw(st.integers(0, 9)),
        secret=draw(TEXT),
        uris=draw(st.lists(URI, unique=True, max_size=3)),
        attributes=draw(st.dictionaries(ATTRIBUTE_KEY, st.lists(TEXT, max_size=2), max_size=2)),
        config=draw(CONFIG),
    )
    dropped = draw(st.lists(st.sampled_from(sorted(fields)), unique=True, max_size=3))
    return dict((key, value) for key, value in fields.items() if key not in dropped), draw(st.sets(TAG, max_size=4))


def maybe(strategy):
    return st.one_of(st.just(Ellipsis), st.none(), strategy)  # Ellipsis: not in the task at all


@st.composite
def desired_thing(draw):
    fields = dict(
        description=draw(maybe(TEXT)),
        enabled=draw(maybe(st.booleans())),
        count=draw(maybe(st.integers(0, 9))),
        secret=draw(maybe(TEXT)),
        uris=draw(maybe(st.lists(URI, max_size=5))),
        attributes=draw(maybe(st.dictionaries(ATTRIBUTE_KEY, st.one_of(st.none(), TEXT, st.integers(0, 9), st.booleans(), st.lists(TEXT, max_size=3)),
                                              max_size=3))),
        config=draw(maybe(CONFIG)),
    )
    return dict((key, value) for key, value in fields.items() if value is not Ellipsis)


def contained(predicted, actual):
    """``predicted`` is part of ``actual``: dict keys by key, list entries in any order."""
    if isinstance(predicted, dict):
        return isinstance(actual, dict) and all(key in actual and contained(value, actual[key]) for key, value in predicted.items())
    if isinstance(predicted, list):
        return isinstance(actual, list) and set(canonical(item) for item in predicted) <= set(canonical(item) for item in actual)
    return canonical(predicted) == canonical(actual)


def without_empty(value):
    """``value`` without empty maps and lists (the engine takes them for "nothing asked")."""
    if isinstance(value, dict):
        return dict((key, without_empty(item)) for key, item in value.items() if item not in ({}, []))
    return value


def assert_holds(stored, desired):
    """The thing as stored has every field the task set (None: left alone)."""
    for field, wanted in desired.items():
        if wanted is None:
            continue
        have = stored.get(field)
        if field == "uris":
            # A set field compares [] equal to a missing one.
            assert sorted(have or []) == sorted(set(wanted)), field
        elif field == "attributes":
            for key, values in list_map(wanted).items():
                if values is not None:
                    assert have[key] == values, (field, key)
        elif isinstance(wanted, dict):
            # Compared key by key: an empty map asks for nothing.
            assert contained(without_empty(wanted), {} if have is None else have), field
        else:
            assert canonical(have) == canonical(wanted), field


@BOUNDED
@given(st.one_of(st.none(), existing_thing()), desired_thing(), st.one_of(st.none(), st.lists(TAG, max_size=6)), st.booleans(),
       st.sets(TAG, max_size=2))
def test_applying_the_plan_reaches_the_desired_state(existing, desired, tags, purge, default_tags):
    api = FakeAdmin(default_tags=sorted(default_tags))
    if existing is not None:
        fields, have_tags = existing
        api.put("one", tags=have_tags, **fields)
    twin = copy.deepcopy(api)
    request = thing_request("one", desired, tags=tags, purge_tags=purge)

    checked, _plan = run(twin, copy.deepcopy(request), context=new_context(twin, assume_missing=True), check_mode=True)
    assert twin.writes == []

    real, plan = run(api, copy.deepcopy(request))
    for key in ("changed", "operation", "diff", "msg"):
        assert checked[key] == real[key], key
    assert contained(checked["end_state"], real["end_state"]), (checked["end_state"], real["end_state"])

    stored = api.by_name("one")
    assert_holds(stored, desired)
    if tags is not None:
        if purge:
            assert stored["tags"] == sorted(set(tags))
        else:
            assert set(tags) <= set(stored["tags"])
            assert set(stored["tags"]) == set(tags) | (existing[1] if existing is not None else set(default_tags))
    if real["changed"]:
        # The real end_state is what was read back.
        expected = dict(stored) if tags is not None else dict((key, value) for key, value in stored.items() if key != "tags")
        assert real["end_state"] == mask(expected)
    else:
        assert api.writes == []

    # A second run has nothing left to do.
    api.reset_log()
    again, second = run(api, copy.deepcopy(request))
    assert second.actions == [], second.message()
    assert again["changed"] is False and api.writes == []


# ------------------------------------------------------------ built-ins kept

REALM = "corp"
ROLE_NAMES = st.sampled_from(["default-roles-corp", "offline_access", "uma_authorization", "auditor", "admin", "viewer"])
CLIENT_ROLE = st.tuples(st.sampled_from(["app", "api"]), st.sampled_from(["read", "write", "manage"]))


class RoleApi:
    """Realm roles, client roles and one user's role mappings (the calls ``RoleMappings`` makes)."""

    def __init__(self, realm_roles, client_roles, default_role, mapped, mapped_clients):
        self.realm_roles = dict((name, {"id": "rid-" + name, "name": name}) for name in realm_roles)
        self.client_roles = dict(((client, name), {"id": "cid-%s-%s" % (client, name), "name": name}) for client, name in client_roles)
        self.default_role = default_role
        self.mapped = set(mapped)
        self.mapped_clients = set(mapped_clients)
        self.writes = []

    def get_default_realm_role_id(self):
        return self.realm_roles[self.default_role]["id"]

    def get_realm_role(self, name):
        if name not in self.realm_roles:
            raise KeycloakError("Could not find role", 404)
        return dict(self.realm_roles[name])

    def get_client_id(self, client_id):
        return "uuid-" + client_id

    def get_client_role(self, client_uuid, name):
        key = (client_uuid[len("uuid-"):], name)
        if key not in self.client_roles:
            raise KeycloakError("Could not find role", 404)
        return dict(self.client_roles[key])

    def get_user_id(self, username):
        return "user-1" if username == "alice" else None

    def get_role_mappings(self, target, target_id):
        clients = {}
        for client, name in sorted(self.mapped_clients):
            clients.setdefault(client, {"id": "uuid-" + client, "client": client, "mappings": []})["mappings"].append(dict(self.client_roles[(client, name)]))
        return {"realmMappings": [dict(self.realm_roles[name]) for name in sorted(self.mapped)], "clientMappings": clients}

    def _client_of(self, client_uuid):
        return client_uuid[len("uuid-"):] if client_uuid else None

    def add_role_mappings(self, target, target_id, roles, client_uuid=None):
        self.writes.append(("add", self._client_of(client_uuid), roles[0]["name"]))
        for role in roles:
            if client_uuid:
                self.mapped_clients.add((self._client_of(client_uuid), role["name"]))
            else:
                self.mapped.add(role["name"])

    def delete_role_mappings(self, target, target_id, roles, client_uuid=None):
        self.writes.append(("delete", self._client_of(client_uuid), roles[0]["name"]))
        for role in roles:
            if client_uuid:
                self.mapped_clients.discard((self._client_of(client_uuid), role["name"]))
            else:
                self.mapped.discard(role["name"])

    # A user's own calls, which ``RoleMappings`` writes through.
    def assign_realm_roles(self, user_id, roles):
        self.add_role_mappings("user", user_id, roles)

    def assign_client_role(self, user_id, client_id, roles):
        self.add_role_mappings("user", user_id, roles, client_uuid=client_id)

    def delete_realm_roles_of_user(self, user_id, roles):
        self.delete_role_mappings("user", user_id, roles)

    def delete_client_roles_of_user(self, user_id, client_id, roles):
        self.delete_role_mappings("user", user_id, roles, client_uuid=client_id)


@st.composite
def role_world(draw):
    """Roles of a realm (one of them its default role, whatever its name), the user's mappings and the task's list."""
    realm_roles = sorted(draw(st.sets(ROLE_NAMES, min_size=1)))
    default_role = draw(st.sampled_from(realm_roles))
    client_roles = sorted(draw(st.sets(CLIENT_ROLE, max_size=4)))
    mapped = draw(st.sets(st.sampled_from(realm_roles))) | set([default_role])
    mapped_clients = draw(st.sets(st.sampled_from(client_roles))) if client_roles else set()
    listed = draw(st.lists(st.sampled_from(realm_roles), max_size=4))
    listed_clients = draw(st.lists(st.sampled_from(client_roles), max_size=3)) if client_roles else []
    return realm_roles, client_roles, default_role, mapped, mapped_clients, listed, listed_clients


def role_mapping_request(mode, listed, listed_clients):
    client_roles = {}
    for client, name in listed_clients:
        client_roles.setdefault(client, []).append(name)
    params = {"realm": REALM, "user": "alice", "state": mode, "realm_roles": listed,
              "client_roles": [{"client_id": client, "roles": names} for client, names in sorted(client_roles.items())] or None}
    return registry.KINDS["role_mapping"].request(params)


@BOUNDED
@given(role_world(), st.sampled_from(["present", "absent", "exact"]))
def test_role_mapping_purges_never_remove_the_default_role_in_exact_mode(world, mode):
    realm_roles, client_roles, default_role, mapped, mapped_clients, listed, listed_clients = world
    api = RoleApi(realm_roles, client_roles, default_role, mapped, mapped_clients)
    handler = RoleMappingHandler(api, role_mapping_request(mode, listed, listed_clients), PlanContext(lambda realm: api))
    handler.collections()

    named = set(("", name) for name in listed) | set(listed_clients)
    for name in sorted(mapped):
        purged = handler.purges(COLLECTION, {"name": name, "clientId": None})
        if mode == "exact":
            assert purged == (name != default_role), name
        elif mode == "absent":
            assert purged == (("", name) in named), name
        else:
            assert purged is False
    for client, name in sorted(mapped_clients):
        purged = handler.purges(COLLECTION, {"name": name, "clientId": client})
        assert purged == {"exact": True, "absent": (client, name) in named, "present": False}[mode]


@FEW
@given(role_world())
def test_an_exact_role_mapping_run_keeps_the_default_role(world):
    realm_roles, client_roles, default_role, mapped, mapped_clients, listed, listed_clients = world
    api = RoleApi(realm_roles, client_roles, default_role, mapped, mapped_clients)
    request = role_mapping_request("exact", listed, listed_clients)
    context = PlanContext(lambda realm: api)
    engine.outcome(engine.plan(RoleMappingHandler(api, request, context)), False, True)

    assert ("delete", None, default_role) not in api.writes
    assert api.mapped == set(listed) | set([default_role])
    assert api.mapped_clients == set(listed_clients)


SCOPES = ["service_account", "profile", "email", "roles", "web-origins", "acr", "basic"]
SCOPE = st.sampled_from(SCOPES)


@BOUNDED
@given(st.sampled_from(["defaultClientScopes", "optionalClientScopes", "protocolMappers", "serviceAccountRoleMappings"]),
       st.dictionaries(st.sampled_from(["defaultClientScopes", "optionalClientScopes"]), st.booleans()), SCOPE)
def test_client_purges_never_remove_the_service_account_default_scope(collection, purge, scope):
    request = registry.KINDS["client"].request(dict(
        client_id="app", realm=REALM,
        purge_default_client_scopes=purge.get("defaultClientScopes", False),
        purge_optional_client_scopes=purge.get("optionalClientScopes", False),
    ))
    handler = ClientHandler(None, request, PlanContext(lambda realm: None))
    purged = handler.purges(collection, scope)
    if collection == "defaultClientScopes" and scope == SERVICE_ACCOUNT_SCOPE:
        assert purged is False
    else:
        assert purged == bool(request.purge.get(collection))


class ClientApi:
    """One realm's client scopes and clients with their default and optional scope links."""

    def __init__(self, realm_defaults):
        self.scopes = [{"id": "sid-" + name, "name": name, "protocol": "openid-connect"} for name in SCOPES]
        self.realm_defaults = list(realm_defaults)
        self.clients = {}
        self.writes = []

    def add_mapper_to_client(self, *args):
        raise AssertionError("no protocol mapper is asked for")

    update_client_mapper = remove_client_mapper = add_mapper_to_client

    def _name(self, scope_id):
        return scope_id[len("sid-"):]

    def get_client_scopes(self):
        return copy.deepcopy(self.scopes)

    def get_client_id(self, client_id):
        return next((uuid for uuid, client in self.clients.items() if client["clientId"] == client_id), None)

    def get_client(self, uuid):
        return copy.deepcopy(self.clients[uuid])

    def search_clients(self, client_id):
        return [copy.deepcopy(client) for client in self.clients.values() if client["clientId"] == client_id]

    def create_client(self, representation):
        self.writes.append(("create", representation["clientId"]))
        uuid = "uuid-%d" % (len(self.clients) + 1)
        # A new client gets the realm's default scopes, and service_account with service accounts on.
        defaults = list(self.realm_defaults)
        if representation.get("serviceAccountsEnabled") and SERVICE_ACCOUNT_SCOPE not in defaults:
            defaults.append(SERVICE_ACCOUNT_SCOPE)
        self.clients[uuid] = dict(representation, id=uuid, defaultClientScopes=defaults, optionalClientScopes=[])
        return uuid

    def put(self, client_id, default_scopes, optional_scopes):
        uuid = "uuid-%d" % (len(self.clients) + 1)
        self.clients[uuid] = {"id": uuid, "clientId": client_id, "protocol": "openid-connect", "serviceAccountsEnabled": True,
                              "defaultClientScopes": list(default_scopes), "optionalClientScopes": list(optional_scopes)}

    def _link(self, uuid, scope_id, field, add):
        self.writes.append(("add" if add else "delete", field, self._name(scope_id)))
        links = self.clients[uuid][field]
        if add and self._name(scope_id) not in links:
            links.append(self._name(scope_id))
        elif not add and self._name(scope_id) in links:
            links.remove(self._name(scope_id))

    def add_client_default_client_scope(self, uuid, scope_id, payload):
        self._link(uuid, scope_id, "defaultClientScopes", True)

    def add_client_optional_client_scope(self, uuid, scope_id, payload):
        self._link(uuid, scope_id, "optionalClientScopes", True)

    def delete_client_default_client_scope(self, uuid, scope_id):
        self._link(uuid, scope_id, "defaultClientScopes", False)

    def delete_client_optional_client_scope(self, uuid, scope_id):
        self._link(uuid, scope_id, "optionalClientScopes", False)


@FEW
@given(st.booleans(), st.sets(SCOPE), st.sets(SCOPE), st.lists(SCOPE.filter(lambda name: name != SERVICE_ACCOUNT_SCOPE), max_size=4))
def test_a_purging_client_run_keeps_the_service_account_scope(exists, have_default, have_optional, listed):
    have_default = set(have_default) | set([SERVICE_ACCOUNT_SCOPE])
    have_optional = set(have_optional) - have_default
    api = ClientApi(realm_defaults=sorted(have_default - set([SERVICE_ACCOUNT_SCOPE])))
    if exists:
        api.put("app", sorted(have_default), sorted(have_optional))
    request = registry.KINDS["client"].request(dict(client_id="app", realm=REALM, service_accounts_enabled=True,
                                                    default_client_scopes=listed, purge_default_client_scopes=True))
    engine.outcome(engine.plan(ClientHandler(api, request, PlanContext(lambda realm: api))), False, True)

    assert ("delete", "defaultClientScopes", SERVICE_ACCOUNT_SCOPE) not in api.writes
    client = api.get_client(api.get_client_id("app"))
    assert set(client["defaultClientScopes"]) == set(listed) | set([SERVICE_ACCOUNT_SCOPE])
