# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A resource kind, defined once: its options, how they become a ``Request``, and its handler.

A module is documentation plus ``run(KIND)``; the whole-realm apply and the tests drive the same
kinds through ``registry.KINDS`` without importing a module file.

Options are Ansible argument-spec dicts with a few keys of our own, stripped before Ansible sees
them:

``field``
    the representation field the option sets (default: the camelCase of its name, so
    ``client_id`` sets ``clientId``); suboptions take one too.
``range``
    ``(lowest, highest)`` an ``int`` option accepts (either may be None). Without it an ``int`` is a
    duration, a count or a size: ``0`` to ``2147483647`` (Keycloak keeps them as Java ints), so a
    negative token lifespan is refused before any request (see ``input_problem``).
``empty``
    False: an empty string is refused. A secret (``no_log``) refuses one without saying so.

A kind has three sorts of options besides the common ``realm``/``state``/``representation``:

* ``settings``: fields of the representation (the handler compares and writes them);
* ``items``: nested collections (``Items`` / ``RoleItems``), each with its ``purge_*`` partner;
* ``flags``: per-kind switches the handler reads from ``Request.flags`` (``update_password``...).

No Ansible import here: this is data and translation only.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

# Keys of our own in an option dict (never passed to Ansible).
_OWN_KEYS = ("field", "range", "empty")
# What Keycloak keeps an int in (a Java int): a larger number fails at the server, after earlier writes.
JAVA_INT_MAX = 2147483647

STATE = dict(type="str", choices=["present", "absent"], default="present")
REALM = dict(type="str", default="master")
REPRESENTATION = dict(type="dict")
CLIENT_ROLES = dict(client_id=dict(type="str", required=True), roles=dict(type="list", elements="str", required=True))
UPDATE_PASSWORD = dict(type="str", choices=["on_create", "always"], default="on_create", no_log=False)


def camel(name):
    """``redirect_uris`` -> ``redirectUris``."""
    head, _sep, tail = name.partition("_")
    if not tail:
        return head
    return head + "".join(part[:1].upper() + part[1:] for part in tail.split("_"))


def field_of(name, option):
    return option.get("field") or camel(name)


def to_representation(params, spec):
    """The representation fields that ``params`` set, by the option ``spec`` (unset = left out).

    Options with declared suboptions are translated recursively; free-form dicts (``attributes``,
    ``config``) pass as they are.
    """
    representation = {}
    for name, option in spec.items():
        value = params.get(name)
        if value is None:
            continue
        suboptions = option.get("options")
        if suboptions and option.get("type") == "dict":
            value = to_representation(value, suboptions)
        elif suboptions and option.get("type") == "list":
            value = [to_representation(item, suboptions) for item in value]
        representation[field_of(name, option)] = value
    return representation


def ansible_spec(spec):
    """``spec`` without our own keys, for ``AnsibleModule``."""
    result = {}
    for name, option in spec.items():
        option = dict((key, value) for key, value in option.items() if key not in _OWN_KEYS)
        if "options" in option:
            option["options"] = ansible_spec(option["options"])
        result[name] = option
    return result


def input_problem(params, spec, _prefix=""):
    """``(option, value, reason)`` of the first option of ``params`` that ``spec`` refuses, or None.

    What Ansible's own type checks let through but Keycloak would take wrongly or refuse halfway
    through a task: a negative or too large number (a token lifespan of -5), an empty secret (an
    empty password credential). Options are visited in name order, suboptions under their item
    (``executions[1].priority``).
    """
    for name in sorted(spec):
        option = spec[name]
        value = (params or {}).get(name)
        if value is None:
            continue
        label = "%s.%s" % (_prefix, name) if _prefix else name
        reason = _value_problem(option, value)
        if reason:
            return label, value, reason
        suboptions = option.get("options")
        if suboptions and option.get("type") == "dict" and isinstance(value, dict):
            found = input_problem(value, suboptions, label)
        elif suboptions and option.get("type") == "list" and isinstance(value, list):
            found = next((input_problem(item, suboptions, "%s[%d]" % (label, index)) for index, item in enumerate(value)
                          if isinstance(item, dict) and input_problem(item, suboptions)), None)
        else:
            found = None
        if found:
            return found
    return None


