# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The declarative engine: desired state against current state, for any resource kind.

A resource kind is one ``Handler`` (how to find, create, update and delete it, and which
fields are secrets or sets) with its nested ``Collection``s (protocol mappers, composites,
group memberships, ...). ``plan`` reads, compares and returns a ``Plan`` that lists the
writes and predicts the result; check mode stops there, a real run calls ``Plan.apply``.
Because both runs share the plan, check mode returns the very ``changed``, ``diff`` and
``end_state`` of the real run.

Everything here works on Keycloak representations (camelCase); the module layer turns
options into representations. No Ansible import: a whole-realm apply drives the same
handlers.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json
import time

from .client.exceptions import KeycloakConnectionError, KeycloakError
from .context import PlanError, realm_missing  # noqa: F401  (PlanError is part of the engine's interface)

MASK = "********"
KEYCLOAK_MASK = "**********"

# Keys whose values are secrets wherever they appear (top level, smtpServer, IdP or component
# config, credentials). Masked in diff, end_state and messages.
SECRET_KEYS = frozenset(
    (
        "secret",
        "password",
        "clientSecret",
        "client_secret",
        "bindCredential",
        "privateKey",
        "keystorePassword",
        "keyPassword",
        "secretData",
        "value",
        "registrationAccessToken",
        "token",
        # The keys generated key providers keep (kc.sh export writes them).
        "ecdsaPrivateKey", "eddsaPrivateKey", "ecdhPrivateKey",
        # Client attributes Keycloak returns in clear: SAML private keys, a rotated client secret.
        "saml.signing.private.key", "saml.encryption.private.key", "client.secret.rotated",
    )
)
# "value" and "token" are secrets only inside these containers; elsewhere they are data
# (a protocol mapper's claim value, for example).
_CONTEXT_SECRET_KEYS = {"value": ("credentials",), "token": ("credentials",)}


# --------------------------------------------------------------------- masking


def mask(value, _parent=None):
    """A deep copy of ``value`` with every secret replaced by ``MASK``."""
    if isinstance(value, dict):
        masked = {}
        for key, item in value.items():
            if _is_secret_key(key, _parent) and item not in (None, "", [], {}):
                masked[key] = MASK if not isinstance(item, (dict, list)) else mask_all(item)
            else:
                masked[key] = mask(item, key)
        return masked
    if isinstance(value, list):
        return [mask(item, _parent) for item in value]
    return value


def secret_values(value, _parent=None):
    """Every string under a secret key in ``value`` (free-form maps included), for Ansible's no_log list."""
    found = set()
    if isinstance(value, dict):
        for key, item in value.items():
            # A component's config keeps each value as a list of strings.
            strings = [item] if isinstance(item, str) else item if isinstance(item, list) and all(isinstance(one, str) for one in item) else None
            if strings is not None and _is_secret_key(key, _parent):
                found.update(one for one in strings if one and one != KEYCLOAK_MASK)
            else:
                found |= secret_values(item, key)
    elif isinstance(value, list):
        for item in value:
            found |= secret_values(item, _parent)
    return found


def mask_all(value):
    if isinstance(value, dict):
        return dict((key, mask_all(item)) for key, item in value.items())
    if isinstance(value, list):
        return [mask_all(item) for item in value]
    return MASK


def _is_secret_key(key, parent):
    if key not in SECRET_KEYS:
        return False
    contexts = _CONTEXT_SECRET_KEYS.get(key)
    return contexts is None or parent in contexts


def short(name, limit=80):
    """A name as messages show it: cut to ``limit`` characters (a megabyte name is not repeated in every message)."""
    text = "%s" % (name,)
    return text if len(text) <= limit else "%s...(%d characters)" % (text[:limit - 3], len(text))


# ------------------------------------------------------------- normalisation


def canonical(value):
    """A comparable form: dict order and number-vs-string spelling do not matter."""
    return json.dumps(_stringify(value), sort_keys=True)


