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
        # Client attributes Keycloak returns in clear: SAML private keys, a rotated client secret.
        "saml.signing.private.key", "saml.encryption.private.key", "client.secret.rotated",
    )
)
# "value" and "token" are secrets only inside these containers; elsewhere they are data
# (a protocol mapper's claim value, for example).
_CONTEXT_SECRET_KEYS = {"value": ("credentials",), "token": ("credentials",)}


class PlanError(Exception):
    """The desired state cannot be reached: raised while planning, before any write."""


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


# ------------------------------------------------------------- normalisation


def canonical(value):
    """A comparable form: dict order and number-vs-string spelling do not matter."""
    return json.dumps(_stringify(value), sort_keys=True)


def _stringify(value):
    if isinstance(value, dict):
        return dict((key, _stringify(item)) for key, item in value.items())
    if isinstance(value, list):
        return [_stringify(item) for item in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return None
    return "%s" % value


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
            if sorted(canonical(item) for item in wanted or []) != sorted(canonical(item) for item in have or []):
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
        self.client = handler.client

    def key(self, item):
        return item.get("name")

    def label(self, item):
        """How an item is named in messages."""
        return "%s" % (self.key(item),)

    def read(self, current):
        """The current items of the resource ``current`` (None when it does not exist yet)."""
        raise NotImplementedError

    def resolve(self, item, current):
        """Check and complete a desired item (ids of referenced objects); raise ``PlanError``.

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
    """One resource kind: find, create, update, delete, and how to compare it."""

    kind = "resource"
    # List fields compared without order.
    set_fields = ()
    # Dict fields compared and written whole (the task's dict is authoritative).
    replace_fields = ()
    # Server-generated fields, left out of comparisons.
    ignored_fields = ("id",)
    # Fields the ``representation`` pass-through may not set, with the reason (usually the
    # option that sets them): refused before anything is read or written.
    not_in_representation = {}

    def __init__(self, client, options=None):
        self.client = client
        self.options = options or {}

    def describe(self, key):
        return "%s '%s'" % (self.kind, key)

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
        """``{name: Collection}`` of the nested lists this kind reconciles."""
        return {}


# ------------------------------------------------------------------ the plan


class Action:
    def __init__(self, description, run):
        self.description = description
        self.run = run


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

    @property
    def changed(self):
        return bool(self.actions)

    def add(self, description, run):
        self.actions.append(Action(description, run))

    def apply(self):
        """Send the planned writes, in order. Returns the names of what was done.

        ``done`` grows as the writes succeed, so a failure part-way can say what was written.
        """
        for action in self.actions:
            action.run(self.context)
            self.done.append(action.description)
        return list(self.done)

    def diff(self):
        return {"before": mask(self.before) if self.before is not None else {}, "after": mask(self.after) if self.after is not None else {}}

    def message(self):
        what = self.handler.describe(self.key)
        if not self.actions:
            return "%s is as wanted" % what
        return "%s: %s" % (what, "; ".join(action.description for action in self.actions))


def plan(handler, key, desired, state="present", collections=None, purge=None):
    """Compare and plan. ``desired`` is a representation (None values = leave alone).

    ``collections`` maps a collection name to its desired items (None = leave alone);
    ``purge`` maps a collection name to True when items not listed are to be removed, or to a
    function ``(item) -> bool`` that picks which of the items not listed to remove.
    """
    collections = collections or {}
    purge = purge or {}
    result = Plan(handler, key)
    current = handler.read(key)
    if current is not None:
        result.context["id"] = handler.identity(current)
        result.context["current"] = current

    if state == "absent":
        if current is not None:
            result.operation = "delete"
            result.before = _public(handler, current)
            result.after = None
            result.end_state = {}
            result.add("deleted", lambda context: handler.delete(context, current))
        else:
            result.end_state = {}
        return result

    desired = drop_none(desired or {})
    for field, why in sorted(handler.not_in_representation.items()):
        if field in desired:
            raise PlanError("representation may not set %s: %s" % (field, why))
    # Server-generated fields are never the task's to set: not compared, not written.
    desired = dict((key, value) for key, value in desired.items() if key not in handler.ignored_fields)
    desired = handler.prepare(desired, current)
    handlers = handler.collections()
    wanted_items = {}
    for name, items in collections.items():
        if items is None:
            continue
        collection = handlers[name]
        wanted_items[name] = [collection.resolve(drop_none(item), current) for item in items]

    if current is None:
        result.operation = "create"
        view = handler.created_view(desired)
        result.before = None
        result.after = copy.deepcopy(view)
        create_payload = copy.deepcopy(desired)
        later = []
        for name, items in wanted_items.items():
            collection = handlers[name]
            view[name] = [collection.view(item) for item in items]
            result.after[name] = view[name]
            if collection.sent_with_create():
                create_payload[name] = items
            else:
                later.append((collection, items))
        result.add("created", lambda context: handler.create(context, create_payload))
        for collection, items in later:
            for item in items:
                result.add(
                    "%s '%s' added" % (collection.name, collection.label(item)),
                    _bind(collection.add, item),
                )
        result.end_state = view
        return result

    changes = changed_fields(desired, current, handler.set_fields, handler.replace_fields, handler.unknown_secret)
    merged = merge(current, desired, handler.replace_fields)
    result.before = pick(current, desired)
    result.after = pick(merged, desired)
    if changes:
        result.operation = "update"
        paths = sorted(".".join(path) for path in changes)
        result.add("updated %s" % ", ".join(paths), lambda context: handler.update(context, current, merged, changes))
    end_state = _public(handler, merged)
    for name, items in wanted_items.items():
        collection = handlers[name]
        have_items = collection.read(current) or []
        by_key = dict((collection.key(item), item) for item in have_items)
        wanted_keys = set()
        final = []
        for item in items:
            item_key = collection.key(item)
            wanted_keys.add(item_key)
            have = by_key.get(item_key)
            if have is None:
                result.add("%s '%s' added" % (collection.name, collection.label(item)), _bind(collection.add, item))
                final.append(collection.view(item))
            elif collection.differs(have, item):
                result.add("%s '%s' updated" % (collection.name, collection.label(item)), _bind(collection.update, have, item))
                final.append(collection.view(collection.merged(have, item)))
            else:
                final.append(collection.view(have))
        removed = []
        for have in have_items:
            if collection.key(have) in wanted_keys:
                continue
            if _purges(purge.get(name), have):
                result.add("%s '%s' removed" % (collection.name, collection.label(have)), _bind(collection.remove, have))
                removed.append(collection.view(have))
            else:
                final.append(collection.view(have))
        before_items = [collection.view(have) for have in have_items if collection.key(have) in wanted_keys or _purges(purge.get(name), have)]
        after_items = [item for item in final if collection.key(item) in wanted_keys]
        if before_items != after_items or removed:
            result.before[name] = before_items
            result.after[name] = after_items
        end_state[name] = sorted(final, key=lambda item: "%s" % (collection.key(item),))
    if result.actions and result.operation == "none":
        result.operation = "update"
    result.end_state = end_state
    return result


def _purges(rule, have):
    # A purge rule is True (remove every item not listed) or a function that picks, among the
    # items not listed, those to remove (a module that removes only the items it lists).
    return rule(have) if callable(rule) else bool(rule)


def _bind(function, *args):
    return lambda context: function(context, *args)


def _public(handler, representation):
    return copy.deepcopy(representation)


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
    if diff_mode:
        result["diff"] = plan_.diff()
    return result