def _value_problem(option, value):
    if option.get("type") == "int" and isinstance(value, int) and not isinstance(value, bool):
        lowest, highest = option.get("range", (0, JAVA_INT_MAX))
        if lowest is not None and value < lowest:
            return "must be %d or more%s" % (lowest, " (a duration, count or size is never negative)" if lowest == 0 else "")
        if highest is not None and value > highest:
            return "must be %d or less" % highest
    if isinstance(value, str) and value == "" and (option.get("empty") is False or option.get("no_log") is True):
        if option.get("no_log") is True:
            return "is empty: an empty secret is no secret (Keycloak would store it, and a login with it fails); leave the option out"
        return "is empty"
    return None


def with_defaults(params, spec):
    """``params`` with every option of ``spec`` present (its default, or None): what Ansible hands a module."""
    result = dict(params)
    for name, option in spec.items():
        if result.get(name) is None:
            result[name] = copy.deepcopy(option.get("default"))
        suboptions = option.get("options")
        if suboptions and result[name] is not None:
            if option.get("type") == "list":
                result[name] = [with_defaults(item, suboptions) for item in result[name]]
            else:
                result[name] = with_defaults(result[name], suboptions)
    return result


_NONE_LATER = frozenset()


class Request:
    """What a task (or one object of a whole-realm document) wants of one resource: the handler's only input.

    ``key``             the natural key (username, group path, clientId, ...)
    ``realm``           the realm the resource lives in (for a realm, its own name)
    ``state``           ``present`` or ``absent``
    ``representation``  desired fields in Keycloak's camelCase; a missing or None field is left alone
    ``items``           ``{collection: [items] or None}``; None leaves the collection alone
    ``purge``           ``{collection: True/False or a rule name the handler knows}``: remove items not listed
    ``flags``           per-kind switches (``update_password``, ``temporary``, ``parents``, ``client_id``...)
    ``later``           collections and fields whose writes wait until every object of the run has had its own
                        writes (``engine.FINISH``): a whole-realm document names objects that later parts of it
                        create (a realm binds a flow the document defines)
    """

    # A whole-realm run holds one for each of many users.
    __slots__ = ("kind", "realm", "key", "state", "representation", "items", "purge", "flags", "later")

    def __init__(self, kind, realm, key, state="present", representation=None, items=None, purge=None, flags=None, later=()):
        self.kind = kind
        self.realm = realm
        self.key = key
        self.state = state
        self.representation = representation or {}
        self.items = items or {}
        self.purge = purge or {}
        self.flags = flags or {}
        # One empty set for the many requests that name none (a whole-realm run makes a request per user).
        self.later = frozenset(later) if later else _NONE_LATER

    def __repr__(self):
        return "Request(%s %r in %r, %s)" % (self.kind, self.key, self.realm, self.state)


class Items:
    """A nested collection a task lists with one option, and its ``purge_<option>`` partner."""

    def __init__(self, collection, option, spec, purge=None):
        self.collection = collection
        self.option = option
        self.spec = spec
        self.purge = purge if purge is not None else "purge_" + option

    def options(self):
        return {self.option: self.spec, self.purge: dict(type="bool", default=False)}

    def items(self, params):
        value = params.get(self.option)
        if value is None:
            return None
        suboptions = self.spec.get("options")
        if suboptions:
            return [to_representation(item, suboptions) for item in value]
        return list(value)

    def purge_rule(self, params):
        return bool(params.get(self.purge))