def _stringify(value):
    if isinstance(value, dict):
        return dict((key, _stringify(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return [_stringify(item) for item in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return None
    return "%s" % (value,)


def string_map(attributes):
    """Attributes as Keycloak stores them on clients and realms: one string per key."""
    if attributes is None:
        return None
    result = {}
    for key, value in attributes.items():
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, (list, tuple)):
            value = "##".join("%s" % item for item in value)
        elif value is not None:
            value = "%s" % value
        result[key] = value
    return result


def list_map(attributes):
    """Attributes as Keycloak stores them on users, groups and roles: a list of strings per key."""
    if attributes is None:
        return None
    result = {}
    for key, value in attributes.items():
        if value is None:
            result[key] = None
        elif isinstance(value, (list, tuple)):
            result[key] = ["%s" % _scalar(item) for item in value]
        else:
            result[key] = ["%s" % _scalar(value)]
    return result


def _scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def drop_none(value):
    """``value`` without keys whose value is ``None`` (None means "leave alone")."""
    if isinstance(value, dict):
        return dict((key, drop_none(item)) for key, item in value.items() if item is not None)
    if isinstance(value, list):
        return [drop_none(item) for item in value]
    return value


# ----------------------------------------------------------- compare and merge


def changed_fields(desired, current, set_fields=(), replace_fields=(), unknown_secret=None):
    """Paths (tuples) of the fields ``desired`` sets to something else than ``current`` has.

    Dicts are compared key by key (keys the task does not set are not compared), except
    ``replace_fields``, which are compared whole. Lists are compared in order, except
    ``set_fields``. ``unknown_secret(path)`` says whether a secret that the server returns
    masked counts as changed.
    """
    changes = []
    current = current or {}
    for key, wanted in desired.items():
        have = current.get(key)
        path = (key,)
        if wanted is None:
            continue
        if isinstance(wanted, dict) and key not in replace_fields:
            if not isinstance(have, dict):
                have = {}
            for sub in changed_fields(wanted, have, unknown_secret=_nested(unknown_secret, key)):
                changes.append(path + sub)
        elif have == KEYCLOAK_MASK and key in SECRET_KEYS:
            if unknown_secret is not None and unknown_secret(path):
                changes.append(path)
        elif key in set_fields:
            if set(canonical(item) for item in wanted or []) != set(canonical(item) for item in have or []):
                changes.append(path)
        elif canonical(wanted) != canonical(have):
            changes.append(path)
    return changes


def _nested(unknown_secret, key):
    if unknown_secret is None:
        return None
    return lambda path: unknown_secret((key,) + path)


def merge(current, desired, replace_fields=()):
    """``current`` with everything ``desired`` sets laid over it (dicts merged key by key)."""
    result = copy.deepcopy(current) if current else {}
    for key, wanted in desired.items():
        if wanted is None:
            continue
        have = result.get(key)
        if isinstance(wanted, dict) and isinstance(have, dict) and key not in replace_fields:
            result[key] = merge(have, wanted)
        else:
            result[key] = copy.deepcopy(wanted)
    return result


def pick(source, shape):
    """The part of ``source`` that ``shape`` (a desired representation) mentions."""
    if not isinstance(source, dict):
        return source
    result = {}
    for key, wanted in shape.items():
        if wanted is None:
            continue
        if key not in source:
            result[key] = None
        elif isinstance(wanted, dict) and isinstance(source[key], dict):
            result[key] = pick(source[key], wanted)
        else:
            result[key] = copy.deepcopy(source[key])
    return result


# --------------------------------------------------------------- the parts


class Collection:
    """A nested list of a resource that is reconciled item by item (mappers, members, ...).

    ``desired`` items are ensured; with ``purge`` the items not listed are removed.
    Subclasses say how to read, key, compare, add, update and remove an item.
    """

    name = "items"
    # Fields of an item that the server fills in and that are not compared.
    ignored = ("id",)

    def __init__(self, handler):
        self.handler = handler
        self.api = handler.api

    def key(self, item):
        return item.get("name")

    def label(self, item):
        """How an item is named in messages."""
        return "%s" % (self.key(item),)

    def read(self, current):
        """The current items of the resource ``current`` (None when it does not exist yet)."""
        raise NotImplementedError

    def resolve(self, item, current):
        """Check and complete a desired item (references to other objects); raise ``PlanError``.

        ``current`` is the parent resource as it is now (``None`` before its create).
        """
        return item

    def differs(self, have, wanted):
        return bool(changed_fields(wanted, dict((k, v) for k, v in have.items() if k not in self.ignored)))

    def merged(self, have, wanted):
        return merge(have, wanted)

    def add(self, context, item):
        raise NotImplementedError

    def update(self, context, have, item):
        raise NotImplementedError

    def remove(self, context, have):
        raise NotImplementedError

    def view(self, item):
        """How an item shows in diff and end_state."""
        return dict((k, v) for k, v in item.items() if k not in self.ignored)

    def sent_with_create(self):
        """True when the items go in the create request itself (no separate writes)."""
        return False


class NameCollection(Collection):
    """A collection of plain names (default roles, default groups, scope links, ...)."""

    ignored = ()

    def key(self, item):
        return item

    def differs(self, have, wanted):
        return False

    def merged(self, have, wanted):
        return have

    def view(self, item):
        return item


class Handler:
    """One resource kind: find, create, update, delete, and how to compare it.

    A handler is built from the admin API of the request's realm (``api``), one ``Request``
    (its only input: see ``kind.Request``) and the run's ``PlanContext``.
    """

    kind = "resource"
    # List fields compared without order (and without duplicates: Keycloak stores sets).
    set_fields = ()
    # Dict fields compared and written whole (the task's dict is authoritative).
    replace_fields = ()
    # Server-generated fields, left out of comparisons.
    ignored_fields = ("id",)
    # Fields that are written but never read back (a password): not part of end_state.
    write_only_fields = ()
    # True for a kind whose update sends more than the changed fields (the object as read, with the task's
    # fields laid over it): the update is laid over the object as read right before the write, so a
    # concurrent writer's change since the plan's read survives (Keycloak has no conditional writes).
    fresh_update = False
    # Fields the ``representation`` pass-through may not set, with the reason (usually the
    # option that sets them): refused before anything is read or written.
    not_in_representation = {}

    def __init__(self, api, request, context):
        self.api = api
        self.request = request
        self.context = context
        self.flags = request.flags

    @property
    def realm(self):
        return self.request.realm

    @property
    def realm_is_new(self):
        """True while the realm is only planned (created earlier in this run, or assumed in check mode)."""
        return self.context.realm_is_new(self.realm)

    def reference(self, kind, key, find, what=None, hint=""):
        """A ``context.Ref`` to an object of this realm (see ``PlanContext.reference``)."""
        return self.context.reference(self.realm, kind, key, find, what, hint)

    def snapshot_of(self, name):
        """The snapshot ``name`` of this realm while a run that plans many objects plans (``PlanContext.snapshot``), or None."""
        return self.context.snapshot(self.realm, name) if self.context is not None else None

    def describe(self, key):
        return "%s '%s'" % (self.kind, short(key))

    def reference_key(self):
        """The key under which other plans of the run refer to this object."""
        return self.request.key

    def read(self, key):
        """The current representation, or ``None`` when there is none."""
        raise NotImplementedError

    def prepare(self, desired, current):
        """Check and complete the desired representation before comparing; raise ``PlanError``."""
        return desired

    def create(self, context, desired):
        """Create the resource; put its id into ``context['id']``."""
        raise NotImplementedError

    def update(self, context, current, merged, changes):
        """Write ``merged`` (``current`` with the desired fields laid over it)."""
        raise NotImplementedError

    def delete(self, context, current):
        raise NotImplementedError

    def identity(self, current):
        """The server id of an existing resource."""
        return current.get("id")

    def unknown_secret(self, path):
        """Whether a secret the server returns masked counts as changed."""
        return False

    def created_view(self, desired):
        """The predicted representation right after a create (what end_state shows)."""
        return copy.deepcopy(desired)

    def collections(self):
        """``{name: Collection}`` of the nested lists this kind reconciles (new instances each call)."""
        return {}

    def missing(self):
        """What to plan against when the resource is not there (None: create it)."""
        return None

    def predict(self, end_state, wanted_items):
        """The predicted end_state, for what the writes do beyond their own field (a scope moved out of the other list)."""
        return end_state

    def purges(self, name, have):
        """Whether the item ``have`` of collection ``name``, not listed by the task, is removed."""
        return bool(self.request.purge.get(name))

    def phase(self, name):
        """When the writes of collection ``name`` run: ``OWN`` with the object's own writes, ``FINISH`` after
        every object of the run has had its own (``Request.later`` names those: references among the objects
        of one document, such as a realm role holding a client role of a client created later in the run)."""
        return FINISH if name in self.request.later else OWN

    def refuse_delete(self, current):
        """Why deleting ``current`` is refused (it would cut the task's own login), or None.

        Asked while planning, so a refused delete fails before any write, in check mode too.
        """
        return None


# ------------------------------------------------------------------ the plan


# The phases of a run's writes (``Plan.apply``): every plan's own writes, then every plan's finishing writes.
OWN = 0
FINISH = 1
PHASES = (OWN, FINISH)


class Action:
    def __init__(self, description, run, phase=OWN):
        self.description = description
        self.run = run
        self.phase = phase


class Plan:
    """What one resource needs, and what it will look like afterwards."""

    def __init__(self, handler, key):
        self.handler = handler
        self.key = key
        self.actions = []
        self.before = None
        self.after = None
        self.end_state = None
        self.context = {}
        self.operation = "none"
        self.done = []
        self.changed_paths = []
        self.collection_names = ()
        # A create's request body (its fields and the items that go with the create).
        self.create_payload = None
        # (desired, changed paths) of an update: what the read-back must show, else the write is redone.
        self.verify = None

    @property
    def changed(self):
        return bool(self.actions)

    def add(self, description, run, phase=OWN):
        self.actions.append(Action(description, run, phase))

    def descriptions(self):
        """What each of its writes does, in order."""
        return [action.description for action in self.actions]

    def written_elsewhere(self):
        """Its writes were made another way (a partial import that made the object): noted as done."""
        self.done.extend(self.descriptions())

    def apply(self, phase=None, read_back_state=True):
        """Send the planned writes (those of ``phase`` only, when given), in order, then read the result back
        for ``end_state`` (after the last phase, unless ``read_back_state`` is false: a whole-realm run reports its plan).

        ``done`` grows as the writes succeed, so a failure part-way can say what was written.
        """
        for action in self.actions:
            if phase is not None and action.phase != phase:
                continue
            action.run(self.context)
            self.done.append(action.description)
        last = phase is None or phase == PHASES[-1]
        if self.actions and last and read_back_state:
            self.end_state = read_back(self.handler, self.key, self.collection_names) if self.operation != "delete" else {}
            self._redo_undone()
        return list(self.done)

    def _undone(self):
        """The changed fields the read-back does not show: a concurrent writer undid them."""
        if self.verify is None or not self.end_state:
            return []
        desired, changes = self.verify[0], self.verify[1]
        handler = self.handler
        written = set(path[0] for path in changes) - set(handler.write_only_fields)
        wanted = dict((field, value) for field, value in desired.items() if field in written)
        return [path for path in changed_fields(wanted, self.end_state, handler.set_fields, handler.replace_fields, handler.unknown_secret)
                if not handler.unknown_secret(path) and not _removal(wanted, path)]

    def _redo_undone(self):
        """Write again what a concurrent writer undid between this run's write and its read-back (bounded)."""
        for _attempt in range(REDO_LIMIT):
            undone = self._undone()
            if not undone:
                return
            desired = self.verify[0]
            _update_fresh(self.context, self.handler, desired, undone)
            self.done.append("%s written again (a concurrent change undid it)" % ", ".join(sorted(".".join(path) for path in undone)))
            self.end_state = read_back(self.handler, self.key, self.collection_names)
        undone = self._undone()
        if undone:
            raise PlanError("%s: another writer changed %s back %d times in a row; run the task again when it stops"
                            % (self.handler.describe(self.key), ", ".join(sorted(".".join(path) for path in undone)), REDO_LIMIT))

    def diff(self):
        before = _sorted_sets(self.handler, self.before)
        after = _sorted_sets(self.handler, self.after)
        masked_before = mask(before) if before is not None else {}
        masked_after = mask(after) if after is not None else {}
        # A change of a secret alone would show the same mask on both sides: say it changed.
        for path in self.changed_paths:
            _mark_secret_change(masked_before, masked_after, path)
        return {"before": masked_before, "after": masked_after}

    def message(self):
        what = self.handler.describe(self.key)
        if not self.actions:
            return "%s is as wanted" % what
        return "%s: %s" % (what, "; ".join(action.description for action in self.actions))


MASK_CHANGED = MASK + " (changed)"
# How often a write that a concurrent writer undid is written again before the task fails.
REDO_LIMIT = 3


def _mark_secret_change(before, after, path):
    for key in path[:-1]:
        before = before.get(key) if isinstance(before, dict) else None
        after = after.get(key) if isinstance(after, dict) else None
    last = path[-1]
    if isinstance(after, dict) and isinstance(before, dict) and after.get(last) == before.get(last) and after.get(last) is not None:
        after[last] = MASK_CHANGED if after[last] == MASK else after[last]


def _sorted_sets(handler, representation):
    """Set-like lists and collections sorted, so an unchanged entry never looks moved."""
    if representation is None:
        return None
    result = dict(representation)
    for field in handler.set_fields:
        if isinstance(result.get(field), list):
            result[field] = sorted(result[field], key=canonical)
    return result


def unique(values, key=canonical):
    """``values`` without repeats (first one kept), in their order."""
    seen = set()
    result = []
    for value in values:
        marker = key(value)
        if marker not in seen:
            seen.add(marker)
            result.append(value)
    return result


def read_current(handler):
    """The resource as the server has it, or None; a missing realm is the context's to judge."""
    context = handler.context
    realm = handler.request.realm
    is_realm = handler.kind == "realm"
    if not is_realm and context.realm_is_new(realm):
        return None
    try:
        current = handler.read(handler.request.key)
    except KeycloakError as error:
        if is_realm or not (error.not_found and realm_missing(error)):
            raise
        context.realm_not_found(realm)
        return None
    if not is_realm:
        context.realm_found(realm)
    return current


def read_back(handler, key, collection_names):
    """The resource as the server has it after the writes (end_state of a real run)."""
    current = handler.read(key)
    if current is None:
        return {}
    state = copy.deepcopy(current)
    fresh = handler.collections()
    for name in collection_names:
        collection = fresh[name]
        state[name] = sorted((collection.view(item) for item in collection.read(current) or []), key=lambda item: canonical(collection.key(item)))
    return state


def plan(handler):
    """Compare the handler's request with the server and plan the writes; check mode stops here.

    The request's ``items`` map a collection name to its desired items (None = leave alone);
    its ``purge`` says, per collection, whether items not listed are removed (the handler's
    ``purges`` decides item by item).
    """
    request = handler.request
    key = request.key
    result = Plan(handler, key)
    for field, why in sorted(handler.not_in_representation.items()):
        if field in (request.representation or {}) and request.representation[field] is not None:
            raise PlanError("representation may not set %s: %s" % (field, why))
    current = read_current(handler)
    if current is None:
        current = handler.missing()
    # Planned by an earlier task of the play (a dry run): planned against what that task leaves, as the real run would find it.
    planned, planned_state = handler.context.play_state(request.realm, handler.kind, handler.reference_key())
    if planned:
        if handler.kind == "realm" and current is None and planned_state is not None:
            # A realm an earlier task creates: nothing in it can be read yet.
            handler.context.realm_not_found(request.realm)
        current = None if planned_state is None else dict(current or {}, **planned_state)
    if current is not None:
        result.context["id"] = handler.identity(current)
        result.context["current"] = current

    if request.state == "absent":
        if current is not None:
            refused = handler.refuse_delete(current)
            if refused:
                raise PlanError("not deleted: %s" % refused)
            result.operation = "delete"
            result.before = copy.deepcopy(current)
            result.after = None
            result.add("deleted", lambda context: handler.delete(context, current))
        result.end_state = {}
        handler.context.will_be(request.realm, handler.kind, handler.reference_key(), None)
        return result

    desired = drop_none(copy.deepcopy(request.representation))
    # Server-generated fields are never the task's to set: not compared, not written.
    desired = dict((name, value) for name, value in desired.items() if name not in handler.ignored_fields)
    for field in handler.set_fields:
        if isinstance(desired.get(field), list):
            desired[field] = unique(desired[field])
    desired = handler.prepare(desired, current)
    handlers = handler.collections()
    if planned_state is not None:
        # The nested items that task plans are its plan too (not on the server yet, or not as they will be).
        for name, collection in handlers.items():
            if name in planned_state or current.get("id") is None:
                collection.read = _reads(planned_state.get(name) or [])
    wanted_items = {}
    for name, items in request.items.items():
        if items is None:
            continue
        collection = handlers[name]
        resolved = [collection.resolve(drop_none(item), current) for item in items]
        wanted_items[name] = unique(resolved, key=lambda item, c=collection: canonical(c.key(item)))
    result.collection_names = tuple(sorted(wanted_items))

    if current is None:
        _plan_create(result, handler, desired, handlers, wanted_items)
    else:
        _plan_update(result, handler, current, desired, handlers, wanted_items)
    handler.context.will_be(request.realm, handler.kind, handler.reference_key(), result.end_state)
    return result


def _reads(items):
    """A collection's ``read`` that gives ``items`` (what an earlier task of the play plans), not the server's."""
    return lambda _current: copy.deepcopy(items)


def _plan_create(result, handler, desired, handlers, wanted_items):
    request = handler.request
    handler.context.will_create(request.realm, handler.kind, handler.reference_key())
    result.operation = "create"
    view = handler.created_view(desired)
    result.before = None
    # The diff shows a write-only field (a password) as sent, masked; end_state, what is read back, does not.
    result.after = copy.deepcopy(view)
    for field in handler.write_only_fields:
        view.pop(field, None)
    # Fields the request writes late (a realm's flow bindings): left out of the create, set in the FINISH phase.
    late_fields = dict((field, value) for field, value in desired.items() if field in request.later and field not in handlers)
    create_payload = copy.deepcopy(dict((field, value) for field, value in desired.items() if field not in late_fields))
    later = []
    for name, items in sorted(wanted_items.items()):
        collection = handlers[name]
        view[name] = sorted((collection.view(item) for item in items), key=lambda item, c=collection: canonical(c.key(item)))
        result.after[name] = view[name]
        if collection.sent_with_create():
            create_payload[name] = items
        else:
            later.append((collection, items))
    # What the create sends: a whole-realm run may send it in a partial import instead (``bulk.import_plans``).
    result.create_payload = create_payload
    result.add("created", _bind(_create, handler, create_payload, desired))
    if late_fields:
        result.add("set %s" % ", ".join(sorted(late_fields)), _bind(_update_new, handler, late_fields), FINISH)
    for name, items in sorted(wanted_items.items()):
        if request.purge.get(name):
            # A new object may come with items of its own (a realm's default groups, roles and
            # scopes): a task that purges lists everything it wants, so the others go at once,
            # before the listed ones are added (a scope moves from one list to the other).
            collection = handlers[name]
            result.add("%s not listed removed" % collection.name, _bind(_purge_new, handler, collection, items), handler.phase(name))
    for collection, items in later:
        for item in items:
            result.add("%s '%s' added" % (collection.name, collection.label(item)), _bind(_add_to_new, handler, collection, item),
                       handler.phase(collection.name))
    result.end_state = view


def _create(context, handler, payload, desired):
    """Create the object; when the answer to the create was lost, or another writer made it first, go on with it.

    A POST is never resent blindly (a second one could make a twin, or fail on the first with
    a 409): after an unknown outcome (the connection reset or timed out once the request was
    sent) the object is read by its key. Found: it was created, and the task goes on with its
    other writes. Not found: the server did not act on it, so the create is sent once more.
    A 409 (another writer created it since this task's read) is joined: this task's fields go onto
    that object, and the rest of the plan (its items) continues on it.
    """
    try:
        handler.create(context, payload)
        return
    except KeycloakConnectionError as error:
        if not error.outcome_unknown:
            raise
        lost = error
    except KeycloakError as error:
        if not error.conflict:
            raise
        _join(context, handler, desired, error)
        return
    found = handler.read(handler.request.key)
    if found is None:
        handler.create(context, payload)
        return
    context["id"] = handler.identity(found)
    context["created"] = found
    context["current"] = found
    context.setdefault("warnings", []).append(
        "the answer to the create of %s was lost (%s); the object was found, created, and the task went on"
        % (handler.describe(handler.request.key), lost.description))


def _join(context, handler, desired, conflict):
    """Another writer created the object between this task's read and its create: lay this task's fields onto it."""
    current = handler.read(handler.request.key)
    if current is None:
        raise conflict
    context["id"] = handler.identity(current)
    context["created"] = context["current"] = current
    changes = changed_fields(desired, current, handler.set_fields, handler.replace_fields, handler.unknown_secret)
    if changes:
        handler.update(context, current, merge(current, desired, handler.replace_fields), changes)


def _created(handler, context):
    """The object just created, read once (what it got from the server's defaults)."""
    if context.get("created") is None:
        context["created"] = handler.read(handler.request.key)
        context["current"] = context["created"]
    return context["created"]


def _update_new(context, handler, fields):
    current = _created(handler, context)
    handler.update(context, current, merge(current, fields, handler.replace_fields), [(field,) for field in sorted(fields)])


def _add_to_new(context, handler, collection, item):
    # A new object may have the item already (a client gets the realm's default scopes): only what it lacks is written.
    have = set(canonical(collection.key(entry)) for entry in collection.read(_created(handler, context)) or [])
    if canonical(collection.key(item)) not in have:
        collection.add(context, item)


def _purge_new(context, handler, collection, items):
    wanted = set(canonical(collection.key(item)) for item in items)
    for have in collection.read(_created(handler, context)) or []:
        if canonical(collection.key(have)) not in wanted and handler.purges(collection.name, have):
            collection.remove(context, have)


def _plan_update(result, handler, current, desired, handlers, wanted_items):
    changes = changed_fields(desired, current, handler.set_fields, handler.replace_fields, handler.unknown_secret)
    # An empty map or set asked of an object without the field is no change: nor is it shown as one.
    changed_keys = set(path[0] for path in changes)
    desired = dict((key, value) for key, value in desired.items()
                   if not (value in ({}, []) and current.get(key) is None and key not in changed_keys))
    merged = merge(current, desired, handler.replace_fields)
    result.before = pick(current, desired)
    result.after = pick(merged, desired)
    for field in handler.write_only_fields:
        result.before.pop(field, None)
        if field not in [path[0] for path in changes]:
            result.after.pop(field, None)
    result.changed_paths = changes
    if changes:
        result.operation = "update"
        # Fields the request writes late (``Request.later``) are a second update, in the FINISH phase.
        late = [path for path in changes if path[0] in handler.request.later]
        own = [path for path in changes if path[0] not in handler.request.later]
        if own:
            own_desired = desired
            merged_own = merged
            if late:
                own_desired = dict((key, value) for key, value in desired.items() if key not in handler.request.later)
                merged_own = merge(current, own_desired, handler.replace_fields)
            result.add("updated %s" % ", ".join(sorted(".".join(path) for path in own)),
                       _bind(_update_planned, handler, current, own_desired, merged_own, own))
        if late:
            result.add("updated %s" % ", ".join(sorted(".".join(path) for path in late)),
                       _bind(_update_planned, handler, current, desired, merged, late), FINISH)
        if handler.fresh_update:
            result.verify = (desired, changes)
    end_state = copy.deepcopy(merged)
    for field in handler.write_only_fields:
        end_state.pop(field, None)
    for name, items in sorted(wanted_items.items()):
        collection = handlers[name]
        end_state[name] = _plan_collection(result, handler, collection, current, items)
    if result.actions and result.operation == "none":
        result.operation = "update"
    result.end_state = handler.predict(end_state, wanted_items)


def _removal(desired, path):
    """Whether ``path`` of ``desired`` asks for a removal (an empty value: ``sites: []`` removes that attribute), which a
    read-back shows as the key gone, never as the empty value: not something a concurrent writer can be seen to undo."""
    value = desired
    for key in path:
        if not isinstance(value, dict):
            return False
        value = value.get(key)
    return value in (None, "", [], {})


def _update_planned(context, handler, current, desired, merged, changes):
    if handler.fresh_update:
        _update_fresh(context, handler, desired, changes)
    else:
        handler.update(context, current, merged, changes)


def _update_fresh(context, handler, desired, changes):
    """``handler.update`` laid over the object as read right before the write: the window in which a
    concurrent writer's change is lost is these two requests, not the whole task."""
    for attempt in range(REDO_LIMIT):
        current = handler.read(handler.request.key)
        if current is None:
            raise PlanError("%s was deleted by another writer while this task ran" % handler.describe(handler.request.key))
        try:
            handler.update(context, current, merge(current, desired, handler.replace_fields), changes)
            return
        except KeycloakError as error:
            # Keycloak refuses a write that raced another one on the same object (409 "Duplicate resource
            # error" on a realm): read again and write again; a 409 that stays is a real conflict.
            if not error.conflict or attempt == REDO_LIMIT - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


def _plan_collection(result, handler, collection, current, items):
    def order(item):
        return canonical(collection.key(item))

    have_items = collection.read(current) or []
    phase = handler.phase(collection.name)
    by_key = dict((order(item), item) for item in have_items)
    wanted_keys = set()
    final = []
    for item in items:
        item_key = order(item)
        wanted_keys.add(item_key)
        have = by_key.get(item_key)
        if have is None:
            result.add("%s '%s' added" % (collection.name, collection.label(item)), _bind(collection.add, item), phase)
            final.append(collection.view(item))
        elif collection.differs(have, item):
            result.add("%s '%s' updated" % (collection.name, collection.label(item)), _bind(collection.update, have, item), phase)
            final.append(collection.view(collection.merged(have, item)))
        else:
            final.append(collection.view(have))
    removed = False
    for have in have_items:
        if order(have) in wanted_keys:
            continue
        if handler.purges(collection.name, have):
            result.add("%s '%s' removed" % (collection.name, collection.label(have)), _bind(collection.remove, have), phase)
            removed = True
        else:
            final.append(collection.view(have))
    before_items = sorted(
        (collection.view(have) for have in have_items if order(have) in wanted_keys or handler.purges(collection.name, have)), key=order
    )
    after_items = sorted((item for item in final if order(item) in wanted_keys), key=order)
    if before_items != after_items or removed:
        result.before[collection.name] = before_items
        result.after[collection.name] = after_items
    return sorted(final, key=order)


def _bind(function, *args):
    return lambda context: function(context, *args)


def outcome(plan_, check_mode, diff_mode):
    """The module result of a plan: the same keys in every module, check mode or not."""
    if plan_.changed and not check_mode:
        plan_.apply()
    result = {
        "changed": plan_.changed,
        "end_state": mask(plan_.end_state),
        "msg": plan_.message(),
        "operation": plan_.operation,
    }
    if plan_.context.get("id") is not None or plan_.operation == "create":
        result["id"] = plan_.context.get("id")
    if plan_.context.get("warnings"):
        result["warnings"] = list(plan_.context["warnings"])
    if diff_mode:
        result["diff"] = plan_.diff()
    return result
