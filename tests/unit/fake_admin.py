# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""An in-memory admin API and a small resource kind over it, to drive the engine without HTTP.

The kind is a "thing" of one realm, keyed by its name, with:

* plain fields (``description``, ``enabled``, ``count``, free nested dicts such as ``config``),
* a secret ``secret`` (the fake returns it in clear, as Keycloak does a client secret),
* a set-like list ``uris`` (the fake stores it sorted and without repeats, as Keycloak stores a set),
* an ``attributes`` map (a list of strings per key, as on users and groups),
* an optional ``parent``: the name of another thing, resolved through the ``PlanContext``,
* a nested name collection ``tags`` (added and removed one by one). A new thing comes with the
  fake's ``default_tags``, as a new client comes with the realm's default scopes.

Every call is logged in ``calls``; the writes alone in ``writes``, so a test can say "no write".
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.iam.keycloak.plugins.module_utils import engine
from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import KeycloakError
from ansible_collections.iam.keycloak.plugins.module_utils.context import PlanContext, or_none
from ansible_collections.iam.keycloak.plugins.module_utils.kind import Items, Kind, Request

REALM = "test"
DEFAULT_TAG = "default"


class FakeAdmin:
    """One realm's worth of things and their tags, in memory."""

    def __init__(self, realm=REALM, realm_exists=True, default_tags=(DEFAULT_TAG,)):
        self.realm = realm
        self.realm_exists = realm_exists
        self.default_tags = list(default_tags)
        self.things = {}  # id -> representation (without tags)
        self.tags = {}  # id -> set of tag names
        self.calls = []
        self.writes = []
        self.fail_on = None  # name of a write method that raises (a failure part-way)
        # A plain counter, not itertools.count: the property tests deep-copy the fake, which Python 3.14 refuses for itertools.
        self._last_id = 0

    # ------------------------------------------------------------ plumbing

    def _next_id(self):
        self._last_id += 1
        return "id-%d" % self._last_id

    def _call(self, name, *args, **write):
        self.calls.append((name,) + args)
        if not self.realm_exists:
            raise KeycloakError("Realm not found.", 404)
        if write.get("write"):
            if self.fail_on == name:
                raise KeycloakError("unknown_error", 500)
            self.writes.append((name,) + tuple(copy.deepcopy(args)))

    def _need(self, thing_id):
        if thing_id not in self.things:
            raise KeycloakError("Could not find thing", 404)

    @staticmethod
    def _stored(representation):
        """What the server keeps: ``uris`` is a set."""
        stored = copy.deepcopy(representation)
        if isinstance(stored.get("uris"), list):
            stored["uris"] = sorted(set(stored["uris"]))
        return stored

    # --------------------------------------------------------------- reads

    def get_thing_id(self, name):
        self._call("get_thing_id", name)
        for thing_id, thing in self.things.items():
            if thing["name"] == name:
                return thing_id
        return None

    def get_thing(self, thing_id):
        self._call("get_thing", thing_id)
        self._need(thing_id)
        return copy.deepcopy(self.things[thing_id])

    def get_thing_tags(self, thing_id):
        self._call("get_thing_tags", thing_id)
        self._need(thing_id)
        return sorted(self.tags[thing_id])

    # -------------------------------------------------------------- writes

    def create_thing(self, representation):
        self._call("create_thing", representation, write=True)
        if any(thing["name"] == representation["name"] for thing in self.things.values()):
            raise KeycloakError("Thing exists", 409)
        thing_id = self._next_id()
        thing = {"enabled": True}  # a server default the task need not set
        thing.update(self._stored(representation))
        thing["id"] = thing_id
        self.things[thing_id] = thing
        self.tags[thing_id] = set(self.default_tags)
        return thing_id

    def update_thing(self, thing_id, payload):
        self._call("update_thing", thing_id, payload, write=True)
        self._need(thing_id)
        self.things[thing_id].update(self._stored(payload))

    def delete_thing(self, thing_id):
        self._call("delete_thing", thing_id, write=True)
        self._need(thing_id)
        del self.things[thing_id]
        del self.tags[thing_id]

    def add_thing_tag(self, thing_id, tag):
        self._call("add_thing_tag", thing_id, tag, write=True)
        self._need(thing_id)
        self.tags[thing_id].add(tag)

    def remove_thing_tag(self, thing_id, tag):
        self._call("remove_thing_tag", thing_id, tag, write=True)
        self._need(thing_id)
        self.tags[thing_id].discard(tag)

    # ------------------------------------------------------- test helpers

    def put(self, name, tags=(), **fields):
        """Seed a thing as if it were on the server already (no call logged); returns its id."""
        thing_id = self._next_id()
        thing = self._stored(dict(fields, name=name))
        thing["id"] = thing_id
        self.things[thing_id] = thing
        self.tags[thing_id] = set(tags)
        return thing_id

    def by_name(self, name):
        """The stored thing with its tags (sorted), or None; logs nothing."""
        for thing_id, thing in self.things.items():
            if thing["name"] == name:
                state = copy.deepcopy(thing)
                state["tags"] = sorted(self.tags[thing_id])
                return state
        return None

    def reset_log(self):
        self.calls = []
        self.writes = []