class RoleItems(Items):
    """Realm and client role mappings, listed with ``realm_roles`` and ``client_roles`` and purged with ``purge_roles``."""

    def __init__(self, collection="roleMappings", realm_option="realm_roles", client_option="client_roles", purge="purge_roles"):
        Items.__init__(self, collection, realm_option, None, purge=purge)
        self.realm_option = realm_option
        self.client_option = client_option

    def options(self):
        return {
            self.realm_option: dict(type="list", elements="str"),
            self.client_option: dict(type="list", elements="dict", options=copy.deepcopy(CLIENT_ROLES)),
            self.purge: dict(type="bool", default=False),
        }

    def items(self, params):
        return role_items(params.get(self.realm_option), params.get(self.client_option))


def role_item(name, client_id=None):
    return {"name": name, "clientId": client_id or None}


def role_items(realm_roles=None, client_roles=None):
    """Role items from ``realm_roles`` (names) and ``client_roles`` (``[{client_id, roles}]``); None when neither is set."""
    if realm_roles is None and client_roles is None:
        return None
    items = [role_item(name) for name in realm_roles or []]
    for entry in client_roles or []:
        for name in entry.get("roles") or []:
            items.append(role_item(name, entry["client_id"]))
    return items


class Kind:
    """One resource kind.

    ``name``      the kind's name (``user``), as the registry and messages know it
    ``handler``   the ``engine.Handler`` subclass
    ``key``       the option that holds the natural key
    ``settings``  options that are representation fields
    ``items``     ``Items`` of the nested collections
    ``flags``     options the handler reads as ``Request.flags``
    ``common``    the common options (``realm``, ``state``, ``representation``), overridable
    ``shape``     ``shape(params, representation)`` finishes the representation (fields that are no
                  plain option: the key field, a PKCE attribute, ...)
    ``request``   a function ``(kind, params) -> Request`` replacing the default translation
    ``module``    extra ``AnsibleModule`` arguments (``required_one_of``, ``mutually_exclusive``)
    ``key_field`` the representation field that holds the key (set from the key option)
    ``normalise_key``  how the key is spelled canonically (a group path without stray slashes)
    ``peers``     ``{option: what to use here}`` for options of community.general's module of the kind that this
                  module spells otherwise: a task that gives one is refused naming ours (an option meaning the
                  same is an alias in ``settings`` instead)
    """

    def __init__(self, name, handler, key, settings=None, items=(), flags=None, common=None, shape=None, request=None, module=None,
                 key_field=None, normalise_key=None, peers=None):
        self.name = name
        self.handler = handler
        self.key = key
        self.key_field = key_field
        self.settings = settings or {}
        self.items = list(items)
        self.flags = flags or {}
        self.common = dict(realm=REALM, state=STATE, representation=REPRESENTATION) if common is None else common
        self.shape = shape
        self.build_request = request
        self.module = module or {}
        self.normalise_key = normalise_key
        self.peers = peers or {}

    def option_spec(self):
        """Every option of the kind, with our own keys (``field``)."""
        spec = copy.deepcopy(self.common)
        spec.update(copy.deepcopy(self.settings))
        for items in self.items:
            spec.update(copy.deepcopy(items.options()))
        spec.update(copy.deepcopy(self.flags))
        return spec

    def argument_spec(self):
        return ansible_spec(self.option_spec())

    def request(self, params):
        """The ``Request`` of a task's ``params`` (every option present, as Ansible hands them over)."""
        params = with_defaults(params, self.option_spec())
        if self.build_request is not None:
            return self.build_request(self, params)
        representation = to_representation(params, self.settings)
        raw = params.get("representation")
        if raw:
            merged = copy.deepcopy(raw)
            merged.update(representation)
            representation = merged
        if self.key_field:
            representation[self.key_field] = params[self.key]
        if self.shape is not None:
            representation = self.shape(params, representation)
        key = params[self.key]
        if self.normalise_key is not None:
            key = self.normalise_key(key)
        return Request(
            self.name,
            params.get("realm"),
            key,
            state=params.get("state") or "present",
            representation=representation,
            items=dict((items.collection, items.items(params)) for items in self.items),
            purge=dict((items.collection, items.purge_rule(params)) for items in self.items),
            flags=dict((name, params.get(name)) for name in self.flags),
        )
