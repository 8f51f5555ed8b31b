# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The planning context: what one run knows besides the server.

One context spans every plan of a run (one module task, or every object of a whole-realm
document). Handlers resolve references to other objects (a user's groups, a client's scopes,
a binding's flow) through it, never straight from the server, so:

* an object an earlier plan of the same run creates counts as existing (it is found again on
  the server when the write that needs its id runs);
* in check mode of a single task (``assume_missing``), a missing realm or referenced object is
  planned as if an earlier task of the play created it, with a warning naming it, instead of
  failing the dry run of a play that builds something new. A real run still fails before any
  write when the object is really missing.
* with the play's plan (``PlayPlan``: what the earlier tasks of the play planned on this server,
  which the collection's action plugin hands each task in check mode), that assumption is exact:
  a missing object an earlier task creates is silent, one that no earlier task creates fails the
  dry run, as the real run would; an object an earlier task deletes is missing; and what an
  earlier task leaves an object as (its ``end_state``) is what later checks read. The context
  notes what this run plans (``events``) for the tasks after it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from .client.exceptions import KeycloakError
from .client.urls import UnsafeSegmentError, unsafe_segment

# Keycloak's answer when the realm in the URL does not exist: a 404 like any missing object,
# told apart only by its message.
REALM_NOT_FOUND = "Realm not found"


# What every new realm has (Keycloak 26): references to these in a realm that the run creates
# (or that check mode assumes) are as good as existing ones.
BUILT_IN_FLOWS = frozenset(
    ("browser", "registration", "direct grant", "reset credentials", "clients", "docker auth", "first broker login")
)
BUILT_IN_ROLES = frozenset(("offline_access", "uma_authorization"))
BUILT_IN_CLIENT_SCOPES = frozenset(
    ("acr", "address", "basic", "email", "microprofile-jwt", "offline_access", "organization", "phone", "profile", "role_list",
     "roles", "saml_organization", "service_account", "web-origins",
     # Keycloak 26.7
     "AuthnContextClassRef")
)
# The realm whose built-in objects stand for those of a realm the run creates (check mode of a play that builds
# one): every server has it, a login that can create realms can read it, and a new realm's built-ins (flows,
# required actions) start as Keycloak made master's. A master realm changed by hand shows in such a prediction.
TEMPLATE_REALM = "master"
BUILT_IN_CLIENTS = frozenset(("account", "account-console", "admin-cli", "broker", "realm-management", "security-admin-console"))
# The key providers a new realm comes with (Keycloak 26.0 to 26.7).
BUILT_IN_KEY_PROVIDERS = frozenset(("rsa-generated", "rsa-enc-generated", "hmac-generated-hs512", "aes-generated"))
# The required actions a new Keycloak 26 realm has registered: in a realm this run creates (check
# mode of a play that builds one), these are planned as updates of the built-in action.
BUILT_IN_REQUIRED_ACTIONS = frozenset(
    ("CONFIGURE_TOTP", "TERMS_AND_CONDITIONS", "UPDATE_PASSWORD", "UPDATE_PROFILE", "VERIFY_EMAIL", "delete_account", "UPDATE_EMAIL",
     "webauthn-register", "webauthn-register-passwordless", "VERIFY_PROFILE", "delete_credential", "idp_link",
     "CONFIGURE_RECOVERY_AUTHN_CODES", "update_user_locale")
)


# The client Keycloak makes when fine-grained admin permissions v2 are turned on.
ADMIN_PERMISSIONS_CLIENT = "admin-permissions"
# The roles of the built-in clients of a new realm (Keycloak 26.7; 26.0 has no ``*-organizations`` roles): a dry run of a
# play that creates the realm may name them (a composite holding ``realm-management/view-users``).
BUILT_IN_CLIENT_ROLES = {
    "realm-management": (
        "create-client", "impersonation", "manage-authorization", "manage-clients", "manage-events", "manage-identity-providers",
        "manage-organizations", "manage-realm", "manage-users", "query-clients", "query-groups", "query-organizations", "query-realms",
        "query-users", "realm-admin", "view-authorization", "view-clients", "view-events", "view-identity-providers",
        "view-organizations", "view-realm", "view-users",
    ),
    "account": ("delete-account", "manage-account", "manage-account-links", "manage-consent", "view-applications", "view-consent",
                "view-groups", "view-profile"),
    "broker": ("read-token",),
}


def built_ins(realm):
    """``(kind, key)`` of every object a new realm comes with."""
    objects = [("flow", alias) for alias in BUILT_IN_FLOWS]
    objects += [("role", ("", name)) for name in BUILT_IN_ROLES | frozenset(("default-roles-%s" % realm.lower(),))]
    objects += [("client scope", name) for name in BUILT_IN_CLIENT_SCOPES]
    objects += [("client", client_id) for client_id in BUILT_IN_CLIENTS]
    objects += [("realm key", name) for name in BUILT_IN_KEY_PROVIDERS]
    return objects


class PlanError(Exception):
    """The desired state cannot be reached: raised while planning, before any write."""


def realm_missing(error):
    """True when a 404 says the realm itself does not exist."""
    return REALM_NOT_FOUND in (error.description or "")


def or_none(call, *args, **kwargs):
    """``call(...)``, or ``None`` when the server says 404: "not found" is decided here only.

    A 404 for a missing realm is not "the object is absent": it is raised.
    """
    try:
        return call(*args, **kwargs)
    except KeycloakError as error:
        if error.not_found and not realm_missing(error):
            return None
        raise


def realm_or_none(call, *args, **kwargs):
    """Like ``or_none``, for reading a realm itself: there a missing realm is the absent object."""
    try:
        return call(*args, **kwargs)
    except KeycloakError as error:
        if error.not_found:
            return None
        raise


# What an application needs to log users in with a realm, from its OpenID Connect discovery document.
ENDPOINT_FIELDS = ("issuer", "discovery_url", "authorization_endpoint", "token_endpoint", "userinfo_endpoint", "end_session_endpoint",
                   "jwks_uri")


def realm_endpoints(api, realm):
    """``{issuer, discovery_url, authorization_endpoint, token_endpoint, ...}`` of ``realm`` as its discovery document says.

    The document is the server's own answer (its configured hostname, not the admin URL the task used). Every value is
    None when the realm does not exist (yet: a realm planned in check mode).
    """
    document = realm_or_none(api.get_realm_openid_configuration, realm) or {}
    endpoints = dict((field, document.get(field)) for field in ENDPOINT_FIELDS)
    if endpoints["issuer"]:
        # OpenID Connect Discovery 1.0, section 4: the document lives under the issuer.
        endpoints["discovery_url"] = endpoints["issuer"].rstrip("/") + "/.well-known/openid-configuration"
    return endpoints


class Ref:
    """A referenced object: found on the server, created by an earlier plan, or assumed (check mode).

    ``value`` is the object as the server has it. For a planned object it is looked up when first
    asked for, which is after the plan that creates it has run.
    """

    def __init__(self, kind, key, value=None, find=None, origin="server"):
        self.kind = kind
        self.key = key
        self._value = value
        self._find = find
        self.origin = origin

    @property
    def exists(self):
        return self.origin == "server"

    @property
    def value(self):
        if self._value is None and self._find is not None and self.origin != "assumed":
            self._value = self._find()
            if self._value is None:
                raise PlanError("%s '%s' was to be created earlier in this run, but it does not exist" % (self.kind, self.key))
        return self._value

    @property
    def id(self):
        value = self.value
        return value.get("id") if isinstance(value, dict) else value


def _key(value):
    """A key as the play's plan carries it (JSON: a tuple becomes a list) made a key again."""
    return tuple(_key(item) for item in value) if isinstance(value, list) else value


class PlayPlan:
    """What the earlier tasks of the play planned on this server, from their events (in order):

    ``["create", realm, kind, key]``, ``["delete", realm, kind, key]``, ``["state", realm, kind, key, end_state]``.
    """

    def __init__(self, events=()):
        self.created = set()
        self.deleted = set()
        self.states = {}
        for event in events or []:
            self.replay(event)

    def replay(self, event):
        operation, realm, kind, key = event[0], event[1], event[2], _key(event[3])
        name = (realm, kind, key)
        if operation == "create":
            self.created.add(name)
            self.deleted.discard(name)
        elif operation == "delete":
            self.deleted.add(name)
            self.created.discard(name)
            self.states.setdefault((realm, kind), {})[key] = None
        elif operation == "state":
            self.states.setdefault((realm, kind), {})[key] = event[4]

    def creates_realm(self, realm):
        return (realm, "realm", realm) in self.created


class PlanContext:
    """References and realms across the plans of one run.

    ``api_for(realm)`` gives the admin API that manages ``realm``; ``assume_missing`` turns a
    missing realm or referenced object into an assumption (check mode of a single task); ``play``
    (a ``PlayPlan``, check mode only) makes that assumption exact. ``unread_states``: kinds whose end states no
    later plan and no play reads (a whole-realm run's users): not kept, as a run of many such objects would keep one
    per object.
    """

    def __init__(self, api_for, assume_missing=False, play=None, unread_states=(), events=True):
        self.api_for = api_for
        self.assume_missing = assume_missing
        self.play = play
        self._unread_states = frozenset(unread_states)
        # What this run plans, as the play's plan takes it (see ``PlayPlan``); none when ``events`` is false (a run whose
        # result no later task's plan reads: one that writes).
        self.events = []
        self._keep_events = events
        self.plans = []
        self.warnings = []
        # ``{(realm, kind): {key}}``: what an earlier plan of this run creates (one set per kind, not a tuple per object:
        # a whole-realm run plans many users).
        self._planned = {}
        # ``{(realm, kind): {key: state}}``: what each object planned so far will be once this run has written it
        # (None: deleted). A later plan that depends on it reads it here (a user given a required action that an
        # earlier plan registers or enables), not from the server as it is before the run.
        self._states = {}
        self._realms = {}
        # What a run that plans many objects reads once (``plan_many``): snapshots of whole collections and
        # the objects references find, kept while it plans and dropped before its first write.
        self._snapshots = {}
        self._remembered = None
        # The ``cache_reads`` of the connection whose reads ``plan_many`` reuses, until ``writing``.
        self._cached = None

    # ------------------------------------------------------------ realms

    def realm_status(self, realm):
        """``exists``, ``planned`` (an earlier plan creates it), ``assumed`` or None (not known yet)."""
        return self._realms.get(realm)

    def realm_is_new(self, realm):
        """True when the realm is not on the server yet (planned or assumed): nothing in it can be read."""
        return self._realms.get(realm) in ("planned", "assumed")

    def realm_created(self, realm):
        """The realm an earlier plan of the run creates has been written: from now on it is read like any realm."""
        self._realms[realm] = "exists"

    def realm_found(self, realm):
        self._realms.setdefault(realm, "exists")

    def realm_not_found(self, realm):
        """The server says the realm does not exist: an assumption in check mode, else an error."""
        if self._realms.get(realm) in ("planned", "assumed"):
            return
        if not self.assume_missing:
            raise PlanError("realm '%s' does not exist" % realm)
        if self.play is not None and not self.play.creates_realm(realm):
            raise PlanError("realm '%s' does not exist, and no earlier task of the play creates it" % realm)
        self._realms[realm] = "assumed"
        self._seed(realm)
        if self.play is None:
            self.warn("realm '%s' does not exist; planned as if an earlier task creates it" % realm)

    def _seed(self, realm):
        for kind, key in built_ins(realm):
            self._plans_to_create(realm, kind, key)
        for client_id, names in BUILT_IN_CLIENT_ROLES.items():
            for name in names:
                self._plans_to_create(realm, "role", (client_id, name))

    def _plans_to_create(self, realm, kind, key):
        found = self._planned.get((realm, kind))
        if found is None:
            found = self._planned[(realm, kind)] = set()
        found.add(key)

    def _creates(self, realm, kind, key):
        """True when an earlier plan of this run creates ``kind`` ``key``."""
        return key in self._planned.get((realm, kind), ())

    # ------------------------------------------------------ many objects

    def plan_many(self, connection=None):
        """From now until ``writing``, what is read once serves every plan: found references, realm-wide settings
        (``remembered``), snapshots (``snapshot``), and every GET sent through ``connection`` (its ``cache_reads``: the
        same list asked for by many plans is sent once). For a run that plans many objects at once."""
        self._remembered = {}
        cache_reads = getattr(connection, "cache_reads", None)
        if cache_reads is not None:
            cache_reads(True)
            self._cached = cache_reads

    def writing(self):
        """The run writes now: every later read goes to the server."""
        self._snapshots = {}
        self._remembered = None
        if self._cached is not None:
            self._cached(False)
            self._cached = None

    def use_snapshot(self, realm, name, read):
        """``read()`` gives the snapshot ``name`` of ``realm`` (read when first asked for, while planning)."""
        self._snapshots[(realm, name)] = read

    def snapshot(self, realm, name):
        """The snapshot ``name`` of ``realm`` while the run plans, or None (then each object is read by itself)."""
        found = self._snapshots.get((realm, name))
        if callable(found):
            found = self._snapshots[(realm, name)] = found()
        return found

    def remembered(self, realm, name, read):
        """``read()``, once per run that plans many objects (a realm's user profile, its required actions)."""
        if self._remembered is None:
            return read()
        if (realm, name) not in self._remembered:
            self._remembered[(realm, name)] = read()
        return self._remembered[(realm, name)]

    # ------------------------------------------------------- references

    def will_create(self, realm, kind, key, note=True):
        """An earlier plan of this run creates ``kind`` ``key`` in ``realm`` (``note``: an event for the play's plan)."""
        self._plans_to_create(realm, kind, key)
        if note and self._keep_events:
            self.events.append(["create", realm, kind, key])
        if kind == "realm":
            self._realms[key] = "planned"
            self._seed(key)

    def will_be(self, realm, kind, key, state):
        """An earlier plan of this run leaves ``kind`` ``key`` of ``realm`` as ``state`` (None: deletes it)."""
        if state is not None and kind in self._unread_states:
            return
        self._states.setdefault((realm, kind), {})[key] = state
        if self._keep_events:
            self.events.append(["delete", realm, kind, key] if state is None else ["state", realm, kind, key, state])

    def planned_states(self, realm, kind):
        """``{key: state}`` of every ``kind`` object of ``realm`` planned so far in this run, or by the earlier tasks of the
        play (None: deleted)."""
        states = dict(self.play.states.get((realm, kind)) or {}) if self.play is not None else {}
        states.update(self._states.get((realm, kind)) or {})
        return states

    def play_state(self, realm, kind, key):
        """``(True, state)`` when an earlier task of the play plans ``kind`` ``key`` of ``realm`` (the dry run of a single task):
        ``state`` is what that task leaves it as (None: deleted), which the real run would find. ``(False, None)`` otherwise."""
        if not self.assume_missing or self.play is None or self._creates(realm, kind, key) \
                or key in (self._states.get((realm, kind)) or {}):
            # A run that plans many objects (keycloak_realm_config) plans its own from the server: a realm an earlier task
            # creates is one it creates too, in its plan.
            return False, None
        states = self.play.states.get((realm, kind)) or {}
        if key not in states:
            return False, None
        return True, copy.deepcopy(states[key])

    def is_planned(self, realm, kind, key):
        return self._creates(realm, kind, key) or self._play_creates(realm, kind, key)

    def _play_creates(self, realm, kind, key):
        return self.play is not None and (realm, kind, key) in self.play.created

    def _play_deletes(self, realm, kind, key):
        return self.play is not None and (realm, kind, key) in self.play.deleted and not self._creates(realm, kind, key)

    def reference(self, realm, kind, key, find, what=None, hint=""):
        """The object ``kind`` ``key`` of ``realm`` as a ``Ref``; ``find()`` reads it from the server (None = absent).

        Raises ``PlanError`` ("<what> does not exist<hint>") when it is neither on the server nor
        planned, unless missing objects are assumed.
        """
        what = what or "%s '%s'" % (kind, key)
        # An empty or dot-segment name refers to nothing, whether or not it reaches a URL (a scope is matched by name
        # in a list): refused before any write, in check mode too, and the module names the option that holds it.
        # (A tuple key ends with the name: ``("", "reader")`` is a realm role, its empty client part means "none".)
        name = key[-1] if isinstance(key, tuple) and key else key
        if isinstance(name, str) and unsafe_segment(name):
            raise UnsafeSegmentError(kind, name)
        known = self._remembered.get((realm, "reference", kind, key)) if self._remembered is not None else None
        if known is not None:
            return known
        if not self.realm_is_new(realm):
            value = find()
            if value is not None and self._play_deletes(realm, kind, key):
                raise PlanError("%s is deleted by an earlier task of the play%s" % (what, hint))
            if value is not None:
                # Found: its lookup is not needed again (and would keep what it holds, the plan that asked, for the run).
                return self._remember_reference(realm, Ref(kind, key, value=value))
        if self._creates(realm, kind, key):
            return self._remember_reference(realm, Ref(kind, key, find=find, origin="planned"))
        if self._play_creates(realm, kind, key):
            # Created by an earlier task of the play: not on the server in a dry run.
            return Ref(kind, key, origin="assumed")
        if self.assume_missing and self.play is not None:
            raise PlanError("%s does not exist, and no earlier task of the play creates it%s" % (what, hint))
        if self.assume_missing:
            self.warn("%s does not exist; planned as if an earlier task creates it" % what)
            return Ref(kind, key, origin="assumed")
        if self.realm_is_new(realm):
            raise PlanError("%s does not exist: realm '%s' is created by this run and has no such object%s" % (what, realm, hint))
        raise PlanError("%s does not exist%s" % (what, hint))

    def _remember_reference(self, realm, ref):
        if self._remembered is not None:
            self._remembered[(realm, "reference", ref.kind, ref.key)] = ref
        return ref

    def warn(self, message):
        if message not in self.warnings:
            self.warnings.append(message)

    # ---------------------------------------------------------- many plans

    def handler(self, kind, params):
        """The handler of ``kind`` for one object's options (as a module task would give them)."""
        request = kind.request(params)
        return kind.handler(self.api_for(request.realm), request, self)

    def plan(self, kind, params):
        """Plan one object of ``kind`` in this run; later plans see what it creates."""
        from .engine import plan  # the engine builds on this module

        return self.add(plan(self.handler(kind, params)))

    def add(self, plan):
        self.plans.append(plan)
        return plan

    def apply(self):
        """Apply every plan of the run, in order, phase by phase (every plan's own writes, then every plan's
        finishing writes: see ``Request.later``); returns the plans."""
        from .engine import PHASES

        for phase in PHASES:
            for plan in self.plans:
                plan.apply(phase)
        return self.plans