# ------------------------------------------------------------- the handler


class Tags(engine.NameCollection):
    """The tags of a thing, by name."""

    name = "tags"

    def read(self, current):
        if current is None or current.get("id") is None:
            return []
        return self.api.get_thing_tags(current["id"])

    def add(self, context, item):
        self.api.add_thing_tag(context["id"], item)

    def remove(self, context, have):
        self.api.remove_thing_tag(context["id"], have)


class ThingHandler(engine.Handler):
    kind = "thing"
    set_fields = ("uris",)
    not_in_representation = {"tags": "use the tags option"}

    def __init__(self, api, request, context):
        engine.Handler.__init__(self, api, request, context)
        self.parent = None

    def read(self, key):
        thing_id = self.api.get_thing_id(key)
        if thing_id is None:
            return None
        return or_none(self.api.get_thing, thing_id)

    def prepare(self, desired, current):
        if "attributes" in desired:
            desired["attributes"] = engine.list_map(desired["attributes"])
        parent = desired.get("parent")
        if parent is not None and (current or {}).get("parent") != parent:
            # Resolved now, so a missing parent fails before any write; an earlier plan may create it.
            self.parent = self.reference("thing", parent, lambda: self.read(parent))
        return desired

    def _payload(self, fields):
        payload = copy.deepcopy(fields)
        if self.parent is not None and "parent" in payload:
            payload["parentId"] = self.parent.id
        return payload

    def create(self, context, desired):
        context["id"] = self.api.create_thing(self._payload(desired))

    def update(self, context, current, merged, changes):
        fields = sorted(set(path[0] for path in changes))
        self.api.update_thing(current["id"], self._payload(dict((field, merged[field]) for field in fields)))

    def delete(self, context, current):
        self.api.delete_thing(current["id"])

    def collections(self):
        return {"tags": Tags(self)}


THING = Kind(
    "thing",
    ThingHandler,
    key="name",
    key_field="name",
    settings=dict(
        name=dict(type="str", required=True),
        description=dict(type="str"),
        enabled=dict(type="bool"),
        count=dict(type="int"),
        secret=dict(type="str", no_log=True),
        uris=dict(type="list", elements="str"),
        attributes=dict(type="dict"),
        parent=dict(type="str"),
    ),
    items=[Items("tags", "tags", dict(type="list", elements="str"))],
)


# ---------------------------------------------------------------- driving


def thing_request(name="one", representation=None, tags=None, purge_tags=False, state="present", realm=REALM):
    """The ``Request`` of a thing task: ``representation`` gets the name; ``tags`` None leaves them alone."""
    wanted = dict(representation or {})
    wanted.setdefault("name", name)
    return Request("thing", realm, name, state=state, representation=wanted, items={"tags": tags}, purge={"tags": purge_tags})


def new_context(api, assume_missing=False):
    return PlanContext(lambda realm: api, assume_missing=assume_missing)


def make_plan(api, request, context=None):
    """Plan ``request`` against ``api`` (in ``context``, a fresh one by default)."""
    context = context if context is not None else new_context(api)
    return engine.plan(ThingHandler(api, request, context))


def run(api, request, context=None, check_mode=False, diff_mode=True):
    """Plan and (unless check mode) apply, as a module would: ``(module result, plan)``."""
    plan = make_plan(api, request, context)
    return engine.outcome(plan, check_mode, diff_mode), plan
